"""Reading for the review area: the queue, loaders for views, verdicts, history, exports."""
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Iterator, Optional

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload, selectinload

from .. import keyset, search, tallies
from ..extensions import db
from ..models import (
    AuditAction,
    AuditEntry,
    Claim,
    ClaimSource,
    ClaimStatus,
    Document,
    Rating,
    Role,
    Source,
    User,
    Verdict,
    VerdictStatus,
)
from ..tracking.queries import has_conflict, repeats_checked

PAGE_SIZE = 50
# Each sort's columns, descending or not, ending on a unique one: the keys of keyset pages.
SORT_KEYS = {
    "newest": ((Claim.created_at, True), (Claim.id, True)),
    "oldest": ((Claim.created_at, False), (Claim.id, False)),
    "score": ((Claim.checkworthiness, True), (Claim.id, True)),
    "document": ((Claim.document_id, True), (Claim.start_char, False), (Claim.id, False)),
    # The best match first (pages by number: a search's matches are read anyway); without a
    # search, by score.
    "relevance": ((Claim.checkworthiness, True), (Claim.id, True)),
}
SORTS = {name: tuple(c.desc() if descending else c.asc() for c, descending in keys)
         for name, keys in SORT_KEYS.items()}
KINDS = ("figure", "attribution")
TRACKING = {"repeat": repeats_checked, "conflict": has_conflict}  # the queue's alert filter


@dataclass
class QueueFilters:
    """What the reviewer asked to see; every field comes from the query string."""

    status: str = "open"  # "open" (to do: new, in review, drafted), "all" or a claim status
    kind: str = ""
    lang: str = ""
    document: Optional[int] = None
    assignee: str = ""  # "", "me", "none" or a user id
    rating: Optional[int] = None
    q: str = ""
    tracking: str = ""  # "repeat" (repeats a checked claim) or "conflict" (figure conflict)
    sort: str = "score"
    page: int = 1  # the page's number, as shown
    after: str = ""  # keyset cursors: the page after this claim's, or before it
    before: str = ""

    @classmethod
    def from_args(cls, args) -> "QueueFilters":
        """Read filters from request args, ignoring values that make no sense."""
        status = args.get("status", "open")
        return cls(
            status=status if status in {s.value for s in ClaimStatus} | {"open", "all"}
            else "open",
            kind=args.get("kind", "") if args.get("kind") in KINDS else "",
            lang=args.get("language", "")[:8],
            document=_int(args.get("document")),
            assignee=args.get("assignee", "") if _assignee_ok(args.get("assignee")) else "",
            rating=_int(args.get("rating")),
            q=args.get("q", "").strip()[:200],
            tracking=args.get("tracking", "") if args.get("tracking") in TRACKING else "",
            sort=args.get("sort") if args.get("sort") in SORTS else "score",
            page=max(1, min(_int(args.get("page")) or 1, 10_000)),
            after=args.get("after", "")[:200],
            before=args.get("before", "")[:200] if not args.get("after") else "",
        )

    def as_args(self, **changes) -> dict:
        """Query-string arguments for a link, with ``changes`` applied."""
        values = ({f.name: getattr(self, f.name) for f in fields(self)}
                  | {"after": "", "before": ""} | changes)  # a cursor holds for one link
        values["language"] = values.pop("lang")  # "lang" switches the interface language
        defaults = {"page": 1, "sort": "score", "status": "open"}
        return {k: v for k, v in values.items()
                if v not in ("", None) and defaults.get(k) != v}

    def export_args(self) -> dict:
        """The filters a dataset export understands, for the queue's Export link."""
        args = self.as_args() | ({"status": "open"} if self.status == "open" else {})
        if args.get("status") == "all":
            del args["status"]
        return {k: args[k] for k in ("status", "language", "document", "rating", "kind")
                if k in args}


MAX_ID = keyset.MAX_ID


def _int(value) -> Optional[int]:
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and 0 < number <= MAX_ID else None


# The "To do" view: claims still waiting for someone (not dismissed, not published).
TO_DO = (ClaimStatus.NEW, ClaimStatus.IN_REVIEW, ClaimStatus.VERDICT_DRAFTED)


def _assignee_ok(value) -> bool:
    return value in ("me", "none") or _int(value) is not None


