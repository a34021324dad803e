"""A cheap French/English detector by stopword ratio (enough for news articles)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

SUPPORTED = ("fr", "en")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=None)
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon.words("stopwords", lang))


def detect_lang(text: str, default: str = "fr") -> str:
    """Return 'fr' or 'en', whichever stopword list covers more of the first words of text."""
    tokens = [t.lower() for t in _WORD.findall(text[:5000])][:800]
    scores = {lang: sum(t in _stopwords(lang) for t in tokens) for lang in SUPPORTED}
    if scores["fr"] == scores["en"]:
        return default
    return max(scores, key=scores.get)


def resolve_lang(text: str, lang: str) -> str:
    """Validate an explicit language or detect it when lang is 'auto'."""
    if lang in (None, "", "auto"):
        return detect_lang(text)
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; expected one of {SUPPORTED} or 'auto'")
    return lang
