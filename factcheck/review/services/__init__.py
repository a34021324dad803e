"""Review operations: plain ``verb_noun`` functions that views and commands call.

Each takes model objects and validated data, changes them, flushes, writes the audit entry,
and raises ReviewError (refused) or EditConflict (someone else changed it first). None of
them commits or touches ``request``: the caller commits once per request or command.
Split by subject: claims (assign, dismiss, correct), evidence (sources) and verdicts.
"""
from .claims import (
    FigureEdit,
    assign_claims,
    check_version,
    correct_claim,
    dismiss_claims,
    reopen_claim,
)
from .evidence import find_or_add_source, link_source, normalise_url, unlink_source
from .verdicts import (
    DraftVersion,
    approve_and_publish,
    check_draft_version,
    draft_reused_verdict,
    draft_verdict,
    hold_public_change,
    is_author,
    send_back,
)

__all__ = [
    "DraftVersion", "FigureEdit", "approve_and_publish", "assign_claims", "check_draft_version",
    "check_version", "correct_claim", "dismiss_claims", "draft_reused_verdict",
    "draft_verdict", "find_or_add_source",
    "hold_public_change", "is_author", "link_source", "normalise_url", "reopen_claim",
    "send_back", "unlink_source",
]
