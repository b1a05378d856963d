"""Untrusted text made safe for the places it is shown, written or stored.

Articles, notes, file names and backups are data: nothing in them may move the
terminal's cursor, change its title or clipboard, reverse the text around it,
start a spreadsheet formula, publish a ``javascript:`` link, or be accepted by
one database engine and refused by the other.

- ``terminal_safe`` / ``one_line``: what a terminal may be sent (control
  characters as their pictures, bidi controls as visible marks).
- ``json_text``: JSON whose strings keep every such character escaped.
- ``check_text`` / ``check_url`` / ``http_url``: the checks at the door for
  what reviewers type (notes, evidence links, names).
- ``storable_problem``: why a value cannot be stored the same way on SQLite
  and PostgreSQL (a NUL, an unpaired surrogate, too long), or None.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote, urlsplit

# Explicit bidi formatting characters (embeddings, overrides, isolates) and the
# implicit marks: each can reorder the text around it on screen ("Trojan Source").
BIDI = {
    "\u061c": "ALM",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
_BIDI_CLASS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"

# Everything a terminal must never receive raw: C0 controls other than tab and
# newline, DEL, C1 controls (a lone 0x9B is CSI on some terminals), bidi controls,
# the Unicode line and paragraph separators, and unpaired surrogates (file names
# that are not UTF-8 arrive as U+DC80–U+DCFF, and cannot even be encoded).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI_CLASS + "\u2028\u2029\ud800-\udfff]")
_CONTROL_OR_LINE = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI_CLASS + "\u2028\u2029\ud800-\udfff]")


def describe_char(ch: str) -> str:
    """A character as a reader can name it: 'ESC (U+001B)', 'RLO (U+202E)'."""
    code = ord(ch)
    names = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR"}
    names |= {0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI"}
    name = BIDI.get(ch) or names.get(code)
    if name is None and 0xD800 <= code <= 0xDFFF:
        name = "unpaired surrogate"
    if name is None and (code < 0x20 or 0x7F <= code <= 0x9F):
        name = "control character"
    if name is None and code in (0x2028, 0x2029):
        name = "line separator" if code == 0x2028 else "paragraph separator"
    return f"{name} (U+{code:04X})" if name else f"U+{code:04X}"


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ESC → ␛, LF → ␊
    if code == 0x7F:
        return "␡"
    if code <= 0x9F:
        return "�"
    if ch in BIDI:
        return f"⟨{BIDI[ch]}⟩"
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a file name that is not UTF-8
    if 0xD800 <= code <= 0xDFFF:
        return "�"
    return "\n"  # U+2028, U+2029: a line break, shown as one


def terminal_safe(text: str) -> str:
    """Replace control characters with visible stand-ins (ESC → ␛, U+202E → ⟨RLO⟩).

    Tabs and newlines are kept: multi-line text (a note, an article) stays multi-line.
    """
    return _CONTROL.sub(lambda m: _picture(m.group(0)), text)


def one_line(text: str) -> str:
    """``terminal_safe`` for one line of a report: newlines and tabs shown too (␊, ␉),
    so a file name cannot forge lines of its own."""
    return _CONTROL_OR_LINE.sub(lambda m: _picture(m.group(0)), text)


def strip_unsafe(text: str) -> str:
    """Remove what ``terminal_safe`` would picture: the last line of defence on output,
    where every character's width is already fixed (these all have width 0)."""
    return _CONTROL.sub(lambda m: "\n" if m.group(0) in "\u2028\u2029" else "", text)


# Inside JSON strings: DEL, C1 controls, bidi controls, U+2028/U+2029 (which end a line
# in JavaScript and in splitlines) and unpaired surrogates. json.dumps escapes C0 itself.
_JSON_UNSAFE = re.compile("[\x7f-\x9f" + _BIDI_CLASS + "\u2028\u2029\ud800-\udfff]")


