"""Scale of claim clustering (tracker.match): time, memory, incremental add, quality.

Usage:
    python benchmarks/cluster_scale.py                      # 10,000 and 100,000 quotes
    python benchmarks/cluster_scale.py --full               # ... and 1,000,000
    python benchmarks/cluster_scale.py --sizes 10000 --bf-sample 2000

Quotes come from benchmarks/quote_variants.py (seeded; ground truth = statement
id per quote). Each size runs in a fresh subprocess and reports:

- cluster time: ``tracker.match.cluster`` from scratch (single thread);
- peak RSS of that subprocess after clustering and the incremental adds
  (before the brute-force part), which includes the generated corpus;
- add-one-article: median time to add ``--article-size`` held-out quotes to
  the index of N quotes and find their parents (the ingest path), over
  ``--articles`` articles;
- pairwise precision / recall of the clusters (connected components of the
  links, singletons included) against the truth;
- brute force: all pairs scored with ``rapidfuzz.process.cdist`` (2 workers)
  as the max of ratio, token_sort_ratio and, when one text is > 1.3x longer,
  partial_ratio (``tracker.match.score``; when one text is > 1.3x longer, ratio
  and token_sort_ratio cannot reach 88, so the pairs >= link_score are those of
  score() whether it takes the max or the partial score). All pairs of N quotes
  take far too long here (partial_ratio on ~160-character quotes costs tens of
  microseconds a pair), so brute force runs on a random sample of
  ``--bf-sample`` quotes (all of them if N <= --bf-full-max); its time for N
  is extrapolated from the per-pair cost (marked "est").
- candidate recall vs brute force: of the sampled pairs brute force scores
  >= link_score, the fraction that the index over all N quotes offers as
  candidates (``Index.candidates``), i.e. the pairs our clustering can see.

Sizes above ``--exact-max`` (default 100,000) are estimated rather than
clustered in full: the index is built over all N quotes (its memory is
measured), ``best_parent`` is timed on a random sample and scaled to N; pair
precision/recall are then not available.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from bisect import bisect_right
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # this checkout's tracker before any installed copy

from quote_variants import generate  # noqa: E402

import tracker.match as match  # noqa: E402
from tracker.match import (  # noqa: E402
    Index,
    Item,
    MatchSettings,
    best_parent,
    cluster,
    contained,
    grams,
    n_words,
    score,
    speakers_agree,
)

T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def cpu_s() -> float:
    """CPU seconds of this process and its finished children (cluster()'s workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def tree_pss_mb() -> float:
    """Memory of this process and its children (cluster()'s forked workers), shared
    pages split between them (PSS): what they take together, counted once."""
    me = Path("/proc/self")
    pids = ["self"]
    for task in (me / "task").iterdir():
        with contextlib.suppress(OSError):
            pids += (task / "children").read_text().split()
    total = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
                    break
        except OSError:
            pass  # a worker that just ended
    return total


class PeakSampler:
    """Largest ``tree_pss_mb`` seen every 0.2 s while in use (workers included)."""

    def __enter__(self):
        import threading

        self.peak = tree_pss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, tree_pss_mb())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_pss_mb())


# ---------------------------------------------------------------- quality


