"""Row tables the reviewer moves through with the keys a list should have."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable


class RowTable(DataTable):
    """A DataTable whose Home and End go to the first and last row (not the first and
    last column, as DataTable's do); Page Up and Page Down move a screenful."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    class WantsEnd(Message):
        """End was pressed: a list that loads page by page should load the rest."""

    def action_scroll_bottom(self) -> None:
        super().action_scroll_bottom()
        self.post_message(self.WantsEnd())
