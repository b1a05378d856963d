"""Publication dates come from the page's own statements, with their source; never invented."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tracker.dates import parse_date, parse_stamp
from tracker.sources import Article, read_sources
from tracker.store.db import open_database
from tracker.store.models import Document

BODY = (
    "<p>The minister said: “We will open the new bridge over the river next spring, "
    "whatever the weather.”</p><p>The council agreed with the plan on Monday and asked "
    "for a report on the costs of the works before the summer break.</p>"
)


def page(tmp_path, head: str = "", before: str = "", after: str = "", name="p.html"):
    f = tmp_path / name
    f.write_text(
        f"<html xmlns:rdfs='http://www.w3.org/2000/01/rdf-schema#'><head><meta charset='utf-8'>"
        f"<title>Bridge</title>{head}</head><body><nav><a href='/archiv/2013.html'>2013</a> "
        f"<a href='/archiv/2012.html'>2012</a></nav><article><h1>New bridge</h1>{before}{BODY}"
        f"</article><footer>(c) 2011 Example Media. Copyright 2014.</footer>{after}</body></html>",
        encoding="utf-8",
    )
    (art,) = list(read_sources([f]))
    assert isinstance(art, Article), art
    return art


def test_namespace_urls_copyright_lines_and_archive_links_are_no_dates(tmp_path):
    art = page(tmp_path)
    assert (art.published, art.published_year, art.date_source) == (None, None, None)


def test_the_page_metadata_gives_the_date_and_says_where_from(tmp_path):
    art = page(
        tmp_path, "<meta property='article:published_time' content='2021-11-02T09:15:00+01:00'>"
    )
    assert art.published == dt.date(2021, 11, 2)
    assert art.date_source == "meta article:published_time"
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "datePublished": "2020-04-29T15:59:39+02:00",
        "dateModified": "2020-05-02T10:00:00+02:00",
    }
    art = page(tmp_path, f"<script type='application/ld+json'>{json.dumps(jsonld)}</script>")
    assert art.published == dt.date(2020, 4, 29)
    assert art.date_source == "json-ld newsarticle.datePublished"


def test_a_fact_check_has_its_own_date_not_the_claims(tmp_path):
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "datePublished": "2020-05-04",
        "claimReviewed": "The bridge will cost nothing.",
        "itemReviewed": {
            "@type": "Claim",
            "datePublished": "2020-04-20",
            "author": {"@type": "Person", "name": "A Politician"},
        },
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    art = page(
        tmp_path,
        f"<script type='application/ld+json'>{json.dumps(review)}</script>",
        before="<p class='claim-date'>Stated on April 20, 2020 in a speech</p>",
    )
    assert art.published == dt.date(2020, 5, 4)
    assert art.date_source == "json-ld claimreview.datePublished"


def test_a_year_alone_is_kept_as_a_year_never_january_first(tmp_path):
    jsonld = {"@type": "Article", "datePublished": "2011", "headline": "Bridge"}
    art = page(tmp_path, f"<script type='application/ld+json'>{json.dumps(jsonld)}</script>")
    assert art.published is None and art.published_year == 2011
    assert art.date_source == "json-ld article.datePublished (year only)"


def test_a_utc_stamp_gives_way_to_the_local_one_for_the_same_moment(tmp_path):
    jsonld = {"@type": "NewsArticle", "datePublished": "2019-10-18T22:04:00Z"}
    art = page(
        tmp_path,
        f"<script type='application/ld+json'>{json.dumps(jsonld)}</script>"
        "<meta name='date' content='Sat, 19 Oct 2019 00:04:00 +0200'>",
    )
    assert art.published == dt.date(2019, 10, 19) and art.date_source == "meta date"


def test_a_date_printed_beside_the_headline(tmp_path):
    art = page(
        tmp_path, before="<div class='article-meta'>Veröffentlicht am 19. Oktober 2019</div>"
    )
    assert art.published == dt.date(2019, 10, 19)
    assert art.date_source == "page text beside the headline"
    # "Updated" dates and dates in the comments are not the publication date.
    art = page(
        tmp_path,
        before="<div class='meta'>Aktualisiert am 3. März 2020</div>",
        after="<div class='comments'><span class='date'>4 March 2020</span></div>",
    )
    assert art.published is None


def test_a_whole_date_in_the_pages_own_address(tmp_path):
    art = page(tmp_path, "<link rel='canonical' href='https://example.org/2020/04/29/bridge/'>")
    assert art.published == dt.date(2020, 4, 29) and art.date_source == "url"
    art = page(tmp_path, "<link rel='canonical' href='https://example.org/2013/bridge.html'>")
    assert art.published is None and art.published_year is None


def test_records_and_text_files(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"text": "“We agree,” said Ivan Petrov.", "published": "2019"},
        {"text": "“We agree again,” said Ivan Petrov.", "published": "2021-12-20"},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (txt := tmp_path / "a.txt").write_text(
        "Copyright 2011 Example Media\n\n“We agree,” said Ivan Petrov.", encoding="utf-8"
    )
    year_only, whole = list(read_sources([feed]))
    assert (year_only.published, year_only.published_year) == (None, 2019)
    assert year_only.date_source == "record (year only)"
    assert (whole.published, whole.date_source) == (dt.date(2021, 12, 20), "record")
    (plain,) = list(read_sources([txt]))
    assert plain.published is None and plain.published_year is None


def test_ingest_stores_the_date_its_year_and_its_source(tracker, tmp_path):
    page(tmp_path, "<meta property='article:published_time' content='2021-11-02'>", name="a.html")
    jsonld = {"@type": "Article", "datePublished": "2011"}
    page(
        tmp_path, f"<script type='application/ld+json'>{json.dumps(jsonld)}</script>", name="b.html"
    )
    assert tracker("ingest", str(tmp_path)).exit_code == 0
    db = open_database(tracker.url)
    with db.Session() as s:
        docs = {d.source.rsplit("/", 1)[-1]: d for d in s.scalars(select(Document))}
    db.dispose()
    a, b = docs["a.html"], docs["b.html"]
    assert (a.published, a.published_year, a.date_source) == (
        dt.date(2021, 11, 2),
        2021,
        "meta article:published_time",
    )
    assert (b.published, b.published_year) == (None, 2011)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("19. Oktober 2019", dt.date(2019, 10, 19)),
        ("4 de mayo de 2022", dt.date(2022, 5, 4)),
        ("le 14 septembre 2020", dt.date(2020, 9, 14)),
        ("3 marzo 2021", dt.date(2021, 3, 3)),
        ("12 de março de 2020", dt.date(2020, 3, 12)),
        ("Mai 2019", None),
        ("2011", None),
        ("http://www.w3.org/2000/01/rdf-schema#", None),
    ],
)
def test_dates_in_other_languages(value, expected):
    assert parse_date(value) == expected


def test_stamps():
    assert parse_stamp("2011").year == 2011 and parse_stamp("2011").date is None
    assert parse_stamp("PT15M") is None
    assert parse_stamp("2019-10-18T22:04:00Z").utc
    assert parse_stamp("27.04.2020 18:50").date == dt.date(2020, 4, 27)


def test_a_labelled_date_under_the_headline_and_the_right_headline(tmp_path):
    f = tmp_path / "p.html"
    f.write_text(
        "<html><head><meta charset='utf-8'><title>New bridge</title></head><body>"
        "<h1>Your browser is out of date</h1><article><h1>New bridge</h1>"
        "<p>A teaser about the bridge and the river, long enough to be a teaser line of the "
        "page, and it goes on for a while longer than a dateline would.</p>"
        f"<ul><li>Rating 1,0</li><li>Datum: 03.11.2021</li></ul>{BODY}</article></body></html>",
        encoding="utf-8",
    )
    (art,) = list(read_sources([f]))
    assert art.published == dt.date(2021, 11, 3)


def test_a_utc_stamp_near_midnight_gives_way_to_the_printed_local_day(tmp_path):
    art = page(
        tmp_path,
        "<meta property='article:published_time' content='2018-12-31T23:11:59+00:00'>",
        before="<div class='entry-meta'>2019-01-01</div>",
    )
    assert art.published == dt.date(2019, 1, 1)
    # At noon UTC the day is the same everywhere the page could be from: the stamp stands.
    art = page(
        tmp_path,
        "<meta property='article:published_time' content='2023-11-06T13:10:22Z'>",
        before="<div class='entry-meta'>05.11.2023</div>",
    )
    assert art.published == dt.date(2023, 11, 6)
