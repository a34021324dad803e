"""Account administration: create users, change roles, (de)activate, reset secrets.

Each operation changes the user, flushes, writes an audit entry and never commits.
Passwords and tokens never reach the audit log: only the fact that one was set.
A role change, a deactivation and a password reset end every session of the user (a stolen
session or remember-me cookie does not outlive them); API tokens are revoked separately.
"""
import secrets
from typing import Optional

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from werkzeug.security import generate_password_hash

from .. import audit
from ..auth.services import AccountError, create_user, end_sessions, issue_api_token
from ..extensions import db
from ..models import AuditAction, Role, User

# No look-alike characters (0/O, 1/l/I), so a password read aloud or copied by hand works.
_PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GENERATED_PASSWORD_LENGTH = 16


class UserAdminError(AccountError):
    """An administrative change that is refused; the (translated) message says why."""


def generate_password() -> str:
    """A random password, long enough for any policy."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(GENERATED_PASSWORD_LENGTH))


def add_user(actor: User, email: str, role: Role, display_name: Optional[str] = None,
             password: Optional[str] = None) -> tuple[User, Optional[str]]:
    """Create an account; without ``password`` one is generated and returned (shown once)."""
    generated = None if password else generate_password()
    user = create_user(email, password or generated, role, actor=actor,
                       display_name=display_name or None)
    return user, generated


def change_role(user: User, role: Role, actor: User) -> None:
    """Give ``user`` another role; admins cannot demote themselves or the last admin."""
    if role is user.role:
        return
    if user.id == actor.id:
        raise UserAdminError(_l("You cannot change your own role."))
    if role is not Role.ADMIN:
        _keep_an_admin(user, _l("The last active admin cannot be demoted."))
    before = audit.snapshot(user, ["role"])
    user.role = role
    end_sessions(user)
    audit.record(actor, AuditAction.USER_ROLE, user, before=before,
                 after=audit.snapshot(user, ["role"]))


def set_active(user: User, active: bool, actor: User) -> None:
    """Deactivate (no sign-in, no API access) or reactivate an account."""
    if active is user.active:
        return
    if not active and user.id == actor.id:
        raise UserAdminError(_l("You cannot deactivate your own account."))
    if not active:
        _keep_an_admin(user, _l("The last active admin cannot be deactivated."))
    user.active = active
    end_sessions(user)
    action = AuditAction.USER_REACTIVATE if active else AuditAction.USER_DEACTIVATE
    audit.record(actor, action, user,
                 before={"active": not active}, after={"active": active})


def reset_password(user: User, actor: User) -> str:
    """Replace the password with a generated one and return it (to be shown once)."""
    password = generate_password()
    user.password_hash = generate_password_hash(password)
    end_sessions(user)
    audit.record(actor, AuditAction.USER_PASSWORD, user, after={"password": "reset"})
    return password


def new_api_token(user: User, actor: User) -> str:
    """Issue a new API token (replacing any old one) and return it, to be shown once."""
    if not user.active:
        raise UserAdminError(_l("Reactivate the account before giving it an API token."))
    return issue_api_token(user, actor=actor)


def revoke_token(user: User, actor: User) -> None:
    """Remove the user's API token: requests bearing it are refused from now on."""
    if user.api_token_hash is None:
        raise UserAdminError(_l("This user has no API token."))
    user.api_token_hash = None
    audit.record(actor, AuditAction.USER_TOKEN_REVOKE, user, before={"api_token": "issued"},
                 after={"api_token": "revoked"})


def _keep_an_admin(user: User, message: str) -> None:
    """Refuse when ``user`` is the only active admin; locks the admin rows where possible."""
    if user.role is not Role.ADMIN or not user.active:
        return
    # FOR UPDATE makes two concurrent demotions on PostgreSQL wait for each other, so they
    # cannot both see "another admin is left"; SQLite serialises writers anyway.
    admins = db.session.scalars(
        sa.select(User.id).where(User.role == Role.ADMIN, User.active.is_(True))
        .with_for_update()).all()
    if set(admins) <= {user.id}:
        raise UserAdminError(message)
