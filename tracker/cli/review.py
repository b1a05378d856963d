"""A reviewer's decisions: the review UI, and the same actions from a script
(``verdict``, ``merge``, ``unmerge``, ``split``, ``unsplit``, ``reject``, ``unreject``)."""

from __future__ import annotations

import sys

import click
from rich.text import Text

from tracker import exit_codes
from tracker.cli.app import cli
from tracker.cli.common import (
    Context,
    checked,
    cluster_id_of,
    login,
    pass_ctx,
    reviewer_name,
    reviewer_option,
    run_review,
    some_words,
)
from tracker.cli.output import err
from tracker.errors import NotFound, UsageError
from tracker.safe import check_text, check_typed_url, one_line, terminal_safe


@cli.command("review")
@click.option(
    "--reviewer",
    default=None,
    callback=checked(reviewer_name),
    help="Your name on verdicts (default: login name).",
)
@pass_ctx
def review_cmd(ctx: Context, reviewer: str | None = None) -> None:
    """Open the review UI (also what a bare `tracker` does).

    Keys are shown in the footer; ? lists them all; ctrl+p finds any action by name.
    """
    db = ctx.db  # first: a missing database is the problem to name, terminal or not
    if not sys.stdout.isatty():
        raise UsageError("the review UI needs a terminal; use `tracker clusters` in scripts")
    from tracker.tui.app import ReviewApp

    app = ReviewApp(db, reviewer or login())
    app.run()
    if app.return_code:
        sys.exit(exit_codes.FAILED)


@cli.command("verdict")
@click.argument("cluster", metavar="CLUSTER")
@click.argument("status")
@click.option(
    "--note",
    callback=checked(lambda v: check_text(v, "the note", multiline=True)),
    help="A note for the newsroom (replaces the current note).",
)
@click.option(
    "--evidence",
    "evidence",
    metavar="URL",
    callback=checked(lambda v: check_typed_url(v, "the evidence link") if v.strip() else ""),
    help="Link to the primary source (http or https; empty removes it).",
)
@reviewer_option
@pass_ctx
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
    from tracker.review import parse_status, set_evidence, set_verdict

    status = parse_status(status).value  # UnknownStatus: a usage error
    if evidence and not evidence.strip().lower().startswith(("http://", "https://")):
        raise UsageError(f"--evidence must be an http(s) URL, not {evidence!r}")
    cluster_id = cluster_id_of(ctx, cluster)
    who = reviewer or login()

    def run(session):
        set_verdict(session, cluster_id, status, reviewer=who, note=note)
        if evidence is not None:
            set_evidence(session, cluster_id, evidence, reviewer=who)

    run_review(ctx, run)
    err.print(Text(f"cluster {cluster_id}: {one_line(status)} ({one_line(who)})"))


