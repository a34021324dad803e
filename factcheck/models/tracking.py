"""Claim tracking: groups of the same claim across documents, matches, reviewers' decisions.

Every claim belongs to one group (``claims.group_id``). The matcher files a claim in a group
when it is stored; ``ClaimMatch`` rows keep what it found (the same claim elsewhere, or a
figure that conflicts). Reviewers' decisions are keyed by the sentence's fingerprint (wording
with case, accents and punctuation ignored), not by claim id, so they hold when an article is
ingested again: ``GroupPin`` files a sentence in a group, ``MatchDismissal`` keeps two
sentences from being matched again.
"""
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import TimestampMixin, utcnow

if TYPE_CHECKING:
    from .claim import Claim
    from .user import User


def _public_id() -> str:
    from .claim import new_public_id
    return new_public_id()


class ClaimGroup(TimestampMixin, db.Model):
    """One claim as it travels: every appearance of it, in any document or language."""

    __tablename__ = "claim_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(16), unique=True, default=_public_id)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    claims: Mapped[list["Claim"]] = relationship(back_populates="group",
                                                 order_by="Claim.id")

    def __repr__(self) -> str:
        return f"<ClaimGroup {self.public_id}>"


class ClaimSignature(db.Model):
    """What the matcher read of a claim, and the terms the full-text index holds for it.

    SQLite indexes ``terms`` in the FTS5 table ``claim_terms_fts`` (kept by triggers);
    PostgreSQL in a GIN index on the generated column ``terms_tsv``. Both are made by the
    migration, not by the models (``tracking.index`` reads them).
    """

    __tablename__ = "claim_signatures"

    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(sa.String(32), index=True)
    terms: Mapped[str] = mapped_column(sa.Text)
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)

    claim: Mapped["Claim"] = relationship(back_populates="signature")


class ClaimMatch(db.Model):
    """The matcher's finding between two claims, stored once per direction.

    ``relation`` is "same" or "conflict"; ``dismissed_at`` is set when a reviewer says the
    match is wrong (a ``MatchDismissal`` keeps it from coming back).
    """

    __tablename__ = "claim_matches"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "other_id", name="uq_claim_matches_pair"),
        sa.Index("ix_claim_matches_other", "other_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id", ondelete="CASCADE"))
    relation: Mapped[str] = mapped_column(sa.String(12))
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow)
    dismissed_at: Mapped[Optional[datetime]] = mapped_column(sa.DateTime)
    dismissed_by_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"))

    claim: Mapped["Claim"] = relationship(foreign_keys=[claim_id])
    other: Mapped["Claim"] = relationship(foreign_keys=[other_id])
    dismissed_by: Mapped[Optional["User"]] = relationship()


class GroupPin(db.Model):
    """A reviewer filed this sentence in this group (a merge or a split): it stays there."""

    __tablename__ = "group_pins"

    fingerprint: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claim_groups.id", ondelete="CASCADE"), index=True)
    pinned_by_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow)

    group: Mapped["ClaimGroup"] = relationship()


class MatchDismissal(db.Model):
    """A reviewer said these two sentences are not the same claim (nor a conflict)."""

    __tablename__ = "match_dismissals"
    __table_args__ = (
        sa.CheckConstraint("fingerprint_a < fingerprint_b", name="ordered"),
    )

    fingerprint_a: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    fingerprint_b: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    dismissed_by_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow)
