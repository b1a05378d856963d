"""The cluster list: every claim cluster, unreviewed and widest spread first.

Rows load a page at a time in a worker as the cursor nears the end, so the
screen is usable at once on a large database. The search box (`/`) takes
words to match fuzzily plus filters: ``status:verified speaker:putin
outlet:memri``, a value with spaces in quotes (``outlet:"south china"``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from tracker import review
from tracker.browse import (
    SORTS,
    ClusterDetail,
    ClusterFilter,
    ClusterReview,
    ClusterRow,
    check_names,
    cluster_counts,
    cluster_page,
    search_clusters,
    speaker_label,
)
from tracker.errors import NotFound
from tracker.safe import terminal_safe
from tracker.tui.messages import ClusterChanged, ListPage
from tracker.tui.screens.review_actions import ReviewActions
from tracker.tui.verdicts import STATUS_SHORT, STATUS_STYLE, VERDICT_BINDINGS
from tracker.tui.widgets.tables import Clipped, RowTable, layout_mode, set_columns

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from textual.timer import Timer

PAGE = 200


# A filter, its value quoted when it holds spaces (the closing quote may still be to
# come while the reviewer types), or a word to match.
_TOKEN = re.compile(
    r'(?P<key>status|speaker|outlet|has):(?:"(?P<quoted>[^"]*)"?|(?P<value>\S+))|\S+'
)


def parse_query(query: str) -> tuple[str, dict[str, str]]:
    """'status:verified speaker:putin no upper limit' → ('no upper limit', {...});
    'outlet:"south china" speaker:"xi jinping"' filters by values with spaces."""
    words, filters = [], {}
    for m in _TOKEN.finditer(query):
        value = m.group("quoted") if m.group("quoted") is not None else m.group("value")
        if m.group("key") and value and value.strip():
            filters[m.group("key")] = value.strip()
        elif not m.group("key"):
            words.append(m.group(0))
    return " ".join(words), filters


def merge_summary(summaries: list[ClusterDetail]) -> Text:
    """What a merge will bring together: each cluster's claim, speakers, outlets, quotes."""
    out = Text()
    speakers = {s for d in summaries for s in d.speakers}
    if len(speakers) > 1:
        out.append(
            "⚠ These clusters credit different speakers: "
            + "; ".join(
                f"{d.id}: {terminal_safe(', '.join(d.speakers) or 'no speaker')}" for d in summaries
            )
            + "\n\n",
            style="bold yellow",
        )
    for d in summaries:
        outlets = sorted({m.outlet or "unknown outlet" for m in d.members})
        out.append(f"{d.id}", style="bold")
        out.append(f"  {d.status} · {len(d.members)} quotes · ")
        out.append(terminal_safe(", ".join(outlets)))
        out.append(" · " + terminal_safe(", ".join(d.speakers) or "no speaker") + "\n")
        claim = terminal_safe(d.claim.replace("\n", " "))
        out.append("   " + (claim[:300] + ("…" if len(claim) > 300 else "")) + "\n")
    return out