def components(n: int, links) -> list[int]:
    """Cluster of each of items 0..n-1: the connected components of the links, as a
    rebuild forms them (a phrase gathering the longer quotes that contain it may close
    a loop with the links of those quotes: union-find, not parent-following)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links.values():
        if link.child < n and link.parent < n:
            a, b = find(link.child), find(link.parent)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(n)]


def pair_scores(labels: list[int], truth: list[int], max_df: int) -> dict:
    import numpy as np

    lab = np.asarray(labels, dtype=np.int64)
    tr = np.asarray(truth, dtype=np.int64)

    def npairs(counts):
        counts = counts.astype(np.int64)
        return int((counts * (counts - 1) // 2).sum())

    _, c_cnt = np.unique(lab, return_counts=True)
    t_ids, t_cnt = np.unique(tr, return_counts=True)
    key = lab * (int(tr.max()) + 1) + tr
    keys, ct = np.unique(key, return_counts=True)
    tp = npairs(ct)
    pred, gold = npairs(c_cnt), npairs(t_cnt)
    # Recall on statements quoted at most max_df times (their grams are never dropped
    # just for being popular).
    small = set(t_ids[t_cnt <= max_df].tolist())
    key_t = keys % (int(tr.max()) + 1)
    in_small = np.fromiter((t in small for t in key_t.tolist()), bool, len(key_t))
    tp_small = npairs(ct[in_small])
    gold_small = npairs(t_cnt[t_cnt <= max_df])
    return {
        "precision": tp / pred if pred else 1.0,
        "recall": tp / gold if gold else 1.0,
        "recall_small": tp_small / gold_small if gold_small else 1.0,
        "pred_pairs": pred,
        "gold_pairs": gold,
        "clusters": int(len(c_cnt)),
        "statements": int(len(t_cnt)),
        "quotes_in_big_statements": int(t_cnt[t_cnt > max_df].sum()),
        "gold_pairs_big_statements": npairs(t_cnt[t_cnt > max_df]),
    }


# ---------------------------------------------------------------- brute force


def brute_force(items: list[Item], settings: MatchSettings) -> dict:
    """Score all pairs of ``items`` like tracker.match.score, with cdist on 2 workers.

    Quotes are sorted by length so partial_ratio is computed only against the
    columns where score() would use it (the longer text > 1.3x the shorter).
    Returns the time, the number of pairs and the pairs with score >= link_score.
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    its = sorted(items, key=lambda it: (len(it.normalized), it.id))
    norms = [it.normalized for it in its]
    lens = np.array([len(s) for s in norms])
    n = len(its)
    cut = settings.suggest_score
    link_pairs: list[tuple[int, int]] = []
    n_suggest = 0
    chunk = 250
    t = time.perf_counter()
    for r0 in range(0, n, chunk):
        r1 = min(n, r0 + chunk)
        rows = norms[r0:r1]
        cols = norms[r0:]  # upper triangle (plus the diagonal block)
        best = process.cdist(
            rows, cols, scorer=fuzz.ratio, score_cutoff=cut, workers=-1, dtype=np.float64
        )
        np.maximum(
            best,
            process.cdist(
                rows,
                cols,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=cut,
                workers=-1,
                dtype=np.float64,
            ),
            out=best,
        )
        # Columns long enough for partial_ratio for at least the shortest row.
        c0 = bisect_right(lens.tolist(), lens[r0] * 1.3, lo=r0)
        if c0 < n:
            part = process.cdist(
                rows,
                norms[c0:],
                scorer=fuzz.partial_ratio,
                score_cutoff=cut,
                workers=-1,
                dtype=np.float64,
            )
            ok = lens[c0:][None, :] > lens[r0:r1][:, None] * 1.3
            part[~ok] = 0
            sub = best[:, c0 - r0 :]
            np.maximum(sub, part, out=sub)
        # Keep j > i only.
        ii, jj = np.nonzero(best >= cut)
        gi, gj = ii + r0, jj + r0
        keep = gj > gi
        gi, gj, sc = gi[keep], gj[keep], best[ii[keep], jj[keep]]
        n_suggest += int(len(gi))
        for a, b in zip(
            gi[sc >= settings.link_score].tolist(),
            gj[sc >= settings.link_score].tolist(),
            strict=True,
        ):
            link_pairs.append((its[a].id, its[b].id))
    secs = time.perf_counter() - t
    return {
        "seconds": secs,
        "pairs": n * (n - 1) // 2,
        "link_pairs": link_pairs,
        "suggest_pairs": n_suggest,
    }


def candidates(index: Index, item: Item) -> list[int]:
    """The candidates best_parent scores (with its shared-trigram fraction, if it has one)."""
    frac = getattr(match, "SHARED_FRACTION", None)
    return index.candidates(item) if frac is None else index.candidates(item, frac)


def representative(index: Index, item: Item) -> int:
    """The indexed quote standing for ``item``: itself, or the first quote with the same
    wording (and speaker) when the index keeps one entry per wording."""
    same = getattr(index, "same_wording", None)
    rep = same(item) if same is not None else None
    return item.id if rep is None else rep


