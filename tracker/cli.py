"""The command line: the front door to every part of tracker.

Each command parses arguments, calls the library, and prints; the work itself
lives in the modules named after each stage. Errors become one line on
stderr and an exit code from ``tracker.exit_codes``, never a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console, RenderHook
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from tracker import exit_codes
from tracker.kinds import QuoteKind
from tracker.safe import (
    REVIEWER_LIMIT,
    check_text,
    check_url,
    error_line,
    json_text,
    one_line,
    strip_unsafe,
    terminal_safe,
)
from tracker.store.db import DEFAULT_URL, ENV_VAR, Database, DatabaseError, open_database


class _Cleaned:
    """A renderable whose output carries no control or bidi character, whatever it holds.

    Every listing shows such characters as visible pictures (``terminal_safe``);
    this is the last line of defence for any text that missed it. The characters
    removed here all have width 0, so the layout is the one Rich measured.
    """

    def __init__(self, inner) -> None:
        self.inner = inner

    def __rich_console__(self, console, options):
        for seg in console.render(self.inner, options):
            if seg.control or not seg.text:
                yield seg
            else:
                yield Segment(strip_unsafe(seg.text), seg.style)

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement.get(console, options, self.inner)


class _CleanOutput(RenderHook):
    def process_renderables(self, renderables):
        return [_Cleaned(r) for r in renderables]


def _console(**kwargs) -> Console:
    # markup=False: messages carry reviewers' names, paths and article text, never markup.
    console = Console(highlight=False, markup=False, **kwargs)
    console.push_render_hook(_CleanOutput())
    return console


err = _console(stderr=True, soft_wrap=True)


def _out() -> Console:
    console = _console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = _console(width=200)  # piped: wide rows for grep
    return console


def _echo_json(value) -> None:
    """JSON on stdout: readable text, every control and bidi character escaped."""
    click.echo(json_text(value, indent=2))


def _checked(check: Callable[[str], str]):
    """A click callback running a check at the door; its ValueError is a usage error."""

    def callback(ctx: click.Context, param: click.Parameter, value):
        if value is None:
            return None
        try:
            return check(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


def _reviewer_name(value: str) -> str:
    name = check_text(value, "the name", limit=REVIEWER_LIMIT).strip()
    if not name:
        raise ValueError("the name is empty")
    return name


reviewer_option = click.option(
    "--reviewer",
    default=None,
    callback=_checked(_reviewer_name),
    help="Who decided (default: your login name).",
)


def fail(message: str, code: int = exit_codes.FAILED) -> None:
    err.print(Text(f"error: {terminal_safe(message)}", style="red"))
    sys.exit(code)


class Context:
    def __init__(self, url: str | None) -> None:
        self.url = url
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            try:
                self._db = open_database(self.url)
            except DatabaseError as exc:
                fail(str(exc), exit_codes.DATABASE)
            assert self._db is not None
            for hint in self._db.hints:
                err.print(Text(f"note: {hint}", style="yellow"))
        assert self._db is not None
        return self._db


pass_ctx = click.make_pass_decorator(Context)

# -o FILE on every command that writes: written whole to FILE.part, then renamed.
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)


def handles_db_errors(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a lost connection or a locked database into a one-line message, and so a
    value the database refuses (on either engine alike: see tracker.store.models)."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import DataError, OperationalError, StatementError

        from tracker.store.models import Unstorable

        try:
            return f(*args, **kwargs)
        except OperationalError as exc:
            fail(f"database error: {error_line(exc)}", exit_codes.DATABASE)
        except (DataError, StatementError) as exc:
            if not isinstance(exc, DataError) and not isinstance(exc.orig, Unstorable):
                raise
            fail(f"the database refused a value, nothing was written: {error_line(exc)}")

    return wrapper


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    invoke_without_command=True,
)
@click.option(
    "--db",
    "url",
    envvar=ENV_VAR,
    metavar="URL",
    help=f"Database URL [env {ENV_VAR}; default {DEFAULT_URL}]. "
    "A team shares one PostgreSQL database: postgresql+psycopg://user@host/db",
)
@click.version_option(package_name="tracker")
@click.pass_context
def cli(ctx: click.Context, url: str | None) -> None:
    """Track quotations across news outlets, cluster them into claims, review them.

    \b
    A reviewer's day:
      tracker ingest seeds/              read articles into the database
      tracker review                     work through claim clusters (the default)
      tracker clusters --min-outlets 2   list clusters seen in several outlets
      tracker verdict 30 verified        record a verdict from a script
      tracker export quotes -o q.jsonl   hand quotes to other tools

    Exit codes: 0 ok, 1 some input or step failed, 2 bad usage,
    3 database unavailable, 4 not found.
    """
    ctx.obj = Context(url)
    if ctx.invoked_subcommand is None:
        ctx.invoke(review_cmd)


@cli.command("review")
@click.option(
    "--reviewer",
    default=None,
    callback=_checked(_reviewer_name),
    help="Your name on verdicts (default: login name).",
)
@pass_ctx
@handles_db_errors
def review_cmd(ctx: Context, reviewer: str | None = None) -> None:
    """Open the review UI (also what a bare `tracker` does).

    Keys are shown in the footer; ? lists them all; ctrl+p finds any action by name.
    """
    if not sys.stdout.isatty():
        fail("the review UI needs a terminal; use `tracker clusters` in scripts", exit_codes.USAGE)
    from tracker.tui.app import ReviewApp

    app = ReviewApp(ctx.db, reviewer or _login())
    app.run()
    if app.return_code:
        sys.exit(exit_codes.FAILED)


def _settings(link_score: float | None, suggest_score: float | None):
    from tracker.match import MatchSettings

    kw = {}
    if link_score is not None:
        kw["link_score"] = link_score
    if suggest_score is not None:
        kw["suggest_score"] = suggest_score
    return MatchSettings(**kw)


_threshold_options = [
    click.option(
        "--link-score",
        type=click.FloatRange(0, 100),
        default=None,
        help="Similarity (0-100) at which two quotes are one statement [default 88].",
    ),
    click.option(
        "--suggest-score",
        type=click.FloatRange(0, 100),
        default=None,
        help="Similarity from which a pair is suggested as possibly the same [default 75].",
    ),
]


def threshold_options(f):
    for opt in reversed(_threshold_options):
        f = opt(f)
    return f


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--outlet",
    callback=_checked(lambda v: check_text(v, "the outlet", limit=200).strip() or None),
    help="Outlet name for every document in this batch.",
)
@click.option(
    "--max-size",
    default=20.0,
    show_default=True,
    metavar="MB",
    type=float,
    help="Skip files larger than this many megabytes.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, only the summary.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Name every file skipped as already stored, and what was noticed while reading "
    "(a guessed encoding, a consent banner cut out, a copy of a text from another outlet).",
)
@click.option(
    "--no-cluster", is_flag=True, help="Store quotes only; place them later with `tracker cluster`."
)
@threshold_options
@pass_ctx
@handles_db_errors
def ingest(
    ctx: Context,
    paths: tuple[Path, ...],
    outlet: str | None,
    max_size: float,
    quiet: bool,
    verbose: bool,
    no_cluster: bool,
    link_score: float | None,
    suggest_score: float | None,
) -> None:
    """Read articles and store their quotations.

    PATHS are files or folders (read recursively): plain text (.txt, .md),
    saved web pages (.html, .mhtml, also gzipped), or JSON Lines (.jsonl)
    records with text, title, outlet, url, published and author. A
    manifest.json beside the files supplies metadata that the files lack.

    A document is known by its URL (else its outlet and file name) and its
    text: the same again is skipped, so a batch can be re-run safely (-v names
    each one), while the same text from another outlet is stored as another
    appearance of its quotes.

    \b
    Examples:
      tracker ingest seeds/
      tracker ingest --outlet "Asia Times" saved-pages/*.html
    """
    from tracker.ingest import ingest as run_ingest
    from tracker.sources import count_sources

    db = ctx.db
    total = count_sources(paths)
    with _progress(quiet) as progress:
        task = progress.add_task("ingesting", total=total)

        def step(source: str, outcome: str) -> None:
            if outcome != "added" and outcome != "duplicate":
                return
            progress.advance(task)

        report = run_ingest(
            db,
            paths,
            outlet=outlet,
            max_bytes=int(max_size * 1e6),
            on_item=step,
            cluster=not no_cluster,
            settings=_settings(link_score, suggest_score),
        )
    for source, how in report.guessed:
        err.print(Text(f"read {terminal_safe(source)} as {terminal_safe(how)}", style="yellow"))
    for source, limit in report.limited:
        err.print(Text(f"{terminal_safe(source)}: {limit}", style="yellow"))
    if verbose:
        for source, note in report.notes:
            err.print(Text(f"{terminal_safe(source)}: {terminal_safe(note)}", style="dim"))
        for source, doc_id in report.skipped:
            err.print(
                Text(
                    f"already stored: {terminal_safe(source)} (document {doc_id}: same "
                    "URL, or same outlet and file name, and same text)",
                    style="dim",
                )
            )
    for problem in report.problems:
        # One line each, whatever the file name holds (a newline cannot forge a line).
        err.print(
            Text(f"skipped {one_line(problem.source)}: {one_line(problem.reason)}", style="yellow")
        )
    copies = (
        f" ({report.copies} with a text already stored from another outlet or URL)"
        if report.copies
        else ""
    )
    err.print(
        f"{report.added} documents added{copies}, {report.duplicates} already stored, "
        f"{report.quotes} quotes, {len(report.problems)} failed"
    )
    if report.problems:
        sys.exit(exit_codes.FAILED)


@cli.command()
@click.option("--limit", default=50, show_default=True, help="Show at most this many (0: all).")
@click.option("--speaker", help="Only quotes by this speaker (name or alias).")
@click.option("--outlet", help="Only quotes from this outlet.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in QuoteKind]),
    multiple=True,
    help="Only these kinds (repeatable). Scare quotes are hidden unless asked for.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@pass_ctx
@handles_db_errors
def quotes(
    ctx: Context,
    limit: int,
    speaker: str | None,
    outlet: str | None,
    kind: tuple[str, ...],
    as_json: bool,
) -> None:
    """List extracted quotations: outlet, date, speaker, cue and text."""
    from tracker.browse import list_quotes

    with ctx.db.Session() as session:
        rows = list_quotes(session, limit=limit, speaker=speaker, outlet=outlet, kinds=kind)
    if as_json:
        _echo_json(rows)
        return
    table = Table(show_lines=False, expand=False)
    for col, kw in [
        ("id", {"justify": "right"}),
        ("outlet", {}),
        ("date", {}),
        ("speaker", {}),
        ("cue", {}),
        ("kind", {}),
        ("text", {"ratio": 1}),
    ]:
        table.add_column(col, overflow="fold", **kw)
    for r in rows:
        table.add_row(
            *(
                Text(terminal_safe(str(v)) if v is not None else "")
                for v in (
                    r["quote_id"],
                    r["outlet"],
                    r["published"],
                    r["speaker"],
                    r["cue"],
                    r["kind"],
                    _clip(r["text"], 160),
                )
            )
        )
    _out().print(table)


def _statuses():
    from tracker.store.models import Status

    return list(Status)


def _progress(quiet: bool):
    """The progress bar long commands draw on stderr (off with -q or when not a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@cli.command("cluster")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Recompute every cluster from scratch (ids, verdicts, notes, merges and splits are kept).",
)
@threshold_options
@pass_ctx
@handles_db_errors
def cluster_cmd(ctx: Context, rebuild: bool, link_score, suggest_score) -> None:
    """Group quotes into claim clusters (ingest does this as it goes).

    Without --rebuild, only quotes not yet in a cluster are placed.
    """
    from sqlalchemy import select

    from tracker.clusters import add_quotes
    from tracker.clusters import rebuild as run_rebuild
    from tracker.store.models import Quote

    settings = _settings(link_score, suggest_score)
    with ctx.db.Session.begin() as session:
        if rebuild:
            stats = run_rebuild(session, settings)
            err.print(f"{stats['clusters']} clusters from {stats['quotes']} quotes")
        else:
            loose = list(session.scalars(select(Quote.id).where(Quote.cluster_id.is_(None))))
            state = None
            for i in range(0, len(loose), 1000):  # in slices, as ingest places its groups
                state = add_quotes(session, loose[i : i + 1000], settings, state)
            err.print(f"{len(loose)} quotes placed")


@cli.command("reextract")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, only the summary.")
@click.option(
    "--no-cluster",
    is_flag=True,
    help="Update quotes only; rebuild clusters later with `tracker cluster --rebuild`.",
)
@threshold_options
@pass_ctx
@handles_db_errors
def reextract_cmd(ctx: Context, quiet: bool, no_cluster: bool, link_score, suggest_score) -> None:
    """Re-run extraction and attribution on every stored document.

    Use it after upgrading tracker, so an existing database gets the better quotes
    and speakers. A quote whose span is unchanged keeps its id; verdicts, notes,
    evidence, merges and splits are kept; a speaker that changes on a reviewed
    cluster is written to that cluster's history (see `tracker show ID`).
    Clusters are then rebuilt around the reviewed ones.

    \b
    Example:
      tracker reextract
    """
    from sqlalchemy import func, select

    from tracker.reextract import reextract
    from tracker.store.models import Document

    with ctx.db.Session() as session:
        total = session.scalar(select(func.count(Document.id))) or 0
    with _progress(quiet) as progress:
        task = progress.add_task("re-extracting", total=total)
        report = reextract(
            ctx.db,
            _settings(link_score, suggest_score),
            progress=lambda n: progress.advance(task, n),
            recluster=not no_cluster,
        )
    err.print(
        f"{report.documents} documents: {report.kept} quotes kept ({report.updated} updated), "
        f"{report.added} added, {report.removed} removed, {report.preserved} kept for "
        f"reviewers' work; {report.speaker_changes_recorded} speaker changes on reviewed "
        "clusters recorded in their history"
    )


@cli.command("clusters")
@click.option(
    "--status",
    type=click.Choice([*(s.value for s in _statuses()), "all"]),
    help="Only this status ('all': every one, the default).",
)
@click.option("--speaker", help="Only clusters with this speaker (name or alias).")
@click.option("--outlet", help="Only clusters carried by this outlet.")
@click.option(
    "--min-outlets", type=int, default=0, help="Only clusters seen in at least N outlets."
)
@click.option("--scare", is_flag=True, help="Include clusters made only of scare quotes.")
@click.option("--limit", type=int, default=50, show_default=True, help="At most N (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_ctx
@handles_db_errors
def clusters_cmd(ctx: Context, status, speaker, outlet, min_outlets, scare, limit, as_json) -> None:
    """List claim clusters, widest spread first."""
    from tracker.browse import cluster_rows
    from tracker.store.db import unclustered_hints

    with ctx.db.Session() as session:
        rows = cluster_rows(
            session,
            status=None if status == "all" else status,
            speaker=speaker,
            outlet=outlet,
            min_outlets=min_outlets,
            include_scare=scare,
            limit=limit,
        )
    if not ctx.db.hints:  # quotes in no cluster are in no listing: say so
        for hint in unclustered_hints(ctx.db.engine):
            err.print(Text(f"note: {hint}", style="yellow"))
    if as_json:
        _echo_json(rows)
        return
    table = Table(expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("claim", ratio=4, overflow="fold")
    table.add_column("speaker", ratio=1, overflow="fold")
    for col in ("outlets", "quotes", "first seen", "status"):
        table.add_column(col, no_wrap=True)
    for r in rows:
        spk = r["speaker_label"]
        first = f"{r['first_seen'] or '?'} {r['first_outlet'] or ''}".strip()
        table.add_row(
            *(
                Text(terminal_safe(str(v)))
                for v in (
                    r["id"],
                    _clip(r["claim"], 90),
                    spk,
                    r["outlets"],
                    r["quotes"],
                    first,
                    r["status"],
                )
            )
        )
    _out().print(table)


@cli.command("show")
@click.argument("cluster", metavar="CLUSTER")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handles_db_errors
def show_cmd(ctx: Context, cluster: str, as_json: bool) -> None:
    """Show one cluster with every quote, how each differs, and who it was credited to.

    CLUSTER is an id or words of its wording ("new model of cooperation").
    """
    from tracker.browse import cluster_detail

    cluster_id = _cluster_id(ctx, cluster)
    with ctx.db.Session() as session:
        detail = cluster_detail(session, cluster_id)
    if detail is None:
        fail(f"no cluster {cluster_id}", exit_codes.NOT_FOUND)
    if as_json:
        _echo_json(detail)
        return
    _print_detail(_out(), detail)


def _print_detail(out: Console, d: dict[str, Any]) -> None:
    """One cluster for a reader: the review state, then every quote, wrapped, never squeezed."""
    head = Text.assemble(("Cluster ", "bold"), (str(d["id"]), "bold"), f"  [{d['status']}]")
    if d["reviewer"]:
        head.append(f" by {terminal_safe(d['reviewer'])}")
    out.print(head)
    out.print(Text(terminal_safe(d["claim"])))
    if d["note"]:
        out.print(Text.assemble(("Note: ", "bold"), terminal_safe(d["note"])))
    if d["evidence_url"]:
        out.print(Text.assemble(("Evidence: ", "bold"), terminal_safe(d["evidence_url"])))
    if d["misattribution"]:
        out.print(
            Text(
                "⚠ possible misattribution: credited to "
                + ", ".join(terminal_safe(s) for s in d["speakers"]),
                style="yellow",
            )
        )
    if out.width < 120:
        # Too narrow for a table with a readable text column: one block per quote.
        for m in d["members"]:
            named = (m["speaker"] or "—") + (
                f" (“{m['speaker_as_named']}”)" if m["speaker_as_named"] else ""
            )
            meta = " · ".join(
                str(v)
                for v in (
                    f"quote {m['quote_id']}",
                    m["outlet"] or "unknown outlet",
                    m["published"] or "undated",
                    named,
                    m["cue"] or "no cue",
                    m["kind"],
                    m["variant"] or "",
                )
                if v
            )
            out.print(Text(""))
            out.print(Text(terminal_safe(meta), style="bold"))
            out.print(Text("  " + terminal_safe(_clip(m["text"], 600))))
    else:
        table = Table(expand=True)
        for col, kw in (
            ("quote", {"no_wrap": True}),
            ("outlet", {"ratio": 1}),
            ("date", {"no_wrap": True}),
            ("speaker (as named)", {"ratio": 1}),
            ("cue", {"ratio": 1}),
            ("kind", {"no_wrap": True}),
            ("differs", {"ratio": 1}),
            ("text", {"ratio": 4, "min_width": 40}),
        ):
            table.add_column(col, overflow="fold", **kw)
        for m in d["members"]:
            named = f"{m['speaker'] or '—'}" + (
                f" ({m['speaker_as_named']})" if m["speaker_as_named"] else ""
            )
            table.add_row(
                *(
                    Text(terminal_safe(str(v)) if v is not None else "")
                    for v in (
                        m["quote_id"],
                        m["outlet"],
                        m["published"],
                        named,
                        m["cue"],
                        m["kind"],
                        m["variant"],
                        _clip(m["text"], 600),
                    )
                )
            )
        out.print(table)
    suggestions = d.get("suggestions") or []
    if suggestions:
        out.print(Text("Possibly the same (not merged; `tracker suggestions`):", style="bold"))
        for sg in suggestions:
            differs = f" [{sg['differs']}]" if sg.get("differs") else ""
            out.print(
                Text(
                    f"  {sg['cluster_id']} (score {sg['score']:.1f}, {sg['status']}): "
                    + terminal_safe(_clip(sg["claim"], 100) + differs)
                )
            )


@cli.command("merge")
@click.argument("target_ref", metavar="TARGET")
@click.argument("other_refs", metavar="OTHERS...", nargs=-1, required=True)
@reviewer_option
@pass_ctx
@handles_db_errors
def merge_cmd(ctx: Context, target_ref: str, other_refs: tuple[str, ...], reviewer) -> None:
    """Merge clusters OTHERS into TARGET; re-clustering keeps them together.

    Each cluster is an id or words of its wording. Clusters credited to different
    speakers are merged with a warning. `tracker unmerge TARGET` takes it back.

    \b
    Example:
      tracker merge "missile attack warning system" "seriously expanding the PRC"
    """
    from tracker.browse import cluster_detail
    from tracker.review import merge

    who = reviewer or _login()
    target = _cluster_id(ctx, target_ref)
    others = tuple(_cluster_id(ctx, ref) for ref in other_refs)
    with ctx.db.Session() as session:
        speakers = {
            cid: d["speakers"]
            for cid in (target, *others)
            if (d := cluster_detail(session, cid)) is not None
        }
    named = {s for ss in speakers.values() for s in ss}
    if len(named) > 1:
        err.print(
            Text(
                "warning: these clusters credit different speakers: "
                + "; ".join(
                    f"{cid}: {terminal_safe(', '.join(ss) or 'no speaker')}"
                    for cid, ss in speakers.items()
                ),
                style="yellow",
            )
        )

    def run(session):
        for other in others:
            merge(session, target, other, reviewer=who)

    _review(ctx, run)
    err.print(
        f"merged {', '.join(map(str, others))} into {target} "
        f"(`tracker unmerge {target}` takes it back)"
    )


@cli.command("unmerge")
@click.argument("cluster", metavar="CLUSTER")
@click.option(
    "--other", type=int, help="The merged-away cluster to bring back (default: the last)."
)
@reviewer_option
@pass_ctx
@handles_db_errors
def unmerge_cmd(ctx: Context, cluster: str, other: int | None, reviewer) -> None:
    """Take back the last merge into CLUSTER: the merged-away cluster returns with its id,
    quotes, verdict, note and history (as ctrl+z in the review UI).

    Refused if someone judged the merged cluster since; split the quotes off instead.
    """
    from tracker.review import unmerge

    cid = _cluster_id(ctx, cluster)
    change = _review(ctx, lambda s: unmerge(s, cid, other, reviewer=reviewer or _login()))
    err.print(f"cluster {change.other_cluster} is back, apart from {cid}")


@cli.command("split")
@click.argument("cluster", metavar="CLUSTER")
@click.argument("quote_ids", type=int, nargs=-1)
@click.option(
    "--quote",
    "quote_words",
    multiple=True,
    metavar="WORDS",
    help="The cluster's one quote whose text contains WORDS (repeatable).",
)
@click.option("--outlet", help="Every quote of the cluster from this outlet.")
@reviewer_option
@pass_ctx
@handles_db_errors
def split_cmd(
    ctx: Context,
    cluster: str,
    quote_ids: tuple[int, ...],
    quote_words: tuple[str, ...],
    outlet: str | None,
    reviewer,
) -> None:
    """Move quotes out of CLUSTER into a new cluster; they never rejoin it.

    CLUSTER is an id or words of its wording; the quotes are QUOTE_IDS (see
    `tracker show`), or named with --quote or --outlet.

    \b
    Example:
      tracker split "upcoming summit will further strengthen" --outlet "South China"
    """
    from tracker.browse import cluster_detail
    from tracker.review import split

    cluster_id = _cluster_id(ctx, cluster)
    if quote_words or outlet:
        with ctx.db.Session() as session:
            detail = cluster_detail(session, cluster_id)
        if detail is None:
            fail(f"no cluster {cluster_id}", exit_codes.NOT_FOUND)
        chosen = set(quote_ids)
        for words in quote_words:
            found = [m for m in detail["members"] if words.casefold() in m["text"].casefold()]
            if len(found) != 1:
                fail(
                    f"--quote {words!r} matches {len(found)} quotes of cluster {cluster_id}"
                    + (
                        f" ({', '.join(str(m['quote_id']) for m in found)}); give ids"
                        if found
                        else ""
                    ),
                    exit_codes.USAGE if found else exit_codes.NOT_FOUND,
                )
            chosen.add(found[0]["quote_id"])
        if outlet:
            found = [
                m for m in detail["members"] if outlet.casefold() in (m["outlet"] or "").casefold()
            ]
            if not found:
                fail(f"no quote of cluster {cluster_id} from {outlet!r}", exit_codes.NOT_FOUND)
            chosen |= {m["quote_id"] for m in found}
        quote_ids = tuple(sorted(chosen))
    if not quote_ids:
        fail("name the quotes to split off: QUOTE_IDS, --quote or --outlet", exit_codes.USAGE)
    change = _review(
        ctx, lambda s: split(s, cluster_id, list(quote_ids), reviewer=reviewer or _login())
    )
    new_id = change.other_cluster
    err.print(f"quotes {', '.join(map(str, quote_ids))} now form cluster {new_id}")
    click.echo(new_id)


@cli.command("suggestions")
@click.option(
    "--min-score", type=click.FloatRange(0, 100), default=0.0, help="Only pairs from this score."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_ctx
@handles_db_errors
def suggestions_cmd(ctx: Context, min_score: float, as_json: bool) -> None:
    """Pairs of clusters possibly the same statement (scored between --suggest-score and
    --link-score), best first. `tracker merge A B` joins a pair; `tracker reject A B`
    keeps it apart for good.
    """
    from tracker.browse import all_suggestions

    with ctx.db.Session() as session:
        rows = all_suggestions(session, min_score)
    if as_json:
        click.echo(json_text(rows, indent=2))
        return
    table = Table(expand=True)
    table.add_column("clusters", no_wrap=True)
    table.add_column("score", no_wrap=True, justify="right")
    table.add_column("claim", ratio=1, overflow="fold")
    table.add_column("possibly the same as", ratio=1, overflow="fold")
    table.add_column("differs (speaker, date)", overflow="fold")
    for r in rows:
        table.add_row(
            Text(f"{r['cluster_a']} {r['cluster_b']}"),
            Text(f"{r['score']:.1f}"),
            Text(terminal_safe(_clip(r["claim_a"], 200))),
            Text(terminal_safe(_clip(r["claim_b"], 200))),
            Text(terminal_safe(r["differs"])),
        )
    _out().print(table)
    err.print(f"{len(rows)} open suggestions")


@cli.command("reject")
@click.argument("cluster_ref", metavar="CLUSTER")
@click.argument("other_ref", metavar="OTHER")
@reviewer_option
@pass_ctx
@handles_db_errors
def reject_cmd(ctx: Context, cluster_ref: str, other_ref: str, reviewer) -> None:
    """CLUSTER and OTHER are different statements: the pair is never suggested again and
    later clusterings keep them apart (a `tracker merge` of the two overrides this)."""
    from tracker.review import reject_suggestion

    a, b = _cluster_id(ctx, cluster_ref), _cluster_id(ctx, other_ref)
    _review(ctx, lambda s: reject_suggestion(s, a, b, reviewer=reviewer or _login()))
    err.print(f"clusters {a} and {b} kept apart; never suggested again")


@cli.command("track")
@click.argument("phrase", required=False)
@click.option("--list", "list_", is_flag=True, help="List watched phrases with their hit counts.")
@click.option("--show", is_flag=True, help="Show every quote and passage matching PHRASE.")
@click.option("--remove", is_flag=True, help="Stop watching PHRASE.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=85.0,
    show_default=True,
    help="Fuzzy match score (0-100) a hit needs.",
)
@pass_ctx
@handles_db_errors
def track_cmd(ctx: Context, phrase, list_, show, remove, threshold) -> None:
    """Watch a phrase: every quote and article passage that matches it, past and future.

    \b
    Examples:
      tracker track "no upper limit"
      tracker track --list
      tracker track "no upper limit" --show
    """
    from sqlalchemy import select

    from tracker.store.models import WatchPhrase
    from tracker.watch import WatchError, add_phrase, hits, remove_phrase

    if list_:
        with ctx.db.Session() as session:
            phrases = list(session.scalars(select(WatchPhrase).order_by(WatchPhrase.id)))
            table = Table()
            for col in ("id", "phrase", "quotes", "passages", "since"):
                table.add_column(col)
            for wp in phrases:
                found = hits(session, wp.phrase, threshold)
                table.add_row(
                    Text(str(wp.id)),
                    Text(terminal_safe(wp.phrase)),
                    Text(str(sum(h.kind == "quote" for h in found))),
                    Text(str(sum(h.kind == "passage" for h in found))),
                    Text(wp.created_at.date().isoformat()),
                )
        _out().print(table)
        return
    if not phrase:
        fail("give a PHRASE, or --list", exit_codes.USAGE)
    if remove:
        with ctx.db.Session.begin() as session:
            if not remove_phrase(session, phrase):
                fail(f"not watched: {phrase}", exit_codes.NOT_FOUND)
        err.print("no longer watched")
        return
    if not show:
        try:
            with ctx.db.Session.begin() as session:
                _, created = add_phrase(session, phrase)
        except WatchError as exc:
            fail(str(exc), exit_codes.USAGE)
        err.print("now watching" if created else "already watched")
    with ctx.db.Session() as session:
        found = hits(session, phrase, threshold)
    table = Table(title=Text(f"{len(found)} hits for “{terminal_safe(phrase)}”"))
    for col in ("kind", "outlet", "date", "cluster", "score", "text"):
        table.add_column(col, overflow="fold")
    for h in found:
        table.add_row(
            *(
                Text(terminal_safe(str(v)) if v is not None else "")
                for v in (
                    h.kind,
                    h.outlet,
                    h.published,
                    h.cluster_id,
                    f"{h.score:.0f}",
                    _clip(h.text, 200),
                )
            )
        )
    _out().print(table)


@cli.command("find")
@click.argument("statement")
@click.option("--limit", type=int, default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handles_db_errors
def find_cmd(ctx: Context, statement: str, limit: int, as_json: bool) -> None:
    """Rank existing clusters by similarity to STATEMENT, in wording and in meaning (a
    paraphrase or translation, scored under 75): has it been checked before?"""
    from tracker.store.models import Cluster
    from tracker.watch import find_by_meaning

    with ctx.db.Session() as session:
        ranked = find_by_meaning(session, statement, limit)
        status = {cid: session.get(Cluster, cid).status.value for cid, *_ in ranked}
    rows = [
        {"id": cid, "score": round(s, 1), "by": how, "status": status[cid], "claim": claim}
        for cid, s, claim, how in ranked
    ]
    if as_json:
        _echo_json(rows)
        return
    table = Table()
    for col in ("id", "score", "by", "status", "claim"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            *(Text(terminal_safe(str(r[k]))) for k in ("id", "score", "by", "status")),
            Text(terminal_safe(_clip(r["claim"], 150))),
        )
    _out().print(table)


@cli.command("verdict")
@click.argument("cluster", metavar="CLUSTER")
@click.argument("status")
@click.option(
    "--note",
    callback=_checked(lambda v: check_text(v, "the note", multiline=True)),
    help="A note for the newsroom (replaces the current note).",
)
@click.option(
    "--evidence",
    "evidence",
    metavar="URL",
    callback=_checked(lambda v: check_url(v, "the evidence link") if v.strip() else ""),
    help="Link to the primary source (http or https; empty removes it).",
)
@reviewer_option
@pass_ctx
@handles_db_errors
def verdict_cmd(ctx: Context, cluster: str, status: str, note, evidence, reviewer) -> None:
    """Record a verdict on a cluster, as the review UI does.

    CLUSTER is an id or words of its wording. STATUS is one of: verified,
    misquoted, misattributed, out-of-context, disputed, false, unverifiable,
    unreviewed.

    \b
    Example:
      tracker verdict "new model of cooperation" verified --note "Checked" \\
          --evidence http://kremlin.ru/events/president/news/67364
    """
    from tracker.review import ReviewError, parse_status, set_evidence, set_verdict

    try:
        status = parse_status(status).value
    except ReviewError as exc:
        fail(str(exc), exit_codes.USAGE)
    if evidence and not evidence.strip().lower().startswith(("http://", "https://")):
        fail(f"--evidence must be an http(s) URL, not {evidence!r}", exit_codes.USAGE)
    cluster_id = _cluster_id(ctx, cluster)
    who = reviewer or _login()

    def run(session):
        set_verdict(session, cluster_id, status, reviewer=who, note=note)
        if evidence is not None:
            set_evidence(session, cluster_id, evidence, reviewer=who)

    _review(ctx, run)
    err.print(Text(f"cluster {cluster_id}: {one_line(status)} ({one_line(who)})"))


def _review(ctx: Context, action):
    """Run a reviewer's action in one transaction (again if it lost a lock race)."""
    from tracker.review import NotFoundError, ReviewError
    from tracker.store.db import with_retries

    def transaction():
        with ctx.db.Session.begin() as session:
            return action(session)

    try:
        return with_retries(transaction)
    except NotFoundError as exc:
        fail(str(exc), exit_codes.NOT_FOUND)
    except ReviewError as exc:
        fail(str(exc))


def _cluster_id(ctx: Context, ref: str) -> int:
    """A cluster named by its id, or by words of its wording (said on stderr which one)."""
    if ref.strip().isdigit():
        return int(ref)
    from tracker.watch import Ambiguous, NotFound, cluster_by_words

    with ctx.db.Session() as session:
        try:
            cid, _, claim = cluster_by_words(session, ref)
        except NotFound as exc:
            fail(str(exc), exit_codes.NOT_FOUND)
        except Ambiguous as exc:
            fail(str(exc), exit_codes.USAGE)
    err.print(Text(f"cluster {cid}: {terminal_safe(_clip(claim, 90))}", style="dim"))
    return cid


def _login() -> str:
    """The login name, as a reviewer name: whatever the environment says, one line of
    visible text that fits the column."""
    import getpass

    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"
    return one_line(name).strip()[:REVIEWER_LIMIT] or "unknown"


@cli.group()
def export() -> None:
    """Write data out: claims for the newsroom, quotes for tools, full backups."""


@export.command("quotes")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@output_option
@pass_ctx
@handles_db_errors
def export_quotes(ctx: Context, fmt: str, output: Path | None) -> None:
    """Every quote, one record each, with the fields documented in the README.

    \b
    Examples:
      tracker export quotes --format jsonl -o quotes.jsonl
      tracker export quotes --format csv > quotes.csv
    """
    from tracker.export import QUOTE_FIELDS, quote_records, write_csv, write_jsonl

    with ctx.db.Session() as session, _open_output(output) as out:
        records = quote_records(session)
        n = write_jsonl(records, out) if fmt == "jsonl" else write_csv(records, out, QUOTE_FIELDS)
    if output:
        err.print(f"{n} quotes written to {output}")


def _date_option(value: str | None, name: str):
    from tracker.dates import parse_date

    if value is None:
        return None
    date = parse_date(value)
    if date is None:
        fail(
            f"{name}: not a complete date: {value!r} (e.g. 2021-12-17 or 'December 17, 2021')",
            exit_codes.USAGE,
        )
    return date


_claim_filter_options = [
    click.option(
        "--status",
        default="verified",
        show_default=True,
        help="Only clusters with this status; 'all' for every cluster.",
    ),
    click.option(
        "--since", help="First published on or after this date (any form dateutil reads)."
    ),
    click.option("--until", help="First published on or before this date."),
    click.option("--outlet", help="Only claims carried by this outlet."),
    click.option("--speaker", help="Only claims by this speaker (name or alias)."),
    click.option(
        "--excel",
        is_flag=True,
        help="Start a CSV with a byte-order mark, so Excel reads it as UTF-8.",
    ),
]


def claim_filter_options(f):
    for opt in reversed(_claim_filter_options):
        f = opt(f)
    return f


def _claim_filters(status: str, since: str | None, until: str | None) -> dict[str, Any]:
    from tracker.review import ReviewError, parse_status

    if status != "all":
        try:
            status = parse_status(status).value
        except ReviewError as exc:
            fail(str(exc), exit_codes.USAGE)
    return {
        "status": status,
        "since": _date_option(since, "--since"),
        "until": _date_option(until, "--until"),
    }


@export.command("claims")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "claimreview"]),
    default="csv",
    show_default=True,
    help="claimreview: schema.org ClaimReview JSON-LD (needs --url-template).",
)
@claim_filter_options
@click.option(
    "--org",
    default="Fact-check desk",
    show_default=True,
    help="The organisation named as the author of ClaimReview reviews.",
)
@click.option(
    "--url-template",
    metavar="URL",
    help="Your fact-check page for each claim, with {id} for the cluster id "
    '(ClaimReview\'s url), e.g. "https://factcheck.example/claims/{id}".',
)
@output_option
@pass_ctx
@handles_db_errors
def export_claims(
    ctx: Context, fmt, status, since, until, outlet, speaker, excel, org, url_template, output
) -> None:
    """One row per claim cluster, verified ones by default, for the newsroom: the claim,
    speaker, verdict, reviewer, note, evidence, first report, outlets and article URLs.

    The CSV is plain UTF-8 (quoted fields, notes with newlines; --excel adds
    the byte-order mark Excel needs to see UTF-8) and never starts a cell with
    = + - @ tab or CR from article or note text: such cells get a leading apostrophe.
    Each outlet's own wording is in `tracker export appearances`.

    \b
    Examples:
      tracker export claims -o verified.csv
      tracker export claims --status all --since 2021-12-01 --format json
      tracker export claims --format claimreview --org "Daily Check" \\
          --url-template "https://factcheck.example/claims/{id}" -o reviews.jsonld
    """
    from tracker.export import CLAIM_FIELDS, claim_records, claimreview, write_csv

    if fmt == "claimreview":
        if not url_template:
            fail(
                'ClaimReview needs each review\'s own page: --url-template "https://…/{id}"',
                exit_codes.USAGE,
            )
        if "{id}" not in url_template or not url_template.lower().startswith(
            ("http://", "https://")
        ):
            fail("--url-template must be an http(s) URL containing {id}", exit_codes.USAGE)
    filters = _claim_filters(status, since, until)
    with ctx.db.Session() as session, _open_output(output, bom=excel and fmt == "csv") as out:
        records = claim_records(session, outlet=outlet, speaker=speaker, **filters)
        if fmt == "csv":
            n = write_csv(records, out, CLAIM_FIELDS)
        elif fmt == "json":
            rows = list(records)
            out.write(json_text(rows, indent=2) + "\n")
            n = len(rows)
        else:
            reviews = claimreview(session, records, org, url_template)
            out.write(json_text(reviews, indent=2) + "\n")
            n = len(reviews)
    if output:
        err.print(f"{n} claims written to {output}")


@export.command("appearances")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl"]),
    default="csv",
    show_default=True,
)
@claim_filter_options
@output_option
@pass_ctx
@handles_db_errors
def export_appearances(
    ctx: Context, fmt, status, since, until, outlet, speaker, excel, output
) -> None:
    """One row per quote of each claim (verified ones by default): cluster id, claim,
    status, outlet, url, title, published, speaker, speaker as named, cue and the
    outlet's own wording. Takes the same filters as `tracker export claims`.

    \b
    Example:
      tracker export appearances --status all -o appearances.csv
    """
    from tracker.export import (
        APPEARANCE_FIELDS,
        appearance_records,
        claim_records,
        write_csv,
        write_jsonl,
    )

    filters = _claim_filters(status, since, until)
    with ctx.db.Session() as session, _open_output(output, bom=excel and fmt == "csv") as out:
        claims = list(claim_records(session, outlet=outlet, speaker=speaker, **filters))
        records = appearance_records(session, iter(claims))
        if fmt == "csv":
            n = write_csv(records, out, APPEARANCE_FIELDS)
        else:
            n = write_jsonl(records, out)
    if output:
        err.print(f"{n} appearances of {len(claims)} claims written to {output}")


@export.command("all")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@output_option
@pass_ctx
@handles_db_errors
def export_all_cmd(ctx: Context, fmt: str, output: Path | None) -> None:
    """A full backup: documents with their text, quotes, speakers, clusters, verdicts,
    notes, evidence, history, merge/split decisions and the watchlist.

    Restore it into an empty database with `tracker import`.
    """
    from tracker.backup import export_all

    with ctx.db.Session() as session, _open_output(output) as out:
        counts = export_all(session, out)
    if output:
        err.print(
            f"backup written to {output}: " + ", ".join(f"{v} {k}" for k, v in counts.items())
        )


@cli.command("import")
@click.argument("backup", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
@handles_db_errors
def import_cmd(ctx: Context, backup: Path) -> None:
    """Restore a backup made by `tracker export all` into an empty database.

    The whole file is checked first (its trailer's record counts and checksum, and
    every record's fields, values and references); then it is restored in one
    transaction. A backup that fails any check is refused with the reason, and
    nothing is written.
    """
    import stat

    from tracker.backup import BackupError, import_all

    try:
        # Without blocking: a named pipe is refused below, never waited on.
        fh = os.fdopen(os.open(backup, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb")
    except FileNotFoundError:
        fail(f"cannot read {backup}: no such file", exit_codes.NOT_FOUND)
    except OSError as exc:
        fail(f"cannot read {backup}: {exc.strerror}")
    with fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            fail(f"cannot read {backup}: not a regular file (save the backup to a file first)")
        os.set_blocking(fh.fileno(), True)
        try:
            with ctx.db.Session.begin() as session:
                counts = import_all(
                    session, fh, warn=lambda m: err.print(Text(f"warning: {m}", style="yellow"))
                )
        except BackupError as exc:
            fail(f"{backup}: {exc}")
        except OSError as exc:
            fail(f"cannot read {backup}: {exc.strerror or exc}")
    err.print("restored: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


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
@handles_db_errors
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

    if (cluster is None) == (phrase is None):
        fail("give a CLUSTER (an id or words of its wording) or --phrase", exit_codes.USAGE)
    cluster_id = None if cluster is None else _cluster_id(ctx, cluster)
    with ctx.db.Session() as session:
        comparison = (
            compare(session, cluster_id) if phrase is None else compare_phrase(session, phrase)
        )
    if comparison is None:
        fail(
            f"no cluster {cluster_id}" if phrase is None else f"nothing matches {phrase!r}",
            exit_codes.NOT_FOUND,
        )
    if fmt == "table":
        _print_comparison(_out(), comparison)
        return
    body = {"md": to_markdown, "csv": to_csv, "html": to_html}[fmt](comparison)
    with _open_output(output) as fh:
        fh.write(body)
    if output:
        err.print(f"comparison written to {output}")


def _print_comparison(out: Console, c) -> None:
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
    for col, kw in (
        ("date", {"no_wrap": True}),
        ("outlet", {"ratio": 2}),
        ("speaker (as named)", {"ratio": 3}),
        ("verb", {"no_wrap": True}),
        ("quoted", {"ratio": 2}),
        ("charged", {"ratio": 1, "min_width": 7}),
        ("sentence around it", {"ratio": 10, "min_width": 40}),
    ):
        table.add_column(col, overflow="fold", **kw)
    for row in rows:
        table.add_row(*(Text(terminal_safe(v)) for v in row[:7]))
    out.print(table)


class _open_output:
    """A file opened for writing, or stdout; the file appears only when complete."""

    def __init__(self, path: Path | None, bom: bool = False) -> None:
        self.path = path
        self.tmp: Path | None = None
        # A BOM lets Excel recognise UTF-8 CSV files (asked for with --excel); other
        # readers (Python's csv, pandas) would take it for part of the first column.
        self.encoding = "utf-8-sig" if bom else "utf-8"

    def __enter__(self):
        if self.path is None:
            # A file keeps every character of the data; a terminal is shown pictures.
            return _TerminalWriter(sys.stdout) if sys.stdout.isatty() else sys.stdout
        try:
            self.tmp = self.path.with_name(self.path.name + ".part")
            self.fh = self.tmp.open("w", encoding=self.encoding, newline="")
        except OSError as exc:
            fail(f"cannot write {self.path}: {exc.strerror}")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.path is None or self.tmp is None:
            return
        self.fh.close()
        if exc_type is None:
            self.tmp.replace(self.path)
        else:
            self.tmp.unlink(missing_ok=True)


class _TerminalWriter:
    """stdout, for exports printed to a terminal: control characters become pictures."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(terminal_safe(text))

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


@cli.group()
def db() -> None:
    """Schema migrations (Alembic)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@click.pass_obj
def db_upgrade(ctx: Context, revision: str) -> None:
    """Create or upgrade the database schema in place, keeping all data."""
    from tracker.store.db import check_ours, create_db_engine, current_revision, upgrade

    try:
        engine = create_db_engine(ctx.url or _default_url())
        with engine.connect() as conn:
            before = check_ours(conn)
        upgrade(engine, revision)
        click.echo(f"database at {current_revision(engine)} (was {before or 'empty'})")
        if before is not None:
            from tracker.store.db import unclustered_hints

            for hint in unclustered_hints(engine):
                err.print(Text(f"note: {hint}", style="yellow"))
    except DatabaseError as exc:
        fail(str(exc), exit_codes.DATABASE)
    except Exception as exc:  # noqa: BLE001 - driver errors vary by engine
        fail(f"cannot upgrade: {error_line(exc)}", exit_codes.DATABASE)


@db.command("current")
@click.pass_obj
def db_current(ctx: Context) -> None:
    """Print the schema revision of the database and the newest one known."""
    from tracker.store.db import check_ours, create_db_engine, head_revision

    try:
        engine = create_db_engine(ctx.url or _default_url())
        with engine.connect() as conn:
            current = check_ours(conn)
        click.echo(f"current: {current or 'empty'}  head: {head_revision(engine)}")
    except DatabaseError as exc:
        fail(str(exc), exit_codes.DATABASE)
    except Exception as exc:  # noqa: BLE001
        fail(f"cannot read the database: {error_line(exc)}", exit_codes.DATABASE)


def _default_url() -> str:
    from tracker.store.db import resolve_url

    return resolve_url(None)


def main() -> None:
    try:
        cli(prog_name="tracker")
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("TRACKER_DEBUG"):
            raise
        err.print(Text(f"internal error: {type(exc).__name__}: {error_line(exc)}", style="red"))
        err.print("Nothing was written by the failed step. Set TRACKER_DEBUG=1 for details.")
        sys.exit(exit_codes.FAILED)
