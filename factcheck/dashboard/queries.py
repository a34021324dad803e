"""The dashboard's figures: the tallies the database keeps, and the audit trail's last days."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from .. import tallies
from ..extensions import db
from ..models import (
    AuditAction,
    AuditEntry,
    ClaimStatus,
    Rating,
    User,
    VerdictStatus,
)

WINDOW_DAYS = 30
TOP_REVIEWERS = 10
# The audit actions that count as a reviewer's work, in the order the chart stacks them.
WORK_ACTIONS = (AuditAction.CLAIM_CORRECT, AuditAction.CLAIM_LINK_SOURCE, AuditAction.VERDICT_DRAFT,
                AuditAction.VERDICT_PUBLISH)


@dataclass(frozen=True)
class RatingCount:
    """How many published verdicts carry one rating."""

    rating: Rating
    count: int


@dataclass(frozen=True)
class ReviewerWork:
    """One user's counted actions over the window, per action in ``WORK_ACTIONS``."""

    user_id: int
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """All counted actions together."""
        return sum(self.counts.values())


def claims_per_status() -> dict[ClaimStatus, int]:
    """How many claims are in each status, every status listed (from the tallies)."""
    return tallies.claims_per_status()


def published_per_rating() -> list[RatingCount]:
    """Published verdicts per rating, in scale order; retired ratings only if used."""
    counts = tallies.verdicts_per_rating(VerdictStatus.PUBLISHED)
    ratings = db.session.scalars(sa.select(Rating).order_by(Rating.position, Rating.id))
    return [RatingCount(rating, counts.get(rating.id, 0)) for rating in ratings
            if rating.active or counts.get(rating.id)]


def work_per_reviewer(since: datetime) -> list[ReviewerWork]:
    """The most active users since ``since``, with their counted actions."""
    per_action = [sa.func.count(sa.case((AuditEntry.action == action, AuditEntry.id)))
                  for action in WORK_ACTIONS]
    total = sa.func.count(AuditEntry.id)
    rows = db.session.execute(
        sa.select(User.id, User.display_name, User.email, *per_action)
        .join(AuditEntry, AuditEntry.actor_id == User.id)
        .where(AuditEntry.action.in_(WORK_ACTIONS), AuditEntry.created_at >= since)
        .group_by(User.id, User.display_name, User.email)
        .order_by(total.desc(), User.id)
        .limit(TOP_REVIEWERS))
    return [ReviewerWork(user_id, display_name or email,
                         dict(zip(WORK_ACTIONS, counts, strict=True)))
            for user_id, display_name, email, *counts in rows]


def claims_per_day(since: datetime, today: date) -> list[tuple[date, int]]:
    """Claims added on each day from ``since`` to ``today`` (UTC), days without any at 0."""
    first = since.date()
    counts = {_as_date(day): n for day, n in tallies.claims_per_day(first).items()}
    return [(first + timedelta(days=i), counts.get(first + timedelta(days=i), 0))
            for i in range((today - first).days + 1)]


def _as_date(value) -> date:
    """A day as a ``date``, whatever the driver returned."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def window_start(now: datetime, days: int = WINDOW_DAYS) -> datetime:
    """Midnight UTC at the start of the last ``days`` days, today included."""
    return datetime.combine(now.date() - timedelta(days=days - 1), datetime.min.time())
