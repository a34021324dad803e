"""Load the JSONL pattern files in ``patterns/`` once, with light validation."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

PATTERNS = Path(__file__).with_name("patterns")
REQUIRED = {
    "numbers": ("lang", "type", "text"),
    "text": ("type", "lang"),
    "cues_fr": ("lemma",),
    "cues_en": ("lemma",),
}


@lru_cache(maxsize=None)
def load(name: str) -> tuple[dict, ...]:
    """Return the rows of ``patterns/<name>.jsonl``; raise ValueError on a malformed row."""
    rows = []
    path = PATTERNS / f"{name}.jsonl"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        missing = [k for k in REQUIRED.get(name, ()) if k not in row]
        if missing:
            raise ValueError(f"{path.name}:{n}: missing {', '.join(missing)}")
        rows.append(row)
    return tuple(rows)


def select(name: str, type_: str, lang: str) -> list[dict]:
    """Rows of one type for a language (rows tagged ``*`` apply to every language)."""
    return [r for r in load(name) if r.get("type") == type_ and r.get("lang") in (lang, "*")]


def words(type_: str, lang: str) -> list[str]:
    """The merged word list of ``text.jsonl`` rows of one type."""
    return [w for r in select("text", type_, lang) for w in r["words"]]


def alternation(items) -> str:
    """Regex matching any of the literal strings, as a prefix tree (fast in Python's re).

    Spaces match any whitespace, apostrophes both ' and ’, hyphens both - and the non-breaking one.
    """
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
