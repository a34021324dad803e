"""The API's JSON shapes: request bodies and query strings it checks, responses it sends.

One definition serves three readers: ``validation.py`` checks requests against the request
schemas, ``openapi.py`` publishes all of them in ``openapi.json``, and the tests check every
response against its schema. Responses allow no undocumented property, so a field added to
a claim record without its documentation fails the tests. Claims reuse the dataset record
(docs/dataset.md) with the API's own additions (``version``, ``draft``, links).
"""
from ..extraction.lang import SUPPORTED

MAX_ID = 2**31 - 1


def _nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


def _object(properties: dict, required=None, **extra) -> dict:
    """A closed object: every property documented, ``required`` ones always present."""
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required,
            "additionalProperties": False, **extra}


STRING = {"type": "string"}
TEXT = _nullable(STRING)
INTEGER = {"type": "integer"}
NUMBER = _nullable({"type": "number"})
OFFSET = _nullable(INTEGER)
# Timestamps as the database keeps them, naive UTC (the dataset's form): not RFC 3339, which
# wants an offset, hence a pattern rather than ``format: date-time``.
TIMESTAMP = {"type": ["string", "null"],
             "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$",
             "description": "ISO 8601 in UTC, without an offset."}
WHEN = {"anyOf": [{"type": "string", "format": "date"},
                  {"type": "string", "format": "date-time"}, {"type": "null"}],
        "description": "A date (YYYY-MM-DD, midnight UTC) or a date and time with its offset "
                       "(RFC 3339, e.g. 2026-05-12T08:30:00+02:00)."}
URL = {"type": "string", "format": "uri", "maxLength": 2048}
STANCES = ["supports", "refutes", "context"]
VERSION = {"type": "string", "pattern": "^(new|[0-9]{1,11}:[0-9]{1,11})$",
           "description": "The claim's draft version as the API last returned it: `new` when "
                          "no draft verdict is open, else `<verdict id>:<version>`.",
           "examples": ["new", "12:3"]}
ORIGIN = {"type": "string", "enum": ["extracted", "reviewer"]}

# Requests.

NEW_DOCUMENT = _object({
    "text": {"type": "string", "pattern": r"\S",
             "description": "The article's text; at most 500,000 characters (413 beyond)."},
    "title": _nullable({"type": "string", "maxLength": 500}),
    "url": _nullable(URL),
    "publisher": _nullable({"type": "string", "maxLength": 200}),
    "published_at": WHEN,
    "lang": {"type": "string", "enum": ["auto", *SUPPORTED], "default": "auto"},
}, required=["text"], examples=[{
    "text": "Le chômage a baissé de 0,3 point au premier trimestre, selon l'Insee.",
    "title": "Emploi : les chiffres du trimestre", "url": "https://journal.example/emploi",
    "publisher": "Le Journal", "published_at": "2026-05-12", "lang": "fr"}])

NEW_SOURCE = _object({
    "url": URL,
    "stance": {"type": "string", "enum": STANCES},
    "title": _nullable({"type": "string", "maxLength": 500}),
    "publisher": _nullable({"type": "string", "maxLength": 200}),
    "published_at": WHEN,
    "archived_url": _nullable(URL),
    "excerpt": _nullable({"type": "string", "maxLength": 5000}),
    "note": _nullable({"type": "string", "maxLength": 5000,
                       "description": "For the desk only; never published."}),
}, required=["url", "stance"], examples=[{
    "url": "https://www.insee.fr/fr/statistiques/serie", "stance": "refutes",
    "title": "Taux de chômage", "excerpt": "Le taux de chômage baisse de 0,1 point."}])

VERDICT = _object({
    "rating": {"type": "string", "minLength": 1, "maxLength": 40,
               "description": "A key of the rating scale, in any case: true, mostly-true, "
                              "half-true, mostly-false, false, misleading, unverifiable."},
    "rationale": {"type": "string", "pattern": r"\S", "maxLength": 20000,
                  "description": "Markdown."},
    "version": VERSION,
    "correction_note": _nullable({"type": "string", "maxLength": 2000,
                                  "description": "What a correction changes; required once "
                                                 "the claim is published."}),
}, required=["rating", "rationale", "version"], examples=[{
    "rating": "mostly-false", "rationale": "L'Insee mesure une baisse de **0,1** point.",
    "version": "new"}])

