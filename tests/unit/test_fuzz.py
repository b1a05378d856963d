"""Property-based fuzzing (Hypothesis) of extraction, attribution and import.

Random and adversarial text — quote marks of every kind, nesting, control and
bidi characters, very long lines, deep JSON — never raises, and every quote's
offsets index the text it came from, before and after storage.

The runs are bounded and derandomized, so the suite is fast and the same on
every machine; ``HYPOTHESIS_PROFILE=fuzz`` runs many more examples, at random.
"""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tracker.backup import BackupError, export_all, import_all
from tracker.ingest import admit, ingest
from tracker.kinds import QuoteKind
from tracker.quotes import extract_quotes
from tracker.sources import Article, SourceProblem, read_sources
from tracker.store.db import open_database
from tracker.store.models import Document, Quote
from tracker.text import claim_text, normalize

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "fuzz",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# --------------------------------------------------------------------- strategies

QUOTE_MARKS = list("\"'“”‘’«»„‟‚‛‹›「」『』〝〞＂＇`´") + ["''", "``", "\"'", "'\""]
CONTROLS = [chr(c) for c in range(0x20) if c not in (9, 10)] + ["\x7f", "\x85", "\x9b"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]
BIDI += ["\u2069", "\u200e", "\u200f", "\u061c"]
ODD = ["\u2028", "\u2029", "\ufeff", "\u200b", "\u00ad", "\ud800", "\udcff", "\U0001f600"]
WORDS = (
    "said told says added insisted according to he she they it the a of and in on "
    "Ivan Petrov Wang Yi Mr. Sen. Dr. U.S. Jan. Reuters spokesman ministry Putin Xi "
    "Kremlin China Russia we will never surrender peace back to over again ."
).split()
SEPARATORS = [" ", " ", " ", ", ", ". ", ": ", "; ", " — ", "\n", "\n\n", "\t", "\r\n"]

# A run of capitalised words: what attribution takes for a name, at any length.
names = st.lists(st.from_regex(r"[A-Z][a-z]{0,12}\.?", fullmatch=True), min_size=1, max_size=40)
token = st.one_of(
    st.sampled_from(WORDS),
    names.map(" ".join),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(SEPARATORS),
    st.sampled_from(CONTROLS + BIDI + ODD),
    st.text(max_size=6),
)


