"""Account operations: create users, check passwords, end sessions, issue API tokens."""
import hashlib
import secrets
from typing import Optional

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db
from ..models import AuditAction, Role, User
from ..models.base import utcnow
from .throttle import LoginThrottled, ThrottlePolicy, check_throttle, record_attempt

__all__ = ["LoginThrottled", "ThrottlePolicy"]  # re-exported for the views

MIN_PASSWORD_LENGTH = 10
# Checked against when the email is unknown, so both paths cost the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


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


def authenticate(email: str, password: str, address: str, policy: ThrottlePolicy,
                 known_browser: bool = False) -> Optional[User]:
    """The user when the password matches (and the account is active), else None.

    Raises LoginThrottled, before looking at the password, when the address or the account
    must wait. Every checked attempt is recorded.
    """
    user = check_password(email, password, address, policy, known_browser)
    if user is not None:
        user.last_login_at = utcnow()
    return user


def check_password(email: str, password: str, address: str, policy: ThrottlePolicy,
                   known_browser: bool = False) -> Optional[User]:
    """Throttled, recorded password check: the active user on a match, else None."""
    email = normalise_email(email)
    check_throttle(email, address, policy, known_browser)
    user = find_user(email)
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    ok = ok and user is not None and user.active
    record_attempt(email, address, ok)
    return user if ok else None


def end_sessions(user: User) -> None:
    """Make every session and remember-me cookie of ``user`` worthless (they carry the version).

    Incremented in SQL, so two events at once still leave a version no cookie has.
    """
    user.session_version = User.session_version + 1
    db.session.flush()


def user_for_session(session_id: str) -> Optional[User]:
    """The user an "id:version" session or remember-me value names, while the version holds."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit() and len(user_id) < 10):
        return None  # includes cookies from before versions existed: signed out
    user = db.session.get(User, int(user_id))
    return user if user is not None and str(user.session_version) == version else None


def change_own_password(user: User, current: str, new_password: str, address: str,
                        policy: ThrottlePolicy) -> bool:
    """Replace the password when ``current`` is right (False if not); throttled like sign-in.

    No known-browser exemption here: whoever holds a stolen session holds that cookie too.
    """
    if check_password(user.email, current, address, policy) is None:
        return False
    change_password(user, new_password, actor=user)
    return True


def change_password(user: User, new_password: str, actor: User) -> None:
    """Set a password chosen by ``actor`` (the user themself) and end every session."""
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    user.password_hash = generate_password_hash(new_password)
    end_sessions(user)
    audit.record(actor, AuditAction.USER_PASSWORD_CHANGE, user, after={"password": "changed"})


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
