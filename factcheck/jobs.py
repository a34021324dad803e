"""Background extraction with RQ: long documents are processed by `flask worker`.

A job is enqueued with a timeout and retries; every way it can end badly (an exception, a
timeout, a work-horse killed, a worker that vanished) lands in ``record_failure``, which
marks the document FAILED, or PENDING when RQ is about to try again. The job is
idempotent: claims are stored in one transaction, and a document already DONE is left alone.
"""
import os
import socket
from dataclasses import dataclass
from typing import Optional

from flask import Flask, current_app, has_app_context
from redis import Redis
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry as RedisRetry
from rq import Callback, Queue, Retry, Worker, get_current_job
from rq.exceptions import AbandonedJobError, NoSuchJobError
from rq.job import Job, JobStatus
from rq.timeouts import JobTimeoutException

from .extensions import db
from .models import Document, ExtractionProblem, ExtractionStatus

QUEUE_NAME = "factcheck-extraction"
LIVE = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


@dataclass(frozen=True)
class JobState:
    """What the queue knows of a document's job: ``queue`` is a JobStatus value, or
    ``off`` (no REDIS_URL), ``unavailable`` (Redis unreachable), ``missing`` (no job),
    ``abandoned`` (started by a worker that is gone)."""

    queue: str
    progress: Optional[float] = None

    @property
    def live(self) -> bool:
        """True while a job will still run or is running."""
        return self.queue in {status.value for status in LIVE}


def redis_connection(app: Flask) -> Optional[Redis]:
    """A Redis client with short timeouts and no retries, or None without REDIS_URL.

    A frozen Redis (accepting connections, never answering) must not hold a web request.
    """
    url = app.config.get("REDIS_URL")
    if not url:
        return None
    timeout = app.config.get("REDIS_TIMEOUT_SECONDS", 2.0)
    return Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout,
                          retry=RedisRetry(NoBackoff(), 0))


def extraction_queue(app: Flask, connection: Optional[Redis] = None) -> Optional[Queue]:
    """The RQ queue when REDIS_URL is set, else None (extraction then runs in the request)."""
    connection = connection or redis_connection(app)
    if connection is None:
        return None
    return Queue(app.config.get("RQ_QUEUE_NAME", QUEUE_NAME), connection=connection)


def job_id(document: Document) -> str:
    """One extraction job per document."""
    return f"extract-document-{document.id}"


def enqueue_extraction(app: Flask, document: Document) -> bool:
    """Queue the document's extraction; False without REDIS_URL; RedisError when unreachable.

    The document must be committed first: the worker reads it from the database.
    """
    queue = extraction_queue(app)
    if queue is None:
        return False
    with queue.connection:
        _forget_finished_job(queue, document)
        retries = app.config.get("EXTRACTION_RETRIES", 2)
        queue.enqueue(run_extraction, document.id, job_id=job_id(document),
                      job_timeout=app.config.get("EXTRACTION_JOB_TIMEOUT", 1800),
                      retry=Retry(max=retries, interval=app.config.get(
                          "EXTRACTION_RETRY_INTERVALS", [30, 300])) if retries else None,
                      on_failure=Callback(record_failure), failure_ttl=7 * 24 * 3600)
    return True


def _forget_finished_job(queue: Queue, document: Document) -> None:
    """Delete an earlier, ended job of this document so a new one can take its id."""
    try:
        Job.fetch(job_id(document), connection=queue.connection).delete()
    except NoSuchJobError:
        pass


def job_state(app: Flask, document: Document) -> JobState:
    """The queue's view of the document's job; never raises for an unreachable Redis."""
    queue = extraction_queue(app)
    if queue is None:
        return JobState("off")
    try:
        with queue.connection:
            return _state_of(queue.connection, job_id(document))
    except RedisError:
        return JobState("unavailable")


