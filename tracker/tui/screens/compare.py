"""Framing comparison: how each outlet carried the same statement, side by side."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from tracker.compare import Comparison, compare
from tracker.safe import terminal_safe
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.tables import RowTable, keep_in_view, layout_mode, set_columns


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


class CompareScreen(TrackerScreen):
    """Every outlet's version, wrapped in full: reading the framing is the point here."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    # Wide: a column per fact. Narrow: the facts stacked beside the sentence.
    WIDE = [
        ("date", "date", 10),
        ("outlet", "outlet", 14),
        ("speaker", "speaker as named", 18),
        ("verb", "verb", 11),
        ("quoted", "quoted", 16),
        ("charged", "charged words", 13),
        ("sentence", "sentence around it", 0),
    ]
    NARROW = [
        ("facts", "outlet · who · how", 24),
        ("sentence", "sentence around it", 0),
    ]

    def __init__(self, cluster_id: int) -> None:
        super().__init__()
        self.cluster_id = cluster_id
        self.comparison: Comparison | None = None
        self.layout_mode = ""  # "narrow" or "wide" once laid out for the terminal's width

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="compare-body"):
            yield Static(id="compare-claim", markup=False)
            yield Static(id="timeline", markup=False)
            yield RowTable(id="framing", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self._layout()
        self.query_one(DataTable).focus()
        self.read(lambda session: compare(session, self.cluster_id), self._show)

    @on(DataTable.RowHighlighted)
    def _follow_cursor(self, event: DataTable.RowHighlighted) -> None:
        keep_in_view(self.query_one("#compare-body", VerticalScroll), event)

    def _mode(self) -> str:
        return layout_mode(self.size.width)

    def _layout(self) -> None:
        table = self.query_one(DataTable)
        self.layout_mode = self._mode()
        columns = self.NARROW if self.layout_mode == "narrow" else self.WIDE
        set_columns(table, columns, self.size.width, least=30, margin=4)
        if self.comparison is not None:
            self._fill(self.comparison)

    def on_resize(self) -> None:
        self._layout()

    def _show(self, comparison: Comparison | None) -> None:
        if comparison is None:
            if self.app.screen is self:
                self.app.pop_screen()
            return
        self.comparison = comparison
        self.sub_title = f"framing of cluster {self.cluster_id}"
        self.query_one("#compare-claim", Static).update(
            Text.assemble(("Claim: ", "bold"), terminal_safe(comparison.claim))
        )
        self.query_one("#timeline", Static).update(timeline_text(comparison))
        self._fill(comparison)

    def _fill(self, comparison: Comparison) -> None:
        table = self.query_one(DataTable)
        table.clear()
        narrow = self.layout_mode == "narrow"
        for r in comparison.rows:
            date = r.published or "undated"
            outlet = terminal_safe(r.outlet or "unknown outlet")
            named = terminal_safe(r.speaker_as_named or r.speaker or "no speaker")
            verb = terminal_safe(r.cue or "no verb")
            quoted = r.coverage + (f": {terminal_safe(r.differs)}" if r.differs else "")
            charged = Text(", ".join(r.charged) or "none", style="bold red" if r.charged else "dim")
            sentence = Text(terminal_safe(r.context))
            if narrow:
                facts = Text.assemble(
                    (outlet, "bold"),
                    f" · {date}\n",
                    named,
                    "\n",
                    (verb, "italic"),
                    f" · {quoted}\n",
                    "charged: ",
                    charged,
                )
                cells = [facts, sentence]
            else:
                cells = [
                    Text(date),
                    Text(outlet),
                    Text(named),
                    Text(verb),
                    Text(quoted),
                    charged,
                    sentence,
                ]
            table.add_row(*cells, height=None)  # wrapped in full, never cut
