"""Atoms of figures: bare numbers (digits, words, fractions, vague quantities) with their values."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from .figure_rules import Rules
from .lang import Lang, LanguageRules, rules_for
from .numbers import denominator, digits_value, magnitude, number_words, table, words_value


class Atom(NamedTuple):
    """A bare number found by the atom regex."""

    start: int
    end: int
    value: float
    kind: str
    qualifier: Optional[str] = None


def find_atoms(text: str, start: int, end: int, r: Rules, lang: Lang) -> list[Atom]:
    """The atoms of text[start:end], minus those inside dates, times, ordinals, phones."""
    blocked = _blocked(text, start, end, r) if r.digit.search(text, start, end) else []
    atoms = [a for m in _atom_matches(text, start, end, r) for a in atoms_of(m, lang)]
    return [a for a in atoms if not any(a.start < e and s < a.end for s, e in blocked)]


def _atom_matches(text: str, start: int, end: int, r: Rules):
    """What ``r.atom.finditer`` finds, tried only where an atom can start (a digit run, a sign,
    a number word): the same matches, without running the atom regex at every character."""
    pos = start
    for c in r.atom_start.finditer(text, start, end):
        p = c.start()
        if p < pos:
            continue
        m = r.atom.match(text, p, end)
        if m is None and text[p] in "-−":
            m = r.atom.match(text, p + 1, end)
        if m is not None and m.end() > m.start():
            yield m
            pos = m.end()


def _blocked(text: str, start: int, end: int, r: Rules) -> list[tuple[int, int]]:
    """Spans of dates, times, ordinals, phones...; searched only near digits (every one has one:
    20 characters before, 24 after, enough for "30 de septiembre")."""
    windows: list[list[int]] = []
    for m in r.digit_run.finditer(text, start, end):
        a, b = max(start, m.start() - 20), min(end, m.end() + 24)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    return [m.span() for a, b in windows for m in r.excluded.finditer(text, a, b)]


def atoms_of(m: re.Match, lang: Lang) -> list[Atom]:
    """Atoms of one match; a digit string that is no one number ('22,24,26') gives one per part."""
    a = _atom(m, rules_for(lang))
    if a is not None or not m.group("digits"):
        return [a] if a else []
    base = m.start("digits")
    return [
        Atom(base + p.start(), base + p.end(), float(p.group()), "digits")
        for p in re.finditer(r"\d+", m.group("digits"))
    ]


def _atom(m: re.Match, lang: LanguageRules) -> Optional[Atom]:
    """The Atom of one regex match, or None if it has no value."""
    g = m.groupdict()
    if g["vague"]:
        row = table("vague", lang)[" ".join(g["vague"].lower().split()).replace("’", "'")]
        return Atom(m.start(), m.end(), float(row["value"]), "vague", row.get("qualifier"))
    if g["fden"]:
        return _fraction_atom(m, g, lang)
    if g["mixed"]:
        return Atom(
            m.start(),
            m.end(),
            int(g["mixed"]) + int(g["mnum"]) / max(1, int(g["mden"])),
            "fraction",
        )
    if g["snum"]:
        return Atom(m.start(), m.end(), int(g["snum"]) / max(1, int(g["sden"])), "fraction")
    if g["digits"]:
        return _digits_atom(m, g, lang)
    return Atom(m.start(), m.end(), words_value(g["words"], lang), "words")


def _fraction_atom(m: re.Match, g: dict, lang: LanguageRules) -> Optional[Atom]:
    """'two-thirds', 'one hundred and thirty fifths'; 'three and two thirds' adds the whole part."""
    num, den = g["fnum"].lower(), denominator(g["fden"], lang)
    whole, n = 0.0, None
    words = number_words(lang)
    if num in words.articles:
        n = 1.0
    elif num[0].isdigit():
        n = digits_value(num, lang)
    else:
        n = words_value(num, lang, strict=True)
        if (n is None or _ends_in_big(num, lang)) and words.and_inner.search(num):
            head, right = num[: num.rfind(" ")].rsplit(None, 1)[0], num.rsplit(None, 1)[-1]
            whole, n = words_value(head, lang) or 0.0, words_value(right, lang)
            scale = magnitude(head.split()[-1], lang)
            n = n * scale if n is not None and scale > 100 else n
    if n is None or not den:
        return None
    return Atom(m.start(), m.end(), whole + n / den, "fraction")


def _ends_in_big(num: str, lang: LanguageRules) -> bool:
    """'six million and two': the part before the last 'and' ends with a thousand-or-more word."""
    head = number_words(lang).and_inner.split(num)[:-1]
    return bool(head) and magnitude(head[-1].split()[-1], lang) >= 1000


def _digits_atom(m: re.Match, g: dict, lang: LanguageRules) -> Optional[Atom]:
    """Digit atom; a space-grouped number must start with at most three digits."""
    s, raw = m.start("digits"), g["digits"]
    head = re.match(r"\d+", raw).group()
    if len(head) > 3 and len(raw) > len(head) and raw[len(head)] in " \u00a0\u202f":
        raw = head
    v = digits_value(raw, lang)
    if v is None:
        return None
    sign = -1 if g["neg"] else 1
    exp = g["exp"] or g["exp2"]
    if exp and raw == g["digits"]:
        return Atom(m.start(), m.end(), sign * v * 10 ** int(exp), "digits")
    return Atom(m.start(), s + len(raw), sign * v, "digits")
