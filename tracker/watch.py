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

from tracker.match import score
from tracker.store.models import Cluster, Document, Quote, WatchPhrase
from tracker.text import normalize

DEFAULT_THRESHOLD = 85.0
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


class WatchError(Exception):
    pass


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


def add_phrase(session: Session, phrase: str) -> tuple[WatchPhrase, bool]:
    norm = normalize(phrase)
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
    wp = session.scalar(select(WatchPhrase).where(WatchPhrase.normalized == normalize(phrase)))
    if wp is None:
        return False
    session.delete(wp)
    return True


def hits(session: Session, phrase: str, threshold: float = DEFAULT_THRESHOLD) -> list[Hit]:
    """Quotes and unquoted passages matching ``phrase``, oldest publication first."""
    norm = normalize(phrase)
    out: list[Hit] = []
    quoted: dict[int, list[tuple[int, int]]] = {}
    stmt = select(Document).execution_options(yield_per=200)
    for doc in session.scalars(stmt):
        # Cheap whole-document test first; sentences only where it might match.
        if fuzz.partial_ratio(norm, normalize(doc.text), score_cutoff=threshold) == 0:
            continue
        outlet = doc.outlet.name if doc.outlet else None
        published = doc.published.isoformat() if doc.published else None
        for q in doc.quotes:
            s = fuzz.partial_ratio(norm, q.normalized, score_cutoff=threshold)
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
            s = fuzz.partial_ratio(norm, normalize(m.group(0)), score_cutoff=threshold)
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


def find_clusters(
    session: Session, statement: str, limit: int = 10
) -> list[tuple[int, float, str]]:
    """Clusters ranked by how closely their wording matches ``statement``."""
    norm = normalize(statement)
    if not norm:
        return []
    rows = session.execute(
        select(Quote.cluster_id, Quote.normalized, Quote.text).where(Quote.cluster_id.is_not(None))
    ).all()
    choices = [r[1] for r in rows]
    # A fast first pass in C over every quote, then our own scorer on the best few.
    top = process.extract(
        norm, choices, scorer=fuzz.partial_ratio, limit=limit * 10, score_cutoff=50
    )
    best: dict[int, tuple[float, str]] = {}
    for _, _, i in top:
        cid, qn, _ = rows[i]
        s, _partial = score(norm, qn)
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


class NotFound(WatchError):
    """No cluster's wording matches the words given."""


class Ambiguous(WatchError):
    """Several clusters match the words given about equally well."""


# A cluster named by its words must match them well and clearly better than the next one:
# a reviewer's verdict or merge on the wrong cluster is worse than a question.
NAME_MIN_SCORE = 80.0
NAME_MARGIN = 5.0


def cluster_by_words(session: Session, words: str) -> tuple[int, float, str]:
    """The one cluster whose wording matches ``words``: (id, score, claim).

    Raises ``NotFound`` when nothing matches well, ``Ambiguous`` (naming the
    candidates) when two clusters match about equally well.
    """
    ranked = find_clusters(session, words, limit=5)
    if not ranked or ranked[0][1] < NAME_MIN_SCORE:
        raise NotFound(f"no cluster's wording matches {words!r}; try `tracker find`")
    best = ranked[0]
    close = [r for r in ranked[1:] if r[1] >= NAME_MIN_SCORE and r[1] > best[1] - NAME_MARGIN]
    if close:
        names = "; ".join(f"{cid} ({s:.0f}): {claim[:60]}" for cid, s, claim in [best, *close])
        raise Ambiguous(f"{words!r} matches several clusters: {names}. Use the id or more words")
    return best
