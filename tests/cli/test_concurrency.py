"""Real concurrent writers, each with its own connections, on both engines."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import func, select, text

from tracker import review
from tracker.clusters import rebuild
from tracker.ingest import ingest
from tracker.store.db import lock_for_clustering, open_database, with_retries
from tracker.store.models import Cluster, ClusterEvent, Document, Quote

REVIEWERS, EDITS = 4, 8
STATUSES = ["verified", "disputed", "misquoted", "false", "unverifiable"]


def test_conflicting_reviewers_never_overwrite_each_other(db_url, tmp_path):
    (tmp_path / "a.txt").write_text("“We will meet again in spring,” said Ivan Petrov.", "utf-8")
    setup = open_database(db_url)
    ingest(setup, [tmp_path / "a.txt"])
    with setup.Session() as s:
        cid = s.scalars(select(Cluster.id)).one()
    setup.dispose()

    accepted: list[tuple[str, str]] = []
    rejected: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(REVIEWERS)

    def reviewer(name: str) -> None:
        db = open_database(db_url)  # its own engine and connections
        rng = random.Random(name)
        start.wait()
        for _ in range(EDITS):
            with db.Session() as s:
                seen = s.get(Cluster, cid).version  # what this reviewer's screen shows
            status = rng.choice(STATUSES)

            def write(status=status, seen=seen):
                with db.Session.begin() as s:
                    review.set_verdict(s, cid, status, reviewer=name, expected_version=seen)

            try:
                with_retries(write)
                with lock:
                    accepted.append((name, status))
            except review.ConflictError as exc:
                assert "changed since you loaded it" in str(exc) or "someone else" in str(exc)
                with lock:
                    rejected.append(name)
        db.dispose()

    threads = [threading.Thread(target=reviewer, args=(f"r{i}",)) for i in range(REVIEWERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(accepted) + len(rejected) == REVIEWERS * EDITS
    assert accepted and rejected  # they really did collide
    db = open_database(db_url)
    with db.Session() as s:
        events = s.scalars(
            select(ClusterEvent).where(ClusterEvent.cluster_id == cid).order_by(ClusterEvent.id)
        ).all()
        cluster = s.get(Cluster, cid)
        # Every accepted change is in the history, in a chain with no lost update,
        # and nothing that was rejected got written.
        assert sorted((e.reviewer, e.new_value) for e in events) == sorted(accepted)
        for before, after in zip(events, events[1:], strict=False):
            assert after.old_value == before.new_value
        assert cluster.status.value == events[-1].new_value
        assert cluster.version == 1 + len(accepted)
    db.dispose()


def test_two_ingests_at_once_neither_duplicate_nor_corrupt(db_url, tmp_path: Path):
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as fh:
        for i in range(150):
            text = (
                f"Item {i}. Ivan Petrov said: “The talks on point {i % 30} went well "
                f"and will continue next week.” “Nothing else to add,” he said. #{i}"
            )
            fh.write(json.dumps({"text": text, "outlet": f"Outlet {i % 4}"}) + "\n")
    open_database(db_url).dispose()
    cmd = [sys.executable, "-m", "tracker", "--db", db_url, "ingest", "-q", str(batch)]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    db = open_database(db_url)
    with db.Session() as s:
        assert s.scalar(select(func.count(Document.id))) == 150
        assert s.scalar(select(func.count(func.distinct(Document.content_hash)))) == 150
        assert s.scalar(select(func.count(Quote.id))) == 300
        assert s.scalar(select(func.count(Quote.id)).where(Quote.cluster_id.is_(None))) == 0
        empty = select(Cluster.id).where(~Cluster.id.in_(select(Quote.cluster_id)))
        assert s.execute(empty).first() is None
    db.dispose()


def _articles(path: Path, first: int, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(first, first + n):
            text = (
                f"Report {i}. Ivan Petrov said: “The talks on point {i % 7} went well and "
                f"will go on next week.” “We expect a deal on fishing rights,” he said. #{i}"
            )
            fh.write(json.dumps({"text": text, "outlet": f"Outlet {i % 3}"}) + "\n")
    return path


def _placing_waits(connection) -> bool:
    """Whether some transaction waits for this schema's clustering lock (PostgreSQL)."""
    return bool(
        connection.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                " AND classid = 7355609 AND objid::bigint"
                " = (hashtext(current_schema())::bigint + 4294967296) % 4294967296"
            )
        )
    )


def test_quotes_arriving_during_a_rebuild_are_placed_after_it(databases, tmp_path: Path):
    """A rebuild rewrites every cluster: an ingest placing new quotes meanwhile would point
    them at clusters it removes (PostgreSQL refused the rebuild's writes). The ingest waits
    for it instead, then places its quotes in the rebuilt clusters."""
    url = databases.new_url()
    setup = open_database(url)
    ingest(setup, [_articles(tmp_path / "first.jsonl", 0, 20)])
    with setup.Session.begin() as s:
        review.set_verdict(s, s.scalars(select(Cluster.id)).first(), "disputed", reviewer="ann")

    done: list[object] = []
    later = _articles(tmp_path / "later.jsonl", 20, 20)

    def second_run() -> None:
        db = open_database(url)
        try:
            done.append(ingest(db, [later]))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            done.append(exc)
        db.dispose()

    run = threading.Thread(target=second_run)
    with setup.Session.begin() as s:
        lock_for_clustering(s.connection())
        run.start()
        if databases.kind == "postgresql":
            # The condition itself: the run stores its documents, then waits to place them.
            with setup.engine.connect() as watcher:
                while not _placing_waits(watcher):
                    assert run.is_alive(), f"placed its quotes during the rebuild: {done}"
                    time.sleep(0.01)  # (a poll of the condition, not a pause instead of it)
        rebuild(s)
    run.join()

    assert len(done) == 1 and not isinstance(done[0], Exception), done
    assert done[0].added == 20 and not done[0].problems
    with setup.Session() as s:
        assert s.scalar(select(func.count(Quote.id)).where(Quote.cluster_id.is_(None))) == 0
        empty = select(Cluster.id).where(~Cluster.id.in_(select(Quote.cluster_id)))
        assert s.execute(empty).first() is None
        assert s.scalar(select(func.count(Cluster.id)).where(Cluster.status != "unreviewed")) == 1
    setup.dispose()
