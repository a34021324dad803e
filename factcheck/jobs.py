"""Background extraction with RQ: long documents are processed by `flask worker`."""
from typing import Optional

from flask import Flask, current_app, has_app_context
from redis import Redis
from rq import Queue, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job

from .extensions import db
from .models import Document, ExtractionStatus

QUEUE_NAME = "factcheck-extraction"


def extraction_queue(app: Flask) -> Optional[Queue]:
    """The RQ queue when REDIS_URL is set, else None (extraction then runs in the request)."""
    url = app.config.get("REDIS_URL")
    if not url:
        return None
    name = app.config.get("RQ_QUEUE_NAME", QUEUE_NAME)
    return Queue(name, connection=Redis.from_url(url), default_timeout=1800)


def job_id(document: Document) -> str:
    """One extraction job per document."""
    return f"extract-document-{document.id}"


def enqueue_extraction(app: Flask, document: Document) -> bool:
    """Queue the document's extraction; False when no queue is configured."""
    queue = extraction_queue(app)
    if queue is None:
        return False
    document.extraction_status = ExtractionStatus.PENDING
    queue.enqueue(run_extraction, document.id, job_id=job_id(document))
    return True


def progress(app: Flask, document: Document) -> Optional[float]:
    """Share of the document processed so far, when a job reports it."""
    queue = extraction_queue(app)
    if queue is None:
        return None
    try:
        job = Job.fetch(job_id(document), connection=queue.connection)
    except NoSuchJobError:
        return None
    return job.get_meta().get("progress")


def run_extraction(document_id: int) -> int:
    """RQ job: extract and store the claims of one document (runs inside an app context)."""
    if has_app_context():
        return _extract(document_id)
    from . import create_app

    with create_app().app_context():
        return _extract(document_id)


def _extract(document_id: int) -> int:
    from .documents.ingest import extract_claims

    document = db.session.get(Document, document_id)
    if document is None or document.extraction_status is ExtractionStatus.DONE:
        return 0
    document.extraction_status = ExtractionStatus.RUNNING
    db.session.commit()
    try:
        count = extract_claims(document, on_progress=_report)
        db.session.commit()
    except Exception as exc:
        db.session.rollback()
        document = db.session.get(Document, document_id)
        document.extraction_status = ExtractionStatus.FAILED
        document.extraction_error = f"{type(exc).__name__}: {exc}"[:2000]
        db.session.commit()
        current_app.logger.exception("extraction of document %s failed", document_id)
        raise
    return count


def _report(share: float) -> None:
    job = get_current_job()
    if job is not None:
        job.meta["progress"] = round(share, 3)
        job.save_meta()
