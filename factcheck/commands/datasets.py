"""``flask export`` and ``flask import``: claim datasets to and from files."""
import sys

import click
from flask import current_app

from ..auth.services import find_user
from ..datasets.formats import FORMATS
from ..datasets.queries import ExportFilters, FilterError
from ..datasets.services import DatasetError, count_export, export_chunks, import_dataset
from ..extensions import db

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


@click.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--user", "email", required=True,
              help="The account imported verdicts, sources and corrections are recorded under.")
def import_command(file, email):
    """Load an exported JSONL dataset; nothing already here is duplicated.

    Every line is checked first: one bad line and nothing is written.
    """
    actor = find_user(email)
    if actor is None or not actor.active:
        raise click.UsageError(f"--user: no active account {email}")
    try:
        report = import_dataset(file, actor)
        db.session.commit()
    except DatasetError as exc:
        db.session.rollback()
        for problem in exc.problems:
            click.echo(f"error: {file.name}: {problem}", err=True)
        raise SystemExit(1) from None
    except UnicodeDecodeError as exc:
        db.session.rollback()
        click.echo(f"error: {file.name}: not UTF-8 text (byte {exc.start}); export files are "
                   "UTF-8 JSON Lines", err=True)
        raise SystemExit(1) from None
    click.echo(f"{report.claims} claims imported ({report.present} already here), "
               f"{report.documents} documents, {report.groups} claim groups, "
               f"{report.sources} sources, {report.verdicts} verdicts.")
