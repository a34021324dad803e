"""The badge states every web process shares: kept in Redis, mirrored in each process.

Badges are asked for far more often than anything else, mostly with If-None-Match, so the
route must know the current verdict of a claim without reading the database. The states
live in Redis, in a hash per *generation* (``{prefix}badges:{generation}``, public id ->
state); a commit that changes what some badge shows (a verdict written, published, corrected
or deleted, a claim's status or a rating changed) starts a new generation: it increments
``{prefix}badges:generation`` and publishes the number on the channel ``{prefix}badges``.

Each process keeps a mirror of the states it has read, each tagged with its generation, and
follows the channel in a thread of its own: a state is reused while its generation is the
current one, so a 304 costs no network round trip, and a new generation reaches every
process as soon as Redis delivers the message. A state read from the database before a new
generation began is written into the old generation's hash, which nobody reads any more: a
slow reader cannot bring back what a commit replaced.

While the channel is not followed (not yet subscribed, Redis gone), the generation is read
from Redis on each request; without Redis at all, each state is read from the database. Every
entry also expires after ``BADGE_CACHE_SECONDS`` (in Redis and in the mirror), a bound for the
case where a commit could not reach Redis: no longer than the ``max-age`` badges already have.
Without REDIS_URL, a single process still sees its own commits at once, and several
processes see each other's within that bound.
"""
import json
import logging
import threading
import time
from typing import Optional

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from redis import Redis
from redis.exceptions import RedisError

from ..models import Claim, Rating, Verdict
from .badges import BadgeState, badge_state

log = logging.getLogger(__name__)
MIRROR_MAX = 10_000
_NONE = "-"  # no published verdict: cached too (unknown ids are asked for as well)


