"""Reading claims for datasets: filters, counts, and records in batches of BATCH claims.

Claims are read in id order, a batch at a time (keyset: ``id > last``), with one query per
related table per batch, as plain rows. Memory holds one batch whatever the dataset's size,
and no ORM objects are built, which keeps exports at tens of thousands of claims a second.
"""
from collections import defaultdict
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Iterator, NamedTuple, Optional

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql

from ..extensions import db
from ..models import (
    Attribution,
    AuditAction,
    AuditEntry,
    Claim,
    ClaimGroup,
    ClaimSource,
    ClaimStatus,
    Document,
    ExportJob,
    Figure,
    Rating,
    Source,
    Verdict,
    VerdictStatus,
)
from ..models.base import utcnow
from . import records

BATCH = 2000
AUDIENCES = ("public", "internal")
OPEN_STATUSES = (ClaimStatus.NEW, ClaimStatus.IN_REVIEW, ClaimStatus.VERDICT_DRAFTED)
KINDS = ("figure", "attribution")


class FilterError(ValueError):
    """A filter value that cannot be used; the message names it."""


@dataclass(frozen=True)
class ExportFilters:
    """Which claims a dataset holds. Every field is optional; empty means all."""

    status: str = ""  # a claim status, or "open" (new, in review, verdict drafted)
    rating: str = ""  # a rating key of the current verdict
    language: str = ""
    since: Optional[date] = None  # claims added on or after this day (UTC)
    until: Optional[date] = None  # claims added on or before this day
    document: Optional[int] = None
    group: str = ""  # a claim group's public id
    kind: str = ""  # "figure" or "attribution"

    @classmethod
    def parse(cls, values) -> "ExportFilters":
        """From query-string or CLI values (strings); raises FilterError naming a bad one."""
        get = values.get
        status = (get("status") or "").strip()
        if status and status not in {s.value for s in ClaimStatus} | {"open"}:
            raise FilterError(_("status: '%(value)s' is not a claim status", value=status))
        kind = (get("kind") or "").strip()
        if kind and kind not in KINDS:
            raise FilterError(_("kind: '%(value)s' is not one of %(kinds)s", value=kind,
                                kinds=", ".join(KINDS)))
        document = (get("document") or "").strip()
        if document and not (document.isdigit() and 0 < int(document) < 2**31):
            raise FilterError(_("document: '%(value)s' is not a document id", value=document))
        since, until = _day(get("since"), "since"), _day(get("until"), "until")
        if since and until and since > until:
            raise FilterError(_("since: the first day comes after the last"))
        return cls(status=status, rating=(get("rating") or "").strip().lower()[:40],
                   language=(get("language") or "").strip().lower()[:8],
                   since=since, until=until, document=int(document) if document else None,
                   group=(get("group") or "").strip()[:16], kind=kind)

    def as_args(self) -> dict[str, str]:
        """The filters as query-string arguments (empty ones left out)."""
        return {f.name: (v.isoformat() if isinstance(v, date) else str(v))
                for f in fields(self) if (v := getattr(self, f.name)) not in ("", None)}

    def as_json(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in asdict(self).items() if v not in ("", None)}


def export_job_or_404(token: str, user) -> ExportJob:
    """A background export its asker may see: their own, or a visitor's published export."""
    job = db.session.scalar(sa.select(ExportJob).where(ExportJob.token == token[:32]))
    if job is None:
        abort(404)
    if job.owner_id is not None and (not user.is_authenticated or user.id != job.owner_id):
        abort(404)
    return job


def _day(text: Optional[str], name: str) -> Optional[date]:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FilterError(_("%(name)s: '%(value)s' is not a date (YYYY-MM-DD)", name=name,
                            value=text)) from None


def _claims(filters: ExportFilters, audience: str) -> sa.Select:
    """Claim ids matching ``filters`` for ``audience``, without an order."""
    return sa.select(Claim.id).where(*_status_conditions(filters, audience),
                                     *_field_conditions(filters),
                                     *_rating_conditions(filters, audience))


def _status_conditions(filters: ExportFilters, audience: str) -> list:
    conditions = [Claim.status == ClaimStatus.PUBLISHED] if audience == "public" else []
    if filters.status == "open":
        conditions.append(Claim.status.in_(OPEN_STATUSES))
    elif filters.status:
        conditions.append(Claim.status == ClaimStatus(filters.status))
    return conditions


def _field_conditions(filters: ExportFilters) -> list:
    conditions = []
    if filters.language:
        conditions.append(Claim.language == filters.language)
    if filters.document:
        conditions.append(Claim.document_id == filters.document)
    if filters.kind:
        conditions.append((Claim.has_figure if filters.kind == "figure"
                           else Claim.has_attribution).is_(True))
    if filters.since:
        conditions.append(Claim.created_at >= datetime.combine(filters.since, time.min))
    if filters.until:
        conditions.append(Claim.created_at < datetime.combine(filters.until, time.min)
                          + timedelta(days=1))
    if filters.group:
        conditions.append(Claim.group_id == sa.select(ClaimGroup.id).where(
            ClaimGroup.public_id == filters.group).scalar_subquery())
    return conditions


