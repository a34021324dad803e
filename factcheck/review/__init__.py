"""Review: the claim queue, the claim page, evidence and verdicts.

Layout: ``routes/`` (thin views), ``services/`` (operations), ``queries.py`` (reading),
``forms.py``, ``page.py`` (rendering the claim page), ``errors.py``.
"""
from flask import Blueprint

bp = Blueprint("review", __name__)

from . import routes  # noqa: E402,F401  (attach the views)
from .queries import my_work_count  # noqa: E402


@bp.app_context_processor
def _navigation() -> dict:
    """What every page's navigation reads: the count beside "My work"."""
    return {"my_work_count": my_work_count}
