"""Internal records built by the database itself, as JSON text: the fast path of JSONL exports.

Python builds a record from six queries' rows at a few thousand claims a second; PostgreSQL
(``json_build_object``) and SQLite (its JSON functions, built in since 3.38) build the same
object (``records.internal_record``'s shape, same keys and values) and hand over one line of
text per claim, which is written as it is. One statement is written for both, from the pieces
of SQL where the two differ (``_Dialect``). ``tests/datasets/test_db_records.py`` checks that
the database and Python give the same records.

PostgreSQL also keeps the records it built (``claim_records``, migration 0010, where triggers
keep each claim's ``record_rev``): an export reads the current ones back as they are, several
times faster than building them, and builds and stores the others (``export_lines``).
"""
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

import psycopg
import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from . import queries
from .records import NORMALISED_RATINGS, SCHEMA_VERSION


@dataclass(frozen=True)
class _Child:
    """Rows of another table that a record holds: a list of objects, or one object (the
    first in ``order``)."""

    name: str  # the record's key
    many: bool
    object: str  # "{obj}(...)" over the table's alias and c, the claim
    table: str  # "figures f"
    key: str  # the column naming the claim: "f.claim_id"
    order: str
    index: str = ""  # SQLite: the index whose order is ``order`` (see SQLITE)
    joins: str = ""
    where: str = ""


@dataclass(frozen=True)
class _Dialect:
    """The SQL that differs between the engines."""

    object: str  # the function that builds a JSON object from key, value, ...
    iso: Callable[[str], str]  # a timestamp as datetime.isoformat() writes it
    json_column: Callable[[str], str]  # a JSON column, {} when it holds nothing
    boolean: Callable[[str], str]  # an SQL condition as JSON true/false
    child: Callable[[_Child], str]  # a child's value in the record
    as_text: str  # appended to the record: JSON handed over as text
    members: str  # "c.id is one of the ids parameter"
    ids: Callable[[list[int]], object]  # the ids parameter's value


def _pg_iso(column: str) -> str:
    return (f"CASE WHEN {column} IS NULL THEN NULL "
            f"WHEN date_trunc('second', {column}) = {column} "
            f"THEN to_char({column}, 'YYYY-MM-DD\"T\"HH24:MI:SS') "
            f"ELSE to_char({column}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') END")


def _sqlite_iso(column: str) -> str:
    # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff"; isoformat drops a zero fraction.
    return (f"CASE WHEN {column} IS NULL THEN NULL "
            f"WHEN length({column}) = 19 OR substr({column}, 20) = '.000000' "
            f"THEN replace(substr({column}, 1, 19), ' ', 'T') "
            f"ELSE replace({column}, ' ', 'T') END")


def _and(where: str) -> str:
    return f" AND {where}" if where else ""


def _pg_child(ch: _Child) -> str:
    where = f"WHERE {ch.key} = c.id{_and(ch.where)}"
    if ch.many:
        return (f"COALESCE((SELECT json_agg({ch.object} ORDER BY {ch.order}) "
                f"FROM {ch.table} {ch.joins} {where}), '[]'::json)")
    return f"(SELECT {ch.object} FROM {ch.table} {ch.joins} {where} ORDER BY {ch.order} LIMIT 1)"


def _pg_array(ids: list[int]) -> str:
    """The ids as an array literal: the driver's own list adapter costs a tenth of a warm
    export."""
    return "{" + ",".join(map(str, ids)) + "}"


# Each child is a subquery per claim, through the index on its claim column. (Gathering
# each child for a whole batch at once, joined by claim id, measured slower on PostgreSQL:
# the planner reads whole tables for 2,000 claims.)
POSTGRESQL = _Dialect(
    object="json_build_object",
    iso=_pg_iso,
    json_column=lambda column: (f"CASE WHEN {column} IS NULL OR {column}::text = 'null' "
                                f"THEN '{{}}'::json ELSE {column} END"),
    boolean=lambda condition: f"({condition})",
    child=_pg_child,
    as_text="::text",
    members="c.id = ANY(%(ids)s::int[])",
    ids=_pg_array,
)


