"""A batch killed half-way (SIGKILL) leaves a consistent database; a re-run completes it.

The interrupted run reads the batch from its standard input (`tracker ingest -`) and is
given only its first FED records: whatever the machine's speed, it is still waiting for
the rest when the signal lands, never done between two looks at the database. The
re-run reads the whole batch from its file.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from select import select as io_select
from typing import TypeVar

import pytest
from sqlalchemy import func, select

from tracker.quotes import extract_quotes
from tracker.store.db import open_database
from tracker.store.models import Cluster, Document, Quote

# Groups commit at most 50 documents each; the signal lands once 100 are stored, and the
# run has FED records at most, so several groups of the 400 are left for the re-run.
N = 400
FED = 150
T = TypeVar("T")


def article(i: int) -> str:
    return (
        f"Report {i}.\n\nIvan Petrov{i % 7} said: “We discussed item {i} at length, "
        f"and we agree on the next steps.”\n\n“It is 'a big step' for us,” he added.\n"
    ) * 3


def record(i: int) -> str:
    # With its URL, a record is the same document read from standard input or the file.
    return (
        json.dumps(
            {"text": article(i), "outlet": f"Outlet {i % 5}", "url": f"https://news.test/{i}"}
        )
        + "\n"
    )


def write_batch(path: Path) -> None:
    path.write_text("".join(record(i) for i in range(N)), encoding="utf-8")


class Feed:
    """Bytes written into a pipe from a thread, so the test never waits on a full pipe:
    the thread ends when all is written, when the reader has gone, or when ``close`` says
    so; ``close`` then closes the pipe (the reader sees the end of its input)."""

    def __init__(self, fd: int, data: bytes) -> None:
        self.fd = fd
        self.data = memoryview(data)
        self.stop = threading.Event()
        os.set_blocking(fd, False)
        self.thread = threading.Thread(target=self._write, daemon=True)
        self.thread.start()

    def _write(self) -> None:
        while self.data and not self.stop.is_set():
            # Until the pipe has room; every 50 ms a look at whether to stop.
            if not io_select([], [self.fd], [], 0.05)[1]:
                continue
            try:
                self.data = self.data[os.write(self.fd, self.data[: 1 << 16]) :]
            except BlockingIOError:
                continue
            except OSError:  # the reader is gone (EPIPE)
                return

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the feed's thread did not stop"
        os.close(self.fd)


@contextlib.contextmanager
def ingesting_first_records(url: str, **popen) -> Iterator[subprocess.Popen]:
    """`tracker ingest -q -` given the batch's first FED records on its standard input,
    which stays open (the run waits for more) until the block ends; the run is killed
    then if it has not ended."""
    cmd = [sys.executable, "-m", "tracker", "--db", url, "ingest", "-q", "-"]
    reader, writer = os.pipe()
    try:
        proc = subprocess.Popen(cmd, stdin=reader, **popen)
    except BaseException:
        os.close(writer)
        raise
    finally:
        os.close(reader)
    feed = Feed(writer, "".join(record(i) for i in range(FED)).encode())
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
        feed.close()


def wait_for(condition: Callable[[], T | None], what: str, proc: subprocess.Popen) -> T:
    """``condition()`` once it holds (every 50 ms), while ``proc`` runs; at most 120 s."""
    deadline = time.monotonic() + 120
    while not (found := condition()):
        assert proc.poll() is None, f"the run ended (status {proc.returncode}) before {what}"
        assert time.monotonic() < deadline, f"no {what} in 120 s"
        time.sleep(0.05)
    return found


def documents(db) -> int:
    with db.Session() as s:
        return s.scalar(select(func.count(Document.id))) or 0


def stored_if(db, least: int) -> int | None:
    """How many documents are stored, once ``least`` or more are."""
    stored = documents(db)
    return stored if stored >= least else None


def children(pid: int) -> list[int]:
    """Processes ``pid`` started (Linux's /proc); none once it is gone."""
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except FileNotFoundError:
        return []
    return found


@pytest.mark.parametrize("archive", ["empty", "clustered"])
def test_sigkill_mid_batch_then_rerun(tmp_path: Path, db_url: str, archive: str):
    """Into an archive already clustered, every group lands with its quotes placed; a first
    load places its quotes at the end, so a kill leaves them for the re-run to place."""
    batch = tmp_path / "batch.jsonl"
    write_batch(batch)
    url = db_url
    open_database(url).dispose()  # schema first, so the kill lands in the ingest itself
    before = 0
    if archive == "clustered":
        earlier = tmp_path / "earlier.txt"
        earlier.write_text('Ann Lee said: "The budget is late again this year."\n')
        subprocess.run(
            [sys.executable, "-m", "tracker", "--db", url, "ingest", "-q", str(earlier)],
            check=True,
            capture_output=True,
        )
        before = 1
    db = open_database(url)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    with ingesting_first_records(url, **quiet) as proc:

        def ready() -> tuple[int, list[int]] | None:
            # Past 100 documents read, a worker extracts ahead (tracker.extract_ahead): the
            # kill lands once it has started, and it must go too.
            stored = stored_if(db, before + 100)
            workers = children(proc.pid) if stored else []
            return (stored, workers) if stored and workers else None

        stored, workers = wait_for(ready, "100 documents and the extraction worker", proc)
        os.kill(proc.pid, signal.SIGKILL)  # stored or waiting for more input: mid-batch
        proc.wait(timeout=60)
    assert before + 100 <= stored <= before + FED < before + N, "the kill must land mid-batch"
    assert workers, "the run had its extraction worker when it was killed"
    until = time.time() + 30
    while time.time() < until and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), "orphaned worker"

    with db.Session() as s:
        assert s.execute(select(func.count()).select_from(Document)).scalar() < before + N
        # Every stored document is whole: all of its quotes are there.
        for doc in s.scalars(select(Document)):
            assert len(doc.quotes) == len(extract_quotes(doc.text))
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    loose = select(func.count(Quote.id)).where(Quote.cluster_id.is_(None))
    empty = select(Cluster.id).where(~Cluster.id.in_(select(Quote.cluster_id)))
    with db.Session() as s:  # every cluster has quotes; into clusters, every quote has one
        assert s.execute(empty).first() is None
        if archive == "clustered":
            assert s.scalar(loose) == 0
        else:  # nothing clustered yet: the end of the run was cut off
            assert s.scalar(select(func.count(Cluster.id))) == 0
            assert s.scalar(loose) == s.scalar(select(func.count(Quote.id))) > 0

    cmd = [sys.executable, "-m", "tracker", "--db", url, "ingest", "-q", str(batch)]
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with db.Session() as s:
        assert s.scalar(select(func.count(Document.id))) == before + N
        assert s.scalar(select(func.count(func.distinct(Document.content_hash)))) == before + N
        per_article = len(extract_quotes(article(0)))  # every article has as many quotes
        assert per_article == 6
        assert s.scalar(select(func.count(Quote.id))) == before + N * per_article
        assert s.scalar(loose) == 0  # the re-run placed them all
        assert s.execute(empty).first() is None
    db.dispose()


