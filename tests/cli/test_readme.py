"""The README's walkthrough, run word for word against a fresh ingest of seeds/.

Every `$ tracker …` line of "A reviewer's day" runs in order, as a reader would
type it, and each is checked against what its comment (or printed output) says.
The expected clusters are found here from the quotes' own text, independently
of the lookup the commands use, so a command acting on the wrong cluster fails.
A new command in that section needs a check here; the test says so.
"""

from __future__ import annotations

import csv
import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, SEEDS
from sqlalchemy import select

from tracker.cli import cli
from tracker.store.db import open_database
from tracker.store.models import Cluster, Decision, DecisionKind, Document, Outlet, Quote

README = ROOT / "README.md"


def walkthrough() -> list[tuple[str, list[str]]]:
    """(command, printed lines) for each `$ tracker` line of "A reviewer's day"."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## A reviewer's day") : text.index("## A team on one database")]
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```\n(.*?)```", section, re.S):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            if not line.startswith("$ tracker"):
                continue
            command = line[2:]
            while command.rstrip().endswith("\\"):
                command = command.rstrip()[:-1] + " " + lines[i].strip()
                i += 1
            printed = []
            while i < len(lines) and not lines[i].startswith("$ "):
                if lines[i].strip():
                    printed.append(lines[i])
                i += 1
            out.append((command, printed))
    return out


def args_of(command: str) -> list[str]:
    return shlex.split(command, comments=True)[1:]


class Walk:
    def __init__(self, url: str, tmp: Path) -> None:
        self.url = url
        self.tmp = tmp
        self.db = open_database(url)

    def cluster_of(self, words: str, outlet: str | None = None) -> int:
        """The cluster of the one quote starting with (else containing) ``words``.

        "Starting with" first: a journalist's passage quoting the words is another quote.
        """
        with self.db.Session() as s:
            stmt = select(Quote.cluster_id, Quote.text).join(Document).outerjoin(Outlet)
            if outlet:
                stmt = stmt.where(Outlet.name == outlet)
            rows = s.execute(stmt).all()
        found = [cid for cid, text in rows if text.startswith(words)] or [
            cid for cid, text in rows if words in text
        ]
        assert len(found) == 1, f"{words!r}: {len(found)} quotes"
        return found[0]

    def cluster(self, cid: int) -> Cluster | None:
        with self.db.Session() as s:
            c = s.get(Cluster, cid)
            if c is not None:
                s.expunge(c)
            return c

    def members(self, cid: int) -> list[str]:
        with self.db.Session() as s:
            return sorted(s.scalars(select(Quote.text).where(Quote.cluster_id == cid)))

    def judged(self) -> dict[int, str]:
        with self.db.Session() as s:
            return {
                c.id: c.status.value
                for c in s.scalars(select(Cluster))
                if c.status.value != "unreviewed"
            }


def check_ingest(w: Walk, r: Result, printed: list[str]) -> None:
    assert r.stderr.strip().splitlines()[-1] == printed[0]


def check_clusters(w: Walk, r: Result, printed: list[str]) -> None:
    shown = [
        (m.group(1), m.group(2).strip())
        for line in printed
        if (m := re.match(r"│ (\d+)\s*│ (.{20})", line))
    ]
    actual = [
        (m.group(1), m.group(2).strip())
        for line in r.stdout.splitlines()
        if (m := re.match(r"│ (\d+)\s*│ (.{20})", line))
    ]
    assert actual == shown, "the README's table is not what a fresh ingest prints"
    assert w.cluster_of("We hope that the upcoming summit") == int(shown[0][0])
    assert w.cluster_of("A new model of cooperation") == int(shown[1][0])


def check_find(w: Walk, r: Result, printed: list[str]) -> None:
    first = re.search(r"│ (\d+)\s+│", r.stdout)
    assert first and int(first.group(1)) == w.cluster_of("We hope that the upcoming summit")


def check_show(w: Walk, r: Result, printed: list[str]) -> None:
    cid = w.cluster_of("We hope that the upcoming summit")
    assert r.stdout.startswith(f"Cluster {cid}")
    for word in (
        "MEMRI",
        "South China Morning Post",
        "Wang Wenbin",
        "said",
    ):  # outlet, speaker, cue
        assert word in r.stdout


def check_verdict(w: Walk, r: Result, printed: list[str]) -> None:
    cid = w.cluster_of("A new model of cooperation")
    c = w.cluster(cid)
    assert (c.status.value, c.reviewer, c.note) == (
        "verified",
        "alice",
        "Matches the Kremlin transcript.",
    )
    assert c.evidence_url == "http://kremlin.ru/events/president/news/67364"
    assert w.judged() == {cid: "verified"}  # no other cluster touched
    assert r.stderr.strip().splitlines() == printed


def check_merge(w: Walk, r: Result, printed: list[str]) -> None:
    a = w.cluster_of("missile attack warning system")
    assert a == w.cluster_of("seriously expanding the PRC")
    with w.db.Session() as s:
        speakers = {q.speaker.name for q in s.scalars(select(Quote).where(Quote.cluster_id == a))}
    assert speakers == {"Vladimir Putin"}  # "Putin's words and … paraphrase of them"
    assert "warning:" not in r.stderr
    w.merged = a


def check_unmerge(w: Walk, r: Result, printed: list[str]) -> None:
    a = w.cluster_of("missile attack warning system")
    b = w.cluster_of("seriously expanding the PRC")
    assert a == w.merged and a != b and w.cluster(b) is not None


def check_split(w: Walk, r: Result, printed: list[str]) -> None:
    moved = w.cluster_of("back-to-back", outlet="South China Morning Post")
    rest = w.cluster_of("We hope that the upcoming summit")
    assert moved != rest
    assert w.members(moved) == ["back-to-back"]
    assert len(w.members(rest)) == 3
    with w.db.Session() as s:
        assert s.scalar(select(Decision.id).where(Decision.kind == DecisionKind.CANNOT_LINK))


def check_track(w: Walk, r: Result, printed: list[str]) -> None:
    assert "now watching" in r.stderr or "already watched" in r.stderr
    assert "no upper limit" in r.stdout


def check_track_show(w: Walk, r: Result, printed: list[str]) -> None:
    assert re.search(r"[1-9]\d* hits for", r.stdout) and "no upper limit" in r.stdout


def check_kept(w: Walk, r: Result, printed: list[str]) -> None:
    """Rebuild and reextract: the verdict, the split and the undone merge all still hold."""
    cid = w.cluster_of("A new model of cooperation")
    assert w.judged() == {cid: "verified"}
    assert w.members(w.cluster_of("back-to-back", outlet="South China Morning Post")) == [
        "back-to-back"
    ]


def check_export_verified(w: Walk, r: Result, printed: list[str]) -> None:
    rows = list(csv.DictReader((w.tmp / "verified.csv").open(encoding="utf-8", newline="")))
    assert [int(row["cluster_id"]) for row in rows] == [w.cluster_of("A new model of cooperation")]


def check_export_json(w: Walk, r: Result, printed: list[str]) -> None:
    rows = json.loads(r.stdout)
    assert rows and all("MEMRI" in json.dumps(row) for row in rows)


def check_claimreview(w: Walk, r: Result, printed: list[str]) -> None:
    reviews = json.loads((w.tmp / "reviews.jsonld").read_text(encoding="utf-8"))
    reviews = reviews if isinstance(reviews, list) else [reviews]
    assert len(reviews) == 1 and reviews[0]["author"]["name"] == "Daily Check"
    cid = w.cluster_of("A new model of cooperation")
    assert reviews[0]["url"] == f"https://factcheck.example/claims/{cid}"


def check_appearances(w: Walk, r: Result, printed: list[str]) -> None:
    rows = list(csv.DictReader((w.tmp / "appearances.csv").open(encoding="utf-8", newline="")))
    cid = w.cluster_of("A new model of cooperation")
    assert {int(row["cluster_id"]) for row in rows} == {cid}
    assert len(rows) == len(w.members(cid)) and {row["outlet"] for row in rows} >= {"MEMRI"}


def check_export_quotes(w: Walk, r: Result, printed: list[str]) -> None:
    lines = (w.tmp / "quotes.jsonl").read_text(encoding="utf-8").splitlines()
    with w.db.Session() as s:
        assert len(lines) == len(s.scalars(select(Quote.id)).all())


def check_compare(w: Walk, r: Result, printed: list[str]) -> None:
    assert "New Eastern Outlook" in r.stdout and "MEMRI" in r.stdout


def check_compare_html(w: Walk, r: Result, printed: list[str]) -> None:
    html = (w.tmp / "belt.html").read_text(encoding="utf-8")
    assert "<html" in html and "New Eastern Outlook" in html


def check_backup(w: Walk, r: Result, printed: list[str]) -> None:
    assert (w.tmp / "backup-2021-12.jsonl").stat().st_size > 0


def check_restore(w: Walk, r: Result, printed: list[str]) -> None:
    restored = open_database(f"sqlite:///{w.tmp / 'restored.db'}")
    with restored.Session() as s:
        c = s.get(Cluster, w.cluster_of("A new model of cooperation"))
        assert c.status.value == "verified" and c.note == "Matches the Kremlin transcript."
    restored.dispose()


CHECKS: dict[str, Callable[[Walk, Result, list[str]], None]] = {
    "ingest": check_ingest,
    "clusters": check_clusters,
    "find": check_find,
    "show": check_show,
    "verdict": check_verdict,
    "merge": check_merge,
    "unmerge": check_unmerge,
    "split": check_split,
    "track add": check_track,
    "track show": check_track_show,
    "cluster": check_kept,
    "reextract": check_kept,
    "export claims -o": check_export_verified,
    "export claims --status": check_export_json,
    "export claims --format": check_claimreview,
    "export quotes": check_export_quotes,
    "export appearances": check_appearances,
    "compare": check_compare,
    "compare --phrase": check_compare_html,
    "export all": check_backup,
    "--db": check_restore,
}


def check_for(args: list[str]) -> Callable[[Walk, Result, list[str]], None]:
    for key in sorted(CHECKS, key=len, reverse=True):
        words = key.split()
        if args[: len(words)] == words:
            return CHECKS[key]
    raise AssertionError(f"no check for the README command {args}; add one to CHECKS")


def test_readme_walkthrough_does_what_it_says(db_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "110")
    steps = walkthrough()
    assert len(steps) >= 15
    walk = Walk(db_url, tmp_path)
    runner = CliRunner()
    for command, printed in steps:
        args = args_of(command)
        if args[0] == "ingest":
            args = ["ingest", str(SEEDS)]
        check = check_for(args)
        full = args if args[0] == "--db" else ["--db", db_url, *args]
        result = runner.invoke(cli, full, catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}{result.stderr}"
        check(walk, result, printed)
    walk.db.dispose()


@pytest.mark.parametrize(
    "args,code",
    [
        (["verdict", "2", "bogus"], 2),
        (["verdict", "99999", "verified"], 4),
        (["verdict", "words that are in no quote at all zzz", "verified"], 4),
        (["show", "no restricted areas, no upper limit"], 2),  # Wang Yi, and a passage quoting him
        (["unmerge", "2"], 1),
        (["clusters", "--status", "all"], 0),
    ],
)
def test_cluster_names_and_exit_codes(tracker, args, code):
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    result = tracker(*args)
    assert result.exit_code == code, result.output + result.stderr
    if code:
        assert len(result.stderr.strip().splitlines()) <= 2  # one line, no traceback


def test_unmerge_from_the_command_line_brings_back_verdict_note_and_history(tracker, db_url):
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    a, b = "missile attack warning system", "seriously expanding the PRC"
    assert (
        tracker("verdict", b, "disputed", "--note", "Paraphrase.", "--reviewer", "bob").exit_code
        == 0
    )
    db = open_database(db_url)
    with db.Session() as s:
        before = {
            c.id: (c.status, c.note, c.reviewer, c.reviewed_at) for c in s.scalars(select(Cluster))
        }
    merged = tracker("merge", a, b, "--reviewer", "alice")
    assert merged.exit_code == 0 and "unmerge" in merged.stderr
    assert (
        len(before) - 1
        == len(tracker("clusters", "--json", "--limit", "0", "--scare").stdout.split('"id"')) - 1
    )
    result = tracker("unmerge", a, "--reviewer", "alice")
    assert result.exit_code == 0, result.stderr
    with db.Session() as s:
        after = {
            c.id: (c.status, c.note, c.reviewer, c.reviewed_at) for c in s.scalars(select(Cluster))
        }
    assert after == before
    assert tracker("unmerge", a).exit_code == 1  # nothing left to take back
    db.dispose()


@pytest.mark.parametrize("columns", ["80", "160"])
def test_show_wraps_at_any_width_and_prints_the_review(tracker, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    assert tracker("merge", "stand back to back", "new model of cooperation").exit_code == 0
    assert (
        tracker(
            "verdict",
            "stand back to back",
            "disputed",
            "--reviewer",
            "alice",
            "--note",
            "Two statements.",
            "--evidence",
            "https://example.org/x",
        ).exit_code
        == 0
    )
    out = tracker("show", "stand back to back").stdout
    lines = out.splitlines()
    assert all(len(line) <= int(columns) for line in lines)
    assert "disputed" in lines[0] and "alice" in lines[0]
    assert "Note: Two statements." in out and "Evidence: https://example.org/x" in out
    # The text is readable: its column holds words, not one character per line.
    assert any("We hope that the upcoming summit" in line for line in lines)


def test_merging_clusters_of_different_speakers_warns(tracker):
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    result = tracker("merge", "stand back to back", "new model of cooperation")
    assert result.exit_code == 0
    warning = next(line for line in result.stderr.splitlines() if line.startswith("warning:"))
    assert "different speakers" in warning and "Vladimir Putin" in warning
