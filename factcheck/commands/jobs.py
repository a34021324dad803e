"""``flask jobs requeue``: queue again the extractions a dead worker or lost queue left."""
import click
from flask import current_app

from ..documents.services import QueueUnavailable, requeue_extractions


@click.group("jobs")
def jobs_group():
    """Background extraction jobs."""


@jobs_group.command("requeue")
def requeue_command():
    """Re-queue every pending, running or failed extraction that has no live job."""
    try:
        lines = requeue_extractions(current_app)
    except QueueUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    for line in lines:
        click.echo(line)
    click.echo(f"{sum('queued again' in line for line in lines)} extraction(s) queued again.")
