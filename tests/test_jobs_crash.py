"""A real worker whose work-horse is killed mid-job: recovered, claims stored once."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rq.job import Job

from factcheck import jobs
from factcheck.extraction.chunking import claims_by_chunk
from factcheck.models import Document, ExtractionProblem, ExtractionStatus, Role
from tests.conftest import post_form
from tests.test_jobs import long_text

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[1]


def _paste(client, text):
    return post_form(client, "/documents/new", {"title": "Budget", "language": "fr",
                                                "text": text})


@pytest.mark.slow
def test_a_work_horse_killed_mid_job_is_recovered_without_duplicates(client, login_as, db, app,
                                                                     redis_queue, runner,
                                                                     monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "EXTRACTION_RETRIES", 0)  # recovery by `jobs requeue`
    text = long_text(450)  # about 60,000 characters: three pieces, several seconds
    login_as(Role.REVIEWER)
    _paste(client, text)
    document = db.session.query(Document).one()
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "REDIS_URL": app.config["REDIS_URL"], "RQ_QUEUE_NAME": redis_queue.name}
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker"]
    processes = []
    try:
        with open(tmp_path / "worker.log", "wb") as log:
            worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
            processes.append(worker)
            os.kill(_horse_once_started(redis_queue, document), signal.SIGKILL)
            _wait_for(lambda: _status(db, document) is ExtractionStatus.FAILED)
            assert document.extraction_problem is ExtractionProblem.WORKER_LOST
            assert not document.claims
            worker.terminate()
            worker.wait(timeout=20)
            result = runner.invoke(args=["jobs", "requeue"])
            assert "failed (worker_lost), job failed: queued again" in result.output
            again = subprocess.Popen(command + ["--burst"], cwd=ROOT, env=env, stdout=log,
                                     stderr=log)
            processes.append(again)
            assert again.wait(timeout=90) == 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.wait()
    assert _status(db, document) is ExtractionStatus.DONE, (tmp_path / "worker.log").read_text()
    stored = [(c.start_char, c.end_char, c.sentence) for c in document.claims]
    expected = sorted((c.start, c.end, c.sentence) for c in claims_by_chunk(text, "fr"))
    assert stored == expected and len(set(stored)) == len(stored) == 900


def _horse_once_started(queue, document) -> int:
    """The pid of the work-horse, once it has reported some progress."""
    def started():
        job = Job.fetch(jobs.job_id(document), connection=queue.connection)
        return job.meta.get("pid") if job.meta.get("progress", 0) > 0 else None
    return _wait_for(started, timeout=45)


def _wait_for(condition, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"still waiting after {timeout} s")


def _status(db, document):
    db.session.expire_all()
    status = document.extraction_status
    db.session.rollback()  # hold no snapshot or lock while the worker writes
    return status
