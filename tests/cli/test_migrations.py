"""A database made by the first schema (revision 0001) upgrades in place, data kept."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from conftest import DATA, SEEDS, Tracker, deny_writes
from sqlalchemy import MetaData, create_engine, func, select

from tracker.store.db import head_revision, open_database, upgrade
from tracker.store.models import Document, Quote

FIXTURE = json.loads((DATA / "schema_0001.json").read_text(encoding="utf-8"))


def load_first_schema(url: str) -> None:
    engine = create_engine(url)
    upgrade(engine, "0001")
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        for name, rows in FIXTURE["tables"].items():
            for row in rows:
                if name == "documents":
                    row = {
                        **row,
                        "published": row["published"] and dt.date.fromisoformat(row["published"]),
                        "ingested_at": dt.datetime.fromisoformat(row["ingested_at"]),
                    }
                conn.execute(meta.tables[name].insert().values(**row))
    engine.dispose()


def test_first_schema_upgrades_in_place_on_both_engines(db_url):
    load_first_schema(db_url)
    tracker = Tracker(db_url)
    before = tracker("db", "current")
    assert before.output.split()[1] == "0001"
    up = tracker("db", "upgrade")
    assert up.exit_code == 0 and "was 0001" in up.output
    db = open_database(db_url)
    assert head_revision(db.engine) in tracker("db", "current").output
    with db.Session() as s:
        assert s.scalar(select(func.count(Document.id))) == 5
        assert s.scalar(select(func.count(Quote.id))) == len(FIXTURE["tables"]["quotes"])
        for q in s.scalars(select(Quote)):  # offsets still point at the stored text
            assert q.document.text[q.start : q.end] == q.text
    db.dispose()
    # The upgraded data is usable: clustering places the old quotes, ingest sees the seeds.
    assert tracker("cluster").exit_code == 0
    rows = json.loads(tracker("clusters", "--json", "--limit", "0", "--min-outlets", "2").output)
    assert any(r["claim"].startswith("A new model of cooperation") for r in rows)
    again = tracker("ingest", str(SEEDS))
    assert "0 documents added, 5 already stored" in again.output


def test_shipped_first_schema_file_upgrades_when_opened(tmp_path):
    copy = tmp_path / "old.db"
    shutil.copy(DATA / "schema_0001.db", copy)
    tracker = Tracker(f"sqlite:///{copy}")
    res = tracker("quotes", "--limit", "3", "--json")  # any command upgrades the schema first
    assert res.exit_code == 0 and len(json.loads(res.stdout)) == 3
    # Its quotes predate clustering: the upgrade says how to place them.
    assert "not in any claim cluster yet" in res.stderr and "tracker cluster" in res.stderr
    assert "0001" not in tracker("db", "current").output.split()[1]


def test_a_first_schema_file_that_cannot_be_written_says_so_and_stays_as_it_was(
    tmp_path, monkeypatch
):
    import hashlib

    copy = tmp_path / "old.db"
    shutil.copy(DATA / "schema_0001.db", copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    deny_writes(monkeypatch, copy)
    res = Tracker(f"sqlite:///{copy}")("quotes", "--limit", "3")
    assert res.exit_code != 0
    assert "read-only" in res.stderr and "earlier version" in res.stderr
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
