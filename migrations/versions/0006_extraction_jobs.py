"""Documents say why their extraction failed or waits (extraction_problem).

Revision ID: 0006_extraction_jobs
Revises: 0005_published_content
Create Date: 2026-12-01 20:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006_extraction_jobs'
down_revision = '0005_published_content'
branch_labels = None
depends_on = None

PROBLEMS = ('error', 'timeout', 'worker_lost', 'retrying', 'queue_unavailable', 'too_long')


def upgrade():
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'extraction_problem',
            sa.Enum(*PROBLEMS, name='extractionproblem', native_enum=False, length=21),
            nullable=True))


def downgrade():
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('extraction_problem')
