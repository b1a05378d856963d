"""Publication dates: parse what people and pages write, never invent a day.

dateutil fills missing parts from a default, so a bare "March 5" would get
today's year. We parse twice with two different defaults: if the results
disagree, the string lacked a year, month or day and we return None.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser

_DEFAULT_A = dt.datetime(1900, 1, 1)
_DEFAULT_B = dt.datetime(1904, 2, 2)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Dates as articles print them: "December 17, 2021", "10 October, 2020", "20.12.2021",
# "2021-12-17". Numeric forms with dots are European: day first.
_DATE_IN_TEXT = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b"
)


def parse_date(value: str, *, dayfirst: bool | None = None) -> dt.date | None:
    """A complete calendar date from ``value``, or None if it is not one."""
    value = value.strip()
    if not value:
        return None
    if dayfirst is None:
        # 20.12.2021 and 20/12/2021 are day-first; ISO and US month names are unambiguous.
        dayfirst = bool(re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{4}", value)) and "." in value
    try:
        a = dateparser.parse(value, default=_DEFAULT_A, dayfirst=dayfirst)
        b = dateparser.parse(value, default=_DEFAULT_B, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date():
        return None
    return a.date()


def find_date(text: str, *, head: int = 400) -> dt.date | None:
    """The first complete date printed near the top of an article (its dateline)."""
    for match in _DATE_IN_TEXT.finditer(text[:head]):
        date = parse_date(match.group(0), dayfirst="." in match.group(0))
        if date is not None:
            return date
    return None
