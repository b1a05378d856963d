"""Untrusted text made safe for the places it is shown or written.

Articles and notes are data: nothing in them may move the terminal's cursor,
change its colours, or start a spreadsheet formula.
"""

from __future__ import annotations

import re

# C0 and C1 control characters other than tab and newline, and DEL: an article
# containing ESC [2J must print those characters' pictures, not clear the screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return chr(0x2400 + code) if code < 0x20 else ("␡" if code == 0x7F else "�")


def terminal_safe(text: str) -> str:
    """Replace control characters with visible stand-ins (ESC → ␛)."""
    return _CONTROL.sub(_picture, text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Neutralise formula injection in a CSV cell, as OWASP advises.

    A cell that would start with = + - @ tab or CR is prefixed with an
    apostrophe, which spreadsheets display as text and hide; numbers we
    wrote ourselves (ints, floats) are left alone.
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def error_line(exc: BaseException, limit: int = 300) -> str:
    """The first line of an error's message, for a one-line report.

    A database error wrapped by SQLAlchemy reports the driver's own message
    (``exc.orig``), without the SQL statement and parameters that follow it.
    """
    source = getattr(exc, "orig", None) or exc
    lines = str(source).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:limit]
