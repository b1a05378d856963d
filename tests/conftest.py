"""Shared fixtures: a fresh database per test and a CLI runner bound to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli import cli
from tracker.store.db import open_database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    # A file, not sqlite:// in memory: in-memory SQLite is per connection/thread.
    return f"sqlite:///{tmp_path / 'claims.db'}"


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


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest
