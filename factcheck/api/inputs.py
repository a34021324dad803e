"""Reading a request: its JSON body and query string, checked, turned into service inputs.

Everything here raises ApiError with the right status: 415 for a body that is not JSON,
400 for malformed JSON or faulty fields (one message per field), 413 for a text longer than
the ingest accepts. The body's size cap (API_MAX_BODY_BYTES) is the request's own: werkzeug
raises 413 while reading.
"""
import base64
import binascii
import json
from datetime import date, datetime, time, timezone
from typing import Any, Optional

from flask import request
from flask_babel import format_number
from flask_babel import gettext as _

from ..datasets.queries import ExportFilters, FilterError
from ..documents.services import MAX_TEXT_CHARS, NewDocument, title_from_text
from ..models import Rating
from ..review.queries import active_ratings
from .errors import ApiError, invalid
from .validation import problems

JSON_TYPES = ("application/json",)


def json_body(schema: dict, optional: bool = False) -> dict:
    """The request's JSON object, checked against ``schema``; ``optional``: may be empty."""
    if optional and not request.content_length and not request.get_data():
        return {}
    if request.mimetype not in JSON_TYPES:
        raise ApiError(415, _("Send a JSON body (Content-Type: application/json)."))
    try:
        body = json.loads(request.get_data(), parse_constant=_no_constants)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, _("The body is not valid JSON: %(reason)s.", reason=exc),
                       "invalid_json") from None
    if not isinstance(body, dict):
        raise ApiError(400, _("The body must be a JSON object."), "invalid_json")
    found = problems(body, schema)
    if found:
        raise invalid(found)
    return body


def _no_constants(name: str):
    raise ValueError(f"{name} is not a JSON number")


def query_args(schema: dict) -> dict[str, Any]:
    """The query string as typed values, checked against ``schema`` (an object of params)."""
    values, found = {}, {}
    for name in request.args:
        given = request.args.getlist(name)
        if len(given) > 1:
            found[name] = _("Give this parameter once.")
        kind = schema["properties"].get(name, {}).get("type")
        values[name] = int(given[0]) if kind == "integer" and given[0].isdigit() else given[0]
    found = {**problems(values, schema), **found}
    if found:
        raise invalid(found)
    return values


def claim_filters(args: dict[str, Any]) -> ExportFilters:
    """The export filters of a claim list (the same as the dataset downloads)."""
    try:
        return ExportFilters.parse({k: str(v) for k, v in args.items()})
    except FilterError:  # every value has been checked: only the dates' order is left
        raise invalid({"since": _("The first day comes after the last.")}) from None


def new_document(body: dict) -> NewDocument:
    """The submission a POST /documents body describes; 413 for a text the ingest refuses."""
    text = body["text"]
    if len(text) > MAX_TEXT_CHARS:
        message = _("At most %(num)s characters: split the text.",
                    num=format_number(MAX_TEXT_CHARS))
        raise ApiError(413, message, "too_large", fields={"text": message})
    return NewDocument(text=text, title=body.get("title") or title_from_text(text, "—"),
                       language=body.get("lang") or "auto", url=body.get("url") or None,
                       publisher=body.get("publisher") or None,
                       published_at=moment(body.get("published_at")))


def moment(text: Optional[str]) -> Optional[datetime]:
    """A checked date or date-time as the database keeps it: naive UTC (dates at midnight)."""
    if not text:
        return None
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time())
    return datetime.fromisoformat(text).astimezone(timezone.utc).replace(tzinfo=None)


def rating_for(key: str) -> Rating:
    """The active step of the scale with this key, in any case; 400 naming the keys."""
    scale = {rating.key: rating for rating in active_ratings()}
    found = scale.get(key.strip().lower())
    if found is None:
        raise invalid({"rating": _("Not a rating of the scale: %(keys)s.",
                                   keys=", ".join(scale))})
    return found


def encode_cursor(last_id: int) -> str:
    """An opaque cursor for the claims after ``last_id``."""
    return base64.urlsafe_b64encode(f"c1:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: Optional[str]) -> int:
    """The claim id a cursor continues after (0 without one); 400 for one we did not make."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    prefix, _sep, last = text.partition(":")
    if prefix != "c1" or not last.isdigit() or len(last) > 11:
        raise invalid({"cursor": _("Not a cursor this API gave: start again without one.")})
    return int(last)
