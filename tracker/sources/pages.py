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
from tracker.sources.authors import clean_authors
from tracker.sources.metadata import (
    AUTHOR_TAGS,
    LANG_TAGS,
    URL_TAGS,
    PageMeta,
    harvest_tree,
    parse,
)
from tracker.sources.outlets import (
    PUBLISHING_HOUSE,
    agency_name,
    clean_outlet,
    credited_agency,
    site_from_links,
    site_of,
)
from tracker.sources.passages import NotAnArticle, clean_text
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
    try:
        cleaned = clean_text(doc.text, paywalled=meta.paywalled)
    except NotAnArticle as exc:
        raise Skip(str(exc)) from None
    text = cleaned.text
    linked = site_from_links(tree) if tree is not None else None
    url = _page_url(meta, doc.url, linked) or clean(manifest.get("url"), LIMITS["url"])
    language = _language(meta)
    date = choose_date(meta, tree, url, text, language)
    published, year, date_source = date.date, date.year, date.source
    if published is None and year is None and manifest.get("published"):
        from tracker.dates import parse_stamp

        given = parse_stamp(str(manifest["published"]))
        if given is not None:
            published, year = given.date, given.year
            date_source = "manifest" if given.date else "manifest (year only)"
    title = clean(doc.title or manifest.get("title"), LIMITS["title"])
    outlet = clean(manifest.get("outlet"), LIMITS["outlet"])
    outlet_source = "manifest" if outlet else None
    site = None
    if outlet is None:
        site = site_of(url) or linked
        outlet, outlet_source = _outlet(meta, doc.sitename, site, title or meta.title)
    bylines = _bylines(meta, doc.author)
    author = (
        clean_authors(bylines, outlet=outlet, site=site)
        or (clean_authors([doc.author], outlet=outlet, site=site) if doc.author else None)
        or clean(manifest.get("author"), LIMITS["author"])
    )
    return Article(
        source=source,
        text=text,
        title=title,
        outlet=outlet,
        author=author,
        agency=credited_agency(text, bylines),
        url=url,
        published=published,
        published_year=year,
        date_source=date_source,
        outlet_source=outlet_source,
        site=site,
        language=language,
        notes=cleaned.notes,
    )


def _outlet(
    meta: PageMeta, sitename: str | None, site: str | None, title: str | None
) -> tuple[str | None, str | None]:
    """The publishing site's name from its own metadata, else its domain."""
    candidates = [(v, "og:site_name") for v in meta.meta.get("og:site_name", [])]
    candidates += [
        (v, "json-ld publisher") for v in meta.jsonld_publishers if not PUBLISHING_HOUSE.search(v)
    ]
    for tag in (
        "application-name",
        "publisher",
        "dc.publisher",
        "dcterms.publisher",
        "og:publisher",
    ):
        candidates += [(v, f"meta {tag}") for v in meta.meta.get(tag, [])]
    handles = {h.lstrip("@").lower() for h in meta.meta.get("twitter:site", [])}
    if sitename and sitename.lstrip("@").lower() not in handles and "_" not in sitename:
        candidates.append((sitename, "trafilatura"))
    for value, where in candidates:
        if agency_name(value):
            continue  # an agency's copy is the site's appearance; the agency is noted apart
        name = clean_outlet(value, site=site, title=title)
        if name:
            return clean(name, LIMITS["outlet"]), where
    if site:
        return site, "domain"
    return None, None


def _bylines(meta: PageMeta, found: str | None) -> list[str]:
    """Everyone the page credits, as stated: JSON-LD authors, then author meta tags; what
    trafilatura found in the text only when the markup names no one."""
    stated = list(meta.jsonld_authors)
    for tag in AUTHOR_TAGS:
        if tag == "twitter:creator":
            continue  # a handle, not a name
        stated += [v for v in meta.meta.get(tag, []) if not v.lower().startswith("http")]
    if not stated and found:
        stated.append(found)
    return stated


def _page_url(meta: PageMeta, fallback: str | None, linked: str | None) -> str | None:
    """The page's own address. A canonical link to another site (a syndicated copy
    pointing at the original) is not this page's address: the copy is another
    appearance, on the site its links belong to."""
    found = [
        v.strip()
        for v in ((meta.first(URL_TAGS) or (None,))[0], meta.canonical, meta.jsonld_url, fallback)
        if v and v.strip().lower().startswith(("http://", "https://"))
    ]
    if linked:
        found = [v for v in found if site_of(v) == linked] or (
            found if not any(site_of(v) for v in found) else []
        )
    return clean(found[0], LIMITS["url"]) if found else None


def _language(meta: PageMeta) -> str | None:
    stated = meta.lang or (meta.first(LANG_TAGS) or (None,))[0] or meta.jsonld_language
    if not stated:
        return None
    code = stated.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
