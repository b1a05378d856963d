"""Claim clusters in the database: build, grow, merge, split — never losing review work.

``tracker.match`` decides which quotes are versions of one statement; this
module keeps the result in ``clusters`` with stable ids:

- a from-scratch ``rebuild`` maps each new group onto the old cluster that
  shares most of its quotes, so ids survive; a reviewed cluster (verdict,
  note or evidence) is never dissolved — its quotes stay together;
- ``add_quotes`` is the incremental path used by ingest: new quotes join the
  cluster of their best parent or start their own;
- ``merge`` and ``split`` record must-link / cannot-link decisions that every
  later clustering respects.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import String, bindparam, cast, delete, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from tracker import semantic
from tracker.kinds import NOT_CLAIMS
from tracker.match import (
    SHARED_FRACTION,
    Index,
    Item,
    Link,
    MatchSettings,
    _rate,
    batch_parents,
    best_parent,
    cluster,
    eligible,
    gathers,
    n_words,
    prescore,
)
from tracker.store.models import (
    Cluster,
    ClusterEvent,
    Decision,
    DecisionKind,
    Document,
    Outlet,
    Quote,
    Speaker,
    Status,
    Suggestion,
    utcnow,
)

_EPOCH = 719163  # date(1970, 1, 1).toordinal(): Item.day counts days from it


class ClusterError(Exception):
    """A merge or split that cannot be done; the message is for the user."""


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Constraints:
    must: list[tuple[int, int]]
    cannot: dict[int, set[int]]


def _constraints(session: Session) -> _Constraints:
    must, cannot = [], defaultdict(set)
    for d in session.scalars(select(Decision)):
        if d.kind == DecisionKind.MUST_LINK:
            must.append((d.quote_a, d.quote_b))
        else:
            cannot[d.quote_a].add(d.quote_b)
            cannot[d.quote_b].add(d.quote_a)
    return _Constraints(must, cannot)


def load_items(session: Session, quote_ids: Iterable[int] | None = None) -> list[Item]:
    """Matching input for quotes (all, or the given ones); scare quotes are not claims."""
    orgs = {
        name.lower(): sid
        for sid, name in session.execute(
            select(Speaker.id, Speaker.name).where(Speaker.is_organisation.is_(True))
        )
    }
    stmt = (
        select(
            Quote.id,
            Quote.normalized,
            Quote.speaker_id,
            Quote.speaker_as_named,
            Quote.enclosing_id,
            Document.published,
        )
        .join(Document, Document.id == Quote.document_id)
        .where(Quote.kind.not_in(NOT_CLAIMS))
    )
    if quote_ids is not None:
        stmt = stmt.where(Quote.id.in_(list(quote_ids)))
    rows = session.execute(stmt).all()
    enclosing = {qid: parent for qid, _, _, _, parent, _ in rows if parent is not None}
    if quote_ids is not None:
        # Walk up from just these quotes (nesting is rarely more than two deep).
        frontier = set(enclosing.values()) - set(enclosing)
        while frontier:
            found = dict(
                session.execute(
                    select(Quote.id, Quote.enclosing_id).where(
                        Quote.id.in_(frontier), Quote.enclosing_id.is_not(None)
                    )
                ).all()
            )
            enclosing.update(found)
            frontier = set(found.values()) - set(enclosing)
    else:
        enclosing = dict(
            session.execute(
                select(Quote.id, Quote.enclosing_id).where(Quote.enclosing_id.is_not(None))
            ).all()
        )
    items = []
    for qid, norm, speaker, as_named, parent, published in rows:
        named = (as_named or "").lower()
        aff = (
            frozenset(sid for name, sid in orgs.items() if name in named) if named else frozenset()
        )
        ancestors = set()
        while parent is not None and parent not in ancestors:
            ancestors.add(parent)
            parent = enclosing.get(parent)
        day = published.toordinal() - _EPOCH if published is not None else None
        items.append(Item(qid, norm, speaker, aff, frozenset(ancestors), day))
    return items


def rebuild(session: Session, settings: MatchSettings | None = None) -> dict[str, int]:
    """Recompute every cluster from scratch, keeping ids and reviewers' decisions."""
    cons = _constraints(session)
    items = load_items(session)

    def allowed(a: int, b: int) -> bool:
        return b not in cons.cannot.get(a, ())

    result, _ = cluster(items, settings, allowed)
    uf = _UnionFind()
    for it in items:
        uf.find(it.id)
    # Reviewed clusters stay whole; reviewers' merges hold.
    old = dict(session.execute(select(Quote.id, Quote.cluster_id)).all())
    # The wording a reviewer judged stays the claim of their cluster, whatever joins it.
    judged_wording = {
        c.id: c.canonical_quote_id for c in session.scalars(select(Cluster)) if c.reviewed
    }
    reviewed = set(judged_wording)
    by_old: dict[int, list[int]] = defaultdict(list)
    for qid, cid in old.items():
        if cid is not None:
            by_old[cid].append(qid)
    for cid in reviewed:
        members = by_old.get(cid, [])
        for q in members[1:]:
            uf.union(members[0], q)
    for a, b in cons.must:
        uf.union(a, b)
    for link in _respecting(result.links.values(), uf, cons, by_old, reviewed, old):
        uf.union(link.child, link.parent)
    groups: dict[int, list[int]] = defaultdict(list)
    for qid in old:
        groups[uf.find(qid)].append(qid)
    assigned = _assign_ids(session, groups, old, reviewed)
    _write_members(session, assigned, result.links, judged_wording)
    cluster_of = {q: cid for cid, qids in assigned.items() for q in qids}
    suggestions = list(result.suggestions)
    # By meaning, for one quote of each cluster (its claim): suggestions join clusters,
    # and the other members' would be near copies of the claim's.
    norms = {it.id: it.normalized for it in items}
    claims = [
        _canonical(mine, norms)
        for qids in assigned.values()
        if (mine := [q for q in qids if q in norms])  # scare quotes have no claim
    ]
    suggestions += _meaning_alike(session, claims, cluster_of, cons, settings)
    _write_suggestions(session, suggestions, assigned, cons.cannot)
    refresh_stats(session)
    return {"clusters": len(assigned), "quotes": len(old), "links": len(result.links)}


