"""Rendering the user administration pages: one user's page and the shown-once secret."""
from typing import Optional

from flask import render_template
from flask_babel import lazy_gettext as _l

from ..models import User
from .forms import ConfirmForm, RoleForm
from .queries import user_history

SECRET_TITLES = {"account": _l("Account created"), "password": _l("New password"),
                 "token": _l("New API token")}


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
