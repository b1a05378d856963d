"""Reading what is stored: ``quotes``, ``clusters``, ``show``, ``suggestions``, ``find``,
``track`` and ``compare``. Queries live in the core (``tracker.browse``, ``tracker.watch``,
``tracker.compare``); these commands only choose and print."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.cli.app import cli
from tracker.cli.common import (
    SCORE,
    Context,
    cluster_id_of,
    output_option,
    pass_ctx,
    some_words,
    statuses,
)
from tracker.cli.output import (
    cells,
    clip,
    echo_json,
    err,
    file_console,
    json_option,
    open_output,
    out,
    plain,
    print_table,
)
from tracker.errors import NotFound, UsageError
from tracker.kinds import QuoteKind
from tracker.safe import terminal_safe

if TYPE_CHECKING:
    from tracker.browse import ClusterDetail


@cli.command()
# A negative --limit is bad usage (here and below): it meant every quote, every cluster
# but the last N, and a crash in `find`.
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="Show at most this many (0: all).",
)
@click.option(
    "--speaker",
    callback=some_words("the speaker"),
    help="Only quotes by this speaker (name or alias).",
)
@click.option("--outlet", callback=some_words("the outlet"), help="Only quotes from this outlet.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in QuoteKind]),
    multiple=True,
    help="Only these kinds (repeatable). Scare quotes are hidden unless asked for.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@pass_ctx
def quotes(
    ctx: Context,
    limit: int,
    speaker: str | None,
    outlet: str | None,
    kind: tuple[str, ...],
    as_json: bool,
) -> None:
    """List extracted quotations: outlet, date, speaker, cue and text."""
    from tracker.browse import check_names, list_quotes

    with ctx.db.Session() as session:
        check_names(session, outlet=outlet, speaker=speaker)  # a typo: not found, exit 4
        rows = list_quotes(session, limit=limit, speaker=speaker, outlet=outlet, kinds=kind)
    if as_json:
        echo_json(rows)
        return
    fold = {"overflow": "fold"}
    print_table(
        [
            ("id", {**fold, "justify": "right"}),
            ("outlet", fold),
            ("date", fold),
            ("speaker", fold),
            ("cue", fold),
            ("kind", fold),
            ("text", {**fold, "ratio": 1}),
        ],
        [
            (
                r.quote_id,
                r.outlet,
                r.published,
                r.speaker,
                r.cue,
                r.kind,
                clip(r.text, 160),
            )
            for r in rows
        ],
    )


@cli.command("clusters")
@click.option(
    "--status",
    type=click.Choice([*(s.value for s in statuses()), "all"]),
    help="Only this status ('all': every one, the default).",
)
@click.option(
    "--speaker",
    callback=some_words("the speaker"),
    help="Only clusters with this speaker (name or alias).",
)
@click.option(
    "--outlet", callback=some_words("the outlet"), help="Only clusters carried by this outlet."
)
@click.option(
    "--min-outlets", type=int, default=0, help="Only clusters seen in at least N outlets."
)
@click.option("--scare", is_flag=True, help="Include clusters made only of scare quotes.")
@click.option(
    "--limit", type=click.IntRange(min=0), default=50, show_default=True, help="At most N (0: all)."
)
@json_option
@pass_ctx
def clusters_cmd(ctx: Context, status, speaker, outlet, min_outlets, scare, limit, as_json) -> None:
    """List claim clusters, widest spread first."""
    from tracker.browse import ClusterFilter, check_names, cluster_summaries
    from tracker.store.db import unclustered_hints

    flt = ClusterFilter(
        status=None if status == "all" else status,
        speaker=speaker,
        outlet=outlet,
        include_scare=scare,
        min_outlets=min_outlets,
    )
    with ctx.db.Session() as session:
        check_names(session, outlet=outlet, speaker=speaker)  # a typo: not found, exit 4
        rows = cluster_summaries(session, flt, limit)
    if not ctx.db.hints:  # quotes in no cluster are in no listing: say so
        for hint in unclustered_hints(ctx.db.engine):
            err.print(Text(f"note: {hint}", style="yellow"))
    if as_json:
        echo_json(rows)
        return
    print_table(
        [
            ("id", {"no_wrap": True}),
            ("claim", {"ratio": 4, "overflow": "fold"}),
            ("speaker", {"ratio": 1, "overflow": "fold"}),
            *((col, {"no_wrap": True}) for col in ("outlets", "quotes", "first seen", "status")),
        ],
        [
            (
                r.id,
                clip(r.claim, 90),
                r.speaker_label,
                r.outlets,
                r.quotes,
                f"{r.first_seen or '?'} {r.first_outlet or ''}".strip(),
                r.status,
            )
            for r in rows
        ],
        expand=True,
    )


@cli.command("show")
@click.argument("cluster", metavar="CLUSTER")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show_cmd(ctx: Context, cluster: str, as_json: bool) -> None:
    """Show one cluster with every quote, how each differs, who it was credited to, and
    its history (verdicts, notes, merges, splits, speakers changed by a re-extraction).

    CLUSTER is an id or words of its wording ("new model of cooperation").
    """
    from tracker.browse import cluster_review

    cluster_id = cluster_id_of(ctx, cluster)
    with ctx.db.Session() as session:
        review = cluster_review(session, cluster_id)
    if review is None:
        raise NotFound(f"no cluster {cluster_id}")
    if as_json:
        echo_json({**plain(review.detail), "history": [h._asdict() for h in review.history]})
        return
    console = out()
    print_detail(console, review.detail)
    if review.history:  # as the review UI's detail screen lists it
        console.print(Text("History:", style="bold"))
        for h in review.history:
            change = " → ".join("(none)" if v is None else h.one_line(v) for v in (h.old, h.new))
            console.print(Text(terminal_safe(f"  {h.at}  {h.reviewer}  {h.name}: {change}")))


def print_detail(out: Console, d: ClusterDetail) -> None:
    """One cluster for a reader: the review state, then every quote, wrapped, never squeezed."""
    from tracker.browse import misattribution_warning

    head = Text.assemble(("Cluster ", "bold"), (str(d.id), "bold"), f"  [{d.status}]")
    if d.reviewer:
        head.append(f" by {terminal_safe(d.reviewer)}")
    out.print(head)
    out.print(Text(terminal_safe(d.claim)))
    if d.note:
        out.print(Text.assemble(("Note: ", "bold"), terminal_safe(d.note)))
    if d.evidence_url:
        out.print(Text.assemble(("Evidence: ", "bold"), terminal_safe(d.evidence_url)))
    if d.misattribution:
        out.print(
            Text(
                misattribution_warning([terminal_safe(s) for s in d.speakers]),
                style="yellow",
            )
        )
    if out.width < 120:
        # Too narrow for a table with a readable text column: one block per quote.
        for m in d.members:
            named = (m.speaker or "—") + (
                f" (“{m.speaker_as_named}”)" if m.speaker_as_named else ""
            )
            meta = " · ".join(
                str(v)
                for v in (
                    f"quote {m.quote_id}",
                    m.outlet or "unknown outlet",
                    m.published or "undated",
                    named,
                    m.cue or "no cue",
                    m.kind,
                    m.variant or "",
                )
                if v
            )
            out.print(Text(""))
            out.print(Text(terminal_safe(meta), style="bold"))
            out.print(Text("  " + terminal_safe(clip(m.text, 600))))
    else:
        table = Table(expand=True)
        for col, kw in (
            ("quote", {"no_wrap": True}),
            # (In a table sharing its width by ratio, Rich takes ``width`` as a column's
            # least width, and ignores ``min_width``: "huff-pos/t", "clarifie/d" before.)
            ("outlet", {"ratio": 1, "width": 9}),
            ("date", {"no_wrap": True}),
            ("speaker (as named)", {"ratio": 1}),
            ("cue", {"ratio": 1, "width": 9}),
            ("kind", {"no_wrap": True}),
            ("differs", {"ratio": 1}),
            ("text", {"ratio": 4, "width": 40}),
        ):
            table.add_column(col, overflow="fold", **kw)
        for m in d.members:
            named = f"{m.speaker or '—'}" + (
                f" ({m.speaker_as_named})" if m.speaker_as_named else ""
            )
            table.add_row(
                *cells(
                    (
                        m.quote_id,
                        m.outlet,
                        m.published,
                        named,
                        m.cue,
                        m.kind,
                        m.variant,
                        clip(m.text, 600),
                    )
                )
            )
        out.print(table)
    suggestions = d.suggestions
    if suggestions:
        out.print(Text("Possibly the same (not merged; `tracker suggestions`):", style="bold"))
        for sg in suggestions:
            differs = f" [{sg.differs}]" if sg.differs else ""
            out.print(
                Text(
                    f"  {sg.cluster_id} (score {sg.score:.1f}, {sg.status}): "
                    + terminal_safe(clip(sg.claim, 100) + differs)
                )
            )


@cli.command("suggestions")
@click.option("--min-score", type=SCORE, default=0.0, help="Only pairs from this score.")
@json_option
@pass_ctx
def suggestions_cmd(ctx: Context, min_score: float, as_json: bool) -> None:
    """Pairs of clusters possibly the same statement (scored between --suggest-score and
    --link-score), best first. `tracker merge A B` joins a pair; `tracker reject A B`
    keeps it apart for good.
    """
    from tracker.browse import all_suggestions

    with ctx.db.Session() as session:
        rows = all_suggestions(session, min_score)
    if as_json:
        echo_json(rows)
        return
    table = Table(expand=True)
    table.add_column("clusters", no_wrap=True)
    table.add_column("score", no_wrap=True, justify="right")
    table.add_column("claim", ratio=1, overflow="fold")
    table.add_column("possibly the same as", ratio=1, overflow="fold")
    table.add_column("differs (speaker, date)", overflow="fold")
    for r in rows:
        table.add_row(
            Text(f"{r.cluster_a} {r.cluster_b}"),
            Text(f"{r.score:.1f}"),
            Text(terminal_safe(clip(r.claim_a, 200))),
            Text(terminal_safe(clip(r.claim_b, 200))),
            Text(terminal_safe(r.differs)),
        )
    out().print(table)
    err.print(f"{len(rows)} open suggestions")


# The spellings of `track` before it had subcommands: flags for verbs. Scripts keep working;
# each old flag says the new spelling on stderr.
_OLD_FLAGS = {
    "--list": ("list", "tracker track list"),
    "--remove": ("remove", "tracker track remove PHRASE"),
    "--show": ("show", "tracker track show PHRASE"),
}


class WatchlistGroup(click.Group):
    """``track add|show|list|remove``, reading the older ``track PHRASE [--show|--remove]``
    and ``track --list`` as the subcommand they meant."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = self._modern(list(args))
        return super().parse_args(ctx, args)

    @staticmethod
    def _modern(args: list[str]) -> list[str]:
        for flag, (verb, spelling) in _OLD_FLAGS.items():
            if flag in args:
                args.remove(flag)
                err.print(Text(f"note: `tracker track {flag}` is now `{spelling}`", style="yellow"))
                return [verb, *args]
        if any(not a.startswith("-") for a in args):
            return ["add", *args]  # `track PHRASE`: watch it
        return args


