"""Edges a script author meets: help text that says what the code does, options that
refuse nonsense, records with fields of the wrong type, and `-o` onto a pipe or device."""

from __future__ import annotations

import gzip
import json
import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS, Tracker, deny_writes

from tracker.cli import cli
from tracker.match import MatchSettings

SENTENCE = '"We are going to build a much better road for the whole town," said Mayor Li Ann.\n'


def help_of(*command: str) -> str:
    return CliRunner().invoke(cli, [*command, "--help"], terminal_width=200).output


@pytest.mark.parametrize("command", ["ingest", "cluster", "reextract"])
def test_help_states_the_thresholds_the_code_uses(command):
    text = " ".join(help_of(command).split())
    s = MatchSettings()
    assert f"[default {s.link_score:g}]" in text
    assert f"[default {s.suggest_score:g}]" in text


def test_the_split_example_in_its_help_works_on_the_seeds(tmp_path):
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    assert tracker("ingest", "-q", str(SEEDS)).exit_code == 0
    lines = help_of("split").splitlines()
    example = next(ln for ln in lines if ln.strip().startswith("tracker split "))
    res = tracker(*shlex.split(example)[1:])
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize(
    "args",
    [["clusters", "--limit", "-5"], ["quotes", "--limit", "-1"], ["find", "x y", "--limit", "-5"]],
)
def test_a_negative_limit_is_bad_usage(tmp_path, args):
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    res = tracker(*args)
    assert res.exit_code == 2, res.output
    assert "internal error" not in res.output


@pytest.mark.parametrize("language", [5, ["en"], {"code": "en"}, True])
def test_a_record_language_that_is_not_text_is_ignored(tmp_path, language):
    feed = tmp_path / "feed.jsonl"
    records = [{"text": SENTENCE, "language": language}, {"text": SENTENCE + " Again."}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    res = tracker("ingest", "-q", str(feed))
    assert res.exit_code == 0, res.output
    assert "2 documents added" in res.output


def test_a_manifest_language_that_is_not_text_is_ignored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE)
    (folder / "manifest.json").write_text(json.dumps({"a.txt": {"language": 7}}))
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    res = tracker("ingest", "-q", str(folder))
    assert res.exit_code == 0, res.output
    assert "1 document added" in res.output


def test_output_onto_a_named_pipe_writes_into_the_pipe(tmp_path):
    """`-o >(gzip > q.gz)` or `-o /dev/stdout`: the data goes into the pipe; the pipe is
    never replaced by a regular file (a reader waiting on it would wait for ever)."""
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    assert tracker("ingest", "-q", str(SEEDS)).exit_code == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so a writer can open
    try:
        res = tracker("export", "claims", "--status", "all", "-o", str(fifo))
        assert res.exit_code == 0, res.output
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        got = os.read(reader, 1 << 16).decode()
    finally:
        os.close(reader)
    assert got.startswith("cluster_id,claim,")
    assert not (tmp_path / "pipe.part").exists()


