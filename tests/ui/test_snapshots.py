"""SVG snapshots of the main screens (pytest-textual-snapshot), at 80x24 and 160x45.

At 80 columns the layouts keep what a reviewer needs (claim, speaker, spread,
status; every quote's wording; every outlet's whole sentence) and wrap text
rather than cut it; at 160 they spread out. After an intended change to what a
screen shows, review the report and run
`python -m pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from conftest import SEEDS, settle

from tracker.ingest import ingest
from tracker.store.db import open_database
from tracker.tui.app import ReviewApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.fixture
def app(tmp_path):
    # Once per screen, on SQLite: a screen draws from the read model, which the database
    # tests check on both engines; both engines drew byte-identical pictures.
    db = open_database(f"sqlite:///{tmp_path / 'claims.db'}")
    ingest(db, [SEEDS])
    yield ReviewApp(db, "tester")
    db.dispose()


def _after(*keys: str):
    async def run(pilot) -> None:
        await settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_cluster_list(app, snap_compare, size):
    assert snap_compare(app, terminal_size=size, run_before=_after())


@pytest.mark.parametrize("size", SIZES)
def test_cluster_detail(app, snap_compare, size):
    assert snap_compare(app, terminal_size=size, run_before=_after("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_framing_comparison(app, snap_compare, size):
    assert snap_compare(app, terminal_size=size, run_before=_after("F"))


@pytest.mark.parametrize("size", SIZES)
def test_help(app, snap_compare, size):
    assert snap_compare(app, terminal_size=size, run_before=_after("question_mark"))
