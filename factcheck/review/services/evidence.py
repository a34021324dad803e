"""Evidence: normalise source URLs, find or add sources, link them to claims."""
from datetime import datetime
from typing import Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ... import audit
from ...extensions import db
from ...models import AuditAction, Claim, ClaimSource, Source, Stance, User
from ..errors import ReviewError
from .verdicts import hold_public_change, lock_claim

TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "xtor", "at_medium")
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """One spelling per page: lower-case host, no default port, fragment or tracking params."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ReviewError(_l("A source needs an http:// or https:// address."), field="url")
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port and parts.port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PARAMS)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https" if scheme == "https" else "http", host, path,
                       urlencode(query), ""))


def find_or_add_source(url: str, actor: User, *, title: Optional[str] = None,
                       publisher: Optional[str] = None,
                       published_at: Optional[datetime] = None,
                       archived_url: Optional[str] = None) -> Source:
    """The source at this URL (normalised), created with the given details if new."""
    normalised = normalise_url(url)
    source = db.session.scalar(sa.select(Source).where(Source.url == normalised))
    if source is not None:
        return source
    source = Source(url=normalised, title=title or None, publisher=publisher or None,
                    published_at=published_at, archived_url=archived_url or None,
                    added_by=actor)
    db.session.add(source)
    audit.record(actor, AuditAction.SOURCE_CREATE, source,
                 after={"url": normalised, "title": title})
    return source


def link_source(claim: Claim, source: Source, stance: Stance, actor: User, *,
                excerpt: Optional[str] = None, note: Optional[str] = None) -> ClaimSource:
    """Attach ``source`` to ``claim`` with a stance; a source is linked once per claim."""
    lock_claim(claim, reload=True)
    if any(link.source_id == source.id for link in claim.source_links if source.id):
        raise ReviewError(_l("This source is already linked to the claim."))
    link = ClaimSource(claim=claim, source=source, stance=stance, excerpt=excerpt or None,
                       note=note or None, added_by=actor)
    db.session.add(link)
    audit.record(actor, AuditAction.CLAIM_LINK_SOURCE, claim,
                 after={"source": source.url, "stance": stance.value, "excerpt": excerpt})
    hold_public_change(claim, actor)
    return link


def unlink_source(link: ClaimSource, actor: User) -> None:
    """Remove a source from a claim (the source itself stays for other claims)."""
    claim = link.claim
    lock_claim(claim, reload=True)
    if link not in claim.source_links:
        raise ReviewError(_l("This source is no longer linked to the claim."))
    audit.record(actor, AuditAction.CLAIM_UNLINK_SOURCE, claim,
                 before={"source": link.source.url, "stance": link.stance.value})
    claim.source_links.remove(link)  # delete-orphan: the link row goes at the next flush
    hold_public_change(claim, actor)
