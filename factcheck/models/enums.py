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


def enum_column(enum_cls: type[enum.Enum], **kwargs) -> sa.Enum:
    """A portable VARCHAR enum storing each member's value, not its name."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=max(len(m.value) for m in enum_cls) + 4,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
        **kwargs,
    )
