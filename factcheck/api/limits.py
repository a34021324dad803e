"""How many writes a token may make: API_WRITE_LIMIT a minute, counted in fixed windows.

Each token's writes are counted per clock minute; past the limit a write answers 429 with
``Retry-After`` (the seconds until the minute ends). Counts live in Redis when REDIS_URL is
set, so every web worker shares them, and in this process's memory otherwise (each worker
then counts alone: fine for development and single-process servers). A Redis that does not
answer lets the write through and logs it: the limit protects the desk from runaway
scripts, it must not take the API down with the queue.
"""
import math
import threading
import time
from typing import Optional, Protocol

from flask import Flask
from redis import Redis
from redis.exceptions import RedisError

from ..jobs import redis_connection

WINDOW_SECONDS = 60
KEY_PREFIX = "factcheck:api-writes:"
clock = time.time  # tests stop it


class Counter(Protocol):
    """Counts hits per key and window."""

    def hit(self, key: str, window: int) -> int:
        """Count one hit for ``key`` in ``window``; returns the hits so far, this one included."""


class MemoryCounter:
    """Counts in this process, forgetting windows that have ended."""

    def __init__(self):
        self._counts: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, window: int) -> int:
        """Count one hit; a key seen in an earlier window starts again at one."""
        with self._lock:
            seen, count = self._counts.get(key, (window, 0))
            count = count + 1 if seen == window else 1
            self._counts[key] = (window, count)
            if len(self._counts) > 10_000:  # tokens seen in earlier windows no longer matter
                self._counts = {k: v for k, v in self._counts.items() if v[0] == window}
            return count


class RedisCounter:
    """Counts in Redis: one key per token and window, expiring after the window."""

    def __init__(self, connection: Redis, prefix: str = KEY_PREFIX):
        self.connection, self.prefix = connection, prefix

    def hit(self, key: str, window: int) -> int:
        """INCR the window's key, and let it expire once the window is over."""
        name = f"{self.prefix}{key}:{window}"
        with self.connection.pipeline() as pipe:
            pipe.incr(name)
            pipe.expire(name, WINDOW_SECONDS * 2)
            count, _ = pipe.execute()
        return int(count)


def retry_after(counter: Counter, key: str, limit: int, now: float) -> int:
    """0 when this hit is within the limit, else the whole seconds until the window ends."""
    window = int(now // WINDOW_SECONDS)
    if counter.hit(key, window) <= limit:
        return 0
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))


def write_wait(app: Flask, key: str, now: Optional[float] = None) -> int:
    """Seconds this token must wait before writing again (0: it may write now)."""
    limit = app.config["API_WRITE_LIMIT"]
    if limit <= 0:
        return 0
    try:
        return retry_after(_counter(app), key, limit, clock() if now is None else now)
    except RedisError as exc:
        app.logger.warning("API write limit not checked, Redis failed: %s", exc)
        return 0


def _counter(app: Flask) -> Counter:
    url = app.config.get("REDIS_URL")
    counters = app.extensions.setdefault("api_write_counters", {})
    if url not in counters:  # one per Redis URL (tests switch it), or memory without one
        counters[url] = RedisCounter(redis_connection(app)) if url else MemoryCounter()
    return counters[url]
