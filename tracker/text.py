"""Paragraphs, sentences and the normalized form of text used for matching."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

_PARA_BREAK = re.compile(r"\n[ \t]*\n")
# A line's words: from its first character that is not a space to its last (str.strip).
_LINE_BODY = re.compile(r"[^\S\n]*(\S(?:[^\n]*\S)?)")
_LINE = re.compile(r"[^\n]+")
_NOT_SPACE = re.compile(r"\S")
_STRIPPED = re.compile(r"\S(?:[\s\S]*\S)?")


class Paragraphs(Sequence[tuple[int, int]]):
    """(start, end) of each paragraph, held as two flat arrays of offsets.

    A list of tuples costs some 120 bytes a paragraph: 1.2 GB for 20 MB of short lines.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, starts: array, ends: array) -> None:
        self._starts, self._ends = starts, ends

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, i):
        if type(i) is slice:
            return list(self)[i]
        return self._starts[i], self._ends[i]  # an array raises IndexError as a list does

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self._starts, self._ends, strict=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Paragraphs({list(self)!r})"


def paragraphs(text: str) -> Paragraphs:
    """(start, end) of each non-blank paragraph.

    Web copies put one paragraph per line; hard-wrapped text (short lines with
    blank lines between paragraphs) is split on blank lines instead. Lines are found
    one at a time, never all held at once.
    """
    starts, ends = array("q"), array("q")
    if _PARA_BREAK.search(text) is None or not _wrapped(text):
        # One paragraph per line: the lines themselves, trimmed.
        for m in _LINE_BODY.finditer(text):
            starts.append(m.start(1))
            ends.append(m.end(1))
        return Paragraphs(starts, ends)
    pos = 0
    for brk in [*_PARA_BREAK.finditer(text), None]:
        end = brk.start() if brk is not None else len(text)
        if stripped := _STRIPPED.search(text, pos, end):
            starts.append(stripped.start())
            ends.append(stripped.end())
        if brk is not None:
            pos = brk.end()
    return Paragraphs(starts, ends)


# Up to this size a text's lines are split out at once (faster); beyond it, read one by one.
_SPLIT_LINES = 1_000_000


