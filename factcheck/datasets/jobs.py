"""Background exports: hand an export to the RQ workers (or a thread of the web process when
no Redis is configured) and write its file, recording progress on the ``ExportJob`` row.

Like ``factcheck.jobs``, this is a job runner, not a service: it commits as it goes, so the
export page can show how far the file has got.
"""
import threading
from typing import Optional

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from redis.exceptions import RedisError

from ..extensions import db
from ..jobs import extraction_queue
from ..models import ExportJob, ExportStatus
from ..models.base import utcnow
from .queries import ExportFilters
from .services.exports import export_chunks, export_path


def dispatch_export(job: ExportJob, app: Flask) -> None:
    """Hand a committed export to the workers (RQ with REDIS_URL) or to a thread here."""
    queue = extraction_queue(app)
    if queue is not None:
        try:
            with queue.connection:
                queue.enqueue(run_export, job.id, job_id=f"export-{job.token}",
                              job_timeout=app.config["EXPORT_JOB_TIMEOUT"],
                              failure_ttl=86400, result_ttl=3600)
            return
        except RedisError:
            app.logger.warning("Redis unreachable: export %s runs in the web process", job.id)
    threading.Thread(target=_run_in_thread, args=(app, job.id), daemon=True,
                     name=f"export-{job.id}").start()


def _run_in_thread(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            run_export(job_id)
        finally:
            db.session.remove()


def run_export(job_id: int) -> int:
    """Write one export's file, recording progress; returns the claims written (RQ job)."""
    if not has_app_context():
        from .. import create_app

        with create_app().app_context():
            return run_export(job_id)
    app = current_app._get_current_object()
    job = db.session.get(ExportJob, job_id)
    if job is None or job.status is ExportStatus.DONE:
        return 0
    job.status, job.written, job.error = ExportStatus.RUNNING, 0, None
    db.session.commit()
    target = export_path(app, job)
    partial = target.with_suffix(target.suffix + ".part")
    fmt, audience, bom, locale = job.format, job.audience, job.bom, job.locale
    written = 0

    def tick(count: int) -> None:
        nonlocal written
        written += count
        db.session.execute(sa.update(ExportJob).where(ExportJob.id == job_id)
                           .values(written=written))
        db.session.commit()

    try:
        filters = ExportFilters.parse({k: str(v) for k, v in job.filters.items()})
        with app.test_request_context(base_url=job.base_url), \
                partial.open("w", encoding="utf-8", newline="") as out:
            for chunk in export_chunks(fmt, filters, audience, bom=bom, locale=locale,
                                       on_progress=tick):
                out.write(chunk)
        partial.replace(target)
    except Exception as exc:
        db.session.rollback()
        partial.unlink(missing_ok=True)
        _finish(job_id, ExportStatus.FAILED, written, f"{type(exc).__name__}: {exc}")
        raise
    _finish(job_id, ExportStatus.DONE, written, None)
    return written


def _finish(job_id: int, status: ExportStatus, written: int, error: Optional[str]) -> None:
    db.session.execute(sa.update(ExportJob).where(ExportJob.id == job_id).values(
        status=status, written=written, error=error, finished_at=utcnow()))
    db.session.commit()
