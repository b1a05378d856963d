"""The article around a quote, with the quote highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tracker.safe import terminal_safe

AROUND = 1500  # characters shown on each side of the quote


class ArticleScreen(Screen):
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
        self.run_worker(self._load, thread=True, exit_on_error=False)

    def _load(self) -> None:
        from tracker.store.models import Quote

        with self.app.db.Session() as session:
            q = session.get(Quote, self.quote_id)
            doc = q.document
            head = (
                doc.title or "(untitled)",
                doc.outlet.name if doc.outlet else "unknown outlet",
                doc.published.isoformat() if doc.published else "undated",
                doc.url or doc.source,
            )
            lo = max(0, q.start - AROUND)
            hi = min(len(doc.text), q.end + AROUND)
            parts = (
                doc.text[lo : q.start],
                doc.text[q.start : q.end],
                doc.text[q.end : hi],
                lo > 0,
                hi < len(doc.text),
            )
        self.app.call_from_thread(self._show, head, parts)

    def _show(self, head, parts) -> None:
        title, outlet, date, source = head
        self.query_one("#article-head", Static).update(
            Text.assemble(
                (terminal_safe(title), "bold"), "\n", terminal_safe(f"{outlet} · {date} · {source}")
            )
        )
        before, quote, after, cut_before, cut_after = parts
        text = Text()
        if cut_before:
            text.append("…", style="dim")
        text.append(terminal_safe(before))
        text.append(terminal_safe(quote), style="reverse bold")
        text.append(terminal_safe(after))
        if cut_after:
            text.append("…", style="dim")
        self.query_one("#article-text", Static).update(text)
