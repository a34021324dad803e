"""Primary keys handed out before a flush, so that SQLite takes many new rows per statement.

SQLAlchemy inserts new rows with ``INSERT … RETURNING`` to learn the keys the database gives
them. PostgreSQL can return them in the order the rows were sent, so many rows go in one
statement; SQLite cannot, and SQLAlchemy falls back to one statement per row (a documented
limit of its "insertmanyvalues" on SQLite). A bulk load (``flask ingest``) therefore numbers
its new rows itself on SQLite: rows whose keys are known are sent with ``executemany``.
"""
from collections import defaultdict
from typing import Any, Iterable

import sqlalchemy as sa

from .extensions import db


def assign_ids(objects: Iterable[Any]) -> int:
    """Number the new objects (integer ``id`` primary keys) after the largest ids in their
    tables, on SQLite; elsewhere nothing. Returns how many were numbered.

    Call it only in a transaction that has already written: SQLite then holds its one write
    lock until the commit, so no other connection can take those ids meanwhile.
    """
    if db.engine.dialect.name != "sqlite":
        return 0
    by_class: dict[type, list[Any]] = defaultdict(list)
    for obj in objects:
        if obj.id is None:
            by_class[type(obj)].append(obj)
    with db.session.no_autoflush:
        for cls, new in by_class.items():
            last = db.session.scalar(sa.select(sa.func.max(cls.id))) or 0
            for number, obj in enumerate(new, last + 1):
                obj.id = number
    return sum(len(new) for new in by_class.values())
