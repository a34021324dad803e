"""schema.org ClaimReview for a published check (what search engines and aggregators read)."""
from typing import Any

from flask import current_app, url_for

from .queries import PublishedCheck

BEST_RATING, WORST_RATING = 5, 1


def organization() -> dict[str, Any]:
    """The reviewing organisation, from the configuration."""
    org = {"@type": "Organization", "name": current_app.config["ORGANIZATION_NAME"]}
    if current_app.config.get("ORGANIZATION_URL"):
        org["url"] = current_app.config["ORGANIZATION_URL"]
    return org


def claim_review(check: PublishedCheck, locale: str = "fr") -> dict[str, Any]:
    """The ClaimReview object for one published check."""
    claim, verdict = check.claim, check.verdict
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url_for("publish.claim_page", public_id=claim.public_id, _external=True),
        "claimReviewed": claim.wording,
        "datePublished": check.first_published_at.date().isoformat(),
        "author": organization(),
        "reviewRating": _rating(verdict.rating, locale),
        "itemReviewed": _item(check),
    }
    if check.corrected:
        review["dateModified"] = verdict.published_at.isoformat()
    return review


def _rating(rating, locale: str) -> dict[str, Any]:
    """A numeric Rating when the step is on the true/false scale, else its name alone."""
    out = {"@type": "Rating", "alternateName": rating.label(locale)}
    if rating.score is not None:
        out.update(ratingValue=rating.score, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return out


def _item(check: PublishedCheck) -> dict[str, Any]:
    claim, document = check.claim, check.claim.document
    item: dict[str, Any] = {"@type": "Claim"}
    speaker = claim.attribution.speaker if claim.attribution else None
    if speaker:
        item["author"] = {"@type": _speaker_type(speaker), "name": speaker}
    if document.published_at:
        item["datePublished"] = document.published_at.date().isoformat()
    appearance = {"@type": "CreativeWork", "headline": document.title}
    if document.url:
        appearance["url"] = document.url
    if document.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": document.publisher}
    if document.published_at:
        appearance["datePublished"] = document.published_at.date().isoformat()
    item["appearance"] = appearance
    first = check.claim.repeats
    if first is not None and first.document.url:
        item["firstAppearance"] = {"@type": "CreativeWork", "url": first.document.url,
                                   "headline": first.document.title}
    return item


ORGANISATION_WORDS = {"ministère", "ministry", "agence", "agency", "gouvernement", "government",
                      "banque", "bank", "insee", "préfecture", "mairie", "conseil", "council",
                      "office", "kcna", "institut", "institute", "commission", "parti", "party",
                      "syndicat", "union", "association", "chambre", "groupe", "police"}


def _speaker_type(speaker: str) -> str:
    """Person, unless the name reads as an institution."""
    words = {w.strip(".,'’").lower() for w in speaker.replace("'", " ").split()}
    return "Organization" if words & ORGANISATION_WORDS or speaker.isupper() else "Person"