def filtered(filters: QueueFilters, user_id: int, with_status: bool = True) -> sa.Select:
    """The claims matching ``filters`` (status filter optional, for the counts)."""
    query = sa.select(Claim)
    if with_status and filters.status == "open":
        query = query.where(Claim.status.in_(TO_DO))
    elif with_status and filters.status != "all":
        query = query.where(Claim.status == ClaimStatus(filters.status))
    if filters.kind == "figure":
        query = query.where(Claim.has_figure.is_(True))
    elif filters.kind == "attribution":
        query = query.where(Claim.has_attribution.is_(True))
    if filters.lang:
        query = query.where(Claim.language == filters.lang)
    if filters.document:
        query = query.where(Claim.document_id == filters.document)
    query = _assignee_filter(query, filters.assignee, user_id)
    if filters.rating:  # read from the verdicts of that rating (a correlated EXISTS would
        # probe every claim of a status that has none: 0.9 s at a million claims)
        query = query.where(Claim.id.in_(_rated(filters.rating)))
    if filters.q:
        query = query.where(_search(filters.q))
    if filters.tracking:
        query = query.where(TRACKING[filters.tracking]())
    return query


def _rated(rating_id: int) -> sa.Select:
    """The claims with a current verdict of this rating."""
    return sa.select(Verdict.claim_id).where(Verdict.rating_id == rating_id,
                                             Verdict.status != VerdictStatus.SUPERSEDED)


def _assignee_filter(query: sa.Select, assignee: str, user_id: int) -> sa.Select:
    if assignee == "me":
        return query.where(Claim.assignee_id == user_id)
    if assignee == "none":
        return query.where(Claim.assignee_id.is_(None))
    if assignee.isdigit():
        return query.where(Claim.assignee_id == int(assignee))
    return query


def _search(text: str):
    """Every word found, case and accents aside, in the sentence, the reviewer's wording, the
    speaker or a figure's value (``search``)."""
    return Claim.id.in_(search.matching(search.CLAIMS, text))


def _order(filters: QueueFilters, reverse: bool = False) -> tuple:
    """The sort; for text searches on SQLite, read matches then sort them.

    Walking the score index hoping to meet matching rows costs a random read per row when a
    search matches little; a unary plus keeps SQLite from choosing that index.
    """
    order = tuple(c.asc() if descending else c.desc() for c, descending in
                  SORT_KEYS[filters.sort]) if reverse else SORTS[filters.sort]
    if not filters.q or db.engine.dialect.name != "sqlite":
        return order
    return tuple(_unindexed(term) for term in order)


def _unindexed(term):
    column, direction = term.element, term.modifier
    expr = sa.literal_column(f"+{column.table.name}.{column.name}")
    return expr.desc() if direction is sa.sql.operators.desc_op else expr.asc()


def page_of_claims(filters: QueueFilters, user_id: int) -> keyset.Page:
    """One page of claims. Pages follow each other by keyset (``after``/``before`` name the
    claim the page starts after or ends before), so a deep page costs what the first does;
    a page number without a cursor (an old link) is read by OFFSET."""
    query = filtered(filters, user_id).options(  # one row each: joined to the page's query
        joinedload(Claim.attribution),
        joinedload(Claim.document).defer(Document.text),  # a title per row, not articles
        joinedload(Claim.assignee))
    if filters.sort == "relevance" and filters.q:
        hits = search.matching(search.CLAIMS, filters.q, ranked=True).subquery()
        query = query.join(hits, hits.c.key == Claim.id).order_by(hits.c.rank, Claim.id.desc())
        return _numbered_page(query, filters, cursors=False)
    keys = SORT_KEYS[filters.sort]
    after, before = keyset.cursor(filters.after, keys), keyset.cursor(filters.before, keys)
    if before is not None:  # read backwards from the cursor, then turn the page around
        rows = list(db.session.scalars(
            query.where(keyset.beyond(keys, before, forward=False))
            .order_by(*_order(filters, reverse=True)).limit(PAGE_SIZE + 1)))
        claims = rows[:PAGE_SIZE][::-1]
        return keyset.Page(claims, True, keyset.cursor_of(claims[-1], keys) if claims else "",
                         keyset.cursor_of(claims[0], keys) if len(rows) > PAGE_SIZE else "")
    if after is not None:
        query = query.where(keyset.beyond(keys, after, forward=True))
        rows = list(db.session.scalars(query.order_by(*_order(filters)).limit(PAGE_SIZE + 1)))
        claims = rows[:PAGE_SIZE]
        return keyset.Page(claims, len(rows) > PAGE_SIZE,
                         keyset.cursor_of(claims[-1], keys) if claims else "",
                         keyset.cursor_of(claims[0], keys) if claims else "")
    return _numbered_page(query.order_by(*_order(filters)), filters, cursors=True)


