"""Running one service call for a view: commit once, or roll back and say why."""
from typing import Callable, Optional

from flask import current_app, flash
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from ...extensions import db
from ..errors import EditConflict, ReviewError, lost_race

# Someone else's write won: a version check (ours or the database's) or a unique index.
CONFLICTS = (EditConflict, StaleDataError, IntegrityError)


def attempt(action: Callable[[], object]) -> Optional[int]:
    """Call ``action`` and commit; None when done, else the status after rolling back.

    400: the workflow refused (the reason is flashed); 409: someone else changed the same
    thing first (the view shows what they did).
    """
    try:
        action()
        db.session.commit()
    except ReviewError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return 400
    except CONFLICTS:
        db.session.rollback()
        return 409
    except OperationalError as exc:
        if not lost_race(exc):
            raise
        db.session.rollback()  # the colleague's write went through: answer as to a stale form
        current_app.logger.warning("write given up after a %s: %s", exc.orig.sqlstate,
                                   str(exc.orig).splitlines()[0])
        return 409
    return None


def run_and_flash(action: Callable[[], object], success_message: str) -> Optional[int]:
    """Like ``attempt``, flashing the success or a conflict too."""
    failed = attempt(action)
    if failed == 409:
        flash(_("Someone else changed this at the same moment. Reload the page and try again."),
              "error")
    elif failed is None:
        flash(success_message, "success")
    return failed
