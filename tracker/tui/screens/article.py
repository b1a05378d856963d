"""The article around a quote, with the quote highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from tracker.safe import terminal_safe
from tracker.tui.screens.base import TrackerScreen

if TYPE_CHECKING:
    from tracker.browse import ArticleExcerpt

AROUND = 1500  # characters shown on each side of the quote


class ArticleScreen(TrackerScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def __init__(self, quote_id: int) -> None:
        super().__init__()
        self.quote_id = quote_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="article"):
            yield Static(id="article-head", markup=False)
            yield Static(id="article-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        from tracker.browse import article_excerpt

        self.read(lambda session: article_excerpt(session, self.quote_id, AROUND), self._show)

    def _show(self, excerpt: ArticleExcerpt) -> None:
        title, outlet, date, source = excerpt.head
        self.query_one("#article-head", Static).update(
            Text.assemble(
                (terminal_safe(title), "bold"), "\n", terminal_safe(f"{outlet} · {date} · {source}")
            )
        )
        before, quote, after, cut_before, cut_after = excerpt.parts
        text = Text()
        if cut_before:
            text.append("…", style="dim")
        text.append(terminal_safe(before))
        lead = text.copy()  # what comes before the quote
        text.append(terminal_safe(quote), style="reverse bold")
        text.append(terminal_safe(after))
        if cut_after:
            text.append("…", style="dim")
        self.query_one("#article-text", Static).update(text)
        # The quote starts up to 1500 characters down, below the first screenful on a
        # small terminal: open with it in view, not at the top of the excerpt.
        self.call_after_refresh(self._scroll_to_quote, lead)

    def _scroll_to_quote(self, lead: Text) -> None:
        body = self.query_one("#article-text", Static)
        above = len(lead.wrap(self.app.console, body.size.width)) - 1 if lead.plain else 0
        self.query_one("#article", VerticalScroll).scroll_to(
            y=max(0, body.virtual_region.y + above - 3), animate=False
        )
