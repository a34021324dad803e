"""The review blueprint; its views live in queue_routes and claim_routes."""
from flask import Blueprint

bp = Blueprint("review", __name__)

from . import claim_routes, queue_routes, verdict_routes  # noqa: E402,F401  (attach views)
