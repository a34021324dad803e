"""The dataset schema: one JSON-ready record per claim (docs/dataset.md describes every field).

Two audiences read the same shape. ``internal`` records are the working copy a signed-in
desk sees, with the reviewers' corrections and private notes. ``public`` records are built
from what an editor published (the verdict's frozen snapshot) and leave out everything local
or unpublished: fields the schema marks *internal* are absent from them.
"""
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

SCHEMA_VERSION = 1

# The desk's rating scale mapped onto one shared scale, by the step's ClaimReview score, so
# that datasets from different desks can be compared. Off-scale steps are "other".
NORMALISED_RATINGS = {5: "true", 4: "mostly-true", 3: "mixture", 2: "mostly-false", 1: "false"}

# Fields that belong to this installation and change on import (row ids, user names): the
# round trip compares everything else.
LOCAL_FIELDS = ("id", "document.id", "exported_at")


def normalised_rating(score: Optional[int]) -> str:
    """The shared-scale name for a rating step's score."""
    return NORMALISED_RATINGS.get(score, "other") if score is not None else "other"


def iso(moment: Optional[datetime]) -> Optional[str]:
    """A timestamp as ISO 8601 (UTC, no offset: the database stores naive UTC)."""
    if moment is None:
        return None
    return moment.isoformat() if isinstance(moment, datetime) else str(moment)


@dataclass(frozen=True)
class RatingInfo:
    """One step of the scale, as records name it."""

    key: str
    label_fr: str
    label_en: str
    score: Optional[int]

    def as_dict(self) -> dict[str, Any]:
        return {"rating": self.key, "rating_label_fr": self.label_fr,
                "rating_label_en": self.label_en,
                "rating_normalised": normalised_rating(self.score)}


def figure(row, claim_start: int) -> dict[str, Any]:
    """A figure with its span in the sentence (``sentence[start:end] == text`` when found)."""
    start, end = row.start_char - claim_start, row.end_char - claim_start
    return {"label": "figure", "text": row.text, "start": start, "end": end,
            "value": row.value, "value_low": row.value_low, "value_high": row.value_high,
            "unit": row.unit, "qualifier": row.qualifier, "origin": row.origin.value}


def attribution(row, claim_start: int) -> dict[str, Any]:
    """The speaker and cue with their spans in the sentence."""
    def span(start, end):
        if start is None or end is None:
            return None, None
        return start - claim_start, end - claim_start
    speaker_start, speaker_end = span(row.speaker_start, row.speaker_end)
    cue_start, cue_end = span(row.cue_start, row.cue_end)
    return {"label": "attribution", "speaker": row.speaker, "speaker_start": speaker_start,
            "speaker_end": speaker_end, "cue": row.cue, "cue_start": cue_start,
            "cue_end": cue_end, "start": row.start_char - claim_start,
            "end": row.end_char - claim_start, "origin": row.origin.value}


def source(row) -> dict[str, Any]:
    """A linked source with its stance; ``note`` is internal."""
    return {"url": row.url, "title": row.title, "publisher": row.publisher,
            "published_at": iso(row.published_at), "archived_url": row.archived_url,
            "stance": row.stance.value, "excerpt": row.excerpt, "note": row.note}


def verdict(row, rating: RatingInfo, first_published_at) -> dict[str, Any]:
    """The verdict readers see (or the one being written) with both labels of its rating."""
    return {**rating.as_dict(), "rationale_md": row.rationale_md, "status": row.status.value,
            "published_at": iso(row.published_at),
            "first_published_at": iso(first_published_at), "corrects_earlier": bool(
                row.corrects_id)}


def document(row) -> dict[str, Any]:
    """Where the claim was found."""
    return {"id": row.document_id, "content_hash": row.content_hash, "title": row.title,
            "url": row.url, "publisher": row.publisher,
            "published_at": iso(row.document_published_at), "language": row.document_language}


def internal_record(row, *, figures, attribution_, sources, verdict_, corrections,
                    exported_at: str) -> dict[str, Any]:
    """The full record of a claim for a signed-in desk."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": row.id,
        "public_id": row.public_id,
        "group_id": row.group_public_id,
        "status": row.status.value,
        "dismissal_reason": row.dismissal_reason.value if row.dismissal_reason else None,
        "language": row.language,
        "sentence": row.sentence,
        "normalised_text": row.normalized_text,
        "kinds": [k for k, on in (("figure", row.has_figure),
                                  ("attribution", row.has_attribution)) if on],
        "checkworthiness": row.checkworthiness,
        "document_start": row.start_char,
        "document_end": row.end_char,
        "figures": figures,
        "attribution": attribution_,
        "document": document(row),
        "sources": sources,
        "verdict": verdict_,
        "corrections": corrections,
        "created_at": iso(row.created_at),
        "updated_at": iso(row.updated_at),
        "exported_at": exported_at,
    }


def public_record(row, content: dict[str, Any], rating: RatingInfo, first_published_at,
                  exported_at: str) -> dict[str, Any]:
    """A published claim as the public may see it: from the snapshot its verdict froze."""
    figures = [{"label": "figure", "text": f["text"], "value": f.get("value"),
                "unit": f.get("unit"), "qualifier": f.get("qualifier")}
               for f in content.get("figures", ())]
    speaker = content.get("speaker")
    seen = content.get("appearance") or {}
    return {
        "schema_version": SCHEMA_VERSION,
        "public_id": row.public_id,
        "group_id": row.group_public_id,
        "status": "published",
        "language": content.get("language"),
        "sentence": row.sentence,
        "normalised_text": (content["wording"] if content["wording"] != row.sentence
                            else None),
        "kinds": [k for k, on in (("figure", bool(figures)), ("attribution", bool(speaker)))
                  if on],
        "figures": figures,
        "attribution": {"label": "attribution", "speaker": speaker} if speaker else None,
        "document": {"title": seen.get("title"), "url": seen.get("url"),
                     "publisher": seen.get("publisher"),
                     "published_at": seen.get("published_at"),
                     "language": content.get("language")},
        "sources": [{k: s.get(k) for k in ("url", "title", "publisher", "published_at",
                                           "archived_url", "stance", "excerpt")}
                    for s in content.get("sources", ())],
        "verdict": {**rating.as_dict(), "rationale_md": row.rationale_md,
                    "status": "published", "published_at": iso(row.published_at),
                    "first_published_at": iso(first_published_at),
                    "corrects_earlier": bool(row.corrects_id)},
        "exported_at": exported_at,
    }