def _state_of(connection: Redis, key: str) -> JobState:
    try:
        job = Job.fetch(key, connection=connection)
    except NoSuchJobError:
        return JobState("missing")
    status = job.get_status(refresh=False)
    if status is JobStatus.STARTED and not _worker_alive(connection, job.worker_name):
        return JobState("abandoned")
    return JobState(status.value if status else "missing", job.meta.get("progress"))


def _worker_alive(connection: Redis, name: Optional[str]) -> bool:
    """False when the worker holding a job is unregistered, or is a dead process here."""
    if not name:
        return False
    worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + name,
                                connection=connection)
    if worker is None:
        return False
    if worker.hostname == socket.gethostname() and worker.pid:
        try:
            os.kill(worker.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
    return True


def run_extraction(document_id: int) -> int:
    """RQ job: extract and store the claims of one document (runs inside an app context)."""
    if has_app_context():
        return _extract(document_id)
    from . import create_app

    with create_app().app_context():
        return _extract(document_id)


def _extract(document_id: int) -> int:
    from .documents.services import extract_claims

    document = db.session.get(Document, document_id)
    if document is None or document.extraction_status is ExtractionStatus.DONE:
        return 0
    document.extraction_status = ExtractionStatus.RUNNING
    db.session.commit()
    try:
        count = extract_claims(document, on_progress=_report)
        db.session.commit()
    except BaseException:  # a timeout is not an Exception; record_failure takes over
        db.session.rollback()
        raise
    return count


def _report(share: float) -> None:
    job = get_current_job()
    if job is not None:
        job.meta.update(progress=round(share, 3), pid=os.getpid())  # pid: who to look for
        job.save_meta()


def record_failure(job: Job, connection: Redis, exc_type, exc_value, traceback) -> None:
    """RQ on_failure callback: mark the document FAILED, or PENDING if RQ retries it."""
    if exc_type is not None and issubclass(exc_type, JobTimeoutException):
        problem = ExtractionProblem.TIMEOUT
    elif exc_type is not None and issubclass(exc_type, AbandonedJobError):
        problem = ExtractionProblem.WORKER_LOST
    else:
        problem = ExtractionProblem.ERROR
    _in_app(_mark, job.args[0], problem, f"{getattr(exc_type, '__name__', 'Error')}: "
            f"{exc_value}", bool(job.retries_left))


def record_killed_horse(job: Job, retpid: int, ret_val: int, rusage) -> None:
    """Worker hook: the work-horse died (killed, out of memory) in the middle of ``job``."""
    _in_app(_mark, job.args[0], ExtractionProblem.WORKER_LOST,
            f"work-horse {retpid} ended with status {ret_val}", bool(job.retries_left))


def _in_app(func, *args) -> None:
    if has_app_context():
        func(*args)
        return
    from . import create_app

    with create_app().app_context():
        func(*args)


def _mark(document_id: int, problem: ExtractionProblem, error: str, retrying: bool) -> None:
    db.session.rollback()
    document = db.session.get(Document, document_id)
    if document is None or document.extraction_status is ExtractionStatus.DONE:
        return
    document.extraction_status = (ExtractionStatus.PENDING if retrying
                                  else ExtractionStatus.FAILED)
    document.extraction_problem = ExtractionProblem.RETRYING if retrying else problem
    document.extraction_error = f"{problem.value}: {error}"[:2000]
    db.session.commit()
    current_app.logger.warning("extraction of document %s failed (%s)%s", document_id,
                               error, "; it will be retried" if retrying else "")


class ExtractionWorker(Worker):
    """An RQ worker that gives each work-horse fresh database connections.

    A forked child must not share the parent's pooled sockets, and the parent marks
    documents whose work-horse was killed.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("work_horse_killed_handler", record_killed_horse)
        super().__init__(*args, **kwargs)

    def fork_work_horse(self, job: Job, queue: Queue) -> None:
        """Drop pooled database connections, then fork as usual."""
        db.session.remove()
        db.engine.dispose()
        super().fork_work_horse(job, queue)
