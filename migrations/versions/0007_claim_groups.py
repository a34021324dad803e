"""Claim groups, the matcher's signatures and full-text index, matches and reviewers' decisions.

Every existing claim gets a group of its own (public id "c" + its id); `flask tracking rebuild`
then matches them. The never-filled claims.repeats_claim_id / repeat_similarity give way to
claims.group_id. The index of claim terms is the engine's own: an FTS5 table kept by triggers
on SQLite, a GIN index on a stored
to_tsvector('simple', terms) column (terms_tsv) on PostgreSQL.

Revision ID: 0007_claim_groups
Revises: 0006_extraction_jobs
Create Date: 2026-12-01 21:41:06.102109

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0007_claim_groups'
down_revision = '0006_extraction_jobs'
branch_labels = None
depends_on = None

BACKFILL_GROUPS = """
INSERT INTO claim_groups (public_id, version, created_at, updated_at)
SELECT 'c' || id, 1, created_at, created_at FROM claims
"""
BACKFILL_CLAIMS = """
UPDATE claims SET group_id = (SELECT g.id FROM claim_groups g WHERE g.public_id = 'c' || claims.id)
"""
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE claim_terms_fts USING fts5(terms, content='claim_signatures', "
    "content_rowid='claim_id', tokenize='unicode61', detail='none')",
    "CREATE VIRTUAL TABLE claim_terms_vocab USING fts5vocab(claim_terms_fts, row)",
    "CREATE TRIGGER claim_signatures_ai AFTER INSERT ON claim_signatures BEGIN "
    "INSERT INTO claim_terms_fts(rowid, terms) VALUES (new.claim_id, new.terms); END",
    "CREATE TRIGGER claim_signatures_ad AFTER DELETE ON claim_signatures BEGIN "
    "INSERT INTO claim_terms_fts(claim_terms_fts, rowid, terms) "
    "VALUES ('delete', old.claim_id, old.terms); END",
    "CREATE TRIGGER claim_signatures_au AFTER UPDATE ON claim_signatures BEGIN "
    "INSERT INTO claim_terms_fts(claim_terms_fts, rowid, terms) "
    "VALUES ('delete', old.claim_id, old.terms); "
    "INSERT INTO claim_terms_fts(rowid, terms) VALUES (new.claim_id, new.terms); END",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS claim_signatures_ai",
    "DROP TRIGGER IF EXISTS claim_signatures_ad",
    "DROP TRIGGER IF EXISTS claim_signatures_au",
    "DROP TABLE IF EXISTS claim_terms_vocab",
    "DROP TABLE IF EXISTS claim_terms_fts",
]
PG_INDEX = [
    "ALTER TABLE claim_signatures ADD COLUMN terms_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    "CREATE INDEX ix_claim_signatures_terms ON claim_signatures USING gin (terms_tsv)",
    # The candidate search reads how common each term is from the planner's statistics
    # (most_common_elems): keep them for many more terms than the default 100 target gives.
    "ALTER TABLE claim_signatures ALTER COLUMN terms_tsv SET STATISTICS 2000",
]


def upgrade():
    op.create_table('claim_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_groups')),
    sa.UniqueConstraint('public_id', name=op.f('uq_claim_groups_public_id'))
    )
    op.create_table('group_pins',
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('pinned_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['claim_groups.id'], name=op.f('fk_group_pins_group_id_claim_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pinned_by_id'], ['users.id'], name=op.f('fk_group_pins_pinned_by_id_users')),
    sa.PrimaryKeyConstraint('fingerprint', name=op.f('pk_group_pins'))
    )
    with op.batch_alter_table('group_pins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_pins_group_id'), ['group_id'], unique=False)

    op.create_table('match_dismissals',
    sa.Column('fingerprint_a', sa.String(length=32), nullable=False),
    sa.Column('fingerprint_b', sa.String(length=32), nullable=False),
    sa.Column('dismissed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('fingerprint_a < fingerprint_b', name=op.f('ck_match_dismissals_ordered')),
    sa.ForeignKeyConstraint(['dismissed_by_id'], ['users.id'], name=op.f('fk_match_dismissals_dismissed_by_id_users')),
    sa.PrimaryKeyConstraint('fingerprint_a', 'fingerprint_b', name=op.f('pk_match_dismissals'))
    )
    op.create_table('claim_matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=12), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('dismissed_at', sa.DateTime(), nullable=True),
    sa.Column('dismissed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_matches_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dismissed_by_id'], ['users.id'], name=op.f('fk_claim_matches_dismissed_by_id_users')),
    sa.ForeignKeyConstraint(['other_id'], ['claims.id'], name=op.f('fk_claim_matches_other_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_matches')),
    sa.UniqueConstraint('claim_id', 'other_id', name='uq_claim_matches_pair')
    )
    with op.batch_alter_table('claim_matches', schema=None) as batch_op:
        batch_op.create_index('ix_claim_matches_other', ['other_id'], unique=False)

    op.create_table('claim_signatures',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_signatures_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_claim_signatures'))
    )
    with op.batch_alter_table('claim_signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_signatures_fingerprint'), ['fingerprint'], unique=False)

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch_op.drop_index(batch_op.f('ix_claims_repeats_claim_id'))
        batch_op.create_index(batch_op.f('ix_claims_group_id'), ['group_id'], unique=False)
        batch_op.create_index('ix_claims_group_status', ['group_id', 'status'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_claims_repeats_claim_id_claims'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_claims_group_id_claim_groups'), 'claim_groups', ['group_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_column('repeat_similarity')
        batch_op.drop_column('repeats_claim_id')

    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reuses_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_verdicts_reuses_id_verdicts'), 'verdicts', ['reuses_id'], ['id'])

    op.execute(BACKFILL_GROUPS)
    op.execute(BACKFILL_CLAIMS)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        for statement in PG_INDEX:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS ix_claim_signatures_terms")
        op.execute("ALTER TABLE claim_signatures DROP COLUMN IF EXISTS terms_tsv")
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_verdicts_reuses_id_verdicts'), type_='foreignkey')
        batch_op.drop_column('reuses_id')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('repeats_claim_id', sa.INTEGER(), nullable=True))
        batch_op.add_column(sa.Column('repeat_similarity', sa.FLOAT(), nullable=True))
        batch_op.drop_constraint(batch_op.f('fk_claims_group_id_claim_groups'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_claims_repeats_claim_id_claims'), 'claims', ['repeats_claim_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_index('ix_claims_group_status')
        batch_op.drop_index(batch_op.f('ix_claims_group_id'))
        batch_op.create_index(batch_op.f('ix_claims_repeats_claim_id'), ['repeats_claim_id'], unique=False)
        batch_op.drop_column('group_id')

    with op.batch_alter_table('claim_signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_signatures_fingerprint'))

    op.drop_table('claim_signatures')
    with op.batch_alter_table('claim_matches', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_matches_other')

    op.drop_table('claim_matches')
    op.drop_table('match_dismissals')
    with op.batch_alter_table('group_pins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_pins_group_id'))

    op.drop_table('group_pins')
    op.drop_table('claim_groups')
