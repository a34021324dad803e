"""How Flask-Login finds the current user: session cookie or API bearer token."""
from flask import Flask, current_app, jsonify, redirect, request, url_for
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
        header = req.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return user_for_token(header[len("Bearer "):].strip())
        return None

    @login_manager.unauthorized_handler
    def unauthorized():
        if wants_json():
            return jsonify(error="unauthorized", message="Sign in or send an API token."), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def renew_login(user: User) -> None:
    """Sign ``user`` in again on this browser after their session version changed.

    The remember-me cookie is re-issued too when the browser had one.
    """
    cookie_name = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    login_user(user, remember=cookie_name in request.cookies)
