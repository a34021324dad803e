"""A browser where an account signed in before skips that account's sign-in delay.

Without it, a stranger who keeps failing on an account keeps its delay at the cap and the
owner always meets a 429. After a successful sign-in the browser gets a signed cookie naming
the account (by a digest, not the email); from then on it is spared the account's delay there.
The per-address limit still applies to it. It is not a credential: the password is still
checked, and it signs nobody in.
"""
import hashlib

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .services import normalise_email

COOKIE_NAME = "fc_known_browser"
MAX_AGE_DAYS = 180
_SALT = "factcheck.known-browser"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _digest(email: str) -> str:
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:32]


def is_known_browser(email: str) -> bool:
    """True when this request carries a valid cookie for the account ``email``."""
    value = request.cookies.get(COOKIE_NAME)
    if not value:
        return False
    try:
        digest = _serializer().loads(value, max_age=MAX_AGE_DAYS * 86400)
    except BadSignature:  # includes expired ones
        return False
    return digest == _digest(email)


def remember_browser(response, email: str):
    """Mark this browser as one where ``email`` signed in; returns ``response``."""
    response.set_cookie(COOKIE_NAME, _serializer().dumps(_digest(email)),
                        max_age=MAX_AGE_DAYS * 86400, httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response
