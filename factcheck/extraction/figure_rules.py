"""Compiled regular expressions for figures, built once per language from patterns/*.jsonl."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .lexicon import alternation as alt
from .numbers import table

_DIGITS = r"\d+(?:(?:[\u00a0\u202f ](?=\d{3}(?!\d))|[.,](?=\d))\d+)*"
_NOUN = r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:/[^\W\d_]+\d?|\^?\d|[²³])?"
_CUR_PRE = r"(?:(?:US|C|A|HK|NZ)\s?\$|\$|€|£|¥|(?<![\w])(?:EUR|USD|GBP|CHF|JPY|CAD|AUD))"


@dataclass(frozen=True)
class Rules:
    """Every regex the figure finder needs for one language."""

    atom: re.Pattern
    excluded: re.Pattern
    qualifier: re.Pattern
    opener: re.Pattern
    cur_before: re.Pattern
    magnitude: re.Pattern
    join: re.Pattern
    frac_magnitude: re.Pattern
    compound: re.Pattern
    cents: re.Pattern
    unit_words: frozenset
    unit: re.Pattern
    currency: re.Pattern
    noun: re.Pattern
    qualifiers: dict
    stop: frozenset
    digit: re.Pattern
    digit_run: re.Pattern
    word_trigger: re.Pattern


def _number_words(lang: str) -> str:
    """Alternation of number words and large magnitudes ('million', 'milliards')."""
    mags = [k for k in table("magnitude", lang) if len(k) > 3]
    return alt(list(table("word", lang)) + mags)


def _word_run(lang: str, with_and: bool = True, guard: bool = True) -> str:
    """A run of number words joined by spaces, hyphens, 'et'/'and', '&'; never eats a numerator."""
    frac = alt(table("fraction", lang))
    w = rf"{_number_words(lang)}(?![\w])"
    w2 = rf"{w}(?![\s-]+{frac}(?!\w))"
    et = r"(?:(?:et|and|&)[\s-]+)?" if with_and else ""
    glue = rf"(?:[\s-]+{et}|\s*,\s+(?=\w+\s+(?:hundred|thousand)))"
    lead = r"(?:(?:a|an)\s+(?=hundred|thousand|million|billion|trillion))?" if lang == "en" else ""
    first = rf"(?<![\w-]){lead}{w}"
    return rf"{first}(?:{glue}{w2 if guard else w})*"


def _atom(lang: str) -> re.Pattern:
    """Master alternation: vague quantities, fractions, mixed/slash fractions, digits, words."""
    vague = alt(table("vague", lang))
    frac = alt(table("fraction", lang))
    run, fnum = _word_run(lang), _word_run(lang, guard=False)
    return re.compile(
        rf"(?<![\w])(?P<vague>{vague})(?![\w])"
        rf"|(?<![\w])(?P<fnum>{fnum}|\d+|an?|une?)[\s-]+(?P<fden>{frac})(?![\w])"
        r"|(?<![\w/.,])(?P<mixed>\d+)\s(?P<mnum>\d{1,2})/(?P<mden>\d{1,3})(?![\w/])"
        r"|(?<![\w/.,])(?P<snum>\d{1,3})/(?P<sden>\d{1,3})(?![\w/])"
        rf"|(?<![\w.,])(?:(?<!\d\s)(?P<neg>[-−])(?=\d))?(?P<digits>{_DIGITS})"
        r"(?:[eE](?P<exp>[-+]?\d+)|\s?[x×]\s?10\^?(?P<exp2>[-+]?\d+))?"
        rf"|(?P<words>{run})(?![\w])",
        re.I,
    )


def _excluded(lang: str) -> re.Pattern:
    """Dates, clock times, ordinals, phone numbers and names with digits."""
    months = alt(lexicon.words("months", lang))
    return re.compile(
        rf"(?<![\d.,])\b\d{{1,2}}(?:er|st|nd|rd|th)?\s+{months}\.?(?:\s+\d{{2,4}})?(?!\w)"
        rf"|(?<!\w){months}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)"
        rf"|(?<!\w){months}\s+(?:de\s+)?\d{{4}}\b"
        r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"
        r"|\b\d{1,2}\s?[hH]\s?\d{2}\b|\b\d{1,2}h(?!\w)|\b\d{1,2}:\d{2}(?::\d{2})?\b"
        r"|\b\d{1,2}(?:[.:]\d{2})?\s?[ap]\.?\s?m\b\.?"
        r"|\b\d+(?:e|er|ère|re|ème|eme|è|nd|st|rd|th)(?![^\W\d_])(?![-+]?\d)"
        r"|(?<![\d.,])0\d{0,3}(?:[\s.-]\d{2,4}){2,4}(?!\d)|(?<!\d)0\d(?:[\s.-]?\d{2}){4}(?!\d)|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}"
        r"|\(?\b\d{3}\)?[\s.-]\d{3}-\d{4}\b"
        r"|(?<![\d.,])[A-Za-z][-‑]?\d+\b|(?:article|art\.|alinéa|section)\s+\d+(?:[.-]\d+)*"
        r"|(?-i:(?<=[a-z,] )[A-Z][a-z]{2,}\s\d{2,4}(?=\s+[A-Z][\w-]*\b|\s*$))"
        r"|\b(?:page|p\.|n°|no\.|#)\s?\d+",
        re.I,
    )


def _triggers(lang: str) -> str:
    """Every word that can start a figure written without digits."""
    words = (
        list(table("word", lang)) + list(table("magnitude", lang)) + list(table("fraction", lang))
    )
    words += [k.split()[0] for k in table("vague", lang)] + ["an"]
    return alt(words)


@lru_cache(maxsize=None)
def rules(lang: str) -> Rules:
    """Compile (once) the figure regexes of a language."""
    quals = {k: r["qualifier"] for k, r in table("qualifier", lang).items()}
    mags = alt(table("magnitude", lang))
    big = alt([k for k in table("magnitude", lang) if len(k) > 3])
    units = alt(table("unit", lang))
    curs = alt(table("currency", lang))
    stop = {
        w.lower()
        for w in lexicon.words("stopwords", lang)
        + lexicon.words("months", lang)
        + lexicon.words("weekdays", lang)
    }
    return Rules(
        atom=_atom(lang),
        excluded=_excluded(lang),
        qualifier=re.compile(rf"(?<![\w]){alt(quals)}\s+$", re.I),
        opener=re.compile(r"(?<![\w])(?:entre|between|from|de|d['’]|du)\s+$", re.I),
        cur_before=re.compile(rf"{_CUR_PRE}\s?$"),
        magnitude=re.compile(rf"\s?(?P<mag>{mags}|M|m|B)(?![\w])"),
        frac_magnitude=re.compile(rf"\s+(?:of\s+an?\s+|d['’]une?\s+)?(?P<mag>{big})(?![\w])", re.I),
        compound=re.compile(r"\s+(?P<w>and|et|virgule|point|over|sur|in)\s+", re.I),
        cents=re.compile(
            r"(?:\s+(?:and|et))?\s+(?P<n>\d{1,2}|[^\W\d_]+(?:[\s-][^\W\d_]+)?)"
            r"(?:\s+(?:cents?|centimes?|pence)\b|(?=\s*(?:[.,;!?]|$)))",
            re.I,
        ),
        unit_words=frozenset(k for k in table("unitword", lang)),
        join=re.compile(r"\s*(?:-\s*)?(?:-|–|—|à|to|through|et|and|ou|or)\s*", re.I),
        unit=re.compile(rf"\s?{units}(?![\w])", re.I),
        currency=re.compile(rf"[\s-]?(?:(?:de|d['’]|of)\s*)?{curs}(?!\w)", re.I),
        noun=re.compile(rf"(?:\s+|-|(?<=\d))(?:(?P<of>de\s+|d['’]|of\s+))?(?P<noun>{_NOUN})"),
        digit=re.compile(r"\d"),
        digit_run=re.compile(r"\d+"),
        word_trigger=re.compile(rf"(?<![\w]){_triggers(lang)}(?![\w])", re.I),
        qualifiers=quals,
        stop=frozenset(stop),
    )