def json_text(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` with readable non-ASCII text but every invisible control escaped.

    Such characters only ever occur inside JSON strings, so escaping them in the
    output is exact: the value reads back unchanged.
    """
    text = json.dumps(value, ensure_ascii=False, **kwargs)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def load_json(text: str | bytes) -> Any:
    """``json.loads`` that reports nesting too deep to read as a ValueError, like any
    other malformed JSON (a hostile line of 100,000 brackets), instead of a RecursionError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


# ---------------------------------------------------------------- checks at the door

# Column sizes, the same on every engine (see tracker.store.models).
REVIEWER_LIMIT = 200
URL_LIMIT = 2000

_STORABLE = re.compile("[\x00\ud800-\udfff]")


def storable_problem(value: str, limit: int | None = None) -> str | None:
    """Why ``value`` cannot be stored alike on SQLite and PostgreSQL, or None.

    PostgreSQL refuses NUL characters and values longer than their column; both
    refuse unpaired surrogates (they are not Unicode text). SQLite would accept
    the first two, and a backup of it would then not restore on PostgreSQL.
    """
    if limit is not None and len(value) > limit:
        return f"too long: {len(value):,} characters, at most {limit:,}"
    m = _STORABLE.search(value)
    if m:
        return f"contains {describe_char(m.group(0))} at character {m.start():,}"
    return None


def check_text(value: str, what: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """``value`` as typed by a reviewer, or ValueError naming what is wrong with it.

    Control and bidi characters are refused (tab and newline only in multi-line
    text; CRLF becomes LF); so are values longer than their column.
    """
    if multiline:
        value = value.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    pattern = _CONTROL if multiline else _CONTROL_OR_LINE
    m = pattern.search(value)
    if m:
        raise ValueError(
            f"{what} contains {describe_char(m.group(0))} at character {m.start() + 1}; "
            + ("only text, tabs and line breaks are allowed" if multiline else "only text")
        )
    if limit is not None and len(value) > limit:
        raise ValueError(f"{what} is too long: {len(value):,} characters, at most {limit:,}")
    return value


def check_url(value: str, what: str = "the link") -> str:
    """``value`` if it is an absolute http(s) URL with a host that fits its column;
    else ValueError saying why. Surrounding spaces are trimmed."""
    url = value.strip()
    if len(url) > URL_LIMIT:
        raise ValueError(f"{what} is too long: {len(url):,} characters, at most {URL_LIMIT:,}")
    m = _CONTROL_OR_LINE.search(url) or re.search(r"\s", url)
    if m:
        raise ValueError(f"{what} contains {describe_char(m.group(0))}; a URL has none")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise ValueError(f"{what} is not a valid URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"not {parts.scheme}:" if parts.scheme else "with http:// or https://"
        raise ValueError(f"{what} must be an http(s) URL ({scheme})")
    if not host:
        raise ValueError(f"{what} has no host name")
    return url


def check_typed_url(value: str, what: str = "the link") -> str:
    """``check_url``, and none of the characters a URL never holds unescaped (RFC 3986)
    that would end an HTML attribute or open a tag wherever the link is written out.

    For links a person types (evidence): a browser's address bar copies them
    percent-encoded. Stored article URLs are not held to it, so that no document's
    identity or exported link changes."""
    url = check_url(value, what)
    if m := re.search(r'["<>`\\]', url):
        raise ValueError(
            f"{what} contains {m.group(0)}, which a URL holds only percent-encoded "
            f"(as {quote(m.group(0))})"
        )
    return url


def http_url(value: object) -> str | None:
    """``value`` if it is a valid http(s) URL (see ``check_url``), else None: the only
    links that may leave the building in published output."""
    if not isinstance(value, str):
        return None
    try:
        return check_url(value)
    except ValueError:
        return None


# ----------------------------------------------------------------------- other outputs

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Neutralise formula injection in a CSV cell, as OWASP advises.

    A cell that would start with = + - @ tab or CR is prefixed with an
    apostrophe, which spreadsheets display as text and hide; numbers we
    wrote ourselves (ints, floats) are left alone. Control characters are
    shown as pictures (``terminal_safe``): CSV written to standard output
    reaches a terminal too, where an article's ESC would recolour it.
    """
    if not isinstance(value, str) or not value:
        return value
    value = terminal_safe(value)
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
    return one_line(lines[0] if lines else type(exc).__name__)[:limit]
