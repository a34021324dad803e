"""Committing a submission and handing it to the worker: the one place a request commits twice.

The worker reads the document from the database, so its job may only exist once the document
is committed: commit, queue, then commit what queueing changed (a document the queue could
not take is extracted here or marked waiting). Views of the browser and of the API call it.
"""
from typing import Callable

from flask import Flask
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from .services import Submitted, queue_extraction


def dispatch(done: Submitted, app: Flask) -> Submitted:
    """Commit; a document for the worker is queued only once it is committed (it reads it)."""
    db.session.commit()
    if done.queue:
        done = queue_extraction(done, app)
        db.session.commit()
    return done


def submit(service: Callable[[], Submitted], app: Flask) -> Submitted:
    """Run a submission service and dispatch what it did.

    Two colleagues who bring in the same text at the same moment both find it new; the
    database's unique index on the text's hash lets one of them store it. The other's write
    fails (at a flush or at the commit): it is rolled back and the service runs once more,
    finds the colleague's document and answers as for any text already stored.
    """
    try:
        return dispatch(service(), app)
    except IntegrityError:
        db.session.rollback()
        return dispatch(service(), app)
