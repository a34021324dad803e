"""Command line: ``python -m factcheck extract FILE [--lang auto|fr|en]`` prints JSONL claims."""

from __future__ import annotations

import argparse
import json
import sys

from .decoding import decode_bytes
from .models import ExtractionError


def add_parser(sub) -> None:
    """Register the ``extract`` sub-command."""
    ex = sub.add_parser("extract", help="print the claims of a text file as JSON lines")
    ex.add_argument("file", help="text file to read, or - for standard input")
    ex.add_argument("--lang", choices=["auto", "fr", "en"], default="auto")
    ex.set_defaults(func=run_extract)


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``extract`` alone (``factcheck.cli`` adds the other tools)."""
    parser = argparse.ArgumentParser(prog="python -m factcheck", description="factcheck tools")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def run_extract(args: argparse.Namespace) -> int:
    """Decode the file, extract, print one JSON object per claim; exit status 2 on bad input."""
    from .pipeline import extract

    try:
        text = decode_bytes(_read(args.file))
    except (OSError, ExtractionError) as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    for claim in extract(text, args.lang):
        out.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    return 0


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m factcheck``."""
    args = build_parser().parse_args(argv)
    return args.func(args)