threshold_option = click.option(
    "--threshold",
    type=SCORE,
    default=85.0,
    show_default=True,
    help="Fuzzy match score (0-100) a hit needs.",
)


@cli.group("track", cls=WatchlistGroup)
def track_cmd() -> None:
    """Watch phrases: every quote and article passage that matches one, past and future.

    \b
    Examples:
      tracker track add "no upper limit"     watch it, and list its hits so far
      tracker track show "no upper limit"    list its hits without watching it
      tracker track list                     watched phrases and their hit counts
      tracker track remove "no upper limit"
    """


@track_cmd.command("add")
@click.argument("phrase")
@threshold_option
@pass_ctx
def track_add(ctx: Context, phrase: str, threshold: float) -> None:
    """Watch PHRASE (quoted or not), then list its hits so far."""
    from tracker.watch import add_phrase

    # A watchlist may come first: phrases watched before the first ingest find its hits.
    with ctx.open_db(create=True).Session.begin() as session:
        _, created = add_phrase(session, phrase)  # WatchError: a usage error
    err.print("now watching" if created else "already watched")
    _print_hits(ctx, phrase, threshold)


@track_cmd.command("show")
@click.argument("phrase")
@threshold_option
@pass_ctx
def track_show(ctx: Context, phrase: str, threshold: float) -> None:
    """List every quote and passage matching PHRASE, watched or not (also a single
    word, which `track add` does not watch)."""
    _print_hits(ctx, phrase, threshold)