def _rating_conditions(filters: ExportFilters, audience: str) -> list:
    """The current verdict has this rating (the published one, for the public)."""
    if not filters.rating:
        return []
    shown = ((VerdictStatus.PUBLISHED,) if audience == "public"
             else tuple(s for s in VerdictStatus if s is not VerdictStatus.SUPERSEDED))
    step = (Rating.id == int(filters.rating) if filters.rating.isdigit()
            else Rating.key == filters.rating)  # the queue's filter names the id
    return [sa.exists().where(
        Verdict.claim_id == Claim.id, Verdict.status.in_(shown),
        Verdict.rating_id == sa.select(Rating.id).where(step).scalar_subquery())]


def count_claims(filters: ExportFilters, audience: str) -> int:
    """How many claims the dataset will hold."""
    query = _claims(filters, audience).with_only_columns(sa.func.count(),
                                                         maintain_column_froms=True)
    return db.session.scalar(query) or 0


def claim_id_batches(filters: ExportFilters, audience: str, batch: int = BATCH,
                     after: int = 0) -> Iterator[list[int]]:
    """The matching claim ids above ``after`` in ascending order, ``batch`` at a time
    (keyset pages)."""
    last = after
    while True:
        ids = db.session.connection().execute(
            _claims(filters, audience).where(Claim.id > last).order_by(Claim.id).limit(batch)
        ).scalars().all()
        if not ids:
            return
        last = ids[-1]
        yield ids


def claim_records(filters: ExportFilters, audience: str, batch: int = BATCH) -> Iterator[dict]:
    """Every matching claim's record, in claim id order, read ``batch`` claims at a time."""
    if audience not in AUDIENCES:
        raise ValueError(audience)
    exported_at = records_iso_now()
    ratings = _ratings()
    for ids in claim_id_batches(filters, audience, batch):
        yield from _batch(ids, audience, ratings, exported_at)


def records_for_ids(ids: list[int], audience: str) -> list[dict]:
    """The records of these claims (one batch, in id order), e.g. one page of an API list.

    Claims the audience may not see (unpublished ones, for the public) are left out.
    """
    if audience not in AUDIENCES:
        raise ValueError(audience)
    return list(_batch(ids, audience, _ratings(), records_iso_now())) if ids else []


def _batch(ids: list[int], audience: str, ratings, exported_at: str) -> Iterator[dict]:
    if audience == "public":
        return _public_batch(ids, ratings, exported_at)
    return _internal_batch(ids, ratings, exported_at)


def records_iso_now() -> str:
    return utcnow().replace(microsecond=0).isoformat()


def _ratings() -> dict[int, records.RatingInfo]:
    return {r.id: records.RatingInfo(r.key, r.label_fr, r.label_en, r.score)
            for r in db.session.execute(sa.select(Rating.id, Rating.key, Rating.label_fr,
                                                  Rating.label_en, Rating.score))}


_CLAIM_COLUMNS = (
    Claim.id, Claim.public_id, Claim.status, Claim.dismissal_reason, Claim.language,
    Claim.sentence, Claim.normalized_text, Claim.has_figure, Claim.has_attribution,
    Claim.checkworthiness, Claim.start_char, Claim.end_char, Claim.created_at,
    Claim.updated_at, Claim.document_id, ClaimGroup.public_id.label("group_public_id"),
    Document.content_hash, Document.title, Document.url, Document.publisher,
    Document.published_at.label("document_published_at"),
    Document.language.label("document_language"),
)


def _claim_rows(ids: list[int]) -> list:
    return _rows(
        sa.select(*_CLAIM_COLUMNS).join(Document, Document.id == Claim.document_id)
        .outerjoin(ClaimGroup, ClaimGroup.id == Claim.group_id)
        .where(_member(Claim.id, ids)).order_by(Claim.id))


def _rows(query: sa.Select) -> list:
    """Plain rows through the session's connection (the ORM's result layer is not needed for
    column rows and costs about a third of the reading)."""
    return db.session.connection().execute(query).all()


