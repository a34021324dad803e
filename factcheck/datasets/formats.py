"""Dataset formats: each writer turns a stream of records into a stream of text chunks.

- ``jsonl``: one record per line (``pandas.read_json(path, lines=True)``,
  ``datasets.load_dataset("json", data_files=path)``).
- ``csv``: one row per claim, lists flattened as docs/dataset.md says; cells a spreadsheet
  would run as a formula are escaped.
- ``claimreview``: a JSON array of schema.org ClaimReview objects (published claims only).
- ``datafeed``: the same items in a schema.org DataFeed, the shape aggregators ingest.
"""
import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

CHUNK = 64 * 1024  # bytes of text gathered before a chunk is handed on


@dataclass(frozen=True)
class Format:
    """How one format is named, served and written."""

    name: str
    extension: str
    mimetype: str
    published_only: bool  # ClaimReview exists for published verdicts only


FORMATS = {
    "jsonl": Format("jsonl", "jsonl", "application/x-ndjson", False),
    "csv": Format("csv", "csv", "text/csv", False),
    "claimreview": Format("claimreview", "json", "application/json", True),
    "datafeed": Format("datafeed", "json", "application/json", True),
}


def encode(record: dict) -> str:
    """One record as compact JSON, non-ASCII characters kept."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def chunked(pieces: Iterable[str]) -> Iterator[str]:
    buffer, size = [], 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def write_jsonl(records: Iterable[dict]) -> Iterator[str]:
    """JSON Lines."""
    return chunked(encode(r) + "\n" for r in records)


# CSV: the columns, in order, and how each is read from a record.
def _join(values: Iterable[Any]) -> str:
    return " | ".join("" if v is None else str(v) for v in values)


def _value(number) -> str:
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _speaker(r):
    return (r.get("attribution") or {}).get("speaker")


def _cue(r):
    return (r.get("attribution") or {}).get("cue")


def _verdict(key):
    return lambda r: (r.get("verdict") or {}).get(key)


CSV_COLUMNS: dict[str, Callable[[dict], Any]] = {
    "schema_version": lambda r: r["schema_version"],
    "public_id": lambda r: r["public_id"],
    "group_id": lambda r: r.get("group_id"),
    "status": lambda r: r["status"],
    "language": lambda r: r.get("language"),
    "sentence": lambda r: r["sentence"],
    "normalised_text": lambda r: r.get("normalised_text"),
    "kinds": lambda r: _join(r["kinds"]),
    "checkworthiness": lambda r: r.get("checkworthiness"),
    "figures": lambda r: _join(f["text"] for f in r["figures"]),
    "figure_values": lambda r: _join(_value(f.get("value")) for f in r["figures"]),
    "figure_units": lambda r: _join(f.get("unit") for f in r["figures"]),
    "figure_qualifiers": lambda r: _join(f.get("qualifier") for f in r["figures"]),
    "speaker": _speaker,
    "cue": _cue,
    "document_title": lambda r: r["document"].get("title"),
    "document_url": lambda r: r["document"].get("url"),
    "document_publisher": lambda r: r["document"].get("publisher"),
    "document_published_at": lambda r: r["document"].get("published_at"),
    "source_urls": lambda r: _join(s["url"] for s in r["sources"]),
    "source_stances": lambda r: _join(s["stance"] for s in r["sources"]),
    "rating": _verdict("rating"),
    "rating_label_fr": _verdict("rating_label_fr"),
    "rating_label_en": _verdict("rating_label_en"),
    "rating_normalised": _verdict("rating_normalised"),
    "verdict_status": _verdict("status"),
    "rationale_md": _verdict("rationale_md"),
    "published_at": _verdict("published_at"),
    "created_at": lambda r: r.get("created_at"),
    "updated_at": lambda r: r.get("updated_at"),
}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def write_csv(records: Iterable[dict], bom: bool = False) -> Iterator[str]:
    """CSV with a header row; ``bom`` starts the text with U+FEFF for older spreadsheets."""
    def rows() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if bom:
            out.write("\ufeff")
        writer.writerow(CSV_COLUMNS)
        for record in records:
            writer.writerow([safe_cell(read(record)) for read in CSV_COLUMNS.values()])
            if out.tell() >= CHUNK:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()
    return (chunk for chunk in rows() if chunk)


def write_claimreview(reviews: Iterable[dict]) -> Iterator[str]:
    """A JSON array of ClaimReview objects."""
    def pieces():
        yield "["
        for index, review in enumerate(reviews):
            yield ("," if index else "") + encode(review)
        yield "]\n"
    return chunked(pieces())


def write_datafeed(reviews: Iterable[dict], header: dict) -> Iterator[str]:
    """A schema.org DataFeed whose ``dataFeedElement`` holds the ClaimReview objects."""
    opening = encode(header)[:-1]
    def pieces():
        yield opening + ',"dataFeedElement":['
        for index, review in enumerate(reviews):
            yield ("," if index else "") + encode(review)
        yield "]}\n"
    return chunked(pieces())
