"""Find figures (numbers with qualifier, range, unit or counted noun) in a span of text."""
from __future__ import annotations

import re
from typing import Optional

from .figure_rules import Rules, rules
from .models import ExtractedFigure
from .numbers import denominator, digits_value, magnitude, table, words_value

_ARTICLES = {"un", "une", "one", "a", "an"}
_SYMBOL_UNITS = {"%"}


def find_figures(text: str, lang: str, start: int = 0, end: Optional[int] = None) -> list[ExtractedFigure]:
    """Figures in text[start:end]; offsets are offsets into text."""
    end = len(text) if end is None else end
    r = rules(lang)
    blocked = [m.span() for m in r.excluded.finditer(text, start, end)]
    atoms = [a for a in (_atom(m, lang) for m in r.atom.finditer(text, start, end)) if a]
    figures, taken = [], start
    for i, a in enumerate(atoms):
        if a[0] < taken or any(a[0] < e and s < a[1] for s, e in blocked):
            continue
        fig = _assemble(text, a, atoms[i + 1:], r, lang, start, end)
        if fig is not None:
            figures.append(fig)
            taken = fig.end
    return figures


def _atom(m: re.Match, lang: str):
    """(start, end, value, kind, qualifier) of one atom match, or None if it has no value."""
    g = m.groupdict()
    if g["vague"]:
        row = table("vague", lang)[" ".join(g["vague"].lower().split()).replace("’", "'")]
        return m.start(), m.end(), float(row["value"]), "vague", row.get("qualifier")
    if g["fden"]:
        num = g["fnum"].lower()
        n = 1.0 if num in _ARTICLES else digits_value(num, lang) if num[0].isdigit() else words_value(num, lang)
        den = denominator(g["fden"], lang)
        return (m.start(), m.end(), n / den, "fraction", None) if n is not None and den else None
    if g["mixed"]:
        v = int(g["mixed"]) + int(g["mnum"]) / max(1, int(g["mden"]))
        return m.start(), m.end(), v, "fraction", None
    if g["snum"]:
        return m.start(), m.end(), int(g["snum"]) / max(1, int(g["sden"])), "fraction", None
    if g["digits"]:
        return _digits_atom(m, g, lang)
    v = words_value(g["words"], lang)
    return (m.start(), m.end(), v, "words", None) if v is not None else None


def _digits_atom(m: re.Match, g: dict, lang: str):
    """Digit atom; a space-grouped number must start with at most three digits."""
    s, raw = m.start("digits"), g["digits"]
    head = re.match(r"\d+", raw).group()
    if len(head) > 3 and len(raw) > len(head) and raw[len(head)] in " \u00a0\u202f":
        raw = head
    v = digits_value(raw, lang)
    if v is None:
        return None
    if g["exp"] and raw == g["digits"]:
        v *= 10 ** int(g["exp"])
        return m.start(), m.end(), -v if g["neg"] else v, "digits", None
    return m.start(), s + len(raw), -v if g["neg"] else v, "digits", None


def _assemble(text, a, rest, r: Rules, lang, lo, hi) -> Optional[ExtractedFigure]:
    """Grow an atom into a figure: currency, qualifier, magnitude, range, then unit or noun."""
    s, e, value, kind, qual = a
    f = {"start": s, "end": e, "value": value, "low": None, "high": None, "unit": None,
         "qualifier": qual, "noun": None, "mag": False}
    _left(text, f, r, lo)
    if rest and rest[0][3] == "fraction" and kind in ("words", "digits"):
        _plus_fraction(text, f, rest, r, lang)
    _right(text, f, r, lang, hi)
    e2 = _range(text, f, rest, r, lang, hi)
    if e2 is None and not _keep(text, f, kind, a):
        return None
    return ExtractedFigure(text[f["start"]:f["end"]], f["start"], f["end"], f["value"], f["low"],
                           f["high"], f["unit"], f["qualifier"])


def _left(text, f, r: Rules, lo):
    """Take a currency symbol, a range opener or a qualifier written before the number."""
    window = text[max(lo, f["start"] - 40):f["start"]]
    m = r.cur_before.search(window)
    if m:
        f["start"] -= len(m.group())
        f["unit"] = _currency_code(m.group())
        window = window[:m.start()]
    m = r.qualifier.search(window)
    if m:
        f["start"] -= len(window) - m.start()
        f["qualifier"] = r.qualifiers.get(" ".join(m.group().lower().split()).replace("’", "'"))
        f["opener"] = None
        return
    m = r.opener.search(window)
    f["opener"] = m.group().split()[0].lower() if m else None
    if f["opener"] in ("entre", "between"):
        f["opener_start"] = f["start"] - (len(window) - m.start())


