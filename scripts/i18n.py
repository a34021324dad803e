"""Translation catalogue chores: ``python scripts/i18n.py check|fill-en``.

``check`` exits non-zero when a French or English message is missing or fuzzy;
``fill-en`` copies each English msgid into its msgstr (the source language is English).
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
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
