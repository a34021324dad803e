"""Rendering the user administration pages: one user's page and the shown-once secret."""
from typing import Optional

import sqlalchemy as sa
from flask import abort, render_template
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import AuditEntry, User
from .forms import ConfirmForm, RoleForm

HISTORY_LENGTH = 30
SECRET_TITLES = {"account": _l("Account created"), "password": _l("New password"),
                 "token": _l("New API token")}


def user_or_404(user_id: int) -> User:
    """The user with this id, or a 404 page."""
    return db.session.get(User, user_id) or abort(404)


def user_history(user: User) -> list[AuditEntry]:
    """The latest audit entries about ``user``, newest first."""
    return list(db.session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.target_type == User.__tablename__, AuditEntry.target_id == user.id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(HISTORY_LENGTH)))


def render_user_page(user: User, role_form: Optional[RoleForm] = None,
                     refusal: Optional[str] = None, status: int = 200):
    """One user's page: facts, role, activation, password, API token, history."""
    role_form = role_form or RoleForm(role=user.role.value)
    return render_template("admin/user.html", user=user, role_form=role_form,
                           confirm=ConfirmForm(), refusal=refusal,
                           history=user_history(user)), status


def render_secret(user: User, kind: str, secret: str):
    """Show a generated password or token once; the page must never be cached."""
    page = render_template("admin/secret.html", user=user, kind=kind, secret=secret,
                           title=SECRET_TITLES[kind])
    return page, 200, {"Cache-Control": "no-store", "Pragma": "no-cache"}
