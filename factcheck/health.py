"""``/healthz``: a trivial route for load balancers (and the benchmarks' baseline)."""
from flask import Blueprint

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz():
    """Answer without touching the database or the session."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
