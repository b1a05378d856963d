"""Reading articles in and placing their quotes: ``ingest``, ``cluster``, ``reextract``."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.text import Text

from tracker import exit_codes
from tracker.cli.app import cli
from tracker.cli.common import (
    Context,
    Number,
    checked,
    match_settings,
    pass_ctx,
    stop_if_interrupted,
    threshold_options,
)
from tracker.cli.output import count, err, progress_bar
from tracker.safe import check_text, one_line

if TYPE_CHECKING:
    from tracker.sources import Source

# A web address, which ingest does not fetch (it reads saved pages).
_URL = re.compile(r"[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def _source_paths(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    """The PATHS as given, checked before they become ``Path``s: ``Path("")`` is the current
    folder (``tracker ingest "$DIR"`` with DIR unset read it all), and ``Path`` squeezes
    the slashes of a web address into a name that does not say what went wrong. ``-`` is
    standard input (a file named so is ``./-``), never a terminal: ingest would sit
    waiting for records that nobody is going to type."""
    from tracker.sources import STDIN

    if values.count("-") > 1:
        raise click.BadParameter("- (standard input) can be named only once")
    if "-" in values and (sys.stdin is None or sys.stdin.isatty()):
        raise click.BadParameter(
            "- reads JSON Lines from standard input, which is "
            + ("closed" if sys.stdin is None else "a terminal")
            + ": pipe records in (… | tracker ingest -), or name the file"
        )
    for value in values:
        if value == "-":
            continue
        if not value.strip():
            raise click.BadParameter("an empty path: name a file or folder")
        if _URL.match(value) and not Path(value).exists():
            raise click.BadParameter(
                f"{one_line(value)} is a web address: tracker does not fetch pages; save the "
                "page (or a JSON Lines record of it) and ingest the file"
            )
    return tuple(STDIN if v == "-" else Path(v) for v in values)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), callback=_source_paths)
@click.option(
    "--outlet",
    callback=checked(lambda v: check_text(v, "the outlet", limit=200).strip() or None),
    help="Outlet name for every document in this batch.",
)
@click.option(
    "--max-size",
    default=20.0,
    show_default=True,
    metavar="MB",
    # Above 0 and at most a terabyte: 0 or less refused every file, NaN or a huge value
    # ended in an internal error.
    type=Number(0, 1e6, min_open=True),
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
def ingest(
    ctx: Context,
    paths: tuple[Source, ...],
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
    A PATH of - reads JSON Lines from standard input, each record as its
    line comes in (stored with its group of documents).

    A document is known by its URL (else its outlet and file name) and its
    text: the same again is skipped, so a batch can be re-run safely (-v names
    each one), while the same text from another outlet is stored as another
    appearance of its quotes.

    Quotes join the clusters already stored as each group of documents lands.
    Into an archive with no clusters yet (a first load), every document is
    stored first and the quotes are clustered once, at the end: faster, and
    the same clusters however the run was grouped.

    \b
    Examples:
      tracker ingest seeds/
      tracker ingest --outlet "Asia Times" saved-pages/*.html
      jq -c 'select(.lang == "de")' feed.jsonl | tracker ingest -
    """
    from tracker.ingest import ingest as run_ingest
    from tracker.sources import StandardInput, count_sources, kinds_held

    db = ctx.open_db(create=True)  # the first ingest makes the database
    # Standard input is read once, as it comes: how much is still to come is unknown.
    streamed = any(isinstance(p, StandardInput) for p in paths)
    total = None if streamed else count_sources(paths)
    with progress_bar(quiet) as progress:
        task = progress.add_task("ingesting", total=total)

        def step(source: str, outcome: str) -> None:
            progress.advance(task)  # added, already stored or failed: one less to go
            stop_if_interrupted()

        def clustering(quotes: int) -> None:
            # A first load clusters once, at the end: say so rather than sit at 100%.
            progress.update(task, visible=False)
            progress.add_task(f"clustering {count(quotes, 'quote')}", total=None)

        report = run_ingest(
            db,
            paths,
            outlet=outlet,
            max_bytes=int(max_size * 1e6),
            on_item=step,
            cluster=not no_cluster,
            settings=match_settings(link_score, suggest_score),
            on_clustering=clustering,
        )
    for source, how in report.guessed:
        err.print(Text(f"read {one_line(source)} as {one_line(how)}", style="yellow"))
    for source, limit in report.limited:
        err.print(Text(f"{one_line(source)}: {limit}", style="yellow"))
    if verbose:
        for source, note in report.notes:
            err.print(Text(f"{one_line(source)}: {one_line(note)}", style="dim"))
        for source, doc_id in report.skipped:
            err.print(
                Text(
                    f"already stored: {one_line(source)} (document {doc_id}: same "
                    "URL, or same outlet and file name, and same text)",
                    style="dim",
                )
            )
        for source in report.unread:
            err.print(Text(f"not a kind tracker reads: {one_line(source)}", style="dim"))
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
    unread = (
        f"; {count(len(report.unread), 'file')} skipped: not a kind tracker reads "
        f"({kinds_held(report.unread)}{'' if verbose else '; -v names them'})"
        if report.unread
        else ""
    )
    err.print(
        f"{count(report.added, 'document')} added{copies}, {report.duplicates} already stored, "
        f"{count(report.quotes, 'quote')}, {len(report.problems)} failed{unread}"
    )
    if report.problems:
        sys.exit(exit_codes.FAILED)


@cli.command("cluster")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Recompute every cluster from scratch (ids, verdicts, notes, merges and splits are kept).",
)
@threshold_options
@pass_ctx
def cluster_cmd(ctx: Context, rebuild: bool, link_score, suggest_score) -> None:
    """Group quotes into claim clusters (ingest does this as it goes).

    Without --rebuild, only quotes not yet in a cluster are placed.
    """
    from tracker.clusters import rebuild as run_rebuild
    from tracker.ingest import place_unclustered
    from tracker.store.db import lock_for_clustering

    settings = match_settings(link_score, suggest_score)
    with ctx.db.Session.begin() as session:
        lock_for_clustering(session.connection())  # one clustering of the archive at a time
        if rebuild:
            stats = run_rebuild(session, settings)
            err.print(f"{stats['clusters']} clusters from {stats['quotes']} quotes")
        else:
            placed = place_unclustered(session, settings)
            err.print(f"{placed} quotes placed")


@cli.command("reextract")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, only the summary.")
@click.option(
    "--no-cluster",
    is_flag=True,
    help="Update quotes only; rebuild clusters later with `tracker cluster --rebuild`.",
)
@threshold_options
@pass_ctx
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
    from tracker.reextract import document_count, reextract

    with ctx.db.Session() as session:
        total = document_count(session)
    with progress_bar(quiet) as progress:
        task = progress.add_task("re-extracting", total=total)
        report = reextract(
            ctx.db,
            match_settings(link_score, suggest_score),
            progress=lambda n: progress.advance(task, n),
            recluster=not no_cluster,
        )
    for source, limit in report.limited:
        err.print(Text(f"{one_line(source)}: {limit}", style="yellow"))
    err.print(
        f"{count(report.documents, 'document')}: {count(report.kept, 'quote')} kept "
        f"({report.updated} updated), "
        f"{report.added} added, {report.removed} removed, {report.preserved} kept for "
        f"reviewers' work; {count(report.speaker_changes_recorded, 'speaker change')} on "
        "reviewed clusters recorded in their history"
    )
