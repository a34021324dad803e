"""Full-text search on the engines' own indexes: claims, sources and published checks; an
index of verdicts by status and publication date (/checks, feeds, the dashboard), and one by
rating (the queue's rating filter).

Revision ID: 0011_text_search
Revises: 0010_stored_records
Create Date: 2026-12-02 17:30:00

Each index holds one text per row of its table, written by triggers from the row and the rows
it shows (a claim's sentence, the reviewer's wording, the speaker and its figures' values as
plain numbers, so "10000" finds "10 000"). SQLite keeps it in an FTS5 table (``*_fts``, the
unicode61 tokenizer without diacritics); PostgreSQL in a table of tsvectors (``*_search``)
with a GIN index, made by the ``simple`` configuration from the text without accents
(``unaccent``) and with ASCII punctuation turned into spaces, so both engines split words
alike: "Séoul", "SEOUL" and "seoul" are one word, "l'agence" two. ``factcheck/search.py``
asks them. Triggers refresh a row's entry by deleting it and writing it again from the
current rows (nothing when the row is gone or no longer qualifies).
"""
from dataclasses import dataclass

from alembic import op


# revision identifiers, used by Alembic.
revision = '0011_text_search'
down_revision = '0010_stored_records'
branch_labels = None
depends_on = None


@dataclass(frozen=True)
class Watch:
    """A table whose writes change entries: ``key`` names the entry's row in it."""

    table: str
    key: str
    columns: tuple = ()  # updates of these columns only (all updates when empty)
    delete: bool = True


@dataclass(frozen=True)
class Index:
    name: str
    table: str
    alias: str
    key: str
    body: dict  # dialect -> SQL over the alias
    watches: tuple
    where: str = ""  # rows that have an entry


def _sqlite_number(v: str) -> str:
    return (f"CASE WHEN {v} = CAST({v} AS INTEGER) THEN CAST(CAST({v} AS INTEGER) AS TEXT) "
            f"ELSE printf('%.6g', {v}) END")


def _pg_number(v: str) -> str:
    return f"trim_scale(round(({v})::numeric, 6))::text"


def _join(*parts: str) -> str:
    return " || ' ' || ".join(f"coalesce({p}, '')" for p in parts)


def _claim_body(dialect: str) -> str:
    number, agg = ((_sqlite_number, "group_concat({}, ' ')") if dialect == "sqlite"
                   else (_pg_number, "string_agg({}, ' ')"))
    return _join(
        "c.sentence", "c.normalized_text",
        f"(SELECT {agg.format('a.speaker')} FROM attributions a WHERE a.claim_id = c.id)",
        f"(SELECT {agg.format(number('f.value'))} FROM figures f "
        "WHERE f.claim_id = c.id AND f.value IS NOT NULL)")


def _check_body(dialect: str) -> str:
    if dialect == "sqlite":
        return _join(
            "json_extract(v.published_content, '$.wording')",
            "json_extract(v.published_content, '$.speaker')",
            "(SELECT group_concat(" + _sqlite_number("json_extract(j.value, '$.value')")
            + ", ' ') FROM json_each(v.published_content, '$.figures') j "
            "WHERE json_extract(j.value, '$.value') IS NOT NULL)")
    return _join(
        "v.published_content ->> 'wording'", "v.published_content ->> 'speaker'",
        "(SELECT string_agg(" + _pg_number("(j ->> 'value')::float8") + ", ' ') "
        "FROM json_array_elements(CASE WHEN json_typeof(v.published_content -> 'figures') "
        "= 'array' THEN v.published_content -> 'figures' END) j "
        "WHERE j ->> 'value' IS NOT NULL)")


_SOURCE_BODY = _join("s.url", "s.title", "s.publisher")
INDEXES = (
    Index("claim_text", "claims", "c", "id",
          {"sqlite": _claim_body("sqlite"), "postgresql": _claim_body("postgresql")},
          (Watch("claims", "id", ("sentence", "normalized_text")),
           Watch("attributions", "claim_id"), Watch("figures", "claim_id"))),
    Index("source_text", "sources", "s", "id",
          {"sqlite": _SOURCE_BODY, "postgresql": _SOURCE_BODY},
          (Watch("sources", "id", ("url", "title", "publisher")),)),
    Index("check_text", "verdicts", "v", "id",
          {"sqlite": _check_body("sqlite"), "postgresql": _check_body("postgresql")},
          (Watch("verdicts", "id", ("published_content",)),),
          where="v.published_content IS NOT NULL AND "
                "CAST(v.published_content AS TEXT) <> 'null'"),
)


# SQLite ----------------------------------------------------------------------------------

def _sqlite_fold(text: str) -> str:
    # unicode61 strips accents but keeps ligatures whole; the query side writes them apart.
    for ligature, letters in (("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"),
                             ("ß", "ss")):
        text = f"replace({text}, '{ligature}', '{letters}')"
    return text


def _sqlite_refresh(ix: Index, key: str) -> str:
    where = f" AND {ix.where}" if ix.where else ""
    return (f"DELETE FROM {ix.name}_fts WHERE rowid = {key}; "
            f"INSERT INTO {ix.name}_fts (rowid, body) "
            f"SELECT {ix.alias}.{ix.key}, {_sqlite_fold(ix.body['sqlite'])} "
            f"FROM {ix.table} {ix.alias} WHERE {ix.alias}.{ix.key} = {key}{where};")


