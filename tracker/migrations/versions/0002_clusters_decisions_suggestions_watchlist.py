"""clusters, decisions, suggestions, watchlist

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:31:11.379502
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("canonical_quote_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "unreviewed",
                "verified",
                "misquoted",
                "misattributed",
                "out-of-context",
                "disputed",
                "false",
                "unverifiable",
                name="status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reviewer", sa.String(length=200), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("evidence_url", sa.String(length=2000), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["canonical_quote_id"],
            ["quotes.id"],
            name="fk_cluster_canonical",
            ondelete="SET NULL",
            use_alter=True,
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clusters_status"), ["status"], unique=False)

    op.create_table(
        "watch_phrases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("normalized", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("normalized"),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("must-link", "cannot-link", name="decisionkind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("quote_a", sa.Integer(), nullable=False),
        sa.Column("quote_b", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["quote_a"], ["quotes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["quote_b"], ["quotes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "quote_a", "quote_b", name="uq_decision"),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decisions_quote_a"), ["quote_a"], unique=False)
        batch_op.create_index(batch_op.f("ix_decisions_quote_b"), ["quote_b"], unique=False)

    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote_a", sa.Integer(), nullable=False),
        sa.Column("quote_b", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["quote_a"], ["quotes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["quote_b"], ["quotes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("quote_a", "quote_b", name="uq_suggestion"),
    )
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_suggestions_quote_a"), ["quote_a"], unique=False)
        batch_op.create_index(batch_op.f("ix_suggestions_quote_b"), ["quote_b"], unique=False)

    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("variant", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("match_score", sa.Float(), nullable=True))
        batch_op.create_index(batch_op.f("ix_quotes_cluster_id"), ["cluster_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_quotes_cluster", "clusters", ["cluster_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        # WARNING: constraint name is None; this directive will fail as
        # rendered.  Add a name, or use a naming convention; see
        batch_op.drop_constraint("fk_quotes_cluster", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_quotes_cluster_id"))
        batch_op.drop_column("match_score")
        batch_op.drop_column("variant")
        batch_op.drop_column("cluster_id")

    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suggestions_quote_b"))
        batch_op.drop_index(batch_op.f("ix_suggestions_quote_a"))

    op.drop_table("suggestions")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_quote_b"))
        batch_op.drop_index(batch_op.f("ix_decisions_quote_a"))

    op.drop_table("decisions")
    op.drop_table("watch_phrases")
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clusters_status"))

    op.drop_table("clusters")
