"""``fuzz.partial_ratio`` of long needles, exactly, for a fraction of rapidfuzz's cost.

``fuzz.partial_ratio(short, long)`` is the best ``fuzz.ratio`` of ``short`` (n
characters) against a window of ``long`` (m characters): every full window of n
characters, and the shorter prefixes and suffixes of ``long``. For a needle of over
64 characters rapidfuzz scores all m + n of them, one bit-parallel LCS each: about
130 µs a pair on the quotes clustering aligns, most of its time.

A window of w characters scores 200 * LCS / (n + w), and the LCS of ``short`` with a
window is at most its LCS with any stretch of ``long`` holding the window (a common
subsequence of the one is one of the other). So a branch and bound finds the best
window with a few LCS computations, each through ``process.cpdist`` over a whole
batch of pairs:

- full windows starting in [lo, hi] all lie in ``long[lo:hi + n]``: its LCS bounds
  them all, and one of them has at least that LCS minus (hi - lo);
- prefixes of lengths in [lo, hi] have an LCS of at most L = LCS(short, long[:hi]) and
  of at most their length w, so none scores over 200 * min(L, w) / (n + w) at w = L
  clamped to [lo, hi]; the one of length hi scores exactly 200 * L / (n + hi) (suffixes
  alike); once the LCS at a shorter length k is known, a length w above it has at most
  that LCS plus w - k, which bounds the range above k more tightly;
- a range whose bound beats neither the cut nor the best window scored so far is
  dropped, the others are halved, down to single windows. A window where a stretch of
  the needle occurs word for word is scored first, so most ranges go at once.

The score is rapidfuzz's to the last bit: it is computed from the best window's LCS
as rapidfuzz computes ``ratio`` (tests and ``benchmarks/partial_bound.py`` compare
them pair by pair).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

# Needles rapidfuzz aligns in one bit-parallel pass a window: left to it.
LONG_NEEDLE = 64
# Stretches of the needle looked up word for word in the text to place a first window.
_PROBE = 12

_FULL, _PREFIX, _SUFFIX = 0, 1, 2


def partial_ratios(
    shorts: Sequence[str], longs: Sequence[str], cut: float, workers: int = 1
) -> np.ndarray:
    """``fuzz.partial_ratio(short, long, score_cutoff=cut)`` of each pair (float64), where
    each ``short`` is no longer than its ``long``."""
    count = len(shorts)
    n = np.fromiter(map(len, shorts), np.int64, count)
    m = np.fromiter(map(len, longs), np.int64, count)
    out = np.zeros(count)
    # A needle as long as the text is also aligned the other way round by rapidfuzz.
    mine = (n > LONG_NEEDLE) & (m > n)
    theirs = np.flatnonzero(~mine).tolist()
    if theirs:
        out[theirs] = process.cpdist(
            [shorts[p] for p in theirs],
            [longs[p] for p in theirs],
            scorer=fuzz.partial_ratio,
            score_cutoff=cut,
            workers=workers,
            dtype=np.float64,
        )
    ours = np.flatnonzero(mine)
    if len(ours):
        ids = ours.tolist()
        out[ours] = _Search([shorts[p] for p in ids], [longs[p] for p in ids], cut, workers).run()
    return out


class _Search:
    """The branch and bound over one batch of pairs (needles over ``LONG_NEEDLE``
    characters, texts longer than their needle)."""

    def __init__(self, shorts: list[str], longs: list[str], cut: float, workers: int) -> None:
        self.shorts, self.longs, self.cut, self.workers = shorts, longs, cut, workers
        count = len(shorts)
        self.n = np.fromiter(map(len, shorts), np.int64, count)
        self.m = np.fromiter(map(len, longs), np.int64, count)
        # The best window scored so far, as LCS / (n + w) (half the score), with its LCS
        # and length w; -1 where none is.
        self.best = np.full(count, -1.0)
        self.best_lcs = np.zeros(count, np.int64)
        self.best_len = np.ones(count, np.int64)
        self.floor = cut / 200  # (half the cut)

    def run(self) -> np.ndarray:
        n, m = self.n, self.m
        count = len(n)
        everyone = np.arange(count)
        whole = self._lcs(everyone, self.longs)  # bounds every window at once
        # Prefixes and suffixes shorter than the needle, from the shortest that could
        # reach the cut even if all of it matched (w / (n + w) >= cut / 200).
        shortest = np.maximum(1, np.ceil(self.cut * n / (200 - self.cut)).astype(np.int64))
        zero = np.zeros(count, np.int64)
        edge_top = _edge_top(whole, n, shortest, n - 1, zero, zero)
        full = whole / (2 * n) >= self.floor
        edged = (shortest < n) & (edge_top >= self.floor)
        self._first_windows(np.flatnonzero(full | edged))
        pairs = np.flatnonzero(full)
        self._full(pairs, zero[pairs], (m - n)[pairs], whole[pairs])
        pairs = np.flatnonzero(edged)
        for suffix in (False, True):
            self._edges(suffix, pairs, shortest[pairs], n[pairs] - 1)
        total = n + self.best_len
        # ``fuzz.ratio`` from the LCS as rapidfuzz computes it: 1 - Indel distance / total.
        ratio = 1.0 - (total - 2 * self.best_lcs) / total
        reached = (self.best >= 0) & (ratio >= self.cut / 100)
        return np.where(reached, ratio * 100, 0.0)

    def _first_windows(self, pairs: np.ndarray) -> None:
        """Score, per pair, the full window where the needle's start (or middle, or end)
        occurs word for word, if it does: usually the best window or close to it."""
        starts = []
        for p in pairs.tolist():
            short, long_ = self.shorts[p], self.longs[p]
            n = len(short)
            start = -1
            for offset in (0, n // 2, n - _PROBE):
                found = long_.find(short[offset : offset + _PROBE])
                if found >= 0:
                    start = min(max(found - offset, 0), len(long_) - n)
                    break
            starts.append(start)
        where = np.array(starts, np.int64)
        placed, where = pairs[where >= 0], where[where >= 0]
        if not len(placed):
            return
        got = self._lcs(placed, self._texts(_FULL, placed, where, where))
        self._improve(placed, got, self.n[placed], got / (2 * self.n[placed]))

    def _full(self, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray, lcs: np.ndarray) -> None:
        """Search the full windows starting in [lo, hi], one range per pair of ``owner``,
        whose stretch of text has the LCS ``lcs`` with the needle. A half's stretch is
        bounded by its parent's LCS until its own is computed."""
        bound = lcs.copy()
        known = np.ones(len(owner), bool)
        while len(owner):
            nn = 2 * self.n[owner]
            # Ranges that cannot win even at their parent's LCS go before any is computed.
            alive = self._open(owner, bound / nn)
            owner, lo, hi, bound, known, nn = (x[alive] for x in (owner, lo, hi, bound, known, nn))
            todo = np.flatnonzero(~known)
            if len(todo):
                texts = self._texts(_FULL, owner[todo], lo[todo], hi[todo])
                bound[todo] = self._lcs(owner[todo], texts)
            single = lo == hi
            self._improve(owner[single], bound[single], nn[single] // 2, bound[single] / nn[single])
            # A range surely holds a window with its LCS less the windows' shift.
            least = np.maximum(bound - (hi - lo), 0) / nn
            split = (lo < hi) & self._open(owner, bound / nn, least)
            owner, lo, hi, bound = owner[split], lo[split], hi[split], bound[split]
            mid = (lo + hi) // 2
            owner = np.concatenate([owner, owner])
            bound = np.concatenate([bound, bound])
            known = np.zeros(len(owner), bool)
            lo, hi = np.concatenate([lo, mid + 1]), np.concatenate([mid, hi])

    def _edges(self, suffix: bool, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> None:
        """Search the prefixes (suffixes) of lengths in [lo, hi], one range per pair of
        ``owner``. The LCS of the one of length hi is computed; a shorter one, of length
        w, has an LCS of at most ``base_lcs + w - base`` (at first: at most w)."""
        kind = _SUFFIX if suffix else _PREFIX
        base = np.zeros(len(owner), np.int64)
        base_lcs = np.zeros(len(owner), np.int64)
        lcs = self._lcs(owner, self._texts(kind, owner, hi, hi))
        while len(owner):
            nn = self.n[owner]
            self._improve(owner, lcs, hi, lcs / (nn + hi))  # the longest, exactly
            split = (lo < hi) & self._open(owner, _edge_top(lcs, nn, lo, hi, base, base_lcs))
            owner, lo, hi, lcs, base, base_lcs = (
                x[split] for x in (owner, lo, hi, lcs, base, base_lcs)
            )
            mid = (lo + hi) // 2
            at_mid = self._lcs(owner, self._texts(kind, owner, mid, mid))
            # The lower half ends at mid, known exactly now; the upper half starts above
            # it, so its shorter lengths have at most mid's LCS plus what they add.
            owner = np.concatenate([owner, owner])
            lo, hi = np.concatenate([lo, mid + 1]), np.concatenate([mid, hi])
            lcs = np.concatenate([at_mid, lcs])
            base = np.concatenate([base, mid])
            base_lcs = np.concatenate([base_lcs, at_mid])

    def _open(
        self, owner: np.ndarray, top: np.ndarray, least: np.ndarray | None = None
    ) -> np.ndarray:
        """Which ranges (of pairs ``owner``, scoring at most ``top``) may still hold a
        better window than the best scored, and one reaching the cut; ``least``: what
        each surely holds, so that a range another surely beats goes too."""
        open_ = (top >= self.floor) & (top > self.best[owner])
        if least is not None:
            floor = np.full(len(self.n), -1.0)
            np.maximum.at(floor, owner, least)
            open_ &= top >= floor[owner]
        return open_

    def _texts(self, kind: int, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> list[str]:
        longs = self.longs
        pairs, ends = owner.tolist(), hi.tolist()
        if kind == _FULL:  # the stretch holding the windows starting in [lo, hi]
            ends = (hi + self.n[owner]).tolist()
            return [longs[p][a:b] for p, a, b in zip(pairs, lo.tolist(), ends, strict=True)]
        if kind == _PREFIX:
            return [longs[p][:b] for p, b in zip(pairs, ends, strict=True)]
        return [longs[p][len(longs[p]) - b :] for p, b in zip(pairs, ends, strict=True)]

    def _improve(
        self, owner: np.ndarray, lcs: np.ndarray, length: np.ndarray, value: np.ndarray
    ) -> None:
        """Keep, per pair, the best of the windows scored (``value`` = LCS / (n + w))."""
        if not len(owner):
            return
        top = np.full(len(self.n), -1.0)
        np.maximum.at(top, owner, value)
        won = np.flatnonzero((top[owner] > self.best[owner]) & (value == top[owner]))
        self.best[owner[won]] = value[won]
        self.best_lcs[owner[won]] = lcs[won]
        self.best_len[owner[won]] = length[won]

    def _lcs(self, owner: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """LCS of each pair's needle (pairs ``owner``) with ``texts``."""
        if not len(owner):
            return np.zeros(0, np.int64)
        return process.cpdist(
            [self.shorts[p] for p in owner.tolist()],
            texts,
            scorer=LCSseq.similarity,
            workers=self.workers,
            dtype=np.int64,
        )


def _edge_top(
    lcs: np.ndarray,
    n: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    base: np.ndarray,
    base_lcs: np.ndarray,
) -> np.ndarray:
    """The most a prefix (suffix) of a length in [lo, hi] can score (as LCS / (n + w)),
    given ``lcs`` at least that of the one of length hi, and at most ``base_lcs + w - base``
    for length w: the two bounds cross at w = base + lcs - base_lcs, the best length."""
    w = np.clip(base + lcs - base_lcs, lo, hi)
    return np.minimum(lcs, base_lcs + w - base) / (n + w)