def _sqlite_child(ch: _Child) -> str:
    where = f"WHERE {ch.key} = c.id{_and(ch.where)}"
    if ch.many:
        return (f"(SELECT json_group_array({ch.object}) FROM {ch.table} "
                f"INDEXED BY {ch.index} {ch.joins} {where})")
    # A sorted subquery hands its object over as text: json() makes it JSON again.
    return (f"json((SELECT {ch.object} FROM {ch.table} {ch.joins} {where} "
            f"ORDER BY {ch.order} LIMIT 1))")


# json_group_array has no ORDER
# BY before 3.44 (Debian 12 has 3.40): it takes the rows in the order it visits them, so the
# table is read through the index whose order is the one wanted (INDEXED BY, an error if the
# index were missing), by equality on its first column, hence in the order of the next ones
# and then of the rowid. An ordered subquery in between would cost a sort and a second parse
# of every item: JSON that comes out of a FROM subquery is text again.
SQLITE = _Dialect(
    object="json_object",
    iso=_sqlite_iso,
    json_column=lambda column: (f"CASE WHEN {column} IS NULL OR {column} = 'null' "
                                f"THEN json_object() ELSE json({column}) END"),
    boolean=lambda condition: f"json(CASE WHEN {condition} THEN 'true' ELSE 'false' END)",
    child=_sqlite_child,
    as_text="",
    members="c.id IN (SELECT value FROM json_each(:ids))",
    ids=json.dumps,
)

DIALECTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def _kinds(d: _Dialect) -> str:
    if d is POSTGRESQL:
        return ("array_to_json(array_remove(ARRAY["
                "CASE WHEN c.has_figure THEN 'figure' END, "
                "CASE WHEN c.has_attribution THEN 'attribution' END], NULL))")
    return ("CASE WHEN c.has_figure AND c.has_attribution "
            "THEN json_array('figure', 'attribution') "
            "WHEN c.has_figure THEN json_array('figure') "
            "WHEN c.has_attribution THEN json_array('attribution') ELSE json_array() END")


_NORMALISED = "CASE r.score " + " ".join(
    f"WHEN {score} THEN '{name}'" for score, name in NORMALISED_RATINGS.items()) \
    + " ELSE 'other' END"


def _children(d: _Dialect) -> list[_Child]:
    obj = d.object
    return [
        _Child("figures", True, f"""{obj}(
            'label', 'figure', 'text', f.text, 'start', f.start_char - c.start_char,
            'end', f.end_char - c.start_char, 'value', f.value, 'value_low', f.value_low,
            'value_high', f.value_high, 'unit', f.unit, 'qualifier', f.qualifier,
            'origin', f.origin)""",
               "figures f", "f.claim_id", "f.start_char, f.id", "ix_figures_claim_start"),
        _Child("attribution", False, f"""{obj}(
            'label', 'attribution', 'speaker', a.speaker,
            'speaker_start', CASE WHEN a.speaker_end IS NOT NULL
                                  THEN a.speaker_start - c.start_char END,
            'speaker_end', CASE WHEN a.speaker_start IS NOT NULL
                                THEN a.speaker_end - c.start_char END,
            'cue', a.cue,
            'cue_start', CASE WHEN a.cue_end IS NOT NULL THEN a.cue_start - c.start_char END,
            'cue_end', CASE WHEN a.cue_start IS NOT NULL THEN a.cue_end - c.start_char END,
            'start', a.start_char - c.start_char, 'end', a.end_char - c.start_char,
            'origin', a.origin)""",
               "attributions a", "a.claim_id", "a.id"),
        _Child("sources", True, f"""{obj}(
            'url', s.url, 'title', s.title, 'publisher', s.publisher,
            'published_at', {d.iso('s.published_at')}, 'archived_url', s.archived_url,
            'stance', cs.stance, 'excerpt', cs.excerpt, 'note', cs.note)""",
               "claim_sources cs", "cs.claim_id", "cs.id", "ix_claim_sources_claim",
               joins="JOIN sources s ON s.id = cs.source_id"),
        _Child("verdict", False, f"""{obj}(
            'rating', r.key, 'rating_label_fr', r.label_fr, 'rating_label_en', r.label_en,
            'rating_normalised', {_NORMALISED}, 'rationale_md', v.rationale_md,
            'status', v.status, 'published_at', {d.iso('v.published_at')},
            'first_published_at', (
                SELECT {d.iso('min(p.published_at)')} FROM verdicts p
                WHERE p.claim_id = v.claim_id AND p.published_at IS NOT NULL),
            'corrects_earlier', {d.boolean('v.corrects_id IS NOT NULL')})""",
               "verdicts v", "v.claim_id", "v.status = 'published' DESC, v.id DESC",
               joins="JOIN ratings r ON r.id = v.rating_id", where="v.status <> 'superseded'"),
        _Child("corrections", True, f"""{obj}(
            'corrected_at', {d.iso('e.created_at')},
            'before', {d.json_column('e.before')}, 'after', {d.json_column('e.after')})""",
               "audit_entries e", "e.target_id", "e.id", "ix_audit_entries_target",
               where="e.target_type = 'claims' AND e.action = 'claim.correct'"),
    ]


