"""Which outlet published a page, and which agency (if any) it credits.

The outlet is the site that published the page: its publisher metadata
(``og:site_name``, JSON-LD ``publisher``, ``application-name``) when that is a
plausible name, else a name made from the site's domain. Never a date, a
title, a social-media URL, a copyright line or a word like "Hosted".
A wire agency credited by the page (dpa, AFP, Reuters, AP, …) is kept apart:
a syndicated story is the publishing site's appearance, with the agency noted.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# Hosts where each subdomain is a site of its own (blogs, pages); the registered
# domain would fold thousands of unrelated sites into one outlet.
_PLATFORMS = {
    "wordpress.com",
    "blogspot.com",
    "tumblr.com",
    "medium.com",
    "substack.com",
    "wixsite.com",
    "typepad.com",
    "livejournal.com",
    "over-blog.com",
    "jimdofree.com",
    "jimdo.com",
    "webnode.com",
    "hatenablog.com",
    "weebly.com",
    "blog.de",
    "github.io",
    "netlify.app",
}
_ARCHIVE = re.compile(r"^https?://(?:web\.)?archive\.org/web/[^/]+/(.+)$", re.I)


def unwrap_archive(url: str) -> str:
    """The original address of a page saved by the Internet Archive."""
    m = _ARCHIVE.match(url.strip())
    if not m:
        return url
    inner = unquote(m.group(1))
    if not re.match(r"^https?://", inner, re.I):
        inner = "http://" + inner.lstrip("/")
    return inner


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(unwrap_archive(url)).hostname
    except ValueError:
        return None
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    return host.lower().rstrip(".")


def site_of(url: str | None) -> str | None:
    """The registered domain a URL belongs to ("edition.cnn.com" → "cnn.com"); for blog
    platforms the blog's own host ("x.wordpress.com")."""
    host = host_of(url)
    if host is None:
        return None
    from tld import get_fld  # shipped with trafilatura (through courlan)

    try:
        fld = get_fld(host, fix_protocol=True, fail_silently=True)
    except Exception:  # noqa: BLE001 - a malformed host is no site
        fld = None
    if not fld:
        parts = host.split(".")
        fld = ".".join(parts[-2:])
    if fld in _PLATFORMS and host != fld:
        sub = host[: -len(fld) - 1].split(".")[-1]
        return f"{sub}.{fld}"
    return fld


# --- the outlet's name -------------------------------------------------------------------

_SEPARATORS = re.compile(r"\s+[|–—•·»«:/-]\s+|\s*\|\s*|\s+::\s+|:\s+")
_JUNK_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_URLISH = re.compile(
    r"https?:|www\.|\.(?:com|net|org|de|at|ch|fr|es|it|uk)/|facebook|twitter|instagram|^@", re.I
)
_COPYRIGHT = re.compile(
    r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|\balle rechte vorbehalten\b|"
    r"\btous droits réservés\b|\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)\d{2})?",
    re.I,
)
_DATEISH = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}")
_POSTAL = re.compile(r",\s*(?:[A-Z]-)?\d{4,5}\s+\w|\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]+\b")
_GENERIC = {
    "hosted", "home", "homepage", "startseite", "start", "index", "news", "blog", "default",
    "wordpress", "untitled", "site", "website", "web", "page", "seite", "name", "impressum",
    "kontakt", "contact", "menu", "menü", "search", "suche", "login", "anmelden", "article",
    "artikel", "beitrag", "post", "null", "none", "undefined", "title", "unknown",
}  # fmt: skip
_LEGAL = re.compile(
    r"(?:,?\s+(?:GmbH\s*&\s*Co\.?\s*KG|g?GmbH|mbH|AG|KG|e\.\s?V\.?|Inc\.?|Ltd\.?|LLC|S\.A\.|SA|"
    r"S\.L\.|SpA|S\.p\.A\.|plc|Corp\.?))+\s*$"
)


