"""Error pages for browsers and JSON errors for API clients, from one place."""
from flask import Flask, jsonify, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from .auth.loaders import wants_json
from .extensions import db


def error_response(status: int, message: str, code: str | None = None):
    """Render an error as JSON or as the HTML error page."""
    if wants_json():
        return jsonify(error=code or str(status), message=message), status
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
        return error_response(status, message)

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
