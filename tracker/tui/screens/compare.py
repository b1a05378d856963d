"""Framing comparison: how each outlet carried the same statement, side by side."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tracker.compare import Comparison, compare
from tracker.safe import terminal_safe


def timeline_text(comparison: Comparison) -> Text:
    """A small timeline: one mark per outlet, in the order they carried it."""
    text = Text("Timeline  ", style="bold")
    for i, (date, outlet) in enumerate(comparison.timeline):
        if i:
            text.append(" ── ", style="dim")
        text.append("● ", style="cyan")
        text.append(f"{date or 'undated'} ", style="bold")
        text.append(terminal_safe(outlet))
    return text


class CompareScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def __init__(self, cluster_id: int) -> None:
        super().__init__()
        self.cluster_id = cluster_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="compare-claim", markup=False)
        yield Static(id="timeline", markup=False)
        yield DataTable(id="framing", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for col in (
            "date",
            "outlet",
            "speaker as named",
            "verb",
            "quoted",
            "charged words",
            "sentence around it",
        ):
            table.add_column(col)
        self.run_worker(self._load, thread=True, exit_on_error=False)

    def _load(self) -> None:
        with self.app.db.Session() as session:
            comparison = compare(session, self.cluster_id)
        self.app.call_from_thread(self._show, comparison)

    def _show(self, comparison: Comparison | None) -> None:
        if comparison is None:
            if self.app.screen is self:
                self.app.pop_screen()
            return
        self.sub_title = f"framing of cluster {self.cluster_id}"
        self.query_one("#compare-claim", Static).update(
            Text.assemble(("Claim: ", "bold"), terminal_safe(comparison.claim[:500]))
        )
        self.query_one("#timeline", Static).update(timeline_text(comparison))
        table = self.query_one(DataTable)
        table.clear()
        for r in comparison.rows:
            table.add_row(
                Text(r.published or "—"),
                Text(terminal_safe(r.outlet or "—")),
                Text(terminal_safe(r.speaker_as_named or r.speaker or "—")),
                Text(terminal_safe(r.cue or "—")),
                Text(r.coverage + (f" ({terminal_safe(r.differs)})" if r.differs else "")),
                Text(", ".join(r.charged) or "—", style="bold red" if r.charged else "dim"),
                Text(terminal_safe(r.context[:300])),
            )