class BadgeCache:
    """One per app and process (``app.extensions["badge_cache"]``)."""

    def __init__(self, app: Flask):
        self.seconds = app.config["BADGE_CACHE_SECONDS"]
        prefix = app.config.get("REDIS_KEY_PREFIX", "factcheck:")
        self.counter, self.channel = f"{prefix}badges:generation", f"{prefix}badges"
        self.hash_prefix = f"{prefix}badges:"
        url = app.config.get("REDIS_URL")
        timeout = app.config.get("REDIS_TIMEOUT_SECONDS", 2.0)
        self.redis = (Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout,
                                     decode_responses=True) if url else None)
        self.url, self.timeout = url, timeout
        self.generation: Optional[int] = None  # as told by the channel; None: not followed
        self.local_generation = 0  # without Redis: this process's own commits
        self.mirror: dict[str, tuple[int, float, Optional[BadgeState]]] = {}
        self._listener: Optional[threading.Thread] = None
        self._lock = threading.Lock()
        self._closed = threading.Event()

    # Reading ------------------------------------------------------------------------------

    def state(self, public_id: str) -> Optional[BadgeState]:
        """The badge state of ``public_id``: from the mirror, Redis, or the database."""
        if self.seconds <= 0:
            return badge_state(public_id)
        if self.redis is None:
            return self._cached(public_id, self.local_generation, lambda: badge_state(public_id))
        self._follow()
        generation = self.generation
        if generation is None:
            try:
                generation = int(self.redis.get(self.counter) or 0)
            except RedisError:
                return badge_state(public_id)  # Redis gone: the database answers
        return self._cached(public_id, generation, lambda: self._shared(public_id, generation))

    def _cached(self, public_id: str, generation: int, load) -> Optional[BadgeState]:
        now = time.monotonic()
        entry = self.mirror.get(public_id)
        if entry is not None and entry[0] == generation and entry[1] > now:
            return entry[2]
        state = load()
        if len(self.mirror) >= MIRROR_MAX:
            self.mirror.clear()
        self.mirror[public_id] = (generation, now + self.seconds, state)
        return state

    def _shared(self, public_id: str, generation: int) -> Optional[BadgeState]:
        key = f"{self.hash_prefix}{generation}"
        try:
            stored = self.redis.hget(key, public_id)
        except RedisError:
            return badge_state(public_id)
        if stored is not None:
            return None if stored == _NONE else BadgeState(*json.loads(stored))
        state = badge_state(public_id)
        value = _NONE if state is None else json.dumps(
            [state.verdict_id, str(state.published_at), state.key, state.color,
             state.label_fr, state.label_en])
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                pipe.hset(key, public_id, value)
                pipe.expire(key, max(1, round(self.seconds)))
                pipe.execute()
        except RedisError:
            pass  # the next request asks the database again
        return state if state is None else BadgeState(*json.loads(value))

    # Following the channel -------------------------------------------------------------------

    def _follow(self) -> None:
        """Start this process's listener once (lazily: after a server forks its workers)."""
        if self._closed.is_set() or (self._listener is not None and self._listener.is_alive()):
            return
        with self._lock:
            if self._listener is None or not self._listener.is_alive():
                self._listener = threading.Thread(target=self._listen, daemon=True,
                                                  name="badge-generations")
                self._listener.start()

    def _listen(self) -> None:
        while not self._closed.is_set():
            client = None
            try:
                client = Redis.from_url(self.url, socket_connect_timeout=self.timeout,
                                        socket_timeout=self.timeout, decode_responses=True)
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                # Subscribed first, then read: no generation can slip between the two.
                self.generation = int(client.get(self.counter) or 0)
                last_ping = time.monotonic()
                while not self._closed.is_set():
                    message = pubsub.get_message(timeout=1.0)
                    if message is not None and message["type"] == "message":
                        self.generation = int(message["data"])
                    if time.monotonic() - last_ping > 5:
                        pubsub.ping()  # a silent Redis must not leave the mirror trusted
                        last_ping = time.monotonic()
            except (RedisError, OSError, ValueError) as exc:
                self.generation = None
                if not self._closed.is_set():
                    log.warning("badge cache: not following %s (%s); retrying",
                                self.channel, exc)
                self._closed.wait(1)
            finally:
                if client is not None:
                    client.close()
        self.generation = None

    def close(self) -> None:
        """Stop following the channel (an app torn down, as in tests); reads still work."""
        self._closed.set()
        if self._listener is not None:
            self._listener.join(timeout=3 * (1 + self.timeout))
        if self.redis is not None:
            self.redis.close()

    # Writing ---------------------------------------------------------------------------------

    def new_generation(self) -> None:
        """What some badge shows has changed: every process drops its states."""
        self.local_generation += 1
        if self.redis is None:
            return
        try:
            generation = self.redis.incr(self.counter)
            self.redis.publish(self.channel, generation)
            self.generation = generation
        except RedisError as exc:
            log.error("badge cache: new generation not recorded (%s); badges may lag "
                      "by up to %s s", exc, self.seconds)


def init_app(app: Flask) -> None:
    """Give the app its badge cache."""
    app.extensions["badge_cache"] = BadgeCache(app)


# Which commits start a generation -------------------------------------------------------

_CHANGED = "badges_changed"


def _shows_on_badges(obj, new: bool = False) -> bool:
    if isinstance(obj, (Verdict, Rating)):
        return True
    if isinstance(obj, Claim) and not new:  # a new claim has no verdict yet
        state = sa.inspect(obj)
        return any(state.attrs[name].history.has_changes() for name in ("status", "public_id"))
    return False


@sa.event.listens_for(sa.orm.Session, "after_flush")
def _note_changes(session, _context) -> None:
    if session.info.get(_CHANGED):
        return
    if (any(_shows_on_badges(obj, new=True) for obj in session.new)
            or any(isinstance(obj, (Claim, Verdict, Rating)) for obj in session.deleted)
            or any(_shows_on_badges(obj) for obj in session.dirty if session.is_modified(obj))):
        session.info[_CHANGED] = True


@sa.event.listens_for(sa.orm.Session, "after_commit")
def _after_commit(session) -> None:
    if session.info.pop(_CHANGED, False) and has_app_context():
        cache = current_app.extensions.get("badge_cache")
        if cache is not None:
            cache.new_generation()  # (a flag left by a rolled-back flush costs one more)
