"""Redis for the job tests: the real server named by TEST_REDIS_URL, or a frozen fake one."""
import os
import socket
import threading
import uuid

import pytest
from redis import Redis
from redis.exceptions import RedisError

from factcheck.jobs import extraction_queue


def redis_url_or_skip() -> str:
    """TEST_REDIS_URL when it is set and answers; the test is skipped otherwise."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    try:
        with Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1) as client:
            client.ping()
    except RedisError:
        pytest.skip(f"Redis at TEST_REDIS_URL ({url}) does not answer")
    return url


def forget_jobs(connection: Redis, queue_name: str) -> None:
    """Delete this test's queue and every extraction job key (ids restart with the tables)."""
    keys = [*connection.scan_iter(f"*{queue_name}*"),
            *connection.scan_iter("rq:job:extract-document-*"),
            *connection.scan_iter("rq:results:extract-document-*"),
            *connection.scan_iter("rq:execution*:extract-document-*")]
    if keys:
        connection.delete(*keys)


@pytest.fixture
def redis_queue(app, monkeypatch):
    """Long documents (200 characters and more) go to a real Redis queue of their own."""
    url = redis_url_or_skip()
    name = f"test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    monkeypatch.setitem(app.config, "RQ_QUEUE_NAME", name)
    monkeypatch.setitem(app.config, "ASYNC_EXTRACTION_MIN_CHARS", 200)
    monkeypatch.setitem(app.config, "EXTRACTION_RETRY_INTERVALS", [0])
    queue = extraction_queue(app, connection=Redis.from_url(url))
    forget_jobs(queue.connection, name)
    yield queue
    forget_jobs(queue.connection, name)
    queue.connection.close()


@pytest.fixture
def frozen_redis():
    """The address of a server that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()
