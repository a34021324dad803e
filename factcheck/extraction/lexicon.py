"""Regex building from word lists (the lists themselves are data: ``lang/`` and ``patterns/``)."""

from __future__ import annotations

import re

NEVER = "(?!)"  # a regex that matches nothing


def alternation(items) -> str:
    """Regex matching any of the literal strings, as a prefix tree (fast in Python's re).

    Spaces match any whitespace, apostrophes both ' and ’, hyphens both - and the non-breaking one.
    An empty list gives a regex that never matches.
    """
    items = list(items)
    if not items:
        return NEVER
    trie: dict = {}
    for item in set(items):
        node = trie
        for unit in _units(item):
            node = node.setdefault(unit, {})
        node[""] = {}
    return _emit(trie)


def _units(s: str) -> list[str]:
    out = []
    for c in s:
        if c == " ":
            out.append(r"\s+")
        elif c in "'’":
            out.append("['’]")
        elif c in "-‑":
            out.append("[-‑]")
        else:
            out.append(re.escape(c))
    return out


def _emit(node: dict) -> str:
    """Regex of a trie node: longest branches first so that greedy matching prefers them."""
    ends = "" in node
    branches = [u + _emit(child) for u, child in node.items() if u != ""]
    if not branches:
        return ""
    branches.sort(key=len, reverse=True)
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body
