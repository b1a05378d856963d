"""Can ``partial_ratio`` on long needles be made cheaper without changing a score?

An experiment for issue #13, not used by the tracker. ``fuzz.partial_ratio`` of a
needle of n > 64 characters against a haystack of m scores every one of its m + n - 1
windows (prefixes, full windows, suffixes). Neighbouring windows differ by one
character at each end, so their LCS with the needle differs by at most one a step:
scoring every ``stride``-th window bounds all the others, and only the stretches
whose bound reaches the best sampled score (or the cut) need scoring. That is exact
(the script checks every score against rapidfuzz's), and it scores few windows: at
stride 16, 22 sampled + 19 refined a pair against 332 on the pairs ``cluster()``
aligns here (29 + 27 against 435 on those of 300 ingested benchmark articles).
But a window costs about 1 µs through ``process.cpdist`` (the needle's bit pattern
built again for each) and 0.2 µs inside ``partial_ratio``, so this pure-Python
version is no faster; it would pay only as compiled code sharing one pattern
across a needle's windows.
What the tracker does instead (``tracker/alignment.py``) is a pre-filter, not a
scorer: a few LCS computations over large blocks bound a pair's score, and only the
pairs that may reach the cut are aligned by rapidfuzz.

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
from rapidfuzz.distance import LCSseq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # this checkout's tracker before any installed copy

from quote_variants import generate  # noqa: E402

import tracker.match as match  # noqa: E402
from tracker.match import Item, MatchSettings, cluster  # noqa: E402


def _lcs(needles: list[str], windows: list[str]) -> np.ndarray:
    got = process.cpdist(needles, windows, scorer=LCSseq.similarity, workers=1, dtype=np.int32)
    return got.astype(np.int64)


def _ratio(lcs: np.ndarray, lensum: np.ndarray) -> np.ndarray:
    """fuzz.ratio from an LCS, computed as rapidfuzz does (normalized Indel distance)."""
    return (1.0 - (lensum - 2 * lcs) / lensum) * 100


def bounded_partial(
    shorts: list[str], longs: list[str], cut: float, stride: int = 16
) -> tuple[np.ndarray, float, float]:
    """partial_ratio of each (shorter, longer) pair, 0 under ``cut``; also the windows
    sampled and refined per pair. Window j of a pair is longer[max(0, j-n+1):min(m, j+1)]."""
    pairs = len(shorts)
    n = np.fromiter(map(len, shorts), np.int64, pairs)
    m = np.fromiter(map(len, longs), np.int64, pairs)
    last = n + m - 2  # the last window's number
    per = (last - 1) // stride + 2  # samples 0, s, 2s, ... and the last window
    off = np.zeros(pairs + 1, np.int64)
    np.cumsum(per, out=off[1:])
    pid = np.repeat(np.arange(pairs), per)
    js = np.minimum((np.arange(off[-1]) - off[pid]) * stride, last[pid])
    st, en = np.maximum(0, js - n[pid] + 1), np.minimum(m[pid], js + 1)
    pl = pid.tolist()
    lcs = _lcs(
        [shorts[p] for p in pl],
        [longs[p][a:b] for p, a, b in zip(pl, st.tolist(), en.tolist(), strict=True)],
    )
    best = np.zeros(pairs)
    np.maximum.at(best, pid, _ratio(lcs, n[pid] + en - st))
    # The stretch between two samples of a pair: LCS at most (L0 + L1 + gap) / 2, over
    # windows no shorter than the shorter end's.
    seg = np.flatnonzero(pid[:-1] == pid[1:])
    gap = js[seg + 1] - js[seg]
    seg, gap = seg[gap > 1], gap[gap > 1]
    sp = pid[seg]
    l0, l1 = en[seg] - st[seg], en[seg + 1] - st[seg + 1]
    ub = np.minimum(np.minimum((lcs[seg] + lcs[seg + 1] + gap) // 2, n[sp]), np.maximum(l0, l1))
    go = _ratio(ub, n[sp] + np.minimum(l0, l1)) >= np.maximum(best, cut)[sp] - 1e-9
    seg, sp, gap = seg[go], sp[go], gap[go]
    refined = 0
    if len(seg):
        cnt = gap - 1
        rp = np.repeat(sp, cnt)
        starts = np.zeros(len(cnt) + 1, np.int64)
        np.cumsum(cnt, out=starts[1:])
        jj = np.repeat(js[seg], cnt) + 1 + np.arange(starts[-1]) - np.repeat(starts[:-1], cnt)
        rs, re_ = np.maximum(0, jj - n[rp] + 1), np.minimum(m[rp], jj + 1)
        rpl = rp.tolist()
        got = _lcs(
            [shorts[p] for p in rpl],
            [longs[p][a:b] for p, a, b in zip(rpl, rs.tolist(), re_.tolist(), strict=True)],
        )
        np.maximum.at(best, rp, _ratio(got, n[rp] + re_ - rs))
        refined = len(rpl)
    best[best < cut] = 0.0
    return best, int(off[-1]) / pairs, refined / pairs


def scored_pairs(quotes: int) -> list[tuple[str, str]]:
    """The (shorter, longer) pairs ``cluster()`` aligns with partial_ratio on generated quotes."""
    corpus = generate(quotes, seed=1)
    items = [
        Item(i, corpus.normalized[i], corpus.speaker[i], corpus.affiliations[i])
        for i in range(quotes)
    ]
    seen: list[tuple[str, str]] = []
    real = match.process

    def cpdist(a, b, scorer=None, **kw):
        if scorer is fuzz.partial_ratio:
            seen.extend(zip(a, b, strict=True))
        return real.cpdist(a, b, scorer=scorer, **kw)

    match.process = types.SimpleNamespace(cpdist=cpdist, cdist=real.cdist)  # type: ignore
    try:
        cluster(items, MatchSettings(), workers=1)
    finally:
        match.process = real
    return seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=30000, help="generated quotes to cluster")
    ap.add_argument("--pairs", type=int, default=20000, help="pairs drawn from those scored")
    ap.add_argument("--strides", default="8,16,24,32")
    args = ap.parse_args()
    cut = MatchSettings().suggest_score
    pairs = scored_pairs(args.quotes)
    pairs = random.Random(0).sample(pairs, min(args.pairs, len(pairs)))
    pairs = [(a, b) for a, b in pairs if len(a) > 64]  # short needles are fast already
    shorts, longs = [a for a, _ in pairs], [b for _, b in pairs]
    t = time.process_time()
    exact = process.cpdist(
        shorts, longs, scorer=fuzz.partial_ratio, score_cutoff=cut, workers=1, dtype=np.float64
    )
    base = time.process_time() - t
    windows = np.mean([len(a) + len(b) - 1 for a, b in pairs])
    print(
        f"{len(pairs):,} pairs with needles over 64 characters ({windows:.0f} windows a pair): "
        f"partial_ratio {base:.2f} CPU-s"
    )
    for stride in map(int, args.strides.split(",")):
        t = time.process_time()
        got, sampled, refined = bounded_partial(shorts, longs, cut, stride)
        took = time.process_time() - t
        print(
            f"  stride {stride}: {took:.2f} CPU-s ({took / base:.2f}x), windows scored a pair "
            f"{sampled:.0f} sampled + {refined:.0f} refined; scores differing "
            f"{int((got != exact).sum())}"
        )


if __name__ == "__main__":
    main()
