"""Slowing down password guessing without letting strangers lock anyone out.

Two separate brakes, both fed by the ``login_attempts`` rows:

- per account (email): after a few free failures, each further failure makes the next attempt
  for that account wait twice as long (2, 4, 8... seconds, capped). It is a delay, never a lock:
  whoever guesses must wait too, and a successful sign-in clears it.
- per client address: too many failures in the window block that address only, whichever
  accounts it tries; other addresses are not affected.

A browser where the account signed in before is spared that account's delay (known_browser.py),
so a stranger who keeps failing cannot keep the owner out either.
"""
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Mapping, Optional

import sqlalchemy as sa

from ..extensions import db
from ..models import LoginAttempt
from ..models.base import utcnow

ADDRESS_LENGTH = 64  # the ip_address column


class LoginThrottled(Exception):
    """Sign-in refused for now: ``retry_after`` seconds to wait; ``scope`` is what is braked."""

    def __init__(self, retry_after: int, scope: str):
        super().__init__(f"{scope} throttled for {retry_after} s")
        self.retry_after = retry_after
        self.scope = scope


@dataclass(frozen=True)
class ThrottlePolicy:
    """The configured limits (see config.py: LOGIN_*)."""

    free_failures: int = 3
    max_delay_seconds: int = 300
    address_max_failures: int = 20
    window_seconds: int = 900

    @classmethod
    def from_config(cls, config: Mapping) -> "ThrottlePolicy":
        """The policy an application's settings describe."""
        return cls(free_failures=int(config["LOGIN_ACCOUNT_FREE_FAILURES"]),
                   max_delay_seconds=int(config["LOGIN_ACCOUNT_MAX_DELAY_SECONDS"]),
                   address_max_failures=int(config["LOGIN_ADDRESS_MAX_FAILURES"]),
                   window_seconds=int(config["LOGIN_WINDOW_SECONDS"]))

    def delay_after(self, failures: int) -> int:
        """Seconds an account waits after ``failures`` recent failures: 0, then 2, 4, 8..."""
        if failures < self.free_failures:
            return 0
        return min(2 ** min(failures - self.free_failures + 1, 30), self.max_delay_seconds)


def check_throttle(email: str, address: str, policy: ThrottlePolicy,
                   known_browser: bool = False, now: Optional[datetime] = None) -> None:
    """Raise LoginThrottled when this address is blocked or this account must still wait.

    A browser where the account signed in before (``known_browser``) skips the account's delay.
    """
    _serialise_attempts(email, address)
    now = now or utcnow()
    wait = _address_wait(address, policy, now)
    if wait > 0:
        raise LoginThrottled(_seconds(wait), "address")
    wait = 0 if known_browser else _account_wait(email, policy, now)
    if wait > 0:
        raise LoginThrottled(_seconds(wait), "account")


def record_attempt(email: str, address: str, succeeded: bool) -> None:
    """Keep one attempt: failures feed both brakes, a success ends the account's delay."""
    db.session.add(LoginAttempt(email=email, ip_address=client_address(address),
                                succeeded=succeeded))


def client_address(address: Optional[str]) -> str:
    """The address as stored: '-' when unknown, cut to the column's length."""
    return (address or "-")[:ADDRESS_LENGTH]


def _serialise_attempts(email: str, address: str) -> None:
    """On PostgreSQL, attempts for one address or one account wait for each other.

    Otherwise a burst of simultaneous guesses would all pass the check before any failure is
    recorded. The locks last until the request's commit (or rollback); always taken in the
    same order (address, then account), so two attempts cannot deadlock.
    """
    if db.session.get_bind().dialect.name != "postgresql":
        return  # SQLite (development) has one writer at a time anyway
    for namespace, key in ((1, client_address(address)), (2, email)):
        db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(namespace,
                                                                   sa.func.hashtext(key))))


def _account_wait(email: str, policy: ThrottlePolicy, now: datetime) -> float:
    """Seconds left before the account's next attempt; failures count since its last success."""
    since = now - timedelta(seconds=policy.window_seconds)
    last_success = db.session.scalar(
        sa.select(sa.func.max(LoginAttempt.created_at))
        .where(LoginAttempt.email == email, LoginAttempt.succeeded.is_(True),
               LoginAttempt.created_at >= since))
    failed = [LoginAttempt.email == email, LoginAttempt.succeeded.is_(False),
              LoginAttempt.created_at >= since]
    if last_success is not None:
        failed.append(LoginAttempt.created_at > last_success)
    count, latest = db.session.execute(
        sa.select(sa.func.count(LoginAttempt.id), sa.func.max(LoginAttempt.created_at))
        .where(*failed)).one()
    if not count:
        return 0
    return (latest + timedelta(seconds=policy.delay_after(count)) - now).total_seconds()


def _address_wait(address: str, policy: ThrottlePolicy, now: datetime) -> float:
    """Seconds until this address is under its failure limit again (0 when it already is)."""
    if policy.address_max_failures <= 0:
        return 0
    since = now - timedelta(seconds=policy.window_seconds)
    # The failure whose ageing out brings the address back under the limit.
    pivot = db.session.scalar(
        sa.select(LoginAttempt.created_at)
        .where(LoginAttempt.ip_address == client_address(address),
               LoginAttempt.succeeded.is_(False), LoginAttempt.created_at >= since)
        .order_by(LoginAttempt.created_at.desc())
        .offset(policy.address_max_failures - 1).limit(1))
    if pivot is None:
        return 0
    return (pivot + timedelta(seconds=policy.window_seconds) - now).total_seconds()


def _seconds(wait: float) -> int:
    """Whole seconds for Retry-After, at least one."""
    return max(1, math.ceil(wait))
