"""Pairs scored between the suggestion and link thresholds are shown, accepted or rejected.

Two outlets' versions of Wang Yi's formula ("no restricted areas, no upper limit"
and "no forbidden zones and no upper limit") score about 83: below the link
score, so they stay apart, but the reviewer is told.
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA, SEEDS, settle
from sqlalchemy import func, select

from tracker.browse import ClusterFilter, cluster_summaries
from tracker.ingest import ingest
from tracker.store.db import open_database
from tracker.store.models import Cluster, Quote, Speaker
from tracker.tui.app import ReviewApp
from tracker.tui.screens.cluster_detail import ClusterDetailScreen
from tracker.tui.screens.prompts import Confirm

WANG = (
    "January 3, 2021\n\nWang Yi on ties with Moscow\n\n"
    'Chinese Foreign Minister Wang Yi said: "There is no end point to China-Russia strategic '
    'cooperation, no forbidden zones and no upper limit."\n'
)


@pytest.fixture
def corpus(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "wang.txt").write_text(WANG, encoding="utf-8")
    return extra


def cluster_with(db, words: str) -> int:
    with db.Session() as s:
        found = {
            cid
            for cid, text in s.execute(select(Quote.cluster_id, Quote.text))
            if text.startswith(words)
        }
    assert len(found) == 1
    return found.pop()


def test_cli_lists_suggestions_shows_them_and_a_rejected_pair_never_returns(tracker, corpus):
    assert tracker("ingest", str(SEEDS), str(corpus)).exit_code == 0
    db = open_database(tracker.url)
    ours = cluster_with(db, "There is no end point in Sino-Russian")
    theirs = cluster_with(db, "There is no end point to China-Russia")
    pairs = json.loads(tracker("suggestions", "--json").stdout)
    pair = next(p for p in pairs if {p["cluster_a"], p["cluster_b"]} == {ours, theirs})
    assert 75 <= pair["score"] < 88
    shown = tracker("show", str(theirs)).stdout
    assert "Possibly the same" in shown and f"{ours} (score {pair['score']:.1f}" in shown
    assert tracker("reject", str(theirs), str(ours), "--reviewer", "alice").exit_code == 0
    for _ in range(2):  # gone now, and after re-clustering from scratch
        pairs = json.loads(tracker("suggestions", "--json").stdout)
        assert not [p for p in pairs if {p["cluster_a"], p["cluster_b"]} == {ours, theirs}]
        # (Its history names the other cluster, as the rejection's: the suggestions not.)
        detail = json.loads(tracker("show", str(ours), "--json").stdout)
        assert theirs not in [sg["cluster_id"] for sg in detail["suggestions"]]
        assert tracker("cluster", "--rebuild").exit_code == 0
    db.dispose()


async def test_detail_lists_possibly_the_same_reject_and_accept(db_url, corpus):
    db = open_database(db_url)
    ingest(db, [SEEDS, corpus])
    ours = cluster_with(db, "There is no end point to China-Russia")
    wang = cluster_with(db, "There is no end point in Sino-Russian")
    app = ReviewApp(db, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # The list can show only clusters with open suggestions.
        await pilot.press("slash", *"has:suggestions", "enter")
        await settle(app, pilot)
        listed = set(app.screen.order)
        with db.Session() as s:
            total = s.scalar(select(func.count(Cluster.id)))
        assert {ours, wang} <= listed and len(listed) < total
        await app.push_screen(ClusterDetailScreen(ours))
        await settle(app, pilot)
        screen = app.screen
        found = [s.cluster_id for s in screen.detail.suggestions]
        assert wang in found and len(found) >= 2
        assert screen.query_one("#suggestions").display
        # Reject another one (the passage that merely quotes him, or a suggestion by
        # meaning): never suggested again.
        passage = next(c for c in found if c != wang)
        await pilot.press("tab")
        assert screen.query_one("#suggestions").has_focus
        screen.query_one("#suggestions").move_cursor(row=found.index(passage))
        await pilot.press("X")
        await settle(app, pilot)
        after = [s.cluster_id for s in screen.detail.suggestions]
        assert passage not in after and wang in after
        screen.query_one("#suggestions").move_cursor(row=after.index(wang))
        # Accept the other: asks once, then merges.
        await pilot.press("J")
        await settle(app, pilot)
        assert isinstance(app.screen, Confirm)
        assert "no restricted areas" in str(app.screen.query_one("#confirm-body").render())
        await pilot.press("y")
        await settle(app, pilot)
    with db.Session() as s:
        assert s.get(Cluster, wang) is None or s.get(Cluster, ours) is None
        assert cluster_with(db, "There is no end point in Sino-Russian") == ours
        assert s.get(Cluster, passage) is not None
    db.dispose()


async def test_same_words_from_another_speaker_and_year_are_suggested_with_the_difference(
    tracker,
):
    # "an unprecedentedly high level": Putin's words of 2021 and Li Zhanshu's of 2019 stay
    # two clusters, and where one is suggested for the other the reviewer sees who said
    # it and how far apart in time, in `tracker suggestions`, `tracker show` and the UI.
    assert tracker("ingest", str(SEEDS), str(DATA / "extra")).exit_code == 0
    db = open_database(tracker.url)
    with db.Session() as s:
        found = {
            (cid, name)
            for cid, name, text in s.execute(
                select(Quote.cluster_id, Speaker.name, Quote.text).join(Quote.speaker)
            )
            if "unprecedentedly high level" in text
        }
    putin = {cid for cid, name in found if name == "Vladimir Putin"}
    li = {cid for cid, name in found if name == "Li Zhanshu"}
    assert putin and li and not putin & li  # apart as links
    pairs = json.loads(tracker("suggestions", "--json").stdout)
    (pair,) = [
        p
        for p in pairs
        if {p["cluster_a"], p["cluster_b"]} & putin and {p["cluster_a"], p["cluster_b"]} & li
    ]
    assert {pair["speaker_a"], pair["speaker_b"]} == {"Vladimir Putin", "Li Zhanshu"}
    assert pair["first_seen_a"][:4] != pair["first_seen_b"][:4]
    assert "Li Zhanshu" in pair["differs"] and "Vladimir Putin" in pair["differs"]
    assert "earlier" in pair["differs"] or "later" in pair["differs"]
    mine = pair["cluster_a"] if pair["cluster_a"] in putin else pair["cluster_b"]
    other = pair["cluster_b"] if mine == pair["cluster_a"] else pair["cluster_a"]
    shown = tracker("show", str(mine)).stdout
    line = next(ln for ln in shown.splitlines() if ln.strip().startswith(f"{other} (score"))
    assert "Li Zhanshu, not Vladimir Putin" in line and "earlier" in line
    app = ReviewApp(db, "tester")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        await app.push_screen(ClusterDetailScreen(mine))
        await settle(app, pilot)
        table = app.screen.query_one("#suggestions")
        row = table.get_row(str(other))
        assert "Li Zhanshu, not Vladimir Putin" in str(row[-1]) and "earlier" in str(row[-1])
    db.dispose()


async def test_x_on_a_suggestion_is_taken_back_by_ctrl_z(seeded):
    # A reviewer presses X on the wrong row: ctrl+z lists the suggestion again, and it
    # can still be merged or rejected.
    with seeded.Session() as s:
        ours = next(r.id for r in cluster_summaries(s, ClusterFilter(suggested=True)))
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await app.push_screen(ClusterDetailScreen(ours))
        await settle(app, pilot)
        screen = app.screen
        before = [(sg.cluster_id, sg.score) for sg in screen.detail.suggestions]
        assert before
        await pilot.press("tab")
        await pilot.press("X")
        await settle(app, pilot)
        rejected = before[0][0]
        assert rejected not in [sg.cluster_id for sg in screen.detail.suggestions]
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert [(sg.cluster_id, sg.score) for sg in screen.detail.suggestions] == before
        assert screen.query_one("#suggestions").get_row(str(rejected))
        history = [action for _, _, action, _, _ in screen.events]
        assert history[-2:] == ["not the same", "not the same undone"]
