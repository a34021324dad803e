"""Bringing documents in: store a text with its claims, or hand its extraction to the worker.

The services flush and never commit. A document for the worker must be committed before its
job exists (the worker reads it from the database), so those come back with ``queue`` set:
the caller commits, calls ``queue_extraction``, and commits again (see ``dispatch`` in
routes.py and ``flask jobs requeue``).
"""
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from flask import Flask
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from redis.exceptions import RedisError
from rq.registry import StartedJobRegistry

from ... import audit
from ...extensions import db
from ...extraction.language import resolve_lang
from ...jobs import enqueue_extraction, extraction_queue, job_state
from ...models import AuditAction, Document, ExtractionProblem, ExtractionStatus, User
from .store import (
    add_document,
    extract_claims,
    find_by_text,
    mark_extraction,
    normalise_text,
)

STUCK = (ExtractionStatus.PENDING, ExtractionStatus.RUNNING, ExtractionStatus.FAILED)
MAX_TEXT_CHARS = 500_000  # the longest text a submission may carry (ingest form, API)


@dataclass
class NewDocument:
    """A validated submission: the article text and what is known about it."""

    text: str
    title: str
    language: str = "auto"
    url: Optional[str] = None
    publisher: Optional[str] = None
    published_at: Optional[datetime] = None


@dataclass
class Submitted:
    """What became of a submission: the document, the message to show, whether the
    caller must commit and then hand it to the worker (``queue_extraction``), and whether
    the text was stored before (``again``)."""

    document: Document
    message: str
    category: str = "info"
    queue: bool = False
    again: bool = False


class TooLongToExtract(ValueError):
    """The text is too long to extract in a web request, and no worker is configured."""

    def __init__(self, limit: int):
        super().__init__(_("This text is too long to find its claims while you wait "
                           "(%(max)s characters at most) and no background worker is "
                           "configured. Split it, or ask an administrator to set up the "
                           "worker.", max=format_number(limit)))


class QueueUnavailable(RuntimeError):
    """The extraction queue is not configured or Redis cannot be reached."""


def submit_document(new: NewDocument, added_by: Optional[User], app: Flask) -> Submitted:
    """Store a submitted text with its claims, or mark it for the worker; flushes.

    A text already stored is not stored again; if its extraction failed or was lost, it
    is tried again. Raises TooLongToExtract (nothing stored) when the text needs the
    worker and none is configured.
    """
    text = normalise_text(new.text)
    if not text.strip():
        raise ValueError("The text is empty.")
    existing = find_by_text(text)
    if existing is not None:
        return _submitted_again(existing, added_by, app)
    queued = _needs_worker(app, text)
    document = add_document(text, new.title, added_by, url=new.url, publisher=new.publisher,
                            published_at=new.published_at,
                            language=resolve_lang(text, new.language or "auto"))
    return _for_worker(document) if queued else _extract_here(document, app)


def retry_extraction(document: Document, actor: Optional[User], app: Flask) -> Submitted:
    """Run again an extraction that failed or whose job was lost; audited; flushes."""
    if document.extraction_status is ExtractionStatus.DONE:
        return Submitted(document, _("The claims of this document were already found."))
    state = job_state(app, document)
    if state.live:
        return Submitted(document, _("The claims of this document are already being found."))
    restart_extraction(document, actor)
    try:
        queued = _needs_worker(app, document.text)
    except TooLongToExtract as exc:
        mark_extraction(document, ExtractionStatus.FAILED, ExtractionProblem.TOO_LONG)
        return Submitted(document, str(exc), "error")
    if queued and state.queue == "unavailable":  # don't wait on a dead Redis twice
        if len(document.text) > app.config["MAX_INLINE_EXTRACTION_CHARS"]:
            return _queue_down(document, RedisError("Redis did not answer"))
        queued = False
    if queued:
        return _for_worker(document)
    done = _extract_here(document, app)
    if done.category == "success":
        done.message = _("Extraction done: %(claims)s.", claims=ngettext(
            "%(num)d claim", "%(num)d claims", len(document.claims)))
    return done


