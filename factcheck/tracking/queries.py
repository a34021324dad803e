"""Reading claim groups: appearances, conflicts, and what the claim page and queue mark."""
from dataclasses import dataclass, field
from functools import cache
from typing import Optional

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import aliased, joinedload, load_only, selectinload

from ..extensions import db
from ..models import (
    Claim,
    ClaimGroup,
    ClaimMatch,
    ClaimStatus,
    Document,
    Verdict,
    VerdictStatus,
)

CHECKED = (ClaimStatus.VERDICT_DRAFTED, ClaimStatus.PUBLISHED)
OPEN_VERDICTS = (VerdictStatus.DRAFT, VerdictStatus.SENT_BACK)


def group_or_404(public_id: str) -> ClaimGroup:
    """The group with this public id, or 404."""
    group = db.session.scalar(sa.select(ClaimGroup).where(ClaimGroup.public_id == public_id))
    if group is None:
        abort(404)
    return group


def find_group(public_id: str) -> Optional[ClaimGroup]:
    """The group with this public id (or a claim's public id: its group), or None."""
    public_id = (public_id or "").strip()
    group = db.session.scalar(sa.select(ClaimGroup).where(ClaimGroup.public_id == public_id))
    if group is None:
        group = db.session.scalar(sa.select(ClaimGroup).join(Claim, Claim.group_id ==
                                                             ClaimGroup.id)
                                  .where(Claim.public_id == public_id))
    return group


def match_or_404(match_id: int) -> ClaimMatch:
    """One match, or 404."""
    match = db.session.get(ClaimMatch, match_id)
    if match is None:
        abort(404)
    return match


def appeared_at(claim: Claim):
    """When the claim appeared: its document's publication date, else when it was added."""
    return claim.document.published_at or claim.document.created_at


def appearances(group: ClaimGroup) -> list[Claim]:
    """Every claim of the group with its document, oldest appearance first."""
    claims = db.session.scalars(
        sa.select(Claim).where(Claim.group_id == group.id)
        .options(selectinload(Claim.document).defer(Document.text), selectinload(Claim.figures),
                 selectinload(Claim.verdicts).selectinload(Verdict.rating)))
    return sorted(claims, key=lambda c: (appeared_at(c), c.id))


@dataclass
class Finding:
    """A live match seen from one claim: the match row and the other claim."""

    match: ClaimMatch
    claim: Claim
    other: Claim


def findings(claim_ids: list[int], relation: Optional[str] = None) -> list[Finding]:
    """Matches not dismissed from these claims, with both claims and their figures."""
    if not claim_ids:
        return []
    mine, theirs = aliased(Claim), aliased(Claim)
    query = (sa.select(ClaimMatch, mine, theirs)
             .join(mine, mine.id == ClaimMatch.claim_id)
             .join(theirs, theirs.id == ClaimMatch.other_id)
             .where(ClaimMatch.claim_id.in_(claim_ids), ClaimMatch.dismissed_at.is_(None))
             .options(selectinload(mine.figures), selectinload(theirs.figures),
                      selectinload(theirs.document).defer(Document.text),
                      selectinload(theirs.group))
             .order_by(ClaimMatch.score.desc(), ClaimMatch.id))
    if relation:
        query = query.where(ClaimMatch.relation == relation)
    return [Finding(m, a, b) for m, a, b in db.session.execute(query)]


@dataclass
class Checked:
    """Another appearance's verdict: published, or being written."""

    claim: Claim
    verdict: Verdict


CLAIM_PAGE_FINDINGS = 10  # conflicts and repeats the claim page lists; the group page has all


@dataclass
class ClaimTracking:
    """What the claim page shows of the claim's group: the best ``CLAIM_PAGE_FINDINGS``
    conflicts and repeats, with how many there are in all."""

    group: Optional[ClaimGroup]
    count: int = 1
    published: list[Checked] = field(default_factory=list)
    in_progress: list[Checked] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)
    same: list[Finding] = field(default_factory=list)
    conflict_total: int = 0
    same_total: int = 0


def claim_tracking(claim: Claim) -> ClaimTracking:
    """The claim's group, other appearances' verdicts, its conflicts and its matches.

    Read for every claim page, in few round trips: the group's size, then the other
    appearances' live verdicts (no claim loaded for nothing), then the best matches of each
    relation with their totals in one ranked query (a claim restated with other numbers in
    many articles can have dozens; only the ones shown are loaded).
    """
    if claim.group is None:
        return ClaimTracking(None)
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Claim)
                              .where(Claim.group_id == claim.group_id))
    tracking = ClaimTracking(claim.group, count)
    if count > 1:
        _add_other_verdicts(tracking, claim)
    for match, other, total in _shown_findings(claim):
        if match.relation == "conflict":
            tracking.conflicts.append(Finding(match, claim, other))
            tracking.conflict_total = total
        else:
            tracking.same.append(Finding(match, claim, other))
            tracking.same_total = total
    return tracking


