"""One cluster: the canonical wording, every quote with its differences, the history."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tracker import review
from tracker.browse import cluster_detail
from tracker.safe import terminal_safe
from tracker.text import normalize
from tracker.tui.messages import ClusterChanged
from tracker.tui.screens.review_actions import ReviewActions
from tracker.tui.verdicts import STATUS_STYLE, VERDICT_BINDINGS


def highlight_differences(text: str, canonical: str) -> Text:
    """The quote's own words, with those not in the canonical wording underlined in yellow."""
    known = set(normalize(canonical).split())
    out = Text()
    for i, word in enumerate(terminal_safe(text).split(" ")):
        if i:
            out.append(" ")
        differs = any(w not in known for w in normalize(word).split())
        out.append(word, style="bold yellow underline" if differs else "")
    return out


class ClusterDetailScreen(ReviewActions, Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("o", "article", "Article", id="article"),
        Binding("space", "mark", "Mark quote", id="mark-quote"),
        Binding("S", "split", "Split marked", id="split"),
        Binding("F", "compare", "Compare outlets", id="compare"),
        Binding("n", "note", "Note", id="note"),
        Binding("e", "evidence", "Evidence", id="evidence"),
        Binding("ctrl+r", "reload", "Reload", id="reload"),
        *VERDICT_BINDINGS,
    ]

    def __init__(self, cluster_id: int) -> None:
        super().__init__()
        self.cluster_id = cluster_id
        self.detail: dict | None = None
        self.version: int | None = None
        self.events: list[tuple[str, str, str, str | None, str | None]] = []
        self.marked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(id="claim", markup=False)
            yield Static(id="verdict", markup=False)
            yield Static(id="warning", markup=False)
            yield DataTable(id="members", cursor_type="row")
            yield Static(id="history", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        widths = {"": 1, "outlet": 14, "date": 10, "speaker as named": 18, "cue": 9, "kind": 6}
        for col, width in widths.items():
            table.add_column(col, key=col or "mark", width=width)
        table.add_column("wording (differences underlined)", key="wording", width=50)
        table.focus()
        self.load()

    def on_resize(self) -> None:
        table = self.query_one(DataTable)
        fixed = sum(c.width for k, c in table.columns.items() if k.value != "wording")
        wording = next(k for k in table.columns if k.value == "wording")
        table.columns[wording].width = max(30, self.size.width - fixed - 2 * len(table.columns) - 4)
        table.refresh()

    def load(self) -> None:
        self.run_worker(
            self._load, thread=True, group="detail", exit_on_error=False, exclusive=True
        )

    def _load(self) -> None:
        from tracker.store.models import Cluster

        with self.app.db.Session() as session:
            detail = cluster_detail(session, self.cluster_id)
            cluster = session.get(Cluster, self.cluster_id)
            version = cluster.version if cluster else None
            events = [
                (
                    e.at.strftime("%Y-%m-%d %H:%M"),
                    e.reviewer or "?",
                    e.action,
                    e.old_value,
                    e.new_value,
                )
                for e in review.history(session, self.cluster_id)
            ]
        self.app.call_from_thread(self._show, detail, version, events)

    def _show(self, detail: dict | None, version: int | None, events) -> None:
        if detail is None:
            self.notify(f"cluster {self.cluster_id} no longer exists (merged?)", markup=False)
            if self.app.screen is self:
                self.app.pop_screen()
            return
        self.detail, self.version, self.events = detail, version, events
        self.sub_title = f"cluster {detail['id']}"
        self.query_one("#claim", Static).update(
            Text.assemble(("Claim: ", "bold"), terminal_safe(detail["claim"]))
        )
        verdict = Text.assemble(
            ("Status: ", "bold"), (detail["status"], STATUS_STYLE.get(detail["status"], ""))
        )
        if detail["reviewer"]:
            verdict.append(f"  by {terminal_safe(detail['reviewer'])}")
        if detail["evidence_url"]:
            verdict.append("\nEvidence: ", style="bold")
            verdict.append(terminal_safe(detail["evidence_url"]))
        if detail["note"]:
            verdict.append("\nNote: ", style="bold")
            verdict.append(terminal_safe(detail["note"]))
        self.query_one("#verdict", Static).update(verdict)
        warning = self.query_one("#warning", Static)
        if detail["misattribution"]:
            warning.update(
                Text(
                    "⚠ Possible misattribution: outlets credit this to "
                    + ", ".join(terminal_safe(s) for s in detail["speakers"]),
                    style="bold yellow",
                )
            )
            warning.display = True
        else:
            warning.display = False
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for m in detail["members"]:
            named = terminal_safe(m["speaker_as_named"] or m["speaker"] or "—")
            table.add_row(
                Text("●" if m["quote_id"] in self.marked else ""),
                Text(terminal_safe(m["outlet"] or "—")),
                Text(m["published"] or "—"),
                Text(named),
                Text(terminal_safe(m["cue"] or "—")),
                Text(m["kind"]),
                highlight_differences(m["text"][:600], detail["claim"]),
                key=str(m["quote_id"]),
                height=None,  # wrap the wording: the reviewer must see it whole
            )
        if detail["members"]:
            table.move_cursor(row=min(row, len(detail["members"]) - 1))
        history = Text("History\n", style="bold")
        for at, who, action, old, new in events or []:
            history.append(
                f"{at}  {terminal_safe(who)}  {terminal_safe(action)}: "
                f"{terminal_safe(str(old))} → {terminal_safe(str(new))}\n"
            )
        if not events:
            history.append("no changes yet", style="dim")
        self.query_one("#history", Static).update(history)

    def current_cluster(self) -> tuple[int, int] | None:
        return (self.cluster_id, self.version) if self.version is not None else None

    def _quote(self) -> dict | None:
        if not self.detail or not self.detail["members"]:
            return None
        return self.detail["members"][self.query_one(DataTable).cursor_row]

    def action_article(self) -> None:
        from tracker.tui.screens.article import ArticleScreen

        quote = self._quote()
        if quote:
            self.app.push_screen(ArticleScreen(quote["quote_id"]))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_article()

    def action_compare(self) -> None:
        from tracker.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.cluster_id))

    def action_mark(self) -> None:
        quote = self._quote()
        if quote is None:
            return
        qid = quote["quote_id"]
        self.marked ^= {qid}
        table = self.query_one(DataTable)
        table.update_cell(str(qid), "mark", Text("●" if qid in self.marked else ""))
        table.action_cursor_down()

    def action_split(self) -> None:
        if not self.marked:
            self.notify("mark the quotes to move out with space, then S", markup=False)
            return
        quotes = sorted(self.marked)
        self.marked.clear()
        self.app.perform(
            f"quotes {', '.join(map(str, quotes))} split off cluster {self.cluster_id}",
            partial(
                review.split,
                cluster_id=self.cluster_id,
                quote_ids=quotes,
                reviewer=self.app.reviewer,
                expected_version=self.version,
            ),
        )

    def action_reload(self) -> None:
        self.load()

    @on(ClusterChanged)
    def _changed(self, message: ClusterChanged) -> None:
        if self.cluster_id in message.cluster_ids:
            self.load()
