"""Shared fixtures and helpers: every database test runs on SQLite and on PostgreSQL.

Tests live in three folders: ``unit/`` (the library called directly), ``cli/`` (through
the command line) and ``ui/`` (the Textual app under a Pilot).

The PostgreSQL half uses a fresh schema per test on the server named by
TRACKER_TEST_PG (default: the local server, database `test`). Without a
reachable server a developer's run skips that half with the reason; under CI
(`CI` set, as `.ci/run` runs) it fails instead, so it is never silently lost.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from tracker.cli import cli
from tracker.store.db import open_database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
PG_BASE = os.environ.get("TRACKER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: a worker more than the cores. A third of a test's time is spent waiting
    (on a subprocess starting, PostgreSQL, the app settling), which one more worker fills:
    on two cores the suite took 4:56 rather than 7:31."""
    from tracker.workers import cores

    return cores() + 1


@pytest.fixture(autouse=True)
def _no_inherited_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output widths come from each test, not from the shell or runner that started it
    (pytest-xdist's workers export COLUMNS=80, which would wrap piped listings)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


_pg_status: str | None = None  # None: reachable; else why not


def _pg_unreachable() -> str | None:
    global _pg_status
    if _pg_status is None:
        try:
            engine = create_engine(PG_BASE, connect_args={"connect_timeout": 3})
            with engine.connect():
                pass
            engine.dispose()
            _pg_status = ""
        except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
            _pg_status = f"PostgreSQL at {PG_BASE} is not reachable: {str(exc).splitlines()[0]}"
    return _pg_status or None


class Databases:
    """Makes database URLs on the engine under test; cleans them up afterwards."""

    def __init__(self, kind: str, tmp_path: Path) -> None:
        self.kind = kind
        self.tmp_path = tmp_path
        self.schemas: list[str] = []

    def new_url(self, name: str = "claims") -> str:
        if self.kind == "sqlite":
            # A file, not sqlite:// in memory: in-memory SQLite is per connection/thread.
            return f"sqlite:///{self.tmp_path / f'{name}.db'}"
        schema = f"t_{name}_{uuid.uuid4().hex[:10]}"
        engine = create_engine(PG_BASE)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        self.schemas.append(schema)
        sep = "&" if "?" in PG_BASE else "?"
        return f"{PG_BASE}{sep}options=-csearch_path%3D{schema}"

    def cleanup(self) -> None:
        if not self.schemas:
            return
        engine = create_engine(PG_BASE)
        with engine.begin() as conn:
            for schema in self.schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request, tmp_path: Path):
    if request.param == "postgresql" and (reason := _pg_unreachable()):
        if os.environ.get("CI"):
            pytest.fail(f"the PostgreSQL half is mandatory in CI: {reason}")
        pytest.skip(reason)
    dbs = Databases(request.param, tmp_path)
    yield dbs
    dbs.cleanup()


@pytest.fixture
def db_url(databases: Databases) -> str:
    return databases.new_url()


@pytest.fixture
def db(db_url: str):
    database = open_database(db_url)
    yield database
    database.dispose()


class Tracker:
    """Runs ``tracker --db URL ...`` in-process and returns click's Result."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return self.runner.invoke(
            cli, ["--db", self.url, *args], input=input, catch_exceptions=False
        )


@pytest.fixture
def tracker(db_url: str) -> Tracker:
    return Tracker(db_url)


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory) -> Path:
    """The seeds ingested once per test process into a SQLite file, for ``seeded`` to copy."""
    from tracker.ingest import ingest

    path = tmp_path_factory.mktemp("seeded") / "claims.db"
    database = open_database(f"sqlite:///{path}")
    ingest(database, [SEEDS])
    database.dispose()
    return path


@pytest.fixture
def seeded(db_url: str, seeded_sqlite: Path):
    """A database holding the seed articles, clustered (on SQLite a copy of one ingest:
    the same file every time, a second less per test)."""
    import sqlite3
    from contextlib import closing

    from tracker.ingest import ingest

    if db_url.startswith("sqlite:///"):
        # The backup API copies the database whole, whatever its WAL still holds.
        with (
            closing(sqlite3.connect(seeded_sqlite)) as src,
            closing(sqlite3.connect(db_url[10:])) as dst,
        ):
            src.backup(dst)
        database = open_database(db_url)
    else:
        database = open_database(db_url)
        ingest(database, [SEEDS])
    yield database
    database.dispose()


def record_notices(app) -> list[str]:
    """Every notice ``app`` shows from now on, in order: a notice leaves the screen after
    its timeout, which a loaded machine can pass before a test looks."""
    said: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        said.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return said


async def settle(app, pilot) -> None:
    """Let the app's workers finish and the screen catch up (three rounds: a worker's
    result may start another)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def settle_until(app, pilot, condition, rounds: int = 200) -> None:
    """``settle`` until ``condition()`` holds (a chain of workers, each started by the
    last one's result, takes a few rounds); fails if it never does."""
    for _ in range(rounds):
        if condition():
            return
        await settle(app, pilot)
    assert condition(), "the screen never reached the state waited for"


def deny_writes(monkeypatch, *paths: Path) -> None:
    """This process may not write ``paths`` (as for another user's file, or a read-only
    share; the suite may run as root, whom permission bits do not stop)."""
    denied = {p.resolve() for p in paths}
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path).resolve() in denied:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
