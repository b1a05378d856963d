"""The ``tracker`` command group, and the one place where errors become exit codes."""

from __future__ import annotations

import os
import sys
from typing import Any

import click
from rich.text import Text

from tracker import exit_codes
from tracker.cli.common import Context, interrupts
from tracker.cli.output import (
    OutputError,
    broken_pipe,
    err,
    fail,
    guard_stdout,
    output_failed,
    stdout_gone,
)
from tracker.errors import TrackerError
from tracker.safe import error_line
from tracker.store.db import DEFAULT_URL, ENV_VAR


class TrackerGroup(click.Group):
    """Every command runs inside this group: its errors become one line and an exit code
    here, and nowhere else.

    A ``TrackerError`` carries its own exit code; a lost connection or a locked database
    is ``DATABASE``; a value the database refuses (on either engine alike: see
    ``tracker.store.models``) is ``FAILED`` with nothing written.
    """

    def invoke(self, ctx: click.Context) -> Any:
        from sqlalchemy.exc import DataError, OperationalError, StatementError

        from tracker.store.models import Unstorable

        try:
            with interrupts:
                result = super().invoke(ctx)
            # What is still buffered is written now, so that a reader gone away is met
            # here and not at the interpreter's exit (a line on stderr and status 120).
            sys.stdout.flush()
            return result
        except BrokenPipeError:
            if not stdout_gone():
                raise
            broken_pipe()
        except KeyboardInterrupt:
            # Scripts tell a stopped run from a failed one by 130, as shells do (click's
            # own "Aborted!" exits 1); each group of an ingest commits whole or not at all.
            fail(
                "interrupted: what was committed before is kept; run the command again to finish",
                exit_codes.INTERRUPTED,
            )
        except OutputError as exc:
            output_failed(exc)
        except TrackerError as exc:
            fail(str(exc), exc.exit_code)
        except OperationalError as exc:
            if "readonly database" in str(exc.orig):
                fail(
                    "the database is read-only here (its file or its folder cannot be "
                    "written): it can be browsed and exported, not changed; nothing was written",
                    exit_codes.DATABASE,
                )
            fail(f"database error: {error_line(exc)}", exit_codes.DATABASE)
        except (DataError, StatementError) as exc:
            if not isinstance(exc, DataError) and not isinstance(exc.orig, Unstorable):
                raise
            fail(f"the database refused a value, nothing was written: {error_line(exc)}")


@click.group(
    cls=TrackerGroup,
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
    3 database unavailable, 4 not found, 130 interrupted (Ctrl-C).
    Piped into a reader that stops early (`| head`), a command stops quietly with 0.
    """
    ctx.obj = Context(url)
    if ctx.invoked_subcommand is None:
        from tracker.cli.review import review_cmd

        ctx.invoke(review_cmd)


def main() -> None:
    guard_stdout()
    try:
        cli(prog_name="tracker")
    except OutputError as exc:  # printing before a command runs: --help, --version
        output_failed(exc)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("TRACKER_DEBUG"):
            raise
        err.print(Text(f"internal error: {type(exc).__name__}: {error_line(exc)}", style="red"))
        err.print("Nothing was written by the failed step. Set TRACKER_DEBUG=1 for details.")
        sys.exit(exit_codes.FAILED)
