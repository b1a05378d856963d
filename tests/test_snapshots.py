"""SVG snapshots of the main screens (pytest-textual-snapshot).

After an intended change to what a screen shows, review the report and run
`python -m pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from conftest import SEEDS

from tracker.ingest import ingest
from tracker.store.db import open_database
from tracker.tui.app import ReviewApp


@pytest.fixture
def app(db_url):
    db = open_database(db_url)
    ingest(db, [SEEDS])
    yield ReviewApp(db, "tester")
    db.dispose()


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_cluster_list(app, snap_compare):
    assert snap_compare(app, terminal_size=(110, 30), run_before=_settle)


def test_cluster_detail(app, snap_compare):
    async def open_first(pilot):
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(110, 30), run_before=open_first)


def test_framing_comparison(app, snap_compare):
    async def compare_first(pilot):
        await _settle(pilot)
        await pilot.press("F")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(130, 24), run_before=compare_first)


def test_narrow_terminal_list(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settle)
