"""Ingest from the command line: store a document with the claims the engine finds in it."""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from ... import audit
from ...bulk import assign_ids
from ...extensions import db
from ...extraction import ExtractedClaim
from ...extraction.lang import SUPPORTED
from ...extraction.language import resolve_lang
from ...models import AuditAction, Document, User
from ...tracking.services import track_claims
from .store import (
    DuplicateDocument,
    add_document,
    attach_claims,
    content_hash,
    created_audit,
    extract_claims,
    new_document,
    normalise_text,
)

LANGUAGES = ("auto", *SUPPORTED)


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


@dataclass
class Extracted:
    """A text whose claims were extracted (and signed, for tracking) before it is stored."""

    text: str
    title: str
    language: str
    claims: list[ExtractedClaim]
    signatures: list = field(default_factory=list)  # tracking signatures, one per claim


def ingest_extracted(batch: list[Extracted], added_by: Optional[User] = None, *,
                     url: Optional[str] = None, publisher: Optional[str] = None
                     ) -> list[tuple[Document, bool]]:
    """Store a batch of extracted texts as documents with their claims; flushes.

    The batch path of ``flask ingest``: extraction ran across many documents first, and the
    batch is flushed and its claims filed together (``track_claims`` over all of them). Known
    text, in the database or earlier in the batch, gives the existing document with
    ``created`` False, as ``ingest_text`` does. The caller commits or rolls back the batch.
    """
    texts = [normalise_text(item.text) for item in batch]
    if not all(text.strip() for text in texts):
        raise ValueError("The text is empty.")
    hashes = [content_hash(text) for text in texts]
    known = {d.content_hash: d for d in db.session.scalars(
        sa.select(Document).where(Document.content_hash.in_(set(hashes))))}
    out, added, new, sigs = [], [], [], []
    for item, text, digest in zip(batch, texts, hashes, strict=True):
        if digest in known:
            out.append((known[digest], False))
            continue
        document = known[digest] = new_document(
            text, item.title, added_by, url=url, publisher=publisher, language=item.language)
        added.append((document, item))
        out.append((document, True))
    # The documents first: their ids, and on SQLite the write lock that numbering the
    # claims' rows needs (bulk.assign_ids: many rows per INSERT there too).
    audit.record_each(added_by, AuditAction.DOCUMENT_CREATE,
                      [(d, created_audit(d)) for d, _ in added])
    with db.session.no_autoflush:
        for document, item in added:
            set_committed_value(document, "claims", [])  # new: nothing to load
            new += attach_claims(document, item.claims, item.language)
            sigs += item.signatures or [None] * len(item.claims)
    assign_ids([*new, *(f for c in new for f in c.figures),
                *(c.attribution for c in new if c.attribution is not None)])
    db.session.flush()
    track_claims(new, sigs if all(s is not None for s in sigs) else None)
    return out


def title_from_text(text: str, fallback: str) -> str:
    """A title for a document that has none: its first non-empty line, shortened."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= 200 else line[:199].rstrip() + "…"
    return fallback
