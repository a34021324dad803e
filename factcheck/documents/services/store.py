"""Storing documents and their extracted claims (flush, never commit)."""
import hashlib
from datetime import datetime
from typing import Iterable, Optional, Sequence

import sqlalchemy as sa

from ... import audit
from ...extensions import db
from ...extraction.chunking import ProgressCallback, claims_by_chunk
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
    document = new_document(text, title, added_by, url=url, publisher=publisher,
                            published_at=published_at, language=language)
    audit.record(added_by, AuditAction.DOCUMENT_CREATE, document, after=created_audit(document))
    return document


def new_document(text: str, title: str, added_by: Optional[User] = None, *,
                 url: Optional[str] = None, publisher: Optional[str] = None,
                 published_at: Optional[datetime] = None,
                 language: Optional[str] = None) -> Document:
    """``add_document`` for text the caller has checked is new (normalised already), not yet
    audited (``created_audit`` gives what to record)."""
    document = Document(text=text, title=title.strip(), url=url or None,
                        publisher=publisher or None, published_at=published_at,
                        language=None if language in (None, "", "auto") else language,
                        content_hash=content_hash(text), added_by=added_by,
                        extraction_status=ExtractionStatus.PENDING)
    db.session.add(document)
    return document


def created_audit(document: Document) -> dict:
    """What the audit log keeps of a new document."""
    return {"title": document.title, "content_hash": document.content_hash}


def extract_claims(document: Document, on_progress: Optional[ProgressCallback] = None) -> int:
    """Find and store the claims of ``document``; returns how many were stored."""
    lang = document.language or resolve_lang(document.text, "auto")
    return store_claims(document, claims_by_chunk(document.text, lang, on_progress), lang)


def store_claims(document: Document, extracted: Iterable, language: Optional[str],
                 signatures: Optional[Sequence] = None) -> int:
    """Attach extracted claims to ``document``, mark it DONE and file its claims; flushes.

    The engine runs to the end before the session changes, and the document row is locked
    and re-read first: a second run (a retried job, a re-queue after a crash) finds the
    document DONE and stores nothing, so claims are never stored twice. ``signatures``: the
    claims' tracking signatures, when computed already (one per extracted claim).
    """
    items = list(extracted)
    if sa.inspect(document).persistent:
        db.session.refresh(document, with_for_update=True)
    if document.extraction_status is ExtractionStatus.DONE or document.claims:
        document.extraction_status = ExtractionStatus.DONE
        return 0
    attach_claims(document, items, language)
    db.session.flush()
    track_claims(document.claims, signatures)  # every claim joins a group, from every path
    return len(items)


def attach_claims(document: Document, items: list, language: Optional[str]) -> list[Claim]:
    """Add the claims of a new document and mark it DONE, without flushing or filing them
    (``store_claims`` does both; a batch of documents is flushed and filed together)."""
    claims = [_claim_from(item) for item in items]
    document.claims.extend(claims)
    if language and not document.language:
        document.language = language
    document.extraction_status = ExtractionStatus.DONE
    document.extraction_problem = None
    document.extraction_error = None
    return claims


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
        # The speaker's name (a pronoun resolved), marked where the sentence refers to it.
        speaker_start, speaker_end = a.mention_span()
        claim.attribution = Attribution(
            speaker=a.speaker, cue=a.cue, start_char=a.start, end_char=a.end,
            speaker_start=speaker_start, speaker_end=speaker_end,
            cue_start=a.cue_start, cue_end=a.cue_end)
    return claim
