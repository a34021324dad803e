"""Ingest: store a document and the claims the extraction engine finds in it."""
import dataclasses
from datetime import datetime
from typing import Callable, Iterator, Optional

from ..extraction import ExtractedClaim, extract_many
from ..extraction.language import resolve_lang
from ..models import Document, User
from .services import DuplicateDocument, add_document, normalise_text, store_claims

LANGUAGES = ("auto", "fr", "en")
CHUNK_CHARS = 20_000  # extraction runs paragraph groups of about this size, for progress

ProgressCallback = Callable[[float], None]


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


def extract_claims(document: Document, on_progress: Optional[ProgressCallback] = None) -> int:
    """Find and store the claims of ``document``; returns how many were stored."""
    lang = document.language or resolve_lang(document.text, "auto")
    return store_claims(document, _claims_by_chunk(document.text, lang, on_progress), lang)


def _claims_by_chunk(text: str, lang: str,
                     on_progress: Optional[ProgressCallback]) -> Iterator[ExtractedClaim]:
    """Extract paragraph groups through one nlp.pipe, shifting offsets back into ``text``."""
    chunks = list(paragraph_chunks(text))
    results = extract_many((chunk for _, chunk in chunks), lang=lang)
    for done, ((offset, _), claims) in enumerate(zip(chunks, results, strict=True), start=1):
        for claim in claims:
            yield shift(claim, offset)
        if on_progress is not None:
            on_progress(done / len(chunks))


def paragraph_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces cut only at blank lines, so no sentence is split."""
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= size else text.rfind("\n\n", start, start + size)
        if end <= start:  # one very long paragraph: take it whole
            found = text.find("\n\n", start + size)
            end = len(text) if found < 0 else found
        yield start, text[start:end]
        start = end


def shift(claim: ExtractedClaim, offset: int) -> ExtractedClaim:
    """The claim with every character offset moved by ``offset``."""
    if offset == 0:
        return claim
    figures = [dataclasses.replace(f, start=f.start + offset, end=f.end + offset)
               for f in claim.figures]
    attribution = claim.attribution
    if attribution is not None:
        attribution = dataclasses.replace(attribution, **{
            key: getattr(attribution, key) + offset
            for key in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")
            if getattr(attribution, key) is not None})
    return dataclasses.replace(claim, start=claim.start + offset, end=claim.end + offset,
                               figures=figures, attribution=attribution)


def title_from_text(text: str, fallback: str) -> str:
    """A title for a document that has none: its first non-empty line, shortened."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= 200 else line[:199].rstrip() + "…"
    return fallback