def _respecting(links, uf, cons, by_old, reviewed, old):
    """Links that do not join a cannot-link pair or pull a quote out of a reviewed cluster."""
    members: dict[int, set[int]] = defaultdict(set)
    judged: dict[int, set[int]] = defaultdict(set)  # reviewed clusters inside each group
    for q in old:
        members[uf.find(q)].add(q)
        if old[q] in reviewed:
            judged[uf.find(q)].add(old[q])
    for link in sorted(links, key=lambda lk: -lk.score):
        ra, rb = uf.find(link.child), uf.find(link.parent)
        if ra == rb:
            continue
        a, b = members[ra], members[rb]
        if any(cons.cannot.get(q, set()) & b for q in a):
            continue
        if judged[ra] and judged[rb] and judged[ra] != judged[rb]:
            continue  # two clusters a reviewer judged separately are merged only by a reviewer
        decided = link.child in cons.cannot or link.parent in cons.cannot
        if decided and (old.get(link.child) is None or old.get(link.child) != old.get(link.parent)):
            continue  # quotes a reviewer split stay where the reviewer put them
        uf.union(ra, rb)
        root = uf.find(ra)
        members[root] = a | b
        judged[root] = judged[ra] | judged[rb]
        yield link


def _assign_ids(session, groups, old, reviewed) -> dict[int, list[int]]:
    """Give each group the old id it shares most quotes with; reviewed ids first."""
    claims = []
    for key, qids in groups.items():
        counts = Counter(old[q] for q in qids if old[q] is not None)
        for cid, n in counts.items():
            claims.append((cid not in reviewed, -n, cid, key))
    claims.sort()
    taken_ids: set[int] = set()
    by_id: dict[int, list[int]] = {}
    done: set[int] = set()
    for _, _, cid, key in claims:
        if cid in taken_ids or key in done:
            continue
        by_id[cid] = groups[key]
        taken_ids.add(cid)
        done.add(key)
    existing = set(session.scalars(select(Cluster.id)))
    # Old clusters that lost every quote go, unless a reviewer worked on them.
    gone = existing - taken_ids - reviewed
    if gone:
        session.execute(update(Quote).where(Quote.cluster_id.in_(gone)).values(cluster_id=None))
        session.execute(delete(Cluster).where(Cluster.id.in_(gone)))
    for key, qids in groups.items():
        if key not in done:
            c = Cluster()
            session.add(c)
            session.flush()
            by_id[c.id] = qids
    return by_id


def _canonical(qids: list[int], texts: dict[int, str]) -> int:
    """The most complete version: the longest wording (the older quote on a tie)."""
    return max(qids, key=lambda q: (len(texts.get(q, "")), -q))


def variant_of(text: str, canonical: str) -> str:
    """How a normalized wording differs from the canonical one: "same", "part", "+x −y".

    A shorter quote is compared with the stretch of the canonical wording it
    lines up with, so a faithful part reads "part", not a list of missing words.
    """
    if text == canonical:
        return "same"
    if f" {text} " in f" {canonical} ":
        return "part"
    window = canonical
    if len(text) < len(canonical) * 0.85:
        from rapidfuzz.fuzz import partial_ratio_alignment

        al = partial_ratio_alignment(text, canonical)
        if al is not None:
            lo = canonical.rfind(" ", 0, al.dest_start) + 1
            hi = canonical.find(" ", al.dest_end)
            window = canonical[lo : hi if hi >= 0 else len(canonical)]
    # In order, word by word: an inserted "a" counts even if "a" occurs elsewhere, and
    # a difference of hyphens or spacing alone ("noninterference", "non-interference")
    # is no difference.
    from difflib import SequenceMatcher

    ta, tb = text.split(), window.split()
    if sorted(ta) == sorted(tb):
        return "part reordered" if window is not canonical else "reordered"
    extra: list[str] = []
    missing: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal" or "".join(ta[i1:i2]) == "".join(tb[j1:j2]):
            continue
        extra += ta[i1:i2]
        missing += tb[j1:j2]
    extra, missing = extra[:4], missing[:4]
    parts = []
    if window is not canonical:
        parts.append("part")
    if extra:
        parts.append("+" + " +".join(extra))
    if missing:
        parts.append("−" + " −".join(missing))
    return (" ".join(parts) or "same")[:300]


