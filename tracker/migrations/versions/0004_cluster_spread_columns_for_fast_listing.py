"""cluster spread columns for fast listing

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:18:34.596482
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("n_quotes", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("n_outlets", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("n_speakers", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("first_seen", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("has_claim", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_clusters_n_outlets"), ["n_outlets"], unique=False)
    # Fill the new columns for clusters that already exist.
    clusters = sa.table(
        "clusters",
        sa.column("id"),
        sa.column("n_quotes"),
        sa.column("n_outlets"),
        sa.column("n_speakers"),
        sa.column("first_seen"),
        sa.column("has_claim"),
    )
    quotes = sa.table(
        "quotes",
        sa.column("cluster_id"),
        sa.column("document_id"),
        sa.column("speaker_id"),
        sa.column("kind"),
    )
    documents = sa.table(
        "documents", sa.column("id"), sa.column("outlet_id"), sa.column("published")
    )
    mine = quotes.c.cluster_id == clusters.c.id
    joined = quotes.join(documents, documents.c.id == quotes.c.document_id)

    def scalar(expr, source=quotes):
        return sa.select(expr).select_from(source).where(mine).scalar_subquery()

    op.execute(
        clusters.update().values(
            n_quotes=scalar(sa.func.count()),
            n_outlets=scalar(sa.func.count(sa.distinct(documents.c.outlet_id)), joined),
            n_speakers=scalar(sa.func.count(sa.distinct(quotes.c.speaker_id))),
            first_seen=scalar(sa.func.min(documents.c.published), joined),
            has_claim=sa.exists().where(mine, quotes.c.kind != "scare"),
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clusters_n_outlets"))
        batch_op.drop_column("has_claim")
        batch_op.drop_column("first_seen")
        batch_op.drop_column("n_speakers")
        batch_op.drop_column("n_outlets")
        batch_op.drop_column("n_quotes")
