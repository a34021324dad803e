"""Errors the review services raise; views turn them into messages."""
from typing import Optional


class ReviewError(ValueError):
    """An action that the workflow does not allow now; the message says why.

    ``field`` names the input at fault when one is (the API reports it as a field error).
    """

    def __init__(self, message, field: Optional[str] = None):
        super().__init__(message)
        self.field = field


class NotPermitted(ReviewError):
    """The workflow refuses this person, whatever their role: an author reviewing their own
    verdict."""


class EditConflict(Exception):
    """Someone saved the object since this form was loaded."""

    def __init__(self, current, last_change=None):
        super().__init__("edited by someone else")
        self.current = current
        self.last_change = last_change


# SQLSTATEs with which the database ends one of two crossing transactions: a deadlock, a
# serialization failure. The other one's write went through: answer as to a stale form (409).
LOST_RACE = ("40P01", "40001")


def lost_race(exc: Exception) -> bool:
    """Whether a database error says this transaction lost a race to a colleague's."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in LOST_RACE
