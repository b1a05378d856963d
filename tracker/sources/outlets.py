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