def stuck_documents(app: Flask) -> list[Document]:
    """Pending, running or failed extractions, once jobs whose worker died are cleaned up.

    RQ's cleanup moves such jobs out of its started registry (their failure callback marks
    the document). Raises QueueUnavailable.
    """
    queue = extraction_queue(app)
    if queue is None:
        raise QueueUnavailable("REDIS_URL is not set: there is no queue to re-queue to.")
    try:
        with queue.connection:
            queue.connection.ping()
            StartedJobRegistry(queue=queue).cleanup()
    except RedisError as exc:
        raise QueueUnavailable(f"Redis cannot be reached ({exc}).") from None
    return list(db.session.scalars(sa.select(Document).where(
        Document.extraction_status.in_(STUCK)).order_by(Document.id)))


def requeue_check(document: Document, app: Flask) -> tuple[str, bool]:
    """How the document stands ("pending, job lost") and whether it needs queueing again."""
    was = document.extraction_status.value + (
        f" ({document.extraction_problem.value})" if document.extraction_problem else "")
    state = job_state(app, document)
    if state.queue == "unavailable":
        raise QueueUnavailable("Redis stopped answering.")
    return f"{was}, job {state.queue}", not state.live


def restart_extraction(document: Document, actor: Optional[User]) -> None:
    """Mark the extraction pending again (before a retry or a re-queue); audited."""
    before = audit.snapshot(document, ("extraction_status", "extraction_problem"))
    mark_extraction(document, ExtractionStatus.PENDING)
    audit.record(actor, AuditAction.DOCUMENT_RETRY_EXTRACTION, document, before=before,
                 after=audit.snapshot(document, ("extraction_status", "extraction_problem")))


def queue_extraction(submitted: Submitted, app: Flask) -> Submitted:
    """Hand a committed document to the worker; if Redis fails, extract here or mark it
    waiting for the queue; flushes."""
    document = submitted.document
    try:
        enqueue_extraction(app, document)
    except RedisError as exc:
        app.logger.warning("Redis unreachable for document %s: %s", document.id, exc)
        if len(document.text) > app.config["MAX_INLINE_EXTRACTION_CHARS"]:
            return _queue_down(document, exc)
        return _extract_here(document, app)
    return replace(submitted, queue=False)


def _submitted_again(document: Document, actor: Optional[User], app: Flask) -> Submitted:
    if document.extraction_status is ExtractionStatus.DONE:
        return Submitted(document, _("This text was already added."), again=True)
    retried = retry_extraction(document, actor, app)
    return Submitted(document, _("This text was already added.") + " " + retried.message,
                     retried.category, queue=retried.queue, again=True)


def _needs_worker(app: Flask, text: str) -> bool:
    """True when the worker should extract ``text``; TooLongToExtract if it must but can't."""
    configured = bool(app.config.get("REDIS_URL"))
    too_long = len(text) > app.config["MAX_INLINE_EXTRACTION_CHARS"]
    if too_long and not configured:
        raise TooLongToExtract(app.config["MAX_INLINE_EXTRACTION_CHARS"])
    return configured and (too_long or len(text) >= app.config["ASYNC_EXTRACTION_MIN_CHARS"])


def _for_worker(document: Document) -> Submitted:
    return Submitted(document, _("Document added. Its claims are being found; "
                                 "this page updates by itself."), queue=True)


def _queue_down(document: Document, exc: Exception) -> Submitted:
    mark_extraction(document, ExtractionStatus.PENDING, ExtractionProblem.QUEUE_UNAVAILABLE,
                    f"{type(exc).__name__}: {exc}")
    return Submitted(document, _("Document added, but the extraction queue cannot be reached: "
                                 "retry the extraction once it is back."), "error")


def _extract_here(document: Document, app: Flask) -> Submitted:
    try:
        count = extract_claims(document)
    except Exception as exc:  # an engine bug must not lose the text: keep it, marked failed
        app.logger.exception("extraction of document %s failed", document.id)
        mark_extraction(document, ExtractionStatus.FAILED, ExtractionProblem.ERROR,
                        f"{type(exc).__name__}: {exc}")
        return Submitted(document, _("Document added, but finding its claims failed; "
                                     "you can retry the extraction."), "error")
    return Submitted(document, ngettext("Document added: %(num)d claim found.",
                                        "Document added: %(num)d claims found.", count),
                     "success")
