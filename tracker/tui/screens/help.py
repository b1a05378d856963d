"""The help screen: every key of the screen below it and of the app, from their bindings."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(show_header=True, expand=True, box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("key", no_wrap=True)
        table.add_column("what it does", ratio=1)
        for binding in list(self.under.BINDINGS) + list(self.app.BINDINGS):
            if isinstance(binding, Binding) and binding.description:
                key = binding.key_display or binding.key
                table.add_row(Text(key), Text(binding.description))
        table.add_row(Text("ctrl+p"), Text("command palette: every action by name"))
        table.add_row(Text("↑ ↓"), Text("move in a list or table"))
        table.add_row(Text("pgup pgdn"), Text("a screenful up or down"))
        table.add_row(Text("home end"), Text("first or last row (the whole list loads)"))
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys on this screen", style="bold"))
            yield Static(table)
            yield Static(Text("↑↓ scroll · escape closes this screen", style="dim"))

    def action_dismiss(self) -> None:  # type: ignore[override]  # closes at once, no result
        self.dismiss(None)
