"""Compiled reporting-cue regexes (verbs, 'selon'/'according to', inverted forms) per language,
from its ``cues.jsonl`` and the ``cues`` section of its ``language.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lang import Lang, LanguageRules, rules_for
from .lexicon import NEVER
from .lexicon import alternation as alt


@dataclass(frozen=True)
class CueRules:
    """Verb cues (with auxiliaries), inverted pronoun cues, prepositional cues, and lemma data."""

    verb: re.Pattern
    inverted: re.Pattern
    prep: re.Pattern
    weak: frozenset
    inverted_only: frozenset
    quoted: frozenset  # forms that report only a quote they introduce ('a défendu « … »')
    # forms that report only with what they introduce or a post-posed place ('a tranché :',
    # 'pense que', '», tranche la ministre'), never on a subject alone ('a tranché en faveur')
    clause_only: frozenset
    listener: frozenset  # forms whose object is the listener ('told reporters'): no speaker after
    lang: str
    triggers: frozenset
    pronouns: frozenset


def _forms(row: dict, conjugations: dict) -> list[str]:
    """Inflected forms of one cue row: listed forms plus those of its conjugation (the
    language's table: strip an ending from the lemma, add each suffix)."""
    forms = list(row.get("forms", []))
    conj = conjugations.get(row.get("conj"))
    if conj:
        lemma, strip = row["lemma"], conj.get("strip", "")
        stem = lemma[: -len(strip)] if strip and lemma.endswith(strip) else lemma
        forms += [stem + x for x in conj["suffixes"]]
    return forms


def _noun_like(row: dict, conjugations: dict) -> list[str]:
    """Forms that double as nouns ('claims', 'reports'): weak cues."""
    conj = conjugations.get(row.get("conj")) or {}
    return [row["lemma"] + x for x in conj.get("noun_suffixes", [])]


def _longest_part(form: str) -> str:
    """The longest run of letters of a cue form: present in every sentence that holds the form."""
    return max(re.findall(r"[^\W\d_]+", form.lower()), key=len)


def cue_rules(lang: Lang) -> CueRules:
    """The compiled cue regexes of a language (once per rules object)."""
    lang = rules_for(lang)
    return lang.memo("cues", lambda: _compile(lang))


def _compile(lang: LanguageRules) -> CueRules:
    rows = lang.rows("cues")
    settings = lang.settings.get("cues", {})
    conjugations = settings.get("conjugations", {})
    verbs = [r for r in rows if r.get("kind", "verb") == "verb"]
    forms = {f: r for r in verbs for f in _forms(r, conjugations)}
    nounish = {f: dict(r, weak=True) for r in verbs for f in _noun_like(r, conjugations)}
    forms = {**nounish, **forms}
    preps = [f for r in rows if r.get("kind") == "prep" for f in r["forms"]]
    aux = settings.get("auxiliary_chain", "").replace(
        "{auxiliaries}", alt(settings.get("auxiliaries", []))).replace(
        "{adverbs}", alt(settings.get("adverbs", [])))
    # a row's "patterns": regex forms for frames with an object inside ('put the cost of the
    # strikes at', 'chiffre à … l'enveloppe'), tried before the literal forms
    frames = [p for r in verbs for p in r.get("patterns", [])]
    verb_alt = "|".join([f"(?:{p})" for p in frames] + [alt(forms)]) if frames else alt(forms)
    pron = alt(settings.get("subject_pronouns", []))
    inv = (settings.get("inverted") or NEVER).replace("{pronouns}", pron).replace(
        "{verbs}", verb_alt)
    aux_group = rf"(?P<aux>{aux})?" if aux else "(?P<aux>(?!))?"
    return CueRules(
        verb=re.compile(rf"(?<![\w'’-]){aux_group}(?P<v>{verb_alt})(?![\w-])", re.I),
        inverted=re.compile(inv, re.I),
        prep=re.compile(rf"(?<![\w-])(?P<p>{alt(preps)})(?![\w-])", re.I),
        weak=frozenset(f.lower() for f, r in forms.items() if r.get("weak")),
        inverted_only=frozenset(f.lower() for f, r in forms.items() if r.get("inverted_only")),
        quoted=frozenset(f.lower() for f, r in forms.items() if r.get("quoted")),
        clause_only=frozenset(f.lower() for f, r in forms.items() if r.get("clause_only")),
        listener=frozenset(f.lower() for f, r in forms.items() if r.get("listener")),
        lang=lang.code,
        triggers=frozenset(_longest_part(f) for f in list(forms) + preps),
        pronouns=frozenset(w.lower() for w in settings.get("pronoun_words", [])),
    )
