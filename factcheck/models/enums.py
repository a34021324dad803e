"""Enumerations stored as short strings (their values) in the database."""
import enum

import sqlalchemy as sa


class Role(str, enum.Enum):
    """What a user may do, from least to most."""

    VIEWER = "viewer"
    REVIEWER = "reviewer"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        """Position in the hierarchy: a higher role can do all a lower one can."""
        return list(Role).index(self)


class ClaimStatus(str, enum.Enum):
    """Where a claim stands in the review workflow."""

    NEW = "new"
    IN_REVIEW = "in_review"
    VERDICT_DRAFTED = "verdict_drafted"
    PUBLISHED = "published"
    DISMISSED = "dismissed"


class DismissalReason(str, enum.Enum):
    """Why a claim was taken out of the queue."""

    NOT_A_CLAIM = "not_a_claim"
    NOT_CHECK_WORTHY = "not_check_worthy"
    DUPLICATE = "duplicate"


class Stance(str, enum.Enum):
    """How a source bears on a claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


class VerdictStatus(str, enum.Enum):
    """Life of one verdict version."""

    DRAFT = "draft"
    SENT_BACK = "sent_back"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class Origin(str, enum.Enum):
    """Who produced a figure or attribution: the extractor or a reviewer's correction."""

    EXTRACTED = "extracted"
    REVIEWER = "reviewer"


class ExtractionStatus(str, enum.Enum):
    """Progress of claim extraction for a document."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ExtractionProblem(str, enum.Enum):
    """Why a document's extraction failed or waits (shown translated on its page)."""

    ERROR = "error"  # the engine raised; extraction_error has the details
    TIMEOUT = "timeout"  # the job ran past EXTRACTION_JOB_TIMEOUT
    WORKER_LOST = "worker_lost"  # the process running it died (killed, out of memory)
    RETRYING = "retrying"  # an attempt failed; the queue tries again by itself
    QUEUE_UNAVAILABLE = "queue_unavailable"  # Redis could not be reached to queue it
    TOO_LONG = "too_long"  # too long to extract in a request and no worker is configured


class ExportStatus(str, enum.Enum):
    """Life of a background export."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class AuditAction(str, enum.Enum):
    """Every kind of change the audit log records (stored as the dotted value)."""

    DOCUMENT_CREATE = "document.create"
    DOCUMENT_RETRY_EXTRACTION = "document.retry_extraction"
    SOURCE_CREATE = "source.create"
    CLAIM_ASSIGN = "claim.assign"
    CLAIM_DISMISS = "claim.dismiss"
    CLAIM_REOPEN = "claim.reopen"
    CLAIM_CORRECT = "claim.correct"
    CLAIM_LINK_SOURCE = "claim.link_source"
    CLAIM_UNLINK_SOURCE = "claim.unlink_source"
    VERDICT_DRAFT = "verdict.draft"
    VERDICT_SEND_BACK = "verdict.send_back"
    VERDICT_PUBLISH = "verdict.publish"
    VERDICT_REUSE = "verdict.reuse"
    GROUP_MERGE = "group.merge"
    GROUP_SPLIT = "group.split"
    MATCH_DISMISS = "match.dismiss"
    DATASET_IMPORT = "dataset.import"
    USER_CREATE = "user.create"
    USER_ROLE = "user.role"
    USER_DEACTIVATE = "user.deactivate"
    USER_REACTIVATE = "user.reactivate"
    USER_PASSWORD = "user.password"
    USER_PASSWORD_CHANGE = "user.password_change"
    USER_TOKEN = "user.token"
    USER_TOKEN_REVOKE = "user.token_revoke"


def enum_column(enum_cls: type[enum.Enum], length: int | None = None, **kwargs) -> sa.Enum:
    """A portable VARCHAR enum storing each member's value, not its name."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=length or max(len(m.value) for m in enum_cls) + 4,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
        **kwargs,
    )
