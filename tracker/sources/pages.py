"""Saved web pages: the main text (trafilatura) and what the page says about itself.

Metadata is the page's own: title, publication date (``published``), outlet and
agency (``outlets``), authors (``authors``), address and language, each from the
page's markup where it states them; a ``manifest.json`` fills what the page leaves
out. Trafilatura's own date guess is not used: its wide search reads copyright
lines, links and namespace URLs as dates.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.language import detect_language, language_code
from tracker.sources.article import LIMITS, Article, Skip, clean, outlet_key
from tracker.sources.authors import clean_authors
from tracker.sources.metadata import (
    AUTHOR_TAGS,
    LANG_TAGS,
    URL_TAGS,
    PageMeta,
    fold,
    harvest_tree,
    headline,
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
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        # Markup only: the wide search turns "(c) 2011" and "2013.html" into dates.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # A Document (as_dict is off); the dict branch of its return type never happens here.
    doc = None if isinstance(extracted, dict) else extracted
    if doc is None or not (doc.text or "").strip():
        raise Skip("no article text found in the HTML page")
    try:
        cleaned = clean_text(doc.text or "", paywalled=meta.paywalled)
    except NotAnArticle as exc:
        raise Skip(str(exc)) from None
    text = cleaned.text
    linked = site_from_links(tree) if tree is not None else None
    url = _page_url(meta, doc.url, linked) or clean(manifest.get("url"), LIMITS["url"])
    language = _language(meta, text)
    raw_title = doc.title or meta.jsonld_headline or meta.title
    date = choose_date(meta, tree, url, text, language, raw_title)
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
    if outlet is None:
        site = site_of(url) or linked
        outlet, outlet_source = _outlet(meta, doc.sitename, site, raw_title, meta.title)
    head = headline(tree, raw_title) if tree is not None else None
    title = clean(
        strip_site_from_title(raw_title, [outlet, site, *meta.meta.get("og:site_name", [])])
        or manifest.get("title"),
        LIMITS["title"],
    )
    title = headline_part(title, head)
    bylines = _bylines(meta)
    author = clean_authors(bylines, outlet=outlet, site=site)
    if author is None and (not bylines or all(_handle(b) for b in bylines)):
        # The markup names no one (or only a user name): a byline printed under the
        # headline, else what trafilatura read in the text.
        printed = printed_byline(head) if head is not None else None
        # A printed byline that names the outlet ("Written by Miami Today") is the
        # answer: trafilatura's guess then comes from comments or widgets.
        if candidate := printed or doc.author:
            author = clean_authors([candidate], outlet=outlet, site=site)
    author = author or clean(manifest.get("author"), LIMITS["author"])
    return Article(
        source=source,
        text=text,
        title=title,
        outlet=outlet,
        author=author,
        agency=credited_agency(text, bylines + ([doc.author] if doc.author else [])),
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
    meta: PageMeta,
    sitename: str | None,
    site: str | None,
    title: str | None,
    title_tag: str | None = None,
) -> tuple[str | None, str | None]:
    """The publishing site's name from its own metadata, else its domain; with no address
    at all, the name the page puts after its title ("… | Dalloz Actualité")."""
    candidates = [(v, "og:site_name") for v in meta.meta.get("og:site_name", [])]
    candidates += [(v, "json-ld publisher") for v in meta.jsonld_publishers]
    for tag in ("application-name", "publisher", "dc.publisher", "dcterms.publisher",
                "og:publisher"):  # fmt: skip
        candidates += [(v, f"meta {tag}") for v in meta.meta.get(tag, [])]
    handles = {h.lstrip("@").lower() for h in meta.meta.get("twitter:site", [])}
    if sitename and sitename.lstrip("@").lower() not in handles and "_" not in sitename:
        candidates.append((sitename, "trafilatura"))
    if not site and meta.title and " | " in meta.title:
        last = " ".join(meta.title.split()).rsplit(" | ", 1)[-1]
        if len(last.split()) <= 4:
            candidates.append((last, "title"))
    for value, where in candidates:
        if agency_name(value):
            continue  # an agency's copy is the site's appearance; the agency is noted apart
        if where != "og:site_name" and PUBLISHING_HOUSE.search(value):
            continue  # the publishing house, not the masthead
        name = clean_outlet(value, site=site, title=title)
        if name and site and "." in name and outlet_key(name) == outlet_key(site):
            continue  # the bare domain: a name in the title says more, the domain comes last
        if name:
            return clean(name, LIMITS["outlet"]), where
    if site and (title_tag or title):
        # No name in the metadata, but the title ends (or starts) with the site's name
        # ("… - Wirtschaft - Tagesspiegel" on tagesspiegel.de, "… — ZAMG" on zamg.ac.at).
        parts = _TITLE_PARTS.split(" ".join((title_tag or title or "").split()))
        for part in (parts[-1], parts[0]) if len(parts) > 1 else ():
            key = outlet_key(part)
            name = clean_outlet(part, site=site, title=None)
            if len(key) >= 3 and key in outlet_key(site) and name:
                return clean(name, LIMITS["outlet"]), "title"
    if site:
        return site, "domain"
    return None, None


def _bylines(meta: PageMeta) -> list[str]:
    """Everyone the page's markup credits, as stated: JSON-LD authors, author meta tags."""
    stated = list(meta.jsonld_authors)
    for tag in AUTHOR_TAGS:
        if tag == "twitter:creator":
            continue  # a handle, not a name
        stated += [v for v in meta.meta.get(tag, []) if not v.lower().startswith("http")]
    return stated