def _member(column, ids: list[int]):
    """``column IN ids``; on PostgreSQL one array parameter (``= ANY``), which the driver
    parses once, where a thousand parameters are parsed and rendered again for each query."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == sa.any_(sa.literal(ids, type_=postgresql.ARRAY(sa.Integer)))
    return column.in_(ids)


class _LinkedSource(NamedTuple):
    claim_id: int
    url: str
    title: Optional[str]
    publisher: Optional[str]
    published_at: Optional[datetime]
    archived_url: Optional[str]
    stance: object
    excerpt: Optional[str]
    note: Optional[str]


def _sources(ids: list[int]) -> dict[int, list]:
    """The batch's source links, then their sources by id: joining the links to the sources
    table lets the planner read all of it once the table is large."""
    links = _rows(
        sa.select(ClaimSource.claim_id, ClaimSource.source_id, ClaimSource.stance,
                  ClaimSource.excerpt, ClaimSource.note)
        .where(_member(ClaimSource.claim_id, ids))
        .order_by(ClaimSource.claim_id, ClaimSource.id))
    wanted = sorted({link.source_id for link in links})
    found = {row.id: row for row in _rows(
        sa.select(Source.id, Source.url, Source.title, Source.publisher, Source.published_at,
                  Source.archived_url).where(_member(Source.id, wanted)))} if wanted else {}
    grouped = defaultdict(list)
    for link in links:
        source = found[link.source_id]
        grouped[link.claim_id].append(_LinkedSource(
            link.claim_id, source.url, source.title, source.publisher, source.published_at,
            source.archived_url, link.stance, link.excerpt, link.note))
    return grouped


def _by_claim(query: sa.Select, ids: list[int], column) -> dict[int, list]:
    grouped = defaultdict(list)
    for row in _rows(query.where(_member(column, ids))):
        grouped[row[0]].append(row)
    return grouped


def _first_published(ids: list[int]) -> dict[int, datetime]:
    return dict(_rows(
        sa.select(Verdict.claim_id, sa.func.min(Verdict.published_at))
        .where(_member(Verdict.claim_id, ids), Verdict.published_at.is_not(None))
        .group_by(Verdict.claim_id)))


def _internal_batch(ids: list[int], ratings, exported_at: str) -> Iterator[dict]:
    figures = _by_claim(sa.select(Figure.claim_id, Figure.text, Figure.start_char,
                                  Figure.end_char, Figure.value, Figure.value_low,
                                  Figure.value_high, Figure.unit, Figure.qualifier,
                                  Figure.origin).order_by(Figure.claim_id, Figure.start_char,
                                                          Figure.id),
                        ids, Figure.claim_id)
    attributions = _by_claim(sa.select(Attribution.claim_id, Attribution.speaker,
                                       Attribution.cue, Attribution.start_char,
                                       Attribution.end_char, Attribution.speaker_start,
                                       Attribution.speaker_end, Attribution.cue_start,
                                       Attribution.cue_end, Attribution.origin),
                             ids, Attribution.claim_id)
    sources = _sources(ids)
    verdicts = _by_claim(sa.select(Verdict.claim_id, Verdict.rating_id, Verdict.rationale_md,
                                   Verdict.status, Verdict.published_at, Verdict.corrects_id)
                         .where(Verdict.status != VerdictStatus.SUPERSEDED)
                         .order_by(Verdict.claim_id, Verdict.id), ids, Verdict.claim_id)
    corrections = _by_claim(sa.select(AuditEntry.target_id, AuditEntry.created_at,
                                      AuditEntry.before, AuditEntry.after)
                            .where(AuditEntry.target_type == Claim.__tablename__,
                                   AuditEntry.action == AuditAction.CLAIM_CORRECT)
                            .order_by(AuditEntry.target_id, AuditEntry.id),
                            ids, AuditEntry.target_id)
    first = _first_published(ids) if verdicts else {}
    for row in _claim_rows(ids):
        start = row.start_char
        found = attributions.get(row.id)
        yield records.internal_record(
            row,
            figures=[records.figure(f, start) for f in figures.get(row.id, ())],
            attribution_=records.attribution(found[0], start) if found else None,
            sources=[records.source(s) for s in sources.get(row.id, ())],
            verdict_=_current_verdict(verdicts.get(row.id), ratings, first.get(row.id)),
            corrections=[{"corrected_at": records.iso(c.created_at), "before": c.before or {},
                          "after": c.after or {}} for c in corrections.get(row.id, ())],
            exported_at=exported_at)


def _current_verdict(rows, ratings, first_published_at) -> Optional[dict]:
    """The published verdict when there is one, else the one being written."""
    if not rows:
        return None
    published = [v for v in rows if v.status is VerdictStatus.PUBLISHED]
    chosen = (published or rows)[-1]
    return records.verdict(chosen, ratings[chosen.rating_id], first_published_at)


def _public_batch(ids: list[int], ratings, exported_at: str) -> Iterator[dict]:
    rows = _rows(
        sa.select(Claim.id, Claim.public_id, Claim.sentence,
                  ClaimGroup.public_id.label("group_public_id"), Verdict.rating_id,
                  Verdict.rationale_md, Verdict.published_at, Verdict.corrects_id,
                  Verdict.published_content)
        .join(Verdict, Verdict.claim_id == Claim.id)
        .outerjoin(ClaimGroup, ClaimGroup.id == Claim.group_id)
        .where(_member(Claim.id, ids), Verdict.status == VerdictStatus.PUBLISHED,
               Verdict.published_content.is_not(None))
        .order_by(Claim.id, Verdict.id))
    first = _first_published(ids)
    latest = {row.id: row for row in rows}  # one published version per claim; newest wins
    for claim_id in ids:
        row = latest.get(claim_id)
        if row is not None:
            yield records.public_record(row, row.published_content, ratings[row.rating_id],
                                        first.get(claim_id), exported_at)
