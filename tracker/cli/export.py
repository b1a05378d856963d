"""Data out and back in: ``export quotes|claims|appearances|all`` and ``import``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from tracker.cli.app import cli
from tracker.cli.common import Context, option_group, output_option, pass_ctx, some_words
from tracker.cli.output import err, open_output
from tracker.errors import NotFound, TrackerError, UsageError
from tracker.safe import json_text


@cli.group()
def export() -> None:
    """Write data out: claims for the newsroom, quotes for tools, full backups."""


@export.command("quotes")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@output_option
@pass_ctx
def export_quotes(ctx: Context, fmt: str, output: Path | None) -> None:
    """Every quote, one record each, with the fields documented in the README.

    \b
    Examples:
      tracker export quotes --format jsonl -o quotes.jsonl
      tracker export quotes --format csv > quotes.csv
    """
    from tracker.export import QUOTE_FIELDS, quote_records, write_csv, write_jsonl

    with ctx.db.Session() as session, open_output(output) as out:
        records = quote_records(session)
        n = write_jsonl(records, out) if fmt == "jsonl" else write_csv(records, out, QUOTE_FIELDS)
    if output:
        err.print(f"{n} quotes written to {output}")


def date_option(value: str | None, name: str):
    from tracker.dates import parse_date

    if value is None:
        return None
    date = parse_date(value)
    if date is None:
        raise UsageError(
            f"{name}: not a valid, complete date: {value!r} (a day of a month of a year, "
            "e.g. 2021-12-17 or 'December 17, 2021')"
        )
    return date


claim_filter_options = option_group(
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
    click.option(
        "--outlet", callback=some_words("the outlet"), help="Only claims carried by this outlet."
    ),
    click.option(
        "--speaker",
        callback=some_words("the speaker"),
        help="Only claims by this speaker (name or alias).",
    ),
    click.option(
        "--excel",
        is_flag=True,
        help="Start a CSV with a byte-order mark, so Excel reads it as UTF-8.",
    ),
)


def check_names(ctx: Context, outlet: str | None, speaker: str | None) -> None:
    """An --outlet or --speaker that fits no stored name is not found (exit 4), before
    any file is written: an empty export read as "nothing verified from them"."""
    from tracker.browse import check_names

    if outlet or speaker:
        with ctx.db.Session() as session:
            check_names(session, outlet=outlet, speaker=speaker)


def claim_filters(status: str, since: str | None, until: str | None) -> dict[str, Any]:
    from tracker.review import parse_status

    if status != "all":
        status = parse_status(status).value  # UnknownStatus: a usage error
    return {
        "status": status,
        "since": date_option(since, "--since"),
        "until": date_option(until, "--until"),
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
    from tracker.export import (
        CLAIM_FIELDS,
        check_url_template,
        claim_records,
        claimreview,
        write_csv,
    )

    if fmt == "claimreview":
        if not url_template:
            raise UsageError(
                'ClaimReview needs each review\'s own page: --url-template "https://…/{id}"'
            )
        check_url_template(url_template)  # before the database is opened: bad usage first
        if not org.strip():  # a review's author is required by name
            raise UsageError("ClaimReview names its author: --org must not be blank")
    filters = claim_filters(status, since, until)
    check_names(ctx, outlet, speaker)
    with ctx.db.Session() as session, open_output(output, bom=excel and fmt == "csv") as out:
        records = claim_records(session, outlet=outlet, speaker=speaker, **filters)
        if fmt == "csv":
            n = write_csv(records, out, CLAIM_FIELDS)
        elif fmt == "json":
            rows = list(records)
            out.write(json_text(rows, indent=2) + "\n")
            n = len(rows)
        else:
            reviews = claimreview(session, records, org, url_template)
            # Published inside <script type="application/ld+json">: article text must not
            # end that block ("</script>") or open a comment; JSON's \u escapes read back
            # the same. "<" and ">" only ever occur inside strings here.
            text = json_text(reviews, indent=2).replace("<", "\\u003c").replace(">", "\\u003e")
            out.write(text + "\n")
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

    filters = claim_filters(status, since, until)
    check_names(ctx, outlet, speaker)
    with ctx.db.Session() as session, open_output(output, bom=excel and fmt == "csv") as out:
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
def export_all_cmd(ctx: Context, fmt: str, output: Path | None) -> None:
    """A full backup: documents with their text, quotes, speakers, clusters, verdicts,
    notes, evidence, history, merge/split decisions and the watchlist.

    Restore it into an empty database with `tracker import`.
    """
    from tracker.backup import export_all

    with ctx.db.Session() as session, open_output(output) as out:
        counts = export_all(session, out)
    if output:
        err.print(
            f"backup written to {output}: " + ", ".join(f"{v} {k}" for k, v in counts.items())
        )


@cli.command("import")
@click.argument("backup", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
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
        raise NotFound(f"cannot read {backup}: no such file") from None
    except OSError as exc:
        raise TrackerError(f"cannot read {backup}: {exc.strerror}") from None
    with fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise TrackerError(
                f"cannot read {backup}: not a regular file (save the backup to a file first)"
            )
        os.set_blocking(fh.fileno(), True)
        try:
            # Restoring into a new database is the usual way back from a backup.
            with ctx.open_db(create=True).Session.begin() as session:
                counts = import_all(
                    session, fh, warn=lambda m: err.print(Text(f"warning: {m}", style="yellow"))
                )
        except BackupError as exc:
            raise TrackerError(f"{backup}: {exc}") from None
        except OSError as exc:
            raise TrackerError(f"cannot read {backup}: {exc.strerror or exc}") from None
    err.print("restored: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
