"""Where a document's extraction stands, in words the reader understands."""
from typing import Optional

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..jobs import JobState, job_state
from ..models import Document, ExtractionProblem, ExtractionStatus

WAITING = (ExtractionStatus.PENDING, ExtractionStatus.RUNNING)
PROBLEM_MESSAGES = {
    ExtractionProblem.ERROR: _l("Finding the claims of this document stopped on an error."),
    ExtractionProblem.TIMEOUT: _l("Finding the claims of this document took too long and "
                                  "was stopped."),
    ExtractionProblem.WORKER_LOST: _l("The worker finding the claims of this document stopped "
                                      "in the middle (restarted, or out of memory)."),
    ExtractionProblem.RETRYING: _l("A first attempt failed; it will be tried again shortly."),
    ExtractionProblem.QUEUE_UNAVAILABLE: _l("The extraction queue could not be reached when "
                                            "this document was added."),
    ExtractionProblem.TOO_LONG: _l("This document is too long to find its claims while you "
                                   "wait, and no background worker is configured."),
}
QUEUE_MESSAGES = {
    "queued": _l("Waiting for a worker…"),
    "scheduled": _l("A first attempt failed; it will be tried again shortly."),
    "unavailable": _l("The extraction queue cannot be reached just now; this page keeps "
                      "checking."),
    "off": _l("No background worker is configured to find the claims of this document."),
}
LOST = _l("The extraction job was lost (the queue was emptied, or its worker stopped).")


def extraction_state(document: Document, app: Flask) -> Optional[JobState]:
    """The job's state while the document waits for its claims, else None."""
    return job_state(app, document) if document.extraction_status in WAITING else None


def is_stalled(document: Document, state: Optional[JobState]) -> bool:
    """True when nothing will ever finish this extraction unless someone retries it."""
    if document.extraction_status is ExtractionStatus.FAILED:
        return True
    return state is not None and not state.live and state.queue != "unavailable"


def extraction_message(document: Document, state: Optional[JobState]) -> str:
    """One sentence on why the claims are not there (empty when all goes well)."""
    if document.extraction_status is ExtractionStatus.DONE:
        return ""
    if document.extraction_status is ExtractionStatus.FAILED:
        return str(PROBLEM_MESSAGES.get(document.extraction_problem,
                                        _l("Finding the claims of this document failed.")))
    if state is None or state.queue == "started":
        return ""
    if state.queue in QUEUE_MESSAGES:
        return str(QUEUE_MESSAGES[state.queue])
    if document.extraction_problem in PROBLEM_MESSAGES:
        return str(PROBLEM_MESSAGES[document.extraction_problem])
    return str(LOST)


def extraction_report(document: Document, app: Flask, technical: bool) -> dict:
    """The JSON the waiting page polls; ``technical`` adds the raw error (administrators)."""
    state = extraction_state(document, app)
    done = document.extraction_status is ExtractionStatus.DONE
    return {
        "status": document.extraction_status.value,
        "claims": len(document.claims),
        "progress": 1.0 if done else (state.progress if state else None),
        "queue": state.queue if state else None,
        "stalled": is_stalled(document, state),
        "message": extraction_message(document, state),
        "problem": document.extraction_problem.value if document.extraction_problem else None,
        "error": document.extraction_error if technical else None,
    }