def _write_members(session, assigned, links, keep: dict[int, int | None]) -> None:
    """Store each cluster's members, canonical wording and variants (``keep``: clusters
    whose canonical quote stays, if it is still a member)."""
    texts = dict(session.execute(select(Quote.id, Quote.normalized)).all())
    scores = {child: link.score for child, link in links.items()}
    canons, members = [], []
    for cid, qids in assigned.items():
        canon = keep.get(cid)
        if canon not in qids:
            canon = _canonical(qids, texts)
        canons.append({"cid": cid, "canon": canon})
        members += [
            {
                "id": q,
                "cluster_id": cid,
                "variant": variant_of(texts[q], texts[canon]),
                "match_score": scores.get(q),
            }
            for q in qids
        ]
    # Bulk UPDATEs by primary key (one executemany each), not a statement per row.
    if canons:  # Core, not the ORM's bulk path: that one would expect the version counter
        t = Cluster.__table__
        session.execute(
            t.update()
            .where(t.c.id == bindparam("cid"))
            .values(canonical_quote_id=bindparam("canon")),
            canons,
        )
    if members:
        session.execute(update(Quote), members)


def _write_suggestions(session, suggestions, assigned, cannot) -> None:
    cluster_of = {q: cid for cid, qids in assigned.items() for q in qids}
    session.execute(delete(Suggestion))
    rows: dict[tuple[int, int], float] = {}
    for a, b, sim in suggestions:
        # A pair a reviewer said are different statements is never suggested again.
        if cluster_of.get(a) != cluster_of.get(b) and b not in cannot.get(a, ()):
            rows.setdefault((min(a, b), max(a, b)), sim)
    if rows:
        session.execute(
            insert(Suggestion),
            [{"quote_a": a, "quote_b": b, "score": sim} for (a, b), sim in rows.items()],
        )


def _quote_texts(session: Session, ids: Iterable[int] | None = None) -> dict[int, str]:
    stmt = select(Quote.id, Quote.text).where(Quote.kind.not_in(NOT_CLAIMS))
    if ids is None:
        return dict(session.execute(stmt).all())
    out: dict[int, str] = {}
    ids = sorted(ids)
    for i in range(0, len(ids), 500):
        out.update(session.execute(stmt.where(Quote.id.in_(ids[i : i + 500]))).all())
    return out


def _meaning_alike(
    session: Session,
    quote_ids: list[int],
    cluster_of: dict[int, int],
    cons: _Constraints,
    settings: MatchSettings | None,
    suggester: semantic.Suggester | None = None,
) -> list[tuple[int, int, float]]:
    """Paraphrases and translations of each quote in other clusters: suggestions only,
    never links (tracker.semantic). Nothing when the model is not available."""
    s = settings or MatchSettings()
    if not s.semantic or not quote_ids or not semantic.available():
        return []
    if suggester is None:
        with semantic.one_thread():
            suggester = semantic.Suggester(_quote_texts(session))

    def keep(a: int, b: int) -> bool:
        ca, cb = cluster_of.get(a), cluster_of.get(b)
        return (ca is None or ca != cb) and b not in cons.cannot.get(a, ())

    quote_ids = [q for q in quote_ids if q in suggester.texts]
    out = []
    with semantic.one_thread():
        # In slices, so the embeddings kept at once stay bounded over a large archive.
        for i in range(0, len(quote_ids), MEANING_SLICE):
            part = quote_ids[i : i + MEANING_SLICE]
            suggester.prepare(part)
            for q in part:
                out += [(q, c, x) for c, x in suggester.suggest(q, keep, s.max_suggestions)]
    return out


MEANING_SLICE = 5_000  # quotes whose suggestions by meaning are prepared together


@dataclass
class Incremental:
    """What the incremental path keeps between calls within one ingest run.

    ``alone`` holds the quotes that sit alone in an unreviewed cluster (quote →
    cluster): the only ones a newer, longer quote may adopt. Kept in memory so
    adoption costs nothing for the rest; every move is checked against the
    database before it is made, in case a reviewer changed things meanwhile.
    """

    index: Index
    alone: dict[int, int]
    # Every indexed quote's cluster as last seen here: it only steers which versions
    # are scored (a stale entry costs a score, not a wrong placement, since the chosen
    # parent's cluster is read from the database).
    cluster_of: dict[int, int]
    # Meaning-alike suggestions over the archive, built on the first call that needs it.
    suggester: semantic.Suggester | None = None

    def __post_init__(self) -> None:
        self._alone_in = {c: q for q, c in self.alone.items()}

    def joined(self, cluster_id: int) -> None:
        """``cluster_id`` gained a member: its quote is no longer alone."""
        q = self._alone_in.pop(cluster_id, None)
        if q is not None:
            self.alone.pop(q, None)

    def founded(self, quote_id: int, cluster_id: int) -> None:
        self.alone[quote_id] = cluster_id
        self._alone_in[cluster_id] = quote_id


