"""Watched phrases and "has this been checked before?" searches.

A watched phrase lists every quote and every passage of article text that
matches it fuzzily — reported speech is often unquoted ("called relations …
a model of interstate cooperation") — past and future alike, because hits are
computed when asked for, over everything stored at that moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import errors
from tracker.errors import UsageError
from tracker.match import SHARED_FRACTION, MatchSettings, grams, n_words, score
from tracker.safe import check_text
from tracker.store.models import Cluster, Document, Quote, WatchPhrase
from tracker.text import normalize

DEFAULT_THRESHOLD = 85.0
# A phrase or statement longer than this many words is a pasted paragraph: aligning it
# fuzzily against every document or quote would take minutes, so candidates come from
# the word trigrams and words it shares with them first (see ``_Probe``).
LONG_WORDS = 40
# A phrase of up to this many words is matched on whole words (see _Probe._whole_words).
SHORT_WORDS = 3
# A word this short in such a phrase is matched as written (or plural), not fuzzily.
EXACT_LETTERS = 4
# `find` looks a statement of this many words or more up through its trigrams (shorter
# ones have too few): see ``_candidates``.
INDEX_WORDS = 6
DOCUMENT_SHARE = 0.5
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


class WatchError(UsageError):
    """A phrase or words that cannot be watched or matched as given."""


@dataclass(frozen=True)
class Hit:
    kind: str  # "quote" or "passage"
    document_id: int
    source: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str
    score: float
    quote_id: int | None = None
    cluster_id: int | None = None


# The column for a phrase's normalized form: one limit on every engine.
PHRASE_LIMIT = 1000


def add_phrase(session: Session, phrase: str) -> tuple[WatchPhrase, bool]:
    try:
        phrase = check_text(phrase, "the phrase", multiline=True)
    except ValueError as exc:
        raise WatchError(str(exc)) from None
    norm = normalize(phrase)
    if len(norm) > PHRASE_LIMIT:
        raise WatchError(
            f"the phrase is too long to watch: {len(norm):,} characters of words, at most "
            f"{PHRASE_LIMIT:,} (find it once with `tracker track show`)"
        )
    if len(norm.split()) < 2:
        raise WatchError("watch a phrase of at least two words; single words match everywhere")
    existing = session.scalar(select(WatchPhrase).where(WatchPhrase.normalized == norm))
    if existing:
        return existing, False
    wp = WatchPhrase(phrase=phrase.strip(), normalized=norm)
    session.add(wp)
    session.flush()
    return wp, True


def remove_phrase(session: Session, phrase: str) -> bool:
    norm = normalize(phrase)
    if not norm:  # bad usage, as for `track add` and `show`: no phrase was named
        raise WatchError("give the watched phrase to remove: some of its words")
    wp = session.scalar(select(WatchPhrase).where(WatchPhrase.normalized == norm))
    if wp is None:
        return False
    session.delete(wp)
    return True


class _Probe:
    """A phrase to look for, with the cheap tests that spare the costly alignment.

    Short phrases are aligned with ``partial_ratio`` directly (cheap when one side is
    short). A long one (a pasted paragraph) is aligned only against texts that can
    match: a document must share word trigrams with it, and a quote or sentence at
    least half of its (or the phrase's) distinct words. ``partial_ratio`` aligns the
    shorter text within the longer, and a text this far apart in words does not
    reach a matching score.
    """

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.n = n_words(norm)
        self.long = self.n > LONG_WORDS
        self.short = self.n <= SHORT_WORDS
        self.words = set(norm.split())
        self.grams = set(grams(norm))
        # The short words of a short phrase, each with the forms a run may hold it in.
        self.exact = [
            {w, f"{w}s", f"{w}es"}
            for w in norm.split()
            if self.short and len(w) <= EXACT_LETTERS and w.isalpha()
        ]

    def near(self, other: str) -> bool:
        """Whether ``other`` (normalized) shares enough words to be worth aligning."""
        words = other.split()
        if not words:
            return False
        common = len(self.words.intersection(words))
        return common * 2 >= min(len(self.words), len(set(words)))

    def in_document(self, doc_norm: str, threshold: float) -> bool:
        if self.long:
            # The shorter of the two must carry half of its word trigrams in the longer
            # before they are aligned (the alignment is what costs): a version of the
            # paragraph with one word in six changed still does.
            doc_grams = grams(doc_norm)
            shared = len(self.grams.intersection(doc_grams))
            if shared < DOCUMENT_SHARE * min(len(self.grams), len(set(doc_grams))):
                return False
        # (A short phrase too: its whole-word match is found within the same alignment,
        # so this spares reading its words everywhere.)
        return fuzz.partial_ratio(self.norm, doc_norm, score_cutoff=threshold) > 0

    def score(self, other: str, threshold: float) -> float:
        if self.short:
            # Alignment first, in C: the whole words are read only where it finds a match.
            if not fuzz.partial_ratio(self.norm, other, score_cutoff=threshold):
                return 0.0
            return self._whole_words(other, threshold)
        if self.long and not self.near(other):
            return 0.0
        return fuzz.partial_ratio(self.norm, other, score_cutoff=threshold)

    def _whole_words(self, other: str, threshold: float) -> float:
        """A short phrase against runs of whole words of about its length: character
        alignment would find "war" inside "warning" and "a war" inside "a warning".

        A word of up to ``EXACT_LETTERS`` letters is one letter off another word ("war",
        "warm"; "ban", "bank") at a score any threshold lets through: the run must hold
        it as it is, or with a plural ending ("wars")."""
        words = other.split()
        runs = [
            words[i : i + k]
            for k in range(max(1, self.n - 1), self.n + 2)
            for i in range(max(1, len(words) - k + 1))
        ]
        if self.exact:
            runs = [r for r in runs if all(forms.intersection(r) for forms in self.exact)]
        best = process.extractOne(
            self.norm, [" ".join(r) for r in runs], scorer=fuzz.ratio, score_cutoff=threshold
        )
        return best[1] if best else 0.0


def hits(session: Session, phrase: str, threshold: float = DEFAULT_THRESHOLD) -> list[Hit]:
    """Quotes and unquoted passages matching ``phrase``, oldest publication first.

    A phrase of one word is looked for (a charged word quoted on its own, "disruptive",
    is what a fact-checker follows), but not watched (``add_phrase``). One without any
    word is bad usage: "0 hits" would say it was never reported."""
    norm = normalize(phrase)
    if not norm:
        raise WatchError("give the phrase to look for: some of its words")
    probe = _Probe(norm)
    out: list[Hit] = []
    quoted: dict[int, list[tuple[int, int]]] = {}
    stmt = select(Document).execution_options(yield_per=200)
    for doc in session.scalars(stmt):
        # Cheap whole-document test first; sentences only where it might match.
        if not probe.in_document(normalize(doc.text), threshold):
            continue
        outlet = doc.outlet.name if doc.outlet else None
        published = doc.published.isoformat() if doc.published else None
        for q in doc.quotes:
            s = probe.score(q.normalized, threshold)
            if s and len(q.normalized) >= len(norm) * 0.6:
                out.append(
                    Hit(
                        "quote",
                        doc.id,
                        doc.source,
                        outlet,
                        published,
                        q.start,
                        q.end,
                        q.text,
                        s,
                        q.id,
                        q.cluster_id,
                    )
                )
                quoted.setdefault(doc.id, []).append((q.start, q.end))
        for m in _SENTENCE.finditer(doc.text):
            start, end = m.start(), m.end()
            if any(a <= start < b or a < end <= b for a, b in quoted.get(doc.id, [])):
                continue  # inside a quote already listed
            s = probe.score(normalize(m.group(0)), threshold)
            if s:
                text = m.group(0).strip()
                lead = len(m.group(0)) - len(m.group(0).lstrip())
                out.append(
                    Hit(
                        "passage",
                        doc.id,
                        doc.source,
                        outlet,
                        published,
                        start + lead,
                        start + lead + len(text),
                        text,
                        s,
                    )
                )
    out.sort(key=lambda h: (h.published is None, h.published or "", h.document_id, h.start))
    return out


# A claim shorter than this links to no statement, and matches a search only in part.
_MIN_WORDS = MatchSettings().min_words


def find_clusters(
    session: Session, statement: str, limit: int = 10
) -> list[tuple[int, float, str]]:
    """Clusters ranked by how closely their wording matches ``statement``."""
    norm = normalize(statement)
    if not norm:
        return []
    rows = session.execute(
        select(Quote.cluster_id, Quote.normalized).where(Quote.cluster_id.is_not(None))
    ).all()
    choices = [r[1] for r in rows]
    probe = _Probe(norm)
    if n_words(norm) >= INDEX_WORDS:
        # Candidates share words and word trigrams with the statement: a pasted paragraph
        # costs about what a sentence does, and the quote itself is never crowded out by
        # short phrases it contains.
        top = _candidates(probe, choices, limit * 10)
    else:
        # A fast first pass in C over every quote, then our own scorer on the best few.
        top = [
            i
            for _, _, i in process.extract(
                norm, choices, scorer=fuzz.partial_ratio, limit=limit * 10, score_cutoff=50
            )
        ]
    best: dict[int, tuple[float, str]] = {}
    for i in top:
        cid, qn = rows[i]
        assert cid is not None  # only clustered quotes were selected
        s, _partial = score(norm, qn)
        if len(qn) < len(norm) and n_words(qn) < _MIN_WORDS:
            # A word or two inside the words asked for ("wir", "V") match only the part
            # they cover, as they could never link to a statement either.
            s *= (len(qn) / len(norm)) ** 0.5
        else:
            # Among equal matches, the wording closest in length ranks first: the quote
            # itself before a long passage that merely contains it.
            s *= 0.85 + 0.15 * min(len(norm), len(qn)) / max(len(norm), len(qn), 1)
        if cid not in best or s > best[cid][0]:
            best[cid] = (s, qn)
    canon = dict(
        session.execute(
            select(Cluster.id, Quote.text)
            .join(Quote, Cluster.canonical_quote_id == Quote.id)
            .where(Cluster.id.in_(list(best)))
        ).all()
    )
    ranked = sorted(
        ((cid, s, canon.get(cid, "")) for cid, (s, _) in best.items()), key=lambda r: (-r[1], r[0])
    )
    return ranked[:limit]


def find_by_meaning(
    session: Session, statement: str, limit: int = 10
) -> list[tuple[int, float, str, str]]:
    """``find_clusters``, and clusters whose claim says the same in other words (a
    paraphrase, a translation): (id, score, claim, "wording" | "meaning"), best first.

    Meaning scores are those of suggestions by meaning (tracker.semantic), under 75,
    so a wording match always ranks above; they come from the clusters' claims,
    embedded when asked for (WordLlama embeds some 60,000 sentences a second).
    """
    from tracker import semantic

    ranked = {
        cid: (s, claim, "wording") for cid, s, claim in find_clusters(session, statement, limit)
    }
    text = statement.strip()
    if text and semantic.available():
        rows = [
            (qid, cid, claim)
            for qid, cid, claim in session.execute(
                select(Cluster.canonical_quote_id, Cluster.id, Quote.text).join(
                    Quote, Cluster.canonical_quote_id == Quote.id
                )
            )
            # (Joined on it: never None.) A word or two ("fair") says nothing by meaning.
            if qid is not None and n_words(claim) >= _MIN_WORDS
        ]
        cluster_of = {qid: cid for qid, cid, _ in rows}
        with semantic.one_thread():
            suggester = semantic.Suggester({qid: t for qid, _, t in rows})
            probe = -1  # no quote has this id
            suggester.add(probe, text)
            claims = {qid: t for qid, _, t in rows}
            for qid, x in suggester.suggest(probe, None, limit, wide=True):
                cid = cluster_of[qid]
                if cid not in ranked or ranked[cid][0] < x:
                    ranked[cid] = (x, claims[qid], "meaning")
    out = [(cid, s, claim, how) for cid, (s, claim, how) in ranked.items()]
    out.sort(key=lambda r: (-r[1], r[0]))
    return out[:limit]


class NotFound(errors.NotFound, WatchError):
    """No cluster's wording matches the words given."""


class Ambiguous(WatchError):
    """Several clusters match the words given about equally well."""


# A cluster named by its words must match them well and clearly better than the next one:
# a reviewer's verdict or merge on the wrong cluster is worse than a question.
NAME_MIN_SCORE = 80.0
NAME_MARGIN = 5.0
NAME_MIN_LETTERS = 3


def cluster_by_words(session: Session, words: str) -> tuple[int, float, str]:
    """The one cluster whose wording matches ``words``: (id, score, claim).

    Raises ``NotFound`` when nothing matches well, ``Ambiguous`` (naming the
    candidates) when two clusters match about equally well, ``UsageError`` when
    ``words`` holds no word.
    """
    if not normalize(words):
        # Nothing named at all (an empty or unset shell variable): bad usage, as in `find`.
        raise UsageError("give a cluster: its id or words of its wording")
    # "-5" or "12b" is a mistyped id, not words: fuzzy matching would find a cluster
    # holding "15" and act on it with confidence.
    if sum(c.isalpha() for c in words) < NAME_MIN_LETTERS:
        raise NotFound(
            f"{words!r} is too short to name a cluster by its words, and not an id (a "
            "positive number); `tracker clusters` lists the ids"
        )
    ranked = find_clusters(session, words, limit=5)
    if not ranked or ranked[0][1] < NAME_MIN_SCORE:
        raise NotFound(f"no cluster's wording matches {words!r}; try `tracker find`")
    best = ranked[0]
    close = [r for r in ranked[1:] if r[1] >= NAME_MIN_SCORE and r[1] > best[1] - NAME_MARGIN]
    if close:
        names = "; ".join(f"{cid} ({s:.0f}): {claim[:60]}" for cid, s, claim in [best, *close])
        raise Ambiguous(f"{words!r} matches several clusters: {names}. Use the id or more words")
    return best


def _candidates(probe: _Probe, choices: list[str], k: int) -> list[int]:
    """The ``k`` quotes most likely to match a statement: the largest share of the
    shorter one's word trigrams found in the other (a quote it contains, or a quote
    containing it, has all of them), closest in length first among equals; quotes
    sharing few words are never looked at twice."""
    ranked = []
    padded = f" {probe.norm} "
    for i, text in enumerate(choices):
        if not probe.near(text):
            continue
        g = grams(text)
        if n_words(text) < 3:
            share = 1.0 if f" {text} " in padded else 0.0
        else:  # of the shorter one's trigrams: a quote inside it, or it inside a quote
            share = len(probe.grams.intersection(g)) / min(len(g), len(probe.grams))
        if share >= SHARED_FRACTION:
            ranked.append((-share, abs(len(text) - len(probe.norm)), i))
    ranked.sort()
    return [i for _, _, i in ranked[:k]]


def watched(
    session: Session, threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[WatchPhrase, int, int]]:
    """Every watched phrase, oldest first, with its quote and passage hit counts."""
    out = []
    for wp in watched_phrases(session):
        found = hits(session, wp.phrase, threshold)
        out.append(
            (wp, sum(h.kind == "quote" for h in found), sum(h.kind == "passage" for h in found))
        )
    return out


@dataclass(frozen=True)
class FoundClaim:
    """One row of `tracker find`: a cluster, how well its claim fits, and by what."""

    id: int
    score: float
    by: str  # "wording" or "meaning"
    status: str
    claim: str


def find_rows(session: Session, statement: str, limit: int = 10) -> list[FoundClaim]:
    """``find_by_meaning`` with each cluster's status: the rows `tracker find` lists."""
    if not normalize(statement):
        # (An empty table would read as "never checked before".)
        raise UsageError("give the statement to look for: some of its words")
    ranked = find_by_meaning(session, statement, limit)
    status = {cid: session.get_one(Cluster, cid).status.value for cid, *_ in ranked}
    return [
        FoundClaim(id=cid, score=round(s, 1), by=how, status=status[cid], claim=claim)
        for cid, s, claim, how in ranked
    ]


def watched_phrases(session: Session) -> list[WatchPhrase]:
    """Every watched phrase, oldest first."""
    return list(session.scalars(select(WatchPhrase).order_by(WatchPhrase.id)))