@lru_cache(maxsize=None)
def statement(dialect: str) -> str:
    """The SELECT giving, per claim of the ids in id order, its id, its ``record_rev`` and its
    record's JSON text, which ends with ``"exported_at"`` set to null (see ``_stamped``)."""
    d = DIALECTS[dialect]
    obj = d.object
    children = {ch.name: ch for ch in _children(d)}
    value = {name: d.child(ch) for name, ch in children.items()}
    return f"""SELECT c.id, c.record_rev, {obj}(
  'schema_version', {SCHEMA_VERSION},
  'id', c.id,
  'public_id', c.public_id,
  'group_id', (SELECT g.public_id FROM claim_groups g WHERE g.id = c.group_id),
  'status', c.status,
  'dismissal_reason', c.dismissal_reason,
  'language', c.language,
  'sentence', c.sentence,
  'normalised_text', c.normalized_text,
  'kinds', {_kinds(d)},
  'checkworthiness', c.checkworthiness,
  'document_start', c.start_char,
  'document_end', c.end_char,
  'figures', {value['figures']},
  'attribution', {value['attribution']},
  'document', {obj}(
      'id', d.id, 'content_hash', d.content_hash, 'title', d.title, 'url', d.url,
      'publisher', d.publisher, 'published_at', {d.iso('d.published_at')},
      'language', d.language),
  'sources', {value['sources']},
  'verdict', {value['verdict']},
  'corrections', {value['corrections']},
  'created_at', {d.iso('c.created_at')},
  'updated_at', {d.iso('c.updated_at')},
  'exported_at', NULL
){d.as_text}
FROM claims c
JOIN documents d ON d.id = c.document_id
WHERE {d.members}
ORDER BY c.id
"""


def available() -> bool:
    """True when the session's database can build records itself."""
    dialect = db.session.get_bind().dialect.name
    return dialect == "postgresql" or (dialect == "sqlite" and _sqlite_nests_json())


@lru_cache(maxsize=1)
def _sqlite_nests_json() -> bool:
    """Whether this SQLite keeps JSON as JSON when it comes out of a scalar subquery (the
    statement relies on it; where it does not, the Python records are used). Asked once per
    process: it depends on the library, not on the database."""
    try:
        found = db.session.connection().exec_driver_sql(
            "SELECT json_object('a', (SELECT json_group_array(json_object('b', 1))))"
        ).scalar()
    except sa.exc.OperationalError:  # a build without JSON functions
        found = None
    return found == '{"a":[{"b":1}]}'


def export_lines(filters, audience: str, exported_at: str) -> Iterator[str]:
    """The records of the claims ``filters`` match for ``audience``, as JSON texts in id
    order: on PostgreSQL the stored ones where current, the others built (and stored); on
    SQLite all built."""
    lines = _stored_lines if db.session.get_bind().dialect.name == "postgresql" else record_lines
    return lines(queries.claim_id_batches(filters, audience), exported_at)


def record_lines(id_batches, exported_at: str) -> Iterator[str]:
    """One JSON text per claim, built for each batch of claim ids, in id order.

    The statement runs on the driver's own cursor, in the session's transaction: the lines
    are text already, and SQLAlchemy's result rows would cost a third of the time."""
    dialect = db.session.get_bind().dialect.name
    stamp = json.dumps(exported_at)
    cursor = _cursor(dialect)
    try:
        for ids in id_batches:
            for _, _, line in _build(cursor, dialect, ids):
                yield _stamped(line, stamp)
    finally:
        cursor.close()


