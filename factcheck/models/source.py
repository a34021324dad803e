"""Evidence: sources and their links to claims."""
from datetime import datetime
from typing import TYPE_CHECKING, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import TimestampMixin
from .enums import Stance, enum_column

if TYPE_CHECKING:
    from .claim import Claim
    from .user import User


class Source(TimestampMixin, db.Model):
    """A piece of evidence at a normalised URL; one source can back many claims."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(sa.String(2048), unique=True)
    title: Mapped[Optional[str]] = mapped_column(sa.String(500))
    publisher: Mapped[Optional[str]] = mapped_column(sa.String(200))
    published_at: Mapped[Optional[datetime]] = mapped_column(sa.DateTime)
    archived_url: Mapped[Optional[str]] = mapped_column(sa.String(2048))
    added_by_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"))

    added_by: Mapped[Optional["User"]] = relationship()
    claim_links: Mapped[list["ClaimSource"]] = relationship(back_populates="source")

    def __repr__(self) -> str:
        return f"<Source {self.url}>"


class ClaimSource(TimestampMixin, db.Model):
    """The link between a claim and a source: stance, excerpt and note."""

    __tablename__ = "claim_sources"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "source_id", name="uq_claim_sources_pair"),
        # A claim's links in the order they were made (the rowid follows claim_id in a SQLite
        # index): exports on SQLite read them in this order.
        sa.Index("ix_claim_sources_claim", "claim_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sources.id", ondelete="CASCADE"), index=True
    )
    stance: Mapped[Stance] = mapped_column(enum_column(Stance))
    excerpt: Mapped[Optional[str]] = mapped_column(sa.Text)
    note: Mapped[Optional[str]] = mapped_column(sa.Text)
    added_by_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"))

    claim: Mapped["Claim"] = relationship(back_populates="source_links")
    source: Mapped["Source"] = relationship(back_populates="claim_links")
    added_by: Mapped[Optional["User"]] = relationship()

    def __repr__(self) -> str:
        return f"<ClaimSource claim={self.claim_id} source={self.source_id} {self.stance.value}>"
