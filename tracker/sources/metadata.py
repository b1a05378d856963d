"""What a page says about itself in its markup: JSON-LD, ``<meta>`` tags, microdata.

``harvest(html)`` reads, without judging, every statement the page makes about
its title, publication date, authors, publisher and address, each with the tag it
came from. Choosing among them (and refusing junk) is left to ``published``,
``outlets`` and ``authors``.

JSON-LD is read only for the page's own entities — the top level and ``@graph``,
and a WebPage's ``mainEntity`` — never for things they mention: a fact-check's
``itemReviewed`` (the claim and *its* date), an article's ``about`` or ``mentions``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

# JSON-LD types that are the page's story (the date and author that count).
ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "blogposting",
    "socialmediaposting",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "claimreview",
    "review",
    "creativework",
    "videoobject",
    "audioobject",
    "podcastepisode",
    "recipe",
    "event",
}
PAGE_TYPES = {"webpage", "itempage", "collectionpage", "aboutpage", "profilepage", "faqpage"}
_PUBLISHER_TYPES = {
    "organization",
    "newsmediaorganization",
    "corporation",
    "ngo",
    "governmentorganization",
    "educationalorganization",
    "localbusiness",
    "website",
    "brand",
}

# <meta> names and properties that state the publication date, best first.
DATE_TAGS = [
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "og:pubdate",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "pub_date",
    "publication_date",
    "date.issued",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "dc:date.created",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
    "vr:published_time",
    "vr:published-time",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "datecreated",
    "dc.date",
    "dcterms.date",
    "date",
    "pdate",
]
SITE_TAGS = [
    "og:site_name",
    "application-name",
    "al:android:app_name",
    "al:ios:app_name",
    "twitter:app:name:iphone",
    "publisher",
    "dc.publisher",
    "dcterms.publisher",
    "og:publisher",
    "article:publisher",
    "copyright",
    "twitter:site",
]
AUTHOR_TAGS = [
    "author",
    "article:author",
    "og:article:author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "cxenseparse:author",
    "citation_author",
    "twitter:creator",
]
TITLE_TAGS = ["og:title", "twitter:title", "dc.title", "headline"]
URL_TAGS = ["og:url", "twitter:url"]
LANG_TAGS = ["og:locale", "content-language", "language", "dc.language", "inlanguage"]


@dataclass
class PageMeta:
    """Everything the markup states, as (value, where) pairs in the page's order."""

    jsonld_dates: list[tuple[str, str]] = field(default_factory=list)  # (value, "Type.key")
    jsonld_authors: list[str] = field(default_factory=list)
    jsonld_publishers: list[str] = field(default_factory=list)
    jsonld_headline: str | None = None
    jsonld_url: str | None = None
    jsonld_language: str | None = None
    jsonld_types: list[str] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name -> contents
    time_dates: list[tuple[str, str]] = field(default_factory=list)  # (datetime, which element)
    title: str | None = None  # <title>
    canonical: str | None = None
    lang: str | None = None  # <html lang>
    paywalled: bool = False  # JSON-LD isAccessibleForFree: false

    def first(self, names: list[str]) -> tuple[str, str] | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip(), name
        return None


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower().rsplit("/", 1)[-1] for x in items if x}


