"""The API's views: load, authorise, check the body, call one service, commit, answer JSON.

Roles are the browser's (``role_required``) and the workflow rules are the services': a view
only turns their refusals into statuses (``attempt``). docs/api.md explains each route.
"""
from typing import Callable

from flask import current_app, jsonify
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from ..auth.permissions import role_required
from ..documents.handoff import submit
from ..documents.services import TooLongToExtract, submit_document
from ..extensions import db
from ..models import Document, ExtractionStatus, Role, Stance
from ..review.errors import EditConflict, NotPermitted, ReviewError, lost_race
from ..review.queries import claim_or_404, open_verdict
from ..review.services import (
    DraftVersion,
    approve_and_publish,
    check_draft_version,
    draft_verdict,
    find_or_add_source,
    link_source,
)
from . import bp
from .access import write_limited
from .errors import ApiError, invalid
from .inputs import (
    claim_filters,
    decode_cursor,
    json_body,
    moment,
    new_document,
    query_args,
    rating_for,
)
from .openapi import documented, openapi_document
from .queries import (
    claim_json,
    claims_json,
    claims_page,
    document_claim_ids,
    document_json,
    public_urls,
)
from .schemas import CLAIM_FILTERS, NEW_DOCUMENT, NEW_SOURCE, PUBLISH, VERDICT

WRITES = (400, 403, 404, 409, 413, 415, 429)
CONFLICTS = (EditConflict, StaleDataError, IntegrityError)  # someone else's write won


@bp.get("/openapi.json")
@documented("This API's description (OpenAPI 3.1)", responses={200: (None, "The document.")})
def openapi():
    """The OpenAPI document, built from the routes themselves."""
    return jsonify(openapi_document(current_app))


@bp.post("/documents")
@documented("Bring an article in and find its claims", role="reviewer", body="NewDocument",
            errors=WRITES, responses={
                201: ("DocumentResult", "Stored, with the claims found."),
                200: ("DocumentResult", "This text was already stored: that document."),
                202: ("DocumentResult", "Stored; the worker is finding its claims (poll the "
                                        "document's api_url).")})
@role_required(Role.REVIEWER)
@write_limited
def add_document():
    """Store a text and find its claims here, or hand it to the worker."""
    new = new_document(json_body(NEW_DOCUMENT))
    try:
        done = submit(lambda: submit_document(new, current_user, current_app), current_app)
    except TooLongToExtract as exc:
        raise ApiError(413, str(exc), "too_large", fields={"text": str(exc)}) from None
    waiting = done.document.extraction_status in (ExtractionStatus.PENDING,
                                                  ExtractionStatus.RUNNING)
    body = _document_body(done.document) | {"duplicate": done.again}
    status = 202 if waiting else 200 if done.again else 201
    return jsonify(body), status, {"Location": body["document"]["api_url"]}


@bp.get("/documents/<int:document_id>")
@documented("A document, where its extraction stands, and its claims", role="viewer",
            errors=(404,), responses={200: ("DocumentResult", "The document.")})
@role_required(Role.VIEWER)
def document(document_id: int):
    """One document with its claims (poll it after a 202)."""
    return jsonify(_document_body(db.get_or_404(Document, document_id)) | {"duplicate": False})


def _document_body(document: Document) -> dict:
    technical = current_user.has_role(Role.ADMIN)
    return {"document": document_json(document, current_app, technical),
            "claims": claims_json(document_claim_ids(document))}


@bp.get("/claims")
@documented("Claims, filtered as the dataset exports are, a page at a time", role="viewer",
            query=CLAIM_FILTERS, errors=(400,), responses={200: ("ClaimPage", "One page.")},
            description="Pages follow claim ids; pass `next_cursor` back as `cursor` until "
                        "it is null.")
@role_required(Role.VIEWER)
def claims():
    """A page of claims after the cursor."""
    args = query_args(CLAIM_FILTERS)
    return jsonify(claims_page(claim_filters(args), decode_cursor(args.get("cursor")),
                               args.get("limit", 50)))


@bp.get("/claims/<public_id>")
@documented("A claim with its sources, verdict, draft and other appearances", role="viewer",
            errors=(404,), responses={200: ("Claim", "The claim.")})
