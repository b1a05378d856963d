"""Saved web pages: the main text (trafilatura) and what the page says about itself.

Metadata is the page's own: title, publication date (``published``), outlet and
agency (``outlets``), authors (``authors``), address and language, each from the
page's markup where it states them; a ``manifest.json`` fills what the page leaves
out. Trafilatura's own date guess is not used: its wide search reads copyright
lines, links and namespace URLs as dates.
"""

from __future__ import annotations

from typing import Any

from tracker.sources.article import LIMITS, Article, Skip, clean
from tracker.sources.metadata import LANG_TAGS, URL_TAGS, PageMeta, harvest_tree, parse
from tracker.sources.outlets import site_of
from tracker.sources.published import choose_date


def read_page(source: str, html: str, manifest: dict[str, Any]) -> Article:
    import trafilatura  # heavy import, paid only when a page is read

    tree = parse(html)
    meta = harvest_tree(tree) if tree is not None else PageMeta()
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        # Markup only: the wide search turns "(c) 2011" and "2013.html" into dates.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise Skip("no article text found in the HTML page")
    text = doc.text
    url = _page_url(meta, doc.url) or clean(manifest.get("url"), LIMITS["url"])
    language = _language(meta)
    date = choose_date(meta, tree, url, text, language)
    published, year, date_source = date.date, date.year, date.source
    if published is None and year is None and manifest.get("published"):
        from tracker.dates import parse_stamp

        given = parse_stamp(str(manifest["published"]))
        if given is not None:
            published, year = given.date, given.year
            date_source = "manifest" if given.date else "manifest (year only)"
    outlet = clean(manifest.get("outlet"), LIMITS["outlet"])
    outlet_source = "manifest" if outlet else None
    site = None
    if outlet is None and doc.sitename:
        outlet, outlet_source = clean(doc.sitename, LIMITS["outlet"]), "page"
        site = site_of(url)
    return Article(
        source=source,
        text=text,
        title=clean(doc.title or manifest.get("title"), LIMITS["title"]),
        outlet=outlet,
        author=clean(doc.author or manifest.get("author"), LIMITS["author"]),
        url=url,
        published=published,
        published_year=year,
        date_source=date_source,
        outlet_source=outlet_source,
        site=site,
        language=language,
    )


def _page_url(meta: PageMeta, fallback: str | None) -> str | None:
    for value in (meta.first(URL_TAGS) or (None,))[0], meta.canonical, meta.jsonld_url, fallback:
        if value and value.strip().lower().startswith(("http://", "https://")):
            return clean(value, LIMITS["url"])
    return None


def _language(meta: PageMeta) -> str | None:
    stated = meta.lang or (meta.first(LANG_TAGS) or (None,))[0] or meta.jsonld_language
    if not stated:
        return None
    code = stated.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