def _wrapped(text: str) -> bool:
    """Short lines (a median under 90 characters), more than three: hard-wrapped text."""
    if len(text) <= _SPLIT_LINES:
        lengths = sorted(len(ln) for ln in text.split("\n") if ln.strip())
        return len(lengths) > 3 and lengths[len(lengths) // 2] < 90
    counts: dict[int, int] = {}  # line length -> lines of that length
    n = 0
    for m in _LINE.finditer(text):
        if _NOT_SPACE.search(text, m.start(), m.end()):
            length = m.end() - m.start()
            counts[length] = counts.get(length, 0) + 1
            n += 1
    if n <= 3:
        return False
    k = n // 2  # the median is the k-th shortest
    for length in sorted(counts):
        k -= counts[length]
        if k < 0:
            return length < 90
    return False


_SENT_END = re.compile(r"[.!?…](?:[\"”’'\]\)]|\[\d+\])*\s+(?=[\"“‘'«„(\[]{0,3}[A-Z0-9])")

# Abbreviations whose period does not end a sentence before a capitalised word
# ("Sen. Ben Sasse", "Mr. Biden", "Lt. Gov. Dan Patrick"), lower-cased without the period.
ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof rev fr sr jr st sen rep gov lt col gen maj capt cmdr adm sgt cpl
    pvt gens sens reps govs messrs mssrs atty supt insp det hon pres amb sec treas dept corp
    inc co ltd bros no vs v etc jan feb mar apr aug sept sep oct nov dec ala ariz ark calif
    colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla
    ore pa tenn tex va vt wash wis wyo""".split()
)


def ends_sentence(text: str, dot: int) -> bool:
    """Whether the period at ``text[dot]`` ends a sentence (not "Sen.", "J.", "U.S.")."""
    lo = dot
    while lo > 0 and (text[lo - 1].isalpha() or text[lo - 1] == "."):
        lo -= 1
    word = text[lo:dot].lower()
    if word in _END_ABBREVIATIONS and _SENTENCE_OPENER.match(text, dot + 1):
        return True  # "… in the U.S. He says …": an abbreviation can end a sentence too
    if word in ABBREVIATIONS:
        return False
    # An initial ("George W. Bush", "Sonya A. Zoghlin") or a dotted acronym ("U.S."): one
    # capital letter before the period, after a space or another period.
    return not (len(word) == 1 and text[dot - 1].isupper() or "." in word and len(word) <= 6)


# Abbreviations that often end a sentence, and words that only open one.
_END_ABBREVIATIONS = frozenset({"u.s", "u.k", "u.n", "d.c", "inc", "co", "ltd", "jr", "sr", "etc"})
_SENTENCE_OPENER = re.compile(
    r"[\"“‘']?\s*(?:He|She|They|It|We|I|The|But|And|This|That|In|On|At|Yet|So|Still|"
    r"However|Meanwhile|There|His|Her|Their|Its|A|An)\b"
)


def sentence_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence(s) of ``text[lo:hi]`` that contain ``[start, end)``.

    A sentence is read at most 600 characters either side of the span: a paragraph
    without sentence ends costs the same per quotation wherever the quotation stands.
    """
    left = -1
    # The last sentence end before the span: looked for in the 150 characters before it
    # first, then in 600. A match cannot start inside another (they start with a stop and
    # go on with closers and spaces), so the nearer window finds the same last one when it
    # finds any. The lookahead reads past ``start``: a sentence may open with the quotation.
    for reach in (150, 600):
        for m in _SENT_END.finditer(text, max(lo, start - reach), min(hi, start + 4)):
            if m.end() <= start and (text[m.start()] != "." or ends_sentence(text, m.start())):
                left = m.end()
        if left >= 0 or start - reach <= lo:
            break
    if left < 0:
        left = max(lo, start - 600)
    right = hi
    for m in _SENT_END.finditer(text, end, min(hi, end + 600)):
        if text[m.start()] != "." or ends_sentence(text, m.start()):
            right = m.start() + 1
            break
    else:
        if hi - end > 600:
            right = end
    return left, right


# A word is a run of letters and digits; everything else (quote marks, dashes,
# punctuation, underscores, spacing) separates words.
_WORD_RUN = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Lower-case words only: quote marks, dashes, punctuation and spacing removed.

    "Back-to-back," and “back to back” both become "back to back".
    """
    if not text.isascii():
        # Typographic quotes, dashes, "…" and the no-break space separate words as a space
        # does (NFKC keeps them or makes them "..." and " "; none joins its neighbours): where
        # they are all a text holds beyond ASCII, spaces instead give the same words quicker.
        plain = text
        for c in _SPACE_LIKE:
            plain = plain.replace(c, " ")
        if plain.isascii():
            text = plain
    if text.isascii():  # NFKC is costly and changes nothing in ASCII
        # The same words, twice as fast: as bytes, a letter or digit becomes its lower case
        # and anything else a space, and the spaces split.
        return b" ".join(text.encode().translate(_ASCII_WORDS).split()).decode()
    text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD_RUN.findall(text.lower()))


_SPACE_LIKE = "’‘“”—–…\u00a0"
_ASCII_WORDS = bytes(ord(chr(c).lower()) if chr(c).isalnum() else 32 for c in range(128))
_ASCII_WORDS += bytes(128)  # (never read: the text is ASCII)


def claim_text(quoted: str) -> str:
    """A quotation's words as stored and shown: what stands between its quote marks, less a
    comma that closes it. In `"That makes me smart," he said` the comma belongs to the
    sentence around the quotation (American style puts it inside the marks), not to the
    claim. Its offsets still cover the comma: re-extraction keeps ids by span."""
    if quoted.endswith(","):
        kept = quoted[:-1].rstrip()
        if kept:
            return kept
    return quoted


def words(text: str) -> list[str]:
    return normalize(text).split()
