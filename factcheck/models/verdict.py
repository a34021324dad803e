"""Ratings on the configured scale, and verdicts with their corrections."""
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import TimestampMixin
from .enums import VerdictStatus, enum_column

if TYPE_CHECKING:
    from .claim import Claim
    from .user import User


class Rating(db.Model):
    """One step of the rating scale, with its colour and labels in both languages."""

    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(40), unique=True)
    label_en: Mapped[str] = mapped_column(sa.String(80))
    label_fr: Mapped[str] = mapped_column(sa.String(80))
    color: Mapped[str] = mapped_column(sa.String(7))
    position: Mapped[int]
    score: Mapped[Optional[int]]  # ClaimReview ratingValue; None for off-scale ratings
    active: Mapped[bool] = mapped_column(default=True)

    def label(self, locale: str) -> str:
        """The label in ``locale`` ('fr' or 'en'), English otherwise."""
        return self.label_fr if str(locale).startswith("fr") else self.label_en

    def __repr__(self) -> str:
        return f"<Rating {self.key}>"


class Verdict(TimestampMixin, db.Model):
    """One version of a claim's verdict; a correction adds a version that supersedes it."""

    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    rating_id: Mapped[int] = mapped_column(sa.ForeignKey("ratings.id"))
    rationale_md: Mapped[str] = mapped_column(sa.Text, default="")
    rationale_html: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[VerdictStatus] = mapped_column(
        enum_column(VerdictStatus), default=VerdictStatus.DRAFT
    )
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    approved_by_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"))
    review_comment: Mapped[Optional[str]] = mapped_column(sa.Text)
    published_at: Mapped[Optional[datetime]] = mapped_column(sa.DateTime)
    corrects_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("verdicts.id"))
    correction_note: Mapped[Optional[str]] = mapped_column(sa.Text)
    # What the public sees of the claim, frozen when this version is published
    # (publish.services.snapshot_public_content); None on drafts.
    published_content: Mapped[Optional[dict[str, Any]]] = mapped_column(
        sa.JSON(none_as_null=True))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    claim: Mapped["Claim"] = relationship(back_populates="verdicts")
    rating: Mapped["Rating"] = relationship()
    author: Mapped["User"] = relationship(foreign_keys=[author_id])
    approved_by: Mapped[Optional["User"]] = relationship(foreign_keys=[approved_by_id])
    corrects: Mapped[Optional["Verdict"]] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Verdict claim={self.claim_id} {self.status.value}>"
