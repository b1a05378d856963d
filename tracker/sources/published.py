"""A page's publication date, from the page's own statements, with where it came from.

Sources, most trusted first:

1. JSON-LD ``datePublished`` of the page's story (Article, NewsArticle, BlogPosting,
   ClaimReview, …; never the ``itemReviewed`` a fact-check is about);
2. ``<meta>`` tags: ``article:published_time``, ``itemprop=datePublished``, Dublin Core,
   Parse.ly, …;
3. JSON-LD ``datePublished`` of the WebPage;
4. ``<time>`` elements marked as the publication time;
5. a whole date in the page's own URL (``/2020/04/29/``);
6. a date printed beside the headline (a byline or date element), or as the dateline
   at the start of the text;
7. an embedded video's upload date, when the page has nothing else.

A stamp in UTC is replaced by another source's local stamp for the same moment
(``2019-10-18T22:04Z`` is the 19th in Vienna). A source that states only a year
gives the year alone (``published_year``), never January 1; and nothing else is
ever read: not copyright lines, not links, not URLs of XML namespaces. No date
stays empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.dates import _DATE_IN_TEXT, Stamp, find_date, parse_date, parse_stamp
from tracker.sources.metadata import DATE_TAGS, PageMeta, headline


@dataclass(frozen=True)
class DateChoice:
    date: dt.date | None
    year: int | None
    source: str | None


NONE = DateChoice(None, None, None)

_PUBLISHED_MARK = re.compile(
    r"publish|pubdate|posted|entry-date|post-date|created|datum|date", re.I
)
_NOT_PUBLISHED = re.compile(
    r"modif|updat|aktualis|geändert|geaendert|comment|reply|kommentar|related|sidebar|widget|"
    r"footer|archiv|calendar|kalender|event|termin|recent|popular|next|prev|copyright|"
    r"expir|valid|teaser-list|card",
    re.I,
)
_DATE_CLASS = re.compile(
    r"date|datum|time|zeit|publish|posted|byline|dateline|meta|fecha|data|info|autor|author|"
    r"entry|article-header|header",
    re.I,
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|_|\.|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|-|_|\.)")


def _dayfirst(language: str | None) -> bool:
    return not (language or "").lower().startswith(("en-us", "en_us"))


def choose_date(
    meta: PageMeta,
    tree,
    url: str | None,
    text: str,
    language: str | None = None,
    title: str | None = None,
) -> DateChoice:
    dayfirst = _dayfirst(language)
    found: list[tuple[Stamp, str]] = []  # every stamp a trusted source gives, in order

    def stamp(value: str) -> Stamp | None:
        return parse_stamp(value, dayfirst=dayfirst)

    stories = [(v, w) for v, w in meta.jsonld_dates if not _is_page_or_media(w)]
    pages = [(v, w) for v, w in meta.jsonld_dates if _is_page(w)]
    media = [(v, w) for v, w in meta.jsonld_dates if _is_media(w)]
    for value, where in stories:
        if (s := stamp(value)) is not None:
            found.append((s, where))
    for name in [*DATE_TAGS, "itemprop:datepublished"]:
        for value in meta.meta.get(name, ()):
            if (s := stamp(value)) is not None:
                found.append((_printed_reading(value, s, text), f"meta {name}"))
    for value, where in pages:
        if (s := stamp(value)) is not None:
            found.append((s, where))
    for value, marks in meta.time_dates:
        marked = _PUBLISHED_MARK.search(marks) and not _NOT_PUBLISHED.search(marks)
        if marked and (s := stamp(value)) is not None:
            found.append((s, "<time> element"))
    head = headline(tree, title) if tree is not None else None
    printed = _printed_date(tree, head, dayfirst) if tree is not None else None
    choice = _best(found)
    if choice is not None and choice.date is not None:
        utc = next((s for s, w in found if s.date == choice.date and w == choice.source), None)
        near = printed is not None and abs((printed - choice.date).days) == 1
        late = utc is not None and utc.hour is not None and (utc.hour >= 20 or utc.hour < 5)
        if printed is not None and utc is not None and utc.utc and utc.zoned and near and late:
            # A UTC stamp near midnight: the day printed on the page is the local one.
            return DateChoice(printed, printed.year, "page text beside the headline")
        return choice
    year_only = choice  # a year alone, unless a lower source gives the whole date that year

    lower: list[DateChoice] = []
    if url and (d := _url_date(url)):
        lower.append(DateChoice(d, d.year, "url"))
    if printed is not None:
        lower.append(DateChoice(printed, printed.year, "page text beside the headline"))
    if (d := find_date(text, head=300)) is not None:
        lower.append(DateChoice(d, d.year, "dateline"))
    for value, where in media:
        if (s := stamp(value)) is not None and s.date is not None:
            lower.append(DateChoice(s.date, s.year, where))
    for c in lower:
        if year_only is None or c.year == year_only.year:
            return c
    return year_only or NONE


def _printed_reading(value: str, s: Stamp, text: str) -> Stamp:
    """An ambiguous "11/01/2023" read the other way round when the page prints that day
    unambiguously ("Erstellt am: 01.11.2023") and not the first reading."""
    m = re.match(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\b", value)
    if not m or s.date is None or int(m.group(1)) > 12 or int(m.group(2)) > 12:
        return s
    try:
        other = dt.date(s.date.year, s.date.day, s.date.month)
    except ValueError:
        return s

    def printed(d: dt.date) -> bool:
        return bool(re.search(rf"\b0?{d.day}\.\s?0?{d.month}\.\s?{d.year}\b", text))

    if other != s.date and printed(other) and not printed(s.date):
        return Stamp(other, other.year, s.utc, s.zoned, s.hour)
    return s


def _is_page(where: str) -> bool:
    return any(
        f" {t}." in where
        for t in ("webpage", "itempage", "collectionpage", "aboutpage", "profilepage", "faqpage")
    )


def _is_media(where: str) -> bool:
    return any(f" {t}." in where for t in ("videoobject", "audioobject"))


def _is_page_or_media(where: str) -> bool:
    return _is_page(where) or _is_media(where)


def _best(found: list[tuple[Stamp, str]]) -> DateChoice | None:
    whole = [(s, s.date, w) for s, w in found if s.date is not None]
    if whole:
        first, first_day, where = whole[0]
        if first.utc and first.zoned:
            # The same moment, stated in the publisher's own time zone, gives its local day.
            for other, other_day, other_where in whole[1:]:
                if other.zoned and not other.utc and abs((other_day - first_day).days) <= 1:
                    return DateChoice(other_day, other_day.year, other_where)
        return DateChoice(first_day, first_day.year, where)
    years = [(s, w) for s, w in found if s.year is not None]
    if years:
        s, where = years[0]
        return DateChoice(None, s.year, f"{where} (year only)")
    return None


def _url_date(url: str) -> dt.date | None:
    from tracker.sources.outlets import unwrap_archive

    path = unwrap_archive(url)
    path = path.split("?", 1)[0]
    for pattern in (_URL_DATE, _URL_COMPACT):
        if m := pattern.search(path):
            try:
                d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if dt.date(1990, 1, 1) <= d <= dt.date.today() + dt.timedelta(days=2):
                return d
    return None


_SKIP_TAGS = {"script", "style", "noscript", "option", "select", "template", "svg"}


_LABEL = re.compile(
    r"(?:datum|date|veröffentlicht|published|publié|publicado|pubblicato|posted|stand|erschienen|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|\bam|\ble|\bon|\bvom|[/|•·])"
    r"[\s:,.]*$",
    re.IGNORECASE,
)


def _printed_date(tree, head, dayfirst: bool) -> dt.date | None:
    """The date printed with the headline: in a date or byline element near it, or in the
    lines under it when a label, a weekday or a separator introduces it ("Datum:
    03.11.2021", "jeudi 13 juin 2019", "Gunter Frank / 22.04.2020"), or it comes first."""
    found = _beside_headline(tree, dayfirst, head)
    if found is not None or head is None:
        return found
    from tracker.dates import _NOT_A_DATELINE
    from tracker.sources.metadata import text_after

    after = text_after(head, 600)
    for m in _DATE_IN_TEXT.finditer(after):
        before = after[max(0, m.start() - 40) : m.start()]
        if _NOT_A_DATELINE.search(before):
            continue
        if m.start() > 150 and not _LABEL.search(before):
            continue
        day = parse_date(m.group(0), dayfirst=dayfirst or "." in m.group(0))
        if day is not None and day <= dt.date.today() + dt.timedelta(days=2):
            return day
    return None


def _beside_headline(tree, dayfirst: bool, head=None) -> dt.date | None:
    """A whole date in a date or byline element nearest the page's headline."""
    elements = [el for el in tree.iter() if isinstance(el.tag, str)]
    position = {id(el): i for i, el in enumerate(elements)}
    anchor = position.get(id(head)) if head is not None else None
    best: tuple[int, dt.date] | None = None
    for i, el in enumerate(elements):
        if el.tag in _SKIP_TAGS:
            continue
        marks = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("itemprop"), el.tag]))
        text = " ".join(el.text_content().split())
        if len(text) > 300:
            continue  # a container, not the date element itself
        m = _DATE_IN_TEXT.search(text)
        if not m:
            continue
        # An element marked as a date or byline; or one that says little but the date
        # ("06.11.2023 13:30 von Olga"), close to the headline.
        marked = el.tag == "time" or _DATE_CLASS.search(marks)
        if not marked and (len(text) > 60 or anchor is None or abs(i - anchor) > 60):
            continue
        if m.start() > 60:
            continue  # a date inside a sentence of the story, not a date line
        if _NOT_PUBLISHED.search(marks) or _inside_excluded(el):
            continue
        if re.search(
            r"aktualisiert|updated|geändert|modifi|©|\(c\)|copyright|bis\b|until",
            text[: m.start()],
            re.I,
        ):
            continue
        day = parse_date(m.group(0), dayfirst=dayfirst or "." in m.group(0))
        if day is None or day > dt.date.today() + dt.timedelta(days=2):
            continue
        distance = abs(i - anchor) if anchor is not None else i
        if best is None or distance < best[0]:
            best = (distance, day)
    if best is None or (anchor is not None and best[0] > 300):
        return None
    return best[1]


def _inside_excluded(el) -> bool:
    parent = el.getparent()
    for _ in range(6):
        if parent is None:
            return False
        if parent.tag in {"footer", "aside", "nav"}:
            return True
        marks = " ".join(filter(None, [parent.get("class"), parent.get("id")]))
        if re.search(r"comment|related|sidebar|widget|footer|teaser-list|recommend", marks, re.I):
            return True
        parent = parent.getparent()
    return False
