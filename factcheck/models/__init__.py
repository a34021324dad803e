"""The data model, split by aggregate; import models from here."""
from .audit import AuditEntry
from .claim import Attribution, Claim, Figure
from .dataset import ClaimRecord, ExportJob
from .document import Document
from .enums import (
                    AuditAction,
                    ClaimStatus,
                    DismissalReason,
                    ExportStatus,
                    ExtractionProblem,
                    ExtractionStatus,
                    Origin,
                    Role,
                    Stance,
                    VerdictStatus,
)
from .source import ClaimSource, Source
from .tally import ClaimDayTally, ClaimTally, VerdictTally
from .tracking import ClaimGroup, ClaimMatch, ClaimSignature, GroupPin, MatchDismissal
from .user import LoginAttempt, User
from .verdict import Rating, Verdict

__all__ = [
    "Attribution", "AuditAction", "AuditEntry", "Claim", "ClaimGroup", "ClaimMatch",
    "ClaimDayTally", "ClaimSignature", "ClaimSource", "ClaimStatus", "ClaimTally", "GroupPin",
    "MatchDismissal",
    "ClaimRecord", "DismissalReason", "Document", "ExportJob", "ExportStatus",
    "ExtractionProblem", "ExtractionStatus", "Figure", "LoginAttempt", "Origin",
    "Rating", "Role", "Source", "Stance", "User", "Verdict", "VerdictStatus", "VerdictTally",
]
