"""Extraction jobs survive failures: retries, timeouts, dead workers, lost queues, bad Redis."""
import time
from types import SimpleNamespace

import pytest
from rq import SimpleWorker
from rq.job import Job, JobStatus

from factcheck import jobs
from factcheck.config import ConfigError, load_config
from factcheck.documents.services import NewDocument, store, submit_document
from factcheck.models import AuditEntry, Claim, Document, ExtractionProblem, ExtractionStatus, Role
from tests.conftest import post_form
from tests.factories import make_document
from tests.redis_support import forget_jobs

pytestmark = pytest.mark.model
DOWN = "redis://127.0.0.1:1"  # nothing listens on port 1: connection refused


def long_text(paragraphs: int = 12, tag: str = "") -> str:
    """French paragraphs of two claims each (figures, a speaker)."""
    return "\n\n".join(f"Le déficit a atteint {n},5 % du PIB en {2000 + n}, selon l'Insee{tag}. "
                       f"Près de {n} 000 postes seront créés, a déclaré la ministre."
                       for n in range(1, paragraphs + 1))


def _paste(client, text, **fields):
    return post_form(client, "/documents/new",
                     {"title": "Budget", "language": "fr", "text": text, **fields})


def _work(queue) -> None:
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


def _failing(monkeypatch, times: int, exc: type = RuntimeError):
    """The engine raises ``times`` times, then works."""
    calls, real = [], store.claims_by_chunk

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise exc("the engine broke")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "claims_by_chunk", flaky)
    return calls


def test_jobs_are_queued_with_a_timeout_retries_and_a_failure_callback(reviewer, db, app,
                                                                       redis_queue):
    _paste(reviewer, long_text())
    document = db.session.query(Document).one()
    job = Job.fetch(jobs.job_id(document), connection=redis_queue.connection)
    assert job.timeout == app.config["EXTRACTION_JOB_TIMEOUT"] == 1800
    assert job.retries_left == 2 and job.failure_callback is jobs.record_failure


def test_a_failed_attempt_is_retried_and_claims_are_stored_once(reviewer, db, redis_queue,
                                                                 monkeypatch):
    calls = _failing(monkeypatch, times=1)
    _paste(reviewer, long_text())
    _work(redis_queue)
    db.session.expire_all()
    document = db.session.query(Document).one()
    assert len(calls) == 2 and document.extraction_status is ExtractionStatus.DONE
    assert db.session.query(Claim).count() == 24 and document.extraction_problem is None


def test_when_retries_run_out_the_page_says_why(reviewer, db, app, redis_queue, monkeypatch,
                                                client_for):
    monkeypatch.setitem(app.config, "EXTRACTION_RETRIES", 1)
    _failing(monkeypatch, times=5)
    response = _paste(reviewer, long_text())
    _work(redis_queue)
    db.session.expire_all()
    document = db.session.query(Document).one()
    assert document.extraction_status is ExtractionStatus.FAILED
    assert document.extraction_problem is ExtractionProblem.ERROR
    page = reviewer.get(response.location).get_data(as_text=True)
    assert "arrêtée sur une erreur" in page and "Relancer l'extraction" in page
    assert "the engine broke" not in page  # technical details are for administrators
    admin, _ = client_for(Role.ADMIN)
    assert "RuntimeError: the engine broke" in admin.get(response.location).get_data(as_text=True)


def test_a_job_past_its_timeout_is_stopped_and_marked(reviewer, db, app, redis_queue,
                                                      monkeypatch):
    monkeypatch.setitem(app.config, "EXTRACTION_JOB_TIMEOUT", 1)
    monkeypatch.setitem(app.config, "EXTRACTION_RETRIES", 0)
    monkeypatch.setattr(store, "claims_by_chunk", lambda *a, **k: time.sleep(30) or [])
    _paste(reviewer, long_text())
    started = time.monotonic()
    _work(redis_queue)
    assert time.monotonic() - started < 20
    db.session.expire_all()
    document = db.session.query(Document).one()
    assert document.extraction_status is ExtractionStatus.FAILED
    assert document.extraction_problem is ExtractionProblem.TIMEOUT and not document.claims


@pytest.mark.parametrize("retries_left, status, problem", [
    (0, ExtractionStatus.FAILED, ExtractionProblem.WORKER_LOST),
    (1, ExtractionStatus.PENDING, ExtractionProblem.RETRYING),
])
def test_a_killed_work_horse_marks_its_document(db, retries_left, status, problem):
    document = make_document()
    document.extraction_status = ExtractionStatus.RUNNING
    db.session.commit()
    job = SimpleNamespace(args=[document.id], retries_left=retries_left)
    jobs.record_killed_horse(job, 4242, 9, None)
    db.session.expire_all()
    assert (document.extraction_status, document.extraction_problem) == (status, problem)
    assert "4242" in document.extraction_error


