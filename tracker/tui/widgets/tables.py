"""Row tables the reviewer moves through with the keys a list should have."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.geometry import Region
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


class Clipped:
    """Text for a cell of a fixed number of lines: wrapped to the cell's width and, when it
    needs more lines than the cell has, cut with "…" at the end of the last one (a table
    cuts a wrapped cell off without a sign that the rest is missing)."""

    def __init__(self, text: str, lines: int, style: str = "") -> None:
        self.text, self.lines, self.style = text, lines, style

    def __str__(self) -> str:
        return self.text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        wrapped = list(Text(self.text, style=self.style).wrap(console, width))
        if len(wrapped) > self.lines:
            wrapped = wrapped[: self.lines]
            last = wrapped[-1]
            last.rstrip()
            last.truncate(width - 1)
            last.append("…")
        yield Text("\n").join(wrapped)


# Below this many columns a screen stacks some facts in one cell rather than a column each.
NARROW_BELOW = 120


def keep_in_view(scroll: ScrollableContainer, event: DataTable.RowHighlighted) -> None:
    """Scroll ``scroll`` so that the highlighted row of a table inside it is in view. A
    table that grows to its full height inside a scrolling screen never scrolls itself: at
    80x24 its cursor went below the screen."""
    table = event.data_table
    rows = table.ordered_rows
    if not 0 <= event.cursor_row < len(rows):
        return
    if event.cursor_row == 0:
        # The first row: the top of the screen, with what stands above the table (the
        # claim), as the screen opens; never scrolled away from it on opening.
        scroll.scroll_home(animate=False)
        return
    top = table.header_height if table.show_header else 0
    top += sum(row.height for row in rows[: event.cursor_row])
    scroll.scroll_to_region(
        Region(0, table.virtual_region.y + top, 1, rows[event.cursor_row].height), animate=False
    )


def layout_mode(width: int) -> str:
    """ "narrow" or "wide": how a screen this wide lays out its tables."""
    return "narrow" if width < NARROW_BELOW else "wide"


def set_columns(
    table: DataTable, columns: Sequence[tuple[str, str, int]], width: int, least: int, margin: int
) -> None:
    """Replace ``table``'s columns with ``columns`` (key, label, width): each its own width,
    and the one of width 0 whatever ``width`` leaves after the others, their cell padding
    and ``margin`` (scrollbars, the screen's edge), but at least ``least``."""
    table.clear(columns=True)
    fixed = sum(w for _, _, w in columns)
    free = max(least, width - fixed - 2 * len(columns) - margin)
    for key, label, w in columns:
        table.add_column(label, key=key, width=w or free)
