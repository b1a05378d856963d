"""What reading produces: ``Article`` (one document, with where each piece of metadata came
from) and ``SourceProblem`` (a source that gave nothing, and why); and a document's identity.

A document is known by where it was published, not by its text alone: its URL when the
page or record names one, else its outlet and file name. The same text from another
outlet (a wire story carried by three sites) is three documents; only the same place with
the same text again is a re-run, and skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tracker.sources.mojibake import repair


@dataclass(frozen=True)
class Article:
    """One document as read, before extraction."""

    source: str  # file path or URL: what a user recognises
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    # A complete calendar date only; a page that states only the year gives
    # ``published_year`` and leaves ``published`` empty (never January 1).
    published: dt.date | None = None
    published_year: int | None = None
    date_source: str | None = None  # where the date came from: "json-ld datePublished", …
    outlet_source: str | None = None  # where the outlet came from: "og:site_name", "domain", …
    # The registered domain the page was published on ("tagesspiegel.de"): one outlet per
    # site, whatever each page calls it. None when the outlet was given (manifest, record).
    site: str | None = None
    agency: str | None = None  # a news agency the page credits (dpa, AFP, Reuters, AP, …)
    language: str | None = None  # ISO 639-1 code as the page declares it, or detected
    encoding: str | None = None  # how the bytes were decoded, e.g. "windows-1252 (declared)"
    # Things worth saying about this document when asked (-v): a guessed encoding, a
    # consent banner cut out, repeated passages dropped.
    notes: tuple[str, ...] = ()
    content_hash: str = field(init=False)
    # The hash of the text as read, where mojibake was repaired: what an earlier version,
    # which stored the text unrepaired, knows the document by. (Set here, not by callers;
    # a field of init so that ``dataclasses.replace`` keeps it.)
    read_hash: str | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # (frozen)
        text = repair(self.text)
        if text != self.text:
            set_(self, "read_hash", hashlib.sha256(self.text.encode("utf-8")).hexdigest())
            set_(self, "text", text)
            set_(
                self,
                "notes",
                (*self.notes, "mis-decoded characters repaired (UTF-8 read as windows-1252)"),
            )
        for name in ("title", "author"):
            if (value := getattr(self, name)) is not None:
                set_(self, name, repair(value))
        set_(self, "content_hash", hashlib.sha256(self.text.encode("utf-8")).hexdigest())

    @property
    def locator(self) -> str:
        """Where the document was published: its URL, else its outlet and file name."""
        return locator(self.url, self.outlet, self.source)

    @property
    def identity(self) -> str:
        return identity(self.locator, self.content_hash)

    @property
    def identities(self) -> tuple[str, ...]:
        """Every identity it may be stored under: with its mojibake repaired, then as an
        earlier version stored it."""
        if self.read_hash is None:
            return (self.identity,)
        return (self.identity, identity(self.locator, self.read_hash))


@dataclass(frozen=True)
class SourceProblem:
    source: str
    reason: str


class Skip(Exception):
    """A file or record that cannot be read; the message is the reason."""


_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ocid|cmpid|wt_mc)$", re.I)


def canonical_url(url: str) -> str:
    """One spelling per page: scheme, ``www.``, case of the host, fragment, tracking
    parameters and a trailing slash do not make another page."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.netloc:
        return url
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    host = host.removesuffix(":80").removesuffix(":443")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("", host, path, query, ""))[2:]  # drop the leading "//"


def outlet_key(name: str | None) -> str:
    """Case, accents, spaces and punctuation folded: "PolitiFact" and "Politifact" agree."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def locator(url: str | None, outlet: str | None, source: str) -> str:
    if url:
        return "url:" + canonical_url(url)
    # A file has no address of its own: the same file name from the same outlet is the
    # same document, wherever the folder was when it was read.
    return f"file:{outlet_key(outlet)}|{PurePath(source).name}"


def identity(locator_: str, content_hash: str) -> str:
    return hashlib.sha256(f"{locator_}\n{content_hash}".encode()).hexdigest()


# Column sizes in the database; longer values from a feed or page are cut, not refused.
LIMITS = {"title": 1000, "outlet": 200, "author": 300, "url": 2000, "agency": 100}


def clean(value: Any, limit: int = 1000) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())[:limit]
    return value or None
