"""Text decoded twice, repaired: UTF-8 read as windows-1252 somewhere upstream ("JuliÃ¡n
Castro" for "Julián Castro", "â€™" for "’"), as scraped corpora and feeds often carry it.

A misread name is another speaker to every later stage (another outlet's "Julián Castro"
would not match), so the text is repaired as it is read. ftfy decides what is mojibake
and what is not; a cheap pattern first spares it the texts with nothing of the kind,
nearly all of them (it would read every text in full otherwise).
"""

from __future__ import annotations

import re

import ftfy

# A UTF-8 lead byte read as windows-1252 or Latin-1 (Â-ï), then a continuation byte
# read the same way (0x80-0xBF: the C1 range, its windows-1252 letters and punctuation,
# and NBSP to ¿). Real words rarely put these two side by side.
_SUSPECT = re.compile(
    "[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def repair(text: str) -> str:
    """``text`` with its doubly decoded characters decoded once; unchanged if it has none."""
    if not text or not _SUSPECT.search(text):
        return text
    return ftfy.fix_encoding(text)
