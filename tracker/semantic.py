"""Meaning, not wording: "possibly the same statement" across paraphrase and translation.

Wang Yi's "no end point ..., no restricted areas, no upper limit" and another
outlet's "without limit, restriction or ceiling" share one word; no fuzzy string
score joins them, and none should link them automatically. They are *suggested*
to a reviewer. Pure and database-free.

- Embeddings: WordLlama's English model, which ships its weights (16 MB) and
  tokenizer inside the wheel and runs on numpy alone: offline, on a CPU, about
  60,000 sentences a second. Its loader looks for the tokenizer in the wrong
  folder, so it is pointed at the package's own with downloads disabled.
- A long quote is several sentences; a paraphrase renders one of them. Each
  quote is embedded as itself, its clauses and pairs of neighbouring clauses,
  and two quotes are as similar as their closest pieces.
- Long passages are similar to everything a little ("hubs"). Scores are
  adjusted as in CSLS (Conneau et al. 2018): minus the mean of each quote's
  best similarities to a reference sample of the archive.
- Candidates come from an index of unusual words (their first five letters, so
  "restricted" meets "restriction"), never all pairs.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

import numpy as np

from tracker.phrases import word_zipf
from tracker.workers import can_fork, cores, fork_pool

# Stored suggestion scores of this kind stay under the lexical suggestion threshold,
# so a reviewer's list shows fuzzy-wording matches first, then meaning-only ones.
CEILING = 74.9
MIN_SIM = 0.3  # below this closest-piece cosine nothing is suggested
# Stored scores below this are not suggested: stock phrases close to many quotes score
# 28-34 (chosen by benchmarks/meaning_threshold.py).
MIN_SCORE = 40.0
MAX_CANDIDATES = 32
DIM = 256  # the full model: at 128 dimensions a seed translation fell from 4th to 10th
REFERENCE = 150  # quotes in the reference sample for the hub adjustment
NEIGHBOURS = 5
KEPT = 300_000  # quotes whose embeddings are kept (about 0.5 GB at float16)
EMBED_BATCH = 20_000  # pieces embedded per call of the model
_CLAUSE = re.compile(r"(?<=[.;:!?,])\s+")
_WORD = re.compile(r"[^\W\d_]{3,}")
COMMON_ZIPF = 5.0  # words more common than this carry no topic ("said", "would")
KNOWN_ZIPF = 3.0  # an English word seen about once per million words or more often
ENGLISH_SHARE = 0.5


def one_thread():
    """BLAS on one thread for the many small products here: OpenBLAS's threads cost
    ten times the work on a busy two-core machine (3.4 ms against 0.2 ms a product)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, "blas")


class SemanticUnavailable(RuntimeError):
    """The embedding model cannot be loaded here; suggestions fall back to wording."""


@lru_cache(maxsize=1)
def model():
    """WordLlama's shipped English model, loaded from the wheel, never downloaded."""
    try:
        from pathlib import Path

        import wordllama
        from wordllama import WordLlama
    except ImportError as e:  # pragma: no cover - a dependency
        raise SemanticUnavailable(f"wordllama is not installed: {e}") from e
    try:
        return WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True, trunc_dim=DIM
        )
    except (FileNotFoundError, OSError) as e:  # pragma: no cover - a broken install
        raise SemanticUnavailable(f"wordllama's shipped model cannot be read: {e}") from e


def available() -> bool:
    try:
        model()
    except SemanticUnavailable:
        return False
    return True


def pieces(text: str) -> list[str]:
    """The quote, its clauses (at least four words) and pairs of neighbouring clauses."""
    clauses: list[str] = []
    cur = ""
    for part in _CLAUSE.split(text.strip()):
        cur = f"{cur} {part}".strip()
        if len(cur.split()) >= 4:
            clauses.append(cur)
            cur = ""
    if cur:
        clauses.append(cur)
    out = dict.fromkeys(
        [text, *clauses, *(f"{a} {b}" for a, b in zip(clauses, clauses[1:], strict=False))]
    )
    return [p for p in out if p]


def topic_keys(text: str) -> set[str]:
    """Unusual words of a text, cut to five letters: the candidate index's keys. None for
    a text that is not English: the model is English, and on German or Spanish quotes it
    finds any two alike (every pair of them scored near the ceiling on saved pages)."""
    words = _WORD.findall(text.lower())
    if not english_like(words):
        return set()
    return {w[:5] for w in words if word_zipf(w) < COMMON_ZIPF}


def english_like(words: list[str]) -> bool:
    """Whether most words (of three letters or more) are English ones: 0.9 or more for
    English quotes, names included, and 0.3 or less for German, French or Spanish."""
    return sum(word_zipf(w) >= KNOWN_ZIPF for w in words) >= ENGLISH_SHARE * len(words)


