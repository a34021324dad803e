"""``python -m factcheck``: the command line tools that need no database.

``extract FILE`` prints a text's claims (``extraction.cli``); ``match PAIRS`` labels pairs of
claim sentences (``tracking.matching.cli``).
"""

from __future__ import annotations

import argparse

from .extraction import cli as extraction_cli
from .tracking.matching import cli as matching_cli


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser with one sub-command per tool."""
    parser = argparse.ArgumentParser(prog="python -m factcheck", description="factcheck tools")
    sub = parser.add_subparsers(dest="command", required=True)
    extraction_cli.add_parser(sub, html_reader=_main_text)
    matching_cli.add_parser(sub)
    return parser


def _main_text(html: str) -> str:
    """An HTML page's main text, as the web app reads uploads and fetched pages."""
    from .documents.reading import read_html

    return read_html(html).text


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m factcheck``."""
    args = build_parser().parse_args(argv)
    return args.func(args)
