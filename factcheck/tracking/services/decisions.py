"""Reviewers' decisions about groups: merge, split, dismiss a match, reuse a verdict.

Merge and split pin every fingerprint involved to its group, and a dismissal is kept by the
two fingerprints, so the decision holds when articles are ingested again or the tracking is
rebuilt. Each write carries the version of the group the reviewer saw (GroupChanged when it
moved since). Flush, audit, never commit.
"""
from typing import Optional

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ... import audit
from ...extensions import db
from ...models import (
    AuditAction,
    Claim,
    ClaimGroup,
    ClaimMatch,
    GroupPin,
    MatchDismissal,
    Role,
    User,
    Verdict,
)
from ...models.base import utcnow
from ...review.services import approve_and_publish, draft_reused_verdict, is_author
from ..errors import GroupChanged, TrackingError
from .filing import move_claims, new_group, pair_key


def merge_groups(target: ClaimGroup, other: ClaimGroup, actor: User,
                 expected_version: Optional[int] = None) -> ClaimGroup:
    """Move every appearance of ``other`` into ``target`` and pin them there; ``other`` goes."""
    check_group_version(target, expected_version)
    if other.id == target.id:
        raise TrackingError(_l("A group cannot be merged into itself."))
    moved = list(other.claims)
    before = {"claims": [c.public_id for c in target.claims]}
    move_claims(moved, target)
    db.session.execute(sa.update(GroupPin).where(GroupPin.group_id == other.id)
                       .values(group_id=target.id))
    db.session.expire_all()  # the ORM must not cascade the old group's pins on delete
    _pin(list(target.claims), target, actor)
    _touch(target)
    audit.record(actor, AuditAction.GROUP_MERGE, target, before,
                 {"claims": [c.public_id for c in target.claims], "merged": other.public_id})
    db.session.delete(other)
    db.session.flush()
    return target


def split_claim(claim: Claim, actor: User, expected_version: Optional[int] = None) -> ClaimGroup:
    """Take ``claim`` out of its group into a group of its own; its "same" matches there go."""
    old = claim.group
    check_group_version(old, expected_version)
    rest = [c for c in old.claims if c.id != claim.id]
    if not rest:
        raise TrackingError(_l("This claim is already alone in its group."))
    fingerprint = _fingerprint(claim)
    if any(_fingerprint(c) == fingerprint for c in rest):
        raise TrackingError(_l("Another appearance has exactly this wording: "
                               "identical sentences stay together."))
    _dismiss_between(claim, rest, actor)
    group = new_group()
    move_claims([claim], group)
    _pin([claim], group, actor)
    _pin(rest, old, actor)
    _touch(old)
    audit.record(actor, AuditAction.GROUP_SPLIT, claim, {"group": old.public_id},
                 {"group": group.public_id})
    db.session.flush()
    return group


def dismiss_match(match: ClaimMatch, actor: User,
                  expected_version: Optional[int] = None) -> None:
    """Mark a match wrong in both directions; it does not come back.

    When it was a "same" match that filed the newer claim in the older one's group, and no
    other "same" match holds it there, the newer claim leaves for a group of its own.
    """
    claim, other = match.claim, match.other
    check_group_version(claim.group, expected_version)
    if match.dismissed_at is not None:
        raise TrackingError(_l("This match was already dismissed."))
    a, b = _fingerprint(claim), _fingerprint(other)
    if a == b:
        raise TrackingError(_l("These two sentences have exactly the same wording."))
    _mark_dismissed([match.id, _reverse(match)], actor)
    _add_dismissal(a, b, actor)
    audit.record(actor, AuditAction.MATCH_DISMISS, claim, None,
                 {"other": other.public_id, "relation": match.relation})
    if match.relation == "same" and claim.group_id == other.group_id:
        _leave_if_unheld(max((claim, other), key=lambda c: c.id), actor)
    db.session.flush()


def reuse_verdict(published: Verdict, claim: Claim, actor: User) -> Verdict:
    """Give ``claim`` the verdict published for another appearance of it, in one action.

    A reviewer's reuse waits as a draft for an editor; an editor who did not write the reused
    verdict is the second pair of eyes and publishes it at once.
    """
    if published.claim.group_id is None or published.claim.group_id != claim.group_id \
            or published.claim_id == claim.id:
        raise TrackingError(_l("That verdict is not for another appearance of this claim."))
    verdict = draft_reused_verdict(claim, published, actor)
    if actor.has_role(Role.EDITOR) and not is_author(verdict, actor):
        approve_and_publish(verdict, actor)
    return verdict


