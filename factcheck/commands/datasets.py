"""``flask export`` and ``flask import``: claim datasets to and from files."""
import sys

import click
from flask import current_app

from ..datasets.formats import FORMATS
from ..datasets.queries import ExportFilters, FilterError
from ..datasets.services import count_export, export_chunks

DEFAULT_BASE_URL = "http://127.0.0.1:5000"


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="jsonl",
              show_default=True)
@click.option("--status", default="", help="A claim status, or 'open'.")
@click.option("--rating", default="", help="A rating key of the current verdict (false...).")
@click.option("--language", default="", help="fr or en.")
@click.option("--since", default="", help="Claims added on or after this day (YYYY-MM-DD).")
@click.option("--until", default="", help="Claims added on or before this day (YYYY-MM-DD).")
@click.option("--document", default="", help="One document's id.")
@click.option("--group", default="", help="One claim group's public id.")
@click.option("--kind", default="", help="figure or attribution.")
@click.option("--public", is_flag=True,
              help="Only what visitors may export: published claims, as published.")
@click.option("--bom", is_flag=True, help="Start a CSV with a byte-order mark.")
@click.option("--locale", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the ClaimReview rating names.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True),
              default="-", help="File to write (default: standard output).")
def export_command(fmt, status, rating, language, since, until, document, group, kind,
                   public, bom, locale, output):
    """Write claims as JSONL, CSV, ClaimReview or a ClaimReview DataFeed."""
    try:
        filters = ExportFilters.parse({"status": status, "rating": rating,
                                       "language": language, "since": since, "until": until,
                                       "document": document, "group": group, "kind": kind})
    except FilterError as exc:
        raise click.UsageError(str(exc)) from None
    audience = "public" if public else "internal"
    total = count_export(fmt, filters, audience)
    base_url = current_app.config["PUBLIC_BASE_URL"] or DEFAULT_BASE_URL
    with current_app.test_request_context(base_url=base_url), \
            click.progressbar(length=total, label=f"Exporting {total} claims", file=sys.stderr,
                              show_pos=True) as bar:
        for chunk in export_chunks(fmt, filters, audience, bom=bom, locale=locale,
                                   on_progress=bar.update):
            output.write(chunk)
    output.close()
    click.echo(f"{total} claims exported ({fmt}).", err=True)
