"""Documents: bringing articles in and showing them."""
from flask import Blueprint

bp = Blueprint("documents", __name__)

from . import routes  # noqa: E402,F401  (registers the views on bp)
