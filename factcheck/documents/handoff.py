"""Committing a submission and handing it to the worker: the one place a request commits twice.

The worker reads the document from the database, so its job may only exist once the document
is committed: commit, queue, then commit what queueing changed (a document the queue could
not take is extracted here or marked waiting). Views of the browser and of the API call it.
"""
from flask import Flask

from ..extensions import db
from .services import Submitted, queue_extraction


def dispatch(done: Submitted, app: Flask) -> Submitted:
    """Commit; a document for the worker is queued only once it is committed (it reads it)."""
    db.session.commit()
    if done.queue:
        done = queue_extraction(done, app)
        db.session.commit()
    return done
