"""Publication dates: parse what people and pages write, never invent a day.

dateutil fills missing parts from a default, so a bare "March 5" would get
today's year. We parse twice with two different defaults: if the results
disagree, the string lacked a year, month or day and we return None.

Month names in German, French, Spanish, Italian, Portuguese and Dutch are read
as well as English ("19. Oktober 2019", "4 de mayo de 2022", "14 septembre 2020").
``parse_stamp`` reads a page's machine-readable stamps (ISO 8601, RFC 2822) and
says whether only a year was given, which is kept as a year, never as January 1.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass

from dateutil import parser as dateparser

_DEFAULT_A = dt.datetime(1900, 1, 1)
_DEFAULT_B = dt.datetime(1904, 2, 2)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Dates as articles print them: "December 17, 2021", "10 October, 2020", "20.12.2021",
# "2021-12-17". Numeric forms with dots are European: day first.

_FOREIGN_MONTHS = {
    # German (with Austrian Jänner), French, Spanish, Italian, Portuguese, Dutch.
    "januar": 1, "jänner": 1, "janner": 1, "janvier": 1, "enero": 1, "gennaio": 1,
    "janeiro": 1, "januari": 1,
    "februar": 2, "feber": 2, "février": 2, "fevrier": 2, "febrero": 2, "febbraio": 2,
    "fevereiro": 2, "februari": 2,
    "märz": 3, "maerz": 3, "mars": 3, "marzo": 3, "março": 3, "marco": 3, "maart": 3,
    "avril": 4, "abril": 4, "aprile": 4,
    "mai": 5, "mayo": 5, "maggio": 5, "maio": 5, "mei": 5,
    "juni": 6, "juin": 6, "junio": 6, "giugno": 6, "junho": 6,
    "juli": 7, "juillet": 7, "julio": 7, "luglio": 7, "julho": 7,
    "august": 8, "août": 8, "aout": 8, "agosto": 8, "augustus": 8,
    "september": 9, "septembre": 9, "septiembre": 9, "setiembre": 9, "settembre": 9,
    "setembro": 9,
    "oktober": 10, "octobre": 10, "octubre": 10, "ottobre": 10, "outubro": 10,
    "november": 11, "novembre": 11, "noviembre": 11, "novembro": 11,
    "dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12, "dicembre": 12,
    "dezembro": 12, "december": 12,
}  # fmt: skip
_ENGLISH = [
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
_FOREIGN = re.compile(
    r"\b(" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + r")\.?(?=[\s,.]|$)",
    re.IGNORECASE,
)
# "4 de mayo de 2022", "le 14 septembre", "19. Oktober": the little words between parts.
_GLUE = re.compile(r"(?<=\w)\s+(?:de|del|di|do|da)\s+(?=\w)|^\s*(?:le|am|el|il|den)\s+", re.I)


_ANY_MONTH = _MONTHS[:-4] + "|" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_IN_TEXT = re.compile(
    rf"\b(?:{_ANY_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?{_ANY_MONTH},?\s+(?:de\s+)?\d{{4}}"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


def english_months(value: str) -> str:
    """Month names of other languages in English, so one parser reads them all."""
    value = _FOREIGN.sub(lambda m: _ENGLISH[_FOREIGN_MONTHS[m.group(1).lower()]], value)
    return _GLUE.sub(" ", value)


def parse_date(value: str, *, dayfirst: bool | None = None) -> dt.date | None:
    """A complete calendar date from ``value``, or None if it is not one."""
    value = english_months(value.strip())
    if not value:
        return None
    if dayfirst is None:
        # 20.12.2021 and 20/12/2021 are day-first; ISO and US month names are unambiguous.
        dayfirst = bool(re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{4}", value)) and "." in value
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # time zone names such as CEST: the day is enough
            a = dateparser.parse(value, default=_DEFAULT_A, dayfirst=dayfirst)
            b = dateparser.parse(value, default=_DEFAULT_B, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date():
        return None
    return a.date()


_NOT_A_DATELINE = re.compile(
    r"(?:aktualisiert|updated|geändert|modifi|mis à jour|actualizad|©|\(c\)|copyright|"
    r"\bbis\b|\buntil\b|\bjusqu)[^.\n]*$",
    re.IGNORECASE,
)


def find_date(text: str, *, head: int = 400) -> dt.date | None:
    """The first complete date printed near the top of an article (its dateline)."""
    for match in _DATE_IN_TEXT.finditer(text[:head]):
        if _NOT_A_DATELINE.search(text[max(0, match.start() - 40) : match.start()]):
            continue  # an update, a copyright, the end of a span of days
        date = parse_date(match.group(0), dayfirst="." in match.group(0))
        if date is not None:
            return date
    return None


_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_YEAR_ONLY = re.compile(r"^\s*(1[89]\d{2}|2\d{3})\s*$")
_TIMEZONE = re.compile(r"(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})\s*$")


@dataclass(frozen=True)
class Stamp:
    """A date as a page's markup states it."""

    date: dt.date | None  # the calendar day, when the stamp has one
    year: int | None  # the year, also when only the year is stated
    utc: bool  # the stamp is in UTC (its day may be the day before, locally)
    zoned: bool  # the stamp carries a time and an offset
    hour: int | None = None  # the hour of the stamp, when it has one


def parse_stamp(value: str, *, dayfirst: bool = True) -> Stamp | None:
    """A machine-readable date stamp ("2019-10-19T19:08:22+02:00", "Sat, 19 Oct 2019
    00:04:00 +0200", "27.04.2020 18:50", "2011"); None if it is none of these."""
    value = " ".join(value.split())
    if not value or len(value) > 80:
        return None
    if m := _YEAR_ONLY.match(value):
        return Stamp(None, int(m.group(1)), False, False)
    if m := _ISO.match(value):
        try:
            iso_day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        zone = m.group(7)
        utc = zone is not None and zone.upper() in {"Z", "UTC", "GMT", "+00:00", "+0000", "-00:00"}
        hour = int(m.group(4)) if m.group(4) is not None else None
        return Stamp(iso_day, iso_day.year, utc, zone is not None and hour is not None, hour)
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}(?:\s.*)?", value):
        a, b = (int(x) for x in value.split("/")[:2])
        if a <= 12 and b <= 12 and a != b and not dayfirst:
            pass  # month first, as the page's language writes it
        elif a > 12:
            dayfirst = True
        elif b > 12:
            dayfirst = False
    day = parse_date(value, dayfirst=dayfirst)
    if day is None:
        return None
    zone = _TIMEZONE.search(value)
    utc = zone is not None and zone.group(0).strip().upper() in {
        "Z",
        "UTC",
        "GMT",
        "+0000",
        "+00:00",
    }
    return Stamp(day, day.year, utc, bool(zone))