def _quoted(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A quotation around ``inner``: some pair of marks, perhaps unclosed, perhaps with a
    cue and a speaker on either side."""
    return st.builds(
        lambda o, c, cue, body, closed: f"{cue}{o}{body}{c if closed else ''}",
        st.sampled_from(QUOTE_MARKS),
        st.sampled_from(QUOTE_MARKS),
        st.sampled_from(["", "Ivan Petrov said: ", "He told reporters ", "According to Xi, "]),
        inner,
        st.booleans(),
    )


sentence = st.lists(token, max_size=30).map("".join)
nested = st.recursive(
    sentence, lambda inner: _quoted(inner) | st.tuples(inner, inner).map(" ".join), max_leaves=12
)
texts = st.one_of(
    sentence,
    nested,
    st.lists(nested, max_size=6).map(lambda parts: "\n\n".join(parts)),
    # very long lines: a unit repeated (bounded, so the suite stays fast)
    st.builds(lambda unit, n: unit * n, nested.filter(bool), st.integers(1, 400)).map(
        lambda t: t[:20_000]
    ),
    # quotes nested deep
    st.integers(1, 60).map(lambda d: "".join('He said "' * d) + "x" + '"' * d),
)


def check_quotes(text: str, quotes) -> None:
    n = len(text)
    for i, q in enumerate(quotes):
        assert 0 <= q.start <= q.end <= n, (q.start, q.end, n)
        assert q.text == claim_text(text[q.start : q.end])
        assert q.normalized == normalize(q.text)
        assert isinstance(q.kind, QuoteKind)
        if q.parent is not None:
            assert 0 <= q.parent < len(quotes) and q.parent != i
        assert isinstance(q.context, str)
        # What is stored must fit its column (tracker.store.models), or the document
        # would be refused: the speaker's name, and the cue.
        assert q.speaker is None or len(q.speaker) <= 300, q.speaker
        assert q.cue is None or len(q.cue) <= 100, q.cue


# --------------------------------------------------------------------- extraction


@given(texts)
def test_extraction_and_attribution_never_raise_and_offsets_index_the_text(text):
    check_quotes(text, extract_quotes(text))


@given(st.lists(st.sampled_from(QUOTE_MARKS + [" ", "x", "\n", "said"]), max_size=200).map("".join))
def test_quote_marks_alone_in_any_order(text):
    check_quotes(text, extract_quotes(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        '""',
        "“”“”“",
        'He said "' * 200 + "x" + '"' * 200,
        '"x" ' * 2000,
        '\u202e"evil\u202c" said Ivan \x1b[2J Petrov.',
        "“We will”\u2028“never”\u2029“surrender,” he said.",
        "Ivan Petrov said: «" + "a" * 50_000 + "»",
        '\x00"\x00"\x00',
    ],
    ids=lambda t: f"{len(t)}-chars",
)
def test_extraction_on_known_adversarial_shapes(text):
    check_quotes(text, extract_quotes(text))


# ------------------------------------------------------------------------- import

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
record = st.fixed_dictionaries(
    {"text": texts},
    optional={
        "title": st.text(max_size=40) | json_value,
        "outlet": st.text(max_size=40) | json_value,
        "url": st.sampled_from(
            ["https://ok.example/a", "javascript:alert(1)", "file:///etc/passwd", "", "http://"]
        )
        | st.text(max_size=30),
        "published": st.text(max_size=20) | json_value,
        "author": st.text(max_size=40),
    },
)
jsonl_line = st.one_of(
    record.map(lambda r: json.dumps(r, ensure_ascii=False)),
    record.map(json.dumps),
    json_value.map(json.dumps),
    st.integers(1, 5000).map(lambda d: "[" * d + "]" * d),
    st.integers(1, 50_000).map(lambda d: '{"text": ' + "[" * d),
    st.text(max_size=60),
)


def _jsonl(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    db = open_database(f"sqlite:///{folder / 'fuzz.db'}")
    yield db, folder
    db.dispose()


@given(lines=st.lists(jsonl_line, min_size=1, max_size=8))
@settings(max_examples=40)
def test_reading_any_jsonl_never_raises_and_names_real_lines(store, lines):
    _, folder = store
    path = folder / "feed.jsonl"
    data = _jsonl(lines)
    path.write_bytes(data)
    total = data.count(b"\n") + 1
    for item in read_sources([path]):
        assert isinstance(item, Article | SourceProblem)
        if isinstance(item, SourceProblem):
            where = item.source.rpartition(":")[2]
            assert item.source == str(path) or (where.isdigit() and 1 <= int(where) <= total)
        else:
            assert isinstance(item.text, str) and item.text.strip()
            admitted = admit(item)
            if isinstance(admitted, Article):
                check_quotes(admitted.text, extract_quotes(admitted.text))


@given(lines=st.lists(jsonl_line, min_size=1, max_size=6))
@settings(max_examples=30)
def test_ingesting_any_jsonl_never_raises_and_stored_offsets_index_stored_text(store, lines):
    db, folder = store
    path = folder / "ingest.jsonl"
    path.write_bytes(_jsonl(lines))
    report = ingest(db, [path])
    assert report.added + report.duplicates + len(report.problems) >= 1
    with db.Session() as s:
        for doc_id in report.document_ids:
            doc = s.get(Document, doc_id)
            for q in s.scalars(select(Quote).where(Quote.document_id == doc_id)):
                assert claim_text(doc.text[q.start : q.end]) == q.text


# ------------------------------------------------------------------------ backups


@pytest.fixture(scope="module")
def backup_lines(tmp_path_factory) -> list[bytes]:
    from conftest import SEEDS

    folder = tmp_path_factory.mktemp("backup")
    db = open_database(f"sqlite:///{folder / 'source.db'}")
    ingest(db, [SEEDS])
    with db.Session.begin() as s:
        from tracker.review import set_verdict

        cid = s.scalar(select(Quote.cluster_id).where(Quote.cluster_id.is_not(None)).limit(1))
        set_verdict(s, cid, "verified", reviewer="fuzz", note="checked")
    buf = io.StringIO()
    with db.Session() as s:
        export_all(s, buf)
    db.dispose()
    return [ln.encode("utf-8") + b"\n" for ln in buf.getvalue().splitlines()]


def damage(data: st.DataObject, lines: list[bytes]) -> bytes:
    """A backup with one to three random injuries: a line dropped, doubled or swapped,
    a byte changed, a value replaced, or the file cut short (perhaps mid-line)."""
    out = list(lines)
    for _ in range(data.draw(st.integers(1, 3), label="injuries")):
        if not out:
            break
        i = data.draw(st.integers(0, len(out) - 1), label="line")
        action = data.draw(st.sampled_from(["drop", "dup", "byte", "value", "cut", "swap"]))
        if action == "drop":
            del out[i]
        elif action == "dup":
            out.insert(i, out[i])
        elif action == "byte" and out[i]:
            j = data.draw(st.integers(0, len(out[i]) - 1), label="at")
            b = data.draw(st.integers(0, 255), label="byte")
            out[i] = out[i][:j] + bytes([b]) + out[i][j + 1 :]
        elif action == "value":
            try:
                item = json.loads(out[i])
            except ValueError:
                continue  # already damaged
            target = item.get("row") if isinstance(item, dict) else None
            target = target if isinstance(target, dict) else item
            if isinstance(target, dict) and target:
                key = data.draw(st.sampled_from(sorted(target)), label="field")
                target[key] = data.draw(json_value, label="value")
            out[i] = json.dumps(item).encode() + b"\n"
        elif action == "cut":
            out = out[:i]
            if out and data.draw(st.booleans(), label="mid-line"):
                out[-1] = out[-1][: len(out[-1]) // 2]
        elif action == "swap":
            j = data.draw(st.integers(0, len(out) - 1), label="with")
            out[i], out[j] = out[j], out[i]
    return b"".join(out)


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("empty")
    db = open_database(f"sqlite:///{folder / 'empty.db'}")
    yield db
    db.dispose()


def restore_and_undo(db, body: bytes) -> dict[str, int]:
    """Import ``body``, then roll back: the database is empty again for the next one."""
    with db.Session() as s:
        try:
            return import_all(s, io.BytesIO(body))
        finally:
            s.rollback()


def test_backup_fuzz_starts_from_a_backup_that_restores(empty, backup_lines):
    counts = restore_and_undo(empty, b"".join(backup_lines))
    assert counts["documents"] >= 5 and counts["cluster_events"] >= 1


@given(data=st.data())
@settings(max_examples=60)
def test_a_damaged_backup_is_a_backup_error_or_a_whole_restore(empty, backup_lines, data):
    body = damage(data, backup_lines)
    try:
        restore_and_undo(empty, body)
    except BackupError as exc:
        assert "\n" not in str(exc)
    with empty.Session() as s:
        assert s.scalar(select(Document.id).limit(1)) is None
