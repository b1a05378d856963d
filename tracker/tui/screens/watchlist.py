"""The watchlist: watched phrases, and every quote or passage that matches one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from tracker.safe import terminal_safe
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.tables import layout_mode, set_columns


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
        self.layout_mode = ""  # "narrow" or "wide" once laid out for the terminal's width

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
        self._layout()
        self.query_one("#phrases").focus()
        self.action_reload()

    # The hit's text takes the width left, wrapped: sized to its content it ran off the
    # right edge (at 80 columns after 16 characters). Narrow: the facts stacked.
    WIDE = [
        ("kind", "kind", 7),
        ("outlet", "outlet", 18),
        ("date", "date", 10),
        ("cluster", "cluster", 7),
        ("score", "score", 5),
        ("text", "text", 0),
    ]
    NARROW = [("hit", "hit", 20), ("text", "text", 0)]

    def _layout(self) -> None:
        self.layout_mode = layout_mode(self.size.width)
        columns = self.NARROW if self.layout_mode == "narrow" else self.WIDE
        hits = self.query_one("#hits", DataTable)
        # (margin 4: the scrollbar and the screen's edge)
        set_columns(hits, columns, self.size.width, least=30, margin=4)
        self._fill_hits()

    def on_resize(self) -> None:
        self._layout()

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
        self._fill_hits()

    def _fill_hits(self) -> None:
        table = self.query_one("#hits", DataTable)
        table.clear()
        for h in self.hits:
            outlet = terminal_safe(h.outlet or "—")
            cluster = str(h.cluster_id or "")
            text = Text(terminal_safe(h.text[:200]) + ("…" if len(h.text) > 200 else ""))
            if self.layout_mode == "narrow":
                facts = Text.assemble(
                    (outlet, "bold"),
                    f"\n{h.published or '—'}\n{h.kind} · {h.score:.0f}",
                    f" · cluster {cluster}" if cluster else "",
                )
                cells = [facts, text]
            else:
                cells = [
                    Text(h.kind),
                    Text(outlet),
                    Text(h.published or "—"),
                    Text(cluster),
                    Text(f"{h.score:.0f}"),
                    text,
                ]
            table.add_row(*cells, height=None)

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
        if not self.phrases or table.cursor_row >= len(self.phrases):
            return
        from tracker.tui.screens.prompts import Confirm
        from tracker.watch import remove_phrase

        phrase = self.phrases[table.cursor_row][1]

        def answered(remove: bool | None) -> None:  # (delete sits beside keys used often)
            if remove:
                self.write(
                    "remove the phrase", lambda s: remove_phrase(s, phrase), self.action_reload
                )

        self.app.push_screen(
            Confirm(
                "Stop watching this phrase?",
                Text(terminal_safe(phrase)),
                yes="stop watching",
                no="keep it",
            ),
            answered,
        )
