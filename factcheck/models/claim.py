"""Claims found in documents, with their figures and attribution."""
import secrets
from typing import TYPE_CHECKING, Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import TimestampMixin
from .enums import ClaimStatus, DismissalReason, Origin, enum_column

if TYPE_CHECKING:
    from .document import Document
    from .source import ClaimSource
    from .tracking import ClaimGroup, ClaimSignature
    from .user import User
    from .verdict import Verdict


def new_public_id() -> str:
    """An unguessable id for public URLs, independent of the row id."""
    return secrets.token_urlsafe(9)


class Claim(TimestampMixin, db.Model):
    """A sentence that carries a figure or an attribution, and its review state."""

    __tablename__ = "claims"
    __table_args__ = (
        sa.CheckConstraint("start_char >= 0 AND end_char > start_char", name="span"),
        sa.CheckConstraint("checkworthiness >= 0 AND checkworthiness <= 1", name="score"),
        sa.Index("ix_claims_status_created", "status", "created_at"),
        # The review queue: score order, status tabs with score order, facet counts.
        sa.Index("ix_claims_score", "checkworthiness", "id"),
        sa.Index("ix_claims_created", "created_at", "id"),
        sa.Index("ix_claims_status_score", "status", "checkworthiness", "id"),
        sa.Index("ix_claims_facets", "status", "language", "has_figure", "has_attribution",
                 "assignee_id"),
        # "Repeats a checked claim": an EXISTS over the other claims of the group by status.
        sa.Index("ix_claims_group_status", "group_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(16), unique=True, default=new_public_id)
    document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    sentence: Mapped[str] = mapped_column(sa.Text)
    start_char: Mapped[int]
    end_char: Mapped[int]
    has_figure: Mapped[bool] = mapped_column(default=False)
    has_attribution: Mapped[bool] = mapped_column(default=False)
    language: Mapped[Optional[str]] = mapped_column(sa.String(8))
    normalized_text: Mapped[Optional[str]] = mapped_column(sa.Text)
    checkworthiness: Mapped[float] = mapped_column(default=0.0)
    score_features: Mapped[Optional[dict[str, Any]]] = mapped_column(sa.JSON)
    status: Mapped[ClaimStatus] = mapped_column(enum_column(ClaimStatus), default=ClaimStatus.NEW)
    dismissal_reason: Mapped[Optional[DismissalReason]] = mapped_column(
        enum_column(DismissalReason)
    )
    assignee_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"), index=True)
    group_id: Mapped[Optional[int]] = mapped_column(
        sa.ForeignKey("claim_groups.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(default=1)
    # Raised by PostgreSQL triggers whenever something the claim's dataset record shows
    # changes (migration 0010); never written by the application.
    record_rev: Mapped[int] = mapped_column(server_default="0")

    # record_rev is not read back on INSERT (it is loaded when used): on SQLite, a row whose
    # server default must be returned is inserted alone (factcheck/bulk.py).
    __mapper_args__ = {"version_id_col": version, "eager_defaults": False}

    document: Mapped["Document"] = relationship(back_populates="claims")
    assignee: Mapped[Optional["User"]] = relationship()
    group: Mapped[Optional["ClaimGroup"]] = relationship(back_populates="claims")
    signature: Mapped[Optional["ClaimSignature"]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True
    )
    figures: Mapped[list["Figure"]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="Figure.start_char"
    )
    attribution: Mapped[Optional["Attribution"]] = relationship(
        back_populates="claim", cascade="all, delete-orphan"
    )
    source_links: Mapped[list["ClaimSource"]] = relationship(
        back_populates="claim", cascade="all, delete-orphan"
    )
    verdicts: Mapped[list["Verdict"]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="Verdict.id"
    )

    @property
    def kinds(self) -> list[str]:
        """The claim's kinds, as the extractor names them."""
        return [k for k, on in (("figure", self.has_figure),
                                ("attribution", self.has_attribution)) if on]

    @property
    def wording(self) -> str:
        """The reviewer's normalised wording, else the sentence as written."""
        return self.normalized_text or self.sentence

    def __repr__(self) -> str:
        return f"<Claim {self.public_id} {self.status.value}>"


class Figure(db.Model):
    """A quantity inside a claim, normalised to a number."""

    __tablename__ = "figures"
    # A claim's figures in reading order; exports on SQLite read them in this index's order.
    __table_args__ = (sa.Index("ix_figures_claim_start", "claim_id", "start_char"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(sa.String(500))
    start_char: Mapped[int]
    end_char: Mapped[int]
    value: Mapped[Optional[float]]
    value_low: Mapped[Optional[float]]
    value_high: Mapped[Optional[float]]
    unit: Mapped[Optional[str]] = mapped_column(sa.String(120))
    qualifier: Mapped[Optional[str]] = mapped_column(sa.String(40))
    origin: Mapped[Origin] = mapped_column(enum_column(Origin), default=Origin.EXTRACTED)

    claim: Mapped["Claim"] = relationship(back_populates="figures")

    def __repr__(self) -> str:
        return f"<Figure {self.text!r} = {self.value}>"


class Attribution(db.Model):
    """Who is reported as saying a claim, and the words that say so."""

    __tablename__ = "attributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), unique=True
    )
    speaker: Mapped[Optional[str]] = mapped_column(sa.String(300))
    cue: Mapped[Optional[str]] = mapped_column(sa.String(200))
    start_char: Mapped[int]
    end_char: Mapped[int]
    speaker_start: Mapped[Optional[int]]
    speaker_end: Mapped[Optional[int]]
    cue_start: Mapped[Optional[int]]
    cue_end: Mapped[Optional[int]]
    origin: Mapped[Origin] = mapped_column(enum_column(Origin), default=Origin.EXTRACTED)

    claim: Mapped["Claim"] = relationship(back_populates="attribution")

    def __repr__(self) -> str:
        return f"<Attribution {self.speaker!r} {self.cue!r}>"
