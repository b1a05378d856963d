"""Ingest, listing and export through the command line, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS
from sqlalchemy import func, select

from tracker.store.db import open_database
from tracker.store.models import Document, Quote, Speaker, SpeakerAlias
from tracker.text import claim_text


def counts(url: str) -> tuple[int, int]:
    db = open_database(url)
    with db.Session() as s:
        result = (s.scalar(select(func.count(Document.id))), s.scalar(select(func.count(Quote.id))))
    db.dispose()
    return result


def test_ingest_seeds_is_idempotent_and_keeps_manifest_metadata(tracker):
    first = tracker("ingest", str(SEEDS))
    assert first.exit_code == 0, first.output
    assert "5 documents added" in first.output
    docs, quotes = counts(tracker.url)
    assert docs == 5 and quotes > 80
    again = tracker("ingest", str(SEEDS))
    assert again.exit_code == 0
    assert "0 documents added, 5 already stored" in again.output
    assert counts(tracker.url) == (docs, quotes)

    db = open_database(tracker.url)
    with db.Session() as s:
        by_name = {Path(d.source).name: d for d in s.scalars(select(Document))}
        memri = by_name["000_5eeb7e7cf0e38dec.txt"]
        assert memri.outlet.name == "MEMRI" and str(memri.published) == "2021-12-17"
        assert by_name["001_6733627a06de0384.txt"].published is None  # unknown stays empty
        assert by_name["002_9b93a8ff1ba9dcad.txt"].author == "M K Bhadrakumar"
        # every stored offset points at the quote in the stored text
        for q in s.scalars(select(Quote)):
            assert claim_text(q.document.text[q.start : q.end]) == q.text
        # one speaker per person, with the outlets' ways of naming them as aliases
        putin = s.scalars(select(Speaker).where(Speaker.name == "Vladimir Putin")).one()
        aliases = set(
            s.scalars(select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == putin.id))
        )
        assert {"vladimir putin", "president vladimir putin"} <= aliases
        assert s.scalar(select(func.count(Speaker.id)).where(Speaker.name.like("%Putin%"))) == 1
    db.dispose()


def test_quotes_lists_outlet_date_speaker_cue_and_text(tracker):
    tracker("ingest", str(SEEDS))
    res = tracker("quotes", "--limit", "0", "--json")
    rows = json.loads(res.output)
    assert all(r["kind"] != "scare" for r in rows)
    wang = [r for r in rows if r["speaker"] == "Wang Yi" and "no upper limit" in r["text"]]
    assert wang and wang[0]["outlet"] == "MEMRI" and wang[0]["cue"] == "said"
    table = tracker("quotes", "--limit", "5", "--speaker", "putin")
    assert table.exit_code == 0 and "Vladimir Putin" in table.output


def test_export_quotes_jsonl_has_the_stable_fields(tracker, tmp_path):
    tracker("ingest", str(SEEDS))
    out = tmp_path / "quotes.jsonl"
    res = tracker("export", "quotes", "--format", "jsonl", "-o", str(out))
    assert res.exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == counts(tracker.url)[1]
    required = {
        "quote_id",
        "document",
        "outlet",
        "published",
        "start",
        "end",
        "text",
        "kind",
        "speaker",
        "speaker_as_named",
        "cue",
        "context",
        "cluster_id",
    }
    assert all(required <= set(r) for r in records)
    first = records[0]
    assert first["published"] == "2021-12-17" and first["kind"] == "block"


def test_a_comma_closing_a_quotation_is_no_part_of_the_claim(tracker, tmp_path):
    # American style puts the comma of the sentence around a quotation inside its marks.
    text = (
        "Councillor Dana Reyes spoke about the new library on Tuesday.\n\n"
        '"That makes me smart," Reyes said. "We read more than anyone, she said," Reyes added.\n'
    )
    (tmp_path / "library.txt").write_text(text, encoding="utf-8")
    assert tracker("ingest", "-q", str(tmp_path / "library.txt")).exit_code == 0
    rows = json.loads(tracker("quotes", "--json").output)
    assert [r["text"] for r in rows] == [
        "That makes me smart",
        "We read more than anyone, she said",  # a comma inside the words stays
    ]
    assert "That makes me smart\n" in tracker("show", "That makes me smart").output
    out = tmp_path / "quotes.jsonl"
    assert tracker("export", "quotes", "-o", str(out)).exit_code == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    # The offsets still cover the comma: they point at the quotation as the article has it.
    assert text[first["start"] : first["end"]] == "That makes me smart,"
    assert first["text"] == "That makes me smart"


def test_export_quotes_csv_neutralises_formulas(tracker, tmp_path):
    art = tmp_path / "evil.txt"
    art.write_text(
        'Ivan Petrov said: "=HYPERLINK(\\"http://x\\") is what we want now."\n', encoding="utf-8"
    )
    tracker("ingest", str(art))
    res = tracker("export", "quotes", "--format", "csv")
    assert res.exit_code == 0
    assert "'=HYPERLINK" in res.output
    assert "\n=HYPERLINK" not in res.output and ",=HYPERLINK" not in res.output


def test_outlet_option_sets_the_batch_outlet(tracker, tmp_path):
    (tmp_path / "a.txt").write_text(
        "“We will talk again soon,” said Ivan Petrov.", encoding="utf-8"
    )
    assert tracker("ingest", "--outlet", "Daily Test", str(tmp_path / "a.txt")).exit_code == 0
    rows = json.loads(tracker("quotes", "--json").output)
    assert rows[0]["outlet"] == "Daily Test" and rows[0]["speaker"] == "Ivan Petrov"


def test_outlet_and_speaker_filters_ignore_case_and_accents(tracker, tmp_path):
    # SQLite's lower() folds ASCII only: "EL PAÍS" and "Álvaro" were found by no filter.
    (tmp_path / "a.txt").write_text(
        "El ministro habló con la prensa el lunes por la tarde en la sede del gobierno, y "
        "dijo que no hay acuerdo para la reforma. “No vamos a ceder”, dijo Álvaro Ruiz.",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("“We will wait,” said Ivan Petrov.", encoding="utf-8")
    assert tracker("ingest", "--outlet", "EL PAÍS", str(tmp_path / "a.txt")).exit_code == 0
    assert tracker("ingest", "--outlet", "Daily Test", str(tmp_path / "b.txt")).exit_code == 0
    for outlet in ("EL PAÍS", "el país", "El Pais"):
        rows = json.loads(tracker("quotes", "--json", "--outlet", outlet).output)
        assert [r["speaker"] for r in rows] == ["Álvaro Ruiz"], outlet
        clusters = json.loads(tracker("clusters", "--json", "--outlet", outlet).output)
        assert len(clusters) == 1, outlet
    for speaker in ("ÁLVARO", "alvaro ruiz", "Ruiz"):
        rows = json.loads(tracker("quotes", "--json", "--speaker", speaker).output)
        assert [r["outlet"] for r in rows] == ["EL PAÍS"], speaker


def test_an_outlet_or_speaker_matching_no_stored_name_is_not_found(seeded, tracker, tmp_path):
    # A typo listed nothing and exited 0, which read as "no claims from that outlet".
    out = tmp_path / "claims.csv"
    for command in (
        ("quotes",),
        ("clusters",),
        ("export", "claims", "--status", "all", "-o", str(out)),
        ("export", "appearances", "--status", "all", "-o", str(out)),
    ):
        res = tracker(*command, "--outlet", "Memry")
        assert res.exit_code == 4, (command, res.output)
        assert "no outlet matches 'Memry'" in res.output and "MEMRI" in res.output
        assert len(res.output.strip().splitlines()) == 1, res.output
        res = tracker(*command, "--speaker", "Vladimir Putn")
        assert res.exit_code == 4, (command, res.output)
        assert "no speaker matches 'Vladimir Putn'" in res.output
        assert "Vladimir Putin" in res.output
        assert not out.exists()
    # Nothing close: where to look instead.
    res = tracker("clusters", "--outlet", "Nopers")
    assert res.exit_code == 4 and "tracker quotes" in res.output
    # The rule stays the filters' own (part of a name, any case): a stored outlet whose
    # claims the other filters leave out is an empty result, not an error.
    res = tracker("clusters", "--json", "--outlet", "memr", "--status", "false")
    assert res.exit_code == 0 and json.loads(res.output) == []
    res = tracker("quotes", "--json", "--speaker", "putin", "--kind", "title")
    assert res.exit_code == 0 and json.loads(res.output) == []


def test_db_url_from_environment(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from tracker.cli import cli

    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("TRACKER_DB", url)
    res = CliRunner().invoke(cli, ["ingest", str(SEEDS)])
    assert res.exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_db_commands_report_the_revision(tracker):
    up = tracker("db", "upgrade")
    assert up.exit_code == 0 and "database at" in up.output
    cur = tracker("db", "current")
    assert cur.exit_code == 0
    current, head = cur.output.split()[1], cur.output.split()[3]
    assert current == head


def test_unusable_database_url_is_one_line_and_exit_3(tmp_path):
    from click.testing import CliRunner

    from tracker.cli import cli

    for url in (
        "nonsense://",
        f"sqlite:///{tmp_path}/missing/dir/x.db",
        "postgresql+psycopg://nobody@127.0.0.1:1/none",  # server down
        "postgresql+psycopg://postgres@127.0.0.1:5432/no_such_database_xyz",
        "postgresql+psycopg://no_such_role_xyz:wrong@127.0.0.1:5432/test",
    ):
        res = CliRunner().invoke(cli, ["--db", url, "quotes"])
        assert res.exit_code == 3, (url, res.output)
        assert "Traceback" not in res.output
        assert res.output.strip().startswith("error:")
        assert len(res.output.strip().splitlines()) == 1
