"""Accounts: sign-in, roles, API tokens."""
from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import routes  # noqa: E402,F401  (attach the views)
