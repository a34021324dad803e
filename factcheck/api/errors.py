"""API errors: always JSON ``{error, message, fields?, current?}``, through ``error_response``.

``error`` is a stable word a client can test (docs/api.md lists them), ``message`` a sentence
in the client's language (Accept-Language), ``fields`` one message per faulty input, and
``current`` the claim as it now stands when a write lost to someone else's (409).
"""
from typing import Optional

from flask import current_app, make_response
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from ..errors import error_response


class ApiError(Exception):
    """Answer the request with this error; raised by views and their helpers."""

    def __init__(self, status: int, message: str, code: Optional[str] = None, *,
                 fields: Optional[dict] = None, current: Optional[dict] = None,
                 headers: Optional[dict] = None):
        super().__init__(str(message))
        self.status, self.message, self.code = status, str(message), code
        self.fields, self.current, self.headers = fields, current, headers or {}


def invalid(fields: dict[str, str]) -> ApiError:
    """A 400 naming each faulty field."""
    return ApiError(400, _("Some fields are missing or wrong: see fields."), "invalid",
                    fields={name: str(message) for name, message in fields.items()})


def unauthorized(message: str) -> ApiError:
    """A 401 that tells the client how to authenticate."""
    return ApiError(401, message, "unauthorized",
                    headers={"WWW-Authenticate": 'Bearer realm="factcheck"'})


def respond(exc: ApiError):
    """The JSON response for an ApiError."""
    response = make_response(error_response(exc.status, exc.message, exc.code,
                                            fields=exc.fields, current=exc.current))
    response.headers.update(exc.headers)
    return response


def body_too_large(exc: RequestEntityTooLarge):
    """413 with the limit in it (API_MAX_BODY_BYTES), rather than the upload page's words."""
    limit = current_app.config["API_MAX_BODY_BYTES"]
    return respond(ApiError(413, _("The request body is larger than the API accepts "
                                   "(%(size)s MiB).",
                                   size=format_decimal(round(limit / 2**20, 2)))))


def init_app_errors(bp) -> None:
    """Register the API's handlers on its blueprint."""
    bp.register_error_handler(ApiError, respond)
    bp.register_error_handler(RequestEntityTooLarge, body_too_large)

