"""Schema migrations: ``db upgrade`` and ``db current``."""

from __future__ import annotations

import click
from rich.text import Text

from tracker.cli.app import cli
from tracker.cli.common import Context
from tracker.cli.output import err
from tracker.errors import Unavailable
from tracker.safe import error_line
from tracker.store.db import DatabaseError


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
        engine = create_db_engine(ctx.url or default_url())
        with engine.connect() as conn:
            before = check_ours(conn)
        upgrade(engine, revision)
        after = current_revision(engine)
        hints: list[str] = []
        if before is not None:
            from tracker.store.db import unclustered_hints

            hints = list(unclustered_hints(engine))
    except DatabaseError as exc:
        raise Unavailable(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - driver errors vary by engine
        raise Unavailable(f"cannot upgrade: {error_line(exc)}") from None
    # Printed outside: a failure to write stdout is the output's, not the database's.
    click.echo(f"database at {after} (was {before or 'empty'})")
    for hint in hints:
        err.print(Text(f"note: {hint}", style="yellow"))


@db.command("current")
@click.pass_obj
def db_current(ctx: Context) -> None:
    """Print the schema revision of the database and the newest one known."""
    from tracker.store.db import check_ours, create_db_engine, head_revision

    try:
        engine = create_db_engine(ctx.url or default_url(), create=False)
        with engine.connect() as conn:
            current = check_ours(conn)
        head = head_revision(engine)
    except DatabaseError as exc:
        raise Unavailable(str(exc)) from None
    except Exception as exc:  # noqa: BLE001
        raise Unavailable(f"cannot read the database: {error_line(exc)}") from None
    # Printed outside: a failure to write stdout is the output's, not the database's.
    click.echo(f"current: {current or 'empty'}  head: {head}")


def default_url() -> str:
    from tracker.store.db import resolve_url

    return resolve_url(None)
