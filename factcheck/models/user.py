"""Accounts, roles, API tokens and login attempts."""
from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import TimestampMixin, utcnow
from .enums import Role, enum_column


class User(UserMixin, TimestampMixin, db.Model):
    """A person who signs in: viewer, reviewer, editor or admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    display_name: Mapped[Optional[str]] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.VIEWER)
    api_token_hash: Mapped[Optional[str]] = mapped_column(sa.String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[Optional[datetime]] = mapped_column(sa.DateTime)
    # Part of every session and remember-me cookie (see get_id): raising it ends them all.
    session_version: Mapped[int] = mapped_column(default=1, server_default=sa.text("1"))

    def get_id(self) -> str:
        """What the session and remember-me cookies carry: "id:session_version"."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses sessions of deactivated accounts."""
        return self.active

    @property
    def name(self) -> str:
        """What the interface shows for this user."""
        return self.display_name or self.email

    def has_role(self, role: Role) -> bool:
        """True when this user's role is ``role`` or above."""
        return self.role.rank >= role.rank

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"


class LoginAttempt(db.Model):
    """One sign-in attempt, kept to throttle repeated failures."""

    __tablename__ = "login_attempts"
    __table_args__ = (sa.Index("ix_login_attempts_email_created", "email", "created_at"),
                      sa.Index("ix_login_attempts_ip_created", "ip_address", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    ip_address: Mapped[str] = mapped_column(sa.String(64))
    succeeded: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginAttempt {self.email} ok={self.succeeded}>"