@role_required(Role.VIEWER)
def claim(public_id: str):
    """One claim."""
    return jsonify(claim_json(claim_or_404(public_id)))


@bp.post("/claims/<public_id>/sources")
@documented("Link a source to a claim with its stance", role="reviewer", body="NewSource",
            errors=WRITES, responses={201: ("Claim", "Linked: the claim with its sources.")},
            description="A source is found by its normalised address, or added. On a "
                        "published claim the change waits in a correction draft.")
@role_required(Role.REVIEWER)
@write_limited
def add_source(public_id: str):
    """Find or add the source, then link it."""
    claim, body = claim_or_404(public_id), json_body(NEW_SOURCE)

    def link():
        source = find_or_add_source(body["url"], current_user, title=body.get("title"),
                                    publisher=body.get("publisher"),
                                    published_at=moment(body.get("published_at")),
                                    archived_url=body.get("archived_url"))
        link_source(claim, source, Stance(body["stance"]), current_user,
                    excerpt=body.get("excerpt"), note=body.get("note"))
    attempt(link, public_id)
    return jsonify(claim_json(claim_or_404(public_id))), 201


@bp.put("/claims/<public_id>/verdict")
@documented("Write or rewrite the claim's draft verdict", role="reviewer", body="Verdict",
            errors=WRITES, responses={200: ("Claim", "Saved as a draft.")},
            description="Send the claim's `version` as you read it: a draft changed since "
                        "answers 409 with the claim as it now is. On a published claim this "
                        "drafts a correction, which needs a `correction_note`.")
@role_required(Role.REVIEWER)
@write_limited
def save_verdict(public_id: str):
    """Draft the verdict against the version the client read."""
    claim, body = claim_or_404(public_id), json_body(VERDICT)
    rating = rating_for(body["rating"])
    attempt(lambda: draft_verdict(claim, rating, body["rationale"], current_user,
                                  correction_note=body.get("correction_note"),
                                  expected=DraftVersion.parse(body["version"])), public_id)
    return jsonify(claim_json(claim_or_404(public_id)))


@bp.post("/claims/<public_id>/publish")
@documented("Approve and publish the claim's draft verdict", role="editor", body="Publish",
            body_required=False, errors=WRITES,
            responses={200: ("Published", "Published: the claim and its public links.")},
            description="Only an editor who wrote no part of the draft may. With `version`, "
                        "only the draft as read: a draft changed since answers 409.")
@role_required(Role.EDITOR)
@write_limited
def publish(public_id: str):
    """Publish the open draft, as read when a version is given."""
    claim, body = claim_or_404(public_id), json_body(PUBLISH, optional=True)
    verdict = open_verdict(claim)
    if verdict is None:
        raise ApiError(409, _("This claim has no draft verdict to publish."), "refused",
                       current=claim_json(claim))
    read = DraftVersion.parse(body["version"]) if "version" in body else DraftVersion.of(verdict)

    def approve():
        check_draft_version(claim, read)
        approve_and_publish(verdict, current_user, read.version)
    attempt(approve, public_id)
    public_url, badge_url = public_urls(public_id)
    return jsonify(claim=claim_json(claim_or_404(public_id)), public_url=public_url,
                   badge_url=badge_url)


def attempt(action: Callable[[], object], public_id: str) -> None:
    """Call ``action`` and commit; on a refusal roll back and raise the ApiError for it."""
    try:
        action()
        db.session.commit()
    except NotPermitted as exc:
        db.session.rollback()
        raise ApiError(403, str(exc), "forbidden") from None
    except ReviewError as exc:
        db.session.rollback()
        if exc.field:
            raise invalid({exc.field: str(exc)}) from None
        raise ApiError(409, str(exc), "refused") from None
    except (*CONFLICTS, OperationalError) as exc:
        if isinstance(exc, OperationalError) and not lost_race(exc):
            raise
        db.session.rollback()
        raise ApiError(409, _("Someone else changed this claim first: read it again (it is "
                              "in current) before writing."), "conflict",
                       current=claim_json(claim_or_404(public_id))) from None