def test_a_rerun_never_stores_claims_twice(db):
    document = make_document(long_text(3))
    document.extraction_status = ExtractionStatus.RUNNING  # as a crash leaves it
    db.session.commit()
    assert jobs.run_extraction(document.id) == 6
    assert jobs.run_extraction(document.id) == 0  # DONE: nothing to do
    document.extraction_status = ExtractionStatus.RUNNING  # a stale second job racing in
    db.session.commit()
    assert jobs.run_extraction(document.id) == 0
    assert db.session.query(Claim).count() == 6


def test_a_job_lost_with_redis_is_shown_and_requeued(reviewer, db, app, redis_queue, runner):
    response = _paste(reviewer, long_text())
    document = db.session.query(Document).one()
    forget_jobs(redis_queue.connection, redis_queue.name)  # what FLUSHDB does to us
    state = reviewer.get(f"/documents/{document.id}/progress").json
    assert state["status"] == "pending" and state["queue"] == "missing" and state["stalled"]
    assert "a été perdue" in state["message"]
    assert "Relancer l'extraction" in reviewer.get(response.location).get_data(as_text=True)
    result = runner.invoke(args=["jobs", "requeue"])
    assert result.exit_code == 0, result.output
    assert f"document {document.id}: pending, job missing: queued again" in result.output
    _work(redis_queue)
    db.session.expire_all()
    assert document.extraction_status is ExtractionStatus.DONE and len(document.claims) == 24
    again = runner.invoke(args=["jobs", "requeue"])
    assert again.exit_code == 0 and "0 extraction(s) queued again" in again.output


def test_requeue_leaves_live_jobs_alone(reviewer, db, redis_queue, runner):
    _paste(reviewer, long_text())
    result = runner.invoke(args=["jobs", "requeue"])
    assert result.exit_code == 0 and "job queued: left alone" in result.output
    assert redis_queue.count == 1


@pytest.mark.parametrize("url, message", [(None, "REDIS_URL is not set"),
                                          (DOWN, "Redis cannot be reached")])
def test_requeue_without_a_reachable_redis_fails_clearly(app, runner, monkeypatch, url, message):
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    result = runner.invoke(args=["jobs", "requeue"])
    assert result.exit_code != 0 and message in result.output


def test_progress_while_redis_is_down_is_a_clear_answer(reviewer, db, app, monkeypatch):
    document = make_document(long_text())
    db.session.commit()
    monkeypatch.setitem(app.config, "REDIS_URL", DOWN)
    response = reviewer.get(f"/documents/{document.id}/progress")
    assert response.status_code == 200
    state = response.json
    assert state["status"] == "pending" and state["queue"] == "unavailable"
    assert "ne répond pas" in state["message"] and not state["stalled"]
    page = reviewer.get(f"/documents/{document.id}")
    assert page.status_code == 200 and "ne répond pas" in page.get_data(as_text=True)


def test_a_frozen_redis_does_not_hold_a_submission(reviewer, db, app, monkeypatch,
                                                   frozen_redis):
    monkeypatch.setitem(app.config, "REDIS_URL", frozen_redis)
    monkeypatch.setitem(app.config, "ASYNC_EXTRACTION_MIN_CHARS", 200)
    started = time.monotonic()
    response = _paste(reviewer, long_text())
    assert time.monotonic() - started < 10  # was 24.7 s; the Redis timeout is 2 s
    document = db.session.query(Document).one()
    assert response.status_code == 302  # short enough: extracted here instead
    assert document.extraction_status is ExtractionStatus.DONE and len(document.claims) == 24


def test_a_frozen_redis_and_a_long_text_leave_a_marked_document(reviewer, db, app, monkeypatch,
                                                                frozen_redis):
    monkeypatch.setitem(app.config, "REDIS_URL", frozen_redis)
    monkeypatch.setitem(app.config, "ASYNC_EXTRACTION_MIN_CHARS", 200)
    monkeypatch.setitem(app.config, "MAX_INLINE_EXTRACTION_CHARS", 300)
    response = _paste(reviewer, long_text())
    document = db.session.query(Document).one()
    assert document.extraction_status is ExtractionStatus.PENDING
    assert document.extraction_problem is ExtractionProblem.QUEUE_UNAVAILABLE
    started = time.monotonic()
    page = reviewer.get(response.location).get_data(as_text=True)
    assert time.monotonic() - started < 10
    assert "extraction est injoignable" in page


