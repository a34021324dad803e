"""The audit log: who changed what, when, from what to what."""
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .enums import AuditAction, enum_column

if TYPE_CHECKING:
    from .user import User


class AuditEntry(db.Model):
    """One recorded change; ``before`` and ``after`` hold the changed fields only."""

    __tablename__ = "audit_entries"
    __table_args__ = (sa.Index("ix_audit_entries_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, length=60))
    target_type: Mapped[str] = mapped_column(sa.String(40))
    target_id: Mapped[int]
    before: Mapped[Optional[dict[str, Any]]] = mapped_column(sa.JSON)
    after: Mapped[Optional[dict[str, Any]]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow, index=True)

    actor: Mapped[Optional["User"]] = relationship()

    def __repr__(self) -> str:
        return f"<AuditEntry {self.action.value} {self.target_type}:{self.target_id}>"
