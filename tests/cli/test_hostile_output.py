"""Hostile text never reaches a terminal raw, and only http(s) links are published.

Issue #15, items 1–3: escape sequences (clipboard write, window title, clear
screen), C1 controls and bidi overrides in articles, notes, evidence links and
names are shown as visible pictures in every widget and CLI listing, kept
escaped in JSON, and refused at the door where reviewers type them; ClaimReview
publishes http(s) URLs only; Markdown from `compare` has no live links.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import settle
from markdown_it import MarkdownIt
from sqlalchemy import select, text, update

from tracker.ingest import ingest
from tracker.review import ReviewError, set_evidence, set_note, set_verdict
from tracker.store.db import open_database
from tracker.store.models import Cluster, ClusterEvent, Document, Quote, Speaker, WatchPhrase
from tracker.tui.app import ReviewApp

# ESC ]52 (write the clipboard), ESC ]0 (window title), ESC [2J (clear the screen),
# a right-to-left override, a C1 CSI, an isolate, DEL and a line separator.
HOSTILE = (
    "\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\x1b[2J\u202eevil\u202c\x9b31m\u2066x\u2069\x7f\u2028y"
)
# Nothing of this may reach a terminal raw (tab and newline may).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Inside JSON strings: json.dumps escapes C0 itself; these it leaves raw unless told.
JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
SENTENCE = f"We will never {HOSTILE} surrender to anyone at all, whatever they say."


def raw_in(output: str) -> list[str]:
    return sorted({repr(c) for c in RAW.findall(output)})


def strings(value) -> list[str]:
    """Every string inside a decoded JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.fixture
