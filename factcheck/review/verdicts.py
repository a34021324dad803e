"""The verdict workflow: draft, send back, approve and publish, correct."""
from typing import Optional

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from .. import audit
from ..extensions import db
from ..models import (
    AuditAction,
    AuditEntry,
    Claim,
    ClaimStatus,
    Rating,
    User,
    Verdict,
    VerdictStatus,
)
from ..models.base import utcnow
from ..publish.services import snapshot_public_content
from ..sanitize import render_markdown
from .errors import ReviewError

OPEN_STATUSES = (VerdictStatus.DRAFT, VerdictStatus.SENT_BACK)
VERDICT_FIELDS = ("rating_id", "rationale_md", "status", "review_comment", "correction_note")


def active_ratings() -> list[Rating]:
    """The rating scale, in order."""
    return list(db.session.scalars(
        sa.select(Rating).where(Rating.active.is_(True)).order_by(Rating.position)))


def open_verdict(claim: Claim) -> Optional[Verdict]:
    """The verdict being written or reviewed, if any."""
    return next((v for v in reversed(claim.verdicts) if v.status in OPEN_STATUSES), None)


def published_verdict(claim: Claim) -> Optional[Verdict]:
    """The verdict readers see now, if any."""
    return next((v for v in reversed(claim.verdicts) if v.status is VerdictStatus.PUBLISHED),
                None)


def draft_verdict(claim: Claim, rating: Rating, rationale_md: str, actor: User,
                  correction_note: Optional[str] = None) -> Verdict:
    """Write or rewrite the open draft; on a published claim this drafts a correction."""
    if claim.status is ClaimStatus.DISMISSED:
        raise ReviewError(_l("Reopen the claim before writing a verdict."))
    if not rationale_md.strip():
        raise ReviewError(_l("A verdict needs a rationale."))
    published = published_verdict(claim)
    if published is not None and not (correction_note or "").strip():
        raise ReviewError(_l("Say what the correction changes."))
    verdict = open_verdict(claim)
    before = audit.snapshot(verdict, VERDICT_FIELDS) if verdict else None
    if verdict is None:
        verdict = Verdict(claim=claim, author=actor, corrects=published)
        db.session.add(verdict)
    verdict.rating, verdict.rationale_md = rating, rationale_md.strip()
    verdict.rationale_html = render_markdown(verdict.rationale_md)
    verdict.status, verdict.correction_note = VerdictStatus.DRAFT, correction_note or None
    if published is None:
        claim.status = ClaimStatus.VERDICT_DRAFTED
    db.session.flush()
    audit.record(actor, AuditAction.VERDICT_DRAFT, verdict, before,
                 audit.snapshot(verdict, VERDICT_FIELDS))
    return verdict


def send_back(verdict: Verdict, comment: str, editor: User) -> None:
    """An editor returns a draft to its author with a comment."""
    _check_editor_can_review(verdict, editor)
    if not comment.strip():
        raise ReviewError(_l("Tell the reviewer what to change."))
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    verdict.status, verdict.review_comment = VerdictStatus.SENT_BACK, comment.strip()
    if verdict.corrects is None:
        verdict.claim.status = ClaimStatus.IN_REVIEW
    audit.record(editor, AuditAction.VERDICT_SEND_BACK, verdict, before,
                 audit.snapshot(verdict, VERDICT_FIELDS))


def approve_and_publish(verdict: Verdict, editor: User) -> None:
    """A second pair of eyes approves the draft and publishes it (superseding a corrected one)."""
    _check_editor_can_review(verdict, editor)
    if verdict.status is not VerdictStatus.DRAFT:
        raise ReviewError(_l("Only a draft can be published; this one was sent back."))
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    now = utcnow()
    if verdict.corrects is not None:
        verdict.corrects.status = VerdictStatus.SUPERSEDED
    verdict.status, verdict.approved_by, verdict.published_at = (
        VerdictStatus.PUBLISHED, editor, now)
    verdict.published_content = snapshot_public_content(verdict.claim)
    verdict.claim.status = ClaimStatus.PUBLISHED
    verdict.claim.updated_at = now
    audit.record(editor, AuditAction.VERDICT_PUBLISH, verdict, before,
                 audit.snapshot(verdict, VERDICT_FIELDS))


def _check_editor_can_review(verdict: Verdict, editor: User) -> None:
    if verdict.status not in OPEN_STATUSES:
        raise ReviewError(_l("This verdict is not waiting for review."))
    if verdict.author_id == editor.id or _has_drafted(verdict, editor):
        raise ReviewError(_l("An editor who did not write this verdict must review it."))


def _has_drafted(verdict: Verdict, user: User) -> bool:
    """True when ``user`` wrote any version of this verdict's text."""
    return db.session.scalar(
        sa.select(sa.func.count(AuditEntry.id)).where(
            AuditEntry.target_type == "verdicts", AuditEntry.target_id == verdict.id,
            AuditEntry.action == AuditAction.VERDICT_DRAFT, AuditEntry.actor_id == user.id)) > 0
