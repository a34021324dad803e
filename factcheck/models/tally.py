"""Running counts kept by the database (migration 0012): what the status tabs and the
dashboard show, without counting a million rows per page view.

Each row adds ``n`` (positive or negative) to the count of its key. Triggers on ``claims``
and ``verdicts`` append a row for every insert, delete and change of a counted column, so
concurrent writers never wait for each other on a shared counter; a count is the sum of its
rows, and ``factcheck/tallies.py`` folds the rows of each key into one now and then.
"""
from datetime import date
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .enums import ClaimStatus, VerdictStatus, enum_column


class ClaimTally(db.Model):
    """Claims per status, language and kind (the status tabs: a few dozen rows once folded)."""

    __tablename__ = "claim_tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[ClaimStatus] = mapped_column(enum_column(ClaimStatus))
    language: Mapped[Optional[str]] = mapped_column(sa.String(8))
    has_figure: Mapped[bool]
    has_attribution: Mapped[bool]
    n: Mapped[int]


class ClaimDayTally(db.Model):
    """Claims per creation day (UTC), for the dashboard's chart."""

    __tablename__ = "claim_day_tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date)
    n: Mapped[int]


class VerdictTally(db.Model):
    """Verdicts per status and rating."""

    __tablename__ = "verdict_tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[VerdictStatus] = mapped_column(enum_column(VerdictStatus))
    rating_id: Mapped[int]
    n: Mapped[int]
