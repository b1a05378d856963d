"""Paragraphs, sentences and the normalized form of text used for matching."""

from __future__ import annotations

import re
import unicodedata

_PARA_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph.

    Web copies put one paragraph per line; hard-wrapped text (short lines with
    blank lines between paragraphs) is split on blank lines instead.
    """
    raw = text.split("\n")
    lines = [ln for ln in raw if ln.strip()]
    wrapped = (
        bool(lines)
        and _PARA_BREAK.search(text) is not None
        and (sorted(len(ln) for ln in lines)[len(lines) // 2] < 90 and len(lines) > 3)
    )
    if not wrapped:  # one paragraph per line: the lines themselves, trimmed
        out, pos = [], 0
        for ln in raw:
            if body := ln.strip():
                lead = len(ln) - len(ln.lstrip())
                out.append((pos + lead, pos + lead + len(body)))
            pos += len(ln) + 1
        return out
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        out.append((s + lead, e - trail))
    return out


_SENT_END = re.compile(r"[.!?…](?:[\"”’'\]\)]|\[\d+\])*\s+(?=[\"“‘'«„(\[]?[A-Z0-9])")


def sentence_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence(s) of ``text[lo:hi]`` that contain ``[start, end)``."""
    left = lo
    for m in _SENT_END.finditer(text, max(lo, start - 600), start):
        if m.end() <= start:
            left = m.end()
    right = hi
    m = _SENT_END.search(text, end, min(hi, end + 600))
    if m:
        right = m.start() + 1
    elif hi - end > 600:
        right = end
    return left, right


# A word is a run of letters and digits; everything else (quote marks, dashes,
# punctuation, underscores, spacing) separates words.
_WORD_RUN = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Lower-case words only: quote marks, dashes, punctuation and spacing removed.

    "Back-to-back," and “back to back” both become "back to back".
    """
    if not text.isascii():  # NFKC is costly and changes nothing in ASCII
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD_RUN.findall(text.lower()))


def words(text: str) -> list[str]:
    return normalize(text).split()
