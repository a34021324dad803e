"""Numeric values of written numbers: digit strings in French or English style, and number words."""

from __future__ import annotations

import re
from typing import Optional

from text_to_num import text2num

from .lang import Lang, LanguageRules, rules_for
from .lexicon import alternation

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_GROUPED = re.compile(r"^\d{1,3}(?:[,.]\d{3})+$")


def digits_value(s: str, lang: Lang) -> Optional[float]:
    """Value of '10 000', '3,5', '1,674,200.5', '16.000,00' (decimal mark chosen by language)."""
    s = _SPACES.sub("", s).replace("−", "-")
    if not s:
        return None
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        return _float(s.replace("." if dec == "," else ",", "").replace(",", "."))
    sep = "," if "," in s else "." if "." in s else None
    if sep is None:
        return _float(s)
    if _GROUPED.match(s.lstrip("-")) and (s.count(sep) > 1 or _is_thousands(s, sep, lang)):
        return _float(s.replace(sep, ""))
    if s.count(sep) > 1:
        return None
    return _float(s.replace(",", "."))


def _is_thousands(s: str, sep: str, lang: Lang) -> bool:
    """A single ',ddd' is a thousands group where the language's thousands mark is ',' (English),
    a single '.ddd' one where it is '.' (French); a single '000' group in any language (nobody
    writes 25.000 for 25)."""
    return sep == rules_for(lang).setting("numbers", "thousands_mark") or s.endswith(sep + "000")


def _float(s: str) -> Optional[float]:
    try:
        return float(s)
    except ValueError:
        return None


def words_value(s: str, lang: Lang, strict: bool = False) -> Optional[float]:
    """Value of a run of number words ('trois cents', 'one hundred and sixty-one'), or None."""
    rules = rules_for(lang)
    words = number_words(rules)
    s = " ".join(words.spelling.get(w.lower(), w)
                 for w in s.replace("&", words.and_word).replace(",", " ").split())
    if words.lead is not None:
        s = words.lead.sub(words.one + " ", s)
    for cand in (s,) if strict else (s, words.and_.sub(" ", s)):
        try:
            return float(text2num(" ".join(cand.split()), rules.text2num))
        except ValueError:
            continue
    if strict:
        return None
    return _sum_of_parts(s, rules) or _times_magnitude(s, rules)


def _times_magnitude(s: str, lang: LanguageRules) -> Optional[float]:
    """'three dozens', 'two crore': number words times a magnitude text2num does not know."""
    head, _, last = s.rpartition(" ")
    mult = magnitude(last, lang)
    if not head or mult == 1.0:
        return None
    v = words_value(head, lang)
    return v * mult if v is not None else None


def _sum_of_parts(s: str, lang: LanguageRules) -> Optional[float]:
    """'one billion and a half million' style runs: add the values of the parts that parse."""
    parts = number_words(lang).and_split.split(s)
    if len(parts) < 2:
        return None
    vals = [words_value(p, lang) for p in parts]
    return sum(vals) if all(v is not None for v in vals) else None


class _Words:
    """The language's words that number-word parsing needs, compiled."""

    def __init__(self, rules: LanguageRules):
        ands = rules.setting("numbers", "and_words", [])
        lead = rules.setting("numbers", "number_lead", {})
        self.and_word = ands[0] if ands else "and"
        # spellings text2num does not read, and the ones it does ('veintiún' -> 'veintiuno')
        self.spelling = {k.lower(): v for k, v in
                         rules.setting("numbers", "word_spellings", {}).items()}
        self.and_ = re.compile(rf"\b{alternation(ands)}\b", re.I)
        self.and_split = re.compile(rf"\s+{alternation(ands)}\s+", re.I)
        self.and_inner = re.compile(rf"\s{alternation(ands)}\s", re.I)
        self.and_lead = re.compile(rf"^{alternation(ands)}\s+", re.I)
        # number words that are also articles ('un', 'one', 'a'): a figure only with more
        self.articles = frozenset(rules.setting("numbers", "articles", [])
                                  + rules.setting("numbers", "fraction_articles", []))
        self.one = lead.get("one") or ""
        self.lead = re.compile(rf"^{alternation(lead['words'])}\s+", re.I) \
            if lead.get("words") and self.one else None


def number_words(lang: Lang) -> _Words:
    """The compiled number words of a language (once per rules object)."""
    rules = rules_for(lang)
    return rules.memo("number-words", lambda: _Words(rules))


def table(type_: str, lang: Lang) -> dict[str, dict]:
    """numbers.jsonl rows of one type, keyed by lower-cased text."""
    return rules_for(lang).table(type_)


def magnitude(word: str, lang: Lang) -> float:
    """Multiplier of 'million', 'milliard', 'bn', 'k'... (1 when unknown)."""
    row = table("magnitude", lang).get(word.lower().strip())
    return float(row["value"]) if row else 1.0


def denominator(word: str, lang: Lang) -> Optional[float]:
    """Denominator of a fraction word: 'tiers' -> 3, 'fifths' -> 5."""
    row = table("fraction", lang).get(word.lower().strip())
    return float(row["denominator"]) if row else None