PUBLISH = _object({"version": VERSION}, required=[], examples=[{"version": "12:3"}])

CLAIM_FILTERS = _object({
    "status": {"type": "string", "enum": ["new", "in_review", "verdict_drafted", "published",
                                          "dismissed", "open"],
               "description": "`open`: new, in review or verdict drafted."},
    "rating": {"type": "string", "maxLength": 40,
               "description": "Rating key of the current verdict."},
    "language": {"type": "string", "maxLength": 8},
    "since": {"type": "string", "format": "date", "description": "Added on or after (UTC)."},
    "until": {"type": "string", "format": "date", "description": "Added on or before (UTC)."},
    "document": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    "group": {"type": "string", "maxLength": 16, "description": "A claim group's id."},
    "kind": {"type": "string", "enum": ["figure", "attribution"]},
    "cursor": {"type": "string", "maxLength": 64,
               "description": "`next_cursor` of the previous page."},
    "limit": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
    "lang": {"type": "string", "enum": ["fr", "en"],
             "description": "Language of messages (else Accept-Language)."},
}, required=[])

# Responses.

FIGURE = _object({
    "label": {"type": "string", "enum": ["figure"]}, "text": STRING,
    "start": INTEGER, "end": INTEGER, "value": NUMBER, "value_low": NUMBER,
    "value_high": NUMBER, "unit": TEXT, "qualifier": TEXT, "origin": ORIGIN,
})
ATTRIBUTION = _object({
    "label": {"type": "string", "enum": ["attribution"]}, "speaker": TEXT,
    "speaker_start": OFFSET, "speaker_end": OFFSET, "cue": TEXT, "cue_start": OFFSET,
    "cue_end": OFFSET, "start": INTEGER, "end": INTEGER, "origin": ORIGIN,
})
CLAIM_DOCUMENT = _object({
    "id": INTEGER, "content_hash": STRING, "title": STRING, "url": TEXT, "publisher": TEXT,
    "published_at": TIMESTAMP, "language": TEXT,
})
SOURCE = _object({
    "url": STRING, "title": TEXT, "publisher": TEXT, "published_at": TIMESTAMP,
    "archived_url": TEXT, "stance": {"type": "string", "enum": STANCES}, "excerpt": TEXT,
    "note": TEXT,
})
VERDICT_SHOWN = _nullable(_object({
    "rating": STRING, "rating_label_fr": STRING, "rating_label_en": STRING,
    "rating_normalised": {"type": "string", "enum": ["true", "mostly-true", "mixture",
                                                     "mostly-false", "false", "other"]},
    "rationale_md": STRING, "status": STRING, "published_at": TIMESTAMP,
    "first_published_at": TIMESTAMP, "corrects_earlier": {"type": "boolean"},
}, description="The published verdict, else the one being written."))
DRAFT = _nullable(_object({
    "status": {"type": "string", "enum": ["draft", "sent_back"]}, "rating": STRING,
    "rationale_md": STRING, "correction_note": TEXT, "review_comment": TEXT,
    "corrects_published": {"type": "boolean"}, "updated_at": TIMESTAMP,
}, description="The draft verdict being written or reviewed (null when none is open)."))
CORRECTION = _object({"corrected_at": TIMESTAMP, "before": {"type": "object"},
                      "after": {"type": "object"}})
APPEARANCE = _object({
    "public_id": STRING, "sentence": STRING, "status": STRING, "appeared_at": TIMESTAMP,
    "rating": _nullable(STRING),
    "document": _object({"id": INTEGER, "title": STRING, "url": TEXT, "publisher": TEXT,
                         "published_at": TIMESTAMP, "language": TEXT}),
})
CLAIM_STATUS = {"type": "string", "enum": ["new", "in_review", "verdict_drafted", "published",
                                           "dismissed"]}