def hostile(db_url, tmp_path: Path):
    """A database where every field a listing shows carries escape sequences and bidi
    controls: article text, title, outlet, speaker, cue, and (as left by an older
    version or another tool) note, evidence link, reviewer names, history, watch phrase."""
    feed = tmp_path / "feed.jsonl"
    records = [
        {
            "text": f'Ivan Petrov said: "{SENTENCE}" He spoke in Moscow.\n',
            "title": f"Title {HOSTILE}",
            "outlet": f"Outlet {HOSTILE}",
            "author": f"Author {HOSTILE}",
            "published": "2021-12-17",
        },
        {
            "text": f'"{SENTENCE}" Ivan Petrov told reporters on Friday.\n',
            "outlet": "Second Outlet",
            "published": "2021-12-18",
        },
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = open_database(db_url)
    report = ingest(db, [feed])
    assert report.added == 2 and not report.problems
    with db.Session.begin() as s:
        cid = s.scalar(text("SELECT cluster_id FROM quotes WHERE text LIKE 'We will never%'"))
        assert cid is not None
        s.execute(update(Speaker).values(name=f"Ivan {HOSTILE} Petrov"))
        s.execute(update(Quote).values(cue=f"said{HOSTILE}", speaker_as_named=f"Petrov{HOSTILE}"))
        s.execute(
            update(Cluster)
            .where(Cluster.id == cid)
            .values(
                note=f"note {HOSTILE}\nsecond line",
                evidence_url=f"https://example.org/{HOSTILE}",
                reviewer=f"rev{HOSTILE}",
            )
        )
        s.add(
            ClusterEvent(
                cluster_id=cid,
                reviewer=f"rev{HOSTILE}",
                action="note",
                old_value=f"old {HOSTILE}",
                new_value=f"new {HOSTILE}",
            )
        )
        s.add(WatchPhrase(phrase=f"never {HOSTILE} surrender", normalized="never evil x surrender"))
    yield db, cid
    db.dispose()


# ------------------------------------------------------------------------------ CLI


def test_every_cli_listing_shows_pictures_never_raw_controls(hostile, tracker):
    db, cid = hostile
    listings = [
        ("clusters", "--limit", "0"),
        ("show", str(cid)),
        ("quotes", "--limit", "0"),
        ("compare", str(cid)),
        ("find", "We will never surrender to anyone at all"),
        ("track", "show", "surrender to anyone at all, whatever they say"),
        ("track", "list"),
    ]
    for args in listings:
        res = tracker(*args)
        assert res.exit_code == 0, (args, res.output)
        assert raw_in(res.output) == [], args
        assert "␛" in res.output and "⟨RLO⟩" in res.output, (args, res.output)


def test_json_output_keeps_every_control_escaped_and_reads_back(hostile, tracker):
    db, cid = hostile
    for args in [
        ("clusters", "--json", "--limit", "0"),
        ("show", str(cid), "--json"),
        ("quotes", "--json", "--limit", "0"),
        ("find", "We will never surrender to anyone at all", "--json"),
    ]:
        res = tracker(*args)
        assert res.exit_code == 0, res.output
        assert RAW.findall(res.stdout) == [] and JSON_RAW.findall(res.stdout) == [], args
        assert any(HOSTILE in v for v in strings(json.loads(res.stdout))), args
    detail = json.loads(tracker("show", str(cid), "--json").stdout)
    assert detail["note"] == f"note {HOSTILE}\nsecond line"  # the data itself is unchanged


def test_exports_keep_controls_escaped_in_json_files(hostile, tracker, tmp_path):
    out = tmp_path / "q.jsonl"
    assert tracker("export", "quotes", "-o", str(out)).exit_code == 0
    body = out.read_text(encoding="utf-8")
    assert JSON_RAW.findall(body) == [] and RAW.findall(body) == []
    assert any(HOSTILE in json.loads(line)["text"] for line in body.splitlines())
    claims = tmp_path / "c.json"
    assert tracker("export", "claims", "--status", "all", "--format", "json", "-o", str(claims))
    assert JSON_RAW.findall(claims.read_text(encoding="utf-8")) == []


def test_csv_and_markdown_on_standard_output_show_pictures_never_raw_controls(hostile, tracker):
    # CSV piped nowhere lands on the terminal: an article's ESC there recoloured it.
    db, cid = hostile
    for args in [
        ("export", "claims", "--status", "all"),
        ("export", "appearances", "--status", "all"),
        ("export", "quotes", "--format", "csv"),
        ("compare", str(cid), "--format", "csv"),
        ("compare", str(cid), "--format", "md"),
    ]:
        res = tracker(*args)
        assert res.exit_code == 0, (args, res.output)
        assert raw_in(res.stdout) == [], args
        assert "␛" in res.stdout and "⟨RLO⟩" in res.stdout, (args, res.stdout)


@pytest.mark.parametrize(
    "args,says",
    [
        (("--note", "fine \x1b]52;c;cHduZWQ=\x07"), "ESC (U+001B)"),
        (("--note", "a \u202eright-to-left"), "RLO (U+202E)"),
        (("--note", "a C1 \x9b31m"), "CSI (U+009B)"),
        (("--reviewer", "alice\x1b[2J"), "ESC (U+001B)"),
        (("--reviewer", "alice\nbob"), "LF (U+000A)"),
        (("--reviewer", "a" * 201), "too long"),
        (("--evidence", "javascript:alert(1)"), "http(s)"),
        (("--evidence", "file:///etc/passwd"), "http(s)"),
        (("--evidence", "https://example.org/\x1b[2J"), "ESC"),
        (("--evidence", "https://example.org/" + "a" * 3000), "too long"),
        (("--evidence", "https:///no-host"), "no host"),
    ],
)
def test_the_cli_refuses_controls_and_bad_links_at_the_door(tracker, args, says):
    from conftest import SEEDS

    assert tracker("ingest", str(SEEDS)).exit_code == 0
    cid = json.loads(tracker("clusters", "--json").stdout)[0]["id"]
    res = tracker("verdict", str(cid), "verified", *args)
    assert res.exit_code == 2, res.output
    assert says in res.output and raw_in(res.output) == []
    assert json.loads(tracker("show", str(cid), "--json").stdout)["status"] == "unreviewed"


def test_the_cli_keeps_tabs_and_line_breaks_in_notes(tracker):
    from conftest import SEEDS

    assert tracker("ingest", str(SEEDS)).exit_code == 0
    cid = json.loads(tracker("clusters", "--json").stdout)[0]["id"]
    res = tracker("verdict", str(cid), "verified", "--note", "a\tb\r\nc", "--reviewer", "Zoë")
    assert res.exit_code == 0, res.output
    assert json.loads(tracker("show", str(cid), "--json").stdout)["note"] == "a\tb\nc"


def test_the_library_door_refuses_the_same(hostile):
    db, cid = hostile
    for action in (
        lambda s: set_note(s, cid, "x\x1b[2J"),
        lambda s: set_evidence(s, cid, "javascript:alert(1)"),
        lambda s: set_evidence(s, cid, "https://example.org/" + "a" * 2000),
        lambda s: set_verdict(s, cid, "verified", reviewer="r\x9b"),
    ):
        with pytest.raises(ReviewError), db.Session.begin() as s:
            action(s)


# ------------------------------------------------------------------------------ TUI


def screen_text(app) -> str:
    """What the screen shows, as text (the screenshot's SVG, entities decoded)."""
    import html

    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_every_screen_and_prompt_shows_pictures_never_raw_controls(hostile):
    from textual import events
    from textual.widgets import Input, TextArea

    from tracker.tui.screens.cluster_detail import ClusterDetailScreen

    db, cid = hostile
    app = ReviewApp(db, f"reviewer {HOSTILE}")
    seen = {}
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(app, pilot)
        seen["list"] = screen_text(app)
        app.push_screen(ClusterDetailScreen(cid))
        await settle(app, pilot)
        seen["detail"] = screen_text(app)
        await pilot.press("n")  # the note editor, holding the stored note
        await settle(app, pilot)
        seen["note editor"] = screen_text(app)
        editor = app.screen.query_one(TextArea)
        assert "␛]52;c;" in editor.text and "\x1b" not in editor.text
        # Pasted text arrives with its controls as pictures too.
        app.post_message(events.Paste("pasted \x1b]0;title\x07 \u202ertl"))
        await settle(app, pilot)
        assert "pasted ␛]0;title␇ ⟨RLO⟩rtl" in editor.text
        seen["note editor, pasted"] = screen_text(app)
        await pilot.press("escape")  # the pasted text is a change: discarding it asks first
        await settle(app, pilot)
        seen["discard question"] = screen_text(app)
        await pilot.press("y")
        await settle(app, pilot)
        await pilot.press("e")  # the evidence prompt, holding the stored link
        await settle(app, pilot)
        seen["evidence prompt"] = screen_text(app)
        assert "␛" in app.screen.query_one(Input).value
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        seen["article"] = screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        seen["compare"] = screen_text(app)
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        seen["watchlist"] = screen_text(app)
    for name, svg in seen.items():
        assert raw_in(svg) == [], name
    for name in ("list", "detail", "note editor", "evidence prompt", "article", "compare"):
        assert "␛" in seen[name], name
    assert "⟨RLO⟩" in seen["detail"] and "⟨RLO⟩" in seen["note editor"]
    assert "reviewer ␛]52" in seen["list"]  # the header names the reviewer, pictured


async def test_the_last_line_of_defence_strips_what_a_widget_missed(db_url):
    from textual.widgets import Static

    db = open_database(db_url)
    app = ReviewApp(db, "tester")
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(app, pilot)
        # A widget that forgot terminal_safe: the app's line filter still cleans it.
        await app.screen.mount(Static(f"raw {HOSTILE} text", markup=False))
        await settle(app, pilot)
        svg = screen_text(app)
    assert raw_in(svg) == [] and "raw ]52;c;" in svg
    db.dispose()


# ------------------------------------------------------------------- published output


def test_claimreview_publishes_http_links_only(hostile, tracker, tmp_path):
    db, cid = hostile
    with db.Session.begin() as s:
        docs = list(s.scalars(select(Document.id).order_by(Document.id)))
        # As stored by an older version: a script link, a local file, and no url at all.
        s.execute(update(Document).where(Document.id == docs[0]).values(url="javascript:alert(1)"))
        s.execute(update(Document).where(Document.id == docs[1]).values(url="file:///etc/passwd"))
        s.execute(
            update(Cluster).where(Cluster.id == cid).values(evidence_url="javascript:alert(2)")
        )
    assert tracker("verdict", str(cid), "verified", "--reviewer", "alice").exit_code == 0
    out = tmp_path / "r.jsonld"
    res = tracker(
        "export", "claims", "--format", "claimreview", "-o", str(out),
        "--url-template", "https://factcheck.example/claims/{id}",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert reviews
    body = out.read_text(encoding="utf-8")
    assert "javascript:" not in body and "file:" not in body and str(tmp_path) not in body
    for review in reviews:
        urls = [a.get("url") for a in review["itemReviewed"].get("appearance", [])]
        urls.append(review.get("url"))
        assert all(u is None or re.match(r"https?://[^/\s]+", u) for u in urls)


def test_ingest_keeps_only_http_urls(db_url, tmp_path):
    feed = tmp_path / "feed.jsonl"
    urls = ["javascript:alert(1)", "file:///etc/passwd", "https://ok.example/a", "ftp://x/y"]
    feed.write_text(
        "\n".join(
            json.dumps({"text": f'Ivan Petrov said: "Statement number {i} is here."', "url": u})
            for i, u in enumerate(urls)
        )
        + "\n",
        encoding="utf-8",
    )
    db = open_database(db_url)
    assert ingest(db, [feed]).added == 4
    with db.Session() as s:
        stored = sorted(u for u in s.scalars(select(Document.url)) if u)
    assert stored == ["https://ok.example/a"]
    db.dispose()


def test_compare_markdown_has_no_live_links_or_images(tracker, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        'Ivan Petrov said: "We will [click here](javascript:alert(1)) see ![](http://pixel.example/'
        "t.gif) and <img src=x onerror=alert(1)> at www.evil.example or https://evil.example/x "
        'in *time*," he added.\n',
        encoding="utf-8",
    )
    assert tracker("ingest", str(article)).exit_code == 0
    cid = json.loads(tracker("clusters", "--json").stdout)[0]["id"]
    md = tracker("compare", str(cid), "--format", "md").stdout
    renderer = MarkdownIt("gfm-like", {"linkify": True}).enable("linkify")
    html = renderer.render(md)
    for live in ("<a ", "<img", "<em>", "<strong>"):
        assert live not in html, (live, html)
    # Shown as written: the reader still sees every character of the article.
    assert "[click here](javascript:alert(1))" in html
    assert "https://evil.example/x" in html and "&lt;img src=x" in html
