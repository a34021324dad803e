"""Publishing: public fact-check pages, ClaimReview, badges, embeds and feeds."""
from flask import Blueprint

bp = Blueprint("publish", __name__)

from . import routes  # noqa: E402,F401  (attaches the views to bp)
