"""Claim datasets: exports (JSONL, CSV, ClaimReview, DataFeed) and lossless import.

``records.py`` is the dataset schema (docs/dataset.md), ``queries.py`` reads claims in
batches so memory does not grow with the dataset, ``formats.py`` writes them out, and the
services run large exports in the background and load exported files back.
"""
from flask import Blueprint

bp = Blueprint("datasets", __name__)
from . import routes  # noqa: E402,F401  (attach the views)