def test_an_engine_failure_in_the_request_keeps_a_document_to_retry(reviewer, db, monkeypatch):
    _failing(monkeypatch, times=1)
    response = _paste(reviewer, long_text(2))
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert document.extraction_status is ExtractionStatus.FAILED and not document.claims
    page = reviewer.get(response.location).get_data(as_text=True)
    assert "Relancer l'extraction" in page
    retried = post_form(reviewer, f"/documents/{document.id}/extraction/retry", {},
                        page=response.location)
    assert retried.status_code == 302
    db.session.expire_all()
    assert document.extraction_status is ExtractionStatus.DONE and len(document.claims) == 4
    assert db.session.query(AuditEntry).filter_by(
        action="document.retry_extraction").count() == 1


def test_submitting_a_failed_text_again_retries_it(reviewer, db, monkeypatch):
    _failing(monkeypatch, times=1)
    _paste(reviewer, long_text(2))
    again = _paste(reviewer, long_text(2))
    document = db.session.query(Document).one()
    assert document.extraction_status is ExtractionStatus.DONE and len(document.claims) == 4
    page = reviewer.get(again.location).get_data(as_text=True)
    assert "Extraction terminée\u00a0: 4 affirmations" in page


@pytest.mark.parametrize("role, expected", [(Role.VIEWER, 403), (Role.REVIEWER, 302)])
def test_retry_needs_a_reviewer_and_a_csrf_token(client_for, db, role, expected):
    document = make_document(long_text(1))
    document.extraction_status = ExtractionStatus.FAILED
    db.session.commit()
    browser, _ = client_for(role)
    path = f"/documents/{document.id}/extraction/retry"
    assert browser.post(path).status_code == 400  # no CSRF token
    assert post_form(browser, path, {}, page="/").status_code == expected


def test_a_retry_while_the_job_is_live_changes_nothing(reviewer, db, redis_queue):
    response = _paste(reviewer, long_text())
    document = db.session.query(Document).one()
    retried = post_form(reviewer, f"/documents/{document.id}/extraction/retry", {},
                        page=response.location)
    assert retried.status_code == 302 and redis_queue.count == 1
    assert "déjà en cours" in reviewer.get(retried.location).get_data(as_text=True)


def test_a_job_whose_worker_vanished_is_requeued(db, app, redis_queue, runner):
    document = make_document(long_text())
    db.session.commit()
    jobs.enqueue_extraction(app, document)
    job = Job.fetch(jobs.job_id(document), connection=redis_queue.connection)
    job.set_status(JobStatus.STARTED)
    job.worker_name = "a-worker-that-is-gone"
    job.save()
    assert jobs.job_state(app, document).queue == "abandoned"
    result = runner.invoke(args=["jobs", "requeue"])
    assert "job abandoned: queued again" in result.output, result.output
    _work(redis_queue)
    db.session.expire_all()
    assert document.extraction_status is ExtractionStatus.DONE


def test_a_retry_while_redis_is_frozen_answers_quickly(reviewer, db, app, monkeypatch,
                                                      frozen_redis):
    document = make_document(long_text())
    document.extraction_status = ExtractionStatus.FAILED
    db.session.commit()
    monkeypatch.setitem(app.config, "REDIS_URL", frozen_redis)
    monkeypatch.setitem(app.config, "ASYNC_EXTRACTION_MIN_CHARS", 200)
    monkeypatch.setitem(app.config, "MAX_INLINE_EXTRACTION_CHARS", 300)
    started = time.monotonic()
    post_form(reviewer, f"/documents/{document.id}/extraction/retry", {}, page="/")
    assert time.monotonic() - started < 10
    db.session.expire_all()
    assert document.extraction_problem is ExtractionProblem.QUEUE_UNAVAILABLE


def test_new_document_service_needs_text(db, app):
    with pytest.raises(ValueError):
        submit_document(NewDocument(text="  \n ", title="x"), None, app)


def test_retry_intervals_must_be_seconds(tmp_path):
    with pytest.raises(ConfigError, match="EXTRACTION_RETRY_INTERVALS"):
        load_config(str(tmp_path), {"SECRET_KEY": "k", "EXTRACTION_RETRY_INTERVALS": "soon"})
    config = load_config(str(tmp_path), {"SECRET_KEY": "k", "EXTRACTION_RETRY_INTERVALS": "5, 60"})
    assert config["EXTRACTION_RETRY_INTERVALS"] == [5, 60]
