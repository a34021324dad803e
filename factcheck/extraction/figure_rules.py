"""Compiled regular expressions for figures, built once per rules object from the language's
data (``lang/<code>/numbers.jsonl``, the ``numbers`` section of its ``language.json``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .lang import Lang, LanguageRules, rules_for
from .lexicon import NEVER
from .lexicon import alternation as alt

# a space a masked HTML entity left ('1&nbsp;480', '20,5&nbsp;millions'): its own length
_GAP = r"(?: {6,8}|\s)"
_DIGITS = r"\d+(?:(?:(?:[\u00a0\u202f ]|[ ]{6,8})(?=\d{3}(?!\d))|[.,](?=\d))\d+)*"
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
    qualifier_not_after: dict  # qualifier -> the words it is not one after ('go up to')
    stop: frozenset
    digit: re.Pattern
    digit_run: re.Pattern
    word_trigger: re.Pattern
    atom_start: re.Pattern
    minus: re.Pattern
    halves: re.Pattern
    half_values: dict
    openers: dict
    joins: dict
    compounds: dict
    articles: frozenset
    year_nouns: frozenset
    of_lead: re.Pattern
    ratio: re.Pattern
    ratio_after_noun: Optional[re.Pattern]
    plural_head: Optional[re.Pattern]
    change: re.Pattern
    change_values: dict
    change_by: re.Pattern
    change_ops: dict


def _number_words(lang: LanguageRules) -> str:
    """Alternation of number words and large magnitudes ('million', 'milliards')."""
    mags = [k for k in lang.table("magnitude") if len(k) > 3]
    return alt(list(lang.table("word")) + mags)


def _word_run(lang: LanguageRules, with_and: bool = True, guard: bool = True) -> str:
    """A run of number words joined by spaces, hyphens, 'et'/'and', '&'; never eats a numerator."""
    frac = alt(lang.table("fraction"))
    num = lang.settings.get("numbers", {})
    w = rf"{_number_words(lang)}(?![\w])"
    w2 = rf"{w}(?![\s-]+{frac}(?!\w))"
    et = rf"(?:(?:{alt(num.get('and_words', []) + ['&'])})[\s-]+)?" if with_and else ""
    glue = rf"[\s-]+{et}"
    if num.get("comma_before"):  # 'one thousand, two hundred'
        glue = rf"(?:{glue}|\s*,\s+(?=\w+\s+{alt(num['comma_before'])}))"
    lead = num.get("number_lead", {})
    lead = rf"(?:{alt(lead['words'])}\s+(?={alt(lead['before'])}))?" \
        if lead.get("words") else ""
    first = rf"(?<![\w-]){lead}{w}"
    return rf"{first}(?:{glue}{w2 if guard else w})*"


def _atom(lang: LanguageRules) -> re.Pattern:
    """Master alternation: vague quantities, fractions, mixed/slash fractions, digits, words."""
    vague = alt(lang.table("vague"))
    frac = alt(lang.table("fraction"))
    run, fnum = _word_run(lang), _word_run(lang, guard=False)
    one = alt(lang.setting("numbers", "fraction_articles", []))
    return re.compile(
        rf"(?<![\w])(?P<vague>{vague})(?![\w])"
        rf"|(?<![\w])(?P<fnum>{fnum}|\d+|{one})[\s-]+(?P<fden>{frac})(?![\w])"
        r"|(?<![\w/.,])(?P<mixed>\d+)\s(?P<mnum>\d{1,2})/(?P<mden>\d{1,3})(?![\w/])"
        r"|(?<![\w/.,])(?P<snum>\d{1,3})/(?P<sden>\d{1,3})(?![\w/])"
        rf"|(?<![\w.,])(?:(?<!\d\s)(?P<neg>[-−])(?=\d))?(?P<digits>{_DIGITS})"
        r"(?:[eE](?P<exp>[-+]?\d+)|\s?[x×]\s?10\^?(?P<exp2>[-+]?\d+))?"
        rf"|(?P<words>{run})(?![\w])",
        re.I,
    )


def _excluded(lang: LanguageRules) -> re.Pattern:
    """Dates, clock times, ordinals, phone numbers and names with digits."""
    months = alt(lang.words("months"))
    num = lang.settings.get("numbers", {})
    day = alt(num.get("day_suffixes", []))
    day_joins = num.get("day_month_joins", [])
    day_join = rf"(?:{alt(day_joins)}\s+)?" if day_joins else ""
    joins = num.get("month_year_joins", [])
    join = rf"(?:{alt(joins)}\s+)?" if joins else ""
    ordinal = alt(num.get("ordinal_suffixes", []))
    refs, pages = alt(num.get("reference_words", [])), alt(num.get("page_words", []))
    return re.compile(
        rf"(?<![\d.,])\b\d{{1,2}}(?:{day})?\s+{day_join}{months}\.?"
        rf"(?:\s+{join}\d{{2,4}})?(?!\w)"
        rf"|(?<!\w){months}\.?\s+\d{{1,2}}(?:{day})?(?:,?\s+\d{{4}})?(?!\d)"
        rf"|(?<!\w){months}\s+{join}\d{{4}}\b"
        r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"
        r"|\b\d{1,2}\s?[hH]\s?\d{2}\b|\b\d{1,2}h(?!\w)|\b\d{1,2}:\d{2}(?::\d{2})?\b"
        r"|\b\d{1,2}(?:[.:]\d{2})?\s?[ap]\.?\s?m\b\.?"
        rf"|\b\d+{ordinal}(?![^\W\d_])(?![-+]?\d)"
        r"|(?<![\d.,])0\d{0,3}(?:[\s.-]\d{2,4}){2,4}(?!\d)|(?<!\d)0\d(?:[\s.-]?\d{2}){4}(?!\d)|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}"
        r"|\(?\b\d{3}\)?[\s.-]\d{3}-\d{4}\b"
        rf"|(?<![\d.,])[A-Za-z][-‑]?\d+\b|{refs}\s+\d+(?:[.-]\d+)*"
        r"|(?-i:(?<=[a-z,] )[A-Z][a-z]{2,}\s\d{2,4}(?=\s+[A-Z][\w-]*\b|\s*$))"
        rf"|\b{pages}\s?\d+",
        re.I,
    )


def _triggers(lang: LanguageRules) -> str:
    """Every word that can start a figure written without digits."""
    words = list(lang.table("word")) + list(lang.table("magnitude")) \
        + list(lang.table("fraction"))
    words += [k.split()[0] for k in lang.table("vague")]
    words += [k.split()[0] for k in lang.table("change")]
    words += lang.setting("numbers", "fraction_articles", [])
    words += lang.setting("numbers", "number_lead", {}).get("words", [])
    return alt(words)


def _of(words: list[str]) -> str:
    """'de ', "d'", 'of ': a word before a counted noun, glued when it ends with an apostrophe."""
    if not words:
        return NEVER
    return "(?:" + "|".join(alt([w]) + ("" if w[-1:] in "'’" else r"\s+") for w in words) + ")"


def rules(lang: Lang) -> Rules:
    """The compiled figure regexes of a language (once per rules object)."""
    lang = rules_for(lang)
    return lang.memo("figures", lambda: _compile(lang))


def _compile(lang: LanguageRules) -> Rules:
    num = lang.settings.get("numbers", {})
    quals = {k: r["qualifier"] for k, r in lang.table("qualifier").items()}
    mags = alt(lang.table("magnitude"))
    big = alt([k for k in lang.table("magnitude") if len(k) > 3])
    units = alt(lang.table("unit"))
    curs = alt(lang.table("currency"))
    stop = {w.lower() for w in lang.words("stopwords") + lang.words("months")
            + lang.words("weekdays")}
    ands = alt(num.get("and_words", []))
    of = _of(num.get("of_words", []))
    openers = {k.replace("’", "'"): v for k, v in num.get("range_openers", {}).items()}
    joins = num.get("range_joins", {})
    compounds = num.get("compound_joins", {})
    halves = num.get("halves", {})
    arts = num.get("magnitude_articles", [])
    art = rf"(?:{alt(arts)}\s+)?" if arts else ""
    return Rules(
        atom=_atom(lang),
        excluded=_excluded(lang),
        qualifier=re.compile(rf"(?<![\w]){alt(quals)}\s+$", re.I),
        opener=re.compile(rf"(?<![\w]){alt(openers)}\s+$", re.I),
        cur_before=re.compile(rf"{_CUR_PRE}{_GAP}?$"),
        # the table's forms in any case ('Md', 'BN', 'K'); the lone letters only as written
        magnitude=re.compile(rf"{_GAP}?(?P<mag>(?i:{mags})|M|m|B|T)(?![\w])"),
        frac_magnitude=re.compile(rf"\s+{art}(?P<mag>{big})(?![\w])", re.I),
        compound=re.compile(rf"(?:\s+|-)(?P<w>{alt(compounds)})(?:\s+|-)", re.I),
        cents=re.compile(
            rf"(?:\s+{ands})?\s+(?P<n>\d{{1,2}}|[^\W\d_]+(?:[\s-][^\W\d_]+)?)"
            rf"(?:\s+{alt(num.get('cents_words', []))}\b|(?=\s*(?:[.,;!?]|$)))",
            re.I,
        ),
        unit_words=frozenset(k for k in lang.table("unitword")),
        join=re.compile(rf"\s*(?:-\s*)?(?:-|–|—|{alt(joins)})\s*", re.I),
        unit=re.compile(rf"{_GAP}?{units}(?![\w])", re.I),
        currency=re.compile(rf"[\s-]?(?:{alt(num.get('of_words', []))}\s*)?{curs}(?!\w)", re.I),
        noun=re.compile(rf"(?:\s+|-|(?<=\d))(?:(?P<of>{of}))?(?P<noun>{_NOUN})"),
        digit=re.compile(r"\d"),
        digit_run=re.compile(r"\d+"),
        word_trigger=re.compile(rf"(?<![\w]){_triggers(lang)}(?![\w])", re.I),
        atom_start=re.compile(rf"(?<!\d)[-−]?\d|(?<![\w]){_triggers(lang)}(?![\w])", re.I),
        qualifiers=quals,
        qualifier_not_after={
            k: re.compile(rf"(?<![\w]){alt(r['not_after'])}\s+$", re.I)
            for k, r in lang.table("qualifier").items() if r.get("not_after")},
        stop=frozenset(stop),
        minus=re.compile(rf"(?<![\w-]){alt(num.get('minus_words', []))}\s+$", re.I),
        halves=re.compile(rf"(?:{alt(num.get('fraction_articles', []))}[\s-]+)?"
                          rf"({alt(halves)})\b", re.I),
        half_values={k.lower(): float(v) for k, v in halves.items()},
        openers=openers,
        joins={k.lower(): v for k, v in joins.items()},
        compounds={k.lower(): v for k, v in compounds.items()},
        articles=frozenset(num.get("articles", []) + num.get("fraction_articles", [])),
        year_nouns=frozenset(num.get("year_nouns", [])),
        ratio=re.compile(rf"\s+{alt(num.get('ratio_words', []))}\s+", re.I),
        ratio_after_noun=re.compile(
            rf"\s+(?P<noun>[^\W\d_][\w'’-]*)\s+{alt(num.get('ratio_words', []))}\s+", re.I)
        if num.get("ratio_after_noun") else None,
        change=re.compile(rf"(?<![\w-]){alt(lang.table('change'))}(?![\w-])", re.I),
        change_values={k: float(r["value"]) for k, r in lang.table("change").items()},
        change_by=re.compile(rf"(?<![\w-]){alt(lang.table('change_by'))}\s+$", re.I),
        change_ops={k: r["op"] for k, r in lang.table("change_by").items()},
        plural_head=re.compile(
            rf"\s+(?P<head>[a-z][\w'’-]*{re.escape(num['plural_head_suffix'])})(?![\w'’-])")
        if num.get("plural_head_suffix") else None,
        of_lead=re.compile(rf"^[\s-]*(?:{alt(num.get('of_words', []))}\s*)?", re.I),
    )