def neighbours(claim: Claim, filters: QueueFilters, user_id: int
               ) -> tuple[Optional[str], Optional[str]]:
    """Public ids of the claims before and after ``claim`` in the queue ``filters`` show
    (None at either end), in its sort (by score for a ranked search, whose rank changes with
    every query). The claim itself need not match the filters any more: one just approved
    is no longer "To do", and the next one is still the one after it."""
    keys = SORT_KEYS[filters.sort]
    values = [getattr(claim, column.key) for column, _ in keys]
    query = filtered(filters, user_id).with_only_columns(Claim.public_id)
    after = query.where(keyset.beyond(keys, values, forward=True)).order_by(
        *_order(filters)).limit(1).add_columns(sa.literal("after").label("side"))
    before = query.where(keyset.beyond(keys, values, forward=False)).order_by(
        *_order(filters, reverse=True)).limit(1).add_columns(sa.literal("before").label("side"))
    found = dict((side, public_id) for public_id, side in db.session.execute(
        sa.union_all(after.subquery().select(), before.subquery().select())))  # one statement
    before, after = found.get("before"), found.get("after")
    return before, after


def _numbered_page(query: sa.Select, filters: QueueFilters, cursors: bool) -> keyset.Page:
    rows = list(db.session.scalars(query.offset((filters.page - 1) * PAGE_SIZE)
                                   .limit(PAGE_SIZE + 1)))
    claims = rows[:PAGE_SIZE]
    keys = SORT_KEYS[filters.sort]
    if not cursors or not claims:
        return keyset.Page(claims, len(rows) > PAGE_SIZE)
    return keyset.Page(claims, len(rows) > PAGE_SIZE, keyset.cursor_of(claims[-1], keys),
                     keyset.cursor_of(claims[0], keys) if filters.page > 1 else "")


COUNT_CAP = 1000  # beyond the tallies, the status tabs count this many claims at most


@dataclass(frozen=True)
class StatusCounts:
    """The status tabs' figures: exact, or (``bounded``) at least that many of each."""

    counts: dict[str, int]
    bounded: bool = False

    @property
    def total(self) -> int:
        """All statuses together (at least, when bounded)."""
        return sum(self.counts.values())

    @property
    def to_do(self) -> int:
        """New, in review and drafted together: the "To do" tab."""
        return sum(self.counts.get(status.value, 0) for status in TO_DO)


def counts_are_cheap(filters: QueueFilters) -> bool:
    """Whether the page can show its counts at once: without a search, rating or alert
    filter they come from the tallies or from a few claims (one document, one assignee);
    otherwise the page asks for them afterwards (``review.queue_counts``)."""
    return not (filters.q or filters.rating or filters.tracking)


def status_counts(filters: QueueFilters, user_id: int, cap: Optional[int] = None) -> StatusCounts:
    """How many claims match the other filters, per status, without counting a million rows.

    Language and kind alone (or no filter) are read, exact, from the tallies the database
    keeps (``tallies``). Any other filter reads the first ``cap`` + 1 matching claims in one
    pass (with a rating, among its first ``cap`` + 1 verdicts' claims): exact when there are
    no more, otherwise each status's figure is a floor ("312+").
    """
    if not (filters.document or filters.assignee or filters.rating or filters.q
            or filters.tracking):
        counts = tallies.claims_per_status(filters.lang, filters.kind)
        return StatusCounts({status.value: n for status, n in counts.items()})
    cap = COUNT_CAP if cap is None else cap
    matching = filtered(replace(filters, rating=None), user_id, with_status=False)
    rated = None
    if filters.rating:  # from the rating's first verdicts: walking the claims to meet them
        # would read a tenth of the table (a merge join in claim order, 70 ms at a million)
        rated = _rated(filters.rating).order_by(Verdict.rating_id, Verdict.claim_id).limit(cap + 1)
        matching = matching.where(Claim.id.in_(rated))
    seen = matching.with_only_columns(Claim.status).limit(cap + 1).subquery()
    counts = dict.fromkeys((status.value for status in ClaimStatus), 0)
    for status, n in db.session.execute(
            sa.select(seen.c.status, sa.func.count()).group_by(seen.c.status)):
        counts[ClaimStatus(status).value] = n
    bounded = sum(counts.values()) > cap or (rated is not None and db.session.scalar(
        sa.select(sa.func.count()).select_from(rated.subquery())) > cap)
    return StatusCounts(counts, bounded=bounded)


