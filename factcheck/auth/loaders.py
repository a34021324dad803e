"""How Flask-Login finds the current user: session cookie or API bearer token."""
from typing import Optional

from flask import Flask, current_app, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_user

from ..extensions import login_manager
from ..models import User
from .services import user_for_session, user_for_token


def wants_json() -> bool:
    """True for API clients: the API prefix or a JSON-first Accept header."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return request.path.startswith("/api/") or best == "application/json"


def init_login(app: Flask) -> None:
    """Configure Flask-Login on ``app``."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(session_id: str):
        # Session and remember-me cookies carry "id:session_version" (User.get_id).
        return user_for_session(session_id)

    @login_manager.request_loader
    def load_user_from_token(req):
        token = bearer_token(req)
        return user_for_token(token) if token is not None else None

    @login_manager.unauthorized_handler
    def unauthorized():
        if wants_json():
            return jsonify(error="unauthorized",
                           message=_("Sign in or send an API token.")), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def bearer_token(req) -> Optional[str]:
    """The token of an ``Authorization: Bearer <token>`` header, or None without one."""
    scheme, _sep, token = req.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def use_token_only(req) -> Optional[User]:
    """Make the request's token, and nothing else, say who is asking (None: nobody).

    Session and remember-me cookies are not read: the API's writes are exempt from CSRF
    checks, so a browser's cookies must never act there.
    """
    token = bearer_token(req)
    user = user_for_token(token) if token else None
    login_manager._update_request_context_with_user(user)  # what login_user does, cookie-less
    return user


def renew_login(user: User) -> None:
    """Sign ``user`` in again on this browser after their session version changed.

    The remember-me cookie is re-issued too when the browser had one.
    """
    cookie_name = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    login_user(user, remember=cookie_name in request.cookies)
