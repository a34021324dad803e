"""schema.org ClaimReview for a published check (what search engines and aggregators read)."""
from typing import Any

from flask import current_app, url_for

from .queries import Appearance, PublicContent, PublishedCheck

BEST_RATING, WORST_RATING = 5, 1


def organization() -> dict[str, Any]:
    """The reviewing organisation, from the configuration."""
    org = {"@type": "Organization", "name": current_app.config["ORGANIZATION_NAME"]}
    if current_app.config.get("ORGANIZATION_URL"):
        org["url"] = current_app.config["ORGANIZATION_URL"]
    return org


def claim_review(check: PublishedCheck, locale: str = "fr") -> dict[str, Any]:
    """The ClaimReview object for one published check, from the content it froze."""
    verdict = check.verdict
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url_for("publish.claim_page", public_id=check.public_id, _external=True),
        "claimReviewed": check.content.wording,
        "datePublished": check.first_published_at.date().isoformat(),
        "author": organization(),
        "reviewRating": _rating(verdict.rating, locale),
        "itemReviewed": _item(check.content),
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


def _item(content: PublicContent) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    if content.speaker:
        item["author"] = {"@type": _speaker_type(content.speaker), "name": content.speaker}
    seen = content.appearance
    if seen.published_at:
        item["datePublished"] = seen.published_at.date().isoformat()
    every = content.appearances or (seen,)
    item["appearance"] = [_work(a) for a in every] if len(every) > 1 else _work(seen)
    first = content.first_appearance
    if first is not None:
        item["firstAppearance"] = _work(first)
    return item


def _work(seen: Appearance) -> dict[str, Any]:
    """The document the claim appeared in, as a CreativeWork."""
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": seen.title}
    if seen.url:
        work["url"] = seen.url
    if seen.publisher:
        work["publisher"] = {"@type": "Organization", "name": seen.publisher}
    if seen.published_at:
        work["datePublished"] = seen.published_at.date().isoformat()
    return work


ORGANISATION_WORDS = {"ministère", "ministry", "agence", "agency", "gouvernement", "government",
                      "banque", "bank", "insee", "préfecture", "mairie", "conseil", "council",
                      "office", "kcna", "institut", "institute", "commission", "parti", "party",
                      "syndicat", "union", "association", "chambre", "groupe", "police"}


def _speaker_type(speaker: str) -> str:
    """Person, unless the name reads as an institution."""
    words = {w.strip(".,'’").lower() for w in speaker.replace("'", " ").split()}
    return "Organization" if words & ORGANISATION_WORDS or speaker.isupper() else "Person"
