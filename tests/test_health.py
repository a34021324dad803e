"""``/healthz`` and ``/readyz``: what a load balancer and an operator see."""
import socket
import time

import pytest

from factcheck import create_app
from factcheck.models import Role
from tests.redis_support import redis_url_or_skip


def _ready(client):
    response = client.get("/readyz")
    return response.status_code, response.get_json(), response


def test_ready_when_the_database_answers_and_no_redis_is_configured(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    status, body, response = _ready(client)
    assert status == 200
    assert body == {"status": "ready", "database": "ok", "redis": "not configured"}
    assert response.headers["Cache-Control"] == "no-store"


def test_ready_when_redis_answers_too(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url_or_skip())
    status, body, _ = _ready(client)
    assert (status, body["redis"]) == (200, "ok")


def test_a_frozen_redis_makes_it_not_ready_within_the_timeout(app, client, monkeypatch,
                                                              frozen_redis):
    monkeypatch.setitem(app.config, "REDIS_URL", frozen_redis)
    monkeypatch.setitem(app.config, "REDIS_TIMEOUT_SECONDS", 0.3)
    started = time.monotonic()
    status, body, response = _ready(client)
    assert time.monotonic() - started < 3
    assert status == 503
    assert body == {"status": "not ready", "database": "ok", "redis": "unavailable"}
    assert response.headers["Cache-Control"] == "no-store"


def test_a_redis_url_that_cannot_work_is_a_503_not_a_500(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://queue.invalid:not-a-port")
    status, body, _ = _ready(client)
    assert (status, body["redis"], body["database"]) == (503, "unavailable", "ok")


def _closed_port() -> int:
    with socket.socket() as probe:  # bound, never listening, then released: nobody answers
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("url", [
    "sqlite:////no-such-folder/factcheck-readyz/factcheck.db",
    "postgresql+psycopg://nobody@127.0.0.1:{port}/factcheck",
], ids=["sqlite-bad-path", "postgresql-closed-port"])
def test_an_unreachable_database_makes_it_not_ready(url, caplog):
    broken = create_app({"SQLALCHEMY_DATABASE_URI": url.format(port=_closed_port()),
                         "SQLALCHEMY_ENGINE_OPTIONS": {}, "SECRET_KEY": "x",
                         "REDIS_URL": None})
    status, body, response = _ready(broken.test_client())
    assert status == 503
    assert body == {"status": "not ready", "database": "unavailable", "redis": "not configured"}
    assert "nobody" not in response.get_data(as_text=True)  # no detail for the public
    assert "readiness: the database does not answer" in caplog.text  # the operator's reason


def test_probes_neither_read_nor_set_the_session(client, login_as):
    login_as(Role.VIEWER)
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path
        assert "Cookie" not in response.headers.get("Vary", ""), path
