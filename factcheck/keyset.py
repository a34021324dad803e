"""Keyset pages: a page starts after (or ends before) a row named by its sort values.

A sort is a tuple of (column, descending) ending on a unique column. A cursor is the row's
values as URL-safe base64 of a JSON list; a cursor that does not fit the sort reads as none.
"""
import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

import sqlalchemy as sa

MAX_ID = 2**31 - 1  # the largest value an INTEGER column holds on PostgreSQL


@dataclass
class Page:
    """One page of rows, with the cursors of the pages around it ("" when there is none, or
    when pages go by number)."""

    items: list
    has_next: bool
    next_cursor: str = ""  # after=..., for the next page
    prev_cursor: str = ""  # before=..., for the previous page


def beyond(keys, values: list, forward: bool):
    """Rows after ``values`` in the sort (before them when not ``forward``)."""
    if len({descending for _, descending in keys}) == 1:  # one direction: a row comparison
        columns = sa.tuple_(*(c for c, _ in keys))
        bound = sa.tuple_(*(sa.literal(v, c.type) for (c, _), v in zip(keys, values, strict=True)))
        return columns < bound if keys[0][1] == forward else columns > bound
    either = []
    for i, (column, descending) in enumerate(keys):
        same = [c == v for (c, _), v in zip(keys[:i], values[:i], strict=True)]
        step = column < values[i] if descending == forward else column > values[i]
        either.append(sa.and_(*same, step))
    return sa.or_(*either)


def cursor_of(row, keys) -> str:
    """The cursor naming ``row`` (a model object) in the sort."""
    values = [getattr(row, c.key) for c, _ in keys]
    text = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def cursor(token: str, keys) -> Optional[list]:
    """The sort values a cursor names, None when there is none or it makes no sense (a cursor
    of another sort, or edited by hand: callers show the first page)."""
    if not token:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if not isinstance(values, list) or len(values) != len(keys):
            return None
        return [_typed(column, value) for (column, _), value in zip(keys, values, strict=True)]
    except (ValueError, TypeError):
        return None


def _typed(column, value):
    kind = column.type.python_type
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)
                        or not -MAX_ID <= value <= MAX_ID):
        raise ValueError(value)
    if kind is float and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ValueError(value)
    return kind(value)
