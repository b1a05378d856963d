"""Alembic environment: runs against the engine the caller handed over."""

from alembic import context
from sqlalchemy import create_engine

from tracker.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line: take the URL from the config
    engine = create_engine(config.get_main_option("sqlalchemy.url"))

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # ALTER TABLE on SQLite goes through table copies
        compare_type=True,
    )
    context.run_migrations()
