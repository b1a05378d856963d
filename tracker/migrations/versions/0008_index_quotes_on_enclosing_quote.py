"""index quotes on the quote enclosing them

The cluster list's counts (refresh_stats) look up, per quote, the quotes it
encloses; without this index each lookup scans every quote.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_quotes_enclosing", "quotes", ["enclosing_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_quotes_enclosing", table_name="quotes")
