"""What the API reads and sends: claims as dataset records, documents, pages of claims.

A claim is its internal dataset record (``datasets.queries.records_for_ids``, the schema of
docs/dataset.md) plus what a client needs to act on it: ``version`` (the draft version to
send back with a verdict), the open ``draft``, and links. No second serializer: a field the
dataset gains, the API gains.
"""
import sqlalchemy as sa
from flask import Flask, url_for

from ..datasets.queries import ExportFilters, claim_id_batches, records_for_ids
from ..datasets.records import iso
from ..documents.progress import extraction_report
from ..extensions import db
from ..models import Claim, ClaimStatus, Document, Rating, Verdict
from ..review.queries import OPEN_STATUSES, published_verdict
from ..review.services import DraftVersion
from ..tracking.queries import appearances, appeared_at
from .inputs import encode_cursor

_DRAFT_COLUMNS = (Verdict.claim_id, Verdict.id, Verdict.version, Verdict.status,
                  Rating.key.label("rating"), Verdict.rationale_md, Verdict.correction_note,
                  Verdict.review_comment, Verdict.corrects_id, Verdict.updated_at)


def claims_json(ids: list[int]) -> list[dict]:
    """The API's claim objects for these claim ids, in id order."""
    drafts = {row.claim_id: row for row in db.session.execute(
        sa.select(*_DRAFT_COLUMNS).join(Rating, Rating.id == Verdict.rating_id)
        .where(Verdict.claim_id.in_(ids), Verdict.status.in_(OPEN_STATUSES)))} if ids else {}
    return [_with_links(record, drafts.get(record["id"]))
            for record in records_for_ids(ids, "internal")]


def _with_links(record: dict, draft) -> dict:
    published = record["status"] == ClaimStatus.PUBLISHED.value
    public_id = record["public_id"]
    return {
        **record,
        "version": (DraftVersion(draft.id, draft.version) if draft else DraftVersion()).token(),
        "draft": None if draft is None else {
            "status": draft.status.value, "rating": draft.rating,
            "rationale_md": draft.rationale_md, "correction_note": draft.correction_note,
            "review_comment": draft.review_comment,
            "corrects_published": draft.corrects_id is not None,
            "updated_at": iso(draft.updated_at)},
        "api_url": url_for("api.claim", public_id=public_id, _external=True),
        "public_url": public_urls(public_id)[0] if published else None,
        "badge_url": public_urls(public_id)[1] if published else None,
    }


def public_urls(public_id: str) -> tuple[str, str]:
    """The public fact-check page of a claim and its badge."""
    return (url_for("publish.claim_page", public_id=public_id, _external=True),
            url_for("publish.badge", public_id=public_id, _external=True))


def claim_json(claim: Claim) -> dict:
    """One claim with the other appearances of its group."""
    return {**claims_json([claim.id])[0], "appearances": _appearances(claim)}


def _appearances(claim: Claim) -> list[dict]:
    if claim.group is None:
        return []
    return [_appearance(other) for other in appearances(claim.group) if other.id != claim.id]


def _appearance(other: Claim) -> dict:
    document, verdict = other.document, published_verdict(other)
    return {"public_id": other.public_id, "sentence": other.sentence,
            "status": other.status.value, "appeared_at": iso(appeared_at(other)),
            "rating": verdict.rating.key if verdict else None,
            "document": {"id": document.id, "title": document.title, "url": document.url,
                         "publisher": document.publisher,
                         "published_at": iso(document.published_at),
                         "language": document.language}}


def claims_page(filters: ExportFilters, after: int, limit: int) -> dict:
    """One page of the claims matching ``filters`` after claim id ``after``, in id order."""
    ids = next(claim_id_batches(filters, "internal", limit + 1, after=after), [])
    page = ids[:limit]
    more = len(ids) > limit
    return {"claims": claims_json(page), "limit": limit,
            "next_cursor": encode_cursor(page[-1]) if more else None}


def document_json(document: Document, app: Flask, technical: bool) -> dict:
    """A document with where its extraction stands (``technical``: the raw error too)."""
    return {"id": document.id, "title": document.title, "url": document.url,
            "publisher": document.publisher, "published_at": iso(document.published_at),
            "language": document.language, "content_hash": document.content_hash,
            "created_at": iso(document.created_at),
            "api_url": url_for("api.document", document_id=document.id, _external=True),
            "extraction": extraction_report(document, app, technical)}


def document_claim_ids(document: Document) -> list[int]:
    """The ids of a document's claims, in id order."""
    return list(db.session.scalars(sa.select(Claim.id).where(Claim.document_id == document.id)
                                   .order_by(Claim.id)))