def _sqlite_triggers(ix: Index):
    for w in ix.watches:
        of = f" OF {', '.join(w.columns)}" if w.columns else ""
        yield f"{ix.name}_{w.table}_ai", f"AFTER INSERT ON {w.table}", f"new.{w.key}"
        yield f"{ix.name}_{w.table}_au", f"AFTER UPDATE{of} ON {w.table}", f"new.{w.key}"
        yield f"{ix.name}_{w.table}_ad", f"AFTER DELETE ON {w.table}", f"old.{w.key}"


def _sqlite_upgrade(ix: Index) -> None:
    op.execute(f"CREATE VIRTUAL TABLE {ix.name}_fts USING fts5(body, "
               "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')")
    for name, when, key in _sqlite_triggers(ix):
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {_sqlite_refresh(ix, key)} END")
    where = f" WHERE {ix.where}" if ix.where else ""
    op.execute(f"INSERT INTO {ix.name}_fts (rowid, body) SELECT {ix.alias}.{ix.key}, "
               f"{_sqlite_fold(ix.body['sqlite'])} FROM {ix.table} {ix.alias}{where}")


def _sqlite_downgrade(ix: Index) -> None:
    for name, _, _ in _sqlite_triggers(ix):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {ix.name}_fts")


# PostgreSQL ------------------------------------------------------------------------------

# ASCII punctuation, as spaces: the default parser would keep "3.5" or "kcna.kp" as one token.
_PG_PUNCTUATION = r"'[!-/:-@\[-`{-~]+'"


def _pg_vector(body: str) -> str:
    return (f"to_tsvector('simple', regexp_replace(lower(unaccent({body})), "
            f"{_PG_PUNCTUATION}, ' ', 'g'))")


def _pg_triggers(ix: Index):
    """(name, table, event, transition tables, the entries' keys as a SELECT)."""
    for w in ix.watches:
        new, old = f"SELECT {w.key} FROM new_rows", f"SELECT {w.key} FROM old_rows"
        yield f"{ix.name}_{w.table}_ins", w.table, "INSERT", "NEW TABLE AS new_rows", new
        if w.columns:
            changed = " OR ".join(f"n.{c}::text IS DISTINCT FROM o.{c}::text" for c in w.columns)
            keys = (f"SELECT n.{w.key} FROM new_rows n JOIN old_rows o ON o.id = n.id "
                    f"WHERE {changed}")
        else:
            keys = f"{new} UNION {old}"
        yield (f"{ix.name}_{w.table}_upd", w.table, "UPDATE",
               "OLD TABLE AS old_rows NEW TABLE AS new_rows", keys)
        if w.table != ix.table:  # the entry of a deleted row goes with it (foreign key)
            yield f"{ix.name}_{w.table}_del", w.table, "DELETE", "OLD TABLE AS old_rows", old


def _pg_upgrade(ix: Index) -> None:
    op.execute(f"CREATE TABLE {ix.name}_search ("
               f"key integer PRIMARY KEY REFERENCES {ix.table} ({ix.key}) ON DELETE CASCADE, "
               "body tsvector NOT NULL)")
    op.execute(f"CREATE INDEX {ix.name}_search_body ON {ix.name}_search USING gin (body)")
    where = f" AND {ix.where}" if ix.where else ""
    op.execute(f"""
CREATE OR REPLACE FUNCTION {ix.name}_refresh(keys integer[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM {ix.name}_search WHERE key = ANY(keys);
  INSERT INTO {ix.name}_search (key, body)
  SELECT {ix.alias}.{ix.key}, {_pg_vector(ix.body['postgresql'])}
  FROM {ix.table} {ix.alias} WHERE {ix.alias}.{ix.key} = ANY(keys){where};
$$""")
    for name, table, event, transition, keys in _pg_triggers(ix):
        op.execute(f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM {ix.name}_refresh(ARRAY({keys}));
  RETURN NULL;
END $$""")
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                   f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {name}()")
    op.execute(f"INSERT INTO {ix.name}_search (key, body) SELECT {ix.alias}.{ix.key}, "
               f"{_pg_vector(ix.body['postgresql'])} FROM {ix.table} {ix.alias}"
               + (f" WHERE {ix.where}" if ix.where else ""))


def _pg_downgrade(ix: Index) -> None:
    for name, table, _, _, _ in _pg_triggers(ix):
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.execute(f"DROP TABLE IF EXISTS {ix.name}_search")
    op.execute(f"DROP FUNCTION IF EXISTS {ix.name}_refresh(integer[])")


def upgrade():
    op.create_index("ix_verdicts_status_published", "verdicts", ["status", "published_at", "id"])
    op.create_index("ix_verdicts_rating_claim", "verdicts", ["rating_id", "claim_id"])
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for ix in INDEXES:
        (_pg_upgrade if dialect == "postgresql" else _sqlite_upgrade)(ix)


def downgrade():
    dialect = op.get_bind().dialect.name
    for ix in reversed(INDEXES):
        (_pg_downgrade if dialect == "postgresql" else _sqlite_downgrade)(ix)
    op.drop_index("ix_verdicts_rating_claim", "verdicts")
    op.drop_index("ix_verdicts_status_published", "verdicts")
