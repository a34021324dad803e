"""Probes for load balancers: ``/healthz`` (the process answers) and ``/readyz`` (it can work).

Neither reads nor sets the session cookie (``sessions.STATELESS_PATHS``).
"""
import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify

from .extensions import db
from .jobs import redis_connection

bp = Blueprint("health", __name__)
NO_STORE = {"Cache-Control": "no-store"}


@bp.route("/healthz")
def healthz():
    """Answer without touching the database or the session."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", **NO_STORE}


@bp.route("/readyz")
def readyz():
    """200 when the database and Redis (if configured) answer, else 503 naming what failed."""
    parts = {"database": _database_state(), "redis": _redis_state()}
    ready = all(state in ("ok", "not configured") for state in parts.values())
    body = {"status": "ready" if ready else "not ready", **parts}
    return jsonify(body), 200 if ready else 503, NO_STORE


# A probe must answer, whatever goes wrong below it: any failure means "not ready" (never a
# 500), and the reason goes to the log, not to whoever asked.
def _database_state() -> str:
    try:
        with db.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # see above
        current_app.logger.warning("readiness: the database does not answer: %s",
                                   _reason(exc))
        return "unavailable"
    return "ok"


def _redis_state() -> str:
    try:
        connection = redis_connection(current_app)  # REDIS_TIMEOUT_SECONDS, no retries
        if connection is None:
            return "not configured"
        with connection:
            connection.ping()
    except Exception as exc:  # see above
        current_app.logger.warning("readiness: Redis does not answer: %s", _reason(exc))
        return "unavailable"
    return "ok"


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
