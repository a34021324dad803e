"""User management pages (admins only)."""
from typing import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.loaders import renew_login
from ..auth.permissions import role_required
from ..auth.services import AccountError
from ..extensions import db
from ..models import Role, User
from . import bp
from .forms import ConfirmForm, NewUserForm, RoleForm
from .page import render_secret, render_user_page
from .queries import search_users, user_or_404
from .services import (
    UserAdminError,
    add_user,
    change_role,
    new_api_token,
    reset_password,
    revoke_token,
    set_active,
)


@bp.route("/users")
@role_required(Role.ADMIN)
def users():
    """List of accounts, optionally filtered by email (?q=)."""
    query = request.args.get("q", "").strip()[:254]
    return render_template("admin/users.html", users=search_users(query), q=query)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_user():
    """Create an account; a generated first password is shown once."""
    form = NewUserForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("admin/new_user.html", form=form), status
    try:
        user, generated = add_user(current_user, form.email.data, Role(form.role.data),
                                   (form.display_name.data or "").strip(), form.chosen_password())
    except AccountError as exc:  # e.g. the same email added meanwhile
        db.session.rollback()
        form.email.errors = [str(exc)]
        return render_template("admin/new_user.html", form=form), 400
    db.session.commit()
    if generated:
        return render_secret(user, "account", generated)
    flash(_("Account created for %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.user", user_id=user.id))


@bp.route("/users/<int:user_id>")
@role_required(Role.ADMIN)
def user(user_id: int):
    """One account: its facts, the changes an admin can make, its history."""
    return render_user_page(user_or_404(user_id))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@role_required(Role.ADMIN)
def role(user_id: int):
    """Give the user another role."""
    user, form = user_or_404(user_id), RoleForm()
    if not form.validate_on_submit():
        return render_user_page(user, role_form=form, status=400)
    try:
        change_role(user, Role(form.role.data), current_user)
    except UserAdminError as exc:
        db.session.rollback()
        return render_user_page(user, role_form=form, refusal=str(exc), status=400)
    db.session.commit()
    flash(_("Role changed."), "success")
    return redirect(url_for("admin.user", user_id=user.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@role_required(Role.ADMIN)
def deactivate(user_id: int):
    """Stop the account: no sign-in, no API access; open sessions stop working."""
    return _perform(user_id, lambda user: set_active(user, False, current_user),
                    _back_with(_("Account deactivated.")))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@role_required(Role.ADMIN)
def reactivate(user_id: int):
    """Let a deactivated account sign in again."""
    return _perform(user_id, lambda user: set_active(user, True, current_user),
                    _back_with(_("Account reactivated.")))


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@role_required(Role.ADMIN)
def password(user_id: int):
    """Replace the password with a generated one, shown once."""
    return _perform(user_id, lambda user: reset_password(user, current_user),
                    _show_new_password)


@bp.route("/users/<int:user_id>/token", methods=["POST"])
@role_required(Role.ADMIN)
def token(user_id: int):
    """Issue a new API token (the old one stops working), shown once."""
    return _perform(user_id, lambda user: new_api_token(user, current_user),
                    lambda user, secret: render_secret(user, "token", secret))


@bp.route("/users/<int:user_id>/token/revoke", methods=["POST"])
@role_required(Role.ADMIN)
def revoke(user_id: int):
    """Remove the user's API token."""
    return _perform(user_id, lambda user: revoke_token(user, current_user),
                    _back_with(_("API token revoked.")))


def _perform(user_id: int, action: Callable[[User], object], done: Callable):
    """Run ``action`` on the user for a confirmed POST: commit then ``done``, or show why not."""
    user = user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        result = action(user)
    except UserAdminError as exc:
        db.session.rollback()
        return render_user_page(user, refusal=str(exc), status=400)
    db.session.commit()
    return done(user, result)


def _show_new_password(user: User, secret: str):
    """The shown-once password; an admin who reset their own stays signed in on this browser."""
    if user.id == current_user.id:
        renew_login(user)
    return render_secret(user, "password", secret)


def _back_with(message: str) -> Callable:
    """A ``done`` step that flashes ``message`` and goes back to the user's page."""
    def done(user: User, _result: object):
        flash(message, "success")
        return redirect(url_for("admin.user", user_id=user.id))
    return done