@cli.command("merge")
@click.argument("target_ref", metavar="TARGET")
@click.argument("other_refs", metavar="OTHERS...", nargs=-1, required=True)
@reviewer_option
@pass_ctx
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

    who = reviewer or login()
    target = cluster_id_of(ctx, target_ref)
    # A cluster named twice (by id and by words, say) is merged once, not refused as gone.
    others = tuple(dict.fromkeys(cluster_id_of(ctx, ref) for ref in other_refs))
    with ctx.db.Session() as session:
        speakers = {
            cid: d.speakers
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

    run_review(ctx, run)
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
def unmerge_cmd(ctx: Context, cluster: str, other: int | None, reviewer) -> None:
    """Take back the last merge into CLUSTER: the merged-away cluster returns with its id,
    quotes, verdict, note and history (as ctrl+z in the review UI).

    Refused if someone judged the merged cluster since; split the quotes off instead.
    """
    from tracker.review import unmerge

    cid = cluster_id_of(ctx, cluster)
    change = run_review(ctx, lambda s: unmerge(s, cid, other, reviewer=reviewer or login()))
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
@click.option(
    "--outlet",
    callback=some_words("the outlet"),
    help="Every quote of the cluster from this outlet.",
)
@reviewer_option
@pass_ctx
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
    `tracker show`), or named with --quote or --outlet. The new cluster's id is printed;
    `tracker unsplit NEW` takes the split back.

    \b
    Example:
      tracker split "stand back to back" --outlet "South China"
    """
    from tracker.browse import cluster_detail
    from tracker.review import split

    cluster_id = cluster_id_of(ctx, cluster)
    if quote_words or outlet:
        with ctx.db.Session() as session:
            detail = cluster_detail(session, cluster_id)
        if detail is None:
            raise NotFound(f"no cluster {cluster_id}")
        chosen = set(quote_ids)
        for words in quote_words:
            if not words.strip():  # every quote's text contains "": nothing is named
                raise UsageError("--quote needs some words of the quote's text")
            found = [m for m in detail.members if words.casefold() in m.text.casefold()]
            if len(found) != 1:
                raise (UsageError if found else NotFound)(
                    f"--quote {words!r} matches {len(found)} quotes of cluster {cluster_id}"
                    + (f" ({', '.join(str(m.quote_id) for m in found)}); give ids" if found else "")
                )
            chosen.add(found[0].quote_id)
        if outlet:
            found = [m for m in detail.members if outlet.casefold() in (m.outlet or "").casefold()]
            if not found:
                raise NotFound(f"no quote of cluster {cluster_id} from {outlet!r}")
            chosen |= {m.quote_id for m in found}
        quote_ids = tuple(sorted(chosen))
    if not quote_ids:
        raise UsageError("name the quotes to split off: QUOTE_IDS, --quote or --outlet")
    change = run_review(
        ctx, lambda s: split(s, cluster_id, list(quote_ids), reviewer=reviewer or login())
    )
    new_id = change.other_cluster
    err.print(
        f"quotes {', '.join(map(str, quote_ids))} now form cluster {new_id} "
        f"(`tracker unsplit {new_id}` takes it back)"
    )
    click.echo(new_id)


@cli.command("unsplit")
@click.argument("cluster", metavar="CLUSTER")
@reviewer_option
@pass_ctx
def unsplit_cmd(ctx: Context, cluster: str, reviewer) -> None:
    """Take back the split that made CLUSTER (the id `tracker split` printed): its quotes
    go back to the cluster they came from, with the wording it had, and the decisions
    the split recorded go (as ctrl+z after S in the review UI).

    Refused if someone judged, merged or split CLUSTER since; merge it back instead.
    """
    from tracker.review import unsplit

    cid = cluster_id_of(ctx, cluster)
    change = run_review(ctx, lambda s: unsplit(s, cid, reviewer=reviewer or login()))
    err.print(f"quotes {', '.join(map(str, change.moved))} are back in cluster {change.cluster_id}")


@cli.command("reject")
@click.argument("cluster_ref", metavar="CLUSTER")
@click.argument("other_ref", metavar="OTHER")
@reviewer_option
@pass_ctx
def reject_cmd(ctx: Context, cluster_ref: str, other_ref: str, reviewer) -> None:
    """CLUSTER and OTHER are different statements: the pair is never suggested again and
    later clusterings keep them apart (a `tracker merge` of the two overrides this)."""
    from tracker.review import reject_suggestion

    a, b = cluster_id_of(ctx, cluster_ref), cluster_id_of(ctx, other_ref)
    run_review(ctx, lambda s: reject_suggestion(s, a, b, reviewer=reviewer or login()))
    err.print(
        f"clusters {a} and {b} kept apart; never suggested again "
        f"(`tracker unreject {a} {b}` takes it back)"
    )


@cli.command("unreject")
@click.argument("cluster_ref", metavar="CLUSTER")
@click.argument("other_ref", metavar="OTHER")
@reviewer_option
@pass_ctx
def unreject_cmd(ctx: Context, cluster_ref: str, other_ref: str, reviewer) -> None:
    """Take back the last "not the same" between CLUSTER and OTHER: their suggestions
    return with their scores (as ctrl+z after X in the review UI).

    Refused once either cluster was merged away or its quotes moved.
    """
    from tracker.review import unreject

    a, b = cluster_id_of(ctx, cluster_ref), cluster_id_of(ctx, other_ref)
    run_review(ctx, lambda s: unreject(s, a, b, reviewer=reviewer or login()))
    err.print(f"clusters {a} and {b} may be suggested as the same again")
