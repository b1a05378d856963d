"""Page metadata patterns found on a blind sample of real pages (own short HTML)."""

from __future__ import annotations

from pathlib import Path

from tracker.sources import Article, read_sources
from tracker.sources.authors import clean_authors

_BODY = (
    "<p>The council met on Tuesday and voted on the new budget after a long debate.</p>"
    "<p>“We will not raise taxes this year,” the mayor said after the vote was counted.</p>"
    "<p>Opponents said the plan leaves the schools short of money for another year.</p>"
)


def _read(tmp_path: Path, head: str, body: str) -> Article:
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head>{head}</head><body><article>{body}{_BODY}</article></body></html>",
        encoding="utf-8",
    )
    (art,) = read_sources([page])
    assert isinstance(art, Article)
    return art


def test_section_and_site_after_the_headline_are_cut_from_the_title(tmp_path):
    head = (
        "<title>Budget approved | Politics | Local</title>"
        "<meta property='og:url' content='https://example-news.org/budget'>"
        "<meta property='og:title' content='Budget approved | Politics | Local'>"
    )
    art = _read(tmp_path, head, "<h1>Budget approved</h1>")
    assert art.title == "Budget approved"


def test_outlet_named_at_the_end_of_the_title_beats_the_bare_domain(tmp_path):
    head = (
        "<title>Budget approved - Politics - Stadtbote</title>"
        "<meta property='og:url' content='https://www.stadtbote.de/politik/budget'>"
    )
    art = _read(tmp_path, head, "<h1>Budget approved</h1>")
    assert art.outlet == "Stadtbote"


def test_cxense_author_tag_names_the_writer(tmp_path):
    head = (
        "<title>Budget approved</title><meta name='author' content='Stadtbote'>"
        "<meta property='og:site_name' content='Stadtbote'>"
        "<meta name='cXenseParse:author' content='Lisa Muster'>"
    )
    art = _read(tmp_path, head, "<h1>Budget approved</h1>")
    assert art.author == "Lisa Muster"


def test_written_by_the_outlet_is_no_person_and_no_commenter_either(tmp_path):
    head = "<title>Budget approved</title><meta property='og:site_name' content='City Today'>"
    body = (
        "<h1>Budget approved</h1><div class='post-head'>Written by "
        "<a rel='author'>City Today</a> on November 7, 2023</div>"
    )
    art = _read(tmp_path, head, body)
    assert art.author is None


def test_month_names_that_are_first_names_stay():
    assert clean_authors(["April Roach, Daniel Moe"]) == "April Roach; Daniel Moe"
    assert clean_authors(["Jeff Foust Monday, November"]) == "Jeff Foust"
    # ... and what follows such a name still ends it.
    assert clean_authors(["June Smith, Published Tuesday"]) == "June Smith"
    assert clean_authors(["May Lee Updated Friday"]) == "May Lee"
    assert clean_authors(["May Monday"]) is None


def test_an_ambiguous_meta_date_follows_the_day_the_page_prints(tmp_path):
    head = "<title>Budget approved</title><meta name='date' content='11/01/2023 12:43:42'>"
    body = "<h1>Budget approved</h1>" + _BODY + "<p>Erstellt am: 01.11.2023</p>"
    art = _read(tmp_path, head, body)
    assert art.published is not None and art.published.isoformat() == "2023-11-01"
