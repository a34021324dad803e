"""Reads for the user administration pages: one user, a search, a user's history."""
import sqlalchemy as sa
from flask import abort

from ..extensions import db
from ..models import AuditEntry, User
from ..search import contains

HISTORY_LENGTH = 30
SEARCH_LIMIT = 200


def user_or_404(user_id: int) -> User:
    """The user with this id, or a 404 page."""
    return db.session.get(User, user_id) or abort(404)


def search_users(query: str = "") -> list[User]:
    """Users whose email contains ``query`` (all users when empty), by email."""
    select = sa.select(User).order_by(User.email).limit(SEARCH_LIMIT)
    query = query.strip().lower()
    if query:
        select = select.where(contains(User.email, query))
    return list(db.session.scalars(select))


def user_history(user: User) -> list[AuditEntry]:
    """The latest audit entries about ``user``, newest first."""
    return list(db.session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.target_type == User.__tablename__, AuditEntry.target_id == user.id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(HISTORY_LENGTH)))