def _key(text: str) -> str:
    from tracker.sources.article import outlet_key

    return outlet_key(text)


def clean_outlet(value: str | None, *, site: str | None, title: str | None) -> str | None:
    """A plausible outlet name from a page's publisher statement, or None if it is junk:
    a date, a URL or social-media handle, a copyright line, a title, a generic word."""
    if not value:
        return None
    value = " ".join(value.split())
    if not value or _URLISH.search(value) or _DATEISH.search(value) or _POSTAL.search(value):
        return None
    if _COPYRIGHT.search(value):
        value = _COPYRIGHT.sub(" ", value)
        value = " ".join(value.split())
    value = _LEGAL.sub("", value).strip(" ,")
    value = _JUNK_EDGES.sub("", value)
    if not value or _key(value) in _ARCHIVES:
        return None
    host_key = _key(site or "")
    title_key = _key(title or "")
    parts = [p for p in (_JUNK_EDGES.sub("", x) for x in _SEPARATORS.split(value)) if p]
    if len(parts) > 1:
        whole = _key(value)
        if host_key and whole and whole in host_key:
            value = " ".join(parts)  # "Osthessen|News" on osthessen-news.de
        else:
            kept = [p for p in parts if not _like_title(p, title_key)]
            on_site = [p for p in kept if _on_site(p, host_key)]
            if on_site:
                value = max(on_site, key=len)
            elif kept and len(kept[0].split()) <= 5:
                value = kept[0]
            else:
                return None
    value = _LEGAL.sub("", value).strip(" ,")
    words = value.split()
    if not words or len(words) > 8 or len(value) > 80:
        return None
    if _key(value) in _GENERIC or not any(c.isalpha() for c in value):
        return None
    if _like_title(value, title_key):
        return None
    return value


_ARCHIVES = {"webarchiveorg", "archiveorg", "waybackmachine", "internetarchive", "archiveis",
             "archiveph", "archivetoday"}  # fmt: skip
# Publishing houses named as JSON-LD publisher: the masthead or the domain says more.
PUBLISHING_HOUSE = re.compile(
    r"\b(?:Verlag\w*|Vertriebs\w*|Medienhaus|Mediengruppe|Media Group|Holding|Publishing|"
    r"Publications|Druck\w*|Zeitungsverlag)\b",
    re.I,
)
_THIRD_PARTY = re.compile(
    r"^(?:facebook|twitter|x|instagram|youtube|youtu|google|googleapis|gstatic|linkedin|"
    r"pinterest|whatsapp|xing|t|bit|wikipedia|wikimedia|apple|amazon|tiktok|reddit|"
    r"flickr|vimeo|spotify|paypal|doubleclick|addthis|disqus|gravatar|wordpress|w3|"
    r"schema|creativecommons|mozilla|adobe|microsoft|cloudflare|jquery|bootstrapcdn|"
    r"openstreetmap|telegram|soundcloud|feedburner|tumblr|gmpg|ogp|purl)\.\w+$"
)


_OWN_RELS = {"alternate", "shortlink", "amphtml", "home", "index", "start", "search",
             "edituri", "pingback", "wlwmanifest", "up", "first", "next", "prev"}  # fmt: skip


def site_from_links(tree) -> str | None:
    """The site a saved page belongs to, from where most of its links point (a page
    that states no address of its own; an archive's copy points to the original)."""
    from collections import Counter

    own: Counter[str] = Counter()  # <base> and the page's own <link>s (feeds, shortlink)
    counts: Counter[str] = Counter()
    weights = {"base": 50, "link": 10, "form": 1, "a": 1}
    for el in tree.iter("a", "base", "link", "form"):
        if el.tag == "link" and (el.get("rel") or "").lower().strip() not in _OWN_RELS:
            continue  # stylesheets, icons and fonts come from CDNs; canonical is checked apart
        href = el.get("href") or el.get("action") or ""
        if not href.lower().startswith(("http://", "https://", "//")):
            continue
        site = site_of(href if not href.startswith("//") else "https:" + href)
        if site and not _THIRD_PARTY.search(site) and _key(site) not in _ARCHIVES:
            counts[site] += weights[el.tag]
            if el.tag in {"base", "link"}:
                own[site] += 1
    if own:
        return own.most_common(1)[0][0]
    if not counts:
        return None
    site, n = counts.most_common(1)[0]
    total = sum(counts.values())
    return site if n >= 5 and n >= 0.5 * total else None


