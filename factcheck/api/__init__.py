"""The JSON API under /api/v1, for newsroom tools and scripts (docs/api.md).

Token-only: the blueprint is exempt from CSRF checks, so ``access.authenticate`` never lets a
browser's cookies act here. Views call the same services as the browser.
"""
from flask import Blueprint

from ..extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

from . import access, errors, routes  # noqa: E402,F401  (attach the views and hooks)

bp.before_request(access.authenticate)
bp.after_request(access.keep_private)
errors.init_app_errors(bp)
