"""The verdict workflow: draft, send back, approve and publish, correct.

Authorship lives in ``Verdict.authors``: everyone who saved a draft of a version, or changed
what the public sees of the claim while that version was open. An editor listed there cannot
approve or send back that version.
"""
from dataclasses import dataclass
from typing import Optional

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ... import audit
from ...extensions import db
from ...models import (
    AuditAction,
    Claim,
    ClaimStatus,
    Rating,
    Role,
    User,
    Verdict,
    VerdictStatus,
)
from ...models.base import utcnow
from ...publish.services import snapshot_public_content
from ...sanitize import render_markdown
from ..errors import EditConflict, NotPermitted, ReviewError
from ..queries import OPEN_STATUSES, open_verdict, published_verdict

VERDICT_FIELDS = ("rating_id", "rationale_md", "status", "review_comment", "correction_note")


@dataclass(frozen=True)
class DraftVersion:
    """The open draft a verdict form was loaded with: its id and version, or none ("new")."""

    verdict_id: Optional[int] = None
    version: Optional[int] = None

    @classmethod
    def of(cls, verdict: Optional[Verdict]) -> "DraftVersion":
        """The version a form shows for ``verdict`` (None: there is no open draft)."""
        return cls(verdict.id, verdict.version) if verdict is not None else cls()

    @classmethod
    def parse(cls, token: str) -> Optional["DraftVersion"]:
        """Read a form's token ("new" or "<id>:<version>"); None when it is malformed."""
        if token == "new":
            return cls()
        verdict_id, _sep, version = (token or "").partition(":")
        if not (verdict_id.isdigit() and version.isdigit()) or len(token) > 24:
            return None
        return cls(int(verdict_id), int(version))

    def token(self) -> str:
        """The value a form carries."""
        return "new" if self.verdict_id is None else f"{self.verdict_id}:{self.version}"


def lock_claim(claim: Claim, reload: bool = False) -> None:
    """Take the claim's row lock before writing any of its verdicts (PostgreSQL; a no-op on
    SQLite, which writes one transaction at a time). With ``reload`` (a service's first step,
    nothing of the claim changed yet), the claim and its collections are read again once the
    lock is held: what a colleague committed while we waited is what the checks then see.

    PostgreSQL's record_rev triggers (migration 0010) lock the claim row whenever one of its
    verdicts, figures or source links is written. Every write to a claim or what hangs from
    it takes the claim first, so two of them at once wait for each other in that order
    instead of deadlocking (one then gets its conflict); called before anything is changed,
    so no pending write flushes first. The lock is FOR NO KEY UPDATE, what the triggers'
    UPDATE takes: a row inserted elsewhere that refers to the claim (a source link, a match)
    only needs a key share, which it leaves free, so such an insert never waits for it and
    a writer holding it never waits for the insert.
    """
    db.session.execute(sa.select(Claim.id).where(Claim.id == claim.id)
                       .with_for_update(key_share=True))
    if reload:
        db.session.expire(claim)


def check_draft_version(claim: Claim, expected: DraftVersion) -> None:
    """Raise EditConflict when the open draft is not the one the form was loaded with."""
    if DraftVersion.of(open_verdict(claim)) != expected:
        raise EditConflict(open_verdict(claim))


def draft_verdict(claim: Claim, rating: Rating, rationale_md: str, actor: User,
                  correction_note: Optional[str] = None,
                  expected: Optional[DraftVersion] = None) -> Verdict:
    """Write or rewrite the open draft; on a published claim this drafts a correction.

    ``expected`` is the draft the writer started from (checked when given): a stale form
    raises EditConflict rather than replacing a colleague's text.
    """
    lock_claim(claim, reload=True)
    if claim.status is ClaimStatus.DISMISSED:
        raise ReviewError(_l("Reopen the claim before writing a verdict."))
    if not rationale_md.strip():
        raise ReviewError(_l("A verdict needs a rationale."), field="rationale")
    if expected is not None:
        check_draft_version(claim, expected)
    published = published_verdict(claim)
    if published is not None and not (correction_note or "").strip():
        raise ReviewError(_l("Say what the correction changes."), field="correction_note")
    verdict = open_verdict(claim) or _new_draft(claim, actor, published)
    before = audit.snapshot(verdict, VERDICT_FIELDS) if verdict.id else None
    verdict.rating, verdict.rationale_md = rating, rationale_md.strip()
    verdict.rationale_html = render_markdown(verdict.rationale_md)
    verdict.status, verdict.correction_note = VerdictStatus.DRAFT, correction_note or None
    _touch(verdict, actor)
    if published is None:
        claim.status = ClaimStatus.VERDICT_DRAFTED
    db.session.flush()
    audit.record(actor, AuditAction.VERDICT_DRAFT, verdict, before,
                 audit.snapshot(verdict, VERDICT_FIELDS))
    return verdict


