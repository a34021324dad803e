"""Markup and page furniture masked out of a text before it is parsed, offsets kept.

Scraped articles carry what is not prose: Markdown image and link syntax, front matter,
heading marks and anchors, HTML tags and entities, bare addresses, reading times, comment
counters, clock times, telephone numbers, channel names with digits. ``mask`` turns each of
these into spaces of the same length (newlines kept, so lines and paragraphs stay where they
were), so the engine never reads an address's digits as a figure, and every offset it gives
still indexes the original text. The patterns are data: ``text.jsonl`` rows of type ``mask``
(``patterns/`` for every language, ``lang/<code>/`` for one), each with a ``pattern``, and
``keep`` (a group left as written: a link's text) or ``mask`` (the only groups blanked: a
channel's digit), and ``needs``: words one of which the text must hold for the rule to be tried
(a shortcut: a rule whose pattern cannot match without them).
"""
from __future__ import annotations

import re

from .lang import Lang, PatternSet, patterns_for

MaskRule = tuple[re.Pattern, tuple[int, ...], tuple[int, ...], tuple[str, ...]]


def _rules(lang: Lang | None) -> tuple[MaskRule, ...]:
    """The mask rules of a language (with the shared ones), or the shared ones alone."""
    rules = patterns_for(lang)
    return rules.memo("masks", lambda: _compile(rules))


def _compile(rules: PatternSet) -> tuple[MaskRule, ...]:
    out = []
    for row in rules.all_rows("text", "mask"):
        keep, only = row.get("keep", ()), row.get("mask", ())
        out.append((re.compile(row["pattern"]),
                    tuple(keep if isinstance(keep, list) else [keep]) if keep else (),
                    tuple(only if isinstance(only, list) else [only]) if only else (),
                    tuple(w.lower() for w in row.get("needs", ()))))
    return tuple(out)


def masked_spans(text: str, lang: Lang | None = None) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text`` that ``mask`` blanks, in text order, merged. The
    rules run in their order, each on the text as the rules before it left it (a counter
    after an HTML tag is seen once the tag is blanked)."""
    spans: list[tuple[int, int]] = []
    current, lower = text, text.lower()
    for pattern, keep, only, needs in _rules(lang):
        if needs and not any(w in lower for w in needs):
            continue  # none of the words the rule starts from: it cannot match
        found = []
        for m in pattern.finditer(current):
            if only:
                found += [m.span(g) for g in only if m.start(g) >= 0]
                continue
            start = m.start()
            for g in keep:
                if m.start(g) >= 0:
                    found.append((start, m.start(g)))
                    start = m.end(g)
            found.append((start, m.end()))
        found = [s for s in found if s[1] > s[0]]
        if found:
            spans += found
            current = _blank(current, found)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """text with each span turned into spaces (newlines kept)."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def mask(text: str, lang: Lang | None = None) -> str:
    """``text`` with markup and furniture blanked: same length, newlines kept."""
    spans = masked_spans(text, lang)
    return _blank(text, spans) if spans else text
