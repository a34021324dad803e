"""Ingest from the command line: store a document with the claims the engine finds in it."""
from datetime import datetime
from typing import Optional

from ...extraction.language import resolve_lang
from ...models import Document, User
from .store import DuplicateDocument, add_document, extract_claims, normalise_text

LANGUAGES = ("auto", "fr", "en")


def ingest_text(text: str, title: str, added_by: Optional[User] = None, *,
                language: str = "auto", url: Optional[str] = None,
                publisher: Optional[str] = None, published_at: Optional[datetime] = None,
                extract_now: bool = True) -> tuple[Document, bool]:
    """Add ``text`` (with its claims unless ``extract_now`` is False); flushes, never commits.

    Text already in the database is not stored again: the existing document is returned
    with ``created`` False, so ingesting the same file twice is harmless.
    """
    text = normalise_text(text)
    if not text.strip():
        raise ValueError("The text is empty.")
    lang = resolve_lang(text, language or "auto")
    try:
        document = add_document(text, title, added_by, url=url, publisher=publisher,
                                published_at=published_at, language=lang)
    except DuplicateDocument as exc:
        return exc.existing, False
    if extract_now:
        extract_claims(document)
    return document, True


def title_from_text(text: str, fallback: str) -> str:
    """A title for a document that has none: its first non-empty line, shortened."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= 200 else line[:199].rstrip() + "…"
    return fallback
