"""Sign-in and sign-out pages."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db
from ..urls import safe_next
from .forms import LoginForm
from .services import LoginThrottled, authenticate

bp = Blueprint("auth", __name__)


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
        user = authenticate(form.email.data, form.password.data, request.remote_addr or "-",
                            current_app.config["LOGIN_MAX_FAILURES"],
                            current_app.config["LOGIN_WINDOW_SECONDS"])
    except LoginThrottled:
        flash(_("Too many failed sign-ins. Wait a few minutes and try again."), "error")
        return render_template("auth/login.html", form=form), 429
    db.session.commit()
    if user is None:
        flash(_("Wrong email or password."), "error")
        return render_template("auth/login.html", form=form), 401
    login_user(user, remember=form.remember.data)
    return redirect(safe_next(request.args.get("next"), url_for("documents.index")))


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (POST, so a link on another site cannot do it)."""
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))

