"""The words a claim puts in the full-text index, and the ones a new claim searches with.

Terms are plain lower-case letters and digits, so SQLite FTS5 (unicode61) and PostgreSQL's
``simple`` text search both keep each as one token: ``c`` + concept id (language-neutral),
``w`` + word stem, ``n`` + figure value, ``y`` + year.
"""

from __future__ import annotations

import re

from .signature import Signature

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
QUERY_TERMS = 8


def _token(key: str) -> str:
    prefix, _, rest = key.partition(":")
    return (prefix[:1] + _NOT_ALNUM.sub("", rest))[:60]


def _number(value: float) -> str:
    text = f"{value:.6g}".replace(".", "p").replace("-", "m").replace("+", "")
    return "n" + _NOT_ALNUM.sub("", text)


def index_terms(sig: Signature) -> list[str]:
    """Every term of the claim, as stored in the index (no duplicates, stable order)."""
    out = [_token(k) for k in sig.content]
    out += [_number(f.value) for f in sig.figures if f.value is not None]
    out += [f"y{y}" for y in sig.years]
    return list(dict.fromkeys(t for t in out if len(t) > 1))


_RANK = {"c": 0, "n": 1, "w": 2, "y": 3}


def query_terms(sig: Signature, limit: int = QUERY_TERMS) -> list[str]:
    """The most telling terms to search with: concepts first, then figures, then stems."""
    terms = index_terms(sig)
    terms.sort(key=lambda t: (_RANK.get(t[0], 9), -len(t)))
    return terms[:limit]
