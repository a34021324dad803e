"""Storing documents and their extracted claims (flush, never commit)."""
import hashlib
from datetime import datetime
from typing import Iterable, Optional

import sqlalchemy as sa

from ... import audit
from ...extensions import db
from ...extraction.language import resolve_lang
from ...models import (
    Attribution,
    AuditAction,
    Claim,
    Document,
    ExtractionProblem,
    ExtractionStatus,
    Figure,
    User,
)
from ...tracking.services import track_claims
from ..chunks import ProgressCallback, claims_by_chunk


class DuplicateDocument(Exception):
    """The same text was already brought in; ``existing`` is that document."""

    def __init__(self, existing: Document):
        super().__init__(f"This text is already document {existing.id}.")
        self.existing = existing


def normalise_text(text: str) -> str:
    """Unify line endings (browsers send CRLF); offsets index the text as stored."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    """Fingerprint used to detect the same text brought in twice."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def find_by_text(text: str) -> Optional[Document]:
    """The document holding exactly this text, if any."""
    return db.session.scalar(
        sa.select(Document).where(Document.content_hash == content_hash(text)))


def add_document(text: str, title: str, added_by: Optional[User] = None, *,
                 url: Optional[str] = None, publisher: Optional[str] = None,
                 published_at: Optional[datetime] = None,
                 language: Optional[str] = None) -> Document:
    """Store a new document (no claims yet); raises DuplicateDocument for known text."""
    text = normalise_text(text)
    existing = find_by_text(text)
    if existing is not None:
        raise DuplicateDocument(existing)
    document = Document(text=text, title=title.strip(), url=url or None,
                        publisher=publisher or None, published_at=published_at,
                        language=None if language in (None, "", "auto") else language,
                        content_hash=content_hash(text), added_by=added_by,
                        extraction_status=ExtractionStatus.PENDING)
    db.session.add(document)
    audit.record(added_by, AuditAction.DOCUMENT_CREATE, document,
                 after={"title": document.title, "content_hash": document.content_hash})
    return document


def extract_claims(document: Document, on_progress: Optional[ProgressCallback] = None) -> int:
    """Find and store the claims of ``document``; returns how many were stored."""
    lang = document.language or resolve_lang(document.text, "auto")
    return store_claims(document, claims_by_chunk(document.text, lang, on_progress), lang)


def store_claims(document: Document, extracted: Iterable, language: Optional[str]) -> int:
    """Attach extracted claims to ``document`` and mark it DONE, all in one flush.

    The engine runs to the end before the session changes, and the document row is locked
    and re-read first: a second run (a retried job, a re-queue after a crash) finds the
    document DONE and stores nothing, so claims are never stored twice.
    """
    items = list(extracted)
    if sa.inspect(document).persistent:
        db.session.refresh(document, with_for_update=True)
    if document.extraction_status is ExtractionStatus.DONE or document.claims:
        document.extraction_status = ExtractionStatus.DONE
        return 0
    document.claims.extend(_claim_from(item) for item in items)
    if language and not document.language:
        document.language = language
    document.extraction_status = ExtractionStatus.DONE
    document.extraction_problem = None
    document.extraction_error = None
    db.session.flush()
    track_claims(document.claims)  # every claim joins a group, from every ingest path
    return len(items)


def mark_extraction(document: Document, status: ExtractionStatus,
                    problem: Optional[ExtractionProblem] = None,
                    error: Optional[str] = None) -> None:
    """Set the extraction state, with why it failed or waits (``error``: technical text)."""
    document.extraction_status = status
    document.extraction_problem = problem
    document.extraction_error = error[:2000] if error else None
    db.session.flush()


def _claim_from(item) -> Claim:
    claim = Claim(sentence=item.sentence, start_char=item.start, end_char=item.end,
                  has_figure="figure" in item.kinds,
                  has_attribution="attribution" in item.kinds, language=item.lang,
                  checkworthiness=min(1.0, max(0.0, float(item.score))),
                  score_features=dict(item.features or {}))
    claim.figures = [Figure(text=f.text, start_char=f.start, end_char=f.end, value=f.value,
                            value_low=f.low, value_high=f.high, unit=f.unit,
                            qualifier=f.qualifier) for f in item.figures]
    a = item.attribution
    if a is not None:
        claim.attribution = Attribution(
            speaker=a.speaker, cue=a.cue, start_char=a.start, end_char=a.end,
            speaker_start=a.speaker_start, speaker_end=a.speaker_end,
            cue_start=a.cue_start, cue_end=a.cue_end)
    return claim
