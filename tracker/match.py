"""Matching quotes into claim clusters: candidates from an index, scores, links.

Pure and database-free, so it can be measured at scale on its own.

- Candidates come from an inverted index of word trigrams (a quote shorter
  than three words is one gram); grams carried by more than ``max_df`` quotes
  (or ``max_df_share`` of a large archive) are skipped, so cost grows about
  linearly with the archive — except for a quote left with under three grams,
  which falls back on (at most ``max_df``) quotes carrying its two rarest popular
  grams together.
- At most ``max_candidates`` potential parents are scored per quote: those
  sharing the most trigrams (and, during ingest, a few per existing cluster);
  when none of them links, the next ones, up to ``max_search`` in all.
- A candidate pair is scored with rapidfuzz on normalized text: the best of
  ``ratio`` (same wording), ``token_sort_ratio`` (reordered clauses) and,
  when one quote is shorter, ``partial_ratio`` (a part quoted from the whole).
- Each quote links to at most one parent, a longer (or equal, earlier) quote
  (MemeTracker's rule), so short phrases never chain two statements together.
  The one exception: when that parent is a passage quoting someone, a version
  of the nested quote links to the nested quote instead.
  Quotes under ``min_words`` never link; quotes under ``short_words`` link
  only when contained word for word.
- Speakers: short and medium quotes link only when their speakers agree (or
  one is unknown, or one is the other's organisation). Long quotes link
  across speakers — the same words credited to two people is a possible
  misattribution, kept together and flagged.
- Pairs scoring between ``suggest_score`` and ``link_score`` become
  "possibly the same" suggestions for a reviewer, never links.
"""

from __future__ import annotations

import functools
import gc
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from tracker.alignment import partial_ratios
from tracker.phrases import information
from tracker.workers import can_fork, cores, fork_pool


@dataclass(frozen=True)
class MatchSettings:
    """Every threshold in one place; defaults chosen by benchmarks/cluster_quality.py."""

    link_score: float = 85.0
    suggest_score: float = 75.0
    min_words: int = 3
    short_words: int = 6
    long_words: int = 10
    # A trigram carried by more indexed wordings than this is a stock phrase, skipped
    # when gathering candidates; the bound grows with the archive (max_df_share of its
    # wordings), or a large archive's repeated statements would fall below it.
    max_df: int = 400
    max_df_share: float = 0.001
    min_shared_grams: int = 1
    # Potential parents scored per quote, of those sharing the most trigrams with it;
    # when clusters exist already (ingest), at most per_cluster of them from each one.
    max_candidates: int = 64
    # When none of those links, the next ones in rank order are scored until one does,
    # up to this many in all: the unusual version of a much-quoted statement.
    max_search: int = 256
    max_suggestions: int = 5  # "possibly the same" pairs kept per quote, best first
    per_cluster: int = 3
    # A news cycle: quotes of one statement by one speaker appear within this many days.
    cycle_days: int = 30
    # General-English information (bits over wordfreq) a phrase needs to gather the
    # quotes containing it: "at the same time" has ~2, "lipstick on a pig" ~6.
    min_info: float = 3.0
    # "Possibly the same statement" by meaning (tracker.semantic), as suggestions only.
    semantic: bool = True


@dataclass(frozen=True)
class Item:
    """What matching needs to know of one quote."""

    id: int
    normalized: str
    speaker: int | None = None
    # Speakers this one may stand for (a spokesman's ministry); empty if none.
    affiliations: frozenset[int] = frozenset()
    # Quotes that enclose this one in its article: containing it is no evidence.
    ancestors: frozenset[int] = frozenset()
    # Publication day (days since 1970-01-01) of the quote's article, if known.
    day: int | None = None
    # The article it was quoted in, if known: a phrase gathers no quote of its own article.
    document: int | None = None


SHARED_FRACTION = 0.34
# A quote with fewer matchable grams than this also uses its rarest popular ones.
FALLBACK_GRAMS = 3


def grams(normalized: str) -> list[str]:
    w = normalized.split()
    if len(w) < 3:
        return [" ".join(w)] if w else []
    return [" ".join(w[i : i + 3]) for i in range(len(w) - 2)]


