"""``partial_ratio`` of long needles: rapidfuzz's against the tracker's own search.

``fuzz.partial_ratio`` of a needle of n > 64 characters against a text of m scores
every one of its m + n - 1 windows. ``tracker/alignment.py`` finds the same best
window by branch and bound over LCS computations of stretches of the text (see its
docstring). This script takes the (shorter, longer) pairs ``cluster()`` aligns on
generated quotes, scores them both ways in one run on one core, and prints the CPU
time of each, the LCS computations a pair, and how many scores differ (must be 0).

    python benchmarks/partial_bound.py [--quotes 30000] [--pairs 20000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import types
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # this checkout's tracker before any installed copy

from quote_variants import generate  # noqa: E402

import tracker.alignment as alignment  # noqa: E402
import tracker.match as match  # noqa: E402
from tracker.match import Item, MatchSettings, cluster  # noqa: E402


def scored_pairs(quotes: int) -> list[tuple[str, str]]:
    """The (shorter, longer) pairs ``cluster()`` aligns partially on generated quotes."""
    corpus = generate(quotes, seed=1)
    items = [
        Item(i, corpus.normalized[i], corpus.speaker[i], corpus.affiliations[i])
        for i in range(quotes)
    ]
    seen: list[tuple[str, str]] = []
    real = match.partial_ratios

    def partial_ratios(shorts, longs, cut, workers=1):
        seen.extend(zip(shorts, longs, strict=True))
        return real(shorts, longs, cut, workers)

    match.partial_ratios = partial_ratios  # type: ignore[assignment]
    try:
        cluster(items, MatchSettings(), workers=1)
    finally:
        match.partial_ratios = real
    return seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=30000, help="generated quotes to cluster")
    ap.add_argument("--pairs", type=int, default=20000, help="pairs drawn from those scored")
    args = ap.parse_args()
    cut = MatchSettings().suggest_score
    pairs = scored_pairs(args.quotes)
    pairs = random.Random(0).sample(pairs, min(args.pairs, len(pairs)))
    pairs = [(a, b) for a, b in pairs if len(a) > alignment.LONG_NEEDLE and len(b) > len(a)]
    shorts, longs = [a for a, _ in pairs], [b for _, b in pairs]
    t = time.process_time()
    exact = process.cpdist(
        shorts, longs, scorer=fuzz.partial_ratio, score_cutoff=cut, workers=1, dtype=np.float64
    )
    base = time.process_time() - t
    windows = np.mean([len(a) + len(b) - 1 for a, b in pairs])
    counted = [0]
    real = alignment.process

    def cpdist(a, b, **kw):
        counted[0] += len(a)
        return real.cpdist(a, b, **kw)

    alignment.process = types.SimpleNamespace(cpdist=cpdist)  # type: ignore
    try:
        t = time.process_time()
        got = alignment.partial_ratios(shorts, longs, cut, workers=1)
        took = time.process_time() - t
    finally:
        alignment.process = real
    print(
        f"{len(pairs):,} pairs with needles over {alignment.LONG_NEEDLE} characters, cut {cut}\n"
        f"  rapidfuzz partial_ratio: {base:.2f} CPU-s ({windows:.0f} windows a pair)\n"
        f"  tracker.alignment:       {took:.2f} CPU-s ({base / took:.1f}x faster; "
        f"{counted[0] / len(pairs):.1f} LCS computations a pair)\n"
        f"  scores differing: {int((got != exact).sum())}"
    )


if __name__ == "__main__":
    main()