def _handle(value: str) -> bool:
    """A user name standing in for a byline ("christian.stadtfeld", "@jane")."""
    value = value.strip()
    return bool(re.fullmatch(r"[a-z0-9]+(?:[._-][a-z0-9]+)+", value)) or value.startswith("@")


_TITLE_PARTS = re.compile(r"\s+[|│–—·•:»-]\s+|\s*[|│]\s*|\s+::\s+")


def headline_part(title: str | None, head: Any) -> str | None:
    """The title cut to the page's headline when the headline is its leading part and the
    rest is section, site or date ("… | iPhone | Forum", "… | DW | 23.05.2011")."""
    if not title or head is None:
        return title
    key = fold(head.text_content())
    if not key:
        return title
    for sep in _TITLE_PARTS.finditer(title):
        if sep.start() > 0 and fold(title[: sep.start()]) == key:
            return title[: sep.start()].strip(" -|│–—:") or title
    return title


def strip_site_from_title(title: str | None, names: list[str | None]) -> str | None:
    """The title without the site's name that pages add before or after it
    ("Facebook wehrt sich gegen Maas-Gesetz | ZDNet.de")."""
    if not title:
        return title
    title = " ".join(title.split()).strip(" -|–—:")
    keys = {outlet_key(n) for n in names if n}
    keys |= {k.split(".")[0] for k in list(keys) if k}
    keys.discard("")
    parts = _TITLE_PARTS.split(title)
    if len(parts) < 2 or not keys:
        return title

    def is_site(part: str) -> bool:
        k = outlet_key(part)
        return bool(k) and any(k == s or k in s or (len(s) >= 4 and s in k) for s in keys)

    spans = list(_TITLE_PARTS.finditer(title))
    if is_site(parts[-1]):
        title = title[: spans[-1].start()]
    elif is_site(parts[0]):
        title = title[spans[0].end() :]
    return title.strip(" -|–—:") or None


_BYLINE_START = re.compile(
    r"^(?:von|by|written by|geschrieben von|escrito por|par|por|di|autor(?:in|a)?|auteur|"
    r"autore|author|text(?: und interview)?)\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"(?:[A-ZÄÖÜÉ][\w'’.-]+)(?:\s+(?:[A-ZÄÖÜÉ][\w'’.-]+|von|van|de|der|da|del)){0,3}"
)
_NOT_NAME = re.compile(
    r"\s+(?:Ein|Eine|Kein|Keine|Kommentare?|Comments?|Lesezeit|Min|Minuten|Foto|Fotos|Bild|"
    r"Aktualisiert|Updated|Teilen|Share|Mehr|More|Uhr)\b.*$"
)


def printed_byline(head) -> str | None:
    """A byline printed under the headline, as an element of its own that starts with
    "Von", "By", "Par", "Autor:" … ("Par Matthieu Hy le 07 Mai 2020", "Autor: Peter
    Maahn/SP-X"), the name in it or in the element right after it."""
    from tracker.sources.metadata import _HIDDEN, _is_inside, _is_inside_hidden

    root = head.getroottree().getroot()
    seen = 0
    started = False
    waiting = False
    for el in root.iter():
        if el is head:
            started = True
            continue
        if not started or not isinstance(el.tag, str) or _is_inside(el, head):
            continue
        if el.tag in _HIDDEN or _is_inside_hidden(el):
            continue
        seen += 1
        if seen > 60:
            return None
        text = " ".join(el.text_content().split())
        if not text or len(text) > 100:
            continue
        if waiting:
            rest = text
        elif m := _BYLINE_START.match(text):
            rest = m.group(1) or " ".join((el.tail or "").split())
            if not rest:
                waiting = True  # "Par" alone: the name is in the next element
                continue
        else:
            continue
        name = _NAME.match(rest)
        if not name:
            return None
        found = re.split(
            r"(?i)\s+(?:le|am|on|el|il|vom|publié|published|veröffentlicht|aktualisiert|"
            r"updated|mis|posted|gepostet)\b|/",
            name.group(0),
        )[0]
        found = _NOT_NAME.sub("", found).strip(" .,")
        return found or None
    return None


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


def _language(meta: PageMeta, text: str) -> str | None:
    """The language the text is written in: as the page states it, unless its words say
    plainly otherwise (a site template's lang="en" around a German article)."""
    stated = meta.lang or (meta.first(LANG_TAGS) or (None,))[0] or meta.jsonld_language
    detected = detect_language(text)
    return detected or language_code(stated)