def active_reviewers() -> list[User]:
    """Active users who can review, for the queue's assignee filter."""
    return list(db.session.scalars(sa.select(User).where(User.role != Role.VIEWER,
                                                         User.active.is_(True))
                                   .order_by(User.email)))


def user_by_id(user_id: int) -> Optional[User]:
    """The user with this id, or None."""
    return db.session.get(User, user_id)


def my_work_count(user_id: int) -> int:
    """Claims assigned to this user that are still to do (the navigation's "My work")."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Claim).where(
        Claim.assignee_id == user_id, Claim.status.in_(TO_DO))) or 0


# Loaders for views: 404 when missing.

def claim_or_404(public_id: str) -> Claim:
    """The claim with this public id, with what its page shows, or 404."""
    claim = db.session.scalar(_claim_page_statement(), {"public_id": public_id})
    if claim is None:
        abort(404)
    return claim


@cache
def _claim_page_statement():
    """Built once (read on every claim page); what has one row per claim or link comes in
    the same query, what has many in one more each."""
    return sa.select(Claim).where(Claim.public_id == sa.bindparam("public_id")).options(
        joinedload(Claim.document), joinedload(Claim.group),
        selectinload(Claim.figures), joinedload(Claim.attribution),
        selectinload(Claim.source_links).joinedload(ClaimSource.source),
        selectinload(Claim.verdicts).joinedload(Verdict.rating))


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


# Verdicts and the rating scale.

OPEN_STATUSES = (VerdictStatus.DRAFT, VerdictStatus.SENT_BACK)


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


# History, sources, training data.

def history(claim: Claim) -> list[AuditEntry]:
    """Audit entries about the claim and its verdicts, newest first."""
    verdict_ids = [v.id for v in claim.verdicts]
    about = sa.and_(AuditEntry.target_type == "claims", AuditEntry.target_id == claim.id)
    if verdict_ids:
        about = sa.or_(about, sa.and_(AuditEntry.target_type == "verdicts",
                                      AuditEntry.target_id.in_(verdict_ids)))
    return list(db.session.scalars(sa.select(AuditEntry).where(about)
                                   .order_by(AuditEntry.id.desc()).limit(200)))


def last_change(claim: Claim) -> Optional[AuditEntry]:
    """The most recent audit entry about this claim."""
    return db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.target_type == "claims",
                                    AuditEntry.target_id == claim.id)
        .order_by(AuditEntry.id.desc()).limit(1))


def search_sources(text: str, limit: int = 20) -> list[Source]:
    """Sources with every word of ``text`` in their address, title or publisher, newest
    first."""
    return list(db.session.scalars(
        sa.select(Source).where(Source.id.in_(search.matching(search.SOURCES, text)))
        .order_by(Source.created_at.desc()).limit(limit)))


def corrections() -> Iterator[dict]:
    """One record per saved correction: the sentence, what the extractor said, what was fixed."""
    rows = db.session.execute(
        sa.select(AuditEntry, Claim).join(Claim, Claim.id == AuditEntry.target_id)
        .where(AuditEntry.target_type == "claims", AuditEntry.action == AuditAction.CLAIM_CORRECT)
        .order_by(AuditEntry.id))
    for entry, claim in rows:
        yield {
            "claim": claim.public_id,
            "language": claim.language,
            "sentence": claim.sentence,
            "document_offsets": [claim.start_char, claim.end_char],
            "before": entry.before or {},
            "after": entry.after or {},
            "corrected_at": entry.created_at.isoformat(),
        }
