"""Bytes to text, as a browser decodes a page, saying how.

In order: a byte-order mark (UTF-8, UTF-16); the charset the container declares
(an MHTML part's Content-Type, like an HTTP header); for HTML, the page's own
``<meta charset>``, ``<meta http-equiv="Content-Type">`` or XML declaration, read
with the WHATWG labels (``iso-8859-1``, ``latin1`` and ``ascii`` mean windows-1252);
then UTF-8 if the bytes are UTF-8; then detection (charset-normalizer), with ties
between equally clean readings broken towards the encodings the web uses most
(windows-1252 first). A declaration the bytes contradict is not followed blindly:
a page saved as UTF-8 that still declares ISO-8859-1 is read as UTF-8, and one
declared UTF-8 whose bytes are mostly another encoding is detected.

``Decoded.how`` says what was done: ``utf-8``, ``windows-1252 (declared)``,
``windows-1252 (guessed)``; ``guessed`` is true when nothing declared the encoding
and the bytes were not UTF-8, so the user is told which encoding was assumed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from tracker.sources.article import Skip

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# WHATWG Encoding Standard: labels that browsers read as another encoding.
_WHATWG = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "iso_8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "l1": "windows-1252",
    "cp819": "windows-1252",
    "ibm819": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "ansi_x3.4-1968": "windows-1252",
    "x-user-defined": "windows-1252",
    "iso-8859-9": "windows-1254",
    "latin5": "windows-1254",
    "iso-8859-11": "windows-874",
    "tis-620": "windows-874",
    "gb2312": "gbk",
    "x-gbk": "gbk",
    "ks_c_5601-1987": "euc-kr",
    "x-sjis": "shift_jis",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}
# Encodings in common use on the web, most common first: detection's ties go this way.
_COMMON = [
    "cp1252",
    "utf_8",
    "cp1250",
    "cp1251",
    "iso8859_15",
    "iso8859_2",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1257",
    "cp1255",
    "cp1256",
    "cp874",
    "cp1258",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "gbk",
    "big5",
    "euc_kr",
]
_META = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._\-]+)""")
_HEAD_SCAN = 64 * 1024  # saved pages put the meta tag after long scripts; browsers 1024


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name of what was used, e.g. "cp1252"
    how: str  # for people: "windows-1252 (declared)", "windows-1252 (guessed)", "utf-8"
    guessed: bool


def _label(name: str | None) -> str | None:
    """A declared charset label, as a Python codec name (WHATWG's reading); None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _WHATWG.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _display(codec: str) -> str:
    """Python's codec name as people write it: cp1252 → windows-1252, utf-8."""
    if codec.startswith("cp125"):
        return "windows-" + codec[2:]
    return codec.replace("_", "-").replace("iso8859", "iso-8859")


def declared_in_html(data: bytes) -> str | None:
    head = data[:_HEAD_SCAN]
    m = _XML_DECL.match(head) or _META.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _utf8_mostly(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut character, one pasted string) is still UTF-8:
    the text, with the broken bytes replaced; None when the bytes are mostly something else."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    return text if good >= 4 * bad and good > 0 else None


def _looks_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    evens, odds = sample[0::2], sample[1::2]
    if odds.count(0) > 0.7 * len(odds) and evens.count(0) < 0.1 * len(evens):
        return "utf-16-le"
    if evens.count(0) > 0.7 * len(evens) and odds.count(0) < 0.1 * len(odds):
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str:
    """The encoding charset-normalizer finds cleanest; among equally clean readings, the
    one most used on the web (short texts give many ties: windows-1252 wins them)."""
    from charset_normalizer import from_bytes  # a dependency of trafilatura, and ours

    results = list(from_bytes(data[:200_000]))
    if not results:
        return "cp1252" if _decodes(data, "cp1252") else "latin_1"
    cleanest = min(r.chaos for r in results)
    tied = [r for r in results if r.chaos <= cleanest + 0.02]
    for codec in _COMMON:
        for r in tied:
            if codec in r.could_be_from_charset and _decodes(data, codec):
                return codec
    return results[0].encoding


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def decode_bytes(data: bytes, *, html: bool = False, declared: str | None = None) -> Decoded:
    """Text from ``data``; ``declared`` is the container's charset (MHTML part, HTTP)."""
    for bom, bom_codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(bom_codec), codecs.lookup(bom_codec).name, name, False)
            except UnicodeDecodeError as exc:
                raise Skip(f"undecodable {name}: {exc.reason} at byte {exc.start}") from exc
    utf16 = _looks_utf16_without_bom(data)
    if utf16:
        try:
            how = f"{utf16} (guessed: no byte-order mark)"
            return Decoded(data.decode(utf16), utf16, how, True)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise Skip("binary file, not text")
    label = declared or (declared_in_html(data) if html else None)
    codec: str | None = _label(label)
    if codec in {"utf-16", "utf-16-le", "utf-16-be", "utf-32"}:
        codec = "utf-8"  # WHATWG: a page without a BOM that says UTF-16 is ASCII-based
    if codec is not None and codec != "utf-8":
        if _is_utf8_with_multibyte(data):
            # Saved (re-encoded) as UTF-8 while the page still declares its old charset.
            return Decoded(data.decode("utf-8"), "utf_8", f"utf-8 (declared {label})", False)
        if _decodes(data, codec):
            return Decoded(data.decode(codec), codec, f"{_display(codec)} (declared)", False)
        # The declaration does not fit the bytes either: detect, and say so.
        found = _detect(data)
        text = data.decode(found, errors="replace")
        return Decoded(text, found, f"{_display(found)} (guessed; declared {label})", True)
    try:
        text = data.decode("utf-8")
        how = "utf-8 (declared)" if codec == "utf-8" else "utf-8"
        return Decoded(text, "utf_8", how, False)
    except UnicodeDecodeError:
        pass
    mostly = _utf8_mostly(data)
    if mostly is not None:
        bad = mostly.count("\ufffd")
        return Decoded(mostly, "utf_8", f"utf-8 ({bad} invalid bytes replaced)", False)
    found = _detect(data)
    why = "declared UTF-8, but it is not" if codec == "utf-8" else "no encoding declared"
    return Decoded(
        data.decode(found, errors="replace"),
        found,
        f"{_display(found)} (guessed: {why}, and not UTF-8)",
        True,
    )


def _is_utf8_with_multibyte(data: bytes) -> bool:
    if not re.search(rb"[\x80-\xff]", data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