def check_group_version(group: Optional[ClaimGroup], expected: Optional[int]) -> None:
    """Raise GroupChanged when ``group`` is not at the version the form was loaded with."""
    if group is None:
        raise TrackingError(_l("This claim is in no group yet."))
    if expected is not None and group.version != expected:
        raise GroupChanged(group)


def _touch(group: ClaimGroup) -> None:
    """Move the group's version: its membership changed."""
    group.updated_at = utcnow()


def _fingerprint(claim: Claim) -> str:
    if claim.signature is None:
        raise TrackingError(_l("This claim was not matched yet: run the tracking rebuild."))
    return claim.signature.fingerprint


def _pin(claims: list[Claim], group: ClaimGroup, actor: User) -> None:
    """Pin each claim's fingerprint to ``group`` (replacing an older pin)."""
    for fingerprint in {_fingerprint(c) for c in claims}:
        pin = db.session.get(GroupPin, fingerprint)
        if pin is None:
            db.session.add(GroupPin(fingerprint=fingerprint, group=group, pinned_by_id=actor.id))
        else:
            pin.group, pin.pinned_by_id, pin.created_at = group, actor.id, utcnow()


def _dismiss_between(claim: Claim, others: list[Claim], actor: User) -> None:
    """Dismiss the claim's "same" matches with ``others``, and keep the pairs apart."""
    ids = [c.id for c in others]
    rows = list(db.session.scalars(sa.select(ClaimMatch).where(
        ClaimMatch.relation == "same", ClaimMatch.dismissed_at.is_(None),
        sa.or_(sa.and_(ClaimMatch.claim_id == claim.id, ClaimMatch.other_id.in_(ids)),
               sa.and_(ClaimMatch.other_id == claim.id, ClaimMatch.claim_id.in_(ids))))))
    _mark_dismissed([row.id for row in rows], actor)
    mine = _fingerprint(claim)
    for other in {r.other if r.claim_id == claim.id else r.claim for r in rows}:
        _add_dismissal(mine, _fingerprint(other), actor)


def _reverse(match: ClaimMatch) -> Optional[int]:
    return db.session.scalar(sa.select(ClaimMatch.id).where(
        ClaimMatch.claim_id == match.other_id, ClaimMatch.other_id == match.claim_id))


def _mark_dismissed(ids: list[Optional[int]], actor: User) -> None:
    ids = [i for i in ids if i is not None]
    if ids:
        db.session.execute(sa.update(ClaimMatch).where(ClaimMatch.id.in_(ids))
                           .values(dismissed_at=utcnow(), dismissed_by_id=actor.id)
                           .execution_options(synchronize_session="fetch"))


def _add_dismissal(a: str, b: str, actor: User) -> None:
    first, second = pair_key(a, b)
    if first != second and db.session.get(MatchDismissal, (first, second)) is None:
        db.session.add(MatchDismissal(fingerprint_a=first, fingerprint_b=second,
                                      dismissed_by_id=actor.id))


def _leave_if_unheld(claim: Claim, actor: User) -> None:
    """Move ``claim`` to a group of its own unless a live "same" match holds it in its group."""
    group = claim.group
    if len(group.claims) < 2 or _held(claim, group):
        return
    pin = db.session.get(GroupPin, _fingerprint(claim))
    if pin is not None and pin.group_id == group.id:  # the reviewer now says otherwise
        db.session.delete(pin)
    move_claims([claim], new_group())
    _touch(group)


def _held(claim: Claim, group: ClaimGroup) -> bool:
    """True when a "same" match not dismissed links ``claim`` to another claim of ``group``."""
    return db.session.scalar(sa.select(sa.exists().where(
        ClaimMatch.claim_id == claim.id, ClaimMatch.relation == "same",
        ClaimMatch.dismissed_at.is_(None), ClaimMatch.other_id == Claim.id,
        Claim.group_id == group.id))) or False