def test_a_reader_that_stops_early_ends_a_listing_quietly(tmp_path):
    """`tracker quotes | head -1`: once the reader has closed the pipe the command stops,
    with no traceback or message and status 0 (tracker.exit_codes.BROKEN_PIPE), whether
    the output is a table, JSON or an export."""
    records = "".join(
        json.dumps(
            {
                "text": f'Mayor Li Ann said: "Road {n} in the old town will be rebuilt before '
                f'the winter, and the bus line follows." Engineer Ole Berg said: "Road {n} '
                'needs a new bridge first."',
                "outlet": f"Town Paper {n % 5}",
                "published": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
            }
        )
        + "\n"
        for n in range(400)
    )
    (tmp_path / "roads.jsonl").write_text(records, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    assert Tracker(url)("ingest", "-q", str(tmp_path / "roads.jsonl")).exit_code == 0
    for args in (
        ["quotes", "--limit", "0"],
        ["quotes", "--limit", "0", "--json"],
        ["clusters", "--limit", "0"],
        ["export", "quotes"],
        ["export", "all"],
    ):
        run = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--db", url, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert run.stdout is not None and run.stderr is not None
        first = run.stdout.read(20)  # far less than the output and the pipe's buffer
        run.stdout.close()
        status, stderr = run.wait(timeout=120), run.stderr.read().decode()
        run.stderr.close()
        assert first and (status, stderr) == (0, ""), (args, status, stderr)


def test_output_onto_a_full_device_fails_by_name(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    assert tracker("ingest", "-q", str(SEEDS)).exit_code == 0
    before = os.stat("/dev/full")
    res = tracker("export", "all", "-o", "/dev/full")
    assert res.exit_code == 1, res.output
    assert "cannot write /dev/full" in res.output
    assert "written to" not in res.output
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_full_standard_output_fails_in_one_line_for_every_command(tmp_path):
    """`tracker quotes > /dev/full` is the output's failure, said as `-o /dev/full` says it:
    one line and status 1, never "internal error", never a second failure at exit."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    assert Tracker(url)("ingest", "-q", str(SEEDS)).exit_code == 0
    for args in (
        ["quotes"],
        ["quotes", "--json"],
        ["clusters"],
        ["show", "1"],
        ["find", "stand back to back"],
        ["compare", "1", "--format", "html"],
        ["export", "quotes", "--format", "jsonl"],
        ["export", "all"],
        ["db", "current"],
        ["db", "upgrade"],
        ["--help"],
    ):
        with open("/dev/full", "w") as full:
            run = subprocess.run(
                [sys.executable, "-m", "tracker", "--db", url, *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=120,
            )
        expected = "error: cannot write standard output: No space left on device\n"
        assert (run.returncode, run.stderr) == (1, expected), args


@pytest.mark.parametrize("ref", ["99999999999999999999", "3000000000", "²", "-5", "12b", "no"])
def test_a_cluster_id_out_of_range_or_mistyped_is_not_found(seeded, tracker, ref):
    """A number past any id is no cluster; "²", "-5" or "12b" is a mistyped id, and "no" too
    short to name a cluster by its words: none may pick a cluster by fuzzy matching (before,
    "-5" showed the cluster holding "15", and a verdict would have gone to it)."""
    for args in (["show", "--", ref], ["verdict", "--", ref, "verified"], ["compare", "--", ref]):
        res = tracker(*args)
        assert res.exit_code == 4, res.output
        assert "internal error" not in res.output and "refused" not in res.output


@pytest.mark.parametrize("quote", ["999999", "3000000000"])
def test_splitting_off_a_quote_that_does_not_exist_is_not_found(seeded, tracker, quote):
    (row, *_) = json.loads(tracker("clusters", "--json").stdout)
    res = tracker("split", str(row["id"]), quote)
    assert res.exit_code == 4, res.output
    assert f"no quote {quote}" in res.output and "internal error" not in res.output
    shown = json.loads(tracker("show", str(row["id"]), "--json").stdout)
    assert len(shown["members"]) == row["quotes"]  # nothing moved


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--phrase", ""],
        ["compare", "--phrase", " ... "],
        ["show", ""],
        ["compare", "  "],
        ["verdict", "", "verified"],
        ["merge", "{one}", ""],
        ["split", "{one}", "--quote", ""],
        ["track", "remove", ""],
    ],
)
def test_an_empty_text_argument_is_bad_usage_as_in_find(seeded, tracker, args):
    """Like `find ''`: an unset shell variable names nothing, so the command is misused; it
    is not "nothing matches" (exit 4) nor a failed step."""
    one = next(r for r in json.loads(tracker("clusters", "--json").stdout) if r["quotes"] == 1)
    res = tracker(*(a.format(one=one["id"]) for a in args))
    assert res.exit_code == 2, res.output
    assert res.output.startswith("error: ") and "internal error" not in res.output


@pytest.mark.parametrize(
    "args",
    [
        ["quotes", "--outlet", ""],
        ["quotes", "--speaker", "  "],
        ["clusters", "--outlet", ""],
        ["clusters", "--speaker", ""],
        ["export", "claims", "--status", "all", "--outlet", ""],
        ["export", "appearances", "--speaker", ""],
        ["split", "{one}", "--outlet", ""],
    ],
)
def test_an_empty_filter_is_bad_usage_not_no_filter(seeded, tracker, args):
    """`--outlet "$OUTLET"` with OUTLET unset listed (or split out) every outlet's quotes."""
    one = next(r for r in json.loads(tracker("clusters", "--json").stdout) if r["quotes"] == 1)
    res = tracker(*(a.format(one=one["id"]) for a in args))
    assert res.exit_code == 2, res.output
    assert "some of its words" in res.output and res.stdout == ""


def test_a_cluster_named_twice_in_merge_is_merged_once(tmp_path):
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    assert tracker("ingest", "-q", str(SEEDS)).exit_code == 0
    other = "seriously expanding the PRC"
    res = tracker("merge", "missile attack warning system", other, other)
    assert res.exit_code == 0, res.output
    shown = json.loads(tracker("show", "missile attack warning system", "--json").stdout)
    assert any(other in m["text"] for m in shown["members"])


@pytest.mark.parametrize("size", ["0", "-1", "nan", "inf", "1e300"])
def test_a_max_size_that_is_no_size_is_bad_usage(tmp_path, size):
    (tmp_path / "a.txt").write_text(SENTENCE)
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    res = tracker("ingest", "-q", "--max-size", size, str(tmp_path / "a.txt"))
    assert res.exit_code == 2, res.output
    assert "--max-size" in res.output


@pytest.mark.parametrize(
    "args",
    [
        ["cluster", "--rebuild", "--link-score", "nan"],
        ["cluster", "--suggest-score", "nan"],
        ["ingest", "--link-score", "nan", str(SEEDS)],
        ["reextract", "--suggest-score", "nan"],
        ["suggestions", "--min-score", "nan"],
        ["track", "show", "no upper limit", "--threshold", "nan"],
    ],
)
def test_a_score_that_is_not_a_number_is_bad_usage(tmp_path, args):
    """NaN passes a range check (every comparison with it is false): a rebuild with
    --link-score nan dissolved every cluster and dropped every suggestion, exit 0."""
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    res = tracker(*args)
    assert res.exit_code == 2, res.output
    assert "not a number" in res.output


def test_compare_given_a_cluster_and_a_phrase_says_they_cannot_be_combined(tmp_path):
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    res = tracker("compare", "2", "--phrase", "back to back")
    assert res.exit_code == 2, res.output
    assert "cannot be combined" in res.output
    assert "give a CLUSTER" not in res.output  # both were given


def test_compare_as_a_table_writes_the_file_it_is_given(tmp_path):
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    assert tracker("ingest", "-q", str(SEEDS)).exit_code == 0
    target = tmp_path / "framing.txt"
    res = tracker("compare", "new model of cooperation", "-o", str(target))
    assert res.exit_code == 0, res.output
    assert "Claim:" not in res.stdout
    text = target.read_text()
    assert text.startswith("Claim: ") and "New Eastern Outlook" in text
    assert "\x1b" not in text


@pytest.mark.parametrize("suffix", [".bz2", ".xz", ".gz"])
def test_bzip2_and_xz_files_are_read_as_the_readme_says(tmp_path, suffix):
    import bz2
    import gzip
    import lzma

    pack = {".bz2": bz2.compress, ".xz": lzma.compress, ".gz": gzip.compress}[suffix]
    (tmp_path / f"a.txt{suffix}").write_bytes(pack(SENTENCE.encode()))
    (tmp_path / f"broken.txt{suffix}").write_bytes(pack(SENTENCE.encode())[:12])
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    res = tracker("ingest", "-q", str(tmp_path))
    assert res.exit_code == 1, res.output  # the broken one, by name
    assert "1 document added" in res.output and "1 failed" in res.output
    assert f"broken.txt{suffix}: not a readable" in res.output


def test_an_evidence_link_with_a_quote_or_angle_bracket_is_refused_but_undo_restores_one(
    tmp_path, seeded_sqlite
):
    """A typed link holds `"`, `<`, `>` only percent-encoded (they would end an attribute
    or open a tag wherever it is written out); a link stored before that rule still comes
    back whole when a later change to it is undone."""
    import sqlite3
    from contextlib import closing

    from sqlalchemy import update

    from tracker.review import set_evidence, undo
    from tracker.store.db import open_database
    from tracker.store.models import Cluster

    path = tmp_path / "claims.db"
    with closing(sqlite3.connect(seeded_sqlite)) as src, closing(sqlite3.connect(path)) as dst:
        src.backup(dst)
    tracker = Tracker(f"sqlite:///{path}")
    for bad in ('https://example.org/a"onmouseover=x', "https://example.org/<b>"):
        res = tracker("verdict", "1", "verified", "--evidence", bad)
        assert res.exit_code == 2, res.output
        assert "percent-encoded" in res.output
    good = tracker("verdict", "1", "verified", "--evidence", "https://example.org/a%22b")
    assert good.exit_code == 0, good.output

    db = open_database(tracker.url)
    old = 'https://example.org/"old"'
    with db.Session.begin() as s:  # as an earlier version let it in
        s.execute(update(Cluster).where(Cluster.id == 1).values(evidence_url=old))
    with db.Session.begin() as s:
        change = set_evidence(s, 1, "https://example.org/new")
    with db.Session.begin() as s:
        undo(s, change)
    with db.Session() as s:
        assert s.get(Cluster, 1).evidence_url == old
    db.dispose()


# Every command that only reads or changes what is stored; those that may start a
# database (ingest, import, db upgrade, track add) are in the test after.
NEEDS_A_DATABASE = [
    ("clusters",),
    ("quotes",),
    ("show", "1"),
    ("find", "some words here"),
    ("suggestions",),
    ("compare", "1"),
    ("track", "list"),
    ("track", "show", "some words"),
    ("track", "remove", "some words"),
    ("export", "claims"),
    ("export", "quotes"),
    ("export", "appearances"),
    ("export", "all"),
    ("verdict", "1", "verified"),
    ("merge", "1", "2"),
    ("cluster",),
    ("reextract", "-q"),
    ("db", "current"),
    ("review",),
    (),  # a bare `tracker` opens the review UI
]


@pytest.mark.parametrize("args", NEEDS_A_DATABASE, ids=lambda a: " ".join(a) or "bare")
def test_a_missing_database_file_is_reported_and_never_created(tmp_path, args):
    # It was created empty, and the command printed an empty table with exit 0.
    path = tmp_path / "none.db"
    res = Tracker(f"sqlite:///{path}")(*args)
    assert res.exit_code == 3, res.output
    assert f"no database at {path}" in res.stderr and "tracker ingest" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert os.listdir(tmp_path) == []


def test_the_default_database_is_made_by_ingest_and_only_by_commands_that_write(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_DB", raising=False)
    runner = CliRunner()
    res = runner.invoke(cli, ["clusters"])
    assert res.exit_code == 3 and "no database at claims.db" in res.stderr
    assert not (tmp_path / "claims.db").exists()
    (tmp_path / "in.txt").write_text(SENTENCE, encoding="utf-8")
    assert runner.invoke(cli, ["ingest", "-q", "in.txt"]).exit_code == 0
    assert runner.invoke(cli, ["clusters"]).exit_code == 0
    for args, name in (
        (("track", "add", "a much better road"), "watch.db"),
        (("db", "upgrade"), "upgraded.db"),
    ):
        res = Tracker(f"sqlite:///{tmp_path / name}")(*args)
        assert res.exit_code == 0, res.output
        assert (tmp_path / name).exists()
    backup = tmp_path / "backup.jsonl"
    assert runner.invoke(cli, ["export", "all", "-o", str(backup)]).exit_code == 0
    res = Tracker(f"sqlite:///{tmp_path / 'restored.db'}")("import", str(backup))
    assert res.exit_code == 0, res.output


def test_records_piped_into_ingest_dash_are_read_from_standard_input(tmp_path):
    """`… | tracker ingest -`: JSON Lines from standard input, each record named by its
    line (`<stdin>:4`) as a file's are, so piping the same records again is a re-run.
    (Groups are stored as their records come, before the input ends: the runs that
    tests/cli/test_interrupted_ingest.py interrupts are fed so.)"""
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    feed = "\n".join(
        [
            json.dumps({"text": SENTENCE, "url": "https://news.test/road"}),
            "",
            json.dumps({"text": SENTENCE.replace("road", "bridge")}),
            "{not json",
        ]
    )
    res = tracker("ingest", "-q", "--outlet", "Town Paper", "-", input=feed)
    assert res.exit_code == 1, res.output
    assert "skipped <stdin>:4: malformed JSON line" in res.stderr
    assert "2 documents added, 0 already stored, 2 quotes, 1 failed" in res.stderr
    assert {r["outlet"] for r in json.loads(tracker("quotes", "--json").output)} == {"Town Paper"}
    res = tracker("ingest", "-q", "--outlet", "Town Paper", "-", input=feed)
    assert "0 documents added, 2 already stored" in res.stderr


def test_ingest_dash_says_what_it_cannot_read_and_a_file_named_dash_is_dot_slash(
    tmp_path, monkeypatch
):
    tracker = Tracker(f"sqlite:///{tmp_path / 'claims.db'}")
    res = tracker("ingest", "-", "-", input="")
    assert res.exit_code == 2 and "- (standard input) can be named only once" in res.stderr
    res = tracker("ingest", "-q", "-", input="\n\n")
    assert res.exit_code == 1 and "skipped <stdin>: empty input" in res.stderr
    compressed = gzip.compress((json.dumps({"text": SENTENCE}) + "\n").encode(), mtime=0)
    res = tracker("ingest", "-q", "-", input=compressed)
    assert res.exit_code == 1 and "skipped <stdin>: binary input, not text" in res.stderr
    monkeypatch.chdir(tmp_path)
    Path("-").write_text(SENTENCE, encoding="utf-8")
    res = tracker("ingest", "-q", "./-", input=json.dumps({"text": "not this"}))
    assert res.exit_code == 0 and "1 document added" in res.stderr, res.output
    assert len(json.loads(tracker("quotes", "--json").output)) == 1


def test_ingest_dash_on_a_terminal_says_to_pipe_records_in_rather_than_wait(tmp_path):
    """Nobody is going to type JSON Lines: a terminal on standard input is bad usage."""
    import pty

    leader, follower = pty.openpty()
    try:
        res = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", f"sqlite:///{tmp_path / 'c.db'}"]
            + ["ingest", "-"],
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert res.returncode == 2, res.stderr
    assert "standard input, which is a terminal: pipe records in" in " ".join(res.stderr.split())


@pytest.mark.parametrize("folder_writable", [True, False])
def test_a_sqlite_file_that_cannot_be_written_is_browsed_and_exported_not_changed(
    tmp_path, seeded_sqlite, monkeypatch, folder_writable
):
    import hashlib
    import shutil

    db = tmp_path / "share" / "claims.db"
    db.parent.mkdir()
    shutil.copy(seeded_sqlite, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    deny_writes(monkeypatch, db, *([] if folder_writable else [db.parent]))
    tracker = Tracker(f"sqlite:///{db}")
    listed = tracker("clusters", "--json")
    assert listed.exit_code == 0, listed.output
    first = json.loads(listed.output)[0]["id"]
    exported = tracker("export", "claims", "--status", "all", "-o", str(tmp_path / "claims.csv"))
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8").count("\n") > 10
    refused = tracker("verdict", str(first), "verified")
    assert refused.exit_code == 3
    assert "read-only" in refused.output and "nothing was written" in refused.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    if not folder_writable:
        assert sorted(p.name for p in db.parent.iterdir()) == ["claims.db"]
