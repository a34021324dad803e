"""Articles brought into the tool."""
from datetime import datetime
from typing import TYPE_CHECKING, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import TimestampMixin
from .enums import ExtractionProblem, ExtractionStatus, enum_column

if TYPE_CHECKING:
    from .claim import Claim
    from .user import User


class Document(TimestampMixin, db.Model):
    """One article: its metadata, original text and extraction state."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    url: Mapped[Optional[str]] = mapped_column(sa.String(2048))
    publisher: Mapped[Optional[str]] = mapped_column(sa.String(200))
    published_at: Mapped[Optional[datetime]] = mapped_column(sa.DateTime)
    language: Mapped[Optional[str]] = mapped_column(sa.String(8))
    text: Mapped[str] = mapped_column(sa.Text)
    content_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    added_by_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"))
    extraction_status: Mapped[ExtractionStatus] = mapped_column(
        enum_column(ExtractionStatus), default=ExtractionStatus.PENDING
    )
    # Why the extraction failed or waits (None while all is well); the page shows it
    # translated. extraction_error keeps the technical message, for administrators.
    extraction_problem: Mapped[Optional[ExtractionProblem]] = mapped_column(
        enum_column(ExtractionProblem))
    extraction_error: Mapped[Optional[str]] = mapped_column(sa.Text)

    added_by: Mapped[Optional["User"]] = relationship()
    claims: Mapped[list["Claim"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Claim.start_char"
    )

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.title[:40]!r}>"
