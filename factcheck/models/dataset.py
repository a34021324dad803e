"""Exports prepared in the background: what was asked, how far it got, where the file is."""
import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .enums import ExportStatus, enum_column

if TYPE_CHECKING:
    from .user import User


def new_export_token() -> str:
    """The unguessable name of an export in its URLs."""
    return secrets.token_urlsafe(18)


class ExportJob(db.Model):
    """One dataset export too large for a request: written to a file by a job."""

    __tablename__ = "export_jobs"
    __table_args__ = (sa.Index("ix_export_jobs_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(32), unique=True, default=new_export_token)
    # None for an export of published claims asked for by a visitor.
    owner_id: Mapped[Optional[int]] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    audience: Mapped[str] = mapped_column(sa.String(16))  # "public" or "internal"
    format: Mapped[str] = mapped_column(sa.String(16))
    filters: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    bom: Mapped[bool] = mapped_column(default=False)
    locale: Mapped[str] = mapped_column(sa.String(8), default="fr")
    base_url: Mapped[str] = mapped_column(sa.String(300))
    status: Mapped[ExportStatus] = mapped_column(enum_column(ExportStatus),
                                                 default=ExportStatus.QUEUED)
    total: Mapped[int] = mapped_column(default=0)
    written: Mapped[int] = mapped_column(default=0)
    error: Mapped[Optional[str]] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow)
    finished_at: Mapped[Optional[datetime]] = mapped_column(sa.DateTime)

    owner: Mapped[Optional["User"]] = relationship()

    @property
    def progress(self) -> float:
        """Share of the claims written, 0 to 1."""
        return min(1.0, self.written / self.total) if self.total else (
            1.0 if self.status is ExportStatus.DONE else 0.0)

    def __repr__(self) -> str:
        return f"<ExportJob {self.format} {self.status.value}>"


class ClaimRecord(db.Model):
    """A claim's dataset record as exported (JSON text), stored by PostgreSQL exports; current
    while ``rev`` equals the claim's ``record_rev`` (see migration 0010)."""

    __tablename__ = "claim_records"

    claim_id: Mapped[int] = mapped_column(
        sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)
    rev: Mapped[int]
    line: Mapped[str] = mapped_column(sa.Text)
