"""The shared badge cache: states reused without the database, a commit seen at once by
every process (through Redis), and the database answering when Redis cannot."""
import socket
import time
import uuid

import pytest
import sqlalchemy as sa

from factcheck.extensions import db as _db
from factcheck.publish.badge_cache import BadgeCache
from tests.factories import rating
from tests.redis_support import redis_url_or_skip


def _closed_port() -> int:
    """A loopback port nothing listens on: one the system just handed out and took back."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


_MADE: list[BadgeCache] = []


@pytest.fixture(autouse=True)
def _closed_after_each_test():
    """Each cache's listener stops with its test (one left retrying would log into others)."""
    yield
    while _MADE:
        cache = _MADE.pop()
        cache.close()
        assert cache._listener is None or not cache._listener.is_alive()


def _cache(app, monkeypatch, url=None, prefix=None) -> BadgeCache:
    monkeypatch.setitem(app.config, "BADGE_CACHE_SECONDS", 30)
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    monkeypatch.setitem(app.config, "REDIS_KEY_PREFIX", prefix or f"test-{uuid.uuid4().hex}:")
    cache = BadgeCache(app)
    _MADE.append(cache)
    return cache


class _Statements:
    """Counts the SQL statements run meanwhile."""

    def __enter__(self):
        self.count = 0
        sa.event.listen(_db.engine, "before_cursor_execute", self._seen)
        return self

    def _seen(self, *_args):
        self.count += 1

    def __exit__(self, *_exc):
        sa.event.remove(_db.engine, "before_cursor_execute", self._seen)


def _wait(condition, seconds=3.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_without_redis_a_state_is_reused_until_this_process_commits_a_change(
        app, publish, db, monkeypatch):
    cache = _cache(app, monkeypatch)
    monkeypatch.setitem(app.extensions, "badge_cache", cache)
    claim = publish(key="false")
    assert cache.state(claim.public_id).key == "false"
    with _Statements() as seen:
        assert cache.state(claim.public_id).key == "false"
    assert seen.count == 0  # from the mirror
    verdict = claim.verdicts[0]
    verdict.rating = rating("misleading")
    db.session.commit()
    assert cache.state(claim.public_id).key == "misleading"


def test_an_edit_that_no_badge_shows_keeps_the_states(app, publish, db, monkeypatch):
    cache = _cache(app, monkeypatch)
    monkeypatch.setitem(app.extensions, "badge_cache", cache)
    claim = publish()
    cache.state(claim.public_id)
    before = cache.local_generation
    claim.normalized_text = "Une autre formulation"
    db.session.commit()
    assert cache.local_generation == before


def test_a_commit_reaches_every_process_through_redis(app, publish, db, monkeypatch):
    url = redis_url_or_skip()
    prefix = f"test-{uuid.uuid4().hex}:"
    here, there = _cache(app, monkeypatch, url, prefix), _cache(app, monkeypatch, url, prefix)
    monkeypatch.setitem(app.extensions, "badge_cache", here)
    claim = publish(key="false")
    assert there.state(claim.public_id).key == "false"
    assert _wait(lambda: there.generation is not None)  # the other process follows
    with _Statements() as seen:
        assert there.state(claim.public_id).key == "false"
    assert seen.count == 0  # neither Redis nor the database: its mirror
    fresh = _cache(app, monkeypatch, url, prefix)
    with _Statements() as seen:  # a third process: from Redis, not the database
        assert fresh.state(claim.public_id).key == "false"
    assert seen.count == 0
    db.session.delete(claim.verdicts[0])
    db.session.commit()  # committed here: a new generation for everyone
    assert _wait(lambda: there.state(claim.public_id) is None)
    assert fresh.state(claim.public_id) is None


def test_a_state_read_before_a_commit_does_not_come_back(app, publish, db, monkeypatch):
    url = redis_url_or_skip()
    cache = _cache(app, monkeypatch, url)
    monkeypatch.setitem(app.extensions, "badge_cache", cache)
    claim = publish(key="false")
    old_generation = int(cache.redis.get(cache.counter) or 0)
    claim.verdicts[0].rating = rating("true")
    db.session.commit()
    cache._shared(claim.public_id, old_generation)  # a slow reader writes the old state
    assert cache.state(claim.public_id).key == "true"


def test_when_redis_is_gone_the_database_answers(app, publish, monkeypatch):
    cache = _cache(app, monkeypatch, f"redis://127.0.0.1:{_closed_port()}")  # nothing there
    monkeypatch.setitem(app.config, "REDIS_TIMEOUT_SECONDS", 0.2)
    claim = publish(key="false")
    assert cache.state(claim.public_id).key == "false"
    assert cache.state("no-such-claim") is None
