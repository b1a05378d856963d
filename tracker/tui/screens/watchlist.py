"""The watchlist: watched phrases, and every quote or passage that matches one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from tracker.safe import terminal_safe
from tracker.tui.screens.base import TrackerScreen


class WatchlistScreen(TrackerScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("plus", "add", "Watch a phrase", key_display="+", id="watch-add"),
        Binding("delete", "remove", "Stop watching", id="watch-remove"),
        Binding("ctrl+r", "reload", "Reload", id="reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.phrases: list[tuple[int, str]] = []
        self.hits: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="a phrase to watch, then enter (escape cancels)", id="new-phrase")
        yield DataTable(id="phrases", cursor_type="row")
        yield Static("", id="hits-title", markup=False)
        yield DataTable(id="hits", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "watchlist"
        self.query_one("#new-phrase").display = False
        self.query_one("#phrases", DataTable).add_columns("phrase", "since")
        hits = self.query_one("#hits", DataTable)
        for col in ("kind", "outlet", "date", "cluster", "score", "text"):
            hits.add_column(col)
        self.query_one("#phrases").focus()
        self.action_reload()

    def action_reload(self) -> None:
        from tracker.watch import watched_phrases

        self.read(
            lambda session: [
                (w.id, w.phrase, w.created_at.date().isoformat()) for w in watched_phrases(session)
            ],
            self._show_phrases,
            group="watch",
            exclusive=True,
        )

    def _show_phrases(self, rows) -> None:
        table = self.query_one("#phrases", DataTable)
        table.clear()
        self.phrases = [(pid, phrase) for pid, phrase, _ in rows]
        for pid, phrase, since in rows:
            table.add_row(Text(terminal_safe(phrase)), Text(since), key=str(pid))
        if not rows:
            self.query_one("#hits-title", Static).update("No watched phrases yet: + adds one.")

    @on(DataTable.RowHighlighted, "#phrases")
    def _phrase_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.phrases):
            from tracker.watch import hits

            phrase = self.phrases[event.cursor_row][1]
            self.read(
                lambda session: hits(session, phrase),
                lambda found: self._show_hits(phrase, found),
                group="hits",
                exclusive=True,
            )

    def _show_hits(self, phrase: str, found) -> None:
        self.hits = found
        self.query_one("#hits-title", Static).update(
            Text(
                f"{len(found)} quotes and passages matching “{terminal_safe(phrase)}”"
                " — enter opens a quote's cluster",
                style="bold",
            )
        )
        table = self.query_one("#hits", DataTable)
        table.clear()
        for h in found:
            table.add_row(
                Text(h.kind),
                Text(terminal_safe(h.outlet or "—")),
                Text(h.published or "—"),
                Text(str(h.cluster_id or "")),
                Text(f"{h.score:.0f}"),
                Text(terminal_safe(h.text[:200])),
            )

    @on(DataTable.RowSelected, "#hits")
    def _open_hit(self, event: DataTable.RowSelected) -> None:
        from tracker.tui.screens.cluster_detail import ClusterDetailScreen

        hit = self.hits[event.cursor_row]
        if hit.cluster_id is not None:
            self.app.push_screen(ClusterDetailScreen(hit.cluster_id))
        else:
            self.notify("an unquoted passage: it belongs to no cluster", markup=False)

    @on(DataTable.RowSelected, "#phrases")
    def _focus_hits(self, event: DataTable.RowSelected) -> None:
        self.query_one("#hits").focus()

    def action_back(self) -> None:
        # In the phrase box escape cancels the phrase (as the box says), not the screen.
        box = self.query_one("#new-phrase", Input)
        if box.display:
            box.value = ""
            box.display = False
            self.query_one("#phrases").focus()
        else:
            self.app.pop_screen()

    def action_add(self) -> None:
        box = self.query_one("#new-phrase", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#new-phrase")
    def _add(self, event: Input.Submitted) -> None:
        phrase = event.value.strip()
        event.input.value = ""
        event.input.display = False
        self.query_one("#phrases").focus()
        if phrase:
            from tracker.watch import add_phrase

            self.write("add the phrase", lambda s: add_phrase(s, phrase), self.action_reload)

    def action_remove(self) -> None:
        table = self.query_one("#phrases", DataTable)
        if self.phrases and table.cursor_row < len(self.phrases):
            from tracker.watch import remove_phrase

            phrase = self.phrases[table.cursor_row][1]
            self.write("remove the phrase", lambda s: remove_phrase(s, phrase), self.action_reload)
