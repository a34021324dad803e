"""Logs: the request id, and one JSON object per line when ``LOG_FORMAT=json``.

Every response carries ``X-Request-ID``: the one the reverse proxy sent, when it is a plain
token, or a new one. JSON lines name it, so an application line and gunicorn's access line of
the same request can be found together (gunicorn.conf.py uses ``JsonFormatter`` too).
"""
import json
import logging
import re
import sys
import uuid
from datetime import datetime, timezone

from flask import Flask, Response, g, has_request_context, request
from flask.logging import default_handler

REQUEST_ID_HEADER = "X-Request-ID"
# Anything else a client sends is replaced: the id is only a label, but it must stay one.
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def init_app(app: Flask) -> None:
    """Tag every response with its request id; switch the app's logger to JSON if asked."""
    app.after_request(_tag_response)
    if app.config.get("LOG_FORMAT") == "json":
        use_json(app.logger)


def request_id() -> str:
    """This request's id: the proxy's ``X-Request-ID`` when it is a plain token, else new."""
    if "request_id" not in g:
        sent = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = sent if SAFE_REQUEST_ID.match(sent) else uuid.uuid4().hex
    return g.request_id


def _tag_response(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = request_id()
    g.response_status = response.status_code  # lines logged after the view can name it
    return response


def use_json(logger: logging.Logger) -> None:
    """Write ``logger``'s records as JSON lines on stderr, unless it has handlers of its own.

    Under gunicorn the logging configuration has already given the logger a JSON handler;
    Flask's default text handler is the only one replaced. Safe to call once per app.
    """
    if any(handler is not default_handler for handler in logger.handlers):
        return
    logger.removeHandler(default_handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time, level, logger, message, request and exception."""

    def format(self, record: logging.LogRecord) -> str:
        """The JSON line (no newline: the handler adds it)."""
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc)
            .isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_access_fields(record) or _request_fields())
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _request_fields() -> dict:
    """The request being served, when the record was logged during one."""
    if not has_request_context():
        return {}
    fields = {"request_id": request_id(), "method": request.method, "path": request.path}
    if "response_status" in g:
        fields["status"] = g.response_status
    return fields


def _access_fields(record: logging.LogRecord) -> dict:
    """Gunicorn's access records carry the request's atoms (a mapping) as their arguments."""
    atoms = record.args
    if record.name != "gunicorn.access" or not isinstance(atoms, dict):
        return {}
    fields = {"request_id": atoms.get("{x-request-id}o"), "method": atoms.get("m"),
              "path": atoms.get("U"), "status": _number(atoms.get("s")),
              "duration_ms": atoms.get("M"), "remote_addr": atoms.get("h")}
    return {name: value for name, value in fields.items() if value not in (None, "-")}


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value
