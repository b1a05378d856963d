"""Alembic environment: runs against the engine the caller handed over."""

from alembic import context
from sqlalchemy import create_engine

from tracker.store.db import check_ours, lock_for_migration
from tracker.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line: take the URL from the config
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch migrations copy and drop tables; with foreign keys enforced, dropping a
        # table that rows point at fails. The pragma only works outside a transaction.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    # One transaction for the whole migration, under a lock: two processes opening a new
    # database at once never both create it, and a failure leaves nothing half made.
    lock_for_migration(connection)
    # Checked inside the lock: nothing is ever written into a database that is not ours.
    check_ours(connection)
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # ALTER TABLE on SQLite goes through table copies
        compare_type=True,
    )
    with context.begin_transaction():  # inside ours: Alembic leaves the commit to us
        context.run_migrations()
    connection.commit()
    if sqlite:
        bad = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        if bad:
            raise RuntimeError(f"migration left rows pointing nowhere: {bad[:5]}")