def score(a: str, b: str, cutoff: float = 0.0) -> tuple[float, bool]:
    """(similarity 0–100, partial?) of two normalized texts; under ``cutoff`` reads as 0.

    The cutoff lets rapidfuzz give up early on hopeless pairs, most of a scan's work.
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(long_) > len(short) * 1.3:
        # A part quoted from a longer whole: only the partial alignment can score high.
        if short and short in long_:
            return 100.0, True  # what partial_ratio gives a verbatim part, without its cost
        p = fuzz.partial_ratio(short, long_, score_cutoff=cutoff)
        if p:
            return p, True
        if 200 * len(short) < cutoff * (len(short) + len(long_)) and _single_spaced(long_):
            return 0.0, False  # no whole-text score reaches the cut (see ``prescore``)
    best = max(
        fuzz.ratio(a, b, score_cutoff=cutoff), fuzz.token_sort_ratio(a, b, score_cutoff=cutoff)
    )
    return best, False


def contained(short: str, long_: str) -> bool:
    return f" {short} " in f" {long_} "


def within_cycle(a: Item, b: Item, days: int) -> bool:
    """Published within one news cycle of each other (an unknown date does not disagree)."""
    return a.day is None or b.day is None or abs(a.day - b.day) <= days


def known_agree(a: Item, b: Item) -> bool:
    """Both speakers known and the same person (or one speaks for the other)."""
    return a.speaker is not None and b.speaker is not None and speakers_agree(a, b)


def speakers_agree(a: Item, b: Item) -> bool:
    if a.speaker is None or b.speaker is None or a.speaker == b.speaker:
        return True
    return a.speaker in b.affiliations or b.speaker in a.affiliations


class Shared(Mapping[int, int]):
    """Quotes sharing trigrams with one quote, and how many: ``Index.shared_grams`` over a
    frozen index gives them as two arrays (ids ascending, counts), which the candidate
    filters read in numpy instead of a Python loop over thousands of quotes."""

    __slots__ = ("ids", "counts", "_dict")

    def __init__(self, ids: np.ndarray, counts: np.ndarray) -> None:
        self.ids = ids
        self.counts = counts
        self._dict: dict[int, int] | None = None

    def _as_dict(self) -> dict[int, int]:
        if self._dict is None:
            self._dict = dict(zip(self.ids.tolist(), self.counts.tolist(), strict=True))
        return self._dict

    def __getitem__(self, q: int) -> int:
        return self._as_dict()[q]

    def __iter__(self) -> Iterator[int]:
        return iter(self._as_dict())

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class _Frozen:
    """The postings of a complete index as one array, with word and gram counts by quote
    id. ``at[g]`` packs where gram ``g``'s posting starts in ``flat`` and its length into
    one int (``start << shift | length``): one dict lookup and no numpy scalars per gram."""

    flat: np.ndarray
    at: dict[str, int]
    shift: int
    words: np.ndarray
    n_grams: np.ndarray
    chars: np.ndarray  # len(normalized)
    # Speaker of each quote (-1: unknown), and whether it may stand for others (a
    # spokesman's ministry) or others for it: those pairs are judged in Python.
    speakers: np.ndarray
    affiliated: np.ndarray


def _through_popular(
    popular: list[tuple[int, str, list[int]]], max_df: int
) -> tuple[list[int], int]:
    """The quotes a quote made of popular grams ("for the sake of", a template's clause) still
    reaches through them, at this quote's cost alone, and how many grams each shares (1 or 2).

    ``popular`` holds (posting length, gram, posting) and is sorted here: rarest first, the
    gram itself breaking ties (set order varies between runs).
    """
    popular.sort(key=lambda x: x[:2])
    if len(popular) > 1:
        # The quotes carrying its two rarest grams together: each gram is common, the pair
        # less so, and a version holds both. A stock phrase's neighbouring grams go together
        # everywhere, so no more of them than a matchable gram could carry (max_df), the
        # latest indexed first (from scratch, the shortest: the tightest quotes around a
        # short phrase).
        second = set(popular[1][2])
        both: list[int] = []
        for q in reversed(popular[0][2]):
            if q in second:
                both.append(q)
                if len(both) >= max_df:
                    break
        return both, 2
    # No more of one gram than a matchable gram could carry: the first max_df (from scratch,
    # the longest quotes, the likeliest parents).
    return popular[0][2][:max_df], 1


class Index:
    """Inverted index of word trigrams over the quotes seen so far."""

    def __init__(self, settings: MatchSettings | None = None) -> None:
        self.settings = settings or MatchSettings()
        self.items: dict[int, Item] = {}
        self.postings: dict[str, list[int]] = defaultdict(list)
        # One entry per distinct (wording, speaker): a statement quoted a thousand times
        # word for word is indexed once, and its copies join it without any scoring.
        self.exact: dict[tuple[str, int | None], int] = {}
        self.copies: dict[int, list[int]] = {}  # the later quotes of each such wording
        # Quotes nested in each quote of the index (a minister quoted inside a passage).
        self.nested: dict[int, list[int]] = {}
        self._shared: dict[int, int] = {}  # shared_phrase, per quote
        # The spread each quote's placement was judged with, where not 0 (this run's
        # judgement: a quote placed before it counts as placed at 0). Newer quotes that
        # raise it may undo links it no longer allows (``raised_spreads``).
        self.judged_spread: dict[int, int] = {}
        self.n_grams: dict[int, int] = {}  # distinct trigrams of each indexed wording
        self.words: dict[int, int] = {}  # words of each indexed quote
        # Scores of (quote, potential parent) pairs computed ahead in batches (prescore).
        self.scores: dict[tuple[int, int], tuple[float, bool] | None] = {}
        # partial_ratio of (shorter, longer) wordings already aligned (0: under the cut).
        self.partial_scores: dict[tuple[str, str], float] = {}
        self._frozen: _Frozen | None = None  # see ``freeze``; dropped by ``add``

    @property
    def max_df(self) -> int:
        """Indexed wordings a trigram may be carried by and still gather candidates
        (``max_df``, or ``max_df_share`` of them all when that is more)."""
        s = self.settings
        return max(s.max_df, int(s.max_df_share * len(self.n_grams)))

    def freeze(self) -> None:
        """Copy the postings into arrays, for an index that is complete (from scratch,
        every quote is indexed before any is matched): counting the quotes that share a
        quote's grams is then one ``numpy.unique`` instead of a Counter over lists.
        Nothing is done for ids too sparse to index an array by."""
        if not self.items:
            return
        top, low = max(self.items), min(self.items)
        if low < 0 or top > min(4 * len(self.items) + 1024, 2**31 - 1):
            return
        max_df = self.max_df
        # Postings of one quote are left out (see ``_shared_frozen``): most grams.
        kept = [(g, p) for g, p in self.postings.items() if 1 < len(p) <= max_df]
        sizes = np.fromiter((len(p) for _, p in kept), dtype=np.int64, count=len(kept))
        bounds = np.zeros(len(kept) + 1, dtype=np.int64)
        np.cumsum(sizes, out=bounds[1:])
        # Ids fit in 32 bits (see above): half the memory of 64.
        flat = np.fromiter((q for _, p in kept for q in p), dtype=np.int32, count=int(bounds[-1]))
        words = np.zeros(top + 1, dtype=np.int32)
        words[list(self.words)] = list(self.words.values())
        n_grams = np.full(top + 1, np.iinfo(np.int32).max, dtype=np.int32)
        n_grams[list(self.n_grams)] = list(self.n_grams.values())
        shift = max_df.bit_length()
        at = {g: b << shift | len(p) for (g, p), b in zip(kept, bounds[:-1].tolist(), strict=True)}
        chars = np.zeros(top + 1, dtype=np.int32)
        chars[list(self.items)] = [len(it.normalized) for it in self.items.values()]
        speakers = np.full(top + 1, -1, dtype=np.int64)
        speakers[list(self.items)] = [
            -1 if it.speaker is None else it.speaker for it in self.items.values()
        ]
        affiliated = np.zeros(top + 1, dtype=bool)
        affiliated[[q for q, it in self.items.items() if it.affiliations]] = True
        self._frozen = _Frozen(flat, at, shift, words, n_grams, chars, speakers, affiliated)

    def containers(self, item: Item) -> list[int] | None:
        """Indexed quotes containing ``item``'s words, in order, word for word (one per
        distinct wording and speaker); None when one of its grams is too common to say."""
        gs = set(grams(item.normalized))
        postings = []
        for g in gs:
            posting = self.postings.get(g)
            if not posting:
                return []
            postings.append(posting)
        shortest = min(postings, key=len)
        if len(shortest) > self.max_df:
            return None
        items = self.items
        return [
            q for q in shortest if q != item.id and contained(item.normalized, items[q].normalized)
        ]

    def shared_phrase(self, item: Item) -> int:
        """How widely ``item``'s words are shared, by the quotes containing them:
        0 by one speaker's quotes only; 1 by several people's over the archive (a
        formula, which a quote may use years apart); 2 within a news cycle of it by
        someone other than its speaker (by two people, when its speaker is unknown), or
        by more quotes than the index can say — a stock phrase, not one statement."""
        got = self._shared.get(item.id)
        if got is None:
            got = self._shared[item.id] = self._spread(item)
        return got

    def judged_phrase(self, item: Item) -> int:
        """``shared_phrase``, for placing ``item`` now: the spread is kept as judged, so that
        a later rise can undo what it allowed (``raised_spreads``)."""
        spread = self.shared_phrase(item)
        if spread:
            self.judged_spread[item.id] = spread
        return spread

    def raised_spreads(self, quote_ids: Iterable[int]) -> list[int]:
        """Those of ``quote_ids`` whose words newer quotes have spread wider than when they
        were placed ("law and order" from one speaker, then from several): links made
        then may no longer hold. Each is reported once per rise."""
        raised = []
        for q in quote_ids:
            if (now := self.shared_phrase(self.items[q])) > self.judged_spread.get(q, 0):
                self.judged_spread[q] = now
                raised.append(q)
        return raised

    def _spread(self, item: Item) -> int:
        found = self.containers(item)
        if found is None:
            return 2
        s = self.settings
        first = item if item.speaker is not None else None
        first_near = first
        level = 0
        # A passage quoting the statement (an analyst quoting the minister) is the
        # minister's words, not a second speaker's.
        carriers = {a for q in found for a in self.items[q].ancestors}
        for q in found:
            other = self.items[q]
            if other.speaker is None or q in carriers:
                continue
            if first is None:
                first = other
            elif not speakers_agree(first, other):
                level = 1
            if within_cycle(item, other, s.cycle_days):
                if first_near is None:
                    first_near = other
                elif not speakers_agree(first_near, other):
                    return 2
        return level

    def reopen_spreads(self) -> None:
        """Forget every spread that newer quotes may raise, before adding them: one
        speaker's "radical Islamic terrorism" is a stock phrase once another speaker's
        quote holds it too. A stock phrase (2) stays one, so its judgement is kept."""
        self._shared = {q: n for q, n in self._shared.items() if n >= 2}

    def distinctive(self, item: Item) -> bool:
        """A phrase that can gather the quotes containing it: unusual words, one speaker."""
        return (
            n_words(item.normalized) >= self.settings.min_words
            and information(item.normalized) >= self.settings.min_info
            and self.shared_phrase(item) < 2
        )

    def add(self, item: Item) -> None:
        self._frozen = None  # the arrays no longer hold every quote
        self.items[item.id] = item
        self.words[item.id] = n_words(item.normalized)
        for a in item.ancestors:
            self.nested.setdefault(a, []).append(item.id)
        key = (item.normalized, item.speaker)
        if (rep := self.exact.get(key)) is not None:
            self.copies.setdefault(rep, []).append(item.id)
            return
        self.exact[key] = item.id
        gs = set(grams(item.normalized))
        self.n_grams[item.id] = len(gs)
        for g in gs:
            self.postings[g].append(item.id)

    def same_wording(self, item: Item) -> int | None:
        """The indexed quote with this exact wording and speaker, if it is another one."""
        rep = self.exact.get((item.normalized, item.speaker))
        return rep if rep != item.id else None

    def shared_grams(self, item: Item) -> tuple[Mapping[int, int], int]:
        """Indexed quotes sharing trigrams with ``item`` (with how many), and how many of
        ``item``'s grams can match at all (grams carried by over ``max_df`` quotes do not)."""
        if self._frozen is not None:
            return self._shared_frozen(item, self._frozen)
        shared: Counter[int] = Counter()
        rare = 0
        popular: list[tuple[int, str, list[int]]] = []
        max_df = self.max_df
        for g in set(grams(item.normalized)):
            posting = self.postings.get(g)
            if posting is not None and len(posting) > max_df:
                popular.append((len(posting), g, posting))
                continue
            rare += 1
            if posting:
                shared.update(posting)
        if rare < FALLBACK_GRAMS and popular:
            quotes, weight = _through_popular(popular, max_df)
            shared.update(dict.fromkeys(quotes, weight) if weight == 2 else quotes)
            rare += weight
        shared.pop(item.id, None)
        return shared, rare

    def shared_within(
        self, item: Item, within: Mapping[int, set[str]]
    ) -> tuple[dict[int, int], int]:
        """``shared_grams`` for a few quotes only (the members of one cluster, with their
        trigrams): the trigrams ``item`` shares with each indexed wording of ``within``,
        counted directly (popular grams too, so never fewer than ``shared_grams`` finds),
        and its matchable grams as ``shared_grams`` counts them."""
        mine = within.get(item.id) or set(grams(item.normalized))
        max_df = self.max_df
        popular = sum(len(self.postings.get(g, ())) > max_df for g in mine)
        rare = len(mine) - popular
        if rare < FALLBACK_GRAMS and popular:
            rare += 2 if popular > 1 else 1
        shared = {
            q: n
            for q, theirs in within.items()
            # (A copy of an indexed wording is no candidate: it joins its first quote.)
            if q != item.id and q in self.n_grams and (n := len(mine & theirs))
        }
        return shared, rare

    def _shared_frozen(self, item: Item, f: _Frozen) -> tuple[Shared, int]:
        """``shared_grams`` over the frozen arrays: the same quotes and counts."""
        max_df = self.max_df
        at, flat, shift = f.at, f.flat, f.shift
        mask = (1 << shift) - 1
        parts: list[np.ndarray] = []
        singles: list[int] = []
        rare = 0
        popular: list[tuple[int, str, list[int]]] = []
        for g in set(grams(item.normalized)):
            packed = at.get(g)
            if packed is not None:  # most grams: shared by a few quotes
                rare += 1
                start = packed >> shift
                parts.append(flat[start : start + (packed & mask)])
                continue
            posting = self.postings.get(g)
            if posting is not None and len(posting) > max_df:
                popular.append((len(posting), g, posting))
                continue
            rare += 1
            if posting:
                singles += posting  # a gram of one quote: not in the arrays
        if rare < FALLBACK_GRAMS and popular:
            quotes, weight = _through_popular(popular, max_df)
            parts += [np.array(quotes, dtype=np.int32)] * weight  # each gram counts once
            rare += weight
        if singles:
            parts.append(np.array(singles, dtype=np.int32))
        if not parts:
            empty = np.zeros(0, dtype=np.int32)
            return Shared(empty, empty), rare
        # numpy.unique(..., return_counts=True) written out, the quote itself left out
        # before sorting (it is in each of its own postings) rather than deleted after.
        ids = np.concatenate(parts)
        ids = ids[ids != item.id]
        ids.sort()
        if not len(ids):
            return Shared(ids, np.zeros(0, dtype=np.intp)), rare
        first = np.empty(len(ids), dtype=bool)
        first[0] = True
        np.not_equal(ids[1:], ids[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        counts = np.empty_like(starts)
        np.subtract(starts[1:], starts[:-1], out=counts[:-1])
        counts[-1] = len(ids) - starts[-1]
        return Shared(ids[starts], counts), rare

    def candidates(self, item: Item, min_fraction: float = 0.0) -> list[int]:
        """Indexed quotes sharing at least ``min_fraction`` of ``item``'s matchable grams."""
        return list(self.sharing(item, min_fraction))

    def need(self, rare: int, min_fraction: float) -> int:
        """Trigrams a candidate must share with a quote that has ``rare`` matchable ones."""
        # One shared trigram is enough evidence only for short quotes; longer versions of
        # one statement share several, and single shared grams are mostly stock phrases.
        least = self.settings.min_shared_grams
        need = least if rare <= 3 else max(2, least)
        return max(need, int(min_fraction * rare))

    def sharing(
        self,
        item: Item,
        min_fraction: float = 0.0,
        counts: tuple[Mapping[int, int], int] | None = None,
    ) -> dict[int, int]:
        """``candidates`` with the number of trigrams each shares with ``item``
        (``counts``: what ``shared_grams(item)`` gave, if the caller has it)."""
        shared, rare = counts or self.shared_grams(item)
        need = self.need(rare, min_fraction)
        if isinstance(shared, Shared):
            keep = shared.counts >= need
            return dict(zip(shared.ids[keep].tolist(), shared.counts[keep].tolist(), strict=True))
        return {qid: n for qid, n in shared.items() if n >= need}


@dataclass
class Link:
    child: int
    parent: int
    score: float
    partial: bool


@dataclass
class Result:
    links: dict[int, Link] = field(default_factory=dict)  # child -> its one parent
    suggestions: list[tuple[int, int, float]] = field(default_factory=list)


def n_words(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def eligible(
    item: Item,
    other: Item,
    s: MatchSettings,
    words: int | None = None,
    ow: int | None = None,
) -> bool:
    """The rules that need no score: whether ``other`` could be ``item``'s parent at all
    (``words``, ``ow``: their word counts, when the caller knows them)."""
    if other.id in item.ancestors:
        return False
    if words is None:
        words = n_words(item.normalized)
    if ow is None:
        ow = n_words(other.normalized)
    # Parents are longer, or as long and older: links point one way, no cycles.
    if ow < words or (
        ow == words and (len(other.normalized), -other.id) <= (len(item.normalized), -item.id)
    ):
        return False
    if words < s.min_words:
        return False
    if words < s.short_words and not contained(item.normalized, other.normalized):
        return False
    # A short phrase from two people is two statements.
    return min(words, ow) >= s.long_words or speakers_agree(item, other)


def judge(item: Item, other: Item, s: MatchSettings) -> tuple[str, float, bool] | None:
    """Whether ``other`` may be ``item``'s parent: ("link" | "doubt", score, partial), or None."""
    if not eligible(item, other, s):
        return None  # checked first: scoring is most of the cost
    return _rate(item, other, s)


def _rate(
    item: Item,
    other: Item,
    s: MatchSettings,
    cache: dict[tuple[int, int], tuple[float, bool] | None] | None = None,
) -> tuple[str, float, bool] | None:
    """``judge`` for a pair already known to be ``eligible`` (``cache``: scores that
    ``prescore`` computed, taken out as they are used)."""
    got = cache.pop((item.id, other.id), None) if cache else None
    if got is None:
        got = score(item.normalized, other.normalized, s.suggest_score)
    sim, partial = got
    if sim < s.suggest_score:
        return None
    return ("link" if sim >= s.link_score else "doubt"), sim, partial


def ranked_parents(
    item: Item,
    index: Index,
    group: Callable[[int], int | None] | None,
    counts: tuple[Mapping[int, int], int],
    within: Container[int] | None = None,
) -> list[int]:
    """The potential parents of ``item`` that ``best_parent`` scores, in order (only those
    in ``within``, when given: the members of one cluster judged again)."""
    s = index.settings
    words = n_words(item.normalized)
    long_item = words >= max(s.long_words, s.short_words, s.min_words)
    items = index.items
    # A version of a statement shares most of its trigrams with it (a part shares all of
    # them); a candidate sharing under a third is a stock phrase, not worth scoring.
    f, (found, rare) = index._frozen, counts
    if f is not None and isinstance(found, Shared) and within is None and group is None:
        # From scratch: the filters in numpy over the frozen arrays (thousands of
        # candidates in a template-heavy archive), the same list as the loops below.
        keep = (found.counts >= index.need(rare, SHARED_FRACTION)) & (f.words[found.ids] >= words)
        ids, n = found.ids[keep], found.counts[keep]
        if long_item:
            return _ranked_long_frozen(item, s, words, ids, n, f)
        shared: Mapping[int, int] = dict(zip(ids.tolist(), n.tolist(), strict=True))
        parents = _eligible_short_frozen(item, s, words, ids, f, items)
    else:
        shared = index.sharing(item, SHARED_FRACTION, counts)
        if within is not None:
            shared = {q: n for q, n in shared.items() if q in within}
        parents = _eligible(item, s, words, long_item, shared, index)
    spread = index.judged_phrase(item) if words < s.long_words and parents else 0
    if spread:
        parents = [q for q in parents if spread_allows(item, items[q], spread, s)]
    if len(parents) > s.max_candidates or group is not None:
        # A statement quoted a hundred times in as many wordings needs one parent, not a
        # hundred scores: the versions sharing most of its trigrams (a longer whole
        # shares all of them), longest first, are the ones that can be it.
        if words < s.short_words:
            # A short phrase is contained in all of them: the tightest ones first.
            parents.sort(key=lambda q: (shared[q], -len(items[q].normalized), -q), reverse=True)
        else:
            parents.sort(key=lambda q: (shared[q], len(items[q].normalized), -q), reverse=True)
        if group is not None:
            parents = _few_per_group(parents, group, s.per_cluster)
        parents = parents[: max(s.max_candidates, s.max_search)]
    return parents


def _ranked_long_frozen(
    item: Item, s: MatchSettings, words: int, ids: np.ndarray, n: np.ndarray, f: _Frozen
) -> list[int]:
    """``ranked_parents`` of a long quote over the frozen arrays, from the candidates
    (``ids``, sharing ``n`` trigrams) with enough shared trigrams and words."""
    w, chars = f.words[ids], f.chars[ids]
    size = len(item.normalized)
    # More words, or as many and more characters, or as long and older (``eligible``).
    keep = (w > words) | (chars > size) | (chars == size) & (ids < item.id)
    if item.ancestors:
        keep &= ~np.isin(ids, list(item.ancestors))
    ids = ids[keep]
    if len(ids) > s.max_candidates:
        # Most trigrams shared, then the longest, then the oldest (as ranked_parents sorts).
        order = np.lexsort((ids, -chars[keep], -n[keep]))
        ids = ids[order[: max(s.max_candidates, s.max_search)]]
    return ids.tolist()


def _eligible(
    item: Item,
    s: MatchSettings,
    words: int,
    long_item: bool,
    shared: Mapping[int, int],
    index: Index,
) -> list[int]:
    """The quotes of ``shared`` that ``eligible`` allows as ``item``'s parents, in order."""
    items, nw = index.items, index.words
    if long_item:
        # What ``eligible`` says for a long quote, without a call per candidate (there
        # are thousands in a template-heavy archive): any speaker, no containment rule;
        # more words, or as many and more characters (or as long and older).
        size = (len(item.normalized), -item.id)
        anc = item.ancestors
        return [
            q
            for q in shared
            if (nw[q] > words or (nw[q] == words and (len(items[q].normalized), -q) > size))
            and q not in anc
        ]
    # Parents have at least as many words: the cheap test first, the rules on the rest.
    return [q for q in shared if nw[q] >= words and eligible(item, items[q], s, words, nw[q])]


def _eligible_short_frozen(
    item: Item, s: MatchSettings, words: int, ids: np.ndarray, f: _Frozen, items: dict[int, Item]
) -> list[int]:
    """The candidates ``ids`` (ascending, at least ``words`` words) that ``eligible`` allows
    as parents of a quote under ``long_words``, over the frozen arrays: in a template-heavy
    archive a short quote has thousands of candidates, too many for a call each."""
    if words < s.min_words:
        return []
    w, chars = f.words[ids], f.chars[ids]
    size = len(item.normalized)
    # More words, or as many and more characters, or as long and older.
    keep = (w > words) | (w == words) & ((chars > size) | (chars == size) & (ids < item.id))
    if item.ancestors:
        keep &= ~np.isin(ids, list(item.ancestors))
    # Under long_words the speakers must agree: the same, or one unknown. Where both are
    # known and differ, an affiliation (a spokesman for a ministry) may still make them
    # agree: those few are judged by ``speakers_agree``.
    judge: set[int] = set()
    if item.speaker is not None:
        spk = f.speakers[ids]
        differ = (spk != -1) & (spk != item.speaker)
        maybe = differ if item.affiliations else differ & f.affiliated[ids]
        judge = set(ids[keep & maybe].tolist())
        keep &= ~differ | maybe
    out = ids[keep].tolist()
    if judge:
        out = [q for q in out if q not in judge or speakers_agree(item, items[q])]
    if words < s.short_words:
        text = item.normalized
        out = [q for q in out if contained(text, items[q].normalized)]
    return out


def spread_allows(item: Item, parent: Item, spread: int, s: MatchSettings) -> bool:
    """Whether a short quote may take ``parent`` as its parent, given how widely its words
    are used (``spread``: ``Index.shared_phrase``): words many people use ("peace and
    stability", "an unprecedentedly high level") quoted alone belong to a statement in
    the same cycle, and by the same speaker when someone else used them in that cycle."""
    return (
        not spread
        or within_cycle(item, parent, s.cycle_days)
        and (
            spread < 2
            or known_agree(item, parent)
            # An unattributed repeat of the very words: the tightest evidence left.
            or (item.speaker is None and parent.normalized == item.normalized)
        )
    )


def prescore(todo: Iterable[tuple[Item, list[int]]], index: Index, workers: int = -1) -> None:
    """Score the first ``max_candidates`` pairs of many quotes at once, on every core
    (rapidfuzz ``cpdist``), into ``index.scores`` for ``best_parent`` to take.

    Same results as scoring one pair at a time (``score``): a verbatim part is 100
    without scoring; a part of a longer whole takes ``partial_ratio`` (long needles
    through ``alignment.partial_ratios``, the same scores for less), and when that falls
    short, like any other pair, the best of ``ratio`` and ``token_sort_ratio``.
    """
    s = index.settings
    cut = s.suggest_score
    items = index.items
    known = index.partial_scores
    # Each distinct pair of wordings once: the same words from two speakers, or copies
    # of a statement in two clusters, are scored by one alignment.
    parts: dict[tuple[str, str], list[tuple[int, int]]] = {}
    whole: list[tuple[int, int]] = []
    # Whole-text scores cannot exceed 200 * shorter / (shorter + longer) characters
    # (ratio is 2 * LCS / total, and token_sort_ratio the same of the words sorted,
    # which keeps the lengths of single-spaced text): a part that fell short of the
    # cut and is this much shorter (1.67 times at 75) scores 0 as a whole too, as
    # cpdist would say, without the two alignments (a third of a batch's pairs).

    def short_of(key: tuple[int, int], short: str, long_: str) -> None:
        n = len(short)
        if 200 * n < cut * (n + len(long_)) and _single_spaced(long_):
            index.scores[key] = (0.0, False)
        else:
            whole.append(key)

    scores = index.scores
    for item, parents in todo:
        i, a = item.id, item.normalized
        la = len(a)
        for q in parents[: s.max_candidates]:
            key = (i, q)
            if key in scores:
                continue
            b = items[q].normalized
            lb = len(b)
            if la <= lb:
                short, long_, part = a, b, lb > la * 1.3
            else:
                short, long_, part = b, a, la > lb * 1.3
            if part:
                if short and short in long_:
                    scores[key] = (100.0, True)
                    continue
                p = known.get((short, long_))
                if p is None:
                    parts.setdefault((short, long_), []).append(key)
                    continue
                scores[key] = (p, True) if p else None
                if not p:
                    short_of(key, short, long_)
            else:
                scores[key] = None  # whole-text scores below
                whole.append(key)
    if parts:
        pairs = list(parts)
        shorts, longs = [a for a, _ in pairs], [b for _, b in pairs]
        got = partial_ratios(shorts, longs, cut, workers)
        if len(known) > PARTIAL_CACHE:
            known.clear()
        for pair, p in zip(pairs, got.tolist(), strict=True):
            known[pair] = p
            for key in parts[pair]:
                index.scores[key] = (p, True) if p else None
                if not p:
                    short_of(key, *pair)  # a part that falls short is scored as a whole
    whole = [k for k in whole if index.scores.get(k) is None]
    if whole:
        left = [items[i].normalized for i, _ in whole]
        right = [items[q].normalized for _, q in whole]
        r = process.cpdist(
            left, right, scorer=fuzz.ratio, score_cutoff=cut, workers=workers, dtype=F64
        )
        # token_sort_ratio is ratio of the words sorted: each quote's sorted once.
        t = process.cpdist(
            [_sort_words(text) for text in left],
            [_sort_words(text) for text in right],
            scorer=fuzz.ratio,
            score_cutoff=cut,
            workers=workers,
            dtype=F64,
        )
        for key, x, y in zip(whole, r.tolist(), t.tolist(), strict=True):
            index.scores[key] = (max(x, y), False)


@functools.lru_cache(maxsize=1 << 16)
def _sort_words(text: str) -> str:
    """The words in sorted order, as ``token_sort_ratio`` compares them."""
    return " ".join(sorted(text.split()))


@functools.lru_cache(maxsize=1 << 16)
def _single_spaced(text: str) -> bool:
    """Words joined by single spaces (what ``normalize`` gives): sorting its words keeps
    its length. (Cached: one longer quote is asked about for each of its shorter ones.)"""
    return text.count(" ") + 1 == len(text.split()) if text else False


# Scores as ``score`` gives them (cpdist's default is float32).
F64 = np.float64
BATCH = 2048  # quotes whose candidate pairs are scored together, on every core
SEARCH_BLOCK = 32  # pairs of the wider search scored per call
PARTIAL_CACHE = 200_000  # wording pairs whose alignment is kept (emptied when full)


def batch_parents(
    chunk: list[Item],
    index: Index,
    group: Callable[[int], int | None] | None = None,
    workers: int = -1,
) -> tuple[dict[int, tuple[Mapping[int, int], int]], dict[int, list[int]]]:
    """Shared grams and ranked potential parents of each quote of ``chunk``, with the
    first pairs of each already scored in one parallel batch (``prescore``)."""
    s = index.settings
    counts: dict[int, tuple[Mapping[int, int], int]] = {}
    parents: dict[int, list[int]] = {}
    for it in chunk:
        if n_words(it.normalized) < s.min_words or index.same_wording(it) is not None:
            continue  # no scoring, or (mostly) a copy joining its first wording
        counts[it.id] = index.shared_grams(it)
        parents[it.id] = ranked_parents(it, index, group, counts[it.id])
    prescore(((index.items[q], ps) for q, ps in parents.items()), index, workers)
    return counts, parents


def best_parent(
    item: Item,
    index: Index,
    *,
    allowed: Callable[[int, int], bool] | None = None,
    group: Callable[[int], int | None] | None = None,
    counts: tuple[Mapping[int, int], int] | None = None,
    parents: list[int] | None = None,
) -> tuple[Link | None, list[tuple[int, float]]]:
    """The one longer quote ``item`` is a version of, and doubtful near-misses.

    ``group`` (the cluster a quote is in, when clusters exist already) lets the
    incremental path score a few versions of each cluster rather than all of them.
    """
    s = index.settings
    words = n_words(item.normalized)
    if words < s.min_words:
        return None, []
    rep = index.same_wording(item)
    if (
        rep is not None
        and rep not in item.ancestors
        and (allowed is None or allowed(item.id, rep))
        and (words >= s.long_words or within_cycle(item, index.items[rep], s.cycle_days))
    ):
        # (A short phrase's copy a year later may be another statement: judged below.)
        return Link(item.id, rep, 100.0, False), []
    linkable: list[Link] = []
    doubtful: list[tuple[int, float]] = []
    items = index.items
    counts = counts or index.shared_grams(item)
    if parents is None:
        parents = ranked_parents(item, index, group, counts)
    searched = 0
    # ``_rate`` written out (thousands of pairs a second): the score prescore left, taken
    # out as it is used; the parents are eligible already.
    scores, me, cut, link_score = index.scores, item.id, s.suggest_score, s.link_score
    for i, cid in enumerate(parents):
        if i >= s.max_candidates:
            if linkable:
                break
            if (i - s.max_candidates) % SEARCH_BLOCK == 0:
                # The wider search, a block at a time in one call (most of them end
                # without a link, having scored every one).
                prescore([(item, parents[i : i + SEARCH_BLOCK])], index, workers=1)
                searched = i + SEARCH_BLOCK
        got = scores.pop((me, cid), None)
        if got is None:
            got = score(item.normalized, items[cid].normalized, cut)
        sim, partial = got
        if sim < cut:
            continue
        if sim >= link_score and (allowed is None or allowed(me, cid)):
            linkable.append(Link(me, cid, sim, partial))
        else:
            doubtful.append((cid, sim))
    for cid in parents[s.max_candidates : searched]:
        index.scores.pop((item.id, cid), None)  # scored in a block, not needed after all
    # A passage that merely carries the statement as a nested quote (an analysis
    # quoting a spokesman) gives way to the nested quote itself.
    carriers = {a for lk in linkable for a in index.items[lk.parent].ancestors}
    linkable = [lk for lk in linkable if lk.parent not in carriers]
    if words < s.short_words:
        # A short phrase joins the tightest quote that contains it: the same phrase
        # elsewhere, or the shortest sentence around it, not any long passage.
        # The same phrase elsewhere joins through that tightest sentence too, so the
        # result does not depend on which article arrived first.
        def key(lk: Link) -> tuple:
            other = index.items[lk.parent]
            ow = n_words(other.normalized)
            cycle = within_cycle(item, other, s.cycle_days)
            return (lk.score, cycle, ow > words, -ow, -lk.parent)
    else:

        def key(lk: Link) -> tuple:
            return (lk.score, n_words(index.items[lk.parent].normalized), -lk.parent)

    best = max(linkable, key=key, default=None)
    if best is not None and best.partial and best.parent in index.nested:
        best = _nested_version(item, best, index, allowed)
    if best is None:
        best = _gathering_phrase(item, index, counts[0], allowed)
    if best is not None:
        doubtful = [(c, x) for c, x in doubtful if c != best.parent and c not in carriers]
    # A reviewer reads a few "possibly the same" per quote, not every template-alike.
    doubtful = heapq.nlargest(s.max_suggestions, doubtful, key=lambda cx: (cx[1], -cx[0]))
    return best, doubtful


def _gathering_phrase(
    item: Item,
    index: Index,
    shared: Mapping[int, int],
    allowed: Callable[[int, int], bool] | None,
) -> Link | None:
    """A distinctive shorter quote that ``item`` contains word for word, when ``item`` has
    no parent: "you can put lipstick on a pig" and "they put some lipstick on a pig but
    it's still a pig" both join "lipstick on a pig" (the longest such phrase), which a
    one-parent rule alone would leave in two clusters. Only a phrase of unusual words
    that one speaker's quotes share within a news cycle gathers (``Index.distinctive``),
    and only quotes of that speaker (or none known) within the cycle, from other articles."""
    s = index.settings
    words = n_words(item.normalized)
    items = index.items
    best: tuple[int, int] | None = None
    n_grams, nw = index.n_grams, index.words
    # Shorter quotes all of whose grams ``item`` has (the cheap tests, over many quotes).
    f = index._frozen
    if isinstance(shared, Shared) and f is not None:
        w = f.words[shared.ids]
        mask = (shared.counts >= f.n_grams[shared.ids]) & (w >= s.min_words) & (w < words)
        inside = shared.ids[mask].tolist()
    else:
        inside = [q for q, n in shared.items() if n >= n_grams[q] and s.min_words <= nw[q] < words]
    for q in inside:
        p = items[q]
        pw = nw[q]
        if q in item.ancestors or item.id in p.ancestors:
            continue
        if not contained(p.normalized, item.normalized):
            continue
        if not speakers_agree(item, p) or not within_cycle(item, p, s.cycle_days):
            continue
        if _same_article(item, p):
            continue
        if best is not None and (pw, -q) <= best:
            continue
        if index.distinctive(p) and (allowed is None or allowed(item.id, q)):
            best = (pw, -q)
    if best is None:
        return None
    return Link(item.id, -best[1], 100.0, True)


def _same_article(a: Item, b: Item) -> bool:
    """Two quotes of one article: a term the article repeats ("in-ovo selection" in two
    different statements of one interview) is no evidence that they are one statement."""
    return a.document is not None and a.document == b.document


def gathers(phrase: Item, container: Item, index: Index) -> bool:
    """Whether ``phrase`` may gather ``container`` (see ``_gathering_phrase``): a shorter
    distinctive phrase it contains word for word, same speaker or none, same cycle."""
    s = index.settings
    return (
        index.words.get(phrase.id, n_words(phrase.normalized)) < n_words(container.normalized)
        and phrase.id not in container.ancestors
        and container.id not in phrase.ancestors
        and contained(phrase.normalized, container.normalized)
        and not _same_article(phrase, container)
        and speakers_agree(phrase, container)
        and within_cycle(phrase, container, s.cycle_days)
        and index.distinctive(phrase)
    )


def _nested_version(
    item: Item, link: Link, index: Index, allowed: Callable[[int, int], bool] | None
) -> Link:
    """The quote nested in ``link``'s parent that ``item`` is a version of, if any.

    A passage carrying a statement as a nested quote (an analyst quoting a minister)
    stands for it only through that quote: a fuller version of the minister's words
    (a part of the passage, about as long as the nested quote) joins the minister's
    quote, not the analyst's passage. The nested quote is the shorter one, so this is
    the one link that points to a shorter quote. A reprint of the passage, or a
    stretch of it much longer than the nested quote, stays with the passage.
    """
    s = index.settings
    for n in index.nested[link.parent]:
        inner = index.items[n]
        if n == item.id or not eligible(inner, item, s):
            continue
        verdict = _rate(inner, item, s)
        if verdict is None or verdict[0] != "link" or verdict[2]:
            continue  # not a version, or a whole around it (partial)
        if allowed is None or allowed(item.id, n):
            return Link(item.id, n, verdict[1], verdict[2])
    return link


def _few_per_group(ranked: list[int], group: Callable[[int], int | None], k: int) -> list[int]:
    """The first ``k`` of each group, in rank order (quotes with no group stand alone)."""
    seen: Counter[int] = Counter()
    out = []
    for q in ranked:
        g = group(q)
        if g is not None:
            if seen[g] >= k:
                continue
            seen[g] += 1
        out.append(q)
    return out


# From scratch, the index holds every quote before any is matched, so each quote's parent
# depends on the index alone: chunks can be matched in any order, by several processes.
PARALLEL_MIN = 20_000  # quotes from which forking workers pays for itself
_SHARED: tuple[Index, list[Item], Callable[[int, int], bool] | None] | None = None


def _match_chunks(
    starts: list[int], workers: int = -1
) -> tuple[list[Link], list[tuple[int, int, float]]]:
    """Parents and doubtful pairs of the quotes in the ``BATCH``-long chunks of the
    shared ordering (``_SHARED``) that begin at ``starts``."""
    assert _SHARED is not None
    index, ordered, allowed = _SHARED
    links: list[Link] = []
    suggestions: list[tuple[int, int, float]] = []
    for start in starts:
        chunk = ordered[start : start + BATCH]
        counts, parents = batch_parents(chunk, index, workers=workers)
        _search_wider(parents, index, workers)
        for it in chunk:
            link, doubtful = best_parent(
                it, index, allowed=allowed, counts=counts.get(it.id), parents=parents.get(it.id)
            )
            if link:
                links.append(link)
            suggestions.extend((it.id, c, x) for c, x in doubtful)
        index.scores.clear()  # what the chunk's quotes did not need (see _search_wider)
    return links, suggestions


def _search_wider(parents: dict[int, list[int]], index: Index, workers: int) -> None:
    """Score ahead, for a whole chunk at once, the blocks of the wider search that
    ``best_parent`` will need: the next ``SEARCH_BLOCK`` potential parents of each quote
    none of whose scored ones reaches ``link_score``, block after block. One batch a
    block for the chunk, not one per quote and block (most of the cost was each call's
    own). ``best_parent`` takes the scores it uses; the rest go with the chunk."""
    scores, link = index.scores, index.settings.link_score

    def linked(q: int, block: list[int]) -> bool:
        return any((scores.get((q, c)) or (0.0,))[0] >= link for c in block)

    lo, hi = 0, index.settings.max_candidates
    searching = parents
    while True:
        searching = {
            q: ps for q, ps in searching.items() if len(ps) > hi and not linked(q, ps[lo:hi])
        }
        if not searching:
            return
        block = [(index.items[q], ps[hi : hi + SEARCH_BLOCK]) for q, ps in searching.items()]
        prescore(block, index, workers)
        lo, hi = hi, hi + SEARCH_BLOCK


def _worker_chunk(start: int) -> tuple[list[Link], list[tuple[int, int, float]]]:
    return _match_chunks([start], workers=1)  # one process a core: no threads on top


def cluster(
    items: Iterable[Item],
    settings: MatchSettings | None = None,
    allowed=None,
    workers: int | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[Result, Index]:
    """Link every quote to its parent, longest first (the from-scratch path).

    With many quotes the chunks are matched by ``workers`` forked processes (default:
    one per core), which share the index copy-on-write; the result is the same.
    ``meanwhile`` is called once, while the workers match (else after matching): work of
    the caller's that does not need the result, done in this process instead of idling.
    """
    global _SHARED
    index = Index(settings)
    ordered = sorted(items, key=lambda it: (-n_words(it.normalized), -len(it.normalized), it.id))
    for it in ordered:
        index.add(it)
    index.freeze()
    result = Result()
    starts = list(range(0, len(ordered), BATCH))
    n_proc = min(cores() if workers is None else workers, len(starts))
    _SHARED = (index, ordered, allowed)
    try:
        if n_proc > 1 and len(ordered) >= PARALLEL_MIN and can_fork():
            # The collector would write to every shared object in each worker, copying
            # the whole index into it: the objects made so far are left out of it.
            gc.freeze()
            try:
                with fork_pool(n_proc) as pool:
                    # A chunk at a time to whichever worker is free: the chunks' costs
                    # differ (long quotes first), and a fixed share left one core idle.
                    pending = pool.map_async(_worker_chunk, starts, chunksize=1)
                    if meanwhile is not None:
                        meanwhile()
                    by_start = pending.get()
            finally:
                gc.unfreeze()
            # In the order the fixed shares gave (chunks 0, n, 2n, … then 1, n + 1, …):
            # ties between equal links are broken by this order later on.
            done = [by_start[k] for i in range(n_proc) for k in range(i, len(starts), n_proc)]
        else:
            done = [_match_chunks(starts)]
            if meanwhile is not None:
                meanwhile()
    finally:
        _SHARED = None
    for links, suggestions in done:
        for link in links:
            result.links[link.child] = link
        result.suggestions.extend(suggestions)
    # A quote joining a phrase that in turn joins it (the phrase's tightest container):
    # one of the two links says it all.
    for child, link in list(result.links.items()):
        back = result.links.get(link.parent)
        if back is not None and back.parent == child and child in result.links:
            if n_words(index.items[child].normalized) > n_words(
                index.items[link.parent].normalized
            ):
                del result.links[child]
            else:
                del result.links[link.parent]
    _break_cycles(result.links, index)
    return result, index


def _break_cycles(links: dict[int, Link], index: Index) -> None:
    """Drop one link of each longer loop, so that following parents always ends.

    Links point to longer quotes except a gathering phrase's and a nested version's, so
    a loop (a phrase's container whose own parent gathered into the phrase) has a
    longest member whose link points down: that link goes, as in the two-quote case
    above. The quotes stay connected through the rest of the loop.
    """
    items = index.items

    def size(q: int) -> tuple[int, int, int]:
        text = items[q].normalized
        return (n_words(text), len(text), -q)

    done: set[int] = set()
    for start in list(links):
        path: list[int] = []
        on_path: set[int] = set()
        q = start
        while q in links and q not in done and q not in on_path:
            path.append(q)
            on_path.add(q)
            q = links[q].parent
        if q in on_path:  # back on this walk: the loop is path[index of q:]
            loop = path[path.index(q) :]
            del links[max(loop, key=size)]
        done.update(path)