def _alone(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Cluster.canonical_quote_id, Cluster.id).where(
            Cluster.n_quotes == 1,
            Cluster.status == Status.UNREVIEWED,
            Cluster.note.is_(None),
            Cluster.evidence_url.is_(None),
            Cluster.canonical_quote_id.is_not(None),
        )
    )
    return dict(rows.all())


def add_quotes(
    session: Session,
    quote_ids: list[int],
    settings: MatchSettings | None = None,
    state: Incremental | None = None,
) -> Incremental:
    """Incremental path: put new quotes into existing clusters or new ones.

    Pass the returned state back in for the next call of a batch, so the
    archive is read once per batch rather than once per call.
    """
    cons = _constraints(session)
    wanted = set(quote_ids)
    if state is None:
        placed = dict(
            session.execute(
                select(Quote.id, Quote.cluster_id).where(Quote.cluster_id.is_not(None))
            ).all()
        )
        index = Index(settings)
        for it in load_items(session):
            # Quotes not placed yet are indexed when their turn comes.
            if it.id in placed and it.id not in wanted:
                index.add(it)
        state = Incremental(index, _alone(session), placed)
    index = state.index
    new_items = sorted(load_items(session, quote_ids), key=lambda it: -len(it.normalized))
    for it in new_items:
        index.add(it)

    # Decide in memory first (a quote may join another new quote of the same call),
    # then read the clusters of just the older quotes chosen, and write in bulk.
    links: dict[int, Link] = {}
    suggestions: dict[tuple[int, int], float] = {}
    orphans: dict[int, list[int]] = {}  # new quote -> older lone quotes it might adopt
    # Candidates of every new quote first, their first pairs scored on every core.
    all_counts, all_parents = batch_parents(new_items, index, state.cluster_of.get)
    for it in new_items:
        counts = all_counts.get(it.id) or index.shared_grams(it)
        orphans[it.id] = _orphans_sharing(it, counts[0], state, wanted, cons)
        link, doubtful = best_parent(
            it,
            index,
            allowed=lambda a, b: b not in cons.cannot.get(a, ()),
            group=state.cluster_of.get,
            counts=counts,
            parents=all_parents.get(it.id),
        )
        if link is not None:
            links[it.id] = link
        for other, sim in doubtful:
            suggestions[(min(it.id, other), max(it.id, other))] = sim
    older = {lk.parent for lk in links.values()} | {q for pair in suggestions for q in pair}
    cluster_of = _clusters_of(session, older - wanted)

    target: dict[int, tuple[str, int]] = {}  # quote -> ("old", cluster id) | ("new", founder)

    visiting: set[int] = set()  # being placed, higher up this recursion

    def place(qid: int) -> tuple[str, int]:
        if qid not in target:
            visiting.add(qid)
            link = links.get(qid)
            where = None
            if link is not None:
                # Parents are longer, except a quote nested in a passage (match.
                # _nested_version): a fuller version may point to it while it points back.
                if link.parent in wanted and link.parent not in visiting:
                    where = place(link.parent)
                elif link.parent in cluster_of:
                    where = ("old", cluster_of[link.parent])
            target[qid] = where or ("new", qid)
            visiting.discard(qid)
        return target[qid]

    for it in new_items:
        place(it.id)
    # Scare quotes, titles and nested words are not claims but still get a (hidden) cluster
    # each, so nothing is lost.
    scare = session.scalars(
        select(Quote.id).where(Quote.id.in_(quote_ids), Quote.kind.in_(NOT_CLAIMS))
    ).all()
    for qid in scare:
        target[qid] = ("new", qid)

    # New clusters numbered in reading order, whatever order they were decided in.
    founders = sorted({q for kind, q in target.values() if kind == "new"})
    new_ids = dict(zip(founders, _create_clusters(session, founders), strict=True))
    resolved = {q: (cid if kind == "old" else new_ids[cid]) for q, (kind, cid) in target.items()}
    members = Counter(resolved.values())
    for q, (kind, cid) in target.items():
        if kind == "old":
            state.joined(cid)
        elif members[new_ids[cid]] == 1 and q not in scare and q in index.items:
            state.founded(q, new_ids[cid])

    canon = dict(
        session.execute(
            select(Cluster.id, Quote.normalized)
            .join(Quote, Cluster.canonical_quote_id == Quote.id)
            .where(Cluster.id.in_(set(resolved.values())))
        ).all()
    )
    norms = {it.id: it.normalized for it in new_items}
    if resolved:
        session.execute(
            update(Quote),
            [
                {
                    "id": q,
                    "cluster_id": cid,
                    "match_score": links[q].score
                    if q in links and target[q] != ("new", q)
                    else None,
                    "variant": variant_of(norms[q], canon[cid])
                    if q in norms and cid in canon
                    else "same",
                }
                for q, cid in resolved.items()
            ],
        )
    # A fuller version joining a cluster (through a nested quote, or a parent with
    # more words but fewer characters) becomes its canonical wording.
    fuller = {cid for q, cid in resolved.items() if len(norms.get(q, "")) > len(canon.get(cid, ""))}
    cluster_of.update(resolved)
    state.cluster_of.update(resolved)
    if index.settings.semantic and semantic.available():
        if state.suggester is None:
            with semantic.one_thread():
                state.suggester = semantic.Suggester(_quote_texts(session))
        else:
            for q, t in _quote_texts(session, [it.id for it in new_items]).items():
                state.suggester.add(q, t)
        # By meaning, for the quotes that start a cluster: a quote joining one is a
        # version of its statement, whose suggestions its first quote has.
        founders = [it.id for it in new_items if target.get(it.id) == ("new", it.id)]
        for a, b, sim in _meaning_alike(
            session, founders, state.cluster_of, cons, None, state.suggester
        ):
            suggestions.setdefault((min(a, b), max(a, b)), sim)
        cluster_of.update(_clusters_of(session, {q for pair in suggestions for q in pair}))
    pairs = [
        {"quote_a": a, "quote_b": b, "score": sim}
        for (a, b), sim in suggestions.items()
        # A pair a reviewer said are different statements is never suggested again.
        if cluster_of.get(a) != cluster_of.get(b) and b not in cons.cannot.get(a, ())
    ]
    if pairs:
        session.execute(_insert_ignoring_duplicates(session, Suggestion), pairs)
    adopted = _adopt(session, new_items, state, resolved, orphans)
    # Once per cluster, after every move: a fuller version changes the canonical wording
    # (all variants redone); an adopted shorter quote needs only its own variant.
    for cid in sorted(fuller | adopted.keys()):
        _recanonicalize(session, cid, fresh=None if cid in fuller else adopted[cid])
    refresh_stats(session, set(resolved.values()) | adopted.keys())
    return state


