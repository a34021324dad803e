"""What the public may see: published verdicts only, and only the content frozen with them."""
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from .. import keyset, search
from ..extensions import db
from ..models import Claim, ClaimStatus, Rating, Stance, Verdict, VerdictStatus

PAGE_SIZE = 30


def _moment(text: Optional[str]) -> Optional[datetime]:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Appearance:
    """Where the claim appeared: the document's title, address, publisher and date."""

    title: str
    url: Optional[str]
    publisher: Optional[str]
    published_at: Optional[datetime]
    language: Optional[str] = None

    @classmethod
    def read(cls, data: dict[str, Any]) -> "Appearance":
        """From its part of the snapshot."""
        return cls(data["title"], data.get("url"), data.get("publisher"),
                   _moment(data.get("published_at")), data.get("language"))


@dataclass(frozen=True)
class PublicFigure:
    """A figure of the claim, as published."""

    text: str
    value: Optional[float]
    unit: Optional[str]
    qualifier: Optional[str]


@dataclass(frozen=True)
class PublicSource:
    """A source as published: the page, its stance and excerpt (no reviewer's note)."""

    url: str
    title: Optional[str]
    publisher: Optional[str]
    published_at: Optional[datetime]
    archived_url: Optional[str]
    stance: Stance
    excerpt: Optional[str]

    @classmethod
    def read(cls, data: dict[str, Any]) -> "PublicSource":
        """From its part of the snapshot."""
        return cls(data["url"], data.get("title"), data.get("publisher"),
                   _moment(data.get("published_at")), data.get("archived_url"),
                   Stance(data["stance"]), data.get("excerpt"))


@dataclass(frozen=True)
class PublicContent:
    """The claim as an editor published it (written by services.snapshot_public_content)."""

    wording: str
    speaker: Optional[str]
    language: Optional[str]
    figures: tuple[PublicFigure, ...]
    sources: tuple[PublicSource, ...]
    appearance: Appearance
    first_appearance: Optional[Appearance]
    appearances: tuple[Appearance, ...] = ()  # every appearance, oldest first

    @classmethod
    def read(cls, data: dict[str, Any]) -> "PublicContent":
        """From a verdict's ``published_content``."""
        first = data.get("first_appearance")
        seen = Appearance.read(data["appearance"])
        every = tuple(Appearance.read(a) for a in data.get("appearances") or ()) or (seen,)
        return cls(data["wording"], data.get("speaker"), data.get("language"),
                   tuple(PublicFigure(f["text"], f.get("value"), f.get("unit"),
                                      f.get("qualifier")) for f in data.get("figures", ())),
                   tuple(PublicSource.read(s) for s in data.get("sources", ())),
                   seen, Appearance.read(first) if first else None, every)


@dataclass
class PublishedCheck:
    """A published claim's public id, the verdict readers see and the content it froze."""

    public_id: str
    verdict: Verdict
    content: PublicContent

    @property
    def first_published_at(self):
        """When the first version of the verdict went out (corrections keep this date)."""
        first = self.verdict
        while first.corrects is not None:
            first = first.corrects
        return first.published_at

    @property
    def corrected(self) -> bool:
        """True when the current verdict corrects an earlier one."""
        return self.verdict.corrects_id is not None


def _published_verdicts() -> sa.Select:
    """Published verdicts of public claims, with their claim's public id."""
    return (sa.select(Verdict, Claim.public_id).join(Claim, Claim.id == Verdict.claim_id)
            .where(Verdict.status == VerdictStatus.PUBLISHED,
                   Claim.status == ClaimStatus.PUBLISHED,
                   Verdict.published_content.is_not(None))
            .options(selectinload(Verdict.rating)))


def _check(verdict: Verdict, public_id: str) -> PublishedCheck:
    return PublishedCheck(public_id, verdict, PublicContent.read(verdict.published_content))


def published_check(public_id: str) -> Optional[PublishedCheck]:
    """The published check with this public id, or None (drafts and unknown ids alike)."""
    row = db.session.execute(_published_verdicts().where(Claim.public_id == public_id)
                             .order_by(Verdict.published_at.desc()).limit(1)).first()
    return _check(*row) if row else None


def published_check_or_404(public_id: str) -> PublishedCheck:
    """As ``published_check``, aborting with 404 when there is none."""
    check = published_check(public_id)
    if check is None:
        abort(404)
    return check


def published_checks_of(claim_ids: list[int]) -> list[PublishedCheck]:
    """The published checks of these claims, in claim id order (claims without one skipped)."""
    rows = db.session.execute(_published_verdicts().where(Claim.id.in_(claim_ids))
                              .order_by(Claim.id, Verdict.id)).all()
    latest = {verdict.claim_id: (verdict, public_id) for verdict, public_id in rows}
    return [_check(*latest[i]) for i in claim_ids if i in latest]


NEWEST = ((Verdict.published_at, True), (Verdict.id, True))  # the index's order


def published_checks(q: str = "", rating: str = "", language: str = "", page: int = 1,
                     limit: Optional[int] = None, after: str = "", before: str = "") -> keyset.Page:
    """Newest published checks, filtered on what was published. Pages follow each other by
    keyset (``after``/``before``: cursors of ``keyset``); a page number alone reads by OFFSET."""
    limit = limit or PAGE_SIZE
    query = _published_verdicts()
    if rating:
        query = query.join(Rating, Rating.id == Verdict.rating_id).where(Rating.key == rating)
    if language:
        query = query.where(Verdict.published_content["language"].as_string() == language)
    if q:
        query = query.where(Verdict.id.in_(search.matching(search.CHECKS, q)))
    newest = (Verdict.published_at.desc(), Verdict.id.desc())
    start, end = keyset.cursor(after, NEWEST), keyset.cursor(before, NEWEST)
    if end is not None:
        rows = db.session.execute(query.where(keyset.beyond(NEWEST, end, forward=False))
                                  .order_by(Verdict.published_at, Verdict.id)
                                  .limit(limit + 1)).all()
        shown = rows[:limit][::-1]
        return _checks_page(shown, True, len(rows) > limit)
    if start is not None:
        query = query.where(keyset.beyond(NEWEST, start, forward=True))
    else:
        query = query.offset((page - 1) * limit)
    rows = db.session.execute(query.order_by(*newest).limit(limit + 1)).all()
    return _checks_page(rows[:limit], len(rows) > limit, start is not None or page > 1)


def _checks_page(rows, has_next: bool, has_prev: bool) -> keyset.Page:
    items = [_check(*row) for row in rows]
    if not rows:
        return keyset.Page(items, has_next)
    return keyset.Page(items, has_next, keyset.cursor_of(rows[-1][0], NEWEST),
                      keyset.cursor_of(rows[0][0], NEWEST) if has_prev else "")


def public_ratings() -> list[Rating]:
    """Active ratings in scale order, for filters and legends."""
    return list(db.session.scalars(sa.select(Rating).where(Rating.active.is_(True))
                                   .order_by(Rating.position)))
