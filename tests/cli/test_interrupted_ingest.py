"""A batch killed half-way (SIGKILL) leaves a consistent database; a re-run completes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker.quotes import extract_quotes
from tracker.store.db import open_database
from tracker.store.models import Cluster, Document, Quote

# Groups commit at most 50 documents each and the kill lands once 100 are stored, so 400
# leaves several groups on either side of it.
N = 400


def article(i: int) -> str:
    return (
        f"Report {i}.\n\nIvan Petrov{i % 7} said: “We discussed item {i} at length, "
        f"and we agree on the next steps.”\n\n“It is 'a big step' for us,” he added.\n"
    ) * 3


def write_batch(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N):
            fh.write(json.dumps({"text": article(i), "outlet": f"Outlet {i % 5}"}) + "\n")


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
    cmd = [sys.executable, "-m", "tracker", "--db", url, "ingest", "-q", str(batch)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = open_database(url)
    deadline = time.time() + 60
    stored = 0
    workers: list[int] = []
    while time.time() < deadline and proc.poll() is None:
        with db.Session() as s:
            stored = s.scalar(select(func.count(Document.id))) or 0
        # Past 100 documents read, a worker extracts ahead (tracker.extract_ahead): the
        # kill lands once it has started, and it must go too.
        if stored >= before + 100 and (workers := children(proc.pid)):
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert before < stored < before + N, "the kill must land mid-batch"
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
    open_database(db_url).dispose()
    cmd = [sys.executable, "-m", "tracker", "--db", db_url, "ingest", "-q", str(batch)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db = open_database(db_url)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        with db.Session() as s:
            stored = s.scalar(select(func.count(Document.id))) or 0
        if stored >= 100:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert 0 < stored < N, "the interrupt must land mid-batch"
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    with db.Session() as s:
        kept = s.scalar(select(func.count(Document.id))) or 0
        for doc in s.scalars(select(Document)):  # each stored document whole
            assert len(doc.quotes) == len(extract_quotes(doc.text))
    assert stored <= kept < N
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
