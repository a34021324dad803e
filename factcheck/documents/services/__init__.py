"""Document services: storing texts with their claims, submissions, retries, re-queueing.

``store`` writes documents and claims; ``intake`` decides where a submission is extracted
(in the request or by the worker) and handles retries; ``ingest`` is the command line's path.
All of them flush and never commit.
"""
from .ingest import LANGUAGES, Extracted, ingest_extracted, ingest_text, title_from_text
from .intake import (
    MAX_TEXT_CHARS,
    NewDocument,
    QueueUnavailable,
    Submitted,
    TooLongToExtract,
    queue_extraction,
    requeue_check,
    restart_extraction,
    retry_extraction,
    stuck_documents,
    submit_document,
)
from .store import (
    DuplicateDocument,
    add_document,
    content_hash,
    extract_claims,
    find_by_text,
    mark_extraction,
    normalise_text,
    store_claims,
)

__all__ = ["LANGUAGES", "Extracted", "MAX_TEXT_CHARS", "DuplicateDocument", "NewDocument",
           "QueueUnavailable", "Submitted",
           "TooLongToExtract", "add_document", "content_hash", "extract_claims",
           "find_by_text", "ingest_extracted", "ingest_text", "mark_extraction", "normalise_text",
           "queue_extraction", "requeue_check", "restart_extraction", "retry_extraction",
           "store_claims", "stuck_documents", "submit_document", "title_from_text"]
