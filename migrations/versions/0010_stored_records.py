"""Stored export records on PostgreSQL, kept current by a revision number per claim.

Revision ID: 0010_stored_records
Revises: 0009_export_order_indexes
Create Date: 2026-12-02 14:20:00

PostgreSQL builds a claim's record (factcheck/datasets/db_records.py) at about 12,000 claims a
second; reading it back as stored text is several times faster. ``claims.record_rev`` counts
the changes to everything a record holds: triggers raise it when the claim row changes and
when a row of its figures, attribution, source links, verdicts or correction entries is
written, or its document, group, a linked source or a rating used by its verdict is edited.
``claim_records`` keeps each claim's record text with the revision it was built from; an
export uses a stored record only when the two revisions agree, and builds (and stores) the
others. SQLite builds every record on the fly (fast enough there): the column exists on both
engines, the triggers on PostgreSQL only.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0010_stored_records'
down_revision = '0009_export_order_indexes'
branch_labels = None
depends_on = None

BUMP = "UPDATE claims SET record_rev = record_rev + 1 WHERE id IN"

# Statement-level triggers over the rows the statement wrote (transition tables), so that a
# flush of many rows raises each claim's revision in one UPDATE. PostgreSQL allows a
# transition table on one event per trigger: one trigger per event.
# table -> the claims whose records a written row changes, as SELECTs over "rows"
CHILDREN = {table: "SELECT claim_id FROM {rows}"
            for table in ("figures", "attributions", "claim_sources", "verdicts")}
PARENTS = {  # rows several claims' records show: edits only
    "documents": "SELECT c.id FROM claims c JOIN {rows} r ON c.document_id = r.id",
    "claim_groups": "SELECT c.id FROM claims c JOIN {rows} r ON c.group_id = r.id",
    "sources": "SELECT cs.claim_id FROM claim_sources cs JOIN {rows} r ON cs.source_id = r.id",
    "ratings": "SELECT v.claim_id FROM verdicts v JOIN {rows} r ON v.rating_id = r.id",
}
CORRECTIONS = ("SELECT target_id FROM {rows} "
               "WHERE target_type = 'claims' AND action = 'claim.correct'")


def _triggers():
    """(table, event, transition tables, the claims concerned) of every trigger."""
    for table, claims in CHILDREN.items():
        yield table, "INSERT", "NEW TABLE AS new_rows", claims.format(rows="new_rows")
        yield table, "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", (
            claims.format(rows="new_rows") + " UNION " + claims.format(rows="old_rows"))
        yield table, "DELETE", "OLD TABLE AS old_rows", claims.format(rows="old_rows")
    for table, claims in PARENTS.items():
        yield table, "UPDATE", "NEW TABLE AS new_rows", claims.format(rows="new_rows")
    yield "audit_entries", "INSERT", "NEW TABLE AS new_rows", CORRECTIONS.format(rows="new_rows")


def _name(table: str, event: str) -> str:
    return f"{table}_{event.lower()}_record_rev"


def upgrade():
    op.add_column('claims', sa.Column('record_rev', sa.Integer(), server_default='0',
                                      nullable=False))
    op.create_table(
        'claim_records',
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('rev', sa.Integer(), nullable=False),
        sa.Column('line', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('claim_id'),
    )
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("""
CREATE OR REPLACE FUNCTION claims_record_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.record_rev := OLD.record_rev + 1;
  RETURN NEW;
END $$""")
    op.execute("CREATE TRIGGER claims_record_rev BEFORE UPDATE ON claims "
               "FOR EACH ROW EXECUTE FUNCTION claims_record_rev()")
    for table, event, transition, claims in _triggers():
        name = _name(table, event)
        op.execute(f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {BUMP} ({claims});
  RETURN NULL;
END $$""")
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                   f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {name}()")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for table, event, _, _ in _triggers():
            op.execute(f"DROP TRIGGER {_name(table, event)} ON {table}")
            op.execute(f"DROP FUNCTION {_name(table, event)}()")
        op.execute("DROP TRIGGER claims_record_rev ON claims")
        op.execute("DROP FUNCTION claims_record_rev()")
    op.drop_table('claim_records')
    with op.batch_alter_table('claims') as batch:
        batch.drop_column('record_rev')
