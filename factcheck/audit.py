"""Writing the audit log: every change goes through ``record``."""
from datetime import date, datetime
from enum import Enum
from typing import Any, Iterable, Optional

from .extensions import db
from .models import AuditAction, AuditEntry, User


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of ``obj`` as JSON-ready values."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def record(actor: Optional[User], action: AuditAction, target: Any,
           before: Optional[dict] = None, after: Optional[dict] = None) -> AuditEntry:
    """Add an audit entry for ``target``, keeping only the fields that changed; no commit."""
    if before and after:
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit actions are AuditAction members, not {action!r}")
    db.session.flush()  # the target needs its id
    entry = AuditEntry(actor=actor, action=action, target_type=target.__tablename__,
                       target_id=target.id, before=before or None, after=after or None)
    db.session.add(entry)
    return entry


def record_each(actor: Optional[User], action: AuditAction,
                changes: list[tuple[Any, Optional[dict]]]) -> list[AuditEntry]:
    """``record`` of one action on many targets, ``(target, after)`` each: one flush."""
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit actions are AuditAction members, not {action!r}")
    db.session.flush()
    entries = [AuditEntry(actor=actor, action=action, target_type=target.__tablename__,
                          target_id=target.id, after=after or None)
               for target, after in changes]
    db.session.add_all(entries)
    return entries


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
