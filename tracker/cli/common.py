"""What several commands share: the context holding the database, options checked at the
door, the reviewer's name, and naming a cluster by id or by words."""

from __future__ import annotations

import math
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.text import Text
from sqlalchemy.orm import Session

from tracker.cli.output import clip, err
from tracker.errors import NotFound
from tracker.safe import REVIEWER_LIMIT, check_text, one_line, terminal_safe
from tracker.store.db import Database, open_database

T = TypeVar("T")


def checked(check: Callable[[str], str | None]):
    """A click callback running a check at the door; its ValueError is a usage error."""

    def callback(ctx: click.Context, param: click.Parameter, value):
        if value is None:
            return None
        try:
            return check(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


def some_words(what: str):
    """A callback for a filter naming ``what``: an empty one is bad usage, not "no
    filter" (``--outlet "$OUTLET"`` with OUTLET unset listed every outlet's)."""

    def check(value: str) -> str:
        if not value.strip():
            raise ValueError(f"give {what}: some of its words")
        return value

    return checked(check)


def reviewer_name(value: str) -> str:
    name = check_text(value, "the name", limit=REVIEWER_LIMIT).strip()
    if not name:
        raise ValueError("the name is empty")
    return name


reviewer_option = click.option(
    "--reviewer",
    default=None,
    callback=checked(reviewer_name),
    help="Who decided (default: your login name).",
)


class Context:
    def __init__(self, url: str | None) -> None:
        self.url = url
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """The database, which must exist already: a command that reads, or changes what
        is stored, never leaves an empty database at a mistyped path."""
        return self.open_db(create=False)

    def open_db(self, *, create: bool) -> Database:
        """The database; ``create``: made if it does not exist (ingest, import, ...)."""
        if self._db is None:
            # DatabaseError (not ours, or missing and not to be made): exit 3, said by the group
            self._db = open_database(self.url, create=create)
            for hint in self._db.hints:
                err.print(Text(f"note: {hint}", style="yellow"))
        return self._db


pass_ctx = click.make_pass_decorator(Context)


# -o FILE on every command that writes: written whole to FILE.part, then renamed.
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)


class Interrupts:
    """Ctrl-C for the length of one command: a KeyboardInterrupt at once, as Python's own
    handler raises, and a flag that long loops read at their safe points
    (``stop_if_interrupted``). Python drops an exception raised where nothing can catch it
    (a fork handler, a finalizer), and an ingest would then run to its end."""

    def __init__(self) -> None:
        self.seen = False
        self._previous: Any = None  # the handler to put back
        self._hook = sys.unraisablehook

    def _handle(self, signum, frame) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def __enter__(self) -> Interrupts:
        self.seen = False
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._hook = sys.unraisablehook
            sys.unraisablehook = self._unraisable
        return self

    def _unraisable(self, unraisable) -> None:
        # Where Python drops the KeyboardInterrupt it prints a traceback; the flag stops
        # the command instead, with its one line.
        if not issubclass(unraisable.exc_type, KeyboardInterrupt):
            self._hook(unraisable)

    def __exit__(self, *exc) -> None:
        self.seen = False  # the next command (in this process, as tests run them) afresh
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            sys.unraisablehook = self._hook
            self._previous = None


interrupts = Interrupts()


def stop_if_interrupted() -> None:
    """Between two steps of a long command: stop if Ctrl-C was pressed, even where its
    KeyboardInterrupt was lost."""
    if interrupts.seen:
        raise KeyboardInterrupt


class Number(click.FloatRange):
    """A float in a range, and a number: NaN passes every range check (each comparison
    with it is false), so `--link-score nan` dissolved every cluster on a rebuild."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail("not a number", param, ctx)
        return number


SCORE = Number(0, 100)


def match_settings(link_score: float | None, suggest_score: float | None):
    from tracker.match import MatchSettings

    kw: dict[str, Any] = {}
    if link_score is not None:
        kw["link_score"] = link_score
    if suggest_score is not None:
        kw["suggest_score"] = suggest_score
    return MatchSettings(**kw)


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def option_group(*options: Decorator) -> Decorator:
    """One decorator applying several click options, in the order they are listed (so
    `--help` shows them in that order)."""

    def apply(f: Callable[..., Any]) -> Callable[..., Any]:
        for opt in reversed(options):
            f = opt(f)
        return f

    return apply


# The defaults named here are MatchSettings' (tests/cli/test_cli_edges.py keeps them in
# step); they are written out so that `--help` does not import the matcher.
threshold_options = option_group(
    click.option(
        "--link-score",
        type=SCORE,
        default=None,
        help="Similarity (0-100) at which two quotes are one statement [default 85].",
    ),
    click.option(
        "--suggest-score",
        type=SCORE,
        default=None,
        help="Similarity from which a pair is suggested as possibly the same [default 75].",
    ),
)


def statuses():
    from tracker.store.models import Status

    return list(Status)


def run_review(ctx: Context, action: Callable[[Session], T]) -> T:
    """Run a reviewer's action in one transaction (again if it lost a lock race); its
    ``ReviewError`` reaches the group, which says why and exits with its code."""
    from tracker.store.db import with_retries

    def transaction() -> T:
        with ctx.db.Session.begin() as session:
            return action(session)

    return with_retries(transaction)


MAX_ID = 2**31 - 1  # ids are INTEGER columns: 32 bits on PostgreSQL


def cluster_id_of(ctx: Context, ref: str) -> int:
    """A cluster named by its id, or by words of its wording (said on stderr which one)."""
    digits = ref.strip()
    # ASCII digits only ("²" is a digit to str.isdigit, not to int()); an id past the
    # engines' 32-bit keys exists nowhere (SQLite crashed on it, PostgreSQL refused it).
    if digits.isascii() and digits.isdigit():
        if int(digits) > MAX_ID:
            raise NotFound(f"no cluster {digits}")
        return int(digits)
    from tracker.watch import cluster_by_words

    with ctx.db.Session() as session:
        cid, _, claim = cluster_by_words(session, ref)  # NotFound, Ambiguous: exit 4, 2
    err.print(Text(f"cluster {cid}: {terminal_safe(clip(claim, 90))}", style="dim"))
    return cid


def login() -> str:
    """The login name, as a reviewer name: whatever the environment says, one line of
    visible text that fits the column."""
    import getpass

    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"
    return one_line(name).strip()[:REVIEWER_LIMIT] or "unknown"
