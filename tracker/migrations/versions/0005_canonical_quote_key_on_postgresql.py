"""canonical quote foreign key on PostgreSQL

The clusters → quotes key is declared with use_alter (the two tables point at
each other), and create_table in 0002 left it out on PostgreSQL; SQLite has it
inline. This adds it where it is missing.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    names = {fk["name"] for fk in sa.inspect(bind).get_foreign_keys("clusters")}
    if "fk_cluster_canonical" not in names:
        op.create_foreign_key(
            "fk_cluster_canonical",
            "clusters",
            "quotes",
            ["canonical_quote_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("fk_cluster_canonical", "clusters", type_="foreignkey")
