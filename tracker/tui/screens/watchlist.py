"""The watchlist: watched phrases, and every quote or passage that matches one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from tracker.safe import terminal_safe


class WatchlistScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
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
        self.run_worker(
            self._load_phrases, thread=True, exclusive=True, group="watch", exit_on_error=False
        )

    def _load_phrases(self) -> None:
        from sqlalchemy import select

        from tracker.store.models import WatchPhrase

        with self.app.db.Session() as session:
            rows = [
                (w.id, w.phrase, w.created_at.date().isoformat())
                for w in session.scalars(select(WatchPhrase).order_by(WatchPhrase.id))
            ]
        self.app.call_from_thread(self._show_phrases, rows)

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
            phrase = self.phrases[event.cursor_row][1]
            self.run_worker(
                lambda: self._load_hits(phrase),
                thread=True,
                exclusive=True,
                group="hits",
                exit_on_error=False,
            )

    def _load_hits(self, phrase: str) -> None:
        from tracker.watch import hits

        with self.app.db.Session() as session:
            found = hits(session, phrase)
        self.app.call_from_thread(self._show_hits, phrase, found)

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
            self.run_worker(
                lambda: self._write("add", phrase),
                thread=True,
                group="watch-write",
                exit_on_error=False,
            )

    def action_remove(self) -> None:
        table = self.query_one("#phrases", DataTable)
        if self.phrases and table.cursor_row < len(self.phrases):
            phrase = self.phrases[table.cursor_row][1]
            self.run_worker(
                lambda: self._write("remove", phrase),
                thread=True,
                group="watch-write",
                exit_on_error=False,
            )

    def _write(self, what: str, phrase: str) -> None:
        """Database writes off the UI thread; any failure becomes a message."""
        from tracker.store.db import with_retries
        from tracker.watch import WatchError, add_phrase, remove_phrase

        def transaction() -> None:
            with self.app.db.Session.begin() as session:
                (add_phrase if what == "add" else remove_phrase)(session, phrase)

        try:
            with_retries(transaction)
        except WatchError as exc:
            self.app.call_from_thread(
                self.notify, terminal_safe(str(exc)), severity="warning", markup=False
            )
            return
        except Exception as exc:  # noqa: BLE001 - e.g. two reviewers adding the same phrase
            message = f"could not {what} the phrase: {type(exc).__name__}"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
        self.app.call_from_thread(self.action_reload)
