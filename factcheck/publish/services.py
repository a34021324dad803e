"""Publishing operations: freeze what the public sees of a claim when its verdict goes out.

Reviewers keep correcting a claim after publication (wording, speaker, figures, sources); the
public pages, embeds and feeds must show only what an editor approved. So the public content
is copied onto the verdict at publication and every public output reads that copy
(``queries.PublicContent`` reads the shape written here).
"""
from datetime import datetime
from typing import Any, Optional

from ..extensions import db
from ..models import Claim, ClaimSource, Document

CONTENT_FORMAT = 1  # bump when the shape below changes, and teach PublicContent both shapes


def snapshot_public_content(claim: Claim) -> dict[str, Any]:
    """What the public sees of ``claim`` now, as JSON (never the reviewers' private notes)."""
    db.session.flush()
    db.session.expire(claim, ["source_links"])  # re-read: drops links unlinked in this session
    attribution = claim.attribution
    links = sorted(claim.source_links, key=lambda link: link.id)
    return {
        "format": CONTENT_FORMAT,
        "wording": claim.wording,
        "speaker": attribution.speaker if attribution else None,
        "language": claim.language,
        "figures": [{"text": f.text, "value": f.value, "unit": f.unit, "qualifier": f.qualifier}
                    for f in claim.figures],
        "sources": [_source(link) for link in links],
        "appearance": _appearance(claim.document),
        **_appearances(claim),
    }


def _appearances(claim: Claim) -> dict[str, Any]:
    """Every appearance of the claim's group now, oldest first, and the first of them."""
    claims = list(claim.group.claims) if claim.group is not None else [claim]
    claims.sort(key=lambda c: (c.document.published_at or c.document.created_at, c.id))
    seen = [{**_appearance(c.document), "language": c.language} for c in claims]
    return {"appearances": seen, "first_appearance": seen[0] if seen else None}


def _source(link: ClaimSource) -> dict[str, Any]:
    source = link.source
    return {"url": source.url, "title": source.title, "publisher": source.publisher,
            "published_at": _iso(source.published_at), "archived_url": source.archived_url,
            "stance": link.stance.value, "excerpt": link.excerpt}


def _appearance(document: Document) -> dict[str, Any]:
    return {"title": document.title, "url": document.url, "publisher": document.publisher,
            "published_at": _iso(document.published_at)}


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.isoformat() if moment else None
