"""Errors the review services raise; views turn them into messages."""


class ReviewError(ValueError):
    """An action that the workflow does not allow now; the message says why."""


class EditConflict(Exception):
    """Someone saved the object since this form was loaded."""

    def __init__(self, current, last_change=None):
        super().__init__("edited by someone else")
        self.current = current
        self.last_change = last_change
