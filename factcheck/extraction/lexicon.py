"""Load the JSONL pattern files in ``patterns/`` once, with light validation."""

from __future__ import annotations

import json
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


def alternation(items, flags_word: bool = True) -> str:
    """Regex alternation of literal strings, longest first, spaces matching any whitespace."""
    alts = sorted(set(items), key=len, reverse=True)
    esc = [r"\s+".join(map(_esc, a.split(" "))) for a in alts]
    return "(?:" + "|".join(esc) + ")"


def _esc(s: str) -> str:
    import re

    return re.escape(s).replace("'", "['’]").replace("\\-", "[-‑]")
