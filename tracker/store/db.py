"""Engines, sessions and schema upgrades.

One factory, ``open_database``, is shared by the CLI, the review UI and the
tests, so every entry point gets the same pragmas and the same migrations.
Nothing here runs at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import sessionmaker

from tracker.safe import error_line

DEFAULT_URL = "sqlite:///claims.db"
ENV_VAR = "TRACKER_DB"


class DatabaseError(Exception):
    """The database cannot be opened or used; the message is for the user."""


def resolve_url(url: str | None) -> str:
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets a reviewer's UI read while an ingest writes; the busy timeout
    # makes a second writer wait instead of failing at once.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def create_db_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise DatabaseError(f"cannot create database {database}: no folder {parent}")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # psycopg (3) is the driver we ship; plain postgresql:// would ask for psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except Exception as exc:  # missing driver and the like
        shown = parsed.render_as_string(hide_password=True)
        raise DatabaseError(f"cannot use {shown}: {exc}") from exc


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "tracker:migrations")
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


_TRANSIENT = (
    "database is locked",
    "database is busy",
    "deadlock detected",
    "could not serialize access",
)


def is_transient(exc: Exception) -> bool:
    """A write that lost a race for a lock: worth trying again, not an error to report."""
    return isinstance(exc, OperationalError) and any(t in str(exc).lower() for t in _TRANSIENT)


def with_retries(fn, attempts: int = 8, first_wait: float = 0.05):
    """Run ``fn()`` (one whole transaction), again if it lost a lock race."""
    import random
    import time

    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if attempt == attempts - 1 or not is_transient(exc):
                raise
            time.sleep(first_wait * (2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _explain(exc: OperationalError, url: str) -> str:
    shown = make_url(url).render_as_string(hide_password=True)
    return f"cannot open database {shown}: {error_line(exc)}"


@dataclass
class Database:
    """An engine plus the session factory built on it."""

    url: str
    engine: Engine
    Session: sessionmaker

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (and by default create or upgrade) the database at ``url``."""
    url = resolve_url(url)
    engine = create_db_engine(url)
    try:
        if migrate and current_revision(engine) != head_revision(engine):
            try:
                upgrade(engine)
            except Exception:
                # Two processes opening a new database at once: one wins the upgrade.
                if current_revision(engine) != head_revision(engine):
                    raise
        else:
            with engine.connect():
                pass
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(_explain(exc, url)) from exc
    return Database(url=url, engine=engine, Session=sessionmaker(engine, expire_on_commit=False))
