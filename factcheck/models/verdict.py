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


# Everyone who wrote any part of a verdict version: its drafts, or the claim changes a
# correction carries. An editor listed here cannot approve that version.
verdict_authors = sa.Table(
    "verdict_authors",
    db.metadata,
    sa.Column("verdict_id", sa.ForeignKey("verdicts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id"), primary_key=True),
)


class Verdict(TimestampMixin, db.Model):
    """One version of a claim's verdict; a correction adds a version that supersedes it."""

    __tablename__ = "verdicts"
    __table_args__ = (
        # At most one verdict per claim is being written or reviewed: two people drafting the
        # first verdict at the same moment cannot both succeed.
        sa.Index("ux_verdicts_open_claim", "claim_id", unique=True,
                 sqlite_where=sa.text("status IN ('draft', 'sent_back')"),
                 postgresql_where=sa.text("status IN ('draft', 'sent_back')")),
        # /checks, its feeds and the dashboard read published verdicts newest first.
        sa.Index("ix_verdicts_status_published", "status", "published_at", "id"),
        # The queue's rating filter reads the claims of one rating's verdicts.
        sa.Index("ix_verdicts_rating_claim", "rating_id", "claim_id"),
    )

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
    # The published verdict of another appearance of the claim that this one reuses.
    reuses_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("verdicts.id"))
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
    corrects: Mapped[Optional["Verdict"]] = relationship(remote_side=[id],
                                                         foreign_keys=[corrects_id])
    reuses: Mapped[Optional["Verdict"]] = relationship(remote_side=[id],
                                                       foreign_keys=[reuses_id])
    authors: Mapped[list["User"]] = relationship(secondary=verdict_authors,
                                                 order_by="User.id")

    def __repr__(self) -> str:
        return f"<Verdict claim={self.claim_id} {self.status.value}>"
