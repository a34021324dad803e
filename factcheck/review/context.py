"""The queue a reviewer works through, for the claim page's previous and next claim.

The queue page remembers its filters and sort in the session (never a page or a cursor); the
claim page, and "approve and next", read them back. Without one, the default queue ("To do",
most check-worthy first) is the order.
"""
from flask import session
from werkzeug.datastructures import MultiDict

from .queries import QueueFilters

KEY = "queue_filters"


def remember_queue(filters: QueueFilters) -> None:
    """Keep the filters of the queue page being shown."""
    args = filters.as_args(page=1)
    if session.get(KEY) != args:
        session[KEY] = args


def remembered_queue() -> QueueFilters:
    """The filters of the last queue page this reviewer read (the default queue otherwise)."""
    return QueueFilters.from_args(MultiDict(session.get(KEY) or {}))