def hold_public_change(claim: Claim, actor: User) -> Optional[Verdict]:
    """Tie a change to what readers see of ``claim`` to the verdict an editor approves next.

    On a published claim the change waits in a correction draft (opened here if needed, with
    the published rating and rationale and an automatic note the reviewer may edit). An open
    draft's version moves, so an editor who read it before this change must read it again.
    """
    lock_claim(claim)
    verdict = open_verdict(claim)
    if verdict is not None:
        _touch(verdict, actor)  # the claim's own audit entry says what changed
        return verdict
    published = published_verdict(claim)
    if published is None:
        return None
    verdict = _new_draft(claim, actor, published, rating=published.rating,
                         rationale_md=published.rationale_md,
                         rationale_html=published.rationale_html,
                         correction_note=_("Wording, speaker, figures or sources changed."))
    _touch(verdict, actor)
    db.session.flush()
    audit.record(actor, AuditAction.VERDICT_DRAFT, verdict, None,
                 audit.snapshot(verdict, VERDICT_FIELDS))
    return verdict


def send_back(verdict: Verdict, comment: str, editor: User,
              expected_version: Optional[int] = None) -> None:
    """An editor returns a draft to its author with a comment."""
    lock_claim(verdict.claim)
    _check_editor_can_review(verdict, editor, expected_version)
    if not comment.strip():
        raise ReviewError(_l("Tell the reviewer what to change."))
    before = audit.snapshot(verdict, VERDICT_FIELDS)
    verdict.status, verdict.review_comment = VerdictStatus.SENT_BACK, comment.strip()
    if verdict.corrects is None:
        verdict.claim.status = ClaimStatus.IN_REVIEW
    audit.record(editor, AuditAction.VERDICT_SEND_BACK, verdict, before,
                 audit.snapshot(verdict, VERDICT_FIELDS))


def approve_and_publish(verdict: Verdict, editor: User,
                        expected_version: Optional[int] = None) -> None:
    """A second pair of eyes approves the draft and publishes it (superseding a corrected one).

    The one place where anything is published: ``expected_version`` is the version the editor
    read, so a draft rewritten since then raises EditConflict instead of going out unseen.
    """
    lock_claim(verdict.claim)
    _check_editor_can_review(verdict, editor, expected_version)
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


def draft_reused_verdict(claim: Claim, reused: Verdict, actor: User) -> Verdict:
    """Draft, for ``claim``, the rating and rationale published for another appearance.

    The words are the reused verdict's authors': they are this draft's authors, so the
    second-pair-of-eyes rule reads as for any draft. ``actor`` is added as an author unless
    they are an editor who did not write those words (then they act as its reviewer).
    """
    lock_claim(claim, reload=True)
    if reused.status is not VerdictStatus.PUBLISHED:
        raise ReviewError(_l("Only a published verdict can be reused."))
    if claim.status is ClaimStatus.DISMISSED:
        raise ReviewError(_l("Reopen the claim before writing a verdict."))
    if open_verdict(claim) is not None or published_verdict(claim) is not None:
        raise ReviewError(_l("This claim already has a verdict: edit it instead."))
    verdict = _new_draft(claim, reused.author, None, rating=reused.rating, reuses=reused,
                         rationale_md=reused.rationale_md, rationale_html=reused.rationale_html)
    verdict.authors = list(reused.authors) or [reused.author]
    if not actor.has_role(Role.EDITOR) or is_author(reused, actor):
        _touch(verdict, actor)
    claim.status = ClaimStatus.VERDICT_DRAFTED
    db.session.flush()
    audit.record(actor, AuditAction.VERDICT_REUSE, verdict, None,
                 {**audit.snapshot(verdict, VERDICT_FIELDS), "reuses": reused.id,
                  "reused_claim": reused.claim.public_id})
    return verdict


def is_author(verdict: Verdict, user: User) -> bool:
    """True when ``user`` wrote any part of this verdict version."""
    return verdict.author_id == user.id or any(a.id == user.id for a in verdict.authors)


def _new_draft(claim: Claim, actor: User, published: Optional[Verdict], **fields) -> Verdict:
    """A new open draft, complete before it joins the session (a lazy load may flush it)."""
    verdict = Verdict(claim=claim, author=actor, corrects=published, status=VerdictStatus.DRAFT,
                      **fields)
    db.session.add(verdict)
    return verdict


def _touch(verdict: Verdict, actor: User) -> None:
    """Record ``actor`` as an author and move the version even when no column changed."""
    if not any(a.id == actor.id for a in verdict.authors):
        verdict.authors.append(actor)
    verdict.updated_at = utcnow()


def _check_editor_can_review(verdict: Verdict, editor: User,
                             expected_version: Optional[int]) -> None:
    if expected_version is not None and verdict.version != expected_version:
        raise EditConflict(verdict)
    if verdict.status not in OPEN_STATUSES:
        raise ReviewError(_l("This verdict is not waiting for review."))
    if is_author(verdict, editor):
        raise NotPermitted(_l("An editor who did not write this verdict must review it."))
