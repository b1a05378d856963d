"""Tampered and truncated backups are refused whole, with a one-line reason.

Issue #15, items 12–14: a backup carries a trailer with its record counts and
checksum, so one cut short (at a line boundary or not) is refused; every
record is checked (types, enum values, lengths, references) before anything
is written; and every refusal is one line, never an internal error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, Tracker
from sqlalchemy import func, select

from tracker.store.db import open_database
from tracker.store.models import Base


@pytest.fixture
def backup(tracker, tmp_path) -> list[str]:
    """The lines of a full backup of the seeds, with a verdict, a note and history."""
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    cid = json.loads(tracker("clusters", "--json").stdout)[0]["id"]
    assert tracker("verdict", str(cid), "verified", "--note", "checked").exit_code == 0
    assert tracker("track", "add", "no upper limit").exit_code == 0
    path = tmp_path / "backup.jsonl"
    assert tracker("export", "all", "-o", str(path)).exit_code == 0
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def restore(databases, tmp_path: Path, name: str, body: str | bytes, url: str | None = None):
    """Import ``body`` into ``url`` (a new database if none): (result, url). A refused
    import writes nothing, so one empty database serves every refused case."""
    path = tmp_path / f"{name}.jsonl"
    if isinstance(body, str):
        path.write_text(body, encoding="utf-8")
    else:
        path.write_bytes(body)
    url = url or databases.new_url(name.replace("-", "_")[:20])
    return Tracker(url)("import", str(path)), url


def rows_in(url: str) -> int:
    db = open_database(url)
    with db.Session() as s:
        total = sum(
            s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables
        )
    db.dispose()
    return total


def edit(lines: list[str], table: str, change, nth: int = 0) -> str:
    """The backup with the ``nth`` record of ``table`` changed by ``change(row)``."""
    out, seen = [], 0
    for line in lines:
        item = json.loads(line)
        if item.get("table") == table:
            if seen == nth:
                change(item["row"])
                line = json.dumps(item, ensure_ascii=False) + "\n"
            seen += 1
        out.append(line)
    assert seen > nth, table
    return "".join(out)


def test_a_whole_backup_restores(backup, databases, tmp_path):
    res, url = restore(databases, tmp_path, "whole", "".join(backup))
    assert res.exit_code == 0, res.output
    assert rows_in(url) == sum(json.loads(backup[-1])["counts"].values())
    trailer = json.loads(backup[-1])
    assert trailer["end"] == "tracker-backup/2" and len(trailer["sha256"]) == 64


def test_a_backup_cut_at_any_line_is_refused_and_nothing_written(backup, databases, tmp_path):
    """Before, a backup cut after the documents restored with exit 0 and no history."""
    cuts = sorted({2, 3, len(backup) // 3, len(backup) // 2, len(backup) - 2, len(backup) - 1})
    url = databases.new_url("cut")
    for n in cuts:
        res, url = restore(databases, tmp_path, f"cut{n}", "".join(backup[:n]), url)
        assert res.exit_code == 1, (n, res.output)
        assert "incomplete backup" in res.stderr, (n, res.stderr)
        assert rows_in(url) == 0
    # cut inside a line, too
    whole = "".join(backup)
    res, url = restore(databases, tmp_path, "midline", whole[: len(whole) // 2], url)
    assert res.exit_code == 1 and rows_in(url) == 0
    assert "incomplete backup: its last line" in res.stderr


def tamperings(lines: list[str]) -> dict[str, str | bytes]:
    whole = "".join(lines)
    header, body, trailer = lines[0], lines[1:-1], lines[-1]

    def first_row(table: str) -> dict:
        return next(json.loads(ln)["row"] for ln in body if json.loads(ln)["table"] == table)

    def drop(table: str) -> str:
        i = next(i for i, ln in enumerate(lines) if json.loads(ln).get("table") == table)
        return "".join(lines[:i] + lines[i + 1 :])

    def set_field(table: str, key: str, value):
        return edit(lines, table, lambda row: row.__setitem__(key, value))

    def del_field(table: str, key: str):
        return edit(lines, table, lambda row: row.pop(key))

    return {
        "empty": "",
        "binary": bytes(range(256)) * 8,
        "not-utf8": whole.encode("utf-8").replace(b"Putin", b"Put\xff\xfen", 1),
        "header-not-json": "hello\n" + "".join(lines[1:]),
        "header-a-list": "[1, 2]\n" + "".join(lines[1:]),
        "header-other-format": '{"format": "tracker-backup/9"}\n' + "".join(lines[1:]),
        "deep-json-record": header + "[" * 100_000 + "]" * 100_000 + "\n" + "".join(body) + trailer,
        "record-a-string": header + '"just text"\n' + "".join(body) + trailer,
        "record-row-a-list": header
        + '{"table": "outlets", "row": [1]}\n'
        + "".join(body)
        + trailer,
        "unknown-table": header + '{"table": "pwned", "row": {}}\n' + "".join(body) + trailer,
        "record-removed": drop("cluster_events"),
        "line-added": header + body[0] + "".join(body) + trailer,
        "trailer-changed-count": whole.replace('"quotes": ', '"quotes": 1', 1),
        "text-changed": whole.replace("back to back", "face to face", 1),
        "after-trailer": whole + body[0],
        "status-pwned": set_field("clusters", "status", "pwned"),
        "kind-unknown": set_field("quotes", "kind", "claim"),
        "id-a-string": set_field("outlets", "id", "1"),
        "id-huge": set_field("outlets", "id", 2**40),
        "bool-a-string": set_field("speakers", "is_organisation", "yes"),
        "date-bad": set_field("documents", "published", "2021-13-45"),
        "datetime-naive": set_field("documents", "ingested_at", "2021-12-17T10:00:00"),
        "text-a-number": set_field("documents", "text", 42),
        "text-nul": set_field("documents", "title", "a\u0000b"),
        "name-too-long": set_field("outlets", "name", "o" * 201),
        "score-nan": set_field("quotes", "match_score", float("nan")),
        "unknown-field": set_field("outlets", "colour", "red"),
        "missing-field": del_field("documents", "text"),
        "null-required": set_field("documents", "content_hash", None),
        "dangling-speaker": set_field("quotes", "speaker_id", 99_999),
        "dangling-canonical": set_field("clusters", "canonical_quote_id", 99_999),
        "dangling-document": set_field("quotes", "document_id", 99_999),
        "offsets-outside": set_field("quotes", "end", 10**8),
        "duplicate-id": header
        + body[0]
        + body[0].replace('"name": "', '"name": "x', 1)
        + "".join(body[1:])
        + trailer,
        "duplicate-identity": edit(
            lines,
            "documents",
            lambda row: row.__setitem__("identity", first_row("documents")["identity"]),
            nth=1,
        ),
        "out-of-order": header + "".join(reversed(body)) + trailer,
    }


def test_every_tampered_backup_is_one_line_and_nothing_written(backup, databases, tmp_path):
    cases = tamperings(backup)
    assert len(cases) >= 30
    url = databases.new_url("tampered")
    for name, body in cases.items():
        res, url = restore(databases, tmp_path, name, body, url)
        assert res.exit_code == 1, (name, res.output)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (name, res.stderr)
        assert "internal error" not in res.output and "Traceback" not in res.output
        assert rows_in(url) == 0, name


def test_the_reasons_say_what_is_wrong(backup, databases, tmp_path):
    cases = tamperings(backup)
    expected = {
        "status-pwned": "clusters.status: 'pwned' is not one of unreviewed, verified",
        "record-removed": "trailer counts",
        "text-changed": "checksum does not match",
        "dangling-speaker": "quotes.speaker_id points at no speakers row (99999)",
        "name-too-long": "outlets.name: too long: 201 characters, at most 200",
        "deep-json-record": "nested too deeply",
        "out-of-order": "after later tables",
        "duplicate-identity": "a second row with the same identity",
    }
    url = databases.new_url("reasons")
    for name, says in expected.items():
        res, _ = restore(databases, tmp_path, name, cases[name], url)
        assert says in res.stderr, (name, res.stderr)


def test_an_older_backup_without_trailer_restores_with_a_warning(backup, databases, tmp_path):
    legacy = backup[0].replace("tracker-backup/2", "tracker-backup/1") + "".join(backup[1:-1])
    res, url = restore(databases, tmp_path, "legacy", legacy)
    assert res.exit_code == 0, res.output
    assert "warning: an older backup" in res.stderr
    assert rows_in(url) == sum(json.loads(backup[-1])["counts"].values())


def test_a_backup_that_is_a_pipe_or_missing(tracker, tmp_path):
    import os

    from test_hostile_input import deadline

    os.mkfifo(tmp_path / "pipe.jsonl")
    with deadline(60):  # the old code waited for a writer forever
        res = tracker("import", str(tmp_path / "pipe.jsonl"))
    assert res.exit_code == 1 and "not a regular file" in res.stderr
    assert tracker("import", str(tmp_path / "missing.jsonl")).exit_code == 4
