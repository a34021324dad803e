"""Verdict authorship as a relation; at most one open verdict per claim.

verdict_authors lists everyone who wrote a verdict version (the second-pair-of-eyes rule
reads it instead of counting audit rows). It is backfilled once from verdicts.author_id and
the audit entries of kind verdict.draft. A partial unique index keeps two first drafts of
one claim from both being saved; should old data hold several open verdicts for a claim,
all but the newest (the one the claim page shows) are marked superseded first.

Revision ID: 0004_verdict_authors
Revises: 0003_session_version
Create Date: 2026-12-01 20:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0004_verdict_authors'
down_revision = '0003_session_version'
branch_labels = None
depends_on = None

OPEN = "status IN ('draft', 'sent_back')"

BACKFILL = """
INSERT INTO verdict_authors (verdict_id, user_id)
SELECT id, author_id FROM verdicts
UNION
SELECT a.target_id, a.actor_id FROM audit_entries a
JOIN verdicts v ON v.id = a.target_id
JOIN users u ON u.id = a.actor_id
WHERE a.target_type = 'verdicts' AND a.action = 'verdict.draft'
"""

CLOSE_EXTRA_OPEN = f"""
UPDATE verdicts SET status = 'superseded'
WHERE {OPEN} AND id < (SELECT MAX(o.id) FROM verdicts o
                       WHERE o.claim_id = verdicts.claim_id AND o.{OPEN})
"""


def upgrade():
    op.create_table('verdict_authors',
    sa.Column('verdict_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                            name=op.f('fk_verdict_authors_user_id_users')),
    sa.ForeignKeyConstraint(['verdict_id'], ['verdicts.id'], ondelete='CASCADE',
                            name=op.f('fk_verdict_authors_verdict_id_verdicts')),
    sa.PrimaryKeyConstraint('verdict_id', 'user_id', name=op.f('pk_verdict_authors'))
    )
    op.execute(BACKFILL)
    op.execute(CLOSE_EXTRA_OPEN)
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.create_index('ux_verdicts_open_claim', ['claim_id'], unique=True,
                              sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade():
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.drop_index('ux_verdicts_open_claim')
    op.drop_table('verdict_authors')
