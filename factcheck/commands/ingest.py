"""``flask ingest FILE...``: documents and their claims from text files."""
import sys
from pathlib import Path

import click

from ..documents.services import LANGUAGES, ingest_text, title_from_text
from ..extensions import db
from ..extraction import ExtractionError, decode_bytes

MAX_FILE_BYTES = 5 * 1024 * 1024


@click.command("ingest")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default="auto", show_default=True)
@click.option("--title", default=None, help="Title (default: the file's first line).")
@click.option("--url", default=None, help="Where the article was published.")
@click.option("--publisher", default=None, help="Who published it.")
def ingest_command(files: tuple[Path, ...], lang: str, title: str | None, url: str | None,
                   publisher: str | None):
    """Store each FILE as a document with its claims, one transaction per file."""
    done, failures = [], []
    with click.progressbar(files, label="Ingesting", show_pos=True, file=sys.stderr,
                           item_show_func=lambda p: p.name if p else "") as bar:
        for path in bar:
            try:
                done.append(_ingest_one(path, lang, title, url, publisher))
            except (OSError, ExtractionError, ValueError) as exc:
                db.session.rollback()
                failures.append(f"{path}: {exc}")
    for line in done:
        click.echo(line)
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    if failures:
        raise SystemExit(1)


def _ingest_one(path: Path, lang: str, title: str | None, url: str | None,
                publisher: str | None) -> str:
    """Ingest one file and commit; returns the line to print."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    text = decode_bytes(path.read_bytes())
    document, created = ingest_text(text, title or title_from_text(text, path.stem),
                                    language=lang, url=url, publisher=publisher)
    db.session.commit()
    if not created:
        return f"{path}: already ingested as document {document.id}"
    return f"{path}: document {document.id}, {len(document.claims)} claims ({document.language})"
