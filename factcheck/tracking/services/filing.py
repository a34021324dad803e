"""Filing claims in groups: at ingest (``track_claims``) and all over again (``rebuild``).

Each claim is signed, indexed, compared with its candidates from other documents, and its
findings kept as ``ClaimMatch`` rows. At ingest a document's claims, or a whole batch of
documents, are searched together (one statement on PostgreSQL, one per claim on SQLite); a
rebuild files every claim through the same path, oldest first, 500 at a time. A claim joins
the group its fingerprint is pinned to, else the group of its best "same" match, else a group
of its own. Reviewers' decisions are read once per batch.
"""
from typing import Callable, Iterable, Optional, Sequence

import sqlalchemy as sa

from ...bulk import assign_ids
from ...extensions import db
from ...models import Claim, ClaimGroup, ClaimMatch, GroupPin, MatchDismissal
from ...models.base import utcnow
from .. import index, matching
from ..matching import MatchResult, Signature

RELATIONS = ("same", "conflict")


def track_claims(claims: Iterable[Claim],
                 signatures: Optional[Sequence[Signature]] = None) -> None:
    """Sign, index, match and file newly stored claims (flushed, with ids); flushes.

    ``signatures``: the claims' signatures, in the same order, when they were computed already
    (``flask ingest`` signs in its extraction workers). The claims may come from several
    documents (a batch): all are indexed first, then searched together, each claim among the
    claims stored before its document (the batch's earlier documents included), so each pair
    is compared once and the result is the same as filing the documents one after another.
    A handful of statements serve the whole batch.
    """
    claims = list(claims)
    if not claims:
        return
    given = list(signatures) if signatures is not None else [_read(c) for c in claims]
    sig_of = {claim.id: sig for claim, sig in zip(claims, given, strict=True)}
    claims.sort(key=lambda claim: claim.id)
    sigs = [sig_of[claim.id] for claim in claims]
    index.store_signatures(claims, sigs)
    prints = {sig.fingerprint for sig in sigs}
    first: dict[int, int] = {}
    for claim in claims:
        first.setdefault(claim.document_id, claim.id)
    _file(claims, sigs, [first[c.document_id] for c in claims], pins_for(prints),
          dismissals_for(prints))


def rebuild_tracking() -> int:
    """Sign and match every claim again, keeping reviewers' pins and dismissals; flushes.

    Claims are filed oldest first, each against the claims filed before it, a chunk at a time;
    a claim keeps its group when no earlier claim takes it, so group addresses survive.
    Returns the count.
    """
    db.session.execute(sa.delete(ClaimMatch))
    claims = list(db.session.scalars(sa.select(Claim).order_by(Claim.id)))
    sigs = [_read(claim) for claim in claims]
    for start in range(0, len(claims), REBUILD_CHUNK):  # every signature first: all indexed
        index.store_signatures(claims[start:start + REBUILD_CHUNK],
                               sigs[start:start + REBUILD_CHUNK])
    pins = {pin.fingerprint: pin for pin in db.session.scalars(sa.select(GroupPin))}
    dismissed = {(d.fingerprint_a, d.fingerprint_b)
                 for d in db.session.scalars(sa.select(MatchDismissal))}
    pinned_groups = {pin.group_id for pin in pins.values()}
    taken: set[int] = set()

    def own_group(claim: Claim) -> Optional[int]:
        """The claim's current group, when no earlier claim took it and no pin holds it."""
        if claim.group_id is None or claim.group_id in taken or claim.group_id in pinned_groups:
            return None
        return claim.group_id

    for start in range(0, len(claims), REBUILD_CHUNK):
        chunk = claims[start:start + REBUILD_CHUNK]
        _file(chunk, sigs[start:start + REBUILD_CHUNK], [c.id for c in chunk], pins, dismissed,
              reusable=own_group, taken=taken)
    db.session.execute(sa.delete(ClaimGroup).where(
        ~sa.exists().where(Claim.group_id == ClaimGroup.id),
        ~sa.exists().where(GroupPin.group_id == ClaimGroup.id)))
    db.session.flush()
    return len(claims)


REBUILD_CHUNK = 500