class Coverage:
    """Whether the index can bring two quotes together: same indexed entry (copies join
    without scoring), or one's entry is among the other's candidates."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.rep: dict[int, int] = {}
        self.cand: dict[int, set[int]] = {}

    def _get(self, it: Item) -> tuple[int, set[int]]:
        if it.id not in self.rep:
            self.rep[it.id] = representative(self.index, it)
            self.cand[it.id] = set(candidates(self.index, it))
        return self.rep[it.id], self.cand[it.id]

    def __call__(self, a: Item, b: Item) -> bool:
        ra, ca = self._get(a)
        rb, cb = self._get(b)
        return ra == rb or rb in ca or ra in cb or b.id in ca or a.id in cb


def true_pair_recall(
    main: list[Item],
    truth: list[int],
    index: Index,
    settings: MatchSettings,
    rng: random.Random,
    k: int,
) -> dict:
    """Of ``k`` pairs of quotes of one statement (drawn uniformly among all such pairs)
    that score >= link_score, the share the index offers as candidates."""
    from itertools import accumulate

    members: dict[int, list[Item]] = {}
    for it in main:
        members.setdefault(truth[it.id], []).append(it)
    stmts = [t for t, m in members.items() if len(m) > 1]
    cum = list(accumulate(len(members[t]) * (len(members[t]) - 1) // 2 for t in stmts))
    covered = Coverage(index)
    max_df = index.max_df
    hit = {False: 0, True: 0}
    tot = {False: 0, True: 0}
    tries = 0
    while sum(tot.values()) < k and tries < 50 * k:
        for t in rng.choices(stmts, cum_weights=cum, k=256):
            tries += 1
            a, b = rng.sample(members[t], 2)
            if score(a.normalized, b.normalized)[0] < settings.link_score:
                continue
            popular = len(members[t]) > max_df
            tot[popular] += 1
            hit[popular] += covered(a, b)
    n = sum(tot.values())
    return {
        "pairs": n,
        "recall": sum(hit.values()) / n if n else 1.0,
        "popular_pairs": tot[True],
        "recall_popular": hit[True] / tot[True] if tot[True] else float("nan"),
        "recall_not_popular": hit[False] / tot[False] if tot[False] else float("nan"),
    }


def linkable(a: Item, b: Item, s: MatchSettings) -> bool:
    """Could best_parent link this pair at all (words, containment, speakers)?"""
    wa, wb = n_words(a.normalized), n_words(b.normalized)
    short, long_ = (a, b) if (wa, len(a.normalized)) <= (wb, len(b.normalized)) else (b, a)
    w = min(wa, wb)
    if w < s.min_words:
        return False
    if w < s.short_words and not contained(short.normalized, long_.normalized):
        return False
    return speakers_agree(a, b) or w >= s.long_words


class _Restricted(Index):
    """An index over a sample whose candidates come from elsewhere: the full index
    (limited to the sample) or brute force. Everything else in best_parent (exact
    copies, judging, the parent rule) runs unchanged, so only candidates differ."""

    def __init__(self, settings: MatchSettings, sample: list[Item], offer) -> None:
        super().__init__(settings)
        self.offer = offer
        for it in sample:
            self.add(it)

    def sharing(self, item, min_fraction=0.0, counts=None):
        return self.offer(item)


def _sample_recall(sample: list[Item], truth: list[int], index: Index) -> float:
    """Pair recall, against the truth, of clustering ``sample`` with ``index``."""
    order = sorted(sample, key=lambda it: (-n_words(it.normalized), -len(it.normalized), it.id))
    parent = {it.id: it.id for it in sample}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for it in order:
        link, _ = best_parent(it, index)
        if link is not None:
            parent[root(link.child)] = root(link.parent)
    together: dict[tuple[int, int], int] = {}
    gold: dict[int, int] = {}
    for it in sample:
        key = (root(it.id), truth[it.id])
        together[key] = together.get(key, 0) + 1
        gold[truth[it.id]] = gold.get(truth[it.id], 0) + 1
    tp = sum(c * (c - 1) // 2 for c in together.values())
    pairs = sum(c * (c - 1) // 2 for c in gold.values())
    return tp / pairs if pairs else 1.0


def recall_vs_brute_force(
    main: list[Item],
    truth: list[int],
    index: Index,
    settings: MatchSettings,
    rng: random.Random,
    k: int,
) -> dict:
    """Pair recall of our clustering relative to brute force's, on whole statements.

    Draws statements at random and takes all their quotes (about ``k``), then
    clusters that sample twice with the same rules: once with the candidates the
    index over all N quotes offers (limited to the sample), once with every pair
    brute force finds >= link_score, all of them scored (no cap). The ratio of the
    two pair recalls is the issue's ">= 0.99 of brute force's pair recall".
    """
    members: dict[int, list[Item]] = {}
    for it in main:
        members.setdefault(truth[it.id], []).append(it)
    stmts = list(members)
    rng.shuffle(stmts)
    sample: list[Item] = []
    for t in stmts:
        if len(sample) >= k:
            break
        sample += members[t]
    ids = {it.id for it in sample}
    frac = getattr(match, "SHARED_FRACTION", 0.0)
    # The full index holds one entry per wording (and speaker): a candidate stands for
    # every sampled quote with its wording, whether or not it was itself sampled.
    same: dict[int, list[int]] = {}
    for it in sample:
        same.setdefault(representative(index, it), []).append(it.id)

    def from_index(item):
        return {
            s: n
            for q, n in index.sharing(item, frac).items()
            for s in same.get(q, ())
            if s != item.id
        }

    bf = brute_force(sample, settings)
    near: dict[int, set[int]] = {}
    for a, b in bf["link_pairs"]:
        near.setdefault(a, set()).add(b)
        near.setdefault(b, set()).add(a)

    def from_brute_force(item):
        return dict.fromkeys(near.get(item.id, ()), 1)

    uncapped = MatchSettings(**{**vars(settings), "max_candidates": 10**9})
    ours = _sample_recall(sample, truth, _Restricted(settings, sample, from_index))
    theirs = _sample_recall(sample, truth, _Restricted(uncapped, sample, from_brute_force))
    return {
        "quotes": len(sample),
        "statements": len({truth[i] for i in ids}),
        "bf_s": bf["seconds"],
        "recall": ours,
        "recall_bf": theirs,
        "ratio": ours / theirs if theirs else 1.0,
    }


# ---------------------------------------------------------------- one size


def profile_sample(index: Index, sample: list[Item]) -> dict:
    """Where best_parent spends its time: candidate generation vs scoring."""
    from rapidfuzz import fuzz

    t_cand = t_all = 0.0
    n_cand = n_longer = 0
    t_fn = {"ratio": 0.0, "token_sort_ratio": 0.0, "partial_ratio": 0.0}
    n_partial = 0
    # useful[reaches suggest_score][shared grams 0..3+] over the scored candidates
    useful = [[0] * 4, [0] * 4]
    max_df = index.max_df
    for it in sample:
        t = time.perf_counter()
        cands = candidates(index, it)
        t_cand += time.perf_counter() - t
        t = time.perf_counter()
        best_parent(it, index)
        t_all += time.perf_counter() - t
        n_cand += len(cands)
        w = n_words(it.normalized)
        longer = [
            index.items[c].normalized for c in cands if n_words(index.items[c].normalized) >= w
        ]
        n_longer += len(longer)
        a = it.normalized
        cut = index.settings.suggest_score
        for name, fn in (("ratio", fuzz.ratio), ("token_sort_ratio", fuzz.token_sort_ratio)):
            t = time.perf_counter()
            for b in longer:
                fn(a, b, score_cutoff=cut)
            t_fn[name] += time.perf_counter() - t
        ga = {g for g in grams(a) if len(index.postings.get(g, ())) <= max_df}
        for b in longer:
            sim, _ = score(a, b)
            k_shared = len(ga & set(grams(b)))
            useful[sim >= index.settings.suggest_score][min(k_shared, 3)] += 1
        plist = [b for b in longer if max(len(a), len(b)) > min(len(a), len(b)) * 1.3]
        n_partial += len(plist)
        t = time.perf_counter()
        for b in plist:
            fuzz.partial_ratio(a, b, score_cutoff=cut)
        t_fn["partial_ratio"] += time.perf_counter() - t
    k = len(sample)
    return {
        "candidates_per_item": n_cand / k,
        "scored_per_item": n_longer / k,
        "partial_per_item": n_partial / k,
        "best_parent_ms": t_all / k * 1e3,
        "candidates_ms": t_cand / k * 1e3,
        "fn_ms": {name: v / k * 1e3 for name, v in t_fn.items()},
        "useless_by_shared": useful[0],
        "useful_by_shared": useful[1],
    }


def meaning_step(items: list[Item], labels: list[int]) -> dict:
    """Suggestions by meaning as a rebuild makes them (tracker.clusters.common._meaning_alike):
    one claim per cluster (its longest wording), candidates from the whole archive;
    time and the memory of the process with every embedding it keeps."""
    from tracker import semantic

    texts = {it.id: it.normalized for it in items}
    members: dict[int, int] = {}
    for it in items:
        lab = labels[it.id]
        best = members.get(lab)
        if best is None or len(texts[it.id]) > len(texts[best]):
            members[lab] = it.id
    claims = sorted(members.values())
    semantic.model()  # loaded before the clock starts, as ingest has it
    t, c = time.perf_counter(), cpu_s()
    with PeakSampler() as sampler:
        with semantic.one_thread():
            sug = semantic.Suggester(texts)
        found = len(semantic.suggest_all(sug, claims, lambda a, b: labels[a] != labels[b], 5))
    return {
        "claims": len(claims),
        "suggestions": found,
        "seconds": time.perf_counter() - t,
        "cpu_s": cpu_s() - c,
        "peak_pss_mb": sampler.peak,
    }


def run_size(n: int, args) -> dict:
    settings = MatchSettings()
    held_n = args.articles * args.article_size
    log(f"N={n}: generating {n + held_n} quotes (seed {args.seed})")
    t = time.perf_counter()
    corpus = generate(n + held_n, seed=args.seed)
    items = [
        Item(i, corpus.normalized[i], corpus.speaker[i], corpus.affiliations[i])
        for i in range(n + held_n)
    ]
    main, held = items[:n], items[n:]
    truth = corpus.statement[:n]
    out: dict = {"n": n, "gen_s": time.perf_counter() - t, "settings": vars(settings)}
    out["code"] = code_version()
    out["corpus"] = {
        "statements": corpus.n_statements,
        "cross_speaker_short": corpus.n_cross_speaker_short,
        "misattributed_long": corpus.n_misattributed_long,
        "mean_words": statistics.fmean(n_words(it.normalized) for it in main),
    }
    del corpus
    gc.collect()
    out["rss_after_generation_mb"] = rss_mb()
    exact = n <= args.exact_max
    out["mode"] = "exact" if exact else "estimate"
    rng = random.Random(args.seed + 7)

    if exact:
        log(f"N={n}: cluster() from scratch")
        t, c = time.perf_counter(), cpu_s()
        load = __import__("os").getloadavg()[0]
        with PeakSampler() as sampler:
            result, index = cluster(main, settings)
        out["cluster_s"] = time.perf_counter() - t
        out["cluster_cpu_s"] = cpu_s() - c
        out["load"] = [load, __import__("os").getloadavg()[0]]
        out["peak_pss_cluster_mb"] = sampler.peak
        out["links"] = len(result.links)
        out["suggestions"] = len(result.suggestions)
        log(f"N={n}: clustered in {out['cluster_s']:.1f}s, {len(result.links)} links")
    else:
        log(f"N={n}: estimate mode: building the index, timing best_parent on a sample")
        t = time.perf_counter()
        index = Index(settings)
        ordered = sorted(main, key=lambda it: (-n_words(it.normalized), -len(it.normalized), it.id))
        for it in ordered:
            index.add(it)
        build = time.perf_counter() - t
        sample = rng.sample(main, args.estimate_sample)
        t = time.perf_counter()
        sugg = links = 0
        for it in sample:
            link, doubtful = best_parent(it, index)
            links += link is not None
            sugg += len(doubtful)
        per = (time.perf_counter() - t) / len(sample)
        out["index_build_s"] = build
        out["cluster_s"] = build + per * n
        out["links"] = round(links / len(sample) * n)
        out["suggestions"] = round(sugg / len(sample) * n)
        del ordered
        log(
            f"N={n}: index built in {build:.1f}s; best_parent {per * 1e3:.2f} ms/quote "
            f"-> cluster est. {out['cluster_s']:.0f}s"
        )
    out["peak_rss_cluster_mb"] = peak_rss_mb()
    max_df = index.max_df  # the bound cluster() used (it grows with the archive)
    pl = [len(p) for p in index.postings.values()]
    out["postings"] = {
        "grams": len(pl),
        "over_max_df": sum(x > max_df for x in pl),
        "largest": max(pl),
        "entries": len(getattr(index, "exact", None) or index.items),
    }

    # Incremental path: one article at a time, like tracker.clusters.add_quotes.
    log(f"N={n}: adding {args.articles} articles of {args.article_size} quotes")
    times = []
    found = 0
    for a in range(args.articles):
        art = sorted(
            held[a * args.article_size : (a + 1) * args.article_size],
            key=lambda it: -len(it.normalized),
        )
        t = time.perf_counter()
        for it in art:
            index.add(it)
        for it in art:
            link, _ = best_parent(it, index)
            found += link is not None
        times.append(time.perf_counter() - t)
    out["add_article_ms"] = statistics.median(times) * 1e3
    out["add_article_max_ms"] = max(times) * 1e3
    out["add_article_linked"] = found / max(1, held_n)
    out["peak_rss_mb"] = peak_rss_mb()

    # Brute-force sample and the index's candidates for it (the index now also holds
    # the articles' quotes: a few hundred more, immaterial). Measured after peak RSS.
    bf_n = n if n <= args.bf_full_max else min(args.bf_sample, n)
    bf_items = main if bf_n == n else rng.sample(main, bf_n)
    covered = Coverage(index)
    for it in bf_items:
        covered(it, it)

    draws = []
    for d in range(args.recall_draws):
        log(
            f"N={n}: pair recall vs brute force, draw {d + 1} of {args.recall_draws}: "
            f"{args.recall_sample} quotes of whole statements"
        )
        # Draw d uses its own generator, so draws do not depend on the other settings.
        draw_rng = random.Random(args.seed * 1000 + d) if args.recall_draws > 1 else rng
        draws.append(
            recall_vs_brute_force(main, truth, index, settings, draw_rng, args.recall_sample)
        )
    out["vs_bf"] = (
        draws[0]
        if len(draws) == 1
        else {
            **draws[0],
            "quotes": sum(x["quotes"] for x in draws) // len(draws),
            "statements": sum(x["statements"] for x in draws) // len(draws),
            "recall": statistics.fmean(x["recall"] for x in draws),
            "recall_bf": statistics.fmean(x["recall_bf"] for x in draws),
            "ratio": statistics.fmean(x["ratio"] for x in draws),
            "ratios": [x["ratio"] for x in draws],
        }
    )

    log(f"N={n}: candidate recall on sampled pairs of one statement")
    out["true_pairs"] = true_pair_recall(main, truth, index, settings, rng, args.true_pairs)

    # Profile of best_parent on a sample.
    out["profile"] = profile_sample(index, rng.sample(main, min(args.profile_sample, n)))

    if exact:
        log(f"N={n}: pair precision/recall")
        labels = components(n, result.links)
        out["quality"] = pair_scores(labels, truth, max_df)
        del result
        if args.semantic:
            log(f"N={n}: suggestions by meaning for one claim per cluster")
            out["meaning"] = meaning_step(main, labels)
            log(
                f"N={n}: {out['meaning']['suggestions']:,} suggestions by meaning in "
                f"{out['meaning']['seconds']:.1f}s"
            )
        del labels

    log(f"N={n}: brute force over {bf_n} quotes ({bf_n * (bf_n - 1) // 2} pairs)")
    bf = brute_force(bf_items, settings)
    by_id = {it.id: it for it in bf_items}
    lp = bf["link_pairs"]
    hit = sum(1 for a, b in lp if covered(by_id[a], by_id[b]))
    lk = [(a, b) for a, b in lp if linkable(by_id[a], by_id[b], settings)]
    hit_lk = sum(1 for a, b in lk if covered(by_id[a], by_id[b]))
    per_pair = bf["seconds"] / bf["pairs"]
    # Why the index missed a pair: one of its statements is quoted more than max_df
    # times (all its grams are dropped), the two share no trigram at all, or share
    # only grams carried by more than max_df quotes.
    size: dict[int, int] = {}
    for t_ in truth:
        size[t_] = size.get(t_, 0) + 1
    stmt = {it.id: truth[it.id] for it in bf_items}
    why = {
        "popular_statement": 0,
        "no_shared_gram": 0,
        "only_frequent_grams": 0,
        "too_few_shared_grams": 0,
    }
    big_pairs = 0
    missed_other_statement = 0
    for a, b in lp:
        big = size[stmt[a]] > max_df or size[stmt[b]] > max_df
        big_pairs += big
        if covered(by_id[a], by_id[b]):
            continue
        missed_other_statement += stmt[a] != stmt[b]
        shared = set(grams(by_id[a].normalized)) & set(grams(by_id[b].normalized))
        if big:
            why["popular_statement"] += 1
        elif not shared:
            why["no_shared_gram"] += 1
        elif all(len(index.postings.get(g, ())) > max_df for g in shared):
            why["only_frequent_grams"] += 1
        else:
            why["too_few_shared_grams"] += 1  # fewer than candidates() needs
    hit_small = sum(
        1
        for a, b in lp
        if size[stmt[a]] <= max_df and size[stmt[b]] <= max_df and covered(by_id[a], by_id[b])
    )
    out["bf"] = {
        "sample": bf_n,
        "measured": bf_n == n,
        "sample_s": bf["seconds"],
        "us_per_pair": per_pair * 1e6,
        "seconds": per_pair * n * (n - 1) / 2,
        "link_pairs": len(lp),
        "suggest_pairs": bf["suggest_pairs"],
        "cand_recall": hit / len(lp) if lp else 1.0,
        "linkable_pairs": len(lk),
        "cand_recall_linkable": hit_lk / len(lk) if lk else 1.0,
        "cand_recall_not_popular": hit_small / (len(lp) - big_pairs)
        if len(lp) > big_pairs
        else 1.0,
        "popular_pairs": big_pairs,
        "missed_because": why,
        "missed_different_statements": missed_other_statement,
    }
    out["speedup"] = out["bf"]["seconds"] / out["cluster_s"]
    out["total_s"] = time.perf_counter() - T0
    log(f"N={n}: done in {out['total_s']:.0f}s")
    return out


# ---------------------------------------------------------------- driver


def fmt_row(r: dict) -> list[str]:
    if "error" in r:
        return [f"{r['n']:,}", r["error"]] + [""] * 9
    q = r.get("quality")
    est = r["mode"] == "estimate"
    bf = r["bf"]
    return [
        f"{r['n']:,}",
        f"{r['cluster_s']:.1f}" + (" est" if est else ""),
        f"{r['peak_rss_mb']:.0f}" + (" *" if est else ""),
        f"{r['add_article_ms']:.1f}",
        f"{q['precision']:.3f}" if q else "n/a",
        f"{q['recall']:.3f}" if q else "n/a",
        f"{bf['seconds']:.0f}" + ("" if bf["measured"] else " est"),
        f"{r['speedup']:.1f}x",
        f"{r['vs_bf']['recall']:.3f} / {r['vs_bf']['recall_bf']:.3f} = {r['vs_bf']['ratio']:.3f}",
        f"{bf['cand_recall']:.3f}",
        f"{r['true_pairs']['recall']:.3f}",
    ]


HEAD = [
    "N",
    "cluster s",
    "peak RSS MB",
    "add article ms",
    "pair P",
    "pair R",
    "brute force s",
    "speedup",
    "recall vs brute force",
    "cand recall",
    "(true pairs)",
]


def print_table(rows: list[dict]) -> None:
    table = [HEAD] + [fmt_row(r) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(HEAD))]
    for k, row in enumerate(table):
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def code_version() -> str:
    """Which tracker/match.py was measured: its content hash and the git commit."""
    import hashlib

    path = Path(match.__file__)
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    try:
        head = subprocess.run(
            ["git", "-C", str(path.parent), "log", "-1", "--format=%h %ci"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(path.parent), "status", "--porcelain", str(path)],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head, dirty = "?", ""
    return f"tracker/match.py sha1 {digest} (git {head}{', modified' if dirty else ''})"


def print_details(r: dict, args) -> None:
    if "error" in r:
        print(f"\nN={r['n']:,}: {r['error']}")
        return
    c, p, b = r["corpus"], r["profile"], r["bf"]
    print(
        f"\nN={r['n']:,} ({r['mode']}; subprocess total {r['total_s']:.0f}s, "
        f"generation {r['gen_s']:.1f}s)"
    )
    print(f"  measured: {r['code']}")
    print(
        f"  corpus: {c['statements']:,} statements, mean {c['mean_words']:.1f} words/quote, "
        f"{c['cross_speaker_short']} short quotes re-credited (another statement), "
        f"{c['misattributed_long']} long ones (same statement)"
    )
    if "cluster_cpu_s" in r:
        print(
            f"  cluster(): {r['cluster_s']:.1f} s wall, {r['cluster_cpu_s']:.1f} CPU-s "
            f"(workers included); load average {r['load'][0]:.1f} -> {r['load'][1]:.1f}"
        )
    print(
        f"  memory: RSS {r['rss_after_generation_mb']:.0f} MB after generating the corpus, "
        f"peak {r['peak_rss_cluster_mb']:.0f} MB after clustering, "
        f"{r['peak_rss_mb']:.0f} MB after the incremental adds"
        + (" (* estimate mode: index only, no Result)" if r["mode"] == "estimate" else "")
        + (
            f"; during cluster() with its workers {r['peak_pss_cluster_mb']:.0f} MB (PSS, "
            "shared pages counted once)"
            if "peak_pss_cluster_mb" in r
            else ""
        )
    )
    if "meaning" in r:
        m = r["meaning"]
        print(
            f"  suggestions by meaning: {m['suggestions']:,} for {m['claims']:,} claims in "
            f"{m['seconds']:.1f} s ({m['cpu_s']:.1f} CPU-s), peak {m['peak_pss_mb']:.0f} MB "
            "(PSS, the index and corpus included)"
        )
    po = r["postings"]
    print(
        f"  index: {po.get('entries', r['n']):,} entries, {po['grams']:,} trigrams, "
        f"{po['over_max_df']:,} over max_df "
        f"(largest posting {po['largest']:,}); {r['links']:,} links, "
        f"{r['suggestions']:,} suggestions"
    )
    fn = p["fn_ms"]
    print(
        f"  best_parent per quote: {p['best_parent_ms']:.2f} ms = candidates "
        f"{p['candidates_ms']:.2f} ms ({p['candidates_per_item']:.0f} candidates, "
        f"{p['scored_per_item']:.0f} longer ones scored) + scoring; rapidfuzz alone, "
        f"with score_cutoff=suggest_score: "
        f"ratio {fn['ratio']:.2f} ms, token_sort_ratio {fn['token_sort_ratio']:.2f} ms, "
        f"partial_ratio {fn['partial_ratio']:.2f} ms ({p['partial_per_item']:.0f} calls)"
    )
    u, x = p["useful_by_shared"], p["useless_by_shared"]
    tot = sum(u) + sum(x)
    print(
        f"  scored candidates reaching suggest_score: {sum(u) / max(1, tot):.1%}; by shared "
        f"trigrams 1/2/3+: useful {u[1]}/{u[2]}/{u[3]}, useless {x[1]}/{x[2]}/{x[3]}"
    )
    print(
        f"  add one article of {args.article_size}: median {r['add_article_ms']:.1f} ms, "
        f"max {r['add_article_max_ms']:.1f} ms; {r['add_article_linked']:.0%} of the new "
        f"quotes found a parent"
    )
    q = r.get("quality")
    if q:
        print(
            f"  pairs: precision {q['precision']:.4f} recall {q['recall']:.4f} "
            f"({q['pred_pairs']:,} predicted, {q['gold_pairs']:,} true pairs; "
            f"{q['clusters']:,} clusters for {q['statements']:,} statements); "
            f"recall on statements quoted <= max_df times {q['recall_small']:.4f}; "
            f"{q['quotes_in_big_statements']:,} quotes in statements quoted > max_df times "
            f"hold {q['gold_pairs_big_statements']:,} of the true pairs"
        )
    kind = "all N quotes" if b["measured"] else f"random sample of {b['sample']:,} quotes"
    print(
        f"  brute force on {kind}: {b['sample_s']:.1f}s, {b['us_per_pair']:.2f} us/pair "
        f"(cdist, 2 workers) -> {'measured' if b['measured'] else 'estimated'} "
        f"{b['seconds']:,.0f}s for N; {b['link_pairs']:,} pairs >= link_score "
        f"({b['linkable_pairs']:,} linkable by best_parent's rules), "
        f"{b['suggest_pairs']:,} >= suggest_score; candidate recall {b['cand_recall']:.4f} "
        f"(linkable {b['cand_recall_linkable']:.4f}; pairs of statements quoted <= max_df "
        f"times {b['cand_recall_not_popular']:.4f})"
    )
    v = r["vs_bf"]
    print(
        f"  pair recall vs brute force on {v['quotes']:,} quotes of {v['statements']:,} whole "
        f"statements: index {v['recall']:.4f}, brute force {v['recall_bf']:.4f} "
        f"(brute force {v['bf_s']:.0f}s) -> ratio {v['ratio']:.4f}"
    )
    if "ratios" in v:
        print(
            f"    means of {len(v['ratios'])} draws; ratio per draw: "
            + ", ".join(f"{x:.3f}" for x in sorted(v["ratios"]))
            + f" ({sum(x >= 0.99 for x in v['ratios'])} at >= 0.99)"
        )
    tp = r["true_pairs"]
    print(
        f"  candidate recall on {tp['pairs']:,} sampled same-statement pairs >= link_score: "
        f"{tp['recall']:.4f} (statements quoted <= max_df times {tp['recall_not_popular']:.4f}, "
        f"more often {tp['recall_popular']:.4f} on {tp['popular_pairs']:,} pairs)"
    )
    print(
        "  missed candidate pairs (brute-force sample): "
        + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in b["missed_because"].items())
        + f"; {b['missed_different_statements']:,} of the missed pairs are quotes of two "
        f"different statements (pairs of statements quoted > max_df times: "
        f"{b['popular_pairs']:,})"
    )


def check_targets(rows: list[dict]) -> None:
    print("\ntargets:")
    for r in rows:
        if "error" in r:
            continue
        n = r["n"]
        if n == 100_000:
            est = " (est)" if r["mode"] == "estimate" else ""
            b = r["bf"]
            for ok, what in (
                (r["cluster_s"] <= 20, f"100k clustered in <= 20 s: {r['cluster_s']:.1f}s{est}"),
                (r["speedup"] >= 20, f">= 20x faster than brute force: {r['speedup']:.1f}x"),
                (
                    r["vs_bf"]["ratio"] >= 0.99,
                    f">= 0.99 of brute force's pair recall: {r['vs_bf']['ratio']:.3f} "
                    f"(on {r['vs_bf']['quotes']:,} quotes of whole statements; candidate recall "
                    f"on all pairs >= link_score {b['cand_recall']:.3f})",
                ),
                (
                    r["add_article_ms"] <= 50,
                    f"one article added in <= 50 ms: {r['add_article_ms']:.1f} ms",
                ),
            ):
                print(f"  [{'ok' if ok else 'MISSED'}] {what}")
        if n == 1_000_000:
            peak = max(
                r["peak_rss_mb"],
                r.get("peak_pss_cluster_mb", 0),
                r.get("meaning", {}).get("peak_pss_mb", 0),
            )
            ok = peak <= 4096
            star = " (index only, estimate mode)" if r["mode"] == "estimate" else ""
            print(
                f"  [{'ok' if ok else 'MISSED'}] 1M within 4 GB (workers included): "
                f"{peak:.0f} MB{star}"
            )
            print(
                f"  [{'ok' if r['cluster_s'] <= 300 else 'MISSED'}] 1M clustered in <= 300 s: "
                f"{r['cluster_s']:.0f}s" + (" est" if r["mode"] == "estimate" else "")
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--full", action="store_true", help="add 1,000,000 to --sizes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--article-size", type=int, default=20)
    ap.add_argument(
        "--bf-sample",
        type=int,
        default=3000,
        help="quotes in the brute-force sample (default 3000)",
    )
    ap.add_argument(
        "--bf-full-max",
        type=int,
        default=0,
        help="brute force over all N quotes when N <= this (10,000 takes ~20 min)",
    )
    ap.add_argument(
        "--exact-max",
        type=int,
        default=100_000,
        help="sizes above this are estimated, not clustered in full",
    )
    ap.add_argument(
        "--recall-sample",
        type=int,
        default=3000,
        help="quotes (of whole statements) clustered with and without the index, "
        "to compare pair recall with brute force's (default 3000)",
    )
    ap.add_argument(
        "--recall-draws",
        type=int,
        default=1,
        help="independent draws of statements for the recall comparison; the "
        "table shows their means (default 1)",
    )
    ap.add_argument("--estimate-sample", type=int, default=2000)
    ap.add_argument("--profile-sample", type=int, default=300)
    ap.add_argument(
        "--true-pairs",
        type=int,
        default=2000,
        help="sampled same-statement pairs for the candidate recall on true pairs",
    )
    ap.add_argument("--timeout", type=float, default=900, help="seconds per size")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument(
        "--semantic",
        action="store_true",
        help="also make suggestions by meaning for one claim per cluster, as a rebuild "
        "does (exact mode), with their time and memory",
    )
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        print(json.dumps(run_size(args.worker, args)))
        return

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    if args.full and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    passthrough = [a for a in sys.argv[1:] if a not in ("--full",)]
    rows = []
    for n in sizes:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(n), *passthrough]
        t = time.perf_counter()
        try:
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            rows.append({"n": n, "error": f"killed after {args.timeout:.0f}s (--timeout)"})
            continue
        if proc.returncode != 0:
            rows.append({"n": n, "error": f"subprocess failed (exit {proc.returncode})"})
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        r["wall_s"] = time.perf_counter() - t
        rows.append(r)

    print(
        f"\nclaim clustering at scale (tracker.match, MatchSettings defaults; "
        f"{len(__import__('os').sched_getaffinity(0))} cores)"
    )
    print("command: python " + " ".join([str(Path(sys.argv[0]))] + sys.argv[1:]))
    for r in rows:
        print_details(r, args)
    print()
    print_table(rows)
    print(
        "  cluster s: cluster() from scratch, on every core (forked workers); 'est' = index "
        "build + sampled best_parent x N (one process)."
    )
    print("  peak RSS: whole subprocess incl. the generated corpus; '*' = no Result (estimate).")
    print(
        "  brute force: cdist on 2 workers over all pairs; 'est' = per-pair cost of a sample x "
        "N(N-1)/2."
    )
    print(
        "  recall vs brute force: pair recall of clustering quotes of randomly drawn whole "
        "statements with the index's candidates\n  / with every pair brute force finds "
        ">= link_score (all scored), same rules otherwise = the ratio the issue targets."
    )
    print(
        "  cand recall: share of the brute-force sample's pairs >= link_score that the index "
        "offers as candidates;\n  (true pairs): the same for sampled pairs of quotes of one "
        "statement scoring >= link_score."
    )
    check_targets(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
