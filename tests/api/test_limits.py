"""The write limit: API_WRITE_LIMIT writes a minute per token, then 429 with Retry-After."""
import uuid

import pytest
from redis import Redis

from factcheck.api.limits import MemoryCounter, RedisCounter, retry_after, write_wait
from factcheck.models import Role
from tests.redis_support import redis_url_or_skip

BODY = {"text": "Un texte sans chiffre."}


@pytest.fixture
def two_writes(app, monkeypatch):
    """Two writes a minute, and a clock stopped 30 s into a minute (no window ends mid-test)."""
    monkeypatch.setitem(app.config, "API_WRITE_LIMIT", 2)
    monkeypatch.setattr("factcheck.api.limits.clock", lambda: 600_030.0)


def test_past_the_limit_a_write_is_a_429_with_retry_after(api, two_writes):
    caller = api(Role.REVIEWER)
    statuses = [caller.post("/documents", json=BODY).status_code for _ in range(2)]
    assert statuses == [201, 200]
    refused = caller.post("/documents", json=BODY, headers={"Accept-Language": "en"})
    assert refused.status_code == 429 and refused.json["error"] == "rate_limited"
    assert refused.headers["Retry-After"] == "30"
    assert "at most 2 a minute" in refused.json["message"]


def test_the_limit_is_per_token_and_reads_are_not_counted(api, two_writes):
    busy, other = api(Role.REVIEWER), api(Role.REVIEWER)
    for _ in range(3):
        busy.post("/documents", json=BODY)
    assert busy.get("/claims").status_code == 200
    assert other.post("/documents", json=BODY).status_code == 200


def test_refused_bodies_count_too(api, two_writes):
    caller = api(Role.REVIEWER)
    assert [caller.post("/documents", json={}).status_code for _ in range(3)] == [400, 400, 429]


def test_zero_means_no_limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "API_WRITE_LIMIT", 0)
    assert all(write_wait(app, "key", now=10.0) == 0 for _ in range(100))


def test_windows_are_clock_minutes():
    counter = MemoryCounter()
    assert [retry_after(counter, "t", 2, now) for now in (60.0, 61.0, 62.5)] == [0, 0, 58]
    assert retry_after(counter, "other", 2, 62.5) == 0
    assert retry_after(counter, "t", 2, 120.0) == 0  # a new minute starts again


def test_the_memory_counter_forgets_ended_windows():
    counter = MemoryCounter()
    for n in range(10_001):
        counter.hit(f"token{n}", window=1)
    counter.hit("late", window=2)
    assert len(counter._counts) == 1


def test_counts_are_shared_in_redis():
    url = redis_url_or_skip()
    prefix = f"test-{uuid.uuid4().hex[:8]}:"
    with Redis.from_url(url) as connection:
        first, second = RedisCounter(connection, prefix), RedisCounter(connection, prefix)
        assert [retry_after(c, "t", 2, 30.0) for c in (first, second, first)] == [0, 0, 30]
        assert 0 < connection.ttl(f"{prefix}t:0") <= 120
        connection.delete(*connection.keys(f"{prefix}*"))


def test_a_redis_that_fails_lets_writes_through(app, monkeypatch, caplog, frozen_redis):
    monkeypatch.setitem(app.config, "REDIS_URL", frozen_redis)
    monkeypatch.setitem(app.config, "REDIS_TIMEOUT_SECONDS", 0.2)
    assert write_wait(app, "key") == 0
    assert "write limit not checked" in caplog.text


def test_writes_through_redis_are_limited(api, app, monkeypatch, two_writes):
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url_or_skip())
    caller = api(Role.REVIEWER)
    statuses = [caller.post("/documents", json={}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