class Embeddings:
    """Each quote's pieces, embedded once and kept while there is room.

    Kept as float16 (0.25 KB a piece; cosines move by under 0.001) and at most
    ``KEPT`` quotes, the oldest dropped first (embedded again if asked for again),
    so suggestions over a million quotes stay within memory. Embedded in batches
    of ``EMBED_BATCH`` pieces: the model's own arrays are float32 and per batch.
    """

    def __init__(self, kept: int | None = None) -> None:
        self._by_id: dict[int, np.ndarray] = {}
        self.kept = KEPT if kept is None else kept

    def get(self, texts: dict[int, str], ids: Iterable[int]) -> dict[int, np.ndarray]:
        """float32 pieces of each of ``ids``."""
        ids = list(ids)
        got = self.get16(texts, ids)
        return {q: got[q].astype(np.float32) for q in ids}

    def get16(self, texts: dict[int, str], ids: Iterable[int]) -> dict[int, np.ndarray]:
        """The pieces of each of ``ids`` as kept (float16): a caller stacking many of them
        converts the stack once instead of each quote's."""
        ids = list(ids)
        out = {q: self._by_id[q] for q in ids if q in self._by_id}
        missing = [q for q in dict.fromkeys(ids) if q not in out]
        for i in range(0, len(missing), EMBED_BATCH // 4):
            chunk = missing[i : i + EMBED_BATCH // 4]
            split = [pieces(texts[q]) for q in chunk]
            # Each distinct piece once: wire copies and repeated statements bring the
            # same words many times (half the pieces of a template-heavy archive).
            # Shortest first: the model pads each batch of 64 to its longest piece, and
            # pieces of like length waste little (40% less time, the same vectors).
            distinct = sorted(dict.fromkeys(p for ps in split for p in ps), key=len)
            row = {p: n for n, p in enumerate(distinct)}
            vecs = model().embed(distinct, norm=True).astype(np.float16)
            for q, ps in zip(chunk, split, strict=True):
                out[q] = vecs[[row[p] for p in ps]]
        self._by_id.update((q, out[q]) for q in missing)
        if len(self._by_id) > self.kept:
            for q in list(self._by_id)[: len(self._by_id) - self.kept]:
                del self._by_id[q]  # the oldest; this call's are in ``out``
        return out


class Suggester:
    """Meaning-only suggestions over an archive of quote texts."""

    def __init__(self, texts: dict[int, str], reference: Iterable[int] | None = None) -> None:
        self.texts = texts
        self.emb = Embeddings()
        self.keys: dict[str, list[int]] = defaultdict(list)
        keys_of: dict[str, set[str]] = {}  # each distinct text's keys once
        for q, t in texts.items():
            if (ks := keys_of.get(t)) is None:
                ks = keys_of[t] = topic_keys(t)
            for k in ks:
                self.keys[k].append(q)
        ids = sorted(texts) if reference is None else sorted(reference)
        step = max(1, len(ids) // REFERENCE)
        self.ref_ids = ids[::step][:REFERENCE]
        ref = self.emb.get(texts, self.ref_ids)
        # Where each reference quote's pieces start in ``ref``.
        self.ref_starts = np.cumsum([0] + [len(ref[q]) for q in self.ref_ids[:-1]])
        self.ref_t = np.ascontiguousarray(np.concatenate([ref[q] for q in self.ref_ids]).T)
        self._ref_pos = {q: i for i, q in enumerate(self.ref_ids)}
        self._hub: dict[int, float] = {}

    def add(self, qid: int, text: str) -> None:
        self.texts[qid] = text
        for k in topic_keys(text):
            self.keys[k].append(qid)

    def hub(self, q: int) -> float:
        """Mean of ``q``'s best similarities to the reference sample (itself excluded)."""
        got = self._hub.get(q)
        if got is None:
            e = self.emb.get(self.texts, [q])[q]
            sims = (e @ self.ref_t).max(axis=0)
            best = np.maximum.reduceat(sims, self.ref_starts)
            if q in self._ref_pos:
                best[self._ref_pos[q]] = -1.0
            k = min(NEIGHBOURS, len(best))
            got = self._hub[q] = float(np.sort(best)[-k:].mean()) if k else 0.0
        return got

    def prepare(self, quote_ids: list[int], found: dict[int, list[int]] | None = None) -> None:
        """Embed these quotes and their candidates in one batch (the tokenizer's cost is
        mostly per call); ``found``: their ``candidates``, where the caller has them."""
        wanted = set(quote_ids)
        for q in quote_ids:
            wanted.update(found[q] if found is not None and q in found else self.candidates(q))
        self.emb.get16(self.texts, sorted(wanted))

    def candidates(self, q: int, max_df: int = 100, n: int = MAX_CANDIDATES) -> list[int]:
        """The ``n`` quotes sharing the most unusual words with ``q`` (rarer words weigh
        more; words in over ``max_df`` quotes are not used)."""
        shared: defaultdict[int, float] = defaultdict(float)
        # Keys in sorted order and ties to the older quote: a set's order, and so the sum's
        # last bits and the order of equal weights, would change with the hash seed.
        for k in sorted(topic_keys(self.texts[q])):
            posting = self.keys.get(k, ())
            if 1 < len(posting) <= max_df:
                weight = 1.0 / len(posting)
                for other in posting:
                    shared[other] += weight
        shared.pop(q, None)
        return [c for c, _ in heapq.nlargest(n, shared.items(), key=lambda cw: (cw[1], -cw[0]))]

    def suggest(
        self,
        q: int,
        keep: Callable[[int, int], bool] | None = None,
        k: int = 5,
        wide: bool = False,
        found: list[int] | None = None,
    ) -> list[tuple[int, float]]:
        """``q``'s best ``k`` meaning-alike quotes as (quote, stored score), best first;
        ``keep(q, other)`` says whether a pair may be suggested at all (not in one
        cluster, not rejected by a reviewer). ``wide``: look further (a search asked
        for once, not one of many suggestions), through more common words too.
        ``found``: ``candidates(q)``, where the caller has them (not with ``wide``)."""
        if found is None:
            found = self.candidates(q, 2000, 256) if wide else self.candidates(q)
        cands = [c for c in found if keep is None or keep(q, c)]
        if not cands:
            return []
        emb = self.emb.get16(self.texts, [q, *cands])
        # float16 to float32 is exact: one conversion of the stack, not one per quote.
        stacked = np.concatenate([emb[c] for c in cands]).astype(np.float32)
        starts = np.cumsum([0] + [len(emb[c]) for c in cands[:-1]])
        sims = (stacked @ emb[q].astype(np.float32).T).max(axis=1)
        best = np.maximum.reduceat(sims, starts)  # closest pieces, per candidate
        hub_q = self.hub(q)
        scored = [
            (c, float(sim) - (hub_q + self.hub(c)) / 2)
            for c, sim in zip(cands, best.tolist(), strict=True)
            if sim >= MIN_SIM
        ]
        scored.sort(key=lambda x: (-x[1], x[0]))
        out = [(c, min(CEILING, round(100 * max(0.0, 0.5 + adj), 1))) for c, adj in scored[:k]]
        return [(c, x) for c, x in out if x >= MIN_SCORE]


SLICE = 5_000  # quotes whose suggestions are prepared together (embeddings kept bounded)
PARALLEL_MIN = 10_000  # quotes from which a second worker pays for its fork
Keep = Callable[[int, int], bool]
_FORKED: tuple[Suggester, Keep | None, int] | None = None  # what the workers were forked with


def suggest_all(
    suggester: Suggester,
    quote_ids: list[int],
    keep: Keep | None,
    k: int,
    meanwhile: Callable[[], object] | None = None,
) -> list[tuple[int, int, float]]:
    """``suggest`` for each of ``quote_ids``, as (quote, other, score) in their order.

    In slices, so the embeddings kept at once stay bounded over a large archive; with
    many quotes, the slices are shared among forked workers, one per core (each embeds
    what its slices need; the scores are the same). ``meanwhile`` is called once, while
    the workers work (else first): the caller's own work, done instead of idling.
    """
    global _FORKED
    slices = [quote_ids[i : i + SLICE] for i in range(0, len(quote_ids), SLICE)]
    n = min(cores(), len(slices))
    if n < 2 or len(quote_ids) < PARALLEL_MIN or not can_fork():
        if meanwhile is not None:
            meanwhile()
        with one_thread():
            return [x for part in slices for x in _suggest_slice(suggester, part, keep, k)]
    _FORKED = (suggester, keep, k)
    try:
        with fork_pool(n) as pool:
            # A slice at a time to whichever worker is free (a fixed share of the slices
            # left one worker idle for most of a slice); the results in the slices' order.
            pending = pool.map_async(_worker_slice, slices, chunksize=1)
            if meanwhile is not None:
                meanwhile()
            by_slice = pending.get()
    finally:
        _FORKED = None
    return [x for part in by_slice for x in part]


def _worker_slice(part: list[int]) -> list[tuple[int, int, float]]:
    assert _FORKED is not None
    suggester, keep, k = _FORKED
    with one_thread():
        return _suggest_slice(suggester, part, keep, k)


def _suggest_slice(
    suggester: Suggester, part: list[int], keep: Keep | None, k: int
) -> list[tuple[int, int, float]]:
    # Each quote's candidates once, for embedding them and for suggesting.
    found = {q: suggester.candidates(q) for q in part}
    suggester.prepare(part, found)
    return [(q, c, x) for q in part for c, x in suggester.suggest(q, keep, k, found=found[q])]
