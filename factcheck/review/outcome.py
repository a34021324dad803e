"""Run a service call for a view: commit on success, flash the outcome either way."""
from typing import Callable

from flask import flash

from ..extensions import db
from .errors import ReviewError


def run_and_flash(action: Callable[[], object], success_message: str) -> bool:
    """Call ``action``; commit and flash success, or roll back and flash why. True if done."""
    try:
        action()
    except ReviewError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return False
    db.session.commit()
    flash(success_message, "success")
    return True