def _right(text, f, r: Rules, lang, hi):
    """Magnitude word, then a unit, a currency or a counted noun right after the number."""
    m = r.magnitude.match(text, f["end"], hi)
    if m and _magnitude_ok(m.group(), f):
        f["value"] = f["value"] * (1e6 if m.group().strip() in "Mm" else magnitude(m.group(), lang))
        f["end"], f["mag"] = m.end(), True
    m = r.unit.match(text, f["end"], hi) or r.currency.match(text, f["end"], hi)
    if m and (m.re is r.unit or not re.match(r"\s?(?:de|d['’]|of)", m.group(), re.I) or f["mag"]):
        f["unit"] = _unit_of(m.group(), lang) or f["unit"]
        f["end"] = m.end()
        return
    _noun(text, f, r, hi)


def _magnitude_ok(word: str, f) -> bool:
    """Short magnitudes ('m', 'bn', 'k') count only next to money or glued to the digits."""
    w = word.strip()
    if len(w) > 2 or w in ("bn", "mn", "tn", "M", "Md"):
        return True
    return f["unit"] is not None or (w == "k" and not word.startswith(" "))


def _noun(text, f, r: Rules, hi):
    """Counted noun or unit word ('soldats', 'km', 'miles'); 'de'/'of' only after a magnitude."""
    m = r.noun.match(text, f["end"], hi)
    if not m or (m.group("of") and not f["mag"] and f.get("kind") != "vague"):
        if not m or not m.group("of"):
            return
    word = m.group("noun")
    if word.lower() in r.stop or (word[0].isupper() and len(word) > 4 and not word.isupper()):
        return
    f["noun"], f["end"] = word, m.end()
    f["unit"] = f["unit"] or _unit_of(word, "") or word


def _range(text, f, rest, r: Rules, lang, hi):
    """Join 'entre 500 et 700', '3 to 4 L', '10-15': the figure's value becomes the low end."""
    m = r.join.match(text, f["end"], hi)
    if not m or not rest:
        return None
    word = m.group().strip(" -").lower()
    nxt = rest[0]
    gap = text[m.end():nxt[0]]
    if nxt[0] < m.end() or (gap and not r.cur_before.fullmatch(gap)):
        return None
    if word in ("et", "and", "ou", "or") and f.get("opener") not in ("entre", "between"):
        return None
    second = {"start": nxt[0], "end": nxt[1], "value": nxt[2], "unit": None, "noun": None, "mag": False}
    _right(text, second, r, lang, hi)
    f["low"], f["high"] = f["value"], second["value"]
    f["unit"] = second["unit"] or f["unit"]
    if f.get("opener_start") is not None:
        f["start"] = f["opener_start"]
    f["end"], f["qualifier"] = second["end"], f["qualifier"] or "range"
    return f["end"]


def _plus_fraction(text, f, rest, r: Rules, lang):
    """'five billion and three quarters', 'one hundred and two thirds': add the fraction."""
    m = r.plus_fraction.match(text, f["end"])
    if not m or m.end() != rest[0][0]:
        return
    last = text[f["start"]:f["end"]].split()[-1]
    f["value"] += rest[0][2] * (magnitude(last, lang) if magnitude(last, lang) > 100 else 1)
    f["end"] = rest[0][1]


def _keep(text, f, kind, a) -> bool:
    """Drop lone articles ('un', 'one') and bare years ('en 2024')."""
    raw = text[a[0]:a[1]].lower()
    extra = f["unit"] in _SYMBOL_UNITS or f["qualifier"] or f["mag"] or (f["unit"] and not f["noun"])
    if kind == "words" and raw in _ARTICLES:
        return bool(extra)
    if kind == "digits" and re.fullmatch(r"1\d{3}|20\d{2}|2100", raw) and not extra:
        return bool(f["noun"]) and f["noun"][-1:] in ("s", "x")
    return True


def _currency_code(s: str) -> Optional[str]:
    """ISO-like code of a currency symbol or word."""
    key = " ".join(s.strip().split())
    row = table("currency", "*").get(key.lower()) or table("currency", "*").get(key.replace(" ", "").lower())
    return row["code"] if row else None


def _unit_of(s: str, lang: str) -> Optional[str]:
    """Normalised unit for a unit/currency suffix ('%', 'EUR'); None if not one."""
    s = re.sub(r"^\s*(?:(?:de|d['’]|of)\s*)?", "", s, flags=re.I).strip()
    row = table("unit", "*").get(s.lower())
    if row:
        return row["unit"]
    return _currency_code(s)
