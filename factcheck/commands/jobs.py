"""``flask jobs requeue``: queue again the extractions a dead worker or lost queue left."""
import click
from flask import current_app

from ..documents.services import (
    QueueUnavailable,
    Submitted,
    queue_extraction,
    requeue_check,
    restart_extraction,
    stuck_documents,
)
from ..extensions import db


@click.group("jobs")
def jobs_group():
    """Background extraction jobs."""


@jobs_group.command("requeue")
def requeue_command():
    """Re-queue every pending, running or failed extraction that has no live job."""
    queued = 0
    try:
        for document in stuck_documents(current_app):
            how, needed = requeue_check(document, current_app)
            if needed:
                restart_extraction(document, None)
                db.session.commit()  # the worker reads the document: commit, then queue
                queue_extraction(Submitted(document, "", queue=True), current_app)
                db.session.commit()
                queued += 1
            click.echo(f"document {document.id}: {how}: "
                       f"{'queued again' if needed else 'left alone'}")
    except QueueUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{queued} extraction(s) queued again.")