_CLAIM_FIELDS = {
    "schema_version": INTEGER, "id": INTEGER, "public_id": STRING,
    "group_id": _nullable(STRING), "status": CLAIM_STATUS, "dismissal_reason": TEXT,
    "language": TEXT, "sentence": STRING, "normalised_text": TEXT,
    "kinds": {"type": "array", "items": {"type": "string", "enum": ["figure", "attribution"]}},
    "checkworthiness": {"type": "number"}, "document_start": INTEGER, "document_end": INTEGER,
    "figures": {"type": "array", "items": {"$ref": "#/components/schemas/Figure"}},
    "attribution": {"anyOf": [{"$ref": "#/components/schemas/Attribution"}, {"type": "null"}]},
    "document": {"$ref": "#/components/schemas/ClaimDocument"},
    "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
    "verdict": VERDICT_SHOWN, "corrections": {
        "type": "array", "items": {"$ref": "#/components/schemas/Correction"}},
    "created_at": TIMESTAMP, "updated_at": TIMESTAMP, "exported_at": TIMESTAMP,
    "version": VERSION, "draft": DRAFT,
    "api_url": {"type": "string", "description": "This claim in the API."},
    "public_url": {**TEXT, "description": "The public fact-check (published claims)."},
    "badge_url": {**TEXT, "description": "Its SVG badge (published claims)."},
}
CLAIM = _object({**_CLAIM_FIELDS, "appearances": {
    "type": "array", "items": {"$ref": "#/components/schemas/Appearance"},
    "description": "The other claims of its group, oldest first (single claims only)."}},
    required=list(_CLAIM_FIELDS),
    description="A claim's dataset record (docs/dataset.md) with the API's additions.")
EXTRACTION = _object({
    "status": {"type": "string", "enum": ["pending", "running", "done", "failed"]},
    "claims": INTEGER, "progress": NUMBER, "queue": TEXT, "stalled": {"type": "boolean"},
    "message": STRING, "problem": TEXT, "error": TEXT,
})
DOCUMENT = _object({
    "id": INTEGER, "title": STRING, "url": TEXT, "publisher": TEXT,
    "published_at": TIMESTAMP, "language": TEXT, "content_hash": STRING,
    "created_at": TIMESTAMP, "api_url": STRING,
    "extraction": {"$ref": "#/components/schemas/Extraction"},
})
DOCUMENT_RESULT = _object({
    "document": {"$ref": "#/components/schemas/Document"},
    "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}},
    "duplicate": {"type": "boolean", "description": "The text was already stored."},
})
CLAIM_PAGE = _object({
    "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}},
    "next_cursor": {**TEXT, "description": "Pass as `cursor` for the next page; null on "
                                           "the last one."},
    "limit": INTEGER,
})
PUBLISHED = _object({
    "claim": {"$ref": "#/components/schemas/Claim"},
    "public_url": STRING, "badge_url": STRING,
})
ERROR = _object({
    "error": {"type": "string", "description": "A stable code (docs/api.md)."},
    "message": {"type": "string", "description": "In the client's language."},
    "fields": {"type": "object", "additionalProperties": {"type": "string"},
               "description": "One message per faulty field (400)."},
    "current": {"$ref": "#/components/schemas/Claim"},
}, required=["error", "message"])

COMPONENTS = {
    "Figure": FIGURE, "Attribution": ATTRIBUTION, "ClaimDocument": CLAIM_DOCUMENT,
    "Source": SOURCE, "Correction": CORRECTION, "Appearance": APPEARANCE, "Claim": CLAIM,
    "Extraction": EXTRACTION, "Document": DOCUMENT, "DocumentResult": DOCUMENT_RESULT,
    "ClaimPage": CLAIM_PAGE, "Published": PUBLISHED, "Error": ERROR,
    "NewDocument": NEW_DOCUMENT, "NewSource": NEW_SOURCE, "Verdict": VERDICT,
    "Publish": PUBLISH,
}
