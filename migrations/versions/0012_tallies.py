"""Running counts for the status tabs and the dashboard: claims per status, language and
kind; claims per creation day; verdicts per status and rating.

Revision ID: 0012_tallies
Revises: 0011_text_search
Create Date: 2026-12-02 20:40:00

Triggers append a row of +n or -n to a tally table for every insert, delete, and change of a
counted column (``factcheck/models/tally.py``); SQLite's fire per row, PostgreSQL's once per
statement over its transition tables, with one row per key. Rows are only ever added, so two
writers never wait on a shared counter. The tables start with the counts of the rows there.
"""
from dataclasses import dataclass

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0012_tallies'
down_revision = '0011_text_search'
branch_labels = None
depends_on = None


@dataclass(frozen=True)
class Tally:
    name: str
    table: str
    key: dict  # tally column -> SQL over a row of ``table``, "{r}" standing for the row

    def columns(self) -> str:
        return ", ".join(self.key)

    def values(self, row: str) -> str:
        return ", ".join(expr.format(r=row) for expr in self.key.values())


def _tallies(dialect: str) -> tuple[Tally, ...]:
    day = "date({r}.created_at)" if dialect == "sqlite" else "CAST({r}.created_at AS date)"
    return (
        Tally("claim_tallies", "claims", {
            "status": "{r}.status", "language": "{r}.language",
            "has_figure": "{r}.has_figure", "has_attribution": "{r}.has_attribution"}),
        Tally("claim_day_tallies", "claims", {"day": day}),
        Tally("verdict_tallies", "verdicts", {"status": "{r}.status",
                                              "rating_id": "{r}.rating_id"}),
    )


def _create_tables() -> None:
    claim_status = sa.Enum("new", "in_review", "verdict_drafted", "published", "dismissed",
                           name="claimstatus", native_enum=False, length=19)
    verdict_status = sa.Enum("draft", "sent_back", "approved", "published", "superseded",
                             name="verdictstatus", native_enum=False, length=14)
    op.create_table(
        "claim_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", claim_status, nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("has_figure", sa.Boolean(), nullable=False),
        sa.Column("has_attribution", sa.Boolean(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_tallies")),
    )
    op.create_table(
        "claim_day_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_day_tallies")),
    )
    op.create_table(
        "verdict_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", verdict_status, nullable=False),
        sa.Column("rating_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdict_tallies")),
    )


def _sqlite_triggers(t: Tally):
    columns = t.columns()
    add = f"INSERT INTO {t.name} ({columns}, n) VALUES ({t.values('new')}, 1);"
    remove = f"INSERT INTO {t.name} ({columns}, n) VALUES ({t.values('old')}, -1);"
    counted = [c for c in t.key.values() if "created_at" not in c]  # the day never changes
    changed = " OR ".join(f"{c.format(r='old')} IS NOT {c.format(r='new')}" for c in counted)
    of = ", ".join(c.format(r="x")[2:] for c in counted)
    yield f"{t.name}_ai", f"AFTER INSERT ON {t.table}", add
    yield f"{t.name}_ad", f"AFTER DELETE ON {t.table}", remove
    if counted:
        yield f"{t.name}_au", f"AFTER UPDATE OF {of} ON {t.table} WHEN {changed}", remove + add


def _pg_triggers(t: Tally):
    columns = t.columns()

    def insert(select: str) -> str:
        return (f"INSERT INTO {t.name} ({columns}, n) SELECT {columns}, sum(n) FROM ({select}) "
                f"AS changes GROUP BY {columns} HAVING sum(n) <> 0")
    named = ", ".join(f"{expr.format(r='r')} AS {col}" for col, expr in t.key.items())
    added = f"SELECT {named}, 1 AS n FROM new_rows r"
    removed = f"SELECT {named}, -1 AS n FROM old_rows r"
    yield f"{t.name}_ins", "INSERT", "NEW TABLE AS new_rows", insert(added)
    yield f"{t.name}_del", "DELETE", "OLD TABLE AS old_rows", insert(removed)
    if all("created_at" in expr for expr in t.key.values()):
        return  # the creation day never changes
    yield (f"{t.name}_upd", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
           insert(f"{added} UNION ALL {removed}"))


def upgrade():
    _create_tables()
    dialect = op.get_bind().dialect.name
    for t in _tallies(dialect):
        if dialect == "postgresql":
            for name, event, transition, body in _pg_triggers(t):
                op.execute(f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {body};
  RETURN NULL;
END $$""")
                op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {t.table} "
                           f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {name}()")
        else:
            for name, when, body in _sqlite_triggers(t):
                op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
        named = ", ".join(f"{expr.format(r='r')} AS {col}" for col, expr in t.key.items())
        op.execute(f"INSERT INTO {t.name} ({t.columns()}, n) SELECT {t.columns()}, count(*) "
                   f"FROM (SELECT {named} FROM {t.table} r) AS rows GROUP BY {t.columns()}")


def downgrade():
    dialect = op.get_bind().dialect.name
    for t in _tallies(dialect):
        if dialect == "postgresql":
            for name, _, _, _ in _pg_triggers(t):
                op.execute(f"DROP TRIGGER IF EXISTS {name} ON {t.table}")
                op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            for name, _, _ in _sqlite_triggers(t):
                op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("verdict_tallies")
    op.drop_table("claim_day_tallies")
    op.drop_table("claim_tallies")
