"""Sentence segmentation on raw text: never across a paragraph, abbreviations kept whole."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from .lang import Lang, patterns_for

_PARA = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE = re.compile(r"\n")
# a terminator, optional closing quotes/brackets, then whitespace
_END = re.compile(r"(?:[.!?…]+|\.\.\.)[\"'»”’)\]]*(?=\s)")
_NEXT = re.compile(r"\s+(?:[«“\"'‘(\[—–-]{1,2}\s*)?[\dA-ZÀ-ÖØ-Þ¿¡]")
HEADING_WORDS = 16
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z]\.)*[A-ZÀ-Þ]$")


class Sentence(NamedTuple):
    """A sentence span of the original text, whether it is page furniture, and whether it is a
    heading (a line of its own with no closing punctuation: its figures are claims, but its
    verbs report nothing: 'Teachers say workload is driving them out')."""

    start: int
    end: int
    furniture: bool
    heading: bool = False


class _Rules(NamedTuple):
    abbreviations: frozenset[str]
    furniture: re.Pattern


def _rules(lang: Optional[Lang]) -> _Rules:
    """Abbreviations and furniture patterns of a language (with the shared ones), or the shared
    ones alone."""
    rules = patterns_for(lang)
    return rules.memo("sentences", lambda: _Rules(
        rules.word_set("abbreviations"),
        re.compile("|".join(f"(?:{r['pattern']})" for r in rules.all_rows("text", "furniture")),
                   re.I | re.U)))


def is_furniture(sentence: str, lang: Optional[Lang] = None) -> bool:
    """True for web-page furniture: hashtag runs, share lines, bylines, photo credits, menus."""
    return _rules(lang).furniture.search(" ".join(sentence.split())) is not None


def split_sentences(text: str, lang: Optional[Lang] = None) -> list[Sentence]:
    """Split text into sentences; offsets index text unchanged, whitespace trimmed."""
    rules = _rules(lang)
    out = []
    for a, b in _blocks(text):
        spans = [_trim(text, s, e) for s, e in _split_block(text, a, b, rules.abbreviations)]
        spans = [(s, e) for s, e in spans if e > s]
        for s, e in spans:
            out.append(Sentence(s, e, is_furniture(text[s:e], lang),
                                len(spans) == 1 and is_heading(text[s:e])))
    return out


def is_heading(line: str) -> bool:
    """A short line that ends with no sentence punctuation (closing quotes and emphasis marks
    aside): a title or subtitle."""
    bare = line.rstrip(" \t*_»”\"’')]")
    return bool(bare) and bare[-1] not in ".!?…:;," and len(line.split()) <= HEADING_WORDS


def _blocks(text: str):
    """Yield (start, end) of paragraphs, also cutting at single newlines that end a line."""
    pos = 0
    for m in _PARA.finditer(text):
        yield from _lines(text, pos, m.start())
        pos = m.end()
    yield from _lines(text, pos, len(text))


def _lines(text: str, a: int, b: int):
    """Cut a paragraph at a newline unless the line visibly continues (hard-wrapped prose)."""
    pos = a
    for m in _LINE.finditer(text, a, b):
        before = text[pos : m.start()].rstrip()
        after = text[m.end() : b].lstrip()
        if (
            before
            and after
            and (before[-1] in ",;-" or before[-1].islower())
            and after[:1].islower()
        ):
            continue
        yield pos, m.start()
        pos = m.end()
    yield pos, b


def _split_block(text: str, a: int, b: int, abbreviations: frozenset[str]):
    """Yield sentence spans inside one block."""
    pos = a
    for m in _END.finditer(text, a, b):
        if not _NEXT.match(text, m.end(), b) or _is_abbreviation(text, pos, m, abbreviations):
            continue
        yield pos, m.end()
        pos = m.end()
    yield pos, b


def _is_abbreviation(text: str, start: int, m: re.Match, abbreviations: frozenset[str]) -> bool:
    """True when the period ends an abbreviation or an initial ('M.', 'U.S.', 'J.')."""
    if not text.startswith(".", m.start()) or m.end() - m.start() > 1:
        return False
    word = re.search(r"[\w.\-]*$", text[max(start, m.start() - 20) : m.start()]).group()
    if word.lower() in abbreviations or word.lower().rstrip(".") in abbreviations:
        return True
    return bool(_INITIAL.search(text[max(start, m.start() - 12) : m.start()]))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
