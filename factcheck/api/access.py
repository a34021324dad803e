"""Who may call the API, and how much: token-only sign-in, the body cap, the write limit.

The API's routes are exempt from CSRF checks (a script has no form to take a token from),
so they must never act on a browser's cookies: any site could make a signed-in browser post
to them. Every request is authenticated by its ``Authorization: Bearer`` token alone; a
request that only carries a session cookie gets a 401 that says so.
"""
from functools import wraps

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.loaders import bearer_token, use_token_only
from .errors import ApiError, unauthorized
from .limits import write_wait

PUBLIC_ENDPOINTS = {"api.openapi"}  # the API's description is for everyone


def authenticate() -> None:
    """Before every API view: cap the body, then take the user from the token only."""
    request.max_content_length = current_app.config["API_MAX_BODY_BYTES"]
    user = use_token_only(request)
    if user is not None or request.endpoint in PUBLIC_ENDPOINTS:
        return
    if bearer_token(request):
        raise unauthorized(_("This API token is not valid: it was replaced or revoked, or its "
                             "account is deactivated."))
    if _has_browser_session():
        raise unauthorized(_("The API does not accept browser sessions: send an API token "
                             "(Authorization: Bearer <token>)."))
    raise unauthorized(_("Send an API token (Authorization: Bearer <token>); an "
                         "administrator issues them."))


def keep_private(response):
    """After every API view: answers are the token user's, no cache may keep them."""
    if request.endpoint not in PUBLIC_ENDPOINTS:
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response


def _has_browser_session() -> bool:
    config = current_app.config
    names = (config.get("SESSION_COOKIE_NAME", "session"),
             config.get("REMEMBER_COOKIE_NAME", "remember_token"))
    return any(name in request.cookies for name in names)


def write_limited(view):
    """Decorate a writing view: past API_WRITE_LIMIT writes a minute, 429 with Retry-After."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        wait = write_wait(current_app, current_user.api_token_hash)
        if wait:
            raise ApiError(429, _("Too many writes with this token: at most %(num)d a minute. "
                                  "Try again in %(seconds)d s.",
                                  num=current_app.config["API_WRITE_LIMIT"], seconds=wait),
                           headers={"Retry-After": str(wait)})
        return view(*args, **kwargs)
    return wrapped
