"""Loading objects for views: 404 when missing."""
import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Claim, ClaimSource, Verdict


def claim_or_404(public_id: str) -> Claim:
    """The claim with this public id, with what its page shows, or 404."""
    claim = db.session.scalar(
        sa.select(Claim).where(Claim.public_id == public_id).options(
            selectinload(Claim.figures), selectinload(Claim.attribution),
            selectinload(Claim.source_links).selectinload(ClaimSource.source),
            selectinload(Claim.verdicts).selectinload(Verdict.rating)))
    if claim is None:
        abort(404)
    return claim


def link_or_404(claim: Claim, link_id: int) -> ClaimSource:
    """One of the claim's source links, or 404."""
    link = next((link for link in claim.source_links if link.id == link_id), None)
    if link is None:
        abort(404)
    return link


def verdict_or_404(claim: Claim, verdict_id: int) -> Verdict:
    """One of the claim's verdicts, or 404."""
    verdict = next((v for v in claim.verdicts if v.id == verdict_id), None)
    if verdict is None:
        abort(404)
    return verdict
