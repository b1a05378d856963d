"""Input that used to yield nothing, or junk: compressed pages, MHTML, consent walls,
paywalls, repeated passages and pull quotes."""

from __future__ import annotations

import gzip
import json
import quopri

from sqlalchemy import func, select

from tracker.sources import Article, count_sources, read_sources
from tracker.store.db import open_database
from tracker.store.models import Document, Quote

STORY = (
    "<p>The mayor defended the new budget at the council meeting on Tuesday evening.</p>"
    "<p>“We will not cut a single teacher's job, whatever the state decides next year,” "
    "said Mayor Anna Schmidt.</p>"
    "<p>The opposition asked for a vote on the plan before the summer, and the council "
    "agreed to hold one in June after a public hearing.</p>"
)


def html(body: str = STORY, head: str = "") -> str:
    return (
        "<html><head><meta charset='utf-8'><title>Budget</title>"
        "<meta property='og:site_name' content='City Herald'>"
        f"{head}</head><body><article><h1>Budget</h1>{body}</article></body></html>"
    )


def test_a_folder_of_gzipped_pages_is_read(tracker, tmp_path):
    tmp_path = tmp_path / "pages"
    tmp_path.mkdir()
    for n in range(3):
        page = html(STORY.replace("Tuesday", f"Tuesday, the {n + 1}st,"))
        (tmp_path / f"page{n}.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    res = tracker("ingest", str(tmp_path))
    assert res.exit_code == 1
    assert "3 documents added" in res.output
    assert any("broken.html.gz" in ln and "gzip" in ln for ln in res.output.splitlines())


def test_a_folder_with_nothing_readable_is_named_and_fails(tracker, tmp_path):
    (folder := tmp_path / "docs").mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4")
    (folder / "c.docx").write_bytes(b"PK")
    res = tracker("ingest", str(folder))
    assert res.exit_code == 1
    assert "no file here that tracker can read: it holds 1 .docx, 2 .pdf" in " ".join(
        res.output.split()
    )
    (empty := tmp_path / "empty").mkdir()
    res = tracker("ingest", str(empty))
    assert res.exit_code == 1 and "no files" in res.output


def mhtml(page: str, charset: str = "windows-1252") -> bytes:
    body = quopri.encodestring(page.encode(charset)).decode("ascii")
    return (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://www.cityherald.example/budget\r\n"
        "Subject: Budget\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----BOUNDARY"\r\n'
        "\r\n"
        "------BOUNDARY\r\n"
        f'Content-Type: text/html; charset="{charset}"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://www.cityherald.example/budget\r\n"
        "\r\n"
        f"{body}\r\n"
        "------BOUNDARY\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: https://www.cityherald.example/logo.png\r\n"
        "\r\n"
        "iVBORw0KGgo=\r\n"
        "------BOUNDARY--\r\n"
    ).encode("ascii")


def test_files_of_other_kinds_in_a_folder_are_counted_in_the_summary(tracker, tmp_path):
    # They were left out without a word: "1 document added, ..., 0 failed" and nothing else.
    (folder := tmp_path / "mixed").mkdir()
    (folder / "story.html").write_text(html(), encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    (folder / "old").mkdir()
    (folder / "old" / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # the system's: not counted
    res = tracker("ingest", str(folder))
    assert res.exit_code == 0, res.output  # a folder's other files are expected
    summary = res.output.strip().splitlines()[-1]
    assert summary.startswith("1 document added, 0 already stored, 1 quote, 0 failed")
    assert "2 files skipped: not a kind tracker reads (1 .docx, 1 .pdf" in summary
    assert ".DS_Store" not in res.output
    res = tracker("ingest", "-v", str(folder))
    assert res.exit_code == 0
    named = [ln for ln in res.output.splitlines() if ln.startswith("not a kind tracker reads: ")]
    assert named == [
        f"not a kind tracker reads: {folder / 'old' / 'notes.docx'}",
        f"not a kind tracker reads: {folder / 'scan.pdf'}",
    ]
    # A file named on the command line is always tried, and fails if it cannot be read.
    res = tracker("ingest", str(folder / "scan.pdf"))
    assert res.exit_code == 1
    assert "binary" in res.output and "1 failed" in res.output
    assert "not a kind" not in res.output


def test_an_mhtml_page_is_read_as_the_page_not_as_mime_text(tmp_path):
    story = STORY.replace("Anna Schmidt", "Anna Schmidt-Müller")
    f = tmp_path / "budget.mhtml"
    f.write_bytes(mhtml(html(story)))
    (art,) = list(read_sources([f]))
    assert isinstance(art, Article), art
    assert "Anna Schmidt-Müller" in art.text
    assert "Content-Type" not in art.text and "=3D" not in art.text
    assert art.url == "https://www.cityherald.example/budget"
    assert (art.outlet, art.site) == ("City Herald", "cityherald.example")
    assert art.encoding == "windows-1252 (declared)"


CONSENT = (
    "<div class='cmp'><p>We value your privacy</p><p>We and our partners store and access "
    "information on your device, such as cookies, and process personal data for "
    "personalised advertising and content, measurement and audience insights.</p>"
    "<p>“Accept all”</p><p>“Reject all”</p><p>Manage preferences</p></div>"
)


def test_a_consent_wall_is_refused_with_the_reason(tracker, tmp_path):
    (tmp_path / "wall.html").write_text(html(CONSENT), encoding="utf-8")
    res = tracker("ingest", str(tmp_path / "wall.html"))
    assert res.exit_code == 1
    assert "cookie-consent page" in res.output and "0 documents added" in res.output


def test_a_consent_banner_inside_an_article_is_cut_out(tracker, tmp_path):
    (tmp_path / "a.html").write_text(html(CONSENT + STORY), encoding="utf-8")
    res = tracker("ingest", "-v", str(tmp_path / "a.html"))
    assert res.exit_code == 0 and "cookie-consent banner left out" in res.output
    texts = [r["text"] for r in json.loads(tracker("quotes", "--json", "--limit", "0").output)]
    assert not any("Accept all" in t or "Reject all" in t for t in texts)
    assert any(t.startswith("We will not cut a single teacher") for t in texts)


def test_a_paywall_teaser_is_refused(tracker, tmp_path):
    teaser = (
        "<p>The mayor defended the new budget on Tuesday.</p>"
        "<p>Subscribe to continue reading. Already a subscriber? Sign in.</p>"
    )
    (tmp_path / "paid.html").write_text(html(teaser), encoding="utf-8")
    res = tracker("ingest", str(tmp_path / "paid.html"))
    assert res.exit_code == 1 and "paywall" in res.output


def test_a_story_carried_three_times_in_one_page_is_stored_once(tracker, tmp_path):
    (tmp_path / "triple.html").write_text(html(STORY * 3), encoding="utf-8")
    assert tracker("ingest", str(tmp_path / "triple.html")).exit_code == 0
    db = open_database(tracker.url)
    with db.Session() as s:
        assert s.scalar(select(func.count(Quote.id))) == 1
    db.dispose()


def test_a_pull_quote_is_another_appearance_of_the_quote_it_repeats(tracker, tmp_path):
    pull = (
        "<blockquote class='pullquote'><p>“We will not cut a single teacher's job, whatever "
        "the state decides next year”</p></blockquote>"
    )
    body = STORY.replace("</p><p>The opposition", f"</p>{pull}<p>The opposition")
    (tmp_path / "pull.html").write_text(html(body), encoding="utf-8")
    assert tracker("ingest", str(tmp_path / "pull.html")).exit_code == 0
    rows = json.loads(tracker("quotes", "--json", "--limit", "0").output)
    teacher = [r for r in rows if r["text"].startswith("We will not cut")]
    assert len(teacher) == 2
    assert {r["speaker"] for r in teacher} == {"Anna Schmidt"}
    clusters = json.loads(tracker("clusters", "--json", "--limit", "0").output)
    claim = [c for c in clusters if c["claim"].startswith("We will not cut")]
    # One claim, not a new one; the same words twice in one document are one appearance.
    assert len(claim) == 1 and claim[0]["quotes"] == 1 and claim[0]["outlets"] == 1


def test_a_feeds_records_are_counted_for_the_progress_bar(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [json.dumps({"text": f"Record {i} said: “yes.”"}) for i in range(5)]
    feed.write_text("\n".join(records[:3]) + "\n\n  \n" + "\n".join(records[3:]), "utf-8")
    (tmp_path / "page.txt").write_text("Ann said: “no.”\n", "utf-8")
    assert count_sources([tmp_path]) == 6  # five records (blank lines aside) and one page


def test_a_pull_quote_stitched_from_two_quotes_of_one_speaker_is_theirs():
    from tracker.ingest import document_quotes

    said = (
        "“The river is rising fast,” said Ana Ruiz, the mayor. Residents left their homes "
        "before dark. “We will open the school as a shelter tonight,” Ruiz added.\n\n"
    )
    # Set above the story, as a page's header quote: nothing before it names anyone.
    pull = "“The river is rising fast. We will open the school as a shelter tonight.”\n\n"
    quotes = document_quotes(pull + said, "en")
    assert quotes[0].text.startswith("The river is rising fast. We will")
    assert quotes[0].speaker == "Ana Ruiz" and not quotes[0].speaker_as_named
    # Two people's words stitched together are no one's.
    other = said.replace("Ruiz added", "said Ben Cole, the fire chief")
    assert document_quotes(pull + other, "en")[0].speaker is None


def test_json_records_from_news_tools_keep_their_outlet_date_and_author(tracker, tmp_path):
    """A feed exported by another tool names its fields its own way (news-please's
    "maintext" and "date_publish", NewsAPI's "source" object, a dataset's "publisher"):
    the outlet, date, author and address are read from them as from ours."""
    said = "Mayor Ann Lee said: “The new bridge will open in the spring of next year.”"
    feed = tmp_path / "feed.jsonl"
    records = [
        {"publisher": "Daily Ledger", "date": "2024-03-05", "author": "Tom Reed", "text": said},
        {
            "maintext": said + " Again.",
            "date_publish": "2024-03-06 10:00:00",
            "authors": ["Nell Ross", "Kim Park"],
            "source_domain": "harbor-news.example",
            "link": "https://harbor-news.example/bridge",
        },
        {
            "source": {"id": None, "name": "Valley Wire"},
            "publishedAt": "2024-03-07T08:00:00Z",
            "content": said + " Once more.",
            "url": "https://valley.example/a",
        },
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    res = tracker("ingest", "-q", str(feed))
    assert res.exit_code == 0, res.output
    exported = tracker("export", "quotes", "--format", "jsonl").output.splitlines()
    got = [json.loads(line) for line in exported]
    assert [(r["outlet"], r["published"]) for r in got] == [
        ("Daily Ledger", "2024-03-05"),
        ("harbor-news.example", "2024-03-06"),
        ("Valley Wire", "2024-03-07"),
    ]
    assert got[1]["url"] == "https://harbor-news.example/bridge"
    assert {r["speaker"] for r in got} == {"Ann Lee"}


def _double_decoded(text: str) -> str:
    """``text`` as a scraper that read its UTF-8 as windows-1252 would pass it on (the
    bytes windows-1252 leaves undefined kept as they were, as browsers and most tools do)."""
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

    return text.encode("utf-8").decode("sloppy-windows-1252")


def test_text_decoded_twice_upstream_is_repaired_and_stored_once(tracker, tmp_path):
    from tracker.sources.article import identity

    said = '"We will win this state," Julián Castro said on Tuesday \u2014 to cheers.'
    record = {
        "title": "Castro in Ohio",
        "outlet": "Test Daily",
        "url": "https://example.org/castro",
        "published": "2016-04-26",
        "text": "Castro visits Ohio.\n\n" + _double_decoded(said),
    }
    assert "JuliÃ¡n" in record["text"]
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps(record) + "\n", encoding="utf-8")
    first = tracker("ingest", "-v", str(batch))
    assert first.exit_code == 0 and "mis-decoded characters repaired" in first.output
    quotes = json.loads(tracker("quotes", "--json").output)
    assert [(q["speaker"], q["text"]) for q in quotes] == [
        ("Julián Castro", "We will win this state")
    ]
    assert "1 already stored" in tracker("ingest", str(batch)).output
    # A database an earlier version filled knows the document by its text as read: the
    # same batch again adds nothing there either.
    (article,) = [a for a in read_sources([batch]) if isinstance(a, Article)]
    assert article.read_hash is not None and "Julián" in article.text
    db = open_database(tracker.url)
    with db.Session.begin() as s:
        doc = s.scalars(select(Document)).one()
        doc.text = record["text"]
        doc.content_hash = article.read_hash
        doc.identity = identity(article.locator, article.read_hash)
    db.dispose()
    again = tracker("ingest", str(batch))
    assert "0 documents added, 1 already stored" in again.output


def test_real_accents_and_dashes_are_left_as_they_are():
    from tracker.sources.mojibake import repair

    for text in ("Über 5 °C à la carte, café « noir » — ¿Qué?", "Ségolène Royal’s “naïveté”"):
        assert repair(text) == text
    assert repair(_double_decoded("Ségolène Royal’s “naïveté”")) == "Ségolène Royal’s “naïveté”"
