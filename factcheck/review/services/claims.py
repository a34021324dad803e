"""Operations on claims: assign, dismiss, reopen, correct the extraction."""
from dataclasses import dataclass
from typing import Iterable, Optional

from flask_babel import lazy_gettext as _l

from ... import audit
from ...models import (
    Attribution,
    AuditAction,
    Claim,
    ClaimStatus,
    DismissalReason,
    Figure,
    Origin,
    Role,
    User,
)
from ...models.base import utcnow
from ..errors import EditConflict, ReviewError
from ..queries import last_change
from .verdicts import hold_public_change, lock_claim

CLAIM_FIELDS = ("status", "dismissal_reason", "assignee_id", "normalized_text")


@dataclass
class FigureEdit:
    """A figure as a reviewer corrected it."""

    text: str
    value: Optional[float]
    unit: Optional[str]
    qualifier: Optional[str]


def assign_claims(claims: Iterable[Claim], assignee: Optional[User], actor: User,
                  versions: Optional[dict[int, int]] = None) -> int:
    """Give claims to ``assignee`` (None takes them back); new claims move into review.

    A reviewer takes claims or gives them back; handing a claim to a colleague is an editor's
    call, and only to an active user who reviews. ``versions`` (claim id → the version the
    actor saw) makes a claim changed since then a conflict. Returns how many claims changed
    hands (a claim already with ``assignee`` is left alone).
    """
    if assignee is not None:
        if assignee.id != actor.id and not actor.has_role(Role.EDITOR):
            raise ReviewError(_l("Only an editor can give a claim to a colleague."))
        if not assignee.active or not assignee.has_role(Role.REVIEWER):
            raise ReviewError(_l("%(name)s cannot review claims.", name=assignee.name))
    count = 0
    for claim in claims:
        if versions and claim.id in versions:
            check_version(claim, versions[claim.id])
        if claim.assignee_id == (assignee.id if assignee else None):
            continue
        before = audit.snapshot(claim, CLAIM_FIELDS)
        claim.assignee = assignee
        claim.assignee_id = assignee.id if assignee else None  # now, for the audit entry
        if assignee is not None and claim.status is ClaimStatus.NEW:
            claim.status = ClaimStatus.IN_REVIEW
        audit.record(actor, AuditAction.CLAIM_ASSIGN, claim, before,
                     audit.snapshot(claim, CLAIM_FIELDS))
        count += 1
    return count


def dismiss_claims(claims: Iterable[Claim], reason: DismissalReason, actor: User) -> int:
    """Take claims out of the queue with a reason; published claims cannot be dismissed."""
    count = 0
    for claim in claims:
        if claim.status is ClaimStatus.PUBLISHED:
            raise ReviewError(_l("A published claim cannot be dismissed; correct its verdict."))
        before = audit.snapshot(claim, CLAIM_FIELDS)
        claim.status, claim.dismissal_reason = ClaimStatus.DISMISSED, reason
        audit.record(actor, AuditAction.CLAIM_DISMISS, claim, before,
                     audit.snapshot(claim, CLAIM_FIELDS))
        count += 1
    return count


def reopen_claim(claim: Claim, actor: User) -> None:
    """Bring a dismissed claim back into the queue."""
    if claim.status is not ClaimStatus.DISMISSED:
        raise ReviewError(_l("Only a dismissed claim can be reopened."))
    before = audit.snapshot(claim, CLAIM_FIELDS)
    claim.status, claim.dismissal_reason = ClaimStatus.NEW, None
    audit.record(actor, AuditAction.CLAIM_REOPEN, claim, before,
                 audit.snapshot(claim, CLAIM_FIELDS))


def check_version(claim: Claim, expected_version: int) -> None:
    """Raise EditConflict when the claim changed since the reviewer loaded it."""
    if claim.version != expected_version:
        raise EditConflict(claim, last_change(claim))


def correct_claim(claim: Claim, expected_version: int, actor: User, *, wording: str,
                  speaker: Optional[str], figures: list[FigureEdit]) -> None:
    """Save a reviewer's corrections of wording, speaker and figures (kept as training data).

    On a published claim the change stays on this working copy until an editor approves the
    correction it opens (see ``hold_public_change``).
    """
    lock_claim(claim, reload=True)
    check_version(claim, expected_version)
    before = _extraction_snapshot(claim)
    claim.normalized_text = wording.strip() or None
    if claim.normalized_text == claim.sentence:
        claim.normalized_text = None
    _set_speaker(claim, (speaker or "").strip() or None)
    _set_figures(claim, figures)
    after = _extraction_snapshot(claim)
    if before == after:
        return
    if claim.status is ClaimStatus.NEW:
        claim.status = ClaimStatus.IN_REVIEW
    claim.updated_at = utcnow()  # touch the row so its version moves even for figure edits
    audit.record(actor, AuditAction.CLAIM_CORRECT, claim, before, _extraction_snapshot(claim))
    hold_public_change(claim, actor)


def _extraction_snapshot(claim: Claim) -> dict:
    attribution = claim.attribution
    return {
        "normalized_text": claim.normalized_text,
        "speaker": attribution.speaker if attribution else None,
        "figures": [{"text": f.text, "value": f.value, "unit": f.unit,
                     "qualifier": f.qualifier} for f in claim.figures],
        "status": claim.status.value,
    }


def _set_speaker(claim: Claim, speaker: Optional[str]) -> None:
    attribution = claim.attribution
    if attribution is not None and attribution.speaker == speaker:
        return
    if speaker is None:
        if attribution is not None:
            attribution.speaker, attribution.origin = None, Origin.REVIEWER
        return
    found = claim.sentence.find(speaker)
    start = claim.start_char + found if found >= 0 else None
    if attribution is None:
        attribution = Attribution(start_char=claim.start_char, end_char=claim.end_char)
        claim.attribution = attribution
    attribution.speaker, attribution.origin = speaker, Origin.REVIEWER
    attribution.speaker_start = start
    attribution.speaker_end = start + len(speaker) if start is not None else None
    claim.has_attribution = True


def _set_figures(claim: Claim, edits: list[FigureEdit]) -> None:
    kept = []
    for index, edit in enumerate(edits):
        figure = claim.figures[index] if index < len(claim.figures) else None
        if figure is None:
            figure = Figure(start_char=claim.start_char, end_char=claim.start_char)
        if (figure.text, figure.value, figure.unit, figure.qualifier) != (
                edit.text, edit.value, edit.unit, edit.qualifier):
            figure.text, figure.value = edit.text, edit.value
            figure.unit, figure.qualifier = edit.unit, edit.qualifier
            figure.origin = Origin.REVIEWER
            _locate_figure(claim, figure)
        kept.append(figure)
    claim.figures = kept
    claim.has_figure = bool(kept)


def _locate_figure(claim: Claim, figure: Figure) -> None:
    found = claim.sentence.find(figure.text)
    if found >= 0:
        figure.start_char = claim.start_char + found
        figure.end_char = figure.start_char + len(figure.text)
