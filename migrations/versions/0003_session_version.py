"""users.session_version: a number every session and remember-me cookie carries.

Raising it (sign-out, password change or reset, deactivation, role change) ends every
session of the user. Existing users start at 1; cookies issued before this revision
carry no version and are treated as signed out.

Revision ID: 0003_session_version
Revises: 0002_queue_indexes
Create Date: 2026-12-01 20:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0003_session_version'
down_revision = '0002_queue_indexes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False,
                                      server_default=sa.text('1')))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
