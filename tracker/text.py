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
    """The sentence(s) of ``text[lo:hi]`` that contain ``[start, end)``."""
    left = lo
    # The lookahead reads past ``start``: a sentence may open with the quotation itself.
    for m in _SENT_END.finditer(text, max(lo, start - 600), min(hi, start + 4)):
        if m.end() <= start and (text[m.start()] != "." or ends_sentence(text, m.start())):
            left = m.end()
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
    if not text.isascii():  # NFKC is costly and changes nothing in ASCII
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD_RUN.findall(text.lower()))


def words(text: str) -> list[str]:
    return normalize(text).split()
