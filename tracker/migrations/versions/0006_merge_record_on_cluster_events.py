"""merge record on cluster events

A merge's history entry keeps what the merge changed (JSON), so `tracker
unmerge` can take it back from the command line, as the UI's undo does.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cluster_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("detail", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cluster_events", schema=None) as batch_op:
        batch_op.drop_column("detail")