def test_ctrl_c_mid_batch_exits_130_and_keeps_what_was_committed(tmp_path: Path, db_url: str):
    """Scripts tell a stopped run from a failed one: Ctrl-C is 130 (as a shell reports it),
    with one line saying what was kept, and no traceback; a re-run completes the batch."""
    batch = tmp_path / "batch.jsonl"
    write_batch(batch)
    db = open_database(db_url)  # schema first, so the interrupt lands in the ingest itself
    errors = tmp_path / "stderr.txt"
    with (
        errors.open("wb") as stderr_file,
        ingesting_first_records(db_url, stdout=subprocess.DEVNULL, stderr=stderr_file) as proc,
    ):
        stored = wait_for(lambda: stored_if(db, 100), "100 documents", proc)
        proc.send_signal(signal.SIGINT)  # as Ctrl-C, while the run waits for more input
        proc.wait(timeout=120)
    stderr = errors.read_text(encoding="utf-8")
    assert 100 <= stored <= FED < N, "the interrupt must land mid-batch"
    assert proc.returncode == 130, stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    with db.Session() as s:
        kept = s.scalar(select(func.count(Document.id))) or 0
        for doc in s.scalars(select(Document)):  # each stored document whole
            assert len(doc.quotes) == len(extract_quotes(doc.text))
    assert stored <= kept <= FED
    cmd = [sys.executable, "-m", "tracker", "--db", db_url, "ingest", "-q", str(batch)]
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with db.Session() as s:
        assert s.scalar(select(func.count(Document.id))) == N


def test_a_ctrl_c_python_drops_still_stops_the_command_without_a_traceback():
    """A SIGINT landing where Python cannot raise (a fork handler, a finalizer) is dropped
    and its traceback printed; the command's handler keeps it as a flag that its loop
    reads, and nothing is printed."""
    import gc

    from tracker.cli.common import interrupts, stop_if_interrupted

    class Finalizer:
        def __del__(self):
            interrupts._handle(signal.SIGINT, None)  # the signal, arriving here

    printed: list[type] = []  # what Python would print as "Exception ignored in …"
    before = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: printed.append(unraisable.exc_type)
    try:
        with interrupts:
            Finalizer()
            gc.collect()
            with pytest.raises(KeyboardInterrupt):
                stop_if_interrupted()
    finally:
        sys.unraisablehook = before
    assert printed == []
    stop_if_interrupted()  # the next command starts afresh