@track_cmd.command("list")
@threshold_option
@pass_ctx
def track_list(ctx: Context, threshold: float) -> None:
    """List watched phrases with their hit counts."""
    from tracker.watch import watched

    with ctx.db.Session() as session:
        phrases = watched(session, threshold)
    table = Table()
    for col in ("id", "phrase", "quotes", "passages", "since"):
        table.add_column(col)
    for wp, n_quotes, n_passages in phrases:
        table.add_row(
            Text(str(wp.id)),
            Text(terminal_safe(wp.phrase)),
            Text(str(n_quotes)),
            Text(str(n_passages)),
            Text(wp.created_at.date().isoformat()),
        )
    out().print(table)


@track_cmd.command("remove")
@click.argument("phrase")
@click.option("--threshold", type=float, hidden=True)  # accepted, as `track --remove` did
@pass_ctx
def track_remove(ctx: Context, phrase: str, threshold: float | None) -> None:
    """Stop watching PHRASE."""
    from tracker.watch import remove_phrase

    with ctx.db.Session.begin() as session:
        if not remove_phrase(session, phrase):
            raise NotFound(f"not watched: {phrase}")
    err.print("no longer watched")


def _print_hits(ctx: Context, phrase: str, threshold: float) -> None:
    from tracker.watch import hits

    with ctx.db.Session() as session:
        found = hits(session, phrase, threshold)
    print_table(
        [
            (col, {"overflow": "fold"})
            for col in ("kind", "outlet", "date", "cluster", "score", "text")
        ],
        [
            (h.kind, h.outlet, h.published, h.cluster_id, f"{h.score:.0f}", clip(h.text, 200))
            for h in found
        ],
        title=Text(f"{len(found)} hits for “{terminal_safe(phrase)}”"),
    )


