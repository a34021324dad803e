"""Translation catalogue chores: ``python scripts/i18n.py check|fill-en|set-fr FILE``.

``check`` exits non-zero when a French or English message is missing or fuzzy;
``fill-en`` copies each English msgid into its msgstr (the source language is English);
``set-fr FILE`` sets French translations from a file of ``English<TAB>French`` lines
(``-`` reads standard input), for messages already in the catalogue.
"""
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUES = Path(__file__).resolve().parent.parent / "factcheck" / "translations"


def catalogue_path(locale: str) -> Path:
    """Where the .po file of ``locale`` lives."""
    return CATALOGUES / locale / "LC_MESSAGES" / "messages.po"


def missing(locale: str) -> list[str]:
    """Message ids with no translation (or a fuzzy one) in ``locale``."""
    with catalogue_path(locale).open("rb") as handle:
        catalog = read_po(handle)
    gaps = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def fill_english() -> None:
    """Make the English catalogue complete: each message translates to itself."""
    path = catalogue_path("en")
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            message.string = message.id
            message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)


def set_french(lines: list[str]) -> list[str]:
    """Set French msgstrs from ``English\tFrench`` lines; returns the ids not in the catalogue."""
    path = catalogue_path("fr")
    with path.open("rb") as handle:
        catalog = read_po(handle)
    unknown = []
    for line in lines:
        if not line.strip() or "\t" not in line:
            continue
        english, french = line.rstrip("\n").split("\t", 1)
        message = catalog.get(english)
        if message is None or isinstance(message.id, tuple):
            unknown.append(english)
            continue
        message.string = french
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return unknown


def main(argv: list[str]) -> int:
    """Entry point."""
    if argv[1:] == ["fill-en"]:
        fill_english()
        return 0
    if argv[1:] == ["check"]:
        problems = {loc: missing(loc) for loc in ("fr", "en")}
        for locale, ids in problems.items():
            for msgid in ids:
                print(f"{locale}: no translation for {msgid!r}")
        return 1 if any(problems.values()) else 0
    if len(argv) == 3 and argv[1] == "set-fr":
        source = sys.stdin if argv[2] == "-" else open(argv[2], encoding="utf-8")
        with source:
            unknown = set_french(source.readlines())
        for msgid in unknown:
            print(f"fr: {msgid!r} is not in the catalogue (run make translations first)")
        return 1 if unknown else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