def _file(claims: list[Claim], sigs: list[Signature], befores: list[int],
          pins: dict[str, GroupPin], dismissed: set[tuple[str, str]],
          reusable: Optional[Callable[[Claim], Optional[int]]] = None,
          taken: Optional[set[int]] = None) -> None:
    """Match indexed claims (in id order) and put each in a group: the group its fingerprint
    is pinned to, else the group of its best "same" match, else ``reusable(claim)``, else a new
    one; keeps the matches. Each claim meets the claims whose id is below its ``before``; the
    ids of the groups given out are added to ``taken``."""
    found = index.candidates_before(sigs, befores, [c.document_id for c in claims])
    results = {claim.id: _related(sig, cands, dismissed)
               for claim, sig, cands in zip(claims, sigs, found, strict=True)}
    mine = {claim.id for claim in claims}
    others = {other for related in results.values() for other, _ in related} - mine
    group_of: dict[int, object] = {}
    if others:
        rows = db.session.execute(sa.select(Claim.id, Claim.group_id)
                                  .where(Claim.id.in_(others)))
        group_of.update((claim_id, group_id) for claim_id, group_id in rows)
    matches = []
    for claim, sig in zip(claims, sigs, strict=True):  # by id: earlier matches are filed first
        related = results[claim.id]
        matches += [{"claim_id": a, "other_id": b, "relation": r.relation,
                     "score": round(float(r.score), 4)}
                    for other, r in related for a, b in ((claim.id, other), (other, claim.id))]
        pin = pins.get(sig.fingerprint)
        same = [(r.score, -other, group_of[other]) for other, r in related
                if r.relation == "same" and group_of.get(other) is not None]
        if pin is not None:
            group = pin.group_id
        elif same:
            group = max(same, key=lambda s: s[:2])[2]
        else:
            group = (reusable(claim) if reusable else None) or ClaimGroup()
        group_of[claim.id] = group
        if taken is not None and not isinstance(group, ClaimGroup):
            taken.add(group)
    fresh = {id(g): g for g in group_of.values() if isinstance(g, ClaimGroup)}
    db.session.add_all(fresh.values())
    assign_ids(fresh.values())  # the claims were written: SQLite's write lock is held
    db.session.flush()
    if matches:
        db.session.execute(sa.insert(ClaimMatch), matches)
    _set_groups({claim: _group_id(group_of[claim.id]) for claim in claims})


def _related(sig: Signature, candidates: list[tuple[int, Signature]],
             dismissed: set[tuple[str, str]]) -> list[tuple[int, MatchResult]]:
    """(other claim id, result) of the candidates that are the same claim or conflict."""
    out = []
    for other_id, other_sig in candidates:
        if pair_key(sig.fingerprint, other_sig.fingerprint) in dismissed:
            continue
        result = matching.compare(sig, other_sig)
        if result.relation in RELATIONS:
            out.append((other_id, result))
    return out


def _group_id(group) -> int:
    return group.id if isinstance(group, ClaimGroup) else group


def _set_groups(groups: dict[Claim, int]) -> None:
    """Put each claim in its group with one statement, leaving the claims' versions alone
    (see ``move_claims``)."""
    moves = [{"cid": claim.id, "gid": gid} for claim, gid in groups.items()
             if claim.group_id != gid]
    if not moves:
        return
    if db.engine.dialect.name == "postgresql":
        # One statement: the search index's statement triggers then run once, not per claim.
        db.session.execute(sa.text(_PG_MOVES), {
            "cids": [m["cid"] for m in moves], "gids": [m["gid"] for m in moves],
            "now": utcnow()})
    else:
        table = Claim.__table__
        db.session.execute(table.update().where(table.c.id == sa.bindparam("cid"))
                           .values(group_id=sa.bindparam("gid")), moves)
    for claim in groups:
        db.session.expire(claim, ["group_id", "group"])
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, ClaimGroup):
            db.session.expire(obj, ["claims"])


_PG_MOVES = ("UPDATE claims SET group_id = v.gid, updated_at = :now "
             "FROM unnest(CAST(:cids AS integer[]), CAST(:gids AS integer[])) AS v(cid, gid) "
             "WHERE claims.id = v.cid")


def pins_for(prints: set[str]) -> dict[str, GroupPin]:
    """The pins of these fingerprints, by fingerprint."""
    rows = db.session.scalars(sa.select(GroupPin).where(GroupPin.fingerprint.in_(prints)))
    return {pin.fingerprint: pin for pin in rows}


def dismissals_for(prints: set[str]) -> set[tuple[str, str]]:
    """The dismissed fingerprint pairs that involve any of these fingerprints."""
    rows = db.session.execute(sa.select(MatchDismissal.fingerprint_a,
                                        MatchDismissal.fingerprint_b).where(
        sa.or_(MatchDismissal.fingerprint_a.in_(prints),
               MatchDismissal.fingerprint_b.in_(prints))))
    return {(a, b) for a, b in rows}


def pair_key(a: str, b: str) -> tuple[str, str]:
    """A dismissal's key: the two fingerprints in order."""
    return (a, b) if a < b else (b, a)


def new_group() -> ClaimGroup:
    """An empty group, flushed (it has its id)."""
    group = ClaimGroup()
    db.session.add(group)
    db.session.flush()
    return group


def move_claims(claims: list[Claim], group: ClaimGroup) -> None:
    """Put ``claims`` in ``group`` without moving the claims' own versions.

    Group membership is not part of what a reviewer edits on the claim page: the group's
    version guards it, so a merge does not turn colleagues' open corrections into conflicts.
    """
    ids = [claim.id for claim in claims if claim.group_id != group.id]
    if not ids:
        return
    db.session.execute(sa.update(Claim).where(Claim.id.in_(ids)).values(group_id=group.id)
                       .execution_options(synchronize_session=False))
    for claim in claims:
        db.session.expire(claim, ["group_id", "group"])
    db.session.expire(group, ["claims"])


def _read(claim: Claim) -> Signature:
    return matching.signature(claim.sentence, claim.language or "auto")
