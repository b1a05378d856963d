"""The review UI driven through real flows with Textual's Pilot; the database is checked after."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from conftest import deny_writes, record_notices, settle, settle_until
from sqlalchemy import select
from textual import events

from tracker.browse import ClusterFilter, cluster_summaries
from tracker.ingest import ingest
from tracker.store.db import open_database
from tracker.store.models import Cluster, ClusterEvent, Quote, Status
from tracker.tui.app import ReviewApp
from tracker.tui.screens.cluster_detail import ClusterDetailScreen
from tracker.tui.screens.cluster_list import ClusterListScreen
from tracker.tui.screens.help import HelpScreen


def status_of(db, cluster_id: int) -> Status:
    with db.Session() as s:
        return s.get(Cluster, cluster_id).status


async def test_list_opens_with_widest_spread_first(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ClusterListScreen)
        first = screen.rows[screen.order[0]]
        assert first.outlets == max(r.outlets for r in screen.rows.values()) == 2
        # Scare-quote-only clusters are hidden until asked for.
        shown = len(screen.order)
        await pilot.press("h")
        await settle(app, pilot)
        assert len(screen.order) > shown


VERDICT_KEYS = [
    ("v", Status.VERIFIED),
    ("m", Status.MISQUOTED),
    ("a", Status.MISATTRIBUTED),
    ("c", Status.OUT_OF_CONTEXT),
    ("d", Status.DISPUTED),
    ("f", Status.FALSE),
    ("u", Status.UNVERIFIABLE),
]


async def test_each_verdict_key_records_status_reviewer_and_history(seeded):
    # Every verdict key in one review session (one app, one seeded database per engine).
    expected: dict[int, list[tuple[str, str]]] = {}
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for key, status in VERDICT_KEYS:
            cid = app.screen.highlighted().id
            await pilot.press(key)
            await settle(app, pilot)
            assert status_of(seeded, cid) == status, key
            # The judged cluster leaves the unreviewed top; the cursor is on the next one.
            assert app.screen.highlighted().id != cid, key
            await app.push_screen(ClusterDetailScreen(cid))
            await settle(app, pilot)
            await pilot.press("r")  # back to unreviewed, from the detail screen
            await settle(app, pilot)
            assert status_of(seeded, cid) == Status.UNREVIEWED, key
            expected.setdefault(cid, []).extend(
                [("unreviewed", status.value), (status.value, "unreviewed")]
            )
            await pilot.press("escape")  # back to the list for the next key
            await settle(app, pilot)
    with seeded.Session() as s:
        for cid, pairs in expected.items():
            assert s.get(Cluster, cid).reviewer == "tester"
            events = s.scalars(
                select(ClusterEvent).where(ClusterEvent.cluster_id == cid).order_by(ClusterEvent.id)
            ).all()
            assert [(e.old_value, e.new_value) for e in events] == pairs


async def search(app, pilot, query: str) -> None:
    """Type a search and press Enter: the search runs at once; wait until its rows are in."""
    await pilot.press("slash")
    box = app.screen.query_one("#search")
    box.value = ""
    await pilot.press(*query, "enter")
    await settle(app, pilot)
    assert not app.screen.loading


async def test_search_and_filters(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "stand back to back")
        screen = app.screen
        assert screen.rows[screen.order[0]].claim.startswith("We hope that the upcoming summit")
        await pilot.press("escape")
        await settle(app, pilot)
        cid = screen.highlighted().id
        await pilot.press("v")
        await settle(app, pilot)
        await search(app, pilot, "status:verified")
        assert screen.order == [cid]
        await search(app, pilot, "speaker:putin")
        assert screen.order and all(
            "Putin" in (screen.rows[c].speaker or "") or screen.rows[c].speakers > 1
            for c in screen.order
        )
        # A value with a space, in quotes: the clusters the outlet carried, and only those.
        await search(app, pilot, 'outlet:"south china"')
        with seeded.Session() as s:
            carried = {
                c.id for c in cluster_summaries(s, ClusterFilter(outlet="south china morning"))
            }
        assert carried and set(screen.order) == carried


def list_status(app) -> str:
    from textual.geometry import Region

    line = app.screen.query_one("#list-status")
    return " ".join(strip.text for strip in line.render_lines(Region(0, 0, *line.size)))


async def test_a_filter_naming_nothing_lists_nothing_and_says_why(seeded):
    # "status:verifed" listed every cluster, as if they were the verified ones.
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        everything = len(app.screen.order)
        await search(app, pilot, "status:verifed")
        assert app.screen.order == []
        assert "unknown status 'verifed'" in list_status(app)
        assert "verified" in list_status(app).split("unknown status")[1]
        await search(app, pilot, "outlet:nosuchpaper")
        assert app.screen.order == []
        assert "no outlet matches 'nosuchpaper'" in list_status(app)
        await search(app, pilot, "speaker:putn")  # a typo: the closest name is offered
        assert app.screen.order == [] and "Putin" in list_status(app)
        await search(app, pilot, "status:verified")  # a real filter: no complaint
        assert "unknown" not in list_status(app) and "matches" not in list_status(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert len(app.screen.order) == everything


def statuses(db) -> dict[int, Status]:
    with db.Session() as s:
        return {c.id: c.status for c in s.scalars(select(Cluster))}


async def test_letters_typed_after_enter_in_search_never_set_a_verdict(seeded):
    app = ReviewApp(seeded, "tester")
    said = record_notices(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        before = statuses(seeded)
        await search(app, pilot, "stand back to back")
        await pilot.press(*"parties")  # still typing: into the search, not verdict keys
        await settle(app, pilot)
        assert statuses(seeded) == before
        box = app.screen.query_one("#search")
        assert box.has_focus and box.value == "stand back to backparties"
        # Once the reviewer moves in the list, a verdict key acts, and says so at once.
        await search(app, pilot, "stand back to back")
        await pilot.press("down", "up", "a")
        await settle(app, pilot)
        cid = app.screen.order[0]
        assert statuses(seeded)[cid] == Status.MISATTRIBUTED
        assert any(f"cluster {cid} set to misattributed" in m for m in said)


async def test_a_search_typed_in_one_burst_never_sets_a_verdict(seeded):
    # "/" and the letters after it in one burst (a paste, a laggy link): the box takes its
    # focus only after them, and "d" (disputed) "a" (misattributed) judged the cluster.
    from textual import events

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = statuses(seeded)
        await pilot.press("down")
        for ch in "/david":
            key = events.Key("slash" if ch == "/" else ch, ch)
            key.set_sender(app)
            app._driver.send_message(key)  # all queued at once, as a terminal delivers them
        await settle(app, pilot)
        assert statuses(seeded) == before
        box = app.screen.query_one("#search")
        assert box.has_focus and box.value == "david"


async def test_after_a_search_the_cursor_is_on_the_first_result(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        screen.query_one("#clusters").move_cursor(row=12)
        await search(app, pilot, "missile attack warning system")
        assert screen.query_one("#clusters").cursor_row == 0
        first = screen.order[0]
        assert screen.rows[first].claim.startswith("We are currently helping")
        await pilot.press("down", "up", "space")
        assert screen.marked == {first}


async def test_merge_shows_what_it_joins_warns_on_speakers_and_asks_once(seeded):
    from tracker.tui.screens.prompts import Confirm

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        a, b = screen.order[0], screen.order[1]  # Wang Wenbin's and Putin's statements
        await pilot.press("space", "space")
        status = str(screen.query_one("#list-status").render())
        assert "2 marked" in status
        # A search that hides one of them: the count says so.
        await search(app, pilot, "new model of cooperation")
        assert "2 marked" in str(screen.query_one("#list-status").render())
        assert "1 not in this view" in str(screen.query_one("#list-status").render())
        await pilot.press("down", "up", "M")
        await settle(app, pilot)
        assert isinstance(app.screen, Confirm)
        body = str(app.screen.query_one("#confirm-body").render())
        assert "different speakers" in body and "Vladimir Putin" in body
        assert "We hope that the upcoming summit" in body and "MEMRI" in body
        await pilot.press("n")  # nothing merged, marks kept
        await settle(app, pilot)
        assert set(statuses(seeded)) >= {a, b} and screen.marked == {a, b}
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert max(a, b) not in statuses(seeded) and not screen.marked


async def test_a_bad_evidence_link_keeps_the_input_and_says_why(seeded):
    from tracker.tui.screens.prompts import EvidencePrompt

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"kremlin.ru/events/67364", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidencePrompt)
        assert app.screen.query_one("#evidence-url").value == "kremlin.ru/events/67364"
        assert "http" in str(app.screen.query_one("#evidence-error").render())
        await pilot.press("home", *"https://", "enter")
        await settle(app, pilot)
        with seeded.Session() as s:
            assert s.get(Cluster, cid).evidence_url == "https://kremlin.ru/events/67364"


async def test_every_refused_evidence_link_stays_in_the_box_with_the_reason(seeded):
    # A link the store refuses (no host, a space, a pasted control character) closed the
    # box and was lost; now each is kept where it was typed, and nothing is stored.
    from tracker.tui.screens.prompts import EvidencePrompt

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        for typed, says in (
            ("http://", "host"),
            ("https://example.org/a b", "U+0020"),
            ("https://example.org/a\u2401b", "control character"),
        ):
            await pilot.press("e")
            await pilot.pause()
            box = app.screen.query_one("#evidence-url")
            box.value = typed
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, EvidencePrompt), typed
            assert box.value == typed
            assert says in str(app.screen.query_one("#evidence-error").render()), typed
            await pilot.press("escape")
            await settle(app, pilot)
        with seeded.Session() as s:
            assert s.get(Cluster, cid).evidence_url is None


async def test_a_note_refused_for_another_reviewers_change_comes_back_to_the_editor(seeded):
    # Another reviewer's change lands while the note is typed: the save is refused (their
    # change is named), and the text returns to the editor, to be saved on what is stored
    # now, never lost. Typing goes on after an existing note, not before it.
    from tracker.review import set_note, set_verdict
    from tracker.tui.screens.prompts import NoteEditor

    app = ReviewApp(seeded, "tester")
    said = record_notices(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Checked it.")
        with seeded.Session.begin() as s:
            set_verdict(s, cid, "false", reviewer="bob", note="bob was here")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any("bob" in m for m in said)
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one("TextArea").text == "Checked it."
        await pilot.press(*" Twice.", "ctrl+s")
        await settle(app, pilot)
        with seeded.Session() as s:
            assert s.get(Cluster, cid).note == "Checked it. Twice."
        other = app.screen.highlighted().id  # (the judged cluster left the top)
        with seeded.Session.begin() as s:
            set_note(s, other, "First words.", reviewer="bob")
        await pilot.press("n")  # the stored note, the cursor after it
        await pilot.pause()
        await pilot.press(*" More.", "ctrl+s")
        await settle(app, pilot)
        with seeded.Session() as s:
            assert s.get(Cluster, other).note == "First words. More."


async def test_an_action_that_changes_nothing_leaves_no_history_and_no_undo_step(seeded):
    # "r" on an unreviewed cluster, or an empty evidence box where there was no link, were
    # recorded as changes: the reviewer's next ctrl+z took back nothing.
    app = ReviewApp(seeded, "tester")
    said = record_notices(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        with seeded.Session() as s:
            events = s.scalars(select(ClusterEvent).where(ClusterEvent.cluster_id == cid)).all()
        assert events == [] and not app.undo_stack
        assert f"cluster {cid} is unreviewed already" in said
        assert f"evidence link on cluster {cid} unchanged" in said


@pytest.mark.parametrize("screen", ["cluster", "compare"])
async def test_at_80x24_the_highlighted_row_stays_on_screen(seeded, screen):
    # The tables grow inside their screen's scroll: moving down left the cursor below the
    # screen (S would have split a quote the reviewer could not see; the outlets' framings
    # past the first could not be reached by keyboard).
    from textual.containers import VerticalScroll

    from tracker.tui.screens.compare import CompareScreen

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "stand back to back")
        cid = app.screen.order[0]
        opened = ClusterDetailScreen(cid) if screen == "cluster" else CompareScreen(cid)
        await app.push_screen(opened)
        await settle(app, pilot)
        table = app.screen.query_one("#members" if screen == "cluster" else "#framing")
        scroll = app.screen.query_one(VerticalScroll)
        assert table.row_count >= 4
        for row in range(1, table.row_count):
            await pilot.press("down")
            await settle(app, pilot)
            assert table.cursor_row == row
            top = table.virtual_region.y + table.header_height
            top += sum(r.height for r in table.ordered_rows[:row])
            bottom = top + table.ordered_rows[row].height
            assert scroll.scroll_y <= top and bottom <= scroll.scroll_y + scroll.size.height, row


async def test_escape_in_the_note_editor_asks_before_discarding(seeded):
    from tracker.tui.screens.prompts import Confirm, NoteEditor

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, ClusterListScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Half a thought", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep editing: the text is still there
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one("#note-text").text == "Half a thought"
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, ClusterListScreen)
        with seeded.Session() as s:
            assert s.get(Cluster, cid).note is None


async def test_note_evidence_and_undo_in_the_detail_screen(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ClusterDetailScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Checked against the transcript.")
        await pilot.press("enter")
        await pilot.press(*"Second line.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"https://example.org/transcript", "enter")
        await settle(app, pilot)
        with seeded.Session() as s:
            c = s.get(Cluster, cid)
            assert c.note == "Checked against the transcript.\nSecond line."
            assert c.evidence_url == "https://example.org/transcript"
        await pilot.press("d")
        await settle(app, pilot)
        assert status_of(seeded, cid) == Status.DISPUTED
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert status_of(seeded, cid) == Status.UNREVIEWED
        await pilot.press("ctrl+z")  # then the evidence link goes
        await settle(app, pilot)
        with seeded.Session() as s:
            assert s.get(Cluster, cid).evidence_url is None
        history = str(app.screen.query_one("#history").render())
        assert "evidence link: (none) → https://example.org/transcript" in history
        assert "verdict" in history and "None" not in history


async def test_merge_marked_clusters_and_split_a_quote_out(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        a, b = screen.order[0], screen.order[1]
        await pilot.press("space", "space", "M")
        await settle(app, pilot)
        await pilot.press("y")  # the merge asks once
        await settle(app, pilot)
        with seeded.Session() as s:
            assert s.get(Cluster, max(a, b)) is None
            merged = s.scalars(select(Quote.id).where(Quote.cluster_id == min(a, b))).all()
        assert len(merged) == screen.rows.get(min(a, b)).quotes
        # Open the merged cluster and move its first quote out again.
        screen.query_one("DataTable").move_cursor(row=screen.order.index(min(a, b)))
        await pilot.press("enter")
        await settle(app, pilot)
        detail = app.screen
        moved = detail.detail.members[0].quote_id
        await pilot.press("space", "S")
        await settle(app, pilot)
        with seeded.Session() as s:
            new_cluster = s.get(Quote, moved).cluster_id
            assert new_cluster != min(a, b)
            assert s.scalars(select(Quote.id).where(Quote.cluster_id == new_cluster)).all() == [
                moved
            ]


async def test_ctrl_z_takes_a_merge_back_with_the_verdict_and_note(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        a, b = sorted(screen.order[:2])
        from tracker import review

        with seeded.Session.begin() as s:
            review.set_verdict(s, b, "disputed", reviewer="bob", note="Wrong date.")

        def state() -> dict:
            with seeded.Session() as s:
                out = {}
                for cid in (a, b):
                    c = s.get(Cluster, cid)
                    quotes = s.scalars(select(Quote.id).where(Quote.cluster_id == cid)).all()
                    events = s.scalars(
                        select(ClusterEvent.action).where(ClusterEvent.cluster_id == cid)
                    ).all()
                    out[cid] = (
                        None
                        if c is None
                        else (c.status, c.note, c.canonical_quote_id, sorted(quotes), events)
                    )
                return out

        before = state()
        await pilot.press("ctrl+r")  # see bob's verdict, then merge the two
        await settle(app, pilot)
        screen.query_one("DataTable").move_cursor(row=screen.order.index(a))
        await pilot.press("space")
        screen.query_one("DataTable").move_cursor(row=screen.order.index(b))
        await pilot.press("space", "M")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert state()[b] is None
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        after = state()
        assert {cid: v[:4] for cid, v in after.items()} == {cid: v[:4] for cid, v in before.items()}
        # Each keeps its own history, with the merge and its undo on record.
        assert after[b][4][: len(before[b][4])] == before[b][4]
        assert "unmerge" in after[a][4] and "unmerge" in after[b][4]
        assert b in screen.order


async def test_ctrl_z_takes_a_split_back_exactly(seeded):
    # The split's undo is no merge: the quotes return with the wording the judged cluster
    # had, the decisions the split recorded go, and so does the cluster it made.
    from tracker import review
    from tracker.store.models import Decision

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        cid = next(c for c in screen.order if screen.rows.get(c).quotes >= 3)
        with seeded.Session.begin() as s:
            review.set_verdict(s, cid, "verified", reviewer="bob")
            canonical = s.get(Cluster, cid).canonical_quote_id

        def state() -> tuple:
            with seeded.Session() as s:
                c = s.get(Cluster, cid)
                members = s.execute(
                    select(Quote.id, Quote.variant)
                    .where(Quote.cluster_id == cid)
                    .order_by(Quote.id)
                ).all()
                decisions = s.execute(
                    select(Decision.kind, Decision.quote_a, Decision.quote_b).order_by(Decision.id)
                ).all()
                empty = s.scalars(select(Cluster.id).where(Cluster.n_quotes == 0)).all()
                return c.canonical_quote_id, c.status, c.n_quotes, members, decisions, empty

        before = state()
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        screen.query_one("DataTable").move_cursor(row=screen.order.index(cid))
        await pilot.press("enter")
        await settle(app, pilot)
        detail = app.screen
        assert isinstance(detail, ClusterDetailScreen) and detail.cluster_id == cid
        row = [m.quote_id for m in detail.detail.members].index(canonical)
        detail.query_one("#members").move_cursor(row=row)
        await pilot.press("space", "S")  # the quote of the judged wording goes
        await settle(app, pilot)
        with seeded.Session() as s:
            made = s.get(Quote, canonical).cluster_id
        assert made != cid and state()[0] != canonical and state()[4] != before[4]
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert state() == before
        with seeded.Session() as s:
            assert s.get(Cluster, made) is None
        history = str(detail.query_one("#history").render())
        assert f"split: {canonical} → {made}" in history
        assert f"unsplit: {made} → {cid}" in history
        assert history.index("unsplit:") > history.index("split:")
        assert "merge" not in history


async def test_a_conflicting_change_is_refused_with_a_message(seeded):
    app = ReviewApp(seeded, "alice")
    said = record_notices(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        # Meanwhile bob, on another screen, disputes the same cluster.
        from tracker import review

        with seeded.Session.begin() as s:
            review.set_verdict(
                s,
                cid,
                "disputed",
                reviewer="bob",
                note="Wrong date.",
                evidence_url="https://x.example",
            )
        await pilot.press("v")
        await settle(app, pilot)
        assert status_of(seeded, cid) == Status.DISPUTED  # bob's verdict stands
        messages = said
        conflict = next(m for m in messages if "changed since you loaded it" in m)
        # Every field bob changed is named, not only the last.
        for change in ("bob set verdict to 'disputed'", "note to 'Wrong date.'", "evidence link"):
            assert change in conflict
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        assert status_of(seeded, cid) == Status.VERIFIED


async def test_help_screen_lists_the_keys_and_q_quits(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.export_screenshot()
        for word in ("Verified", "Misattributed", "Merge", "Search/filter", "Undo"):
            assert word.replace(" ", "&#160;") in text or word in text
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None


async def test_article_text_is_shown_literally_never_as_markup(db_url, tmp_path: Path):
    nasty = tmp_path / "nasty.txt"
    nasty.write_text(
        'Ivan Petrov said: "[bold red]x[/] and [link=file:///etc/passwd]click[/link] '
        '[@click=app.quit]quit[/] \x1b[2J done."\n',
        encoding="utf-8",
    )
    db = open_database(db_url)
    ingest(db, [nasty])
    app = ReviewApp(db, "tester")
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        claim = str(app.screen.query_one("#claim").render())
        assert "[bold red]x[/]" in claim and "[link=file:///etc/passwd]" in claim
        assert "\x1b" not in claim and "␛[2J" in claim
        await pilot.press("o")  # the article view
        await settle(app, pilot)
        article = str(app.screen.query_one("#article-text").render())
        assert "[@click=app.quit]quit[/]" in article
    db.dispose()


async def test_watchlist_is_browsable_and_opens_a_hit(seeded):
    from tracker.tui.screens.watchlist import WatchlistScreen

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, WatchlistScreen)
        await pilot.press("plus")
        await pilot.press(*"no upper limit", "enter")
        screen = app.screen
        await settle_until(app, pilot, lambda: screen.hits)
        assert [p for _, p in screen.phrases] == ["no upper limit"]
        assert any(h.kind == "quote" for h in screen.hits)
        await pilot.press("enter")  # to the hits
        hit = next(i for i, h in enumerate(screen.hits) if h.cluster_id is not None)
        screen.query_one("#hits").move_cursor(row=hit)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ClusterDetailScreen)
        assert app.screen.cluster_id == screen.hits[hit].cluster_id


async def test_removing_a_watched_phrase_asks_first(seeded):
    from tracker.tui.screens.prompts import Confirm
    from tracker.tui.screens.watchlist import WatchlistScreen

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        await pilot.press("plus", *"no upper limit", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert [p for _, p in screen.phrases] == ["no upper limit"]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # kept
        await settle(app, pilot)
        assert isinstance(app.screen, WatchlistScreen)
        assert [p for _, p in screen.phrases] == ["no upper limit"]
        await pilot.press("delete", "y")
        await settle_until(app, pilot, lambda: screen.phrases == [])


async def test_status_line_tells_totals_sort_filters_and_scare_quotes(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        with seeded.Session() as s:
            claims = [c for c in s.scalars(select(Cluster)) if c.n_quotes and c.has_claim]
        status = lambda: str(screen.query_one("#list-status").render())  # noqa: E731
        assert f"{len(claims)} clusters ({len(claims)} unreviewed, 0 reviewed)" in status()
        assert "sort: spread" in status() and "scare quotes hidden" in status()
        await pilot.press("v")
        await settle(app, pilot)
        assert f"({len(claims) - 1} unreviewed, 1 reviewed)" in status()
        await pilot.press("s")
        await settle(app, pilot)
        assert "sort: recency" in status()
        await pilot.press("h")
        await settle(app, pilot)
        assert "scare quotes shown" in status()
        await search(app, pilot, "status:verified")
        assert "search: status:verified" in status() and "1 clusters (0 unreviewed" in status()


async def test_home_end_and_page_keys_move_through_the_whole_list(seeded, monkeypatch):
    monkeypatch.setattr(ClusterListScreen, "page_size", 30)  # several pages on the seeds
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one("#clusters")
        assert not screen.exhausted and len(screen.order) == 30
        # End loads everything left in one read; a page load already in flight
        # (pagedown near the end starts one) must not leave the list open-ended.
        await pilot.press("pagedown", "end")
        await settle(app, pilot)
        assert screen.exhausted and table.cursor_row == len(screen.order) - 1
        assert len(screen.order) == screen.counts[0]
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row > 1
        await pilot.press("pageup")
        assert table.cursor_row == 0


async def test_at_80_columns_nothing_essential_is_cut(seeded):
    from tracker.tui.screens.compare import CompareScreen

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#clusters")
        keys = [c.value for c in table.columns]
        assert {"claim", "speaker", "status"} <= set(keys)
        assert table.columns[table.columns.__iter__().__next__()].width  # laid out
        widths = {k.value: c.width for k, c in table.columns.items()}
        assert widths["claim"] >= 28 and sum(widths.values()) + 2 * len(widths) <= 80
        await pilot.press("enter")
        await settle(app, pilot)
        members = app.screen.query_one("#members")
        widths = {k.value: c.width for k, c in members.columns.items()}
        assert widths["wording"] >= 40 and sum(widths.values()) + 2 * len(widths) <= 80
        await pilot.press("F")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        framing = app.screen.query_one("#framing")
        # Each outlet's sentence is there whole, wrapped, not cut at 40 characters.
        for i, row in enumerate(app.screen.comparison.rows):
            cells = framing.get_row_at(i)
            assert str(cells[-1]) == row.context
            assert framing.rows[framing.ordered_rows[i].key].height > 1


async def test_notices_never_cover_the_status_column(seeded):
    from textual.widgets._toast import Toast

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        table = app.screen.query_one("#clusters")
        status = next(c for k, c in table.columns.items() if k.value == "status")
        status_x = table.region.right - status.get_render_width(table) - 2
        toasts = list(app.screen.query(Toast))
        assert toasts and all(t.region.right <= status_x for t in toasts)


async def test_a_misattribution_is_worded_as_the_cli_words_it(db_url, tracker, tmp_path: Path):
    words = "We will never accept a deal that leaves our farmers without any protection at all."
    (tmp_path / "a.txt").write_text(f'Sen. Ann Lee said: "{words}"\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(f'Gov. Tom Reyes said: "{words}"\n', encoding="utf-8")
    assert tracker("ingest", str(tmp_path / "a.txt"), "--outlet", "One").exit_code == 0
    assert tracker("ingest", str(tmp_path / "b.txt"), "--outlet", "Two").exit_code == 0
    shown = tracker("show", "1").output
    warning = next(line for line in shown.splitlines() if "misattribution" in line)
    db = open_database(db_url)
    app = ReviewApp(db, "tester")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert str(app.screen.query_one("#warning").render()) == warning.strip()
    db.dispose()
    assert "Ann Lee" in warning and "Tom Reyes" in warning


async def test_a_verdict_key_right_after_escape_never_judges_a_hidden_search_result(seeded):
    # Escape clears the search; until the full list is back, the rows on screen are the
    # old results. A verdict key pressed then must not land on one of them, which the
    # reloaded list no longer shows.
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        first_of_all = screen.order[0]
        await search(app, pilot, "missile attack warning system")
        result = screen.order[0]
        assert result != first_of_all
        await pilot.press("down", "up", "slash")  # moved in the list, then back to the box
        before = statuses(seeded)
        # A quick "escape, v": v arrives as soon as the list has the focus again, well
        # before a reload of the whole list could be in.
        table = screen.query_one("#clusters")
        app.post_message(events.Key("escape", None))
        while app.focused is not table:
            await asyncio.sleep(0.001)
        app.post_message(events.Key("v", "v"))
        await settle(app, pilot)
        assert screen.query_one("#search").value == ""
        assert statuses(seeded)[result] == before[result] == Status.UNREVIEWED
        judged = {c for c, s in statuses(seeded).items() if s != before[c]}
        assert judged <= {first_of_all}
        # Escape on the list with nothing to clear leaves the cursor where it is.
        screen.query_one("#clusters").move_cursor(row=3)
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.query_one("#clusters").cursor_row == 3


async def test_ctrl_z_in_a_text_box_never_takes_a_verdict_back(seeded):
    # Ctrl+z in a box where the reviewer types means "undo my typing"; it must not
    # quietly undo the last verdict on some cluster.
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        await pilot.press("v")
        await settle(app, pilot)
        assert status_of(seeded, cid) == Status.VERIFIED
        await pilot.press("slash", *"putin", "ctrl+z")
        await settle(app, pilot)
        assert status_of(seeded, cid) == Status.VERIFIED
        await pilot.press("escape", "home", "e")
        await settle(app, pilot)
        await pilot.press(*"https://", "ctrl+z")
        await settle(app, pilot)
        assert status_of(seeded, cid) == Status.VERIFIED
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("ctrl+z")  # on the list it undoes, as the footer says
        await settle(app, pilot)
        assert status_of(seeded, cid) == Status.UNREVIEWED


def _fits(table) -> bool:
    """Every column of the table is in view: nothing is cut at the right edge."""
    return table.virtual_size.width <= table.scrollable_content_region.width


async def _detail_tables(app, pilot) -> dict[str, list[int]]:
    heights = {}
    for name in ("#members", "#suggestions"):
        table = app.screen.query_one(name)
        assert table.row_count and _fits(table), name
        heights[name] = [table.rows[r.key].height for r in table.ordered_rows]
    return heights


async def test_a_resized_cluster_shows_every_quote_whole(seeded):
    # Rows as tall as their wording: after a resize their heights are those of the new
    # width, never those of the old one (cut words when narrower, gaps when wider).
    fresh = {}
    for size in [(125, 45), (160, 45)]:
        app = ReviewApp(seeded, "tester")
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            fresh[size] = await _detail_tables(app, pilot)
    assert fresh[(125, 45)] != fresh[(160, 45)]
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("down")
        for size in [(125, 45), (160, 45)]:
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert await _detail_tables(app, pilot) == fresh[size], size
        assert app.screen.query_one("#members").cursor_row == 1  # the cursor stays


async def test_at_80_columns_what_tells_a_suggestion_apart_is_in_view(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await _detail_tables(app, pilot)
        table = app.screen.query_one("#suggestions")
        shown = " ".join(str(c) for i in range(table.row_count) for c in table.get_row_at(i))
        for sg in app.screen.detail.suggestions:
            assert sg.differs and sg.differs in shown


async def test_the_article_opens_with_the_quote_in_view(db_url, tmp_path: Path):
    from textual.geometry import Region

    filler = " ".join(f"Paragraph {i} is about tides, ferries and the weather." for i in range(40))
    page = tmp_path / "harbour.txt"
    page.write_text(
        f"Harbour news\n\n{filler}\n\nMayor Ida Brenner said: "
        '"The new pier will never carry heavy trucks at night."\n\nThe end.\n',
        encoding="utf-8",
    )
    db = open_database(db_url)
    ingest(db, [page])
    app = ReviewApp(db, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        scroll, text = app.screen.query_one("#article"), app.screen.query_one("#article-text")
        top = int(scroll.scroll_y) - text.virtual_region.y  # the text's first line in view
        end = top + scroll.scrollable_content_region.height
        visible = text.render_lines(Region(0, max(0, top), text.size.width, end - max(0, top)))
        assert "never carry heavy trucks" in " ".join(strip.text for strip in visible)
    db.dispose()


async def test_escape_in_the_watchlist_phrase_box_cancels_the_phrase_only(seeded):
    # The box says "escape cancels": it closes the box, not the watchlist.
    from tracker.tui.screens.watchlist import WatchlistScreen

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        await pilot.press("plus", *"half a phr", "escape")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, WatchlistScreen) and screen.phrases == []
        box = screen.query_one("#new-phrase")
        assert not box.display and box.value == "" and screen.query_one("#phrases").has_focus
        await pilot.press("escape")  # now back to the list
        await settle(app, pilot)
        assert isinstance(app.screen, ClusterListScreen)


async def test_at_80_columns_a_long_search_never_pushes_the_marks_off_the_status_line(seeded):
    from textual.geometry import Region

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "space")
        await search(app, pilot, 'speaker:"wang wenbin" outlet:"memri" strategic partnership')
        line = app.screen.query_one("#list-status")
        shown = " ".join(strip.text for strip in line.render_lines(Region(0, 0, *line.size)))
        assert "2 marked" in shown and "M merges" in shown


async def test_a_note_pasted_with_windows_line_breaks_keeps_plain_ones(seeded):
    from textual.widgets import TextArea

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        cid = app.screen.highlighted().id
        await pilot.press("n")
        await settle(app, pilot)
        app.post_message(
            events.Paste("Checked the transcript.\r\nSee page 2.\rAsked the ministry.")
        )
        await settle(app, pilot)
        assert app.screen.query_one(TextArea).text.endswith(
            "Checked the transcript.\nSee page 2.\nAsked the ministry."
        )
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        with seeded.Session() as s:
            assert s.get(Cluster, cid).note == (
                "Checked the transcript.\nSee page 2.\nAsked the ministry."
            )


@pytest.mark.parametrize(
    ("key", "typed"), [("n", "Two sources agree"), ("e", "https://example.org/transcript")]
)
async def test_ctrl_q_while_typing_a_note_or_link_asks_before_losing_it(seeded, key, typed):
    from tracker.tui.screens.prompts import Confirm, TypingPrompt

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(key)  # the note editor, or the evidence-link box
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TypingPrompt)
        await pilot.press(*typed, "ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is prompt and prompt.focused is not None
        box = prompt.focused
        assert getattr(box, "text", None) == typed or getattr(box, "value", None) == typed
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_in_an_untouched_evidence_box_quits_at_once(seeded):
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_the_command_palette_offers_only_what_the_focus_allows(seeded):
    # A verdict chosen in the palette while the search box has the focus did nothing,
    # silently: the palette offers it only where its key would act.
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)

        def offered() -> set[str]:
            return {c.title for c in app.get_system_commands(app.screen)}

        assert {"Verified", "Disputed", "Merge marked", "Note", "Undo"} <= offered()
        await pilot.press("slash", *"putin")
        await pilot.pause()
        assert not {"Verified", "Disputed", "Merge marked", "Note", "Undo"} & offered()
        assert {"Sort", "Help", "Quit"} <= offered()


async def test_the_open_command_palette_offers_undo_and_one_quit(seeded):
    # With the palette open its own box has the focus: Undo was left out as if the
    # reviewer were typing in the search, and Quit was listed twice.
    from textual.command import CommandPalette

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        below = app.screen_stack[-2]
        titles = [c.title for c in app.get_system_commands(below)]
        assert "Undo" in titles and "Verified" in titles
        assert titles.count("Quit") == 1


async def test_one_ctrl_z_takes_back_a_whole_merge_of_three(seeded):
    # One M, one "y": one change for the reviewer, taken back by one ctrl+z.
    app = ReviewApp(seeded, "tester")
    said = record_notices(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        screen = app.screen
        three = set(screen.order[:3])
        await pilot.press("space", "space", "space", "M")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert len(three & set(statuses(seeded))) == 1
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert three <= set(statuses(seeded))
        assert three <= set(screen.order)
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert said and "nothing to undo" in said[-1]


def _marks_shown(table) -> int:
    return sum(
        str(table.get_row_at(i)[table.get_column_index("mark")]) == "●"
        for i in range(table.row_count)
    )


async def test_a_refused_split_keeps_the_marks_it_shows(seeded):
    app = ReviewApp(seeded, "tester")
    said = record_notices(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one("#members")
        n = table.row_count
        await pilot.press("home", *["space"] * n, "S")  # every quote: refused
        await settle(app, pilot)
        assert "empty cluster" in said[-1]
        assert len(screen.marked) == _marks_shown(table) == n
        assert f"{n} quotes marked" in screen.sub_title
        await pilot.press("home", "space", "S")  # all but the first: split off
        await settle(app, pilot)
        assert table.row_count == 1
        assert not screen.marked and _marks_shown(table) == 0
        assert screen.sub_title == f"cluster {screen.cluster_id}"


async def test_a_failed_merge_leaves_no_marks_on_screen_that_are_gone(seeded):
    from tracker import review

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        screen = app.screen
        a = screen.order[0]
        await pilot.press("space", "space", "M")
        await settle(app, pilot)
        with seeded.Session.begin() as s:  # another reviewer, meanwhile
            review.set_verdict(s, a, "disputed", reviewer="bob")
        await pilot.press("y")
        await settle(app, pilot)
        assert len(set(screen.order[:2]) & set(statuses(seeded))) == 2  # nothing merged
        table = screen.query_one("#clusters")
        assert _marks_shown(table) == len(screen.marked)
        assert ("marked" in str(screen.query_one("#list-status").render())) == bool(screen.marked)


async def test_watchlist_hits_are_shown_whole_at_80_and_160_columns(seeded):
    for size in [(80, 24), (160, 45)]:
        app = ReviewApp(seeded, "tester")
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await pilot.press("w")
            await settle(app, pilot)
            if not app.screen.phrases:
                await pilot.press("plus", *"no upper limit", "enter")
                screen = app.screen
                await settle_until(app, pilot, lambda: screen.hits)  # noqa: B023 (awaited here)
            table = app.screen.query_one("#hits")
            assert app.screen.hits and _fits(table), size
            for i, hit in enumerate(app.screen.hits):
                assert hit.text[:200] in " ".join(str(c) for c in table.get_row_at(i)), size


async def test_at_80_columns_the_footer_shows_help_and_quit(seeded):
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    def in_view(app) -> set[str]:
        footer = app.screen.query_one(Footer)
        keys = list(footer.query(FooterKey))
        palette = next(k for k in keys if k.has_class("-command-palette"))
        return {
            k.key
            for k in keys
            if k is not palette and k.region.width and k.region.right <= palette.region.x
        }

    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert {"question_mark", "q"} <= in_view(app)  # the list
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ClusterDetailScreen)
        assert {"question_mark", "q"} <= in_view(app)
        # Keys left out of the footer to make room are still on the help screen.
        await pilot.press("escape", "question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        text = app.export_screenshot().replace("&#160;", " ")
        assert "Reload" in text and "Unmark all" in text


def test_a_clipped_cell_says_when_its_text_goes_on():
    from rich.console import Console

    from tracker.tui.widgets.tables import Clipped

    console = Console(width=20, record=True)

    def lines(text: str) -> list[str]:
        with console.capture() as out:
            console.print(Clipped(text, 2))
        return out.get().rstrip("\n").split("\n")

    assert lines("two lines in all, no more") == ["two lines in all, no", "more"]
    cut = lines("a claim that runs on well past the two lines the cell has")
    assert len(cut) == 2 and cut[1].endswith("…") and all(len(x) <= 20 for x in cut)
    long_word = lines("x" * 60)  # no space to wrap at: still two lines, cut with the sign
    assert len(long_word) == 2 and long_word[1].endswith("…")


async def test_a_terminal_60_columns_wide_still_shows_each_verdict(seeded):
    from tracker import review

    with seeded.Session.begin() as s:
        first = cluster_summaries(s, ClusterFilter())[0].id
        review.set_verdict(s, first, "verified", reviewer="ann")
    app = ReviewApp(seeded, "tester")
    async with app.run_test(size=(60, 22)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#clusters")
        # Every column fits, the verdict abbreviated; wider, it is written out again.
        assert sum(c.width + 2 for c in table.columns.values()) <= 60
        assert str(table.get_cell(str(first), "status")) == "verif"
        await pilot.resize_terminal(90, 24)
        await settle_until(app, pilot, lambda: app.screen.layout_mode == "narrow")
        assert str(table.get_cell(str(first), "status")) == "verified"


async def test_a_read_only_database_is_browsed_and_a_verdict_is_refused_not_lost(
    seeded_sqlite, tmp_path, monkeypatch
):
    import shutil

    db_path = tmp_path / "claims.db"
    shutil.copy(seeded_sqlite, db_path)
    deny_writes(monkeypatch, db_path)
    db = open_database(f"sqlite:///{db_path}")
    app = ReviewApp(db, "tester")
    said = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "read-only" in app.sub_title
        cid = app.screen.order[0]
        await pilot.press("v")
        await settle_until(app, pilot, lambda: any("not saved" in n for n in said))
        assert any("read-only" in n for n in said)
        assert app.screen.rows[cid].status == "unreviewed"
    assert status_of(db, cid) == Status.UNREVIEWED
    db.dispose()
