"""Error pages for browsers and JSON errors for API clients, from one place."""
from flask import Flask, jsonify, make_response, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from .auth.loaders import wants_json
from .extensions import db

# The ``error`` of a JSON error when the handler names none: stable words clients can test.
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large",
         415: "unsupported_media_type", 429: "rate_limited", 500: "internal"}


def error_response(status: int, message: str, code: str | None = None, **details):
    """Render an error as JSON or as the HTML error page.

    ``details`` (the API's ``fields``, ``current``...) join the JSON body when not None.
    """
    if wants_json():
        extra = {key: value for key, value in details.items() if value is not None}
        return jsonify(error=code or CODES.get(status, str(status)), message=message,
                       **extra), status
    return render_template("errors/error.html", status=status, message=message), status


def _messages() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        401: _("You need to sign in."),
        403: _("You do not have permission to do this."),
        404: _("This page does not exist."),
        405: _("This action is not allowed here."),
        413: _("The upload is too large."),
        429: _("Too many requests. Wait a moment and try again."),
        500: _("Something went wrong on our side. The team has been told."),
    }


def init_errors(app: Flask) -> None:
    """Register the handlers."""
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return error_response(400, _("The form expired or was not sent from this site. "
                                     "Reload the page and try again."), "csrf")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        if exc.response is not None:  # e.g. a redirect raised as an exception
            return exc
        custom = exc.description and exc.description != type(exc).description
        message = exc.description if custom else _messages().get(status, exc.description or "")
        response = make_response(error_response(status, message))
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)  # what the URL takes
        return response

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def out_of_range(exc: Exception):
        # an id in the URL beyond what the database column holds (PostgreSQL, SQLite)
        db.session.rollback()
        return error_response(404, _messages()[404])

    @app.errorhandler(StaleDataError)
    def lost_race(exc: StaleDataError):
        # a versioned row changed between reading and writing it: the other write stands
        db.session.rollback()
        return error_response(409, _("Someone else changed this at the same moment. "
                                     "Reload the page and try again."), "conflict")

    @app.errorhandler(InternalServerError)
    def unexpected(exc: InternalServerError):
        db.session.rollback()
        return error_response(500, _messages()[500], "internal")