def _names(value: Any) -> list[str]:
    """Names from a JSON-LD author or publisher: a string, an object, or a list of them."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            name = item.get("name") or item.get("legalName") or item.get("alternateName")
            if isinstance(name, list):
                name = name[0] if name else None
            if isinstance(name, str):
                out.append(name)
    return [n.strip() for n in out if n and n.strip()]


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    raw = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[|/\*\s*<!\[CDATA\[\s*\*/)", "", raw)
    raw = re.sub(r"(?:-->|//\s*\]\]>|/\*\s*\]\]>\s*\*/)\s*$", "", raw).strip()
    try:
        return json.loads(raw)
    except ValueError:
        pass
    try:  # stray control characters and trailing commas, as CMSes write them
        cleaned = re.sub(r"[\x00-\x1f]", " ", raw)
        cleaned = re.sub(r",\s*([}\]])", r"\1", cleaned)
        return json.loads(cleaned)
    except ValueError:
        return None


def _read_jsonld(data: Any, meta: PageMeta) -> None:
    entities: list[dict[str, Any]] = []
    for top in data if isinstance(data, list) else [data]:
        if not isinstance(top, dict):
            continue
        graph = top.get("@graph")
        if isinstance(graph, list):
            entities += [g for g in graph if isinstance(g, dict)]
        else:
            entities.append(top)
    # A WebPage's main entity is the page's story too.
    for ent in list(entities):
        if _types(ent) & PAGE_TYPES:
            main = ent.get("mainEntity")
            if isinstance(main, dict) and _types(main) & ARTICLE_TYPES:
                entities.append(main)
    # Stories first, then pages; other kinds (organisations, breadcrumbs) give no date.
    ranked = sorted(
        entities,
        key=lambda e: 0 if _types(e) & ARTICLE_TYPES else 1 if _types(e) & PAGE_TYPES else 2,
    )
    for ent in ranked:
        types = _types(ent)
        kind = next(iter(sorted(types)), "thing")
        if types & _PUBLISHER_TYPES and not types & (ARTICLE_TYPES | PAGE_TYPES):
            if "website" in types:
                meta.jsonld_publishers += _names(ent.get("name") and {"name": ent["name"]})
            continue
        if not types & (ARTICLE_TYPES | PAGE_TYPES):
            continue
        meta.jsonld_types.append(kind)
        for key in ("datePublished", "dateCreated", "uploadDate"):
            value = ent.get(key)
            if isinstance(value, str) and value.strip():
                meta.jsonld_dates.append((value.strip(), f"json-ld {kind}.{key}"))
        if types & ARTICLE_TYPES:
            meta.jsonld_authors += _names(ent.get("author")) + _names(ent.get("creator"))
            headline = ent.get("headline") or ent.get("name")
            if isinstance(headline, str) and not meta.jsonld_headline:
                meta.jsonld_headline = headline.strip()
        meta.jsonld_publishers += _names(ent.get("publisher")) + _names(
            ent.get("sourceOrganization")
        )
        part = ent.get("isPartOf")
        if isinstance(part, dict) and _types(part) & {"website", "periodical", "newspaper"}:
            meta.jsonld_publishers += _names(part)
        url = ent.get("url") or (ent.get("mainEntityOfPage") or {})
        if isinstance(url, dict):
            url = url.get("@id") or url.get("url")
        if isinstance(url, str) and url.startswith("http") and not meta.jsonld_url:
            meta.jsonld_url = url
        free = ent.get("isAccessibleForFree")
        if free is False or (isinstance(free, str) and free.strip().lower() == "false"):
            meta.paywalled = True
        lang = ent.get("inLanguage")
        if isinstance(lang, str) and not meta.jsonld_language:
            meta.jsonld_language = lang


def harvest_tree(tree) -> PageMeta:
    meta = PageMeta()
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _load_json(script.text or "")
        if data is not None:
            _read_jsonld(data, meta)
    for el in tree.iter("meta"):
        name = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if name and content is not None:
            meta.meta.setdefault(name.strip().lower(), []).append(" ".join(content.split()))
    for el in tree.iter("time"):
        when = el.get("datetime")
        if not when:
            continue
        marks = " ".join(
            filter(
                None,
                [
                    el.get("itemprop"),
                    el.get("class"),
                    el.get("pubdate") is not None and "pubdate" or None,
                ],
            )
        )
        parent = el.getparent()
        context = " ".join(
            filter(
                None,
                [
                    marks,
                    parent.get("class") if parent is not None else None,
                    parent.get("itemprop") if parent is not None else None,
                ],
            )
        )
        meta.time_dates.append((when.strip(), context.lower()))
    for el in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        value = el.get("content") or el.get("datetime") or (el.text_content() or "").strip()
        if value:
            meta.meta.setdefault("itemprop:datepublished", []).append(value.strip())
    title = tree.find(".//title")
    if title is not None and title.text_content():
        meta.title = " ".join(title.text_content().split())
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            meta.canonical = link.get("href").strip()
            break
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    meta.lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    return meta


def parse(html: str):
    """An lxml tree of the page (None if it cannot be parsed at all)."""
    import lxml.html
    from lxml import etree

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", html[:500]) + html[500:]
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def fold(text: str) -> str:
    """``text`` reduced to its letters and digits, casefolded: two headlines compare equal
    whatever their case, spacing and punctuation."""
    return "".join(c for c in text.casefold() if c.isalnum())


def headline(tree, title: str | None):
    """The page's headline element: the ``<h1>`` that matches its title (pages put their
    name, a menu or a browser warning in other ``<h1>``s), else the first with words."""
    heads = [h for h in tree.iter("h1") if len(" ".join(h.text_content().split())) >= 8]
    if not heads:
        return None
    key = fold(title or "")
    if key:
        for h in heads:
            k = fold(h.text_content())
            if k and (k in key or key in k):
                return h
        for h in heads:
            k = fold(h.text_content())
            if len(k) >= 12 and k[:12] in key:
                return h
    return heads[0]


_HIDDEN = {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form"}


def text_after(element, limit: int = 600) -> str:
    """The visible text that follows ``element`` in reading order (up to ``limit``
    characters): where bylines and dates stand under a headline."""
    out: list[str] = []
    size = 0
    started = False
    root = element.getroottree().getroot()
    skip_until = None
    for el in root.iter():
        if el is element:
            started = True
            if el.tail:
                out.append(el.tail)
            skip_until = el  # the headline's own text is not "after" it
            continue
        if not started or not isinstance(el.tag, str):
            continue
        if skip_until is not None and _is_inside(el, skip_until):
            continue
        if el.tag in _HIDDEN or _is_inside_hidden(el):
            continue
        for piece in (el.text, el.tail):
            if piece and piece.strip():
                out.append(piece)
                size += len(piece)
        if size >= limit:
            break
    return " ".join(" ".join(out).split())[:limit]


def _is_inside(el, ancestor) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _is_inside_hidden(el) -> bool:
    parent = el.getparent()
    for _ in range(8):
        if parent is None:
            return False
        if parent.tag in _HIDDEN:
            return True
        parent = parent.getparent()
    return False