class ClusterListScreen(ReviewActions):
    page_size = PAGE  # rows per page loaded as the cursor nears the end
    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("slash", "search", "Search/filter", key_display="/", id="search"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("s", "cycle_sort", "Sort", id="sort"),
        Binding("h", "toggle_scare", "Scare quotes & non-claims", id="scare"),
        Binding("space", "mark", "Mark", id="mark"),
        Binding("M", "merge", "Merge marked", id="merge"),
        Binding("U", "unmark", "Unmark all", id="unmark", show=False),
        Binding("n", "note", "Note", id="note"),
        Binding("e", "evidence", "Evidence", id="evidence"),
        Binding("F", "compare", "Compare outlets", id="compare"),
        Binding("w", "watchlist", "Watchlist", id="watchlist"),
        Binding("ctrl+r", "reload", "Reload", id="reload", show=False),
        *VERDICT_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "spread"
        self.filter = ClusterFilter()
        self.query_text = ""
        self.rows: dict[int, ClusterRow] = {}
        self.order: list[int] = []
        self.marked: set[int] = set()
        self.generation = 0
        self.exhausted = False
        self.loading = False
        self.restore_row = 0
        self.restore_id: int | None = None
        self._search_timer: Timer | None = None
        # Set when Enter leaves the search box: letters typed next still belong to the
        # search, never to verdict keys, until the reviewer moves in the list.
        self.typing = False
        self.counts = (0, 0)  # (clusters matching, of which reviewed)
        # A status filter that names no status ("status:verifed"): the list shows nothing
        # and says so, rather than every cluster as if they were the ones asked for.
        self.bad_status: str | None = None
        self.problem: str | None = None  # what the search's filters name that is not there
        self.to_end = False  # End pressed: go to the last row once the rest is in
        self.layout_mode = ""  # "compact", "narrow" or "wide" once laid out for its width

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=(
                'words · status:verified · speaker:putin · outlet:"south china" · has:suggestions'
            ),
            id="search",
            select_on_focus=False,  # coming back to the box goes on typing, never replaces
        )
        yield RowTable(id="clusters", cursor_type="row", zebra_stripes=True)
        yield Static("", id="list-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.query_one("#search").display = False
        self._layout()
        table.focus()
        self.reload()

    # Columns by terminal width: (key, label, width); the claim takes what is left.
    # Narrow terminals keep what a reviewer needs to choose (claim, speaker, spread,
    # status) and give the claim two lines; the first-seen date waits for the detail.
    WIDE = [
        ("id", "id", 6),
        ("mark", "", 1),
        ("claim", "claim", 0),
        ("speaker", "speaker", 22),
        ("outlets", "outlets", 7),
        ("quotes", "quotes", 6),
        ("first", "first seen", 10),
        ("status", "status", 14),
    ]
    NARROW = [
        ("id", "id", 4),
        ("mark", "", 1),
        ("claim", "claim", 0),
        ("speaker", "speaker", 13),
        ("spread", "out/qts", 7),
        ("status", "status", 13),
    ]

    # Below 72 columns the narrow layout's status would be pushed off the screen: the
    # verdict is abbreviated ("verif", "unrev") and the speaker column narrower.
    COMPACT = [
        ("id", "id", 4),
        ("mark", "", 1),
        ("claim", "claim", 0),
        ("speaker", "speaker", 10),
        ("spread", "out/qts", 7),
        ("status", "status", 6),
    ]
    COMPACT_BELOW = 72

    def _mode(self) -> str:
        if self.size.width < self.COMPACT_BELOW:
            return "compact"
        return layout_mode(self.size.width)

    def _layout(self) -> None:
        """(Re)build the columns for the terminal's width, keeping rows and cursor."""
        table = self.query_one(DataTable)
        self.layout_mode = self._mode()
        columns = {"narrow": self.NARROW, "compact": self.COMPACT}.get(self.layout_mode, self.WIDE)
        row = table.cursor_row
        set_columns(table, columns, self.size.width, least=self._least_claim(), margin=2)
        for cid in self.order:
            table.add_row(*self._cells(self.rows[cid]), key=str(cid), height=self._row_height())
        if self.order:
            table.move_cursor(row=min(row, len(self.order) - 1))

    def _least_claim(self) -> int:
        """The claim's narrowest column: two lines of it still tell claims apart."""
        return 14 if self.layout_mode == "compact" else 20

    def _row_height(self) -> int:
        return 1 if self.layout_mode == "wide" else 2

    def on_resize(self) -> None:
        if self._mode() != self.layout_mode:
            self._layout()
            return
        table = self.query_one(DataTable)
        fixed = sum(c.width for k, c in table.columns.items() if k.value != "claim")
        claim = next(k for k in table.columns if k.value == "claim")
        table.columns[claim].width = max(
            self._least_claim(), self.size.width - fixed - 2 * len(table.columns) - 2
        )
        table.refresh()

    # --- loading -----------------------------------------------------------------

    def reload(self, keep_cluster: bool = False, first: bool = False) -> None:
        """Reload from the database; the cursor stays on the same row, or the same cluster,
        or (``first``, after a search) goes to the first result."""
        table = self.query_one(DataTable)
        self.restore_row = 0 if first else table.cursor_row
        current = self.highlighted()
        self.restore_id = current.id if keep_cluster and current else None
        self.generation += 1
        self.rows.clear()
        self.order.clear()
        self.exhausted = False
        self.query_one(DataTable).clear()
        self._fetch(0)

    def _fetch(self, offset: int, limit: int | None = None) -> None:
        limit = self.page_size if limit is None else limit
        self.loading = True
        generation, flt, sort, text = self.generation, self.filter, self.sort, self.query_text
        bad_status = self.bad_status

        def query(session: Session) -> ListPage:
            nonlocal flt
            if bad_status:
                return ListPage([], offset, generation, (0, 0), limit, bad_status)
            if text:
                flt = replace(flt, ids=search_clusters(session, text))
            rows = cluster_page(session, flt, sort, offset, limit)
            counts = cluster_counts(session, flt) if offset == 0 else None
            problem = None
            if offset == 0 and not rows:
                try:  # a name no speaker or outlet has: why nothing was found
                    check_names(session, outlet=flt.outlet, speaker=flt.speaker)
                except NotFound as exc:
                    problem = str(exc)
            if text and offset == 0 and flt.ids is not None:
                rank = {cid: i for i, cid in enumerate(flt.ids)}
                rows.sort(key=lambda r: rank.get(r.id, 0))
            return ListPage(rows, offset, generation, counts, limit, problem)  # limit 0: all

        # A new first page makes any older load moot.
        self.read(query, self.show_rows, group="list", exclusive=offset == 0)

    def show_rows(self, message: ListPage) -> None:
        if message.generation != self.generation:
            return
        self.loading = False
        table = self.query_one(DataTable)
        for row in message.rows:
            if row.id in self.rows:
                continue
            self.rows[row.id] = row
            self.order.append(row.id)
            table.add_row(*self._cells(row), key=str(row.id), height=self._row_height())
        # A short page, or a load of everything left, ends the list. A page still in
        # flight when End's load-everything arrived must not reopen it.
        self.exhausted = self.exhausted or message.limit == 0 or len(message.rows) < message.limit
        if message.counts is not None:
            self.counts = message.counts
        if message.offset == 0:
            self.problem = message.problem
        if self.to_end and message.limit == 0 and self.order:
            self.to_end = False
            table.move_cursor(row=len(self.order) - 1)
        if message.offset == 0 and self.restore_id in self.rows:
            table.move_cursor(row=self.order.index(self.restore_id))
        elif message.offset == 0 and self.restore_row and self.order:
            # After a verdict the judged cluster moves down; the cursor stays on the
            # row, which now holds the next cluster to review.
            table.move_cursor(row=min(self.restore_row, len(self.order) - 1))
        elif message.offset == 0:
            table.move_cursor(row=0)
        if message.offset == 0:
            self.restore_row, self.restore_id = 0, None
        self._status()

    def _cells(self, row: ClusterRow) -> list[Text | Clipped]:
        claim = terminal_safe(row.claim.replace("\n", " "))
        # "+1": credited to one more speaker; the detail screen says whether that is a
        # spokesman and his ministry or a possible misattribution. Same label as the CLI.
        speaker = terminal_safe(speaker_label(row.speaker, row.speakers))
        label = (
            STATUS_SHORT.get(row.status, row.status)
            if self.layout_mode == "compact"
            else row.status
        )
        status = Text(label, style=STATUS_STYLE.get(row.status, ""))
        if self.layout_mode != "wide":
            return [
                Text(str(row.id)),
                Text("●" if row.id in self.marked else ""),
                Clipped(claim[:300], 2),
                Clipped(speaker, 2),
                Text(f"{row.outlets}/{row.quotes}", justify="right"),
                status,
            ]
        return [
            Text(str(row.id)),
            Text("●" if row.id in self.marked else ""),
            Text(claim[:300], overflow="ellipsis", no_wrap=True),
            Text(speaker, overflow="ellipsis", no_wrap=True),
            Text(str(row.outlets), justify="right"),
            Text(str(row.quotes), justify="right"),
            Text(row.first_seen or "—"),
            status,
        ]

    def _status(self) -> None:
        """Where the reviewer is: totals, sort, filters, scare quotes, marks."""
        total, reviewed = self.counts
        shown = f"{len(self.order)}{'' if self.exhausted else '+'}"
        parts = [
            f"{total} clusters ({total - reviewed} unreviewed, {reviewed} reviewed)"
            + (f", {shown} listed" if len(self.order) != total else "")
        ]
        if self.problem:  # first: it says why the list is empty
            parts.append(terminal_safe(self.problem))
        # Marks right after the counts, the search (as long as the reviewer typed it)
        # last: the line has two rows, and at 80 columns a long search cut the marks off.
        if self.marked:
            hidden = len(self.marked - set(self.order))
            parts.append(
                f"{len(self.marked)} marked ({', '.join(map(str, sorted(self.marked)))}"
                + (f"; {hidden} not in this view" if hidden else "")
                + ") · M merges, U unmarks"
            )
        parts += [
            f"sort: {self.sort} (s)",
            "scare quotes shown (h)" if self.filter.include_scare else "scare quotes hidden (h)",
        ]
        query = self.query_one(Input).value.strip()
        if query:
            parts.append(f"search: {terminal_safe(query)} (esc clears)")
        self.query_one("#list-status", Static).update(" · ".join(parts))

    @on(RowTable.WantsEnd)
    def _to_end(self, event: RowTable.WantsEnd) -> None:
        """End goes to the last cluster, loading the rest of the list if need be."""
        if not self.exhausted:
            self.to_end = True
            self._fetch(len(self.order), limit=0)

    @on(DataTable.RowHighlighted)
    def maybe_load_more(self, event: DataTable.RowHighlighted) -> None:
        if not self.exhausted and not self.loading and event.cursor_row >= len(self.order) - 20:
            self._fetch(len(self.order))

    # --- cursor and actions --------------------------------------------------------

    def highlighted(self) -> ClusterRow | None:
        table = self.query_one(DataTable)
        if not self.order or table.cursor_row >= len(self.order):
            return None
        return self.rows.get(self.order[table.cursor_row])

    def current_cluster(self) -> tuple[int, int] | None:
        row = self.highlighted()
        return (row.id, row.version) if row else None

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        from tracker.tui.screens.cluster_detail import ClusterDetailScreen

        row = self.highlighted()
        if row:
            self.app.push_screen(ClusterDetailScreen(row.id))

    def action_compare(self) -> None:
        from tracker.tui.screens.compare import CompareScreen

        row = self.highlighted()
        if row:
            self.app.push_screen(CompareScreen(row.id))

    def action_watchlist(self) -> None:
        from tracker.tui.screens.watchlist import WatchlistScreen

        self.app.push_screen(WatchlistScreen())

    def action_search(self) -> None:
        # Letters that came in one burst with "/" (a paste, a laggy link) are in the box
        # already (``on_key``), never verdict keys: the box goes on from them.
        self.typing = True
        box = self.query_one(Input)
        box.display = True
        box.cursor_position = len(box.value)
        box.focus()

    def action_clear_search(self) -> None:
        self.typing = False
        box = self.query_one(Input)
        box.value = ""
        box.display = False
        self.query_one(DataTable).focus()
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        # Reload at once, not after the typing pause: until then the rows on screen are
        # the search's, and a verdict key would judge a result the full list hides.
        cleared = ClusterFilter(include_scare=self.filter.include_scare)
        if self.query_text or self.filter != cleared or self.bad_status:
            self.query_text, self.filter, self.bad_status = "", cleared, None
            self.reload(first=True)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        text, filters = parse_query(event.value)
        status, bad_status = filters.get("status"), None
        if status:
            try:
                status = review.parse_status(status).value
            except review.ReviewError as exc:
                status, bad_status = None, str(exc)
        wanted = ClusterFilter(
            status=status,
            speaker=filters.get("speaker"),
            outlet=filters.get("outlet"),
            include_scare=self.filter.include_scare,
            suggested=filters.get("has", "").lower().startswith("suggest"),
        )
        if (text, wanted, bad_status) == (self.query_text, self.filter, self.bad_status):
            return  # nothing new to look for (escape has already reloaded the full list)
        self.query_text, self.filter, self.bad_status = text, wanted, bad_status
        # Wait for a pause in typing: one search per word, not one per keystroke.
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(0.25, partial(self.reload, first=True))

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:  # search now, not after the pause
            self._search_timer.stop()
            self._search_timer = None
            self.reload(first=True)
        self.typing = True  # letters typed next still go on into the search (``on_key``)
        self.query_one(DataTable).focus()

    # Keys that show the reviewer has stopped typing and is working in the list.
    _LIST_KEYS = frozenset(
        "up down pageup pagedown home end enter escape tab shift+tab left right".split()
    )

    def on_key(self, event: events.Key) -> None:
        """Letters typed just after Enter in the search, or in one burst with the "/" that
        opened it, go on into the search box."""
        if event.key == "slash" and self.focused is self.query_one(DataTable):
            # Keys reach this handler before any binding's action runs: the letters queued
            # behind "/" come here before the search opens, and are the search's.
            self.typing = True
            return
        if not self.typing or self.focused is not self.query_one(DataTable):
            return
        if event.key in self._LIST_KEYS:
            self.typing = False
            return
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            box = self.query_one(Input)
            box.display = True
            box.focus()
            box.cursor_position = len(box.value)
            box.insert_text_at_cursor(event.character)

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.reload()

    def action_toggle_scare(self) -> None:
        self.filter = ClusterFilter(
            **{**self.filter.__dict__, "include_scare": not self.filter.include_scare}
        )
        self.reload()

    def action_reload(self) -> None:
        self.reload(keep_cluster=True)

    def action_mark(self) -> None:
        row = self.highlighted()
        if row is None:
            self.notify("no cluster under the cursor", markup=False)
            return
        self.marked ^= {row.id}
        table = self.query_one(DataTable)
        table.update_cell(str(row.id), "mark", Text("●" if row.id in self.marked else ""))
        table.action_cursor_down()
        self._status()

    def action_unmark(self) -> None:
        table = self.query_one(DataTable)
        for cid in self.marked & set(self.rows):
            table.update_cell(str(cid), "mark", Text(""))
        self.marked.clear()
        self._status()

    def action_merge(self) -> None:
        if len(self.marked) < 2:
            self.notify("mark two or more clusters with space, then M", markup=False)
            return
        # What will be merged is read in a worker, then shown once for a yes or no.
        from tracker.browse import cluster_review

        ids = tuple(sorted(self.marked))

        def query(session: Session) -> list[ClusterReview]:
            found = (cluster_review(session, cid) for cid in ids)
            return [r for r in found if r is not None]

        self.read(query, self._confirm_merge, group="merge-preview")

    def _confirm_merge(self, loaded: list[ClusterReview]) -> None:
        summaries = [r.detail for r in loaded]
        versions = {r.detail.id: r.version for r in loaded}
        from tracker.tui.screens.prompts import Confirm

        gone = self.marked - set(versions)
        if gone:
            self.marked -= gone
            self.notify(
                f"clusters {', '.join(map(str, sorted(gone)))} no longer exist; unmarked",
                markup=False,
            )
        if len(summaries) < 2:
            self._status()
            return
        body = merge_summary(summaries)
        target, *others = sorted(versions)

        def answered(yes: bool | None) -> None:
            if yes:
                self._merge(target, others, versions)

        self.app.push_screen(
            Confirm(f"Merge {', '.join(map(str, others))} into {target}?", body, yes="merge"),
            answered,
        )

    def _merge(self, target: int, others: list[int], versions: dict[int, int]) -> None:
        reviewer = self.review_app.reviewer

        def run(session):
            changes = []
            for i, other in enumerate(others):
                # The target's version is checked on the first merge; later ones bump it.
                seen = versions if i == 0 else {**versions, target: None}
                changes.append(
                    review.merge(session, target, other, reviewer=reviewer, expected_versions=seen)
                )
            return changes

        self.action_unmark()  # on screen too: a merge refused would leave stale marks
        self.review_app.perform(
            f"merged {', '.join(map(str, others))} into {target} (ctrl+z undoes)", run
        )

    @on(ClusterChanged)
    def _changed(self, message: ClusterChanged) -> None:
        self.reload()
