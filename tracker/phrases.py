"""How distinctive a phrase is: general-English rarity of its words (pure, no database).

A short quote contained word for word in longer ones ("lipstick on a pig") can
gather them into one cluster only if it is evidence of one statement. Two
measurements decide that together: how rare its words are in general English
(here), and whether the archive's quotes containing it agree on speaker and
time (``tracker.match.Index.shared_phrase``). Neither alone is enough:
diplomatic stock phrases ("mutual trust", "strategic partnership") are made of
fairly rare English words but recur across speakers, while a distinctive phrase
may be made of common words ("back to back") and recur only around one
statement.
"""

from __future__ import annotations

from functools import lru_cache

# Zipf scale: 7 is "the"/"of", 3 a word seen about once per million words.
_COMMON = 7.0


@lru_cache(maxsize=200_000)
def word_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word (0 for an unknown word)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def information(normalized: str) -> float:
    """Bits-like measure of how unusual a phrase's words are: the sum over its words of
    how far each falls below the most common words. "at the same time" ≈ 2,
    "the american people" ≈ 2.3, "lipstick on a pig" ≈ 6.3, a made-up name ≈ 7 a word."""
    return sum(max(0.0, _COMMON - word_zipf(w)) for w in normalized.split())
