"""Compiled reporting-cue regexes (verbs, 'selon'/'according to', inverted forms) per language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .lexicon import alternation as alt

_AUX = {
    "fr": r"(?:(?:a|ont|avait|avaient|aurait|auraient|aura|auront|avons|avez|ai|as|est|sont|"
    r"était|étaient|"
    r"va|vont|vient\s+de|viennent\s+de|n['’]a|n['’]ont)\s+(?:{adv}\s+)*)",
    "en": r"(?:(?:has|have|had|was|were|is|are|will|would|could|should|might|may|did|does|do|also|"
    r"later|previously|repeatedly|flatly|publicly|already|often|then|recently|again|once|never|"
    r"reportedly|not|n['’]t|just|quickly|firmly|strongly|privately)\s+)*",
}
_ADV_FR = (
    "déjà|aussi|encore|également|ainsi|pourtant|notamment|bien|alors|ensuite|enfin|toutefois|"
    "cependant|longtemps|souvent|clairement|publiquement|récemment|pas|jamais|d['’]ailleurs|même|plusieurs\\s+fois"
)
_PRONOUNS = {"fr": "il|elle|on|ils|elles|je|tu|nous|vous", "en": "he|she|they|it|we|i|you"}
PRONOUN_WORDS = frozenset(
    "il elle on ils elles lui eux je tu nous vous he she they it we i you him her them "
    "me us moi toi".split()
)


@dataclass(frozen=True)
class CueRules:
    """Verb cues (with auxiliaries), inverted pronoun cues, prepositional cues, and lemma data."""

    verb: re.Pattern
    inverted: re.Pattern
    prep: re.Pattern
    weak: frozenset
    inverted_only: frozenset
    lang: str
    triggers: frozenset


def _forms(row: dict) -> list[str]:
    """Inflected forms of one cue row: listed forms plus the regular conjugation."""
    forms = list(row.get("forms", []))
    lemma = row["lemma"]
    if row.get("conj") == "er":
        st = lemma[:-2]
        forms += [
            st + x
            for x in (
                "e",
                "ent",
                "é",
                "ée",
                "és",
                "ées",
                "ait",
                "aient",
                "a",
                "èrent",
                "era",
                "eront",
                "ant",
                "ai",
                "ions",
                "es",
            )
        ]
    elif row.get("conj") == "reg":
        base = lemma[:-1] if lemma.endswith("e") else lemma
        forms += [base + "ed", base + "ing"]
    return forms


def _noun_like(row: dict) -> list[str]:
    """English base and -s forms of regular verbs double as nouns ('claims', 'reports'): weak."""
    lemma = row["lemma"]
    return [lemma, lemma + "s"] if row.get("conj") == "reg" else []


def _longest_part(form: str) -> str:
    """The longest run of letters of a cue form: present in every sentence that holds the form."""
    return max(re.findall(r"[^\W\d_]+", form.lower()), key=len)


@lru_cache(maxsize=None)
def cue_rules(lang: str) -> CueRules:
    """Compile (once) the cue regexes of a language."""
    rows = lexicon.load(f"cues_{lang}")
    verbs = [r for r in rows if r.get("kind", "verb") == "verb"]
    forms = {f: r for r in verbs for f in _forms(r)}
    nounish = {f: dict(r, weak=True) for r in verbs for f in _noun_like(r)}
    forms = {**nounish, **forms}
    preps = [f for r in rows if r.get("kind") == "prep" for f in r["forms"]]
    aux = _AUX[lang].format(adv=f"(?:{_ADV_FR})")
    verb_alt = alt(forms)
    pron = _PRONOUNS[lang]
    inv = (
        (
            rf"(?<![\w-])(?:(?P<iaux>a|ont|avait|avaient|aurait|avait)[-‑]t?[-‑]?(?P<ip1>{pron})\s+(?P<iv1>{verb_alt})"
            rf"|(?P<iv2>{verb_alt})[-‑](?:t[-‑])?(?P<ip2>{pron}))(?![\w])"
        )
        if lang == "fr"
        else r"(?!x)x"
    )
    return CueRules(
        verb=re.compile(rf"(?<![\w'’-])(?P<aux>{aux})?(?P<v>{verb_alt})(?![\w-])", re.I),
        inverted=re.compile(inv, re.I),
        prep=re.compile(rf"(?<![\w-])(?P<p>{alt(preps)})(?![\w-])", re.I),
        weak=frozenset(f.lower() for f, r in forms.items() if r.get("weak")),
        inverted_only=frozenset(f.lower() for f, r in forms.items() if r.get("inverted_only")),
        lang=lang,
        triggers=frozenset(_longest_part(f) for f in list(forms) + preps),
    )