@cli.command("find")
@click.argument("statement")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def find_cmd(ctx: Context, statement: str, limit: int, as_json: bool) -> None:
    """Rank existing clusters by similarity to STATEMENT, in wording and in meaning (a
    paraphrase or translation, scored under 75): has it been checked before?"""
    from tracker.watch import find_rows

    with ctx.db.Session() as session:
        rows = find_rows(session, statement, limit)
    if as_json:
        echo_json(rows)
        return
    print_table(
        [(col, {"overflow": "fold"}) for col in ("id", "score", "by", "status", "claim")],
        [(r.id, r.score, r.by, r.status, clip(r.claim, 150)) for r in rows],
    )


@cli.command("compare")
@click.argument("cluster", metavar="[CLUSTER]", required=False)
@click.option("--phrase", help="Compare the cluster that best matches this phrase instead.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "md", "csv", "html"]),
    default="table",
    show_default=True,
)
@output_option
@pass_ctx
def compare_cmd(ctx: Context, cluster, phrase, fmt, output) -> None:
    """How each outlet framed one statement: who, how described, which verb, whole or part,
    charged words, and the sentence around it, in date order.

    \b
    Examples:
      tracker compare 30
      tracker compare "stand back to back"
      tracker compare --phrase "back to back" --format html -o back-to-back.html
    """
    from tracker.compare import compare, compare_phrase
    from tracker.report import to_csv, to_html, to_markdown

    if cluster is not None and phrase is not None:
        raise UsageError("CLUSTER and --phrase cannot be combined: give one of them")
    if cluster is None and phrase is None:
        raise UsageError("give a CLUSTER (an id or words of its wording) or --phrase")
    cluster_id = None if cluster is None else cluster_id_of(ctx, cluster)
    with ctx.db.Session() as session:
        comparison = (
            compare(session, cluster_id)
            if cluster_id is not None
            else compare_phrase(session, phrase or "")
        )
    if comparison is None:
        raise NotFound(
            f"no cluster {cluster_id}" if phrase is None else f"nothing matches {phrase!r}"
        )
    if fmt == "table" and output is None:
        print_comparison(out(), comparison)
        return
    if fmt == "table":
        # -o was ignored for the table (printed, no file, exit 0): it goes to the file.
        with open_output(output) as fh:
            print_comparison(file_console(fh), comparison)
        err.print(f"comparison written to {output}")
        return
    body = {"md": to_markdown, "csv": to_csv, "html": to_html}[fmt](comparison)
    with open_output(output) as fh:
        fh.write(body)
    if output:
        err.print(f"comparison written to {output}")


