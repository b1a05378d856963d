"""What the commands print, in one place: tables and messages through Rich consoles that
never let a control or bidi character through, JSON with those characters escaped, and
``-o FILE`` written whole to FILE.part and then renamed, so a file is never half there."""

from __future__ import annotations

import dataclasses
import io
import os
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console, RenderHook
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from tracker import exit_codes
from tracker.errors import TrackerError
from tracker.safe import json_text, strip_unsafe, terminal_safe


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
    # A reader gone away (Rich's own handler exits with status 1):
    console.on_broken_pipe = (  # type: ignore[method-assign]
        partial(_silence, console) if console.stderr else broken_pipe
    )
    return console


def _to_devnull(stream) -> None:
    """Whatever is still written to ``stream`` goes to /dev/null, not to a closed pipe."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def broken_pipe() -> NoReturn:
    """The reader of our output went away (`tracker quotes | head -1`): stop quietly, as
    Python's documentation advises (its note on SIGPIPE), with ``BROKEN_PIPE``. What is
    still buffered goes to /dev/null, so no "Exception ignored" line follows at exit."""
    _to_devnull(sys.stdout)
    sys.exit(exit_codes.BROKEN_PIPE)


class OutputError(TrackerError):
    """Standard output cannot be written (`> /dev/full`, a full disk): the output's
    failure, one line and exit 1, as `-o FILE` on a full disk says."""


class _StdoutFile(io.FileIO):
    """Standard output's descriptor, whose write errors say they are the output's: an
    OSError met anywhere else (a database file, an input) is not mistaken for them."""

    def write(self, data) -> int:
        try:
            return super().write(data)
        except BrokenPipeError:
            raise  # a reader gone away: the quiet end (``broken_pipe``)
        except OSError as exc:
            raise OutputError(f"cannot write standard output: {exc.strerror or exc}") from None


def guard_stdout() -> None:
    """Route ``sys.stdout`` through ``_StdoutFile``, so that every command's printing (Rich,
    click, exports) fails with ``OutputError``. Only a redirected stdout: a terminal is
    left to the review UI as it is, and a test's capture has no descriptor."""
    stream = sys.stdout
    try:
        fd = stream.fileno()
        if stream.isatty():
            return
    except (AttributeError, OSError, ValueError):
        return
    stream.flush()
    raw = _StdoutFile(fd, "w", closefd=False)
    # Buffered as Python buffered it (not at all under `python -u`), in its encoding.
    buffered = isinstance(getattr(stream, "buffer", None), io.BufferedWriter)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw) if buffered else raw,
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=bool(stream.line_buffering),
        write_through=bool(getattr(stream, "write_through", False)),
    )


def output_failed(exc: OutputError) -> NoReturn:
    """Say that stdout could not be written, once; what is still buffered goes to
    /dev/null, so no second failure follows at exit."""
    _to_devnull(sys.stdout)
    fail(str(exc))


def stdout_gone() -> bool:
    """Whether the reader of stdout went away: a BrokenPipeError from anywhere else (a
    worker's pipe) is a failure, never a quiet end. Polled: the write end of a pipe whose
    reader has closed it reports an error at once."""
    import select

    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poll.poll(0))
    except (AttributeError, OSError, ValueError):  # no descriptor or no poll: cannot tell
        return False


def _silence(console: Console) -> None:
    """The reader of our messages went away (`tracker ingest dir 2>&1 | head -1`): the
    command goes on without them, and its status says how its work went."""
    console.quiet = True
    _to_devnull(sys.stderr)


err = _console(stderr=True, soft_wrap=True)


def out() -> Console:
    console = _console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = _console(width=200)  # piped: wide rows for grep
    return console


def file_console(fh) -> Console:
    """A console writing plain text (no colour or styles) into ``fh``, as wide as a piped
    listing."""
    return _console(file=fh, width=200, color_system=None)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 document", "2 documents", "0 quotes": a number and its noun in agreement."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def echo_json(value: Any) -> None:
    """JSON on stdout: readable text, every control and bidi character escaped. The read
    model's dataclasses are written as objects with their fields in order."""
    click.echo(json_text(plain(value), indent=2))


def plain(value: Any) -> Any:
    """``value`` with every dataclass in it turned into a dict (lists kept as lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def fail(message: str, code: int = exit_codes.FAILED) -> NoReturn:
    err.print(Text(f"error: {terminal_safe(message)}", style="red"))
    sys.exit(code)


def progress_bar(quiet: bool):
    """The progress bar long commands draw on stderr (off with -q or when not a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.text import Text

    class Count(MofNCompleteColumn):
        """ "12/40"; nothing for a step of unknown length (its bar pulses instead)."""

        def render(self, task) -> Text:
            return Text("") if task.total is None else super().render(task)

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        Count(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class open_output:
    """A file opened for writing, or stdout; the file appears only when complete."""

    def __init__(self, path: Path | None, bom: bool = False) -> None:
        self.path = path
        self.tmp: Path | None = None
        self.fh: Any = None
        self.stream: io.TextIOWrapper | None = None
        # A BOM lets Excel recognise UTF-8 CSV files (asked for with --excel); other
        # readers (Python's csv, pandas) would take it for part of the first column.
        self.encoding = "utf-8-sig" if bom else "utf-8"

    def __enter__(self):
        if self.path is None:
            # A file keeps every character of the data; a terminal is shown pictures.
            if sys.stdout.isatty():
                return TerminalWriter(sys.stdout)
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:
                return sys.stdout
            # Piped or redirected, the output is the file -o would write: this encoding
            # (UTF-8, the BOM with --excel) and these line ends, not the locale's.
            sys.stdout.flush()
            self.stream = io.TextIOWrapper(buffer, encoding=self.encoding, newline="")
            return self.stream
        try:
            if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
                # A pipe, a device or a link (`-o /dev/stdout`, `-o >(gzip >q.gz)`) is
                # written through, as a shell redirection would: renaming FILE.part over
                # it would put a regular file in its place (a pipe's reader waits for ever).
                self.fh = self.path.open("w", encoding=self.encoding, newline="")
            else:
                self.tmp = self.path.with_name(self.path.name + ".part")
                self.fh = self.tmp.open("w", encoding=self.encoding, newline="")
        except OSError as exc:
            raise TrackerError(f"cannot write {self.path}: {exc.strerror}") from None
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.stream is not None:
            self.stream.flush()
            self.stream.detach()  # leave sys.stdout's own buffer open
            self.stream = None
        if self.path is None:
            return
        try:
            self.fh.close()  # flushes: a full disk may only show here
        except OSError as close_exc:
            exc_type, exc = type(close_exc), exc or close_exc
        if self.tmp is not None:
            if exc_type is None:
                self.tmp.replace(self.path)
            else:
                self.tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            # A full disk or device is the output's failure, named as such (exit 1).
            raise TrackerError(f"cannot write {self.path}: {exc.strerror or exc}") from None


class TerminalWriter:
    """stdout, for exports printed to a terminal: control characters become pictures."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(terminal_safe(text))

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def cells(values: Iterable[Any]) -> list[Text]:
    """A table row's cells: each value shown as text, None as empty, control characters as
    pictures."""
    return [Text(terminal_safe(str(v)) if v is not None else "") for v in values]


def print_table(
    columns: list[tuple[str, dict[str, Any]]], rows: list[tuple[Any, ...]], **kw: Any
) -> None:
    """A table on stdout, its rows made safe by ``cells``."""
    table = Table(**kw)
    for name, options in columns:
        table.add_column(name, **options)
    for row in rows:
        table.add_row(*cells(row))
    out().print(table)


json_option = click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
