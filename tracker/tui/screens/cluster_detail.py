"""One cluster: the canonical wording, every quote with its differences, the history."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from tracker import review
from tracker.browse import (
    ClusterDetail,
    ClusterReview,
    HistoryLine,
    Member,
    Suggested,
    cluster_detail,
    misattribution_warning,
)
from tracker.safe import terminal_safe
from tracker.text import normalize
from tracker.tui.messages import ClusterChanged
from tracker.tui.screens.review_actions import ReviewActions
from tracker.tui.verdicts import STATUS_STYLE, VERDICT_BINDINGS
from tracker.tui.widgets.tables import RowTable, keep_in_view, layout_mode, set_columns

DIFFERS_WIDTH = 24  # "Li Zhanshu, not Vladimir Putin; 2 years earlier" wraps


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


class ClusterDetailScreen(ReviewActions):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("o", "article", "Article", id="article"),
        Binding("space", "mark", "Mark quote", id="mark-quote"),
        Binding("S", "split", "Split marked", id="split"),
        Binding("F", "compare", "Compare outlets", id="compare"),
        Binding("n", "note", "Note", id="note"),
        Binding("e", "evidence", "Evidence", id="evidence"),
        Binding("ctrl+r", "reload", "Reload", id="reload", show=False),
        Binding("J", "accept_suggestion", "Same: merge in", id="accept-suggestion"),
        Binding("X", "reject_suggestion", "Not the same", id="reject-suggestion"),
        *VERDICT_BINDINGS,
    ]

    def __init__(self, cluster_id: int) -> None:
        super().__init__()
        self.cluster_id = cluster_id
        self.detail: ClusterDetail | None = None
        self.version: int | None = None
        self.events: list[HistoryLine] = []
        self.marked: set[int] = set()
        self.layout_mode = ""  # "narrow" or "wide" once laid out for the terminal's width

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(id="claim", markup=False)
            yield Static(id="verdict", markup=False)
            yield Static(id="warning", markup=False)
            yield RowTable(id="members", cursor_type="row")
            yield Static(id="suggestions-title", markup=False)
            yield RowTable(id="suggestions", cursor_type="row")
            yield Static(id="history", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#members", DataTable).focus()
        self._layout()
        self.load()

    @on(DataTable.RowHighlighted)
    def _follow_cursor(self, event: DataTable.RowHighlighted) -> None:
        # (Else ``S`` could split a quote the reviewer cannot see.)
        keep_in_view(self.query_one("#detail", VerticalScroll), event)

    # Wide: one column per fact. Narrow: outlet, date, speaker, cue and kind stacked in
    # one column, so the wording keeps most of the width. Widths fit whole words
    # ("according to", "sentence").
    WIDE = [
        ("mark", "", 1),
        ("outlet", "outlet", 16),
        ("date", "date", 10),
        ("speaker", "speaker as named", 20),
        ("cue", "cue", 12),
        ("kind", "kind", 8),
        ("wording", "wording (differences underlined)", 0),
    ]
    NARROW = [
        ("mark", "", 1),
        ("source", "source", 20),
        ("wording", "wording (differences underlined)", 0),
    ]
    # Suggestions, likewise: at 80 columns what differs (another speaker, another year)
    # goes under the claim, where a column of its own would be cut off at the right.
    SUGGESTIONS_WIDE = [
        ("cluster", "cluster", 7),
        ("score", "score", 5),
        ("status", "status", 13),
        ("claim", "claim", 0),
        # Same words from another speaker or year: shown, for the reviewer to weigh.
        ("differs", "differs", DIFFERS_WIDTH),
    ]
    SUGGESTIONS_NARROW = [
        ("cluster", "cluster", 14),
        ("claim", "claim · what differs", 0),
    ]
    # Besides the cell padding: the screen's padding, its scrollbar, and the table's own
    # scrollbar once its rows are taller than the screen.
    MARGINS = 6

    def _mode(self) -> str:
        return layout_mode(self.size.width)

    def _layout(self) -> None:
        """(Re)build both tables for the terminal's width, keeping rows and cursors.

        Rows are as tall as their wrapped text, measured when added: after a resize they
        are added again, or words would be cut off (narrower) or gaps left (wider)."""
        self.layout_mode = self._mode()
        narrow = self.layout_mode == "narrow"
        for name, columns in [
            ("#members", self.NARROW if narrow else self.WIDE),
            ("#suggestions", self.SUGGESTIONS_NARROW if narrow else self.SUGGESTIONS_WIDE),
        ]:
            set_columns(
                self.query_one(name, DataTable),
                columns,
                self.size.width,
                least=30,
                margin=self.MARGINS,
            )
        if self.detail is not None:
            self._fill_members(self.detail)
            self._fill_suggestions(self.detail)

    def on_resize(self) -> None:
        rows = {
            name: self.query_one(name, DataTable).cursor_row
            for name in ("#members", "#suggestions")
        }
        self._layout()
        for name, row in rows.items():
            table = self.query_one(name, DataTable)
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1))

    def load(self) -> None:
        from tracker.browse import cluster_review

        self.read(
            lambda session: cluster_review(session, self.cluster_id),
            self._show,
            group="detail",
            exclusive=True,
        )

    def _show(self, loaded: ClusterReview | None) -> None:
        if loaded is None:
            self.notify(f"cluster {self.cluster_id} no longer exists (merged?)", markup=False)
            if self.app.screen is self:
                self.app.pop_screen()
            return
        detail, version, events = loaded.detail, loaded.version, loaded.history
        self.detail, self.version, self.events = detail, version, list(events)
        # Marks stay until their quotes leave (a split that succeeded); a refused split
        # keeps them, as the screen shows them.
        self.marked &= {m.quote_id for m in detail.members}
        self._subtitle()
        self.query_one("#claim", Static).update(
            Text.assemble(("Claim: ", "bold"), terminal_safe(detail.claim))
        )
        verdict = Text.assemble(
            ("Status: ", "bold"), (detail.status, STATUS_STYLE.get(detail.status, ""))
        )
        if detail.reviewer:
            verdict.append(f"  by {terminal_safe(detail.reviewer)}")
        if detail.evidence_url:
            verdict.append("\nEvidence: ", style="bold")
            verdict.append(terminal_safe(detail.evidence_url))
        if detail.note:
            verdict.append("\nNote: ", style="bold")
            verdict.append(terminal_safe(detail.note))
        self.query_one("#verdict", Static).update(verdict)
        warning = self.query_one("#warning", Static)
        if detail.misattribution:
            warning.update(
                Text(
                    misattribution_warning([terminal_safe(s) for s in detail.speakers]),
                    style="bold yellow",
                )
            )
            warning.display = True
        else:
            warning.display = False
        self._fill_members(detail)
        self._fill_suggestions(detail)
        history = Text("History\n", style="bold")
        for line in events or []:
            history.append(f"{line.at}  {terminal_safe(line.reviewer)}  {line.name}: ")
            for i, value in enumerate((line.old, line.new)):
                if i:
                    history.append(" → ")
                if value is None:
                    history.append("(none)", style="dim")
                else:
                    history.append(terminal_safe(line.one_line(value)))
            history.append("\n")
        if not events:
            history.append("no changes yet", style="dim")
        self.query_one("#history", Static).update(history)

    def _fill_suggestions(self, detail: ClusterDetail) -> None:
        """Clusters possibly the same statement: J merges one in, X says they differ."""
        table = self.query_one("#suggestions", DataTable)
        title = self.query_one("#suggestions-title", Static)
        row = table.cursor_row
        table.clear()
        found = detail.suggestions
        table.display = title.display = bool(found)
        title.update(
            Text.assemble(
                ("Possibly the same statement", "bold"),
                (" — worded almost alike (75 and up) or alike in meaning (below 75). ", "dim"),
                ("tab", "bold"),
                (" to choose one, then ", "dim"),
                ("J", "bold"),
                (" merges it in, ", "dim"),
                ("X", "bold"),
                (" keeps them apart for good.", "dim"),
            )
        )
        for sg in found:
            status = (sg.status, STATUS_STYLE.get(sg.status, ""))
            claim = Text(terminal_safe(sg.claim.replace("\n", " ")))
            differs = Text(terminal_safe(sg.differs), style="yellow")
            if self.layout_mode == "narrow":
                cells = [
                    Text.assemble(str(sg.cluster_id), f" · {sg.score:.1f}\n", status),
                    Text.assemble(claim, "\n", differs) if sg.differs else claim,
                ]
            else:
                cells = [
                    Text(str(sg.cluster_id)),
                    Text(f"{sg.score:.1f}", justify="right"),
                    Text(*status),
                    claim,
                    differs,
                ]
            table.add_row(*cells, key=str(sg.cluster_id), height=None)
        if found:
            table.move_cursor(row=min(row, len(found) - 1))

    def _suggestion(self) -> Suggested | None:
        table = self.query_one("#suggestions", DataTable)
        found = self.detail.suggestions if self.detail else []
        if not found:
            self.notify("no suggestions for this cluster", markup=False)
            return None
        if not table.has_focus and len(found) > 1:
            self.notify("tab to the suggestions and choose one first", markup=False)
            return None
        return found[min(table.cursor_row, len(found) - 1)]

    def action_accept_suggestion(self) -> None:
        from tracker.tui.screens.cluster_list import merge_summary
        from tracker.tui.screens.prompts import Confirm

        sg = self._suggestion()
        if sg is None or self.detail is None:
            return
        other = sg.cluster_id
        target, version = self.cluster_id, self.version
        reviewer = self.review_app.reviewer

        ours = self.detail

        def preview(theirs: ClusterDetail | None) -> None:
            if theirs is not None:
                ask(merge_summary([ours, theirs]))

        def ask(body: Text) -> None:
            self.app.push_screen(
                Confirm(f"Merge cluster {other} into {target}?", body, yes="merge"), answered
            )

        def answered(yes: bool | None) -> None:
            if yes:
                self.review_app.perform(
                    f"merged {other} into {target} (ctrl+z undoes)",
                    partial(
                        review.merge,
                        target=target,
                        other=other,
                        reviewer=reviewer,
                        expected_versions={target: version},
                    ),
                )

        self.read(lambda session: cluster_detail(session, other), preview, group="merge-preview")

    def action_reject_suggestion(self) -> None:
        sg = self._suggestion()
        if sg is None:
            return
        self.review_app.perform(
            f"clusters {self.cluster_id} and {sg.cluster_id} kept apart (ctrl+z undoes)",
            partial(
                review.reject_suggestion,
                cluster_id=self.cluster_id,
                other=sg.cluster_id,
                reviewer=self.review_app.reviewer,
                expected_version=self.version,
            ),
        )

    def _fill_members(self, detail: ClusterDetail) -> None:
        table = self.query_one("#members", DataTable)
        row = table.cursor_row
        table.clear()
        narrow = self.layout_mode == "narrow"
        for m in detail.members:
            mark = Text("●" if m.quote_id in self.marked else "")
            outlet = terminal_safe(m.outlet or "unknown outlet")
            date = m.published or "undated"
            named = terminal_safe(m.speaker_as_named or m.speaker or "no speaker")
            cue = terminal_safe(m.cue or "no cue")
            wording = highlight_differences(m.text[:600], detail.claim)
            if narrow:
                source = Text.assemble(
                    (outlet, "bold"), f"\n{date}\n{named}\n", (f"{cue} · {m.kind}", "dim")
                )
                cells = [mark, source, wording]
            else:
                cells = [
                    mark,
                    Text(outlet),
                    Text(date),
                    Text(named),
                    Text(cue),
                    Text(m.kind),
                    wording,
                ]
            # height None: as tall as the wording needs; the reviewer must see it whole.
            table.add_row(*cells, key=str(m.quote_id), height=None)
        if detail.members:
            table.move_cursor(row=min(row, len(detail.members) - 1))

    def current_cluster(self) -> tuple[int, int] | None:
        return (self.cluster_id, self.version) if self.version is not None else None

    def _quote(self) -> Member | None:
        if not self.detail or not self.detail.members:
            return None
        return self.detail.members[self.query_one("#members", DataTable).cursor_row]

    def action_article(self) -> None:
        from tracker.tui.screens.article import ArticleScreen

        quote = self._quote()
        if quote:
            self.app.push_screen(ArticleScreen(quote.quote_id))

    @on(DataTable.RowSelected, "#members")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_article()

    @on(DataTable.RowSelected, "#suggestions")
    def _open_suggestion(self, event: DataTable.RowSelected) -> None:
        found = self.detail.suggestions if self.detail else []
        if found:
            self.app.push_screen(ClusterDetailScreen(found[event.cursor_row].cluster_id))

    def action_compare(self) -> None:
        from tracker.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.cluster_id))

    def action_mark(self) -> None:
        quote = self._quote()
        if quote is None:
            return
        qid = quote.quote_id
        self.marked ^= {qid}
        table = self.query_one("#members", DataTable)
        table.update_cell(str(qid), "mark", Text("●" if qid in self.marked else ""))
        table.action_cursor_down()
        self._subtitle()

    def _subtitle(self) -> None:
        self.sub_title = f"cluster {self.cluster_id}" + (
            f" · {len(self.marked)} quotes marked (S splits them off)" if self.marked else ""
        )

    def action_split(self) -> None:
        if not self.marked:
            self.notify("mark the quotes to move out with space, then S", markup=False)
            return
        quotes = sorted(self.marked)
        self.review_app.perform(
            f"quotes {', '.join(map(str, quotes))} split off cluster {self.cluster_id}",
            partial(
                review.split,
                cluster_id=self.cluster_id,
                quote_ids=quotes,
                reviewer=self.review_app.reviewer,
                expected_version=self.version,
            ),
        )

    def action_reload(self) -> None:
        self.load()

    @on(ClusterChanged)
    def _changed(self, message: ClusterChanged) -> None:
        shown = {s.cluster_id for s in (self.detail.suggestions if self.detail else [])}
        if self.cluster_id in message.cluster_ids or shown & set(message.cluster_ids):
            self.load()
