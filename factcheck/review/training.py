"""Reviewers' corrections of the extraction, as training and evaluation data."""
from typing import Iterator

import sqlalchemy as sa

from ..extensions import db
from ..models import AuditAction, AuditEntry, Claim


def corrections() -> Iterator[dict]:
    """One record per saved correction: the sentence, what the extractor said, what was fixed."""
    rows = db.session.execute(
        sa.select(AuditEntry, Claim).join(Claim, Claim.id == AuditEntry.target_id)
        .where(AuditEntry.target_type == "claims", AuditEntry.action == AuditAction.CLAIM_CORRECT)
        .order_by(AuditEntry.id))
    for entry, claim in rows:
        yield {
            "claim": claim.public_id,
            "language": claim.language,
            "sentence": claim.sentence,
            "document_offsets": [claim.start_char, claim.end_char],
            "before": entry.before or {},
            "after": entry.after or {},
            "corrected_at": entry.created_at.isoformat(),
        }
