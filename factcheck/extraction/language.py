"""A cheap language detector by stopword counts (enough for news articles), over every language
the rules folder holds (``lang.SUPPORTED``)."""

from __future__ import annotations

import re

from .lang import DEFAULT, SUPPORTED, Registry

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
DEFAULT_LANG = "fr"  # the desk's language: a text with no evidence either way


def _stopwords(registry: Registry) -> dict[str, frozenset[str]]:
    return registry.common.memo("stopwords", lambda: {
        code: registry.get(code).word_set("stopwords") for code in registry.codes()})


def lang_scores(text: str, registry: Registry = DEFAULT) -> dict[str, int]:
    """How many of the first words of ``text`` are stopwords of each supported language."""
    tokens = [t.lower() for t in _WORD.findall(text[:5000])][:800]
    return {lang: sum(t in words for t in tokens)
            for lang, words in _stopwords(registry).items()}


def detect_lang(text: str, default: str = DEFAULT_LANG, registry: Registry = DEFAULT) -> str:
    """The supported language whose stopwords cover most of the first words of text (``default``
    on a tie at the top)."""
    scores = lang_scores(text, registry)
    best = max(scores.values())
    top = [lang for lang, n in scores.items() if n == best]
    if len(top) > 1:
        return default if default in top else top[0]
    return top[0]


PARAGRAPH_MIN_STOPWORDS = 4  # a paragraph changes language on this much evidence, at least
PARAGRAPH_MARGIN = 2  # ... and this many times the stopwords of the text's language


def paragraph_lang(paragraph: str, text_lang: str, registry: Registry = DEFAULT) -> str:
    """A paragraph's language inside a text in ``text_lang``: another language only when the
    paragraph says so clearly (an English quote in a French article); headings, captions and
    names keep the text's language."""
    scores = lang_scores(paragraph, registry)
    others = [lang for lang in scores if lang != text_lang]
    if not others:
        return text_lang
    other = max(others, key=scores.get)
    if scores[other] >= PARAGRAPH_MIN_STOPWORDS \
            and scores[other] >= PARAGRAPH_MARGIN * scores.get(text_lang, 0):
        return other
    return text_lang


def resolve_lang(text: str, lang: str) -> str:
    """Validate an explicit language or detect it when lang is 'auto'."""
    if lang in (None, "", "auto"):
        return detect_lang(text)
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; expected one of {SUPPORTED} or 'auto'")
    return lang
