"""Hostile and broken input never hangs, never stops a batch, never is an internal error.

Issue #15, items 4–11 and 15–16: limits on extraction, special files, deep JSON, line separators
inside JSON Lines, NUL characters and length limits alike on both engines,
unreadable folders and file names that are not UTF-8, databases that are not
ours, two processes creating one schema, pasted paragraphs in `find` and
`track`, and schema revisions newer than this tracker.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import PG_BASE, ROOT, SEEDS, Tracker
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import StatementError

from tracker.extract import (
    CHARS_PER_QUOTE,
    MAX_DEPTH,
    MAX_QUOTE_CHARS,
    MAX_QUOTES_PER_PARAGRAPH,
    QUOTE_FLOOR,
)
from tracker.quotes import extract_quotes
from tracker.store.db import open_database
from tracker.store.models import Cluster, Document, Outlet, Unstorable, WatchPhrase

ARTICLE = 'Ivan Petrov said: "We will meet again in Moscow next spring, {n} times over."\n'


class Hung(BaseException):
    """Not an OSError (as TimeoutError is), so no ``except OSError`` can swallow it."""


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: the old code blocked on a FIFO forever."""

    def expire(signum, frame):
        signal.alarm(1)  # and again, should something swallow this one
        raise Hung(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def documents(db_url: str) -> list[str]:
    db = open_database(db_url)
    with db.Session() as s:
        found = list(s.scalars(select(Document.source).order_by(Document.id)))
    db.dispose()
    return found


def problem_lines(res) -> list[str]:
    return [ln for ln in res.stderr.splitlines() if ln.startswith("skipped ")]


def write(path: Path, n: int) -> Path:
    path.write_text(ARTICLE.format(n=n), encoding="utf-8")
    return path


# ---------------------------------------------------------- 4. extraction limits

NEWS = (
    'Mayor Ada Lind said the bridge would reopen in May. "We owe the town a crossing," '
    'Lind said. Her deputy, Olle Rask, called the delay "a scandal" on Monday.\n\n'
    '"Nobody wants another winter of detours," Rask told reporters.\n'
)


def test_quotes_past_a_paragraphs_limit_are_said_and_the_next_paragraph_is_read(
    tracker, db_url, tmp_path
):
    listing = " ".join(f'"item {n}"' for n in range(MAX_QUOTES_PER_PARAGRAPH + 40))
    path = tmp_path / "list.txt"
    text = f"Banned words: {listing}.\n\n{NEWS}"
    path.write_text(text, encoding="utf-8")
    res = tracker("ingest", "--no-cluster", str(path))
    assert res.exit_code == 0, res.output
    said = [ln for ln in res.stderr.splitlines() if ln.startswith(f"{path}: ")]
    first_unread = text.index(f'"item {MAX_QUOTES_PER_PARAGRAPH}"')
    assert said == [
        f"{path}: 1 paragraph(s) with more than {MAX_QUOTES_PER_PARAGRAPH} quotations were "
        f"read only up to that many, from character {first_unread:,}"
    ], res.stderr
    # The first hundred of the list, then every quotation of the ordinary paragraphs.
    assert f"{MAX_QUOTES_PER_PARAGRAPH + 3} quotes" in res.stderr
    assert "internal error" not in res.output
    # Re-extracting the stored text reaches the same limit, and says so the same way.
    res = tracker("reextract", "--no-cluster", "--quiet")
    assert res.exit_code == 0, res.output
    assert [ln for ln in res.stderr.splitlines() if ln.startswith(f"{path}: ")] == said


def test_a_text_too_dense_with_quotation_marks_is_read_in_part_and_says_so():
    text = '"x" "y" "z"\n' * 20_000  # no paragraph holds many: the text as a whole does
    notes: list[str] = []
    got = extract_quotes(text, "en", notes)
    assert QUOTE_FLOOR < len(got) <= QUOTE_FLOOR + len(text) // CHARS_PER_QUOTE
    assert len(notes) == 1 and notes[0].startswith("quotation marks too dense to read in full")


def test_deep_nesting_and_overlong_quotations_are_said():
    notes: list[str] = []
    deep = "“" * (MAX_DEPTH + 20) + "who said what" + "”" * (MAX_DEPTH + 20)
    extract_quotes(f"Ada Lind said {deep}.", "en", notes)
    assert notes == [f"quotations nested more than {MAX_DEPTH} deep were not followed, from "
                     f"character {14 + MAX_DEPTH:,}"]  # fmt: skip
    notes = []
    long = "word " * (MAX_QUOTE_CHARS // 5 + 10)
    got = extract_quotes(f'Ada Lind said "{long}" and "a short one," Lind said.', "en", notes)
    assert [q.text for q in got] == ["a short one"]
    assert notes == [f"1 quotation(s) longer than {MAX_QUOTE_CHARS:,} characters left out, "
                     "from character 15"]  # fmt: skip


def test_ordinary_news_of_any_length_is_read_whole_without_notes():
    one = extract_quotes(NEWS, "en")
    assert [(q.text, q.speaker) for q in one] == [
        ("We owe the town a crossing", "Ada Lind"),
        ("a scandal", "Olle Rask"),
        ("Nobody wants another winter of detours", "Olle Rask"),
    ]
    notes: list[str] = []
    # 0.6 MB at the density of the most quoted real news (8 quotations per 1,000 characters).
    plain = "The works will cost the town 4.2 million crowns, most of it from the regional fund.\n"
    article = NEWS + plain * 2
    assert 7 <= 3 / len(article) * 1000 <= 9
    many = extract_quotes("\n".join([article] * 1500), "en", notes)
    assert notes == []
    assert len(many) == 3 * 1500
    # Five times the quotations of a real paragraph in one, all read.
    crowded = " ".join(f'Lind said "we will fix road {n}."' for n in range(75))
    assert len(extract_quotes(crowded, "en", notes)) == 75 and notes == []


def test_a_quotation_deep_in_a_paragraph_without_sentence_ends_keeps_its_context():
    text = "word " * 600 + 'and then Ada Lind said "we will build it" on Monday'
    (q,) = extract_quotes(text, "en")
    assert "we will build it" in q.context and len(q.context) <= 1200


def _hostile_shapes(size: int) -> dict[str, str]:
    """The shapes of issue #15's item 4 (and benchmarks/adversarial_speed.py), ``size``
    characters each, beside ordinary news."""
    half = size // 2

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "news": fill(NEWS + "\n"),
        "one paragraph of prose": fill("The council met on Tuesday and the mayor said it. "),
        "short quoted words": fill('"x" '),
        "quotes in one paragraph": fill('Anna Berg said, "We will fix the road soon." '),
        "a transcript": fill('"No," Berg said.\n'),
        "straight quotes nested": '"' * half + "x" + '"' * half,
        "curly quotes nested": "“" * half + "x" + "”" * half,
        "unclosed quotes": fill('"we will '),
    }


def test_no_hostile_shape_blows_up_against_news():
    """No shape is read in super-linear time: 200 KB of each takes at most 10x (plus two
    seconds) the CPU time of 200 KB of news. The old code took over 300 s for the quoted
    words and 152 s for 97 KB of nesting, so the margin catches that kind of blow-up while a
    loaded machine (CI runs tests on both cores) cannot fail it; the 3x target itself is
    measured by ``benchmarks/adversarial_speed.py --check``."""
    import time

    times = {}
    with deadline(120):
        for name, text in _hostile_shapes(200_000).items():
            start = time.process_time()
            extract_quotes(text, "en", [])
            times[name] = time.process_time() - start
    slow = {k: round(t, 2) for k, t in times.items() if t > 10 * times["news"] + 2.0}
    assert slow == {}, (times["news"], slow)


def test_a_small_hostile_file_makes_a_small_database(tracker, db_url, tmp_path):
    """An 80 KB file once made a 471 MB database (every nested quotation stored whole)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n, (name, body) in enumerate(_hostile_shapes(80_000).items()):
        if name != "news":
            (folder / f"{n}.txt").write_text(f"Ada Lind said {body}\n", encoding="utf-8")
    with deadline(300):
        res = tracker("ingest", str(folder))
    assert res.exit_code == 0, res.output
    assert "internal error" not in res.output
    db = open_database(db_url)
    with db.Session() as s:
        stored = s.scalar(text("SELECT sum(length(text) + length(context)) FROM quotes")) or 0
    db.dispose()
    assert stored < 2_000_000, stored  # characters of quotations and their contexts


# -------------------------------------------------------------- 5. special files


def test_a_fifo_or_a_device_is_refused_by_name_never_read(tracker, db_url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a.txt", 1)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.jsonl")
    with deadline(60):
        res = tracker("ingest", str(folder), str(tmp_path / "named.jsonl"), "/dev/zero")
    assert res.exit_code == 1, res.output
    lines = problem_lines(res)
    assert any("pipe.txt: not a regular file (a named pipe)" in ln for ln in lines), lines
    assert any("named.jsonl: not a regular file (a named pipe)" in ln for ln in lines), lines
    assert any("/dev/zero: not a regular file (a character device)" in ln for ln in lines)
    assert "internal error" not in res.output
    assert len(documents(db_url)) == 1


def test_the_size_limit_holds_for_each_jsonl_line_without_reading_it_whole(tracker, tmp_path):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": ARTICLE.format(n=1)}) + "\n")
        fh.write('{"text": "' + "x" * 3_000_000 + '"}\n')  # over a 1 MB limit
        fh.write(json.dumps({"text": ARTICLE.format(n=3)}) + "\n")
    res = tracker("ingest", "--max-size", "1", str(feed))
    assert res.exit_code == 1
    assert problem_lines(res) == [f"skipped {feed}:2: record too large: 3.0 MB"]
    assert "2 documents added" in res.stderr


# ------------------------------------------------------------------ 6. deep JSON


def test_deeply_nested_json_is_a_malformed_record_not_a_crash(tracker, db_url, tmp_path):
    feed = tmp_path / "feed.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    lines = [
        json.dumps({"text": ARTICLE.format(n=1)}),
        deep,
        json.dumps({"text": ARTICLE.format(n=3)}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sub = tmp_path / "with-manifest"
    sub.mkdir()
    write(sub / "b.txt", 4)
    (sub / "manifest.json").write_text('{"documents": ' + deep + "}", encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text('{"text": ' + "[" * 100_000, encoding="utf-8")
    res = tracker("ingest", str(feed), str(sub), str(one))
    assert res.exit_code == 1, res.output
    lines = problem_lines(res)
    assert any(f"{feed}:2: malformed JSON line: nested too deeply" in ln for ln in lines), lines
    assert any("manifest.json is unreadable (nested too deeply)" in ln for ln in lines), lines
    assert any(f"{one}: malformed JSON" in ln for ln in lines), lines
    assert len(documents(db_url)) == 2  # the rest of the batch is stored


# ------------------------------------------------------- 7. U+2028 inside JSON Lines


def test_line_separators_inside_a_jsonl_string_are_text(tracker, db_url, tmp_path):
    feed = tmp_path / "feed.jsonl"
    body = 'Ivan Petrov said: "One\u2028two\u2029three\x85four, all of it true."'
    lines = [
        json.dumps({"text": body}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": ARTICLE.format(n=3)}, ensure_ascii=False),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = tracker("ingest", str(feed))
    assert res.exit_code == 1
    assert [ln.split(": ")[0] for ln in problem_lines(res)] == [f"skipped {feed}:2"]
    db = open_database(db_url)
    with db.Session() as s:
        assert body in s.scalars(select(Document.text)).all()
    db.dispose()


# ------------------------------------------- 8. NUL, and the same limits on both engines


def test_nul_characters_are_refused_by_name_on_both_engines(tracker, db_url, tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [ARTICLE.format(n=1), "Before\u0000after, a NUL.", ARTICLE.format(n=3)]
    feed.write_text("\n".join(json.dumps({"text": r}) for r in records) + "\n", encoding="utf-8")
    late = tmp_path / "late-nul.txt"
    late.write_bytes(ARTICLE.format(n=4).encode() + b"x" * 9000 + b"\x00 and more text\n")
    write(tmp_path / "fine.txt", 5)
    res = tracker("ingest", str(feed), str(late), str(tmp_path / "fine.txt"))
    assert res.exit_code == 1, res.output
    lines = problem_lines(res)
    assert len(lines) == 2, lines
    assert f"{feed}:2: not stored: the text contains NUL (U+0000) at character 6" in lines[0]
    assert f"{late}: not stored: the text contains NUL (U+0000)" in lines[1]
    assert "internal error" not in res.output
    assert len(documents(db_url)) == 3


def test_unpaired_surrogates_in_json_are_refused_by_name(tracker, db_url, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": ARTICLE.format(n=1)}) + '\n{"text": "broken \\ud83d here"}\n',
        encoding="utf-8",
    )
    res = tracker("ingest", str(feed))
    assert res.exit_code == 1
    assert problem_lines(res)[0].startswith(f"skipped {feed}:2: ")
    assert "internal error" not in res.output and len(documents(db_url)) == 1


@pytest.mark.parametrize(
    "row",
    [
        lambda: Outlet(name="o" * 201),
        lambda: Outlet(name="nul\x00"),
        lambda: WatchPhrase(phrase="p", normalized="w" * 1001),
        lambda: Cluster(reviewer="r" * 201),
        lambda: Cluster(evidence_url="https://example.org/" + "a" * 2000),
        lambda: Cluster(note="a NUL \x00 in a note"),
    ],
)
def test_both_engines_refuse_the_same_values(db, row):
    """What PostgreSQL refuses, SQLite refuses too, with the column named: a backup of
    one engine always restores on the other."""
    with pytest.raises(StatementError) as caught, db.Session.begin() as s:
        s.add(row())
        s.flush()
    assert isinstance(caught.value.orig, Unstorable)
    assert "." in str(caught.value.orig).split(":")[0]  # table.column


def test_long_names_and_phrases_are_usage_errors_on_both_engines(tracker):
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    cid = json.loads(tracker("clusters", "--json").stdout)[0]["id"]
    for args in (
        ("verdict", str(cid), "verified", "--reviewer", "r" * 300),
        ("merge", str(cid), str(cid + 1), "--reviewer", "r" * 300),
        ("track", "add", " ".join(["word"] * 400)),
        ("track", "add", "a phrase \x1b[2J with ESC"),
        ("ingest", "--outlet", "o" * 300, str(SEEDS)),
    ):
        res = tracker(*args)
        assert res.exit_code == 2, (args, res.output)
        assert "internal error" not in res.output


# ------------------------------------------------ 9. unreadable folders, bad file names


def test_an_unreadable_folder_is_named_and_the_rest_goes_on(tracker, db_url, tmp_path, monkeypatch):
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    write(root / "a.txt", 1)
    write(root / "locked" / "b.txt", 2)
    write(root / "z.txt", 3)
    real = os.scandir

    def scandir(path):  # as for a folder without read permission (the suite runs as root)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = tracker("ingest", str(root))
    assert res.exit_code == 1
    assert problem_lines(res) == [
        f"skipped {root / 'locked'}: cannot read folder: Permission denied"
    ]
    assert len(documents(db_url)) == 2


def test_file_names_that_are_not_utf8_or_hold_newlines(tracker, db_url, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for n in range(5):
        write(root / f"good{n}.txt", n)
    bad = os.fsencode(root) + b"/caf\xe9.txt"
    fd = os.open(bad, os.O_WRONLY | os.O_CREAT)
    os.write(fd, ARTICLE.format(n=9).encode())
    os.close(fd)
    forged = root / "x.txt\nskipped etc-passwd: forged line.txt"
    forged.write_text("", encoding="utf-8")  # empty: reported
    res = tracker("ingest", str(root))
    assert res.exit_code == 1, res.output
    lines = problem_lines(res)
    assert len(lines) == 1 and "␊skipped etc-passwd: forged line.txt: empty file" in lines[0]
    assert not any(ln.startswith("skipped etc-passwd") for ln in res.stderr.splitlines())
    sources = documents(db_url)
    assert len(sources) == 6 and any(s.endswith("caf\\xe9.txt") for s in sources)
    listed = tracker("quotes", "--limit", "0")
    assert listed.exit_code == 0


def test_a_file_holding_only_a_byte_order_mark_is_an_empty_file(tracker, tmp_path):
    root = tmp_path / "marks"
    root.mkdir()
    (root / "utf8.txt").write_bytes(b"\xef\xbb\xbf")
    (root / "utf16.txt").write_bytes(b"\xff\xfe")
    (root / "spaced.txt").write_bytes(b"\xef\xbb\xbf  \n")
    res = tracker("ingest", str(root))
    assert res.exit_code == 1, res.output
    assert sorted(problem_lines(res)) == [
        f"skipped {root / name}: empty file" for name in ("spaced.txt", "utf16.txt", "utf8.txt")
    ]
    assert tracker("quotes").exit_code == 0
    assert tracker("export", "quotes", "--format", "jsonl").stdout == ""  # no document stored


def test_an_empty_path_or_a_web_address_is_bad_usage_never_the_current_folder(
    tracker, tmp_path, monkeypatch
):
    # `tracker ingest "$DIR"` with DIR unset read the folder it was run in, whole.
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "here.txt", 1)
    for arg, says in (("", "an empty path"), ("https://news.example/a", "does not fetch")):
        res = tracker("ingest", arg)
        assert res.exit_code == 2 and says in res.stderr, res.output
        assert "https:/news" not in res.stderr  # the address as given
    assert tracker("export", "quotes", "--format", "jsonl").stdout == ""


def test_no_line_of_the_report_can_be_forged_by_a_file_name(tracker, tmp_path):
    """Not only the skipped: the notes of `-v`, the limits reached and the files already
    stored name their file on one line too, whatever its name holds."""
    root = tmp_path / "in"
    root.mkdir()
    forged = "x.txt\nskipped etc-passwd: forged line.txt"
    write(root / forged, 1)
    listing = " ".join(f'"item {n}"' for n in range(MAX_QUOTES_PER_PARAGRAPH + 5))
    (root / f"list{forged}").write_text(f"Banned words: {listing}.\n", encoding="utf-8")
    reports = [tracker("ingest", "-v", "--no-cluster", str(root)) for _ in range(2)]
    reports.append(tracker("reextract", "--no-cluster", "--quiet"))
    for res in reports:
        assert res.exit_code == 0, res.output
        assert "␊skipped etc-passwd" in res.stderr, res.stderr
        assert not any(ln.startswith("skipped etc-passwd") for ln in res.stderr.splitlines())
    assert "already stored: " in reports[1].stderr


# ------------------------------------------------- 10. databases that are not ours


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_applications_sqlite_database_is_never_written(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.execute("INSERT INTO documents (body) VALUES ('theirs')")
    con.commit()
    con.close()
    before = digest(other)
    for args in (("clusters",), ("ingest", str(SEEDS)), ("db", "upgrade"), ("db", "current")):
        res = Tracker(f"sqlite:///{other}")(*args)
        assert res.exit_code == 3, (args, res.output)
        assert "not a tracker database" in res.stderr and "invoices" in res.stderr
    assert digest(other) == before
    con = sqlite3.connect(other)
    assert {r[0] for r in con.execute("SELECT name FROM sqlite_master")} == {
        "documents",
        "invoices",
    }


@pytest.mark.parametrize(
    "content,what",
    [
        (b"just some notes\n", "a text file"),
        (b"\x1f\x8b\x08\x00binary", "a gzip archive"),
        (b'{"format": "tracker-backup/2"}\n', "a tracker backup"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_a_file_that_is_not_a_database_is_named_and_left_alone(tmp_path, content, what):
    path = tmp_path / "claims.db"
    path.write_bytes(content)
    res = Tracker(f"sqlite:///{path}")("clusters")
    assert res.exit_code == 3
    assert "is not a SQLite database" in res.stderr and what in res.stderr
    assert path.read_bytes() == content


def test_a_postgresql_schema_of_another_application_is_never_written(databases):
    if databases.kind != "postgresql":
        pytest.skip("the SQLite half is the test above")
    url = databases.new_url("foreign")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer primary key)"))
    res = Tracker(url)("clusters")
    assert res.exit_code == 3 and "not a tracker database" in res.stderr
    assert set(inspect(engine).get_table_names()) == {"invoices"}
    engine.dispose()


# ---------------------------------------------------- 11. concurrent schema creation


def _open_at_once(url: str, barrier) -> str:
    barrier.wait()
    try:
        open_database(url).dispose()
        return "ok"
    except Exception as exc:  # noqa: BLE001 - reported to the test
        return f"{type(exc).__name__}: {exc}"


def test_processes_creating_one_new_database_at_once_all_succeed(databases):
    ctx = multiprocessing.get_context("fork")
    for _ in range(5):
        url = databases.new_url(f"race{_}")
        with ctx.Manager() as manager:
            barrier = manager.Barrier(4)
            with ctx.Pool(4) as pool:
                results = pool.starmap(_open_at_once, [(url, barrier)] * 4)
        assert results == ["ok"] * 4, results
        db = open_database(url)
        with db.Session() as s:
            assert s.scalar(select(Cluster.id).limit(1)) is None  # the schema is whole
        db.dispose()


# ------------------------------------------------------- 15. pasted paragraphs


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """60 generated articles (the benchmark's corpus), on SQLite: the work counted below
    does not depend on the engine."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import write_corpus

    folder = tmp_path_factory.mktemp("archive")
    write_corpus(folder / "c.jsonl", 60)
    url = f"sqlite:///{folder / 'a.db'}"
    db = open_database(url)
    from tracker.ingest import ingest

    ingest(db, [folder / "c.jsonl"])
    yield db
    db.dispose()


@pytest.fixture
def alignments(monkeypatch):
    """Counts fuzzy alignments (rapidfuzz's partial_ratio), the costly part of a search:
    all of them, and those against a whole document (over 3,000 characters)."""
    from rapidfuzz import fuzz

    count = {"n": 0, "documents": 0}
    real = fuzz.partial_ratio

    def counted(a, b, *args, **kwargs):
        count["n"] += 1
        count["documents"] += max(len(a), len(b)) > 3000
        return real(a, b, *args, **kwargs)

    monkeypatch.setattr(fuzz, "partial_ratio", counted)
    return count


def _pasted(db) -> tuple[str, str]:
    """A 1,500-character stretch of one article, and the longest quote inside it."""
    from tracker.store.models import Quote

    with db.Session() as s:
        doc = s.scalars(select(Document).order_by(Document.id).offset(17)).first()
        q = max(
            (q for q in doc.quotes if q.cluster_id and q.kind.value == "sentence"),
            key=lambda q: len(q.text),
        )
        lo = max(0, q.start - 700)
        return doc.text[lo : lo + 1500], s.scalar(select(Quote.cluster_id).where(Quote.id == q.id))


def test_find_with_a_pasted_paragraph_aligns_candidates_only(archive, alignments):
    from tracker.store.models import Quote
    from tracker.watch import find_clusters

    paragraph, cluster = _pasted(archive)
    with archive.Session() as s:
        quotes = s.scalar(select(Quote.id).order_by(Quote.id.desc()).limit(1))
        ranked = find_clusters(s, paragraph, 5)
    assert quotes > 1000
    assert alignments["n"] < 100, alignments  # the old code aligned every quote
    assert cluster in [cid for cid, _, _ in ranked[:3]]


def test_track_with_a_pasted_paragraph_aligns_candidates_only(archive, alignments):
    from tracker.watch import hits

    paragraph, _ = _pasted(archive)
    with archive.Session() as s:
        found = hits(s, paragraph)
    # The old code aligned the paragraph with every one of the 60 documents first.
    assert alignments["documents"] <= 3, alignments
    assert found and all(h.score >= 85 for h in found)
    assert len({h.document_id for h in found}) == 1  # the article it came from


# ---------------------------------------------------------- 16. schema revisions


def test_a_schema_newer_than_this_tracker_is_a_clear_exit_3(db_url):
    open_database(db_url).dispose()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    tracker = Tracker(db_url)
    for args in (("clusters",), ("db", "upgrade"), ("db", "current"), ("ingest", str(SEEDS))):
        res = tracker(*args)
        assert res.exit_code == 3, (args, res.output)
        assert "schema revision 0099" in res.stderr and "newer tracker" in res.stderr


def test_loose_quotes_are_pointed_out_in_listings(tracker):
    assert tracker("ingest", "--no-cluster", str(SEEDS)).exit_code == 0
    res = tracker("clusters")
    assert res.exit_code == 0 and "run `tracker cluster`" in res.stderr
    assert tracker("cluster").exit_code == 0
    assert "tracker cluster" not in tracker("clusters").stderr


def test_pg_base_is_what_the_suite_uses():
    assert PG_BASE  # imported for the PostgreSQL half; keeps the import honest
