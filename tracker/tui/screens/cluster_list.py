"""The cluster list: every claim cluster, unreviewed and widest spread first.

Rows load a page at a time in a worker as the cursor nears the end, so the
screen is usable at once on a large database. The search box (`/`) takes
words to match fuzzily plus filters: ``status:verified speaker:putin
outlet:memri``.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from tracker import review
from tracker.browse import SORTS, ClusterFilter, ClusterRow, cluster_page, search_clusters
from tracker.safe import terminal_safe
from tracker.tui.messages import ClusterChanged, RowsLoaded
from tracker.tui.screens.review_actions import ReviewActions
from tracker.tui.verdicts import STATUS_STYLE, VERDICT_BINDINGS

PAGE = 200


def parse_query(query: str) -> tuple[str, dict[str, str]]:
    """'status:verified speaker:putin no upper limit' → ('no upper limit', {...})."""
    words, filters = [], {}
    for token in query.split():
        key, sep, value = token.partition(":")
        if sep and key in ("status", "speaker", "outlet") and value:
            filters[key] = value
        else:
            words.append(token)
    return " ".join(words), filters


class ClusterListScreen(ReviewActions, Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("slash", "search", "Search/filter", key_display="/", id="search"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("s", "cycle_sort", "Sort", id="sort"),
        Binding("h", "toggle_scare", "Scare quotes", id="scare"),
        Binding("space", "mark", "Mark", id="mark"),
        Binding("M", "merge", "Merge marked", id="merge"),
        Binding("n", "note", "Note", id="note"),
        Binding("e", "evidence", "Evidence", id="evidence"),
        Binding("F", "compare", "Compare outlets", id="compare"),
        Binding("w", "watchlist", "Watchlist", id="watchlist"),
        Binding("ctrl+r", "reload", "Reload", id="reload"),
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
        self._search_timer = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="words to find · status:verified · speaker:putin · outlet:memri",
            id="search",
        )
        yield DataTable(id="clusters", cursor_type="row", zebra_stripes=True)
        yield Static("", id="list-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("id", key="id", width=5)
        table.add_column("", key="mark", width=1)
        table.add_column("claim", key="claim", width=40)
        table.add_column("speaker", key="speaker", width=16)
        table.add_column("out", key="outlets", width=3)
        table.add_column("qts", key="quotes", width=3)
        table.add_column("first seen", key="first", width=10)
        table.add_column("status", key="status", width=14)
        self.query_one("#search").display = False
        table.focus()
        self.reload()

    def on_resize(self) -> None:
        # The claim takes whatever width the fixed columns leave.
        table = self.query_one(DataTable)
        narrow = self.size.width < 100
        for key, wide, small in (("speaker", 16, 12), ("first", 10, 7), ("status", 14, 10)):
            col = next(k for k in table.columns if k.value == key)
            table.columns[col].width = small if narrow else wide
        fixed = sum(c.width for k, c in table.columns.items() if k.value != "claim")
        padding = 2 * len(table.columns) + 2
        table.columns[next(k for k in table.columns if k.value == "claim")].width = max(
            20, self.size.width - fixed - padding
        )
        table.refresh()

    # --- loading -----------------------------------------------------------------

    def reload(self, keep_cluster: bool = False) -> None:
        """Reload from the database; the cursor stays on the same row, or the same cluster."""
        table = self.query_one(DataTable)
        self.restore_row = table.cursor_row
        current = self.highlighted()
        self.restore_id = current.id if keep_cluster and current else None
        self.generation += 1
        self.rows.clear()
        self.order.clear()
        self.exhausted = False
        self.query_one(DataTable).clear()
        self._fetch(0)

    def _fetch(self, offset: int) -> None:
        self.loading = True
        self.run_worker(
            partial(
                self._load_page, offset, self.generation, self.filter, self.sort, self.query_text
            ),
            thread=True,
            group="list",
            exit_on_error=False,
            exclusive=offset == 0,  # a new first page makes any older load moot
        )

    def _load_page(self, offset, generation, flt, sort, text) -> None:
        with self.app.db.Session() as session:
            if text:
                flt = ClusterFilter(**{**flt.__dict__, "ids": search_clusters(session, text)})
            rows = cluster_page(session, flt, sort, offset, PAGE)
        if text and offset == 0 and flt.ids is not None:
            rank = {cid: i for i, cid in enumerate(flt.ids)}
            rows.sort(key=lambda r: rank.get(r.id, 0))
        self.post_message(RowsLoaded(rows, offset, generation))

    @on(RowsLoaded)
    def show_rows(self, message: RowsLoaded) -> None:
        if message.generation != self.generation:
            return
        self.loading = False
        table = self.query_one(DataTable)
        for row in message.rows:
            if row.id in self.rows:
                continue
            self.rows[row.id] = row
            self.order.append(row.id)
            table.add_row(*self._cells(row), key=str(row.id))
        if message.offset == 0:
            self.on_resize()
        self.exhausted = len(message.rows) < PAGE
        if message.offset == 0 and self.restore_id in self.rows:
            table.move_cursor(row=self.order.index(self.restore_id))
        elif message.offset == 0 and self.restore_row and self.order:
            # After a verdict the judged cluster moves down; the cursor stays on the
            # row, which now holds the next cluster to review.
            table.move_cursor(row=min(self.restore_row, len(self.order) - 1))
        if message.offset == 0:
            self.restore_row, self.restore_id = 0, None
        self._status()

    def _cells(self, row: ClusterRow) -> list[Text]:
        claim = terminal_safe(row.claim.replace("\n", " "))
        # "+1": credited to one more speaker; the detail screen says whether that is a
        # spokesman and his ministry or a possible misattribution.
        extra = row.speakers - (1 if row.speaker else 0)
        speaker = terminal_safe(row.speaker or "—") + (f" +{extra}" if extra > 0 else "")
        return [
            Text(str(row.id)),
            Text("●" if row.id in self.marked else ""),
            Text(claim[:200]),
            Text(speaker),
            Text(str(row.outlets), justify="right"),
            Text(str(row.quotes), justify="right"),
            Text(row.first_seen or "—"),
            Text(row.status, style=STATUS_STYLE.get(row.status, "")),
        ]

    def _status(self) -> None:
        parts = [f"{len(self.order)}{'' if self.exhausted else '+'} clusters", f"sort: {self.sort}"]
        if self.query_text or self.filter != ClusterFilter():
            parts.append(f"filter: {terminal_safe(self.query_one(Input).value)}")
        if self.filter.include_scare:
            parts.append("scare quotes shown")
        if self.marked:
            parts.append(f"marked: {', '.join(map(str, sorted(self.marked)))}")
        self.query_one("#list-status", Static).update(" · ".join(parts))

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
        box = self.query_one(Input)
        box.display = True
        box.focus()

    def action_clear_search(self) -> None:
        box = self.query_one(Input)
        box.value = ""
        box.display = False
        self.query_one(DataTable).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        text, filters = parse_query(event.value)
        status = filters.get("status")
        if status:
            try:
                status = review.parse_status(status).value
            except review.ReviewError:
                status = None
        self.query_text = text
        self.filter = ClusterFilter(
            status=status,
            speaker=filters.get("speaker"),
            outlet=filters.get("outlet"),
            include_scare=self.filter.include_scare,
        )
        # Wait for a pause in typing: one search per word, not one per keystroke.
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(0.25, self.reload)

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

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
            return
        self.marked ^= {row.id}
        table = self.query_one(DataTable)
        table.update_cell(str(row.id), "mark", Text("●" if row.id in self.marked else ""))
        table.action_cursor_down()
        self._status()

    def action_merge(self) -> None:
        if len(self.marked) < 2:
            self.notify("mark two or more clusters with space, then M", markup=False)
            return
        target, *others = sorted(self.marked)
        versions = {cid: self.rows[cid].version for cid in self.marked if cid in self.rows}
        reviewer = self.app.reviewer

        def run(session):
            changes = []
            for i, other in enumerate(others):
                # The target's version is checked on the first merge; later ones bump it.
                seen = versions if i == 0 else {**versions, target: None}
                changes.append(
                    review.merge(session, target, other, reviewer=reviewer, expected_versions=seen)
                )
            return changes

        self.marked.clear()
        self.app.perform(f"merged {', '.join(map(str, others))} into {target}", run)

    @on(ClusterChanged)
    def _changed(self, message: ClusterChanged) -> None:
        self.reload()
