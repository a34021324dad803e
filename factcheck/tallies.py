"""Counts read from the tally tables (migration 0012, ``models/tally.py``) instead of from
the rows they count: once folded, a row per key (a status, a language and a kind; a day;
a verdict status and rating), whatever the number of claims.

Triggers only ever add rows; when a table has grown well past what its last fold left, the
next read folds each key's rows into one, in a transaction of its own (a single statement on
PostgreSQL, so a concurrent writer or a second fold can neither lose nor double a count).
A fold that cannot run at once (SQLite busy) is left for a later read: it changes no count.
"""
import logging
from datetime import date
from typing import Optional

import sqlalchemy as sa

from .dbsetup import BUSY_TIMEOUT_MS
from .extensions import db
from .models import ClaimDayTally, ClaimStatus, ClaimTally, VerdictStatus, VerdictTally

FOLD_AT = 500
FOLD_WAIT_MS = 100
log = logging.getLogger(__name__)


def claims_per_status(language: str = "", kind: str = "") -> dict[ClaimStatus, int]:
    """Claims per status, every status listed; only ``language``'s and of ``kind``
    ("figure" or "attribution") when given."""
    query = sa.select(ClaimTally.status, sa.func.sum(ClaimTally.n)).group_by(ClaimTally.status)
    if language:
        query = query.where(ClaimTally.language == language)
    if kind == "figure":
        query = query.where(ClaimTally.has_figure.is_(True))
    elif kind == "attribution":
        query = query.where(ClaimTally.has_attribution.is_(True))
    counts = dict.fromkeys(ClaimStatus, 0)
    counts.update({ClaimStatus(status): int(n) for status, n in _read(ClaimTally, query)})
    return counts


def claims_per_day(since: date) -> dict[date, int]:
    """Claims created on each day from ``since`` on (days with none left out)."""
    query = (sa.select(ClaimDayTally.day, sa.func.sum(ClaimDayTally.n))
             .where(ClaimDayTally.day >= since).group_by(ClaimDayTally.day))
    return {day: int(n) for day, n in _read(ClaimDayTally, query) if n}


def verdicts_per_rating(status: VerdictStatus) -> dict[int, int]:
    """Verdicts in ``status``, per rating id (ratings with none left out)."""
    query = (sa.select(VerdictTally.rating_id, sa.func.sum(VerdictTally.n))
             .where(VerdictTally.status == status).group_by(VerdictTally.rating_id))
    return {rating_id: int(n) for rating_id, n in _read(VerdictTally, query) if n}


def _read(model, query: sa.Select) -> list[tuple]:
    """The rows of ``query``, after folding the table when it has grown: past ``FOLD_AT``
    rows and twice what the last fold in this process left (its size is read in the same
    statement)."""
    size = sa.select(sa.func.count()).select_from(model).scalar_subquery()
    rows = list(db.session.execute(query.add_columns(size)))
    table = model.__tablename__
    if rows and rows[0][-1] > max(FOLD_AT, 2 * _left.get(table, 0)):
        left = fold(model)
        _left[table] = rows[0][-1] if left is None else left
    return [row[:-1] for row in rows]


_left: dict[str, int] = {}  # rows each table kept at its last fold, as far as this process knows


def fold(model) -> Optional[int]:
    """Fold ``model``'s rows into one per key (dropping keys that sum to 0), in a transaction
    of its own; the number of rows left, or None when the database was busy."""
    table = model.__table__
    columns = ", ".join(c.name for c in table.columns if c.name not in ("id", "n"))
    sums = (f"INSERT INTO {table.name} ({columns}, n) SELECT {columns}, sum(n) FROM {{rows}} "
            f"GROUP BY {columns} HAVING sum(n) <> 0")
    with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # a page never waits long on a writer for this
            conn.exec_driver_sql(f"PRAGMA busy_timeout={FOLD_WAIT_MS}")
            conn.commit()
        try:
            with conn.begin():
                if not sqlite:  # one statement, one snapshot
                    conn.exec_driver_sql(f"WITH gone AS (DELETE FROM {table.name} RETURNING "
                                         f"{columns}, n) " + sums.format(rows="gone"))
                else:  # the first statement takes the write lock: nobody adds rows meanwhile
                    last = conn.exec_driver_sql(
                        f"UPDATE {table.name} SET n = n WHERE id = (SELECT max(id) FROM "
                        f"{table.name}) RETURNING id").scalar()
                    conn.exec_driver_sql(sums.format(rows=f"{table.name} WHERE id <= ?"),
                                         (last or 0,))
                    conn.exec_driver_sql(f"DELETE FROM {table.name} WHERE id <= ?", (last or 0,))
                return conn.scalar(sa.select(sa.func.count()).select_from(table))
        except sa.exc.OperationalError as exc:  # busy or locked: a later read tries again
            log.info("tally fold of %s put off: %s", table.name, exc)
            return None
        finally:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                conn.commit()