def _create_clusters(session: Session, founders: list[int]) -> list[int]:
    if not founders:
        return []
    now = utcnow()
    return list(
        session.scalars(
            insert(Cluster).returning(Cluster.id, sort_by_parameter_order=True),
            [
                {
                    "canonical_quote_id": q,
                    "status": Status.UNREVIEWED,
                    "version": 1,
                    "created_at": now,
                }
                for q in founders
            ],
        )
    )


def _insert_ignoring_duplicates(session: Session, model):
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model).on_conflict_do_nothing()


def _recanonicalize(
    session: Session, cluster_id: int, keep: bool = False, fresh: set[int] | None = None
) -> None:
    """Point a cluster at its most complete version and redo its members' variants.

    A reviewed cluster keeps the wording its verdict was given on, while that quote
    is still a member: a fuller version joining it is a member, not the new claim.
    ``keep``: any cluster keeps its canonical quote (one restored by an undo).
    ``fresh``: the members that just joined; when the canonical quote stays, only
    their variants can have changed.
    """
    rows = session.execute(
        select(Quote.id, Quote.normalized).where(Quote.cluster_id == cluster_id)
    ).all()
    if not rows:
        return
    texts = dict(rows)
    c = session.get(Cluster, cluster_id)
    canon_id = c.canonical_quote_id if c is not None and (keep or c.reviewed) else None
    if canon_id not in texts:
        canon_id = _canonical(list(texts), texts)
    canon = texts[canon_id]
    if fresh is not None and c is not None and c.canonical_quote_id == canon_id:
        rows = [(qid, norm) for qid, norm in rows if qid in fresh]
    else:
        session.execute(
            update(Cluster).where(Cluster.id == cluster_id).values(canonical_quote_id=canon_id)
        )
    if rows:
        session.execute(
            update(Quote), [{"id": qid, "variant": variant_of(norm, canon)} for qid, norm in rows]
        )


def _get(session: Session, cluster_id: int) -> Cluster:
    c = session.get(Cluster, cluster_id)
    if c is None:
        raise ClusterError(f"no cluster {cluster_id}")
    return c


# What a reviewer's work on a cluster consists of, kept by a merge for its undo.
_JUDGED = ("status", "reviewer", "reviewed_at", "note", "evidence_url", "canonical_quote_id")