# The id range beside the ids makes both tables read as index ranges (the ids alone: a
# sequential scan of the claims for each batch). Reading the records in the query that
# picks the ids (a join) measured slower: SQLAlchemy's rows of long text.
_CURRENT = """SELECT c.id, r.line FROM claims c
LEFT JOIN claim_records r ON r.claim_id = c.id AND r.rev = c.record_rev
  AND r.claim_id BETWEEN %(first)s AND %(last)s
WHERE c.id = ANY(%(ids)s::int[]) AND c.id BETWEEN %(first)s AND %(last)s
ORDER BY c.id"""


def _stored_lines(id_batches, exported_at: str) -> Iterator[str]:
    """PostgreSQL: each batch's stored current records, the missing ones built now."""
    stamp = json.dumps(exported_at)
    cursor, store = _cursor("postgresql"), _Store()
    try:
        for ids in id_batches:
            cursor.execute(_CURRENT, {"ids": _pg_array(ids), "first": min(ids),
                                      "last": max(ids)})
            rows = cursor.fetchall()
            missing = [claim_id for claim_id, line in rows if line is None]
            fresh = _fresh(cursor, store, missing) if missing else {}
            for claim_id, line in rows:
                if line is None:
                    line = fresh.get(claim_id)
                    if line is None:  # deleted meanwhile
                        continue
                yield _stamped(line, stamp)
    finally:
        cursor.close()
        store.close()


def _cursor(dialect: str):
    cursor = db.session.connection().connection.cursor()
    if dialect == "postgresql":
        # The planner prices a batch high enough to compile it (JIT), which takes longer
        # than running it: a third of the time on 2,000 claims. Until the transaction ends.
        cursor.execute("SET LOCAL jit = off")
    return cursor


_NULL_END = "null}"


def _stamped(line: str, stamp: str) -> str:
    """The record with its ``exported_at`` (its last key, built null) set."""
    return line[:-len(_NULL_END)] + stamp + "}"


def _build(cursor, dialect: str, ids: list[int]):
    cursor.execute(statement(dialect), {"ids": DIALECTS[dialect].ids(ids)})
    while rows := cursor.fetchmany(500):
        yield from rows


def _fresh(cursor, store: "_Store", missing: list[int]) -> dict[int, str]:
    """The records of these claims, built now: stored by ``store`` where it can."""
    fresh = store.build(missing)
    left = [claim_id for claim_id in missing if claim_id not in fresh]
    if left:  # not stored (see _Store): built in the export's own transaction
        fresh.update((claim_id, line) for claim_id, _, line in _build(cursor, "postgresql", left))
    return fresh


class _Store:
    """Builds records and stores them in ``claim_records`` in one statement, batch by batch,
    each in a short transaction of its own connection: storing must neither wait on the
    export's transaction nor hold locks until the export ends. Best effort: what it cannot
    build or store now (a claim not committed yet, a record another export stored meanwhile,
    a lock held elsewhere) the export builds itself. A record built before its claim changed
    carries the older revision, so it is never taken for current (the claim's ``record_rev``
    is raised in the same transaction as the change)."""

    def __init__(self) -> None:
        self.connection = None
        self.failed = False

    @staticmethod
    @lru_cache(maxsize=1)
    def sql() -> str:
        return (f"INSERT INTO claim_records (claim_id, rev, line)\n"
                f"SELECT * FROM ({statement('postgresql')}) AS built\n"
                "ON CONFLICT (claim_id) DO UPDATE SET rev = EXCLUDED.rev, line = EXCLUDED.line\n"
                "WHERE claim_records.rev < EXCLUDED.rev\n"
                "RETURNING claim_id, line")

    def build(self, ids: list[int]) -> dict[int, str]:
        """The records of these claims that were built and stored, by claim id."""
        if self.failed:
            return {}
        try:
            if self.connection is None:
                self.connection = db.engine.raw_connection()
            cursor = self.connection.cursor()
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            cursor.execute(self.sql(), {"ids": _pg_array(ids)})
            stored = dict(cursor.fetchall())
            cursor.close()
            self.connection.commit()
            return stored
        except (sa.exc.DBAPIError, psycopg.Error) as exc:  # raw connection: driver errors
            self.failed = True
            current_app.logger.warning("export records not stored: %s", exc)
            self.close()
            return {}

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.rollback()
            finally:
                self.connection.close()
                self.connection = None
