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


def lang_scores(text: str) -> dict[str, int]:
    """How many of the first words of ``text`` are stopwords of each supported language."""
    tokens = [t.lower() for t in _WORD.findall(text[:5000])][:800]
    return {lang: sum(t in _stopwords(lang) for t in tokens) for lang in SUPPORTED}


def detect_lang(text: str, default: str = "fr") -> str:
    """Return 'fr' or 'en', whichever stopword list covers more of the first words of text."""
    scores = lang_scores(text)
    if scores["fr"] == scores["en"]:
        return default
    return max(scores, key=scores.get)


PARAGRAPH_MIN_STOPWORDS = 4  # a paragraph changes language on this much evidence, at least
PARAGRAPH_MARGIN = 2  # ... and this many times the stopwords of the text's language


def paragraph_lang(paragraph: str, text_lang: str) -> str:
    """A paragraph's language inside a text in ``text_lang``: another language only when the
    paragraph says so clearly (an English quote in a French article); headings, captions and
    names keep the text's language."""
    scores = lang_scores(paragraph)
    other = max((lang for lang in SUPPORTED if lang != text_lang), key=scores.get)
    if scores[other] >= PARAGRAPH_MIN_STOPWORDS \
            and scores[other] >= PARAGRAPH_MARGIN * scores[text_lang]:
        return other
    return text_lang


def resolve_lang(text: str, lang: str) -> str:
    """Validate an explicit language or detect it when lang is 'auto'."""
    if lang in (None, "", "auto"):
        return detect_lang(text)
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; expected one of {SUPPORTED} or 'auto'")
    return lang
