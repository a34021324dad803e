"""Errors the tracking services raise; views turn them into messages or a 409."""


class TrackingError(ValueError):
    """A merge, split, dismissal or reuse that cannot be done; the message says why."""


class GroupChanged(Exception):
    """The group changed since the form was loaded (a colleague merged, split or dismissed)."""

    def __init__(self, group):
        super().__init__("claim group changed")
        self.group = group
