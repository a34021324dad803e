"""Command line: ``python -m factcheck extract FILE [--lang auto|fr|en] [--format auto|text|html]
[--text-out FILE]`` prints JSONL claims.

A text of any length is extracted in pieces cut at paragraph ends (``chunking``), a few at a
time, and each claim is printed as its piece is done, so memory stays bounded. With ``--lang
auto`` a paragraph clearly in the other language (an English quote in a French article) is
read in that language. Offsets index the text as decoded; for HTML, the page's main text,
which ``--text-out`` writes out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import PurePath
from typing import Callable, Optional

from .decoding import decode_bytes
from .lang import SUPPORTED
from .models import ExtractionError

HtmlReader = Callable[[str], str]  # an HTML page to its main text; ValueError if it has none
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PIECES_PER_BATCH = 1  # pieces parsed at a time: 290 MB peak for 1.7 MB of text (4: 515 MB)
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def add_parser(sub, html_reader: Optional[HtmlReader] = None) -> None:
    """Register the ``extract`` sub-command; ``html_reader`` turns HTML into its main text
    (the web app's reader: ``factcheck.cli`` passes it in, extraction knows no HTML)."""
    ex = sub.add_parser("extract", help="print the claims of a text file as JSON lines")
    ex.add_argument("file", help="text or HTML file to read, or - for standard input")
    ex.add_argument("--lang", choices=["auto", *SUPPORTED], default="auto")
    ex.add_argument("--format", choices=["auto", "text", "html"], default="auto",
                    help="auto: HTML by the file's suffix (.html, .htm) or its first tag")
    ex.add_argument("--text-out", metavar="FILE",
                    help="write the text the offsets index (for HTML, the page's main text)")
    ex.set_defaults(func=run_extract, html_reader=html_reader)


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``extract`` alone (``factcheck.cli`` adds the other tools)."""
    parser = argparse.ArgumentParser(prog="python -m factcheck", description="factcheck tools")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def run_extract(args: argparse.Namespace) -> int:
    """Decode the file, extract, print one JSON object per claim; exit status 2 on bad input."""
    from .chunking import claims_by_chunk

    try:
        text = decode_bytes(_read(args.file))
        if _is_html(args.file, text, args.format):
            text = _main_text(text, getattr(args, "html_reader", None))
        if args.text_out:
            with open(args.text_out, "w", encoding="utf-8") as fh:
                fh.write(text)
    except (OSError, ValueError) as exc:  # ExtractionError and unreadable pages are ValueErrors
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    # --lang auto: the text's language, and another one for paragraphs clearly in it
    for claim in claims_by_chunk(text, args.lang, batch_size=PIECES_PER_BATCH):
        out.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    return 0


def _is_html(path: str, text: str, fmt: str) -> bool:
    if fmt != "auto":
        return fmt == "html"
    return PurePath(path).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:4096]))


def _main_text(html: str, reader: Optional[HtmlReader]) -> str:
    if reader is None:
        raise ExtractionError("HTML input needs the app's reader (run python -m factcheck)")
    return reader(html)


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m factcheck``."""
    args = build_parser().parse_args(argv)
    return args.func(args)
