"""Writing a dataset: the chunks of text of one export, with progress as claims go by, in the
request or as a background job that writes a file."""
import json
from datetime import timedelta
from pathlib import Path
from typing import Callable, Iterator, Optional

import sqlalchemy as sa
from flask import Flask, current_app, url_for
from flask_babel import gettext as _

from ...extensions import db
from ...models import ExportJob, ExportStatus, User
from ...models.base import utcnow
from ...publish.claimreview import claim_review, organization
from ...publish.queries import published_checks_of
from .. import db_records
from ..formats import (
    FORMATS,
    chunked,
    write_claimreview,
    write_csv,
    write_datafeed,
    write_jsonl,
)
from ..queries import (
    ExportFilters,
    claim_id_batches,
    claim_records,
    count_claims,
    records_iso_now,
)

Progress = Callable[[int], None]  # called with the number of claims just written


def count_export(fmt: str, filters: ExportFilters, audience: str) -> int:
    """How many claims the export will hold (ClaimReview formats: published claims only)."""
    return count_claims(filters, "public" if FORMATS[fmt].published_only else audience)


def export_chunks(fmt: str, filters: ExportFilters, audience: str, *, bom: bool = False,
                  locale: str = "fr", on_progress: Optional[Progress] = None) -> Iterator[str]:
    """The export's text, chunk by chunk. Needs a request context for the formats that hold
    public addresses (ClaimReview, DataFeed)."""
    tick = on_progress or (lambda n: None)
    lines = _database_lines(filters, audience)
    if fmt == "jsonl" and lines is not None:
        return chunked(line + "\n" for line in _counted(lines, tick))
    if fmt == "jsonl":
        return write_jsonl(_counted(claim_records(filters, audience), tick))
    if fmt == "csv":
        records = (claim_records(filters, audience) if lines is None
                   else (json.loads(line) for line in lines))  # parsing beats building
        return write_csv(_counted(records, tick), bom=bom)
    reviews = _counted(_claim_reviews(filters, locale), tick)
    if fmt == "claimreview":
        return write_claimreview(reviews)
    header = {"@context": "https://schema.org", "@type": "DataFeed",
              "name": current_app.config["ORGANIZATION_NAME"],
              "url": url_for("publish.claimreview_feed", _external=True),
              "author": organization(), "dateModified": utcnow().replace(
                  microsecond=0).isoformat()}
    return write_datafeed(reviews, header)


def _database_lines(filters: ExportFilters, audience: str) -> Optional[Iterator[str]]:
    """The desk's records as JSON text built by the database, where it can build them (a
    lazy iterator: nothing is read until it is consumed); None otherwise."""
    if audience != "internal" or not db_records.available():
        return None
    return db_records.export_lines(filters, audience, records_iso_now())


def _counted(items, tick: Progress, every: int = 100):
    pending = 0
    for item in items:
        yield item
        pending += 1
        if pending == every:
            tick(pending)
            pending = 0
    if pending:
        tick(pending)


def _claim_reviews(filters: ExportFilters, locale: str):
    """ClaimReview objects of the published claims matching ``filters``, in claim id order."""
    for ids in claim_id_batches(filters, "public"):
        for check in published_checks_of(ids):
            yield claim_review(check, locale)


# Background exports ------------------------------------------------------------------------

class ExportRefused(ValueError):
    """An export that cannot start now; ``retry_after`` says when to try again (seconds)."""

    def __init__(self, message: str, retry_after: int = 60):
        super().__init__(message)
        self.retry_after = retry_after


def export_dir(app: Flask) -> Path:
    """Where export files are written (EXPORT_DIR; shared by web and workers)."""
    path = Path(app.config.get("EXPORT_DIR") or Path(app.instance_path) / "exports")
    path.mkdir(parents=True, exist_ok=True)
    return path


def export_path(app: Flask, job: ExportJob) -> Path:
    """The file of one export."""
    return export_dir(app) / f"{job.token}.{FORMATS[job.format].extension}"


def start_export(fmt: str, filters: ExportFilters, audience: str, owner: Optional[User], *,
                 total: int, locale: str, base_url: str, bom: bool,
                 app: Flask) -> tuple[ExportJob, bool]:
    """Record an export for the background: the job and whether it is new. The caller commits,
    then calls ``dispatch_export`` for a new one.

    A visitor asking again for the same published dataset gets the export already under way
    (or finished within EXPORT_REUSE_SECONDS). At most EXPORT_MAX_RUNNING exports wait or run
    at once.
    """
    forget_old_exports(app)
    if owner is None:
        reused = _recent_public_export(fmt, filters, bom, locale, app)
        if reused is not None:
            return reused, False
    busy = db.session.scalar(sa.select(sa.func.count()).select_from(ExportJob).where(
        ExportJob.status.in_([ExportStatus.QUEUED, ExportStatus.RUNNING]),
        ExportJob.created_at >= stale_before(app)))
    if busy >= app.config["EXPORT_MAX_RUNNING"]:
        raise ExportRefused(_("Too many exports are being prepared. Try again in a minute."))
    job = ExportJob(owner=owner, audience=audience, format=fmt, filters=filters.as_json(),
                    bom=bom, locale=locale, base_url=base_url, total=total)
    db.session.add(job)
    db.session.flush()
    return job, True


def stale_before(app: Flask):
    """Exports still waiting or running from before this moment will never finish (their
    worker died): they no longer count, and their page says they failed."""
    return utcnow() - timedelta(seconds=app.config["EXPORT_JOB_TIMEOUT"] + 60)


def is_abandoned(job: ExportJob, app: Flask) -> bool:
    """True for an export whose job can no longer be running."""
    return job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING) \
        and job.created_at < stale_before(app)


def _recent_public_export(fmt, filters, bom, locale, app) -> Optional[ExportJob]:
    since = utcnow() - timedelta(seconds=app.config["EXPORT_REUSE_SECONDS"])
    candidates = db.session.scalars(sa.select(ExportJob).where(
        ExportJob.owner_id.is_(None), ExportJob.format == fmt, ExportJob.bom.is_(bom),
        ExportJob.locale == locale, ExportJob.created_at >= max(since, stale_before(app)),
        ExportJob.status != ExportStatus.FAILED).order_by(ExportJob.id.desc()))
    wanted = filters.as_json()
    return next((job for job in candidates if job.filters == wanted), None)


def forget_old_exports(app: Flask) -> int:
    """Delete exports finished more than EXPORT_KEEP_HOURS ago, files and rows."""
    cutoff = utcnow() - timedelta(hours=app.config["EXPORT_KEEP_HOURS"])
    old = list(db.session.scalars(sa.select(ExportJob).where(ExportJob.created_at < cutoff)))
    for job in old:
        export_path(app, job).unlink(missing_ok=True)
        db.session.delete(job)
    return len(old)
