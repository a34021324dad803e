"""``python -m factcheck match PAIRS.jsonl`` (or ``-``): the relation of each pair of sentences.

Input lines: ``{"id": …, "a": {"text": …, "lang": "fr"|"en"|"auto"}, "b": {…}}``. Output, one
line per pair, in input order: ``{"id": …, "relation": "same"|"conflict"|"different",
"score": float}``. A bad line gets one error line on standard error naming its number; the
other lines are still answered and the exit status is 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Optional, TextIO

from .compare import compare
from .signature import signature

LANGS = ("fr", "en", "auto")
MAX_TEXT = 5000


class BadPair(ValueError):
    """A line that is not a pair of sentences."""


def add_parser(sub) -> None:
    """Register the ``match`` sub-command."""
    p = sub.add_parser("match", help="label pairs of claim sentences: same, conflict, different")
    p.add_argument("file", help="JSON lines of pairs, or - for standard input")
    p.set_defaults(func=run_match)


def run_match(args: argparse.Namespace) -> int:
    """Answer every pair of the file; exit status 2 when a line is bad or the file unreadable."""
    try:
        stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")
    except OSError as exc:
        print(f"error: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        return match_lines(stream, sys.stdout, sys.stderr)
    except UnicodeDecodeError:
        print(f"error: {args.file}: not UTF-8 text", file=sys.stderr)
        return 2
    finally:
        if stream is not sys.stdin:
            stream.close()


def match_lines(lines, out: TextIO, err: TextIO) -> int:
    """Write one answer per good line to ``out``, one error per bad line to ``err``."""
    status = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            pair_id, a, b = parse_pair(line)
        except BadPair as exc:
            err.write(f"error: line {number}: {exc}\n")
            status = 2
            continue
        result = compare(signature(a[0], a[1]), signature(b[0], b[1]))
        out.write(json.dumps({"id": pair_id, "relation": result.relation,
                              "score": result.score}, ensure_ascii=False) + "\n")
    out.flush()
    return status


def parse_pair(line: str) -> tuple[Any, tuple[str, str], tuple[str, str]]:
    """(id, (text, lang) of a, (text, lang) of b) of one input line, or BadPair."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadPair(f"not JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise BadPair("expected a JSON object with id, a and b")
    if "id" not in data or isinstance(data["id"], (dict, list)) or data["id"] is None:
        raise BadPair('missing "id" (a string or a number)')
    return data["id"], _side(data, "a"), _side(data, "b")


def _side(data: dict, key: str) -> tuple[str, str]:
    side: Optional[Any] = data.get(key)
    if not isinstance(side, dict):
        raise BadPair(f'"{key}" must be an object with "text" and "lang"')
    text, lang = side.get("text"), side.get("lang", "auto")
    if not isinstance(text, str) or not text.strip():
        raise BadPair(f'"{key}.text" must be a non-empty string')
    if len(text) > MAX_TEXT:
        raise BadPair(f'"{key}.text" is longer than {MAX_TEXT} characters (one sentence)')
    if lang not in LANGS:
        raise BadPair(f'"{key}.lang" must be one of {", ".join(LANGS)}')
    return text, lang