def _on_site(part: str, host_key: str) -> bool:
    k = _key(part)
    return bool(k) and bool(host_key) and (k in host_key or host_key.split(".")[0] in k)


def _like_title(part: str, title_key: str) -> bool:
    """The page's title (or most of it) standing in for a site name."""
    k = _key(part)
    if not k or not title_key:
        return False
    return k == title_key or (len(k) >= 25 and (k in title_key or title_key in k))


# --- agencies ----------------------------------------------------------------------------

AGENCIES = {
    "dpa": "dpa", "afp": "AFP", "reuters": "Reuters", "ap": "AP", "apa": "APA", "kna": "KNA",
    "epd": "epd", "dts": "dts", "sda": "SDA", "keystone-sda": "Keystone-SDA", "ats": "ATS",
    "ansa": "ANSA", "efe": "EFE", "agi": "AGI", "ddp": "ddp", "afx": "AFX", "dpa-afx": "dpa-AFX",
    "xinhua": "Xinhua", "tass": "TASS", "ria novosti": "RIA Novosti", "upi": "UPI",
    "belga": "Belga", "anp": "ANP", "pa": "PA", "lusa": "Lusa", "kyodo": "Kyodo",
    "yonhap": "Yonhap", "europa press": "Europa Press", "idea": "idea", "age": "AgE",
    "associated press": "AP", "agence france-presse": "AFP", "deutsche presse-agentur": "dpa",
    "press association": "PA", "bloomberg": "Bloomberg", "agenturen": "agencies",
    "agencies": "agencies", "agences": "agencies", "agencias": "agencies",
}  # fmt: skip
_AGENCY_NAMES = "|".join(
    re.escape(k) for k in sorted(AGENCIES, key=len, reverse=True) if k not in {"pa", "age"}
)
# "BERLIN (dpa) -", "(AFP/Reuters)", "dpa/fw" or "Quelle: dpa" as a line of its own.
_CREDIT = re.compile(
    rf"\(\s*((?:{_AGENCY_NAMES})(?:\s*[/,]\s*(?:{_AGENCY_NAMES}|[a-z]{{1,4}}))*)\s*\)"
    rf"|^\s*(?:quelle|source|fuente|mit material von|material from)\s*:?\s*((?:{_AGENCY_NAMES})\b)"
    rf"|^\s*((?:{_AGENCY_NAMES}))(?:\s*/\s*[a-z]{{1,4}})*\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def agency_name(value: str) -> str | None:
    """The agency a byline or credit names ("dpa", "AFP"), or None."""
    return AGENCIES.get(" ".join(value.lower().split()))


def credited_agency(text: str, bylines: list[str]) -> str | None:
    """The wire agency a story credits: a byline that is an agency, or a credit at the
    start ("BERLIN (dpa) –") or at the end ("dpa/fw", "Quelle: AFP") of its text."""
    found: list[str] = []
    for name in bylines:
        for part in re.split(r"[;,/&]|\bund\b|\band\b", name):
            if a := agency_name(part):
                found.append(a)
    ends = text[:400] + "\n" + text[-300:]
    for m in _CREDIT.finditer(ends):
        raw = next(g for g in m.groups() if g)
        for part in re.split(r"\s*[/,]\s*", raw):
            if a := agency_name(part):
                found.append(a)
    unique = list(dict.fromkeys(found))
    named = [a for a in unique if a != "agencies"]
    if named:
        return "/".join(named)[:100]
    return "agencies" if unique else None
