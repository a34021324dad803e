"""Claim tracking: the same claim across documents and languages (groups, matches, alerts).

``matching/`` is the pure comparison engine; ``index.py`` finds candidates through the
database's full-text index; services file claims in groups and keep reviewers' decisions.
"""
from flask import Blueprint

bp = Blueprint("tracking", __name__)
from . import routes  # noqa: E402,F401  (attach the views)
