"""Engines, sessions and schema upgrades.

One factory, ``open_database``, is shared by the CLI, the review UI and the
tests, so every entry point gets the same pragmas and the same migrations.
Nothing here runs at import time.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import sessionmaker

from tracker.errors import Unavailable
from tracker.safe import error_line

DEFAULT_URL = "sqlite:///claims.db"
ENV_VAR = "TRACKER_DB"


class DatabaseError(Unavailable):
    """The database cannot be opened or used; the message is for the user."""


def resolve_url(url: str | None) -> str:
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The busy timeout makes a second writer wait instead of failing at once; it comes
    # first, so that even these pragmas wait for a process creating the schema. Nothing
    # here writes to the file: WAL (which is stored in it) is set by ``open_database``
    # once the file is known to be ours.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


SQLITE_MAGIC = b"SQLite format 3\x00"
_MAGIC = [
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PGDMP", "a PostgreSQL dump"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"\x7fELF", "a program"),
]


def describe_file(path: Path) -> str:
    """What a file that is not a SQLite database looks like, in a few words."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head.lstrip().startswith((b'{"format": "tracker-backup', b'{"format":"tracker-backup')):
        return "a tracker backup: restore it with `tracker import`"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end
            return "binary data"
    return "a text file"


def _check_sqlite_file(database: str, create: bool, default: bool) -> None:
    """Refuse, before SQLite opens it, a path that is not a SQLite database file, and a
    missing one unless ``create``: SQLite would make it, empty, at the mistyped path."""
    path = Path(database).expanduser()
    try:
        st = path.stat()
    except FileNotFoundError:
        if not create:
            where = f"{database} (the default, in this folder)" if default else database
            raise DatabaseError(
                f"no database at {where}: `tracker ingest FOLDER` makes one there, or give "
                f"--db or {ENV_VAR} for another"
            ) from None
        return  # a new database: created on first use
    except OSError:
        return  # SQLite says what is wrong when it opens it
    if stat.S_ISDIR(st.st_mode):
        raise DatabaseError(f"cannot use {database}: it is a folder, not a database file")
    if not stat.S_ISREG(st.st_mode):
        raise DatabaseError(f"cannot use {database}: it is not a regular file")
    if st.st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"cannot read {database}: {exc.strerror or exc}") from exc
    if head != SQLITE_MAGIC:
        what = describe_file(path)
        raise DatabaseError(
            f"{database} is not a SQLite database ({what}); nothing was written to it"
        )


_READ_ONLY: weakref.WeakSet[Engine] = weakref.WeakSet()


def _read_only(database: str) -> str | None:
    """How to open an existing SQLite file this process may not write (the URI query:
    "?mode=ro", with "&immutable=1" where its folder is read-only too), or None where it
    may."""
    path = Path(database).expanduser()
    folder_writable = os.access(path.parent, os.W_OK)
    if not path.is_file() or folder_writable and os.access(path, os.W_OK):
        return None
    shm = path.with_name(path.name + "-shm")  # another process has it open in WAL mode
    return "?mode=ro" + ("" if folder_writable or shm.exists() else "&immutable=1")


def read_only(engine: Engine) -> bool:
    """Whether ``engine`` reads a SQLite file it may not write."""
    return engine in _READ_ONLY


def create_db_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for ``url``; a SQLite file that does not exist is made on first use only
    if ``create`` (else DatabaseError)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            _check_sqlite_file(database, create, default=url == DEFAULT_URL)
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise DatabaseError(f"cannot create database {database}: no folder {parent}")
        if database and database != ":memory:" and (how := _read_only(database)):
            # A file this process cannot write (another user's, a read-only share):
            # opened for reading, so that it can still be browsed and exported. Where
            # its folder is read-only too, SQLite could not make the WAL index it needs
            # beside it, and is told the file will not change ("immutable").
            uri = Path(database).expanduser().resolve().as_uri() + how
            engine = create_engine(
                "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
            )
            _READ_ONLY.add(engine)
        else:
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


# Tables every tracker database has had since the first schema.
_OUR_TABLES = {"documents", "quotes", "outlets", "speakers"}


def _script() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", "tracker:migrations")
    return ScriptDirectory.from_config(cfg)


def check_ours(connection: Connection) -> str | None:
    """The schema revision of the database on ``connection`` (None: empty), if it is
    ours to open and migrate; else DatabaseError saying what it is.

    Read-only. Migrations call it again inside their lock and transaction, so a
    database that is not ours is never written into, not even an Alembic table.
    """
    tables = set(inspect(connection).get_table_names())
    revision = None
    if "alembic_version" in tables:
        revision = MigrationContext.configure(connection).get_current_revision()
    others = sorted(tables - {"alembic_version"})
    shown = ", ".join(others[:8]) + (f" and {len(others) - 8} more" if len(others) > 8 else "")
    if revision is None:
        if others:
            raise DatabaseError(
                f"not a tracker database: it holds other tables ({shown}) and no tracker "
                "schema; nothing was written to it"
            )
        return None
    script = _script()
    try:
        known = script.get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic reports an unknown revision in several ways
        known = False
    if not known:
        if tables >= _OUR_TABLES:
            raise DatabaseError(
                f"the database is at schema revision {revision}, which this version of "
                f"tracker does not know (it knows up to {script.get_current_head()}): it was "
                "made or upgraded by a newer tracker; upgrade tracker to use it"
            )
        raise DatabaseError(
            f"not a tracker database: another application's schema (revision {revision}; "
            f"tables {shown}); nothing was written to it"
        )
    return revision


