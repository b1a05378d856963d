"""Outlets come from the publisher's metadata or the domain; agencies and authors apart."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tracker.sources import Article, read_sources
from tracker.sources.authors import clean_authors
from tracker.sources.outlets import clean_outlet, credited_agency, site_of
from tracker.store.db import open_database
from tracker.store.models import Document, Outlet

BODY = (
    "<p>{lead}The minister said: “We will open the new bridge over the river next spring, "
    "whatever the weather.”</p><p>The council agreed with the plan on Monday and asked "
    "for a report on the costs of the works before the summer break.</p>{tail}"
)


def page(tmp_path, head: str, *, lead: str = "", tail: str = "", name: str = "p.html") -> Article:
    f = tmp_path / name
    f.write_text(
        f"<html><head><meta charset='utf-8'><title>New bridge for the river</title>{head}"
        f"</head><body><article><h1>New bridge for the river</h1>"
        f"{BODY.format(lead=lead, tail=tail)}</article></body></html>",
        encoding="utf-8",
    )
    (art,) = list(read_sources([f]))
    assert isinstance(art, Article), art
    return art


@pytest.mark.parametrize(
    "value,expected",
    [
        ("02.11.2021", None),
        ("https://www.facebook.com/tagesspiegel", None),
        ("@SputnikInt", None),
        ("Hosted", None),
        ("Copyright 2014", None),
        ("© 2020 Example Media", "Example Media"),
        ("New bridge for the river over the valley", None),  # the title standing in
        ("Osthessen|News", "Osthessen News"),
        ("☆☆☆☆☆ - Stadtwacht e.V. - Aktuelle Meldungen", "Stadtwacht"),
        ("Bundesverband WindEnergie e.V.", "Bundesverband WindEnergie"),
        ("fashionweb Kuster GmbH, 5430 Wettingen", None),
        ("web.archive.org", None),
        ("PolitiFact", "PolitiFact"),
    ],
)
def test_outlet_names_are_names(value, expected):
    site = "osthessen-news.de" if "Osthessen" in value else "journalistenwatch.com"
    assert clean_outlet(value, site=site, title="New bridge for the river over the valley") == (
        expected
    )


def test_junk_site_names_fall_back_to_the_domain(tmp_path):
    art = page(
        tmp_path,
        "<meta property='og:site_name' content='02.11.2021'>"
        "<meta property='article:publisher' content='https://www.facebook.com/tagesspiegel'>"
        "<meta name='twitter:site' content='@SputnikInt'>"
        "<meta property='og:url' content='https://www.tagesspiegel.de/berlin/bridge.html'>",
    )
    assert (art.outlet, art.outlet_source, art.site) == (
        "tagesspiegel.de",
        "domain",
        "tagesspiegel.de",
    )


def test_publisher_metadata_names_the_outlet(tmp_path):
    jsonld = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "PolitiFact"}}
    art = page(
        tmp_path,
        f"<script type='application/ld+json'>{json.dumps(jsonld)}</script>"
        "<link rel='canonical' href='https://www.politifact.com/factchecks/2020/may/04/x/'>",
    )
    assert (art.outlet, art.outlet_source) == ("PolitiFact", "json-ld publisher")
    art = page(tmp_path, "<meta property='og:site_name' content='Der Tagesspiegel'>")
    assert (art.outlet, art.outlet_source) == ("Der Tagesspiegel", "og:site_name")


def test_a_syndicated_copy_is_the_sites_with_the_agency_apart(tmp_path):
    art = page(
        tmp_path,
        "<meta property='og:site_name' content='Kieler Nachrichten'>"
        "<meta name='author' content='dpa'>"
        "<meta property='og:url' content='https://www.kn-online.de/politik/bridge'>",
        lead="BERLIN (dpa) - ",
    )
    assert (art.outlet, art.agency, art.author) == ("Kieler Nachrichten", "dpa", None)
    art = page(
        tmp_path,
        "<meta property='og:site_name' content='Stuttgarter Zeitung'>",
        tail="<p>Quelle: AFP</p>",
    )
    assert (art.outlet, art.agency) == ("Stuttgarter Zeitung", "AFP")


def test_agencies_credited_in_the_text():
    assert credited_agency("PARIS (AFP/Reuters) – Text.", []) == "AFP/Reuters"
    assert credited_agency("Text of the story.\ndpa/fw", []) == "dpa"
    assert credited_agency("Text", ["Red; Wien Orf At; Agenturen"]) == "agencies"
    assert credited_agency("A story about the AP exam (c) 2011.", []) is None


@pytest.mark.parametrize(
    "bylines,expected",
    [
        (["Condé Nast; Molly Wood"], "Molly Wood"),
        (["Jeff Foust Monday; November"], "Jeff Foust"),
        (["Phil Helsel is a reporter for NBC News"], "Phil Helsel"),
        (["By Jane Roe and John Doe"], "Jane Roe; John Doe"),
        (["Von Marie Rövekamp"], "Marie Rövekamp"),
        (["Staff Writer"], None),
        (["Super User"], None),
        (["Foto: Max Muster"], None),
        (["Olympia-Verlag GmbH; Nürnberg; Germany"], None),
        (["Art Edwards says"], "Art Edwards"),
        (["Theme Pirate Rogue von xwolf"], None),
        (["https://www.facebook.com/jane.roe"], None),
        (["Redaktion Polizeiticker Schweiz"], None),
        (["Daily Planet"], None),  # the outlet's own name
        (["Tagesschau De"], None),  # the outlet's domain, spelt as a name
        (["dpa"], None),  # an agency: kept as the agency
        (["Harm, Robert"], "Robert Harm"),
    ],
)
def test_author_junk_is_refused(bylines, expected):
    outlet = "tagesschau.de" if "Tagesschau" in bylines[0] else "Daily Planet"
    site = "tagesschau.de" if "Tagesschau" in bylines[0] else "dailyplanet.com"
    assert clean_authors(bylines, outlet=outlet, site=site) == expected


def test_sites():
    assert site_of("https://edition.cnn.com/2021/03/08/x") == "cnn.com"
    assert site_of("https://x.wordpress.com/a") == "x.wordpress.com"
    assert site_of("https://web.archive.org/web/2013/http://muffinrezept.net/a") == (
        "muffinrezept.net"
    )


def test_one_site_is_one_outlet_and_one_name_on_two_sites_is_two(tracker, tmp_path):
    pages = [
        ("a.html", "Der Tagesspiegel", "https://www.tagesspiegel.de/a"),
        ("b.html", "Tagesspiegel", "https://www.tagesspiegel.de/b"),
        ("c.html", "Express", "https://www.express.de/c"),
        ("d.html", "Express", "https://www.express.co.uk/d"),
    ]
    for n, (name, site, url) in enumerate(pages):
        page(
            tmp_path,
            f"<meta property='og:site_name' content='{site}'>"
            f"<meta property='og:url' content='{url}'>",
            lead=f"Report {n}. ",
            name=name,
        )
    assert tracker("ingest", str(tmp_path)).exit_code == 0
    db = open_database(tracker.url)
    with db.Session() as s:
        names = sorted(s.scalars(select(Outlet.name)))
        by_file = {d.source.rsplit("/", 1)[-1]: d.outlet.name for d in s.scalars(select(Document))}
    db.dispose()
    assert names == ["Der Tagesspiegel", "Express", "Express (express.co.uk)"]
    assert by_file["b.html"] == "Der Tagesspiegel"


def test_the_agency_is_stored(tracker, tmp_path):
    page(
        tmp_path,
        "<meta property='og:site_name' content='Kieler Nachrichten'>",
        lead="KIEL (dpa) - ",
    )
    assert tracker("ingest", str(tmp_path)).exit_code == 0
    db = open_database(tracker.url)
    with db.Session() as s:
        (doc,) = s.scalars(select(Document)).all()
        assert (doc.agency, doc.outlet.name) == ("dpa", "Kieler Nachrichten")
    db.dispose()


def test_a_byline_printed_under_the_headline(tmp_path):
    f = tmp_path / "p.html"
    f.write_text(
        "<html><head><meta charset='utf-8'><title>Libre cours | Dalloz Actualité</title></head>"
        "<body><h1>Ignorez ce navigateur</h1><article><h1>Libre cours</h1>"
        "<div class='meta'><span>Par</span> <a>Matthieu Hy</a> le 07 Mai 2020</div>"
        + BODY.format(lead="", tail="")
        + "</article></body></html>",
        encoding="utf-8",
    )
    (art,) = list(read_sources([f]))
    assert (art.author, str(art.published), art.title) == (
        "Matthieu Hy",
        "2020-05-07",
        "Libre cours",
    )
    # No address anywhere: the name after the title's bar is the outlet.
    assert art.outlet == "Dalloz Actualité"


def test_a_teasers_byline_is_not_the_authors(tmp_path):
    jsonld = {"@type": "NewsArticle", "author": {"name": "STERN.de"}}
    art = page(
        tmp_path,
        f"<script type='application/ld+json'>{json.dumps(jsonld)}</script>"
        "<meta property='og:site_name' content='stern.de'>",
        tail="<div class='teaser'><h2>Another story</h2><p>Von Andreas Hoffmann</p></div>",
    )
    assert art.outlet == "stern.de" and art.author is None


def test_the_sites_name_is_cut_from_the_title(tmp_path):
    f = tmp_path / "p.html"
    f.write_text(
        "<html><head><meta charset='utf-8'><title>New bridge for the river | ZDNet.de</title>"
        "<meta property='og:site_name' content='ZDNet.de'></head><body><article>"
        + BODY.format(lead="", tail="")
        + "</article></body></html>",
        encoding="utf-8",
    )
    (art,) = list(read_sources([f]))
    assert art.title == "New bridge for the river"


def test_a_page_without_an_address_is_known_by_its_feed_links(tmp_path):
    art = page(
        tmp_path,
        "<link rel='stylesheet' href='https://cdn.example-cdn.net/site.css'>"
        "<link rel='alternate' type='application/rss+xml' href='https://www.kurier-ost.de/feed'>",
    )
    assert (art.outlet, art.site, art.outlet_source) == ("kurier-ost.de", "kurier-ost.de", "domain")
