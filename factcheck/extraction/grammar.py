"""The attribution rules' word lists and regex fragments of one language, compiled once:
``attribution`` in its language.json (complementizers, times, possessors, subject starters,
the leading 'Pour X,' cue, the words between a post-posed cue and its subject …)."""

from __future__ import annotations

import re

from .lang import Lang, LanguageRules, rules_for
from .lexicon import NEVER, alternation


def _words_re(words: list[str]) -> str:
    """Alternation of whole words ('qu'' may run into the next word)."""
    if not words:
        return NEVER
    return "(?:" + "|".join(
        alternation([w]) + ("" if w[-1:] in "'’" else r"\b") for w in words) + ")"


class Grammar:
    """The attribution rules' word lists of one language (``attribution`` in language.json)."""

    def __init__(self, lang: LanguageRules):
        a = lang.settings.get("attribution", {})
        time = "|".join(a.get("time_re", [])) or NEVER
        pp = a.get("that_pp_re") or NEVER  # 'wrote in a memo to staff that'
        self.that = re.compile(
            rf"(?:\s+(?:{time}))?(?:\s+{pp})?\s*"
            rf"(?:{_words_re(a.get('complementizers', []))}|:|,|«|“|\")", re.I)
        final = "|".join(a.get("final_time_re", [])) or NEVER
        self.final = re.compile(rf"(?:\s+(?:{final}))?\s*[.!?]?[\"”»’]?\s*$", re.I)
        self.not_subject = frozenset(a.get("not_subject", []))
        self.participle_after = re.compile(
            rf"\s+{alternation(a.get('participle_after', []))}\b", re.I)
        self.subject_after = re.compile(
            rf"\s+(?:[A-ZÀ-Þ]|{_words_re(a.get('subject_starters', []))})")
        self.leading_prep = re.compile(a["leading_prep_cue"]) if a.get("leading_prep_cue") \
            else None
        # 'Pour l'élu, …', 'Pour la ministre, …': the same cue before a title for a person
        # (not 'Pour la première fois,', 'Pour les familles,': no opinion there)
        self.leading_title = re.compile(a.get("leading_title_cue") or NEVER)
        possessive = [a["possessive_re"]] if a.get("possessive_re") else []
        possessive.append(rf"(?<![\w-]){alternation(a.get('possessors', []))}")
        self.possessive = re.compile(rf"(?:{'|'.join(possessive)})\s+$", re.I)
        self.noun_next = re.compile(rf"\s+{alternation(a.get('noun_next', []))}\b")
        self.labels = frozenset(a.get("labels", []))
        self.reflexive = re.compile(a.get("reflexive_re") or NEVER, re.I)
        self.clause_start = re.compile(
            rf"\s+(?:['‘\"“]|{_words_re(a.get('clause_starters', []))})", re.I)
        self.det_noun = re.compile(
            rf"\b{alternation(a.get('noun_determiners', []))}\s+(?:[\w-]+\s+){{0,2}}[\w-]+\s+$",
            re.I)
        self.exclude = re.compile(alternation(a.get("idioms", [])), re.I)
        self.idiom_object = re.compile(rf"\s+{alternation(a.get('idiom_objects', []))}\b", re.I)
        self.finite_endings = tuple(a.get("finite_endings", []))
        self.adverb = a.get("adverb_suffix")
        self.inverting = re.compile(rf"(?:{a['inverting_before']})$" if a.get("inverting_before")
                                    else NEVER, re.I)
        self.parse_first = bool(a.get("parse_first"))
        self.negation = re.compile(a.get("negation_re") or NEVER, re.I)
        self.passive = re.compile(a.get("passive_re") or NEVER, re.I)
        self.clause = re.compile(
            rf"(?<![\w'’-]){alternation(lang.setting('speakers', 'clause_verbs', []))}\s", re.I)
        # 'Les équipes espèrent rétablir': a verb before an infinitive reports nothing
        self.infinitive_after = re.compile(a.get("infinitive_after_re") or NEVER)
        # a determiner and a noun (or two) opening the sentence right before a weak verb
        self.sentence_subject = re.compile(
            rf"^\W{{0,2}}{_words_re(a.get('subject_determiners', []))}\s*[\w'’-]+"
            r"(?:\s+[a-zà-ÿ][\w'’-]*){0,2}\s+$", re.I) if a.get("subject_determiners") \
            else re.compile(NEVER)
        # 'a expliqué jeudi à l'AFP la présidente': a time or a listener between a post-posed
        # cue and its subject
        self.after_cue = re.compile(a.get("after_cue_re") or NEVER)
        self.prev_word = re.compile(
            rf"([\w’'.-]+)\s+(?:\w+{self.adverb}\s+)?$" if self.adverb else r"([\w’'.-]+)\s+$")


def grammar(lang: Lang) -> Grammar:
    """The compiled attribution rules of a language (once per rules object)."""
    lang = rules_for(lang)
    return lang.memo("attribution", lambda: Grammar(lang))
