"""The dashboard: claims per status, verdicts per rating, work per reviewer."""
from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

from . import routes  # noqa: E402,F401  (attach the views)
