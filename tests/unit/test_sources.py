"""Reading sources: formats, metadata precedence and bad input, through the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tracker.dates import parse_date
from tracker.sources import Article, read_sources


@pytest.mark.parametrize(
    "value,expected",
    [
        ("December 17, 2021", dt.date(2021, 12, 17)),
        ("20.12.2021", dt.date(2021, 12, 20)),
        ("10 October, 2020", dt.date(2020, 10, 10)),
        ("2021-12-17T10:00:00Z", dt.date(2021, 12, 17)),
        ("March 5", None),  # no year: unknown, never this year
        ("2022", None),
        ("not a date", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def read(path: Path, **kw) -> list:
    return list(read_sources([path], **kw))


def test_html_page_gives_main_text_and_metadata(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Talks</title><meta name='author' content='Jane Roe'>"
        "<meta property='og:site_name' content='Daily Planet'>"
        "<meta property='article:published_time' content='2021-12-15'></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Talks</h1>"
        "<p>Vladimir Putin said: “Relations have reached the highest level in history.”</p>"
        "<p>The meeting lasted an hour and a half, and both sides called it productive.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (art,) = read(page)
    assert isinstance(art, Article)
    assert (art.title, art.author, art.outlet, art.published) == (
        "Talks",
        "Jane Roe",
        "Daily Planet",
        dt.date(2021, 12, 15),
    )
    assert "highest level in history" in art.text and "Home | World" not in art.text


def test_a_page_s_words_outweigh_a_template_s_language_tag(tmp_path):
    # A site template says lang="en" around a German article: the text is German.
    body = (
        "<p>Die Stadt hat am Montag die neue Brücke über den Fluss eröffnet, und viele "
        "Menschen sind zu dem Fest gekommen, das bis in die Nacht dauerte.</p>"
        "<p>„Wir haben lange auf diesen Tag gewartet“, sagte Bürgermeisterin Anna Weber.</p>"
    )
    page = tmp_path / "page.html"
    page.write_text(
        f"<html lang='en'><head><title>Brücke</title></head><body><article>{body}"
        "</article></body></html>",
        encoding="utf-8",
    )
    (art,) = read(page)
    assert art.language == "de"
    # Too few words to tell: the tag stands.
    short = tmp_path / "short.html"
    short.write_text(
        "<html lang='fr'><head><title>Note</title></head><body><article>"
        "<p>Ceci est une note.</p></article></body></html>",
        encoding="utf-8",
    )
    assert [a.language for a in read(short) if isinstance(a, Article)] in ([], ["fr"])


def test_jsonl_records_and_bad_lines(tmp_path):
    f = tmp_path / "feed.jsonl"
    good = {
        "text": "“We agree,” said Ivan Petrov.",
        "title": "T",
        "outlet": "O",
        "url": "https://example.org/a",
        "published": "2021-12-20",
        "author": "A",
    }
    f.write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n",
        encoding="utf-8",
    )
    items = read(f)
    assert isinstance(items[0], Article) and items[0].source == "https://example.org/a"
    assert items[0].published == dt.date(2021, 12, 20)
    assert [getattr(i, "source", None) for i in items[1:]] == [f"{f}:2", f"{f}:3"]
    assert "malformed JSON" in items[1].reason and '"text"' in items[2].reason


def test_manifest_fills_gaps_and_text_guesses_are_safe(tmp_path):
    (tmp_path / "a.txt").write_text(
        "20.12.2021 Author: Vladimir Danilov\n\nBody text.", encoding="utf-8"
    )
    (tmp_path / "b.md").write_text("# Heading\n\nBody without a date.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps({"documents": {"b.md": {"outlet": "Monitor", "published": None}}}),
        encoding="utf-8",
    )
    a, b = read(tmp_path)
    assert a.published == dt.date(2021, 12, 20) and a.author == "Vladimir Danilov"
    assert b.outlet == "Monitor" and b.published is None and b.author is None


def test_bad_inputs_are_reported_by_name_and_the_rest_goes_on(tracker, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text(
        "“We will meet again in spring,” said Ivan Petrov.", encoding="utf-8"
    )
    (batch / "empty.txt").write_text("   \n", encoding="utf-8")
    (batch / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (batch / "broken.jsonl").write_text('{"text": "ok"\n', encoding="utf-8")
    with open(batch / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB (sparse): over the 20 MB default
    (batch / "gone.txt").symlink_to(tmp_path / "nowhere.txt")

    res = tracker("ingest", str(batch))
    assert res.exit_code == 1
    out = res.output
    assert "Traceback" not in out
    for name, reason in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("broken.jsonl:1", "malformed JSON"),
        ("huge.txt", "too large"),
        ("gone.txt", "no such file"),
    ]:
        assert any(name in line and reason in line for line in out.splitlines()), (name, out)
    assert "1 document added" in out

    # Nothing stored is touched by a failing batch; a good re-run adds nothing twice.
    again = tracker("ingest", str(batch / "good.txt"))
    assert again.exit_code == 0 and "0 documents added, 1 already stored" in again.output


def test_missing_path_is_an_error_not_a_traceback(tracker, tmp_path):
    res = tracker("ingest", str(tmp_path / "nope"))
    assert res.exit_code == 1 and "no such file" in res.output


def test_a_broken_manifest_skips_its_folder_with_the_reason(tracker, tmp_path):
    (tmp_path / "a.txt").write_text("“We agree on everything,” said Ivan Petrov.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("“We agree on nothing,” said Olga Ivanova.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text("{broken", encoding="utf-8")
    res = tracker("ingest", str(tmp_path))
    assert res.exit_code == 1
    assert res.output.count("manifest.json is unreadable") == 2
    assert "0 documents added" in res.output
