"""Text search, the same way everywhere: the engines' own full-text indexes (migration 0011).

What a user types is cut into words, without case or accents ("SÉOUL", "seoul" and "Séoul"
are one word; "10 000" is two, and "10000" finds a figure of that value); a row matches when
each word starts a word of its text (all of them; wildcards are plain text), or for words of
one or two letters, is one. SQLite answers
from FTS5 tables, PostgreSQL from tsvectors through GIN indexes. Three indexes: claims
(sentence, the reviewer's wording, the speaker, figure values), sources (address, title,
publisher) and published checks (the published wording, speaker and figures, never a draft).
``contains`` stays for short lists where a substring is wanted (users in the admin pages).
"""
import re
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa

from .extensions import db

MAX_WORDS = 8
MAX_WORD = 40
# Words this short match whole words only: as prefixes, "de" would match "des", "deux",
# "depuis"... and cost a scan of much of the index.
SHORT = 2
_WORD = re.compile(r"[^\W_]+")
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})  # as unaccent writes them


@dataclass(frozen=True)
class _Index:
    name: str

    def fts(self):
        return sa.table(f"{self.name}_fts", sa.column("rowid"), sa.column("body"))

    def pg(self):
        return sa.table(f"{self.name}_search", sa.column("key"), sa.column("body"))


CLAIMS, SOURCES, CHECKS = _Index("claim_text"), _Index("source_text"), _Index("check_text")


def words(text: str) -> list[str]:
    """The words searched for: lower case, no accents, in order, without repeats.

    One-letter words ("l" of "l'agence") are left out when longer ones are there: each would
    match a large part of the index.
    """
    folded = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    found = list(dict.fromkeys(w[:MAX_WORD] for w in _WORD.findall(folded)))
    longer = [w for w in found if len(w) > 1 or w.isdigit()]
    return (longer or found)[:MAX_WORDS]


def matching(index: _Index, text: str, ranked: bool = False) -> sa.Select:
    """The keys of the rows whose text has every word of ``text`` (no rows for no words);
    ``ranked`` adds a ``rank`` column, lower for better matches."""
    found = words(text)
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        table = index.pg()
        query = sa.func.to_tsquery("simple", " & ".join(
            f"{w}:*" if len(w) > SHORT else w for w in found) or "x")
        columns = [table.c.key.label("key")]
        if ranked:
            columns.append((-sa.func.ts_rank(table.c.body, query)).label("rank"))
        select = sa.select(*columns).where(table.c.body.op("@@")(query))
    else:
        table = index.fts()
        # Every word quoted: what is typed is never FTS5 syntax.
        query = " ".join(f'"{w}"*' if len(w) > SHORT else f'"{w}"' for w in found)
        columns = [table.c.rowid.label("key")]
        if ranked:
            columns.append(sa.func.bm25(sa.literal_column(table.name)).label("rank"))
        select = sa.select(*columns).where(sa.literal_column(table.name).op("MATCH")(query))
    return select if found else select.where(sa.false())


def contains(column, text: str):
    """Case-insensitive "column contains text"; % and _ in ``text`` match themselves.

    On SQLite, LIKE already ignores ASCII case (as its lower() does) and is faster than the
    lower(...) LIKE lower(...) that ilike() becomes there.
    """
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if db.engine.dialect.name == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")
