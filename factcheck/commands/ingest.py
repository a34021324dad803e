"""``flask ingest FILE...``: documents and their claims from text files, in batches.

The files of a window are read and decoded first; their text goes through one ``nlp.pipe`` per
language across every file (``--workers`` processes), and the documents are stored as their
extraction finishes, committed ``--batch-size`` at a time. Each document is all or nothing:
when a batch fails to store, it is rolled back and stored again one document per commit, so
only the document at fault is reported and missing.
"""
import sys
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import click
from sqlalchemy.exc import SQLAlchemyError

from ..documents.batch import extract_texts
from ..documents.services import (
    LANGUAGES,
    Extracted,
    ingest_extracted,
    normalise_text,
    title_from_text,
)
from ..extensions import db
from ..extraction import ExtractionError, decode_bytes
from ..extraction.language import resolve_lang
from ..tracking import index

MAX_FILE_BYTES = 5 * 1024 * 1024
WINDOW = 2000  # files read, extracted and stored together (bounds memory on huge runs)


@dataclass
class _File:
    """A file read and decoded, waiting for its claims."""

    path: Path
    text: str
    title: str
    language: str


@click.command("ingest")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default="auto", show_default=True)
@click.option("--title", default=None, help="Title (default: the file's first line).")
@click.option("--url", default=None, help="Where the article was published.")
@click.option("--publisher", default=None, help="Who published it.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=50, show_default=True,
              help="Documents stored per commit.")
@click.option("--workers", type=click.IntRange(1, 32), default=1, show_default=True,
              help="Extraction processes.")
def ingest_command(files: tuple[Path, ...], lang: str, title: Optional[str],
                   url: Optional[str], publisher: Optional[str], batch_size: int,
                   workers: int):
    """Store each FILE as a document with its claims; each document is all or nothing."""
    with click.progressbar(length=len(files), label="Ingesting", show_pos=True,
                           file=sys.stderr) as bar:
        run = _Run(url, publisher, bar, batch_size)
        for start in range(0, len(files), WINDOW):
            read: dict[int, _File] = {}
            for i, path in enumerate(files[start:start + WINDOW], start=start):
                try:
                    read[i] = _read(path, lang, title)
                except (OSError, ValueError) as exc:  # ExtractionError is a ValueError
                    run.failures[i] = f"{path}: {exc}"
                    bar.update(1)
            run.ingest(read, workers)
    for i in sorted(run.lines):
        click.echo(run.lines[i])
    for i in sorted(run.failures):
        click.echo(f"error: {run.failures[i]}", err=True)
    if run.failures:
        raise SystemExit(1)


def _read(path: Path, lang: str, title: Optional[str]) -> _File:
    """The file's text, title and language; OSError or ValueError when it cannot be used."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    text = normalise_text(decode_bytes(path.read_bytes()))
    if not text.strip():
        raise ExtractionError("the file holds no text")
    return _File(path, text, title or title_from_text(text, path.stem), resolve_lang(text, lang))


class _Run:
    """What one ``flask ingest`` has stored and refused so far, by file position."""

    def __init__(self, url: Optional[str], publisher: Optional[str], bar, batch_size: int):
        self.url, self.publisher, self.bar, self.batch_size = url, publisher, bar, batch_size
        self.lines: dict[int, str] = {}
        self.failures: dict[int, str] = {}
        self.indexed = 0  # claims indexed since the search statistics were last renewed

    def ingest(self, read: dict[int, _File], workers: int) -> None:
        """Extract the files read (by position) and store them as their batches fill."""
        order = list(read)
        found = extract_texts([read[i].text for i in order], [read[i].language for i in order],
                              workers=workers, batch_size=self.batch_size)
        batch: list[tuple[int, _File, Extracted]] = []
        try:
            for k, claims, signatures, error in found:
                item = read.pop(order[k])
                if error is not None:
                    self.failures[order[k]] = f"{item.path}: {error}"
                    self.bar.update(1)
                    continue
                batch.append((order[k], item, Extracted(item.text, item.title, item.language,
                                                        claims, signatures)))
                if len(batch) >= self.batch_size:
                    self.store(batch)
                    batch = []
        except BrokenProcessPool as exc:  # a worker was killed: the rest is not extracted
            for i, item in read.items():
                self.failures[i] = f"{item.path}: not extracted, a worker stopped ({exc})"
            self.bar.update(len(read))
        if batch:
            self.store(batch)

    def store(self, batch: list[tuple[int, _File, Extracted]]) -> None:
        """Store and commit a batch; on failure, again one document per commit."""
        try:
            stored = self._ingest([extracted for _, _, extracted in batch])
            done = {i: _line(item, *result)
                    for (i, item, _), result in zip(batch, stored, strict=True)}
            db.session.commit()
            self.lines.update(done)
        except (SQLAlchemyError, ValueError):
            db.session.rollback()
            for i, item, extracted in batch:
                try:
                    [result] = self._ingest([extracted])
                    line = _line(item, *result)
                    db.session.commit()
                    self.lines[i] = line
                except (SQLAlchemyError, ValueError) as exc:
                    db.session.rollback()
                    self.failures[i] = f"{item.path}: {_reason(exc)}"
        self.bar.update(len(batch))
        self.indexed += sum(len(extracted.claims) for _, _, extracted in batch)
        if index.refresh_statistics(self.indexed):  # keep the matcher's searches bounded
            db.session.commit()
            self.indexed = 0

    def _ingest(self, items: list[Extracted]):
        return ingest_extracted(items, url=self.url, publisher=self.publisher)


def _line(item: _File, document, created: bool) -> str:
    if not created:
        return f"{item.path}: already ingested as document {document.id}"
    return f"{item.path}: document {document.id}, {len(document.claims)} claims " \
           f"({document.language})"


def _reason(exc: Exception) -> str:
    if isinstance(exc, SQLAlchemyError):
        return f"could not be stored ({type(getattr(exc, 'orig', None) or exc).__name__})"
    return str(exc)
