"""``flask corrections export``: reviewers' fixes of the extraction, as JSONL."""
import json

import click

from ..review.queries import corrections


@click.group("corrections")
def corrections_group():
    """Reviewers' corrections of extracted figures, speakers and wording."""


@corrections_group.command("export")
@click.argument("output", type=click.File("w", encoding="utf-8"), default="-")
def export(output):
    """Write every correction as one JSON object per line to OUTPUT (default: stdout)."""
    count = 0
    for record in corrections():
        output.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    click.echo(f"{count} corrections exported.", err=True)
