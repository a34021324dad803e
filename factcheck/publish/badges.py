"""Verdict badges: text, colours and box widths for the SVG template, plus a strong ETag."""
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import sqlalchemy as sa

from ..colours import ink
from ..extensions import db
from ..models import Claim, ClaimStatus, Rating, Verdict, VerdictStatus

BADGE_FORMAT = 2  # bump when the SVG template changes, so caches refresh
STYLES = {"small": {"height": 20, "font": 11, "pad": 6},
          "large": {"height": 28, "font": 14, "pad": 10}}
NEUTRAL = "#5b6575"
BOLD = 1.1  # the verdict is set in bold, about a tenth wider
LABELS = {"fr": "Vérification", "en": "Fact-check"}
UNKNOWN = {"fr": "inconnue", "en": "unknown"}
# Approximate advance widths (in em) of a sans-serif face, enough to size the boxes.
_NARROW, _WIDE = set("iIl.,:;'|!j()[]f t"), set("mwMW%@")


@dataclass(frozen=True)
class BadgeState:
    """The few facts a badge shows, read in one small query."""

    verdict_id: int
    published_at: object
    key: str
    color: str
    label_fr: str
    label_en: str

    def label(self, lang: str) -> str:
        """The verdict's name in ``lang``."""
        return self.label_fr if lang == "fr" else self.label_en


@lru_cache(maxsize=1)
def _state_query() -> sa.Select:
    """Built once: badges are requested far more often than anything else."""
    return (sa.select(Verdict.id, Verdict.published_at, Rating.key, Rating.color,
                      Rating.label_fr, Rating.label_en)
            .join(Claim, Claim.id == Verdict.claim_id).join(Rating, Rating.id == Verdict.rating_id)
            .where(Claim.public_id == sa.bindparam("public_id"),
                   Claim.status == ClaimStatus.PUBLISHED,
                   Verdict.status == VerdictStatus.PUBLISHED)
            .order_by(Verdict.published_at.desc()).limit(1))


def badge_state(public_id: str) -> Optional[BadgeState]:
    """The published verdict behind a badge, or None (unknown, unpublished or draft), read
    from the database (``badge_cache`` keeps them). A plain connection, not the ORM session:
    one query, no unit of work to set up."""
    with db.engine.connect() as conn:
        row = conn.execute(_state_query(), {"public_id": public_id}).first()
    return BadgeState(*row) if row else None


@dataclass
class Badge:
    """Everything the badge template draws."""

    label: str
    verdict: str
    color: str
    height: int
    font: int
    label_width: int
    verdict_width: int

    @property
    def ink(self) -> str:
        """The verdict's text colour on its rating colour (black or white, the more legible)."""
        return ink(self.color)

    @property
    def width(self) -> int:
        """Total width in pixels."""
        return self.label_width + self.verdict_width


def text_width(text: str, font_size: int) -> float:
    """Estimated rendered width of ``text`` in pixels."""
    ems = sum(.32 if c in _NARROW else .9 if c in _WIDE else .68 if c.isupper() else .58
              for c in text)
    return ems * font_size


def make_badge(state: Optional[BadgeState], lang: str, style: str) -> Badge:
    """The badge for a published verdict, or the neutral one when there is none."""
    shape = STYLES[style]
    if state is None:
        verdict, color = UNKNOWN[lang], NEUTRAL
    else:
        verdict, color = state.label(lang), state.color
    label = LABELS[lang]
    pad, font = shape["pad"], shape["font"]
    return Badge(label=label, verdict=verdict, color=color, height=shape["height"], font=font,
                 label_width=round(text_width(label, font) + 2 * pad),
                 verdict_width=round(text_width(verdict, font) * BOLD + 2 * pad))


def etag(state: Optional[BadgeState], lang: str, style: str) -> str:
    """Strong validator: changes with the verdict shown (a correction is a new verdict)."""
    if state is None:
        parts = ["none"]
    else:
        parts = [str(state.verdict_id), str(state.published_at), state.key, state.color,
                 state.label_fr, state.label_en]
    raw = "|".join([str(BADGE_FORMAT), lang, style, *parts])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]
