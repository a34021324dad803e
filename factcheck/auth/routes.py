"""Sign-in, sign-out and change-of-password pages."""
from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db
from ..urls import safe_next
from . import bp
from .forms import LoginForm, PasswordChangeForm
from .known_browser import is_known_browser, remember_browser
from .loaders import renew_login
from .services import (
    LoginThrottled,
    ThrottlePolicy,
    authenticate,
    change_own_password,
    end_sessions,
)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("documents.index"))
    form = LoginForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("auth/login.html", form=form), status
    try:
        user = authenticate(form.email.data, form.password.data, request.remote_addr,
                            ThrottlePolicy.from_config(current_app.config),
                            is_known_browser(form.email.data))
    except LoginThrottled as exc:
        return _throttled(exc, "auth/login.html", form=form)
    db.session.commit()
    if user is None:
        flash(_("Wrong email or password."), "error")
        return render_template("auth/login.html", form=form), 401
    login_user(user, remember=form.remember.data)
    return remember_browser(redirect(safe_next(request.args.get("next"),
                                               url_for("documents.index"))), user.email)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out everywhere (POST, so a link on another site cannot do it)."""
    end_sessions(current_user._get_current_object())
    db.session.commit()
    logout_user()
    flash(_("You are signed out, on every device."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    """Change one's own password; other sessions end, this one stays signed in."""
    form, user = PasswordChangeForm(), current_user._get_current_object()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("auth/password.html", form=form), status
    try:
        changed = change_own_password(user, form.current.data, form.new.data,
                                      request.remote_addr,
                                      ThrottlePolicy.from_config(current_app.config))
    except LoginThrottled as exc:
        return _throttled(exc, "auth/password.html", form=form)
    db.session.commit()  # a wrong current password is kept as a failed attempt
    if not changed:
        form.current.errors = [_("This is not your current password.")]
        return render_template("auth/password.html", form=form), 400
    renew_login(user)
    flash(_("Your password is changed. Every other session was signed out."), "success")
    return redirect(url_for("documents.index"))


def _throttled(exc: LoginThrottled, template: str, **context):
    """429 with Retry-After and a message saying how long to wait."""
    wait = _duration(exc.retry_after)
    if exc.scope == "address":
        message = _("Too many failed sign-ins from your network address. Wait %(wait)s and "
                    "try again.", wait=wait)
    else:
        message = _("Too many failed sign-ins for this account. Wait %(wait)s and try again.",
                    wait=wait)
    flash(message, "error")
    return render_template(template, **context), 429, {"Retry-After": str(exc.retry_after)}


def _duration(seconds: int) -> str:
    """'45 seconds', or whole minutes rounded up ('2 minutes' for 61 s), in the UI language."""
    if seconds >= 60:
        seconds = -(-seconds // 60) * 60
    return format_timedelta(timedelta(seconds=seconds), threshold=1)
