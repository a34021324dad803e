"""What the public may see: published verdicts only, never a draft."""
from dataclasses import dataclass
from typing import Optional

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Claim, ClaimSource, ClaimStatus, Rating, Verdict, VerdictStatus
from ..search import contains

PAGE_SIZE = 30


@dataclass
class PublishedCheck:
    """A published claim with the verdict readers see."""

    claim: Claim
    verdict: Verdict

    @property
    def first_published_at(self):
        """When the first version of the verdict went out (corrections keep this date)."""
        first = self.verdict
        while first.corrects is not None:
            first = first.corrects
        return first.published_at

    @property
    def corrected(self) -> bool:
        """True when the current verdict corrects an earlier one."""
        return self.verdict.corrects_id is not None


def _published_verdicts():
    return (sa.select(Verdict).join(Claim, Claim.id == Verdict.claim_id)
            .where(Verdict.status == VerdictStatus.PUBLISHED,
                   Claim.status == ClaimStatus.PUBLISHED))


def published_check(public_id: str) -> Optional[PublishedCheck]:
    """The published check with this public id, or None (drafts and unknown ids alike)."""
    verdict = db.session.scalar(
        _published_verdicts().where(Claim.public_id == public_id)
        .options(selectinload(Verdict.rating), selectinload(Verdict.claim)
                 .selectinload(Claim.source_links).selectinload(ClaimSource.source),
                 selectinload(Verdict.claim).selectinload(Claim.document),
                 selectinload(Verdict.claim).selectinload(Claim.attribution))
        .order_by(Verdict.published_at.desc()).limit(1))
    return PublishedCheck(verdict.claim, verdict) if verdict else None


def published_check_or_404(public_id: str) -> PublishedCheck:
    """As ``published_check``, aborting with 404 when there is none."""
    check = published_check(public_id)
    if check is None:
        abort(404)
    return check


def published_checks(q: str = "", rating: str = "", language: str = "", page: int = 1,
                     limit: int = PAGE_SIZE) -> tuple[list[PublishedCheck], bool]:
    """Newest published checks, filtered; returns the page and whether more exist."""
    query = _published_verdicts().options(
        selectinload(Verdict.rating), selectinload(Verdict.claim).selectinload(Claim.document),
        selectinload(Verdict.claim).selectinload(Claim.attribution))
    if rating:
        query = query.join(Rating, Rating.id == Verdict.rating_id).where(Rating.key == rating)
    if language:
        query = query.where(Claim.language == language)
    if q:
        query = query.where(sa.or_(contains(Claim.sentence, q),
                                   contains(Claim.normalized_text, q)))
    rows = list(db.session.scalars(query.order_by(Verdict.published_at.desc(), Verdict.id.desc())
                                   .offset((page - 1) * limit).limit(limit + 1)))
    return [PublishedCheck(v.claim, v) for v in rows[:limit]], len(rows) > limit
