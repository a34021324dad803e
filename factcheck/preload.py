"""Loading the extraction models when a server or worker starts, not on the first ingest.

spaCy's French pipeline and the matcher's lexicon take seconds to load; loaded lazily, the
first article pasted after a start waited for them with no sign of progress. Gunicorn workers
load them before they accept a request (``post_worker_init`` in gunicorn.conf.py), the RQ
worker before it forks its first work-horse (``flask worker``), and ``make run`` in a
background thread as soon as the app is built (``PRELOAD_MODELS=1``): an ingest arriving
meanwhile waits for that load instead of starting a second one (``extraction.loader``).
"""
import logging
import threading
import time
from typing import Optional

from flask import Flask

log = logging.getLogger(__name__)


def warm_models() -> float:
    """Load every supported language's pipeline and the matcher's lexicon; seconds taken."""
    from .documents.batch import warm
    from .extraction.lang import SUPPORTED

    began = time.monotonic()
    warm(set(SUPPORTED))
    spent = time.monotonic() - began
    log.info("extraction models loaded in %.1f s", spent)
    return spent


def preload_in_background(app: Flask) -> Optional[threading.Thread]:
    """With ``PRELOAD_MODELS``, start loading the models in a thread of their own."""
    if not app.config.get("PRELOAD_MODELS"):
        return None
    thread = threading.Thread(target=warm_models, daemon=True, name="preload-models")
    thread.start()
    app.extensions["preload"] = thread
    return thread
