"""Which partial alignments can reach a score, told without aligning them.

``fuzz.partial_ratio(short, long)`` is the best ``fuzz.ratio`` of ``short`` against a
window of ``long`` no longer than ``short``: the full windows of ``len(short)``
characters, and the shorter prefixes and suffixes of ``long``. For a needle of over
64 characters rapidfuzz aligns it window by window, tens of microseconds a pair, and
most pairs clustering aligns fall short of the cut anyway.

An upper bound rules most of those out for a few LCS computations (one bit-parallel
pass each), exactly:

- a window of ``w`` characters scores ``200 * LCS / (n + w)``;
- the LCS of ``short`` with a window is at most its LCS with any stretch of ``long``
  that holds the window (a common subsequence of the one is one of the other).

So every full window lies in one of a few overlapping blocks of ``long``, and the
prefixes of lengths between two breakpoints score at most the LCS with the longer one
over ``n`` plus the shorter length (suffixes alike). A pair whose bound is under the
cut scores 0 with ``score_cutoff`` at that cut, as rapidfuzz would say.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

# Needles rapidfuzz aligns in one bit-parallel pass a window: already cheap.
LONG_NEEDLE = 64
# Blocks of n + n/2 characters every n/2: on pairs clustering aligns, as tight as
# smaller steps (within 2% of the pairs ruled out) for half the LCS computations.
_BLOCK_STEP = 0.5
# Breakpoints between the shortest prefix that could reach the cut and the full needle.
_EDGE_STEPS = 4
# Float slack: prune only what is under the cut by more than rounding could explain.
_EPS = 1e-6


def may_reach(
    shorts: Sequence[str], longs: Sequence[str], cut: float, workers: int = 1
) -> np.ndarray:
    """Per pair, False where ``partial_ratio(short, long) < cut`` is certain.

    Each ``short`` is no longer than its ``long``. Needles of ``LONG_NEEDLE``
    characters or fewer are not checked (True).
    """
    count = len(shorts)
    n = np.fromiter(map(len, shorts), np.int64, count)
    m = np.fromiter(map(len, longs), np.int64, count)
    alive = np.ones(count, bool)
    todo = np.flatnonzero((n > LONG_NEEDLE) & (m > n))
    if not len(todo):
        return alive
    # Full windows: the LCS with the whole of ``long`` bounds them all at once, one pass
    # a pair; it rules out most pairs (three in five on the ones clustering aligns),
    # and the blocks below, tighter, are only needed for the rest.
    ids = todo.tolist()
    whole = np.zeros(count, np.int64)
    whole[todo] = _lcs([shorts[p] for p in ids], [longs[p] for p in ids], workers)
    reach = 100 * whole[todo] >= (cut - _EPS) * n[todo]
    out, todo = todo[~reach], todo[reach]
    short_of = _blocks_short_of(shorts, longs, cut, workers, todo, n[todo], m[todo])
    todo = np.sort(np.concatenate([out, todo[short_of]]))
    tn, tw = n[todo], whole[todo]
    if not len(todo):
        return alive
    # Prefixes and suffixes shorter than n: a window of w reaches the cut only if
    # 200 w / (n + w) does, from w = cut * n / (200 - cut) on. Longest first: the LCS
    # with a prefix (suffix) bounds that with any shorter one (and the whole's bounds
    # them all), so where that already says a stretch of lengths falls short, or the
    # pair has reached the cut, no LCS is computed (it could not change the verdict).
    fn = tn.astype(np.float64)
    lowest = cut * fn / (200 - cut)
    points = [lowest + (fn - lowest) * j / _EDGE_STEPS for j in range(_EDGE_STEPS + 1)]
    bound = np.zeros(len(todo))
    for suffix in (False, True):
        cap = tw.copy()
        for j in reversed(range(_EDGE_STEPS)):
            upto = np.minimum(np.ceil(points[j + 1]).astype(np.int64), tn)
            most = 200 * np.minimum(cap, upto) / (fn + points[j])
            need = np.flatnonzero((most >= cut - _EPS) & (bound < cut - _EPS))
            if not len(need):
                continue
            ids = todo[need].tolist()
            windows = [
                longs[p][len(longs[p]) - w :] if suffix else longs[p][:w]
                for p, w in zip(ids, upto[need].tolist(), strict=True)
            ]
            got = _lcs([shorts[p] for p in ids], windows, workers)
            cap[need] = got
            bound[need] = np.maximum(bound[need], 200 * got / (fn[need] + points[j][need]))
    alive[todo] = bound >= cut - _EPS
    return alive


def _blocks_short_of(
    shorts: Sequence[str],
    longs: Sequence[str],
    cut: float,
    workers: int,
    todo: np.ndarray,
    tn: np.ndarray,
    tm: np.ndarray,
) -> np.ndarray:
    """Per pair of ``todo`` (needles of ``tn`` characters, texts of ``tm``), whether no
    full window reaches the cut: each lies in a block [k * step, k * step + n + step)."""
    if not len(todo):
        return np.zeros(0, bool)
    step = np.maximum(1, (tn * _BLOCK_STEP).astype(np.int64))
    blocks = np.maximum(1, -(-(tm - tn) // step))
    owner = np.repeat(np.arange(len(todo)), blocks)
    first = np.zeros(len(todo) + 1, np.int64)
    np.cumsum(blocks, out=first[1:])
    start = (np.arange(first[-1]) - first[owner]) * step[owner]
    end = np.minimum(tm[owner], start + tn[owner] + step[owner])
    pairs = todo[owner].tolist()
    found = _lcs(
        [shorts[p] for p in pairs],
        [longs[p][a:b] for p, a, b in zip(pairs, start.tolist(), end.tolist(), strict=True)],
        workers,
    )
    best = np.zeros(len(todo), np.int64)
    np.maximum.at(best, owner, found)
    return 100 * best < (cut - _EPS) * tn


def _lcs(a: list[str], b: list[str], workers: int) -> np.ndarray:
    return process.cpdist(a, b, scorer=LCSseq.similarity, workers=workers, dtype=np.int64)