def _add_other_verdicts(tracking: ClaimTracking, claim: Claim) -> None:
    """Each other appearance's latest verdict that is published or being written."""
    rows = db.session.execute(
        sa.select(Verdict, Claim).join(Claim, Claim.id == Verdict.claim_id)
        .join(Document, Document.id == Claim.document_id)
        .where(Claim.group_id == claim.group_id, Claim.id != claim.id,
               Verdict.status.in_((VerdictStatus.PUBLISHED, *OPEN_VERDICTS)))
        .options(joinedload(Verdict.rating), load_only(Claim.id, Claim.public_id,
                                                       Claim.sentence))
        .order_by(sa.func.coalesce(Document.published_at, Document.created_at), Claim.id,
                  Verdict.id.desc()))
    seen = set()
    for verdict, other in rows:
        if other.id in seen:
            continue
        seen.add(other.id)
        shown = tracking.published if verdict.status is VerdictStatus.PUBLISHED else (
            tracking.in_progress)
        shown.append(Checked(other, verdict))


def _shown_findings(claim: Claim):
    """The claim's best ``CLAIM_PAGE_FINDINGS`` live matches of each relation, with how many
    there are of that relation: (match, other claim with figures and document, total)."""
    return db.session.execute(_findings_statement(), {"claim_id": claim.id}).all()


@cache
def _findings_statement():
    """Built once: an aliased, ranked statement costs more to build than to run."""
    live = sa.and_(ClaimMatch.claim_id == sa.bindparam("claim_id"),
                   ClaimMatch.dismissed_at.is_(None),
                   ClaimMatch.relation.in_(("conflict", "same")))
    ranked = (sa.select(ClaimMatch.id.label("id"),
                        sa.func.row_number().over(
                            partition_by=ClaimMatch.relation,
                            order_by=(ClaimMatch.score.desc(), ClaimMatch.id)).label("rank"),
                        sa.func.count().over(partition_by=ClaimMatch.relation).label("total"))
              .where(live).subquery())
    other = aliased(Claim)
    return (sa.select(ClaimMatch, other, ranked.c.total)
            .join(ranked, ranked.c.id == ClaimMatch.id)
            .join(other, other.id == ClaimMatch.other_id)
            .where(ranked.c.rank <= CLAIM_PAGE_FINDINGS)
            .options(selectinload(other.figures),
                     selectinload(other.document).defer(Document.text))
            .order_by(ranked.c.rank))


def repeats_checked():
    """SQL: the claim has another appearance with a verdict drafted or published."""
    other = aliased(Claim)
    return sa.and_(Claim.group_id.is_not(None), sa.exists().where(
        other.group_id == Claim.group_id, other.id != Claim.id, other.status.in_(CHECKED)))


def has_conflict():
    """SQL: the claim has a figure conflict not dismissed."""
    return sa.exists().where(ClaimMatch.claim_id == Claim.id, ClaimMatch.relation == "conflict",
                             ClaimMatch.dismissed_at.is_(None))


def marks(claim_ids: list[int]) -> dict[int, set[str]]:
    """For each claim id, its marks: "repeat" (of a checked claim) and "conflict"."""
    found: dict[int, set[str]] = {i: set() for i in claim_ids}
    if not claim_ids:
        return found
    rows = db.session.execute(sa.select(Claim.id, repeats_checked(), has_conflict())
                              .where(Claim.id.in_(claim_ids)))
    for claim_id, repeat, conflict in rows:
        found[claim_id].update(name for name, on in (("repeat", repeat), ("conflict", conflict))
                               if on)
    return found


def checked_in_group(claim_ids: list[int]) -> dict[int, Claim]:
    """For each claim id that repeats a checked claim, one such checked claim (published first)."""
    if not claim_ids:
        return {}
    other = aliased(Claim)
    rows = db.session.execute(
        sa.select(Claim.id, other).join(other, sa.and_(other.group_id == Claim.group_id,
                                                       other.id != Claim.id))
        .where(Claim.id.in_(claim_ids), other.status.in_(CHECKED))
        .order_by((other.status == ClaimStatus.PUBLISHED).desc(), other.id))
    out: dict[int, Claim] = {}
    for claim_id, checked in rows:
        out.setdefault(claim_id, checked)
    return out


def group_conflicts(group: ClaimGroup) -> list[Finding]:
    """Figure conflicts of the group's claims with claims elsewhere (each pair once)."""
    ids = list(db.session.scalars(sa.select(Claim.id).where(Claim.group_id == group.id)))
    seen, out = set(), []
    for finding in findings(ids, "conflict"):
        pair = frozenset((finding.claim.id, finding.other.id))
        if pair not in seen:
            seen.add(pair)
            out.append(finding)
    return out


def merge_suggestions(group: ClaimGroup) -> list[ClaimGroup]:
    """Other groups that a live "same" match links to this one."""
    ids = list(db.session.scalars(sa.select(Claim.id).where(Claim.group_id == group.id)))
    groups = {f.other.group.id: f.other.group for f in findings(ids, "same")
              if f.other.group is not None and f.other.group_id != group.id}
    return list(groups.values())


def group_verdict(claims: list[Claim]) -> Optional[Checked]:
    """The group's verdict: the latest published one of its claims, else one in progress."""
    published, in_progress = None, None
    for claim in claims:
        for verdict in claim.verdicts:
            if verdict.status is VerdictStatus.PUBLISHED and (
                    published is None or verdict.published_at > published.verdict.published_at):
                published = Checked(claim, verdict)
            elif verdict.status in OPEN_VERDICTS and in_progress is None:
                in_progress = Checked(claim, verdict)
    return published or in_progress
