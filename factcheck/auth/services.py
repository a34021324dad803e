"""Account operations: create users, check passwords, throttle, issue API tokens."""
import hashlib
import secrets
from datetime import timedelta
from typing import Optional

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db
from ..models import AuditAction, LoginAttempt, Role, User
from ..models.base import utcnow

MIN_PASSWORD_LENGTH = 10
# Checked against when the email is unknown, so both paths cost the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


class LoginThrottled(Exception):
    """Too many failed sign-ins for this email or address in the window."""


def normalise_email(email: str) -> str:
    """Emails are compared trimmed and lower-cased."""
    return email.strip().lower()


def create_user(email: str, password: str, role: Role,
                actor: Optional[User] = None, display_name: Optional[str] = None) -> User:
    """Add a user with a hashed password; raises AccountError on bad input."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(f"'{email}' is not an email address.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise AccountError(f"A user with the email {email} already exists.")
    user = User(email=email, role=role, display_name=display_name,
                password_hash=generate_password_hash(password))
    db.session.add(user)
    audit.record(actor, AuditAction.USER_CREATE, user, after={"email": email, "role": role.value})
    return user


def find_user(email: str) -> Optional[User]:
    """The user with this email, or None."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str, ip_address: str, max_failures: int,
                 window_seconds: int) -> Optional[User]:
    """Return the user when the password matches; record the attempt; raise when throttled."""
    email = normalise_email(email)
    if _recent_failures(email, ip_address, window_seconds) >= max_failures:
        raise LoginThrottled()
    user = find_user(email)
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    ok = ok and user is not None and user.active
    db.session.add(LoginAttempt(email=email, ip_address=ip_address, succeeded=ok))
    if ok:
        user.last_login_at = utcnow()
        return user
    return None


def _recent_failures(email: str, ip_address: str, window_seconds: int) -> int:
    """Failures in the window for this email (from any address) or this address (x4)."""
    since = utcnow() - timedelta(seconds=window_seconds)
    failed = sa.select(sa.func.count(LoginAttempt.id)).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.created_at >= since)
    by_email = db.session.scalar(failed.where(LoginAttempt.email == email)) or 0
    by_ip = db.session.scalar(failed.where(LoginAttempt.ip_address == ip_address)) or 0
    return max(by_email, by_ip // 4)


def issue_api_token(user: User, actor: Optional[User] = None) -> str:
    """Give ``user`` a new API token, replacing the old one; only its hash is kept."""
    token = "fc_" + secrets.token_urlsafe(32)
    user.api_token_hash = hash_token(token)
    audit.record(actor, AuditAction.USER_TOKEN, user, after={"api_token": "issued"})
    return token


def hash_token(token: str) -> str:
    """SHA-256 of a token: tokens are long and random, so no salt or stretching is needed."""
    return hashlib.sha256(token.encode()).hexdigest()


def user_for_token(token: str) -> Optional[User]:
    """The active user owning this API token, or None."""
    if not token:
        return None
    user = db.session.scalar(sa.select(User).where(User.api_token_hash == hash_token(token)))
    return user if user and user.active else None