def print_comparison(out: Console, c) -> None:
    """How each outlet framed it, readable at any width: every sentence whole."""
    out.print(Text.assemble(("Claim: ", "bold"), terminal_safe(c.claim)))
    out.print(Text(f"Speaker: {terminal_safe(c.speaker or 'unknown')} · verdict: {c.status}"))
    dated = [f"{d} {terminal_safe(o)}" for d, o in c.timeline if d]
    undated = [terminal_safe(o) for d, o in c.timeline if not d]
    out.print(
        Text(
            "Timeline: "
            + (" → ".join(dated) or "no dated reports")
            + (f" · undated: {', '.join(undated)}" if undated else "")
        )
    )
    rows = []
    for r in c.rows:
        named = (r.speaker or "—") + (f" ({r.speaker_as_named})" if r.speaker_as_named else "")
        quoted = r.coverage + (f" ({r.differs})" if r.differs else "")
        rows.append(
            (
                r.published or "undated",
                r.outlet or "—",
                named,
                r.cue or "—",
                quoted,
                ", ".join(r.charged) or "—",
                r.context,
                r.title,
                r.url,
            )
        )
    if out.width < 120:
        for date, outlet, named, verb, quoted, charged, context, title, url in rows:
            out.print(Text(""))
            out.print(Text(terminal_safe(f"{outlet} · {date} · {named}"), style="bold"))
            out.print(
                Text(terminal_safe(f"  verb: {verb} · quoted: {quoted} · charged: {charged}"))
            )
            if title or url:
                out.print(Text(terminal_safe("  " + " · ".join(v for v in (title, url) if v))))
            out.print(Text("  " + terminal_safe(context)))
        return
    table = Table(expand=True)
    # (``width``: the least, as in ``print_detail``; "charged" came out as "cha/rge/d".)
    for col, kw in (
        ("date", {"no_wrap": True}),
        ("outlet", {"ratio": 2, "width": 9}),
        ("speaker (as named)", {"ratio": 3}),
        ("verb", {"no_wrap": True}),
        ("quoted", {"ratio": 2}),
        ("charged", {"ratio": 1, "width": 8}),
        ("sentence around it", {"ratio": 10, "width": 40}),
    ):
        table.add_column(col, overflow="fold", **kw)
    for row in rows:
        table.add_row(*(Text(terminal_safe(v)) for v in row[:7]))
    out.print(table)
