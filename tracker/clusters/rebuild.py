"""Clustering every quote from scratch, keeping ids and never dissolving reviewed clusters."""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from tracker.clusters.common import (
    _constraints,
    _create_clusters,
    _meaning_alike,
    _suggester,
    _write_suggestions,
    load_items,
    merged_into,
)
from tracker.clusters.stats import refresh_stats
from tracker.match import MatchSettings, cluster
from tracker.store.models import Base, Cluster, Quote
from tracker.variants import UnionFind, canonical_of, variant_of


def rebuild(session: Session, settings: MatchSettings | None = None) -> dict[str, int]:
    """Recompute every cluster from scratch, keeping ids and reviewers' decisions."""
    # Every quote is loaded, matched and written at once: tens of thousands of rows and
    # objects, which the cycle collector would walk again and again (about a tenth of the
    # main process's time). What they make is freed by reference counting; any cycle is
    # collected by the collector's next pass after.
    was = gc.isenabled()
    gc.disable()
    try:
        return _rebuild(session, settings)
    finally:
        if was:
            gc.enable()


def _rebuild(session: Session, settings: MatchSettings | None) -> dict[str, int]:
    cons = _constraints(session)
    items = load_items(session)

    def allowed(a: int, b: int) -> bool:
        return b not in cons.cannot.get(a, ())

    # What does not depend on the matching is read while the forked workers match
    # (this process would only wait for them): nothing writes before it is done.
    read: dict[str, Any] = {}

    def meanwhile() -> None:
        read["suggester"] = _suggester(session, settings) if items else None
        read["old"] = dict(session.execute(select(Quote.id, Quote.cluster_id)).all())
        read["clusters"] = list(session.scalars(select(Cluster)))
        read["merged"] = merged_into(session)
        read["texts"] = dict(session.execute(select(Quote.id, Quote.normalized)).all())

    result, _ = cluster(items, settings, allowed, meanwhile=meanwhile)
    uf = UnionFind()
    for it in items:
        uf.find(it.id)
    # Reviewed clusters stay whole; reviewers' merges hold.
    old: dict[int, int | None] = read["old"]
    # The wording a reviewer judged stays the claim of their cluster, whatever joins it.
    judged_wording = {c.id: c.canonical_quote_id for c in read["clusters"] if c.reviewed}
    reviewed = set(judged_wording)
    # So does the wording of the cluster a reviewer merged others into: the one they kept.
    kept_wording = judged_wording | {
        c.id: c.canonical_quote_id for c in read["clusters"] if c.id in read["merged"]
    }
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
    cluster_of = {q: cid for cid, qids in assigned.items() for q in qids}
    suggestions = list(result.suggestions)
    # By meaning, for one quote of each cluster (its claim): suggestions join clusters,
    # and the other members' would be near copies of the claim's.
    norms = {it.id: it.normalized for it in items}
    claims = [
        canonical_of(mine, norms)
        for qids in assigned.values()
        if (mine := [q for q in qids if q in norms])  # scare quotes have no claim
    ]

    def write_members() -> None:  # while forked workers suggest by meaning
        _write_members(session, assigned, result.links, kept_wording, read["texts"])
        refresh_stats(session)  # (the clusters' spread: their members, not suggestions)

    suggestions += _meaning_alike(
        session, claims, cluster_of, cons, settings, read["suggester"], write_members
    )
    _write_suggestions(session, suggestions, assigned, cons.cannot)
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
    # The rest are new clusters, inserted in one statement (their claim is set after), and
    # numbered in reading order: by their first quote, whatever order the database read.
    fresh = sorted((key for key in groups if key not in done), key=lambda key: min(groups[key]))
    for key, cid in zip(
        fresh, _create_clusters(session, [min(groups[key]) for key in fresh]), strict=True
    ):
        by_id[cid] = groups[key]
    return by_id


def _write_members(
    session, assigned, links, keep: dict[int, int | None], texts: dict[int, str]
) -> None:
    """Store each cluster's members, canonical wording and variants (``keep``: clusters
    whose canonical quote stays, if it is still a member; ``texts``: every quote's
    normalized wording)."""
    scores = {child: link.score for child, link in links.items()}
    canons, members = [], []
    for cid, qids in assigned.items():
        canon = keep.get(cid)
        if canon is None or canon not in qids:
            canon = canonical_of(qids, texts)
        canons.append({"cid": cid, "canon": canon})
        members += [
            {
                "qid": q,
                "cid": cid,
                "variant_": variant_of(texts[q], texts[canon]),
                "score": scores.get(q),
            }
            for q in qids
        ]
    # Bulk UPDATEs by primary key (one executemany each), not a statement per row; in
    # Core, not the ORM's bulk path: that one would expect the clusters' version counter,
    # and costs twice as much a row.
    if canons:
        t = Base.metadata.tables[Cluster.__tablename__]
        session.execute(
            update(t)
            .where(t.c.id == bindparam("cid"))
            .values(canonical_quote_id=bindparam("canon")),
            canons,
        )
    if members:
        quotes = Base.metadata.tables[Quote.__tablename__]
        session.execute(
            update(quotes)
            .where(quotes.c.id == bindparam("qid"))
            .values(
                cluster_id=bindparam("cid"),
                variant=bindparam("variant_"),
                match_score=bindparam("score"),
            ),
            members,
        )