def lock_for_migration(connection: Connection) -> None:
    """Begin the one transaction a migration runs in, holding the schema lock.

    Two processes opening a new database at once: the second waits here, then finds
    the schema made. On SQLite, BEGIN IMMEDIATE takes the write lock (and makes the
    DDL transactional: the driver would otherwise commit each CREATE TABLE on its
    own); on PostgreSQL, an advisory lock per schema.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(7355608, hashtext(coalesce(current_schema(), '')))")
        )


# The PostgreSQL advisory lock that clustering the whole archive holds exclusively and
# placing new quotes holds shared (a key pair: this number and the schema's hash).
_CLUSTERING_LOCK = "7355609, hashtext(coalesce(current_schema(), ''))"


def lock_for_clustering(connection: Connection) -> None:
    """Hold the archive's clustering lock for the rest of this transaction (call it first).

    Clustering the whole archive (a rebuild, or placing every loose quote at the end of a
    first load) reads every quote and rewrites the clusters: two runs doing so at once
    would each found the same clusters, and quotes placed meanwhile would point at
    clusters it removes. On SQLite, BEGIN IMMEDIATE takes the write lock; on PostgreSQL,
    an advisory lock, which runs placing quotes take shared (``lock_for_placing``) and
    other writers not at all.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(text(f"SELECT pg_advisory_xact_lock({_CLUSTERING_LOCK})"))


def lock_for_placing(connection: Connection) -> bool:
    """Wait until no run is clustering the whole archive, and keep it from starting until
    this transaction ends; whether this had to wait (what was read about the clusters
    before may be stale).

    Runs placing new quotes share the lock: they do not wait for each other. On SQLite
    there is nothing to take: its one writer at a time already keeps them apart.
    """
    if connection.dialect.name != "postgresql":
        return False
    if connection.scalar(text(f"SELECT pg_try_advisory_xact_lock_shared({_CLUSTERING_LOCK})")):
        return False
    connection.execute(text(f"SELECT pg_advisory_xact_lock_shared({_CLUSTERING_LOCK})"))
    return True


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


def _explain(exc: DBAPIError, url: str) -> str:
    parsed = make_url(url)
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite" and "not a database" in str(exc.orig):
        path = Path(parsed.database or "")
        return f"{path} is not a SQLite database ({describe_file(path)}); nothing was written to it"
    return f"cannot open database {shown}: {error_line(exc)}"


@dataclass
class Database:
    """An engine plus the session factory built on it."""

    url: str
    engine: Engine
    Session: sessionmaker
    # What a user should know on opening it (quotes an upgrade left unclustered).
    hints: list[str] = field(default_factory=list)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate: bool = True, create: bool = True) -> Database:
    """Open (and by default create or upgrade) the database at ``url``.

    A database that is not ours (another application's, or made by a newer tracker)
    is refused with a DatabaseError and left exactly as it was; so is a SQLite file that
    does not exist, unless ``create``.
    """
    url = resolve_url(url)
    engine = create_db_engine(url, create=create)
    hints: list[str] = []
    try:
        with engine.connect() as conn:
            before = check_ours(conn)
        head = head_revision(engine)
        if read_only(engine) and before != head:
            raise DatabaseError(
                f"{url} is read-only here and was made by an earlier version of tracker, "
                "which must upgrade it: copy it to a folder you can write to, or ask its owner "
                "to open it once"
            )
        if migrate and before != head:
            try:
                upgrade(engine)
            except DatabaseError:
                raise
            except Exception:
                # Kept from before migrations took a lock: if another process made the
                # schema meanwhile, this one has nothing left to do.
                if current_revision(engine) != head:
                    raise
            if before is not None:
                hints += unclustered_hints(engine)
        if engine.dialect.name == "sqlite" and not read_only(engine):
            _use_wal(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseError(_explain(exc, url)) from exc
    return Database(
        url=url, engine=engine, Session=sessionmaker(engine, expire_on_commit=False), hints=hints
    )


def _use_wal(engine: Engine) -> None:
    """Put the database in WAL mode, which lets a reviewer's UI read while an ingest
    writes. WAL is stored in the file, so it is set only once the file is known to be
    ours. Switching needs the file to itself, and SQLite does not wait for that: a
    process that finds others opening the same new file tries again."""
    import time

    for attempt in range(40):
        try:
            with engine.connect() as conn:
                mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
                if str(mode).lower() in ("wal", "memory"):
                    return
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
                return
        except OperationalError as exc:
            if attempt == 39 or not is_transient(exc):
                raise
            time.sleep(0.05 + 0.01 * attempt)


def unclustered_hints(engine: Engine) -> list[str]:
    """After an upgrade: quotes stored before clustering existed are in no cluster yet."""
    from sqlalchemy import func, select

    from tracker.kinds import NOT_CLAIMS
    from tracker.store.models import Quote

    with engine.connect() as conn:
        loose = conn.scalar(
            select(func.count(Quote.id)).where(
                Quote.cluster_id.is_(None), Quote.kind.not_in(NOT_CLAIMS)
            )
        )
    if not loose:
        return []
    return [
        f"{loose} quotes are not in any claim cluster yet (stored before clustering, or with "
        "--no-cluster): run `tracker cluster` to place them"
    ]
