"""Numeric values of written numbers: digit strings in French or English style, and number words."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from text_to_num import text2num

from . import lexicon

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_GROUPED = re.compile(r"^\d{1,3}(?:[,.]\d{3})+$")


def digits_value(s: str, lang: str) -> Optional[float]:
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


def _is_thousands(s: str, sep: str, lang: str) -> bool:
    """A single ',ddd' is a thousands group in English, a single '.ddd' one in French (and a
    single '000' group in either: nobody writes 25.000 for 25)."""
    return (sep == "," and lang == "en") or (sep == "." and lang == "fr") \
        or s.endswith(sep + "000")


def _float(s: str) -> Optional[float]:
    try:
        return float(s)
    except ValueError:
        return None


def words_value(s: str, lang: str, strict: bool = False) -> Optional[float]:
    """Value of a run of number words ('trois cents', 'one hundred and sixty-one'), or None."""
    s = " ".join(s.replace("&", "and").replace(",", " ").split())
    if lang == "en":
        s = re.sub(r"^an?\s+", "one ", s, flags=re.I)
    for cand in (s,) if strict else (s, re.sub(r"\b(?:and|et)\b", " ", s)):
        try:
            return float(text2num(" ".join(cand.split()), lang))
        except ValueError:
            continue
    if strict:
        return None
    return _sum_of_parts(s, lang) or _times_magnitude(s, lang)


def _times_magnitude(s: str, lang: str) -> Optional[float]:
    """'three dozens', 'two crore': number words times a magnitude text2num does not know."""
    head, _, last = s.rpartition(" ")
    mult = magnitude(last, lang)
    if not head or mult == 1.0:
        return None
    v = words_value(head, lang)
    return v * mult if v is not None else None


def _sum_of_parts(s: str, lang: str) -> Optional[float]:
    """'one billion and a half million' style runs: add the values of the parts that parse."""
    parts = re.split(r"\s+(?:and|et)\s+", s)
    if len(parts) < 2:
        return None
    vals = [words_value(p, lang) for p in parts]
    return sum(vals) if all(v is not None for v in vals) else None


@lru_cache(maxsize=None)
def table(type_: str, lang: str) -> dict[str, dict]:
    """numbers.jsonl rows of one type, keyed by lower-cased text."""
    return {r["text"].lower(): r for r in lexicon.select("numbers", type_, lang)}


def magnitude(word: str, lang: str) -> float:
    """Multiplier of 'million', 'milliard', 'bn', 'k'... (1 when unknown)."""
    row = table("magnitude", lang).get(word.lower().strip())
    return float(row["value"]) if row else 1.0


def denominator(word: str, lang: str) -> Optional[float]:
    """Denominator of a fraction word: 'tiers' -> 3, 'fifths' -> 5."""
    row = table("fraction", lang).get(word.lower().strip())
    return float(row["denominator"]) if row else None
