"""Turning uploads and fetched pages into plain article text."""
from dataclasses import dataclass
from pathlib import PurePath
from typing import Optional

import trafilatura
from flask_babel import lazy_gettext as _l

from ..extraction import ExtractionError, decode_bytes
from ..sanitize import strip_tags

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class UnreadableInput(ValueError):
    """The upload or page holds no article text we can use; the message says why."""


@dataclass
class ArticleText:
    """Article text with whatever metadata the source carried."""

    text: str
    title: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[str] = None  # ISO date when the page states one


def read_upload(filename: str, data: bytes) -> ArticleText:
    """Text of an uploaded .txt / .md / .html file."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise UnreadableInput(_l("Upload a .txt, .md or .html file."))
    text = _decode(data)
    if suffix in HTML_SUFFIXES:
        return read_html(text)
    return ArticleText(text=strip_tags(text) if "<" in text else text)


def read_page(data: bytes, content_type: str, url: str) -> ArticleText:
    """Text of a fetched page: plain text as is, HTML reduced to its main text."""
    text = _decode(data)
    return ArticleText(text=text) if content_type == "text/plain" else read_html(text, url)


def read_html(html: str, url: Optional[str] = None) -> ArticleText:
    """The main text of an HTML page (navigation, ads and comments left out)."""
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                               favor_precision=True, deduplicate=True)
    if not text or not text.strip():
        raise UnreadableInput(_l("No article text was found in this page."))
    meta = trafilatura.extract_metadata(html, default_url=url)
    return ArticleText(text=strip_tags(text), title=_clean(meta.title if meta else None),
                       publisher=_clean(meta.sitename if meta else None),
                       published=meta.date if meta else None)


def _decode(data: bytes) -> str:
    try:
        return decode_bytes(data)
    except ExtractionError as exc:
        raise UnreadableInput(_l("This file is not text: %(reason)s", reason=str(exc))) from None


def _clean(value: Optional[str]) -> Optional[str]:
    value = strip_tags(value or "").strip()
    return value[:500] or None