@dataclass(frozen=True)
class MergeRecord:
    """What a merge changed, so that it can be taken back (``unmerge``)."""

    target: int
    other: int
    moved: tuple[int, ...]  # the merged-away cluster's quotes
    target_was: tuple[tuple[str, object], ...]  # the target's _JUDGED fields before
    other_was: tuple[tuple[str, object], ...]  # the merged-away cluster's, and created_at
    events: tuple[int, ...]  # the merged-away cluster's history
    must_links: tuple[tuple[int, int], ...]  # decisions the merge added
    cannot_links: tuple[tuple[int, int, str | None, object], ...]  # ... and dropped

    def to_json(self) -> str:
        """Stored with the merge's history entry, so a later session can take it back."""

        def enc(v: object) -> object:
            if isinstance(v, dt.datetime):
                return {"datetime": v.isoformat()}
            return v.value if isinstance(v, Status) else v

        return json.dumps(
            {
                "target": self.target,
                "other": self.other,
                "moved": list(self.moved),
                "target_was": [[f, enc(v)] for f, v in self.target_was],
                "other_was": [[f, enc(v)] for f, v in self.other_was],
                "events": list(self.events),
                "must_links": [list(p) for p in self.must_links],
                "cannot_links": [[a, b, who, enc(at)] for a, b, who, at in self.cannot_links],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> MergeRecord:
        data = json.loads(text)

        def dec(field: str, v: object) -> object:
            if isinstance(v, dict) and "datetime" in v:
                return dt.datetime.fromisoformat(v["datetime"])
            return Status(v) if field == "status" else v

        return cls(
            data["target"],
            data["other"],
            tuple(data["moved"]),
            tuple((f, dec(f, v)) for f, v in data["target_was"]),
            tuple((f, dec(f, v)) for f, v in data["other_was"]),
            tuple(data["events"]),
            tuple(tuple(p) for p in data["must_links"]),
            tuple((a, b, who, dec("at", at)) for a, b, who, at in data["cannot_links"]),
        )


def merge(
    session: Session, target_id: int, other_id: int, reviewer: str | None = None
) -> tuple[Cluster, MergeRecord]:
    """Move every quote of ``other`` into ``target``; later clusterings keep them together."""
    if target_id == other_id:
        raise ClusterError("cannot merge a cluster with itself")
    target, other = _get(session, target_id), _get(session, other_id)
    if target.reviewed and other.reviewed and target.status != other.status:
        raise ClusterError(
            f"clusters {target_id} ({target.status}) and {other_id} ({other.status}) have "
            "different verdicts; set one back to unreviewed first"
        )
    target_was = tuple((f, getattr(target, f)) for f in _JUDGED)
    other_was = tuple((f, getattr(other, f)) for f in (*_JUDGED, "created_at"))
    events = tuple(
        session.scalars(select(ClusterEvent.id).where(ClusterEvent.cluster_id == other_id))
    )
    anchor = target.canonical_quote_id
    moved = list(session.scalars(select(Quote.id).where(Quote.cluster_id == other_id)))
    cannot = _constraints(session).cannot
    target_quotes = set(session.scalars(select(Quote.id).where(Quote.cluster_id == target_id)))
    dropped = []
    for q in moved:
        if cannot.get(q, set()) & target_quotes:
            # The reviewer now says they belong together: the newer decision wins.
            these = (Decision.kind == DecisionKind.CANNOT_LINK) & (
                ((Decision.quote_a == q) & Decision.quote_b.in_(target_quotes))
                | ((Decision.quote_b == q) & Decision.quote_a.in_(target_quotes))
            )
            dropped += session.execute(
                select(
                    Decision.quote_a, Decision.quote_b, Decision.reviewer, Decision.created_at
                ).where(these)
            ).all()
            session.execute(delete(Decision).where(these))
    had = set(
        session.execute(
            select(Decision.quote_a, Decision.quote_b).where(
                Decision.kind == DecisionKind.MUST_LINK, Decision.quote_a == anchor
            )
        ).all()
    )
    added = tuple((anchor, q) for q in moved if (anchor, q) not in had)
    _decide(session, DecisionKind.MUST_LINK, list(added), reviewer)
    session.execute(update(Quote).where(Quote.cluster_id == other_id).values(cluster_id=target_id))
    # The merged-away cluster's history follows its quotes.
    session.execute(
        update(ClusterEvent).where(ClusterEvent.cluster_id == other_id).values(cluster_id=target_id)
    )
    if other.reviewed and not target.reviewed:
        # The verdict comes with the wording it was given on.
        target.status, target.reviewer, target.reviewed_at, target.canonical_quote_id = (
            other.status,
            other.reviewer,
            other.reviewed_at,
            other.canonical_quote_id,
        )
    notes = [n for n in (target.note, other.note) if n]
    if target.evidence_url and other.evidence_url and target.evidence_url != other.evidence_url:
        notes.append(f"Evidence from merged cluster {other_id}: {other.evidence_url}")
    target.note = "\n\n".join(notes) or None
    target.evidence_url = target.evidence_url or other.evidence_url
    session.flush()
    session.delete(other)
    _recanonicalize(session, target_id)
    session.flush()
    refresh_stats(session, [target_id])
    record = MergeRecord(
        target_id,
        other_id,
        tuple(moved),
        target_was,
        other_was,
        events,
        added,
        tuple(tuple(row) for row in dropped),
    )
    return target, record


def unmerge(session: Session, record: MergeRecord) -> Cluster:
    """Take a merge back: the merged-away cluster returns with its id, quotes, verdict,
    note and history, the target gets its own back, and the merge's decisions go.

    The caller makes sure no one has judged the merged cluster since (tracker.review
    reads its history), since its verdict, note and link are set back.
    """
    target = _get(session, record.target)
    if session.get(Cluster, record.other) is not None:
        raise ClusterError(f"cluster {record.other} exists again")
    here = set(session.scalars(select(Quote.id).where(Quote.cluster_id == record.target)))
    if not set(record.moved) <= here:
        raise ClusterError(
            f"quotes of cluster {record.other} have moved since the merge; split them off instead"
        )
    other = Cluster(id=record.other, **dict(record.other_was))
    session.add(other)
    session.flush()
    session.execute(update(Quote).where(Quote.id.in_(record.moved)).values(cluster_id=record.other))
    if record.events:
        session.execute(
            update(ClusterEvent)
            .where(ClusterEvent.id.in_(record.events))
            .values(cluster_id=record.other)
        )
    linked: dict[int, list[int]] = defaultdict(list)  # one anchor per merge, in practice
    for a, b in record.must_links:
        linked[a].append(b)
    for a, bs in linked.items():
        session.execute(
            delete(Decision).where(
                Decision.kind == DecisionKind.MUST_LINK,
                Decision.quote_a == a,
                Decision.quote_b.in_(bs),
            )
        )
    if record.cannot_links:
        session.execute(
            _insert_ignoring_duplicates(session, Decision),
            [
                {
                    "kind": DecisionKind.CANNOT_LINK,
                    "quote_a": a,
                    "quote_b": b,
                    "reviewer": who,
                    "created_at": at,
                }
                for a, b, who, at in record.cannot_links
            ],
        )
    for field, value in record.target_was:
        setattr(target, field, value)
    session.flush()
    _recanonicalize(session, record.target, keep=True)
    _recanonicalize(session, record.other, keep=True)
    session.flush()
    refresh_stats(session, [record.target, record.other])
    return other


def _decide(session, kind: DecisionKind, pairs: list[tuple[int, int]], reviewer) -> None:
    """Record decisions; one already on record (a split made twice) is kept, not an error."""
    if pairs:
        session.execute(
            _insert_ignoring_duplicates(session, Decision),
            [
                {
                    "kind": kind,
                    "quote_a": a,
                    "quote_b": b,
                    "reviewer": reviewer,
                    "created_at": utcnow(),
                }
                for a, b in pairs
            ],
        )


def split(
    session: Session, cluster_id: int, quote_ids: list[int], reviewer: str | None = None
) -> Cluster:
    """Move ``quote_ids`` out of a cluster into a new one; they never rejoin it."""
    source = _get(session, cluster_id)
    members = set(session.scalars(select(Quote.id).where(Quote.cluster_id == cluster_id)))
    wanted = set(quote_ids)
    if not wanted <= members:
        raise ClusterError(f"quotes {sorted(wanted - members)} are not in cluster {cluster_id}")
    if wanted == members:
        raise ClusterError("splitting off every quote would leave an empty cluster")
    # Earlier merges that tied these quotes to the rest are superseded.
    session.execute(
        delete(Decision).where(
            Decision.kind == DecisionKind.MUST_LINK,
            (Decision.quote_a.in_(wanted) & Decision.quote_b.in_(members - wanted))
            | (Decision.quote_b.in_(wanted) & Decision.quote_a.in_(members - wanted)),
        )
    )
    _decide(
        session,
        DecisionKind.CANNOT_LINK,
        [(q, r) for q in wanted for r in members - wanted],
        reviewer,
    )
    moved = sorted(wanted)
    _decide(session, DecisionKind.MUST_LINK, list(zip(moved, moved[1:], strict=False)), reviewer)
    new = Cluster()
    session.add(new)
    session.flush()
    session.execute(update(Quote).where(Quote.id.in_(wanted)).values(cluster_id=new.id))
    _recanonicalize(session, new.id)
    _recanonicalize(session, source.id)
    session.flush()
    refresh_stats(session, [new.id, source.id])
    return new


def _clusters_of(session: Session, quote_ids: set[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    ids = sorted(quote_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.update(
            session.execute(
                select(Quote.id, Quote.cluster_id).where(
                    Quote.id.in_(chunk), Quote.cluster_id.is_not(None)
                )
            ).all()
        )
    return out


def _orphans_sharing(
    item: Item, shared: Counter[int], state: Incremental, wanted: set[int], cons: _Constraints
) -> list[int]:
    """Older, shorter quotes alone in their cluster that share enough of their own
    wording with ``item`` to take it as their parent."""
    index = state.index
    nw = index.words
    words = nw.get(item.id) or n_words(item.normalized)
    alone = state.alone
    # Only a shorter quote can take the new one as its parent, and only one sharing
    # enough of its own wording with it (the cheap tests first: ``shared`` is large).
    out = [
        cid
        for cid, n in shared.items()
        if cid in alone
        and nw[cid] <= words
        and n >= max(1, SHARED_FRACTION * (nw[cid] - 2))
        and cid not in wanted
        and cid not in cons.cannot
    ]
    # Older, longer quotes alone that contain a distinctive new phrase: its family
    # (tracker.match.gathers), as a rebuild would gather it.
    if n_words(item.normalized) < index.settings.long_words:
        for cid in index.containers(item) or ():
            if cid in state.alone and cid not in wanted and cid not in cons.cannot:
                out.append(cid)
    return sorted(set(out))


def _adopt(session, new_items, state: Incremental, resolved, orphans) -> dict[int, set[int]]:
    """Older shorter quotes left alone may have found their parent among the new ones.

    Only quotes alone in an unreviewed cluster move, so the incremental path
    ends where a rebuild would, without disturbing anything a reviewer touched.
    Returns the quotes each cluster took in (the caller redoes their variants).
    """
    index = state.index
    s = index.settings
    # Every pair that may link, scored in one batch on every core first.
    todo = [
        (index.items[cid], [it.id])
        for it in new_items
        for cid in orphans.get(it.id, ())
        if eligible(index.items[cid], it, s)
    ]
    if todo:
        prescore(todo, index)
    moved_to: dict[int, set[int]] = defaultdict(set)
    for it in new_items:
        target = resolved.get(it.id)
        for cid in orphans.get(it.id, ()):
            old_cluster = state.alone.get(cid)
            if target is None or old_cluster is None or target == old_cluster:
                continue  # adopted meanwhile by another new quote
            # A quote left alone so far has no parent: if the new one qualifies, it is it.
            other = index.items[cid]
            verdict: tuple[str, float, bool] | None = None
            if gathers(it, other, index):
                verdict = ("link", 100.0, True)
            elif eligible(other, it, s):
                verdict = _rate(other, it, s, index.scores)
            if verdict is None or verdict[0] != "link":
                continue
            c = session.get(Cluster, old_cluster)
            still_alone = session.scalar(
                select(func.count(Quote.id)).where(Quote.cluster_id == old_cluster)
            )
            if c is None or c.reviewed or still_alone != 1:
                state.alone.pop(cid, None)  # a reviewer got there first
                continue
            session.execute(
                update(Quote)
                .where(Quote.id == cid)
                .values(cluster_id=target, match_score=verdict[1])
            )
            session.delete(c)
            session.flush()
            state.alone.pop(cid, None)
            state.cluster_of[cid] = target
            state.joined(target)
            moved_to[target].add(cid)
    return moved_to


def refresh_stats(session: Session, cluster_ids: Iterable[int] | None = None) -> None:
    """Recount the spread of the given clusters (all when None) after membership changed.

    A plain UPDATE, outside the ORM's version counter: recounting is not a
    reviewer's change and must not make a reviewer's open screen stale.
    """
    mine = Quote.cluster_id == Cluster.id

    def over_quotes(expr):
        return select(expr).where(mine).scalar_subquery()

    def over_docs(expr):
        return (
            select(expr)
            .select_from(Quote)
            .join(Document, Document.id == Quote.document_id)
            .where(mine)
            .scalar_subquery()
        )

    inner = aliased(Quote)
    # A passage quoting a member of its own cluster: its speaker is the one quoting
    # (a journalist), not a second person the words are credited to.
    quoting = (
        select(inner.id)
        .where(inner.enclosing_id == Quote.id, inner.cluster_id == Quote.cluster_id)
        .exists()
    )
    # Most of a passage is other people's quoted words: their quotes are the claims,
    # and the passage is their context, not a claim of its own.
    covered = (
        select(func.coalesce(func.sum(func.length(inner.text)), 0))
        .where(inner.enclosing_id == Quote.id, inner.kind.not_in(NOT_CLAIMS))
        .scalar_subquery()
    )
    outlet_name = select(Outlet.id).where(func.lower(Outlet.name) == Quote.normalized).exists()
    values = {
        # The same words repeated in one document (a related-article headline shown
        # twice) are one appearance, not two.
        "n_quotes": over_quotes(
            func.count(func.distinct(cast(Quote.document_id, String) + ":" + Quote.normalized))
        ),
        "n_outlets": over_docs(func.count(func.distinct(Document.outlet_id))),
        "n_speakers": select(func.count(func.distinct(Quote.speaker_id)))
        .where(mine, ~quoting)
        .scalar_subquery(),
        "first_seen": over_docs(func.min(Document.published)),
        "has_claim": select(Quote.id)
        .where(
            mine,
            Quote.kind.not_in(NOT_CLAIMS),
            covered * 4 < func.length(Quote.text) * 3,
            ~outlet_name,  # "New Eastern Outlook" in quotation marks names the outlet
        )
        .exists(),
    }
    stmts = []
    if cluster_ids is None:
        stmts.append(update(Cluster))
    else:
        ids = sorted(set(cluster_ids))
        stmts += [
            update(Cluster).where(Cluster.id.in_(ids[i : i + 500])) for i in range(0, len(ids), 500)
        ]
    for stmt in stmts:
        session.execute(stmt.values(**values).execution_options(synchronize_session=False))


def reject_suggestion(
    session: Session, cluster_id: int, other_id: int, reviewer: str | None = None
) -> int:
    """A reviewer says two clusters are different statements: cannot-link every pair of
    their quotes (later clusterings keep them apart) and drop the suggestions between
    them, which are never made again. Returns how many suggestions were dropped."""
    if cluster_id == other_id:
        raise ClusterError("a cluster is always the same as itself")
    _get(session, cluster_id), _get(session, other_id)
    ours = list(session.scalars(select(Quote.id).where(Quote.cluster_id == cluster_id)))
    theirs = list(session.scalars(select(Quote.id).where(Quote.cluster_id == other_id)))
    _decide(session, DecisionKind.CANNOT_LINK, [(a, b) for a in ours for b in theirs], reviewer)
    across = (Suggestion.quote_a.in_(ours) & Suggestion.quote_b.in_(theirs)) | (
        Suggestion.quote_a.in_(theirs) & Suggestion.quote_b.in_(ours)
    )
    return session.execute(delete(Suggestion).where(across)).rowcount or 0
