"""The tokens a claim puts in the full-text index.

Tokens are lower-case letters and digits, so SQLite FTS5 (unicode61) and PostgreSQL's
``simple`` text search both keep each as one token: ``c`` + concept id (the same in French and
English), ``w`` + word stem, ``n`` + figure value, ``y`` + year.
"""

from __future__ import annotations

import re

from .signature import Signature

_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def _token(key: str) -> str:
    prefix, _, rest = key.partition(":")
    return (prefix[:1] + _NOT_ALNUM.sub("", rest))[:60]


def number_token(value: float) -> str:
    """The token of a figure's value: 10000 → n10000, 7.5 → n7p5."""
    text = f"{value:.6g}".replace(".", "p").replace("-", "m").replace("+", "")
    return "n" + _NOT_ALNUM.sub("", text)


def index_terms(sig: Signature) -> list[str]:
    """Every token stored for a claim (no duplicates, stable order)."""
    terms = [_token(k) for k in sig.content]
    terms += [number_token(f.value) for f in sig.figures if f.value is not None]
    terms += [f"y{y}" for y in sig.years]
    return list(dict.fromkeys(t for t in terms if len(t) > 1))
