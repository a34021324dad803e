"""``flask tracking rebuild``: sign and match every claim again (after migrating a database)."""
import click

from ..extensions import db
from ..tracking.services import rebuild_tracking


@click.group("tracking")
def tracking_group():
    """Claim tracking across documents: groups, matches."""


@tracking_group.command("rebuild")
def rebuild():
    """Re-sign and re-match every claim, keeping reviewers' merges, splits and dismissals."""
    count = rebuild_tracking()
    db.session.commit()
    click.echo(f"{count} claims matched and filed in groups.")
