"""A large ingest extracts in a second process, ahead of storing: the same quotes stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

import tracker.extract_ahead
import tracker.ingest
from tracker.ingest import ingest
from tracker.store.db import open_database
from tracker.store.models import Quote, Speaker

N = 24


def write_batch(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N):
            text = (
                f"Mayor Ada Stone{i % 3} said on day {i}: “The bridge opens in spring, "
                f"not before.”\n\n“We checked twice,” she added. Critics called it "
                f"“a costly delay” and “number {i}”.\n"
            )
            fh.write(json.dumps({"text": text, "outlet": f"Outlet {i % 4}"}) + "\n")
    # The same text again from another outlet: a copy, not extracted twice.
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": text, "outlet": "Outlet 9"}) + "\n")


def stored(url: str) -> list[tuple]:
    db = open_database(url)
    with db.Session() as s:
        rows = s.execute(
            select(
                Quote.document_id,
                Quote.start,
                Quote.end,
                Quote.text,
                Quote.kind,
                Quote.context,
                Speaker.name,
                Quote.speaker_as_named,
                Quote.cue,
                Quote.enclosing_id,
            )
            .outerjoin(Speaker, Quote.speaker_id == Speaker.id)
            .order_by(Quote.id)
        ).all()
    db.dispose()
    return [tuple(r) for r in rows]


def run(url: str, batch: Path) -> None:
    db = open_database(url)
    report = ingest(db, [batch], group_documents=5)
    db.dispose()
    assert report.added == N + 1 and not report.problems


@pytest.mark.parametrize("worker", ["works", "fails", "one core"])
def test_extraction_ahead_stores_the_same_quotes(
    tmp_path: Path, databases, monkeypatch, worker: str
):
    batch = tmp_path / "batch.jsonl"
    write_batch(batch)
    in_place = databases.new_url("in_place")
    run(in_place, batch)  # a run this small extracts in place

    # Extraction counted in this process: what the worker extracts is not counted here.
    main, calls = os.getpid(), []
    extract = tracker.ingest.document_quotes

    def counted(text, language=None, notes=None):
        if os.getpid() == main:
            calls.append(text)
        elif worker == "fails":
            raise RuntimeError("the worker cannot extract")
        return extract(text, language, notes)

    monkeypatch.setattr(tracker.ingest, "document_quotes", counted)
    monkeypatch.setattr(tracker.extract_ahead, "START_AFTER", 3)
    # A worker only with a core to spare (the machine's own count aside).
    monkeypatch.setattr(tracker.extract_ahead, "cores", lambda: 1 if worker == "one core" else 2)
    ahead = databases.new_url("ahead")
    run(ahead, batch)

    assert stored(ahead) == stored(in_place) and len(stored(ahead)) > 3 * N
    if worker == "works":
        assert len(calls) == 3  # the first three in place, the rest by the worker
    else:  # every one in place: once the worker failed, or with no worker at all
        assert len(calls) == N  # (the copy: none, its quotes are copied)


# A Ctrl-C landing in the parent just after the worker is forked, before the pool has
# recorded it: the pool then never stopped that worker and the process, at exit, waited
# for it forever (an ingest printed "interrupted" and hung).
FORKED_THEN_INTERRUPTED = """
import os, signal, sys
from multiprocessing.process import BaseProcess
from tracker.extract_ahead import ExtractAhead

start = BaseProcess.start

def start_then_interrupt(self):
    start(self)
    os.kill(os.getpid(), signal.SIGINT)  # the key is pressed now, the worker just started
    sum(range(10000))  # Python runs its handler within these steps

BaseProcess.start = start_then_interrupt
# Ctrl-C as a terminal delivers it, whatever this process inherited from the test runner's
# (an inherited ignored or blocked SIGINT made the run print "not interrupted" once).
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
ahead = ExtractAhead(lambda text, language, notes: [], start_after=0)
try:
    ahead.read("Ann Lee said: 'It works.'", None)
    print("not interrupted")
    print(open("/proc/self/status").read(), file=sys.stderr)  # the signal state, if so
except KeyboardInterrupt:
    print("interrupted")
finally:
    ahead.close()
"""


def test_a_ctrl_c_while_the_worker_is_forked_stops_the_run_without_a_stray_worker():
    assert tracker.extract_ahead.cores() >= 2, "a worker needs a core to spare"
    done = subprocess.run(
        [sys.executable, "-c", FORKED_THEN_INTERRUPTED],
        capture_output=True,
        text=True,
        timeout=120,  # before, the exit waited on the stray worker for ever
    )
    assert done.returncode == 0, done.stderr
    # The Ctrl-C counts, once the pool is whole.
    assert done.stdout.split() == ["interrupted"], done.stderr
