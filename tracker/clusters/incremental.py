"""Placing new quotes as they arrive (the path ingest takes)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from tracker import semantic
from tracker.clusters.common import (
    _Constraints,
    _constraints,
    _create_clusters,
    _insert_ignoring_duplicates,
    _meaning_alike,
    _quote_texts,
    _recanonicalize,
    load_items,
    merged_into,
)
from tracker.clusters.stats import refresh_stats
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
    eligible,
    gathers,
    grams,
    n_words,
    prescore,
    ranked_parents,
    spread_allows,
)
from tracker.store.db import lock_for_placing
from tracker.store.models import Cluster, Quote, Status, Suggestion
from tracker.variants import UnionFind, canonical_of, variant_of


@dataclass
class Incremental:
    """What the incremental path keeps between calls within one ingest run.

    ``alone`` holds the quotes that sit alone in an unreviewed cluster (quote →
    cluster), ``roots`` the quotes with no parent in an unreviewed cluster of several
    (``_roots``): the only ones a newer, longer quote may adopt. Kept in memory so
    adoption costs nothing for the rest; every move is checked against the
    database before it is made, in case a reviewer changed things meanwhile.
    """

    index: Index
    alone: dict[int, int]
    roots: dict[int, int]
    # Every indexed quote's cluster as last seen here: it only steers which versions
    # are scored (a stale entry costs a score, not a wrong placement, since the chosen
    # parent's cluster is read from the database).
    cluster_of: dict[int, int]
    # Meaning-alike suggestions over the archive, built on the first call that needs it.
    suggester: semantic.Suggester | None = None

    def __post_init__(self) -> None:
        self._alone_in = {c: q for q, c in self.alone.items()}

    def joined(self, cluster_id: int) -> None:
        """``cluster_id`` gained a member: its quote is no longer alone, but its root."""
        q = self._alone_in.pop(cluster_id, None)
        if q is not None:
            self.alone.pop(q, None)
            self.roots[q] = cluster_id

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
    return {canon: cid for canon, cid in rows if canon is not None}


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
    # (Callers that write first take the lock before their writes; this holds it for the
    # others, and costs nothing where it is held already.)
    if lock_for_placing(session.connection()):
        state = None  # the archive was clustered anew meanwhile: what was read is stale
    cons = _constraints(session)
    wanted = set(quote_ids)
    if state is None:
        placed = {
            qid: cid
            for qid, cid in session.execute(
                select(Quote.id, Quote.cluster_id).where(Quote.cluster_id.is_not(None))
            )
            if cid is not None
        }
        index = Index(settings)
        for it in load_items(session):
            # Quotes not placed yet are indexed when their turn comes.
            if it.id in placed and it.id not in wanted:
                index.add(it)
        state = Incremental(index, _alone(session), _roots(session, cons), placed)
    index = state.index
    new_items = sorted(load_items(session, quote_ids), key=lambda it: -len(it.normalized))
    index.reopen_spreads()  # the new quotes may contain phrases judged before them
    for it in new_items:
        index.add(it)

    # Decide in memory first (a quote may join another new quote of the same call),
    # then read the clusters of just the older quotes chosen, and write in bulk.
    links: dict[int, Link] = {}
    suggestions: dict[tuple[int, int], float] = {}
    orphans: dict[int, list[int]] = {}  # new quote -> parentless older quotes it may parent
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
        elif members[new_ids[cid]] == 1:
            if q not in scare and q in index.items:
                state.founded(q, new_ids[cid])
        elif q == cid:
            state.roots[q] = new_ids[cid]  # it founded a cluster others joined

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
    adopted = _adopt(session, new_items, state, resolved, orphans, cons)
    # Phrases the new quotes contain may have turned out to be stock phrases.
    inside = _grouped(session, _older_inside(new_items, all_counts, index, wanted))
    split = _unglue(session, state, index.raised_spreads(inside), cons)
    # Once per cluster, after every move: a fuller version changes the canonical wording
    # (all variants redone); an adopted shorter quote needs only its own variant.
    changed = sorted(fuller | adopted.keys() | split)
    merged = merged_into(session, changed) if changed else set()  # one query, not one each
    for cid in changed:
        _recanonicalize(
            session,
            cid,
            fresh=None if cid in fuller or cid in split else adopted[cid],
            merged=cid in merged,
        )
    refresh_stats(session, set(resolved.values()) | adopted.keys() | split)
    return state


def _older_inside(
    new_items: list[Item],
    all_counts: Mapping[int, tuple[Mapping[int, int], int]],
    index: Index,
    wanted: set[int],
) -> set[int]:
    """Older quotes every trigram of which a new quote has: the phrases the new quotes may
    contain. A copy of an indexed wording adds no container, so it is not asked."""
    n_grams = index.n_grams
    reps: set[int] = set()
    for it in new_items:
        got = all_counts.get(it.id)
        if got is None:
            continue  # too short to hold a phrase, or a copy of an indexed wording
        shared = got[0]
        # (Only a wording's first quote is in the postings: see ``Index.add``.)
        reps.update(q for q in shared.keys() & n_grams.keys() if shared[q] >= n_grams[q])
    copies = index.copies
    found = reps.union(*(copies[q] for q in reps if q in copies))
    return found - wanted


def _grouped(session: Session, quote_ids: set[int]) -> list[int]:
    """Those of ``quote_ids`` in a cluster with other quotes (a quote alone has no link to
    undo)."""
    out: list[int] = []
    ids = sorted(quote_ids)
    for i in range(0, len(ids), 500):
        out += session.scalars(
            select(Quote.id)
            .join(Cluster, Quote.cluster_id == Cluster.id)
            # (Counts of before this call: a cluster a new quote joined had no link to undo.)
            .where(Quote.id.in_(ids[i : i + 500]), Cluster.n_quotes > 1)
        )
    return out


def _unglue(
    session: Session, state: Incremental, phrases: list[int], cons: _Constraints
) -> set[int]:
    """Split unreviewed clusters that phrases now known to be widely used held together.

    When it arrived, a phrase of one speaker ("law and order") could join the longer quote
    holding it, or gather quotes that contain it; once other people use it too, a
    rebuild would not link it that way (``ranked_parents``, ``Index.distinctive``). The
    cluster of each such phrase is judged again among its own members, and the parts
    that no longer link to the rest become clusters of their own. A cluster a reviewer
    worked on (verdict, note, evidence, merge or split) stays as it is. Returns the
    clusters changed and created.
    """
    if not phrases:
        return set()
    index = state.index
    decided = cons.decided()
    cluster_ids = {
        cid
        for cid in session.scalars(select(Quote.cluster_id).where(Quote.id.in_(phrases)))
        if cid is not None
    }
    changed: set[int] = set()
    suggestions: dict[tuple[int, int], float] = {}
    clusters = session.scalars(select(Cluster).where(Cluster.id.in_(cluster_ids))).all()
    members_of: dict[int, list[int]] = defaultdict(list)
    for qid, cid in session.execute(
        select(Quote.id, Quote.cluster_id)
        .where(Quote.cluster_id.in_(cluster_ids))
        .order_by(Quote.id)
    ):
        if cid is not None:
            members_of[cid].append(qid)
    for c in sorted(clusters, key=lambda c: c.id):
        cid, members = c.id, members_of[c.id]
        if (
            c.reviewed
            or len(members) < 2
            or decided.intersection(members)
            or any(m not in index.items for m in members)
        ):
            continue
        within = {m: set(grams(index.items[m].normalized)) for m in members}
        uf = UnionFind()
        links: dict[int, Link] = {}
        for m in members:
            link, doubtful = _parent_among(index.items[m], within, index)
            uf.find(m)
            if link is not None:
                links[m] = link
                uf.union(m, link.parent)
            for other, sim in doubtful:
                suggestions[(min(m, other), max(m, other))] = sim
        groups: dict[int, list[int]] = defaultdict(list)
        for m in members:
            groups[uf.find(m)].append(m)
        if len(groups) == 1:
            continue
        # The part holding the cluster's claim keeps the cluster; the others found new ones.
        keep = uf.find(c.canonical_quote_id if c.canonical_quote_id in within else members[0])
        parts = [groups[keep]] + [g for root, g in groups.items() if root != keep]
        texts = {m: index.items[m].normalized for m in members}
        ids = [cid, *_create_clusters(session, [canonical_of(g, texts) for g in parts[1:]])]
        session.execute(
            update(Quote),
            [
                {
                    "id": q,
                    "cluster_id": part_id,
                    "match_score": lk.score if (lk := links.get(q)) else None,
                }
                for part, part_id in zip(parts, ids, strict=True)
                for q in part
            ],
        )
        for part, part_id in zip(parts, ids, strict=True):
            for q in part:
                state.cluster_of[q] = part_id
                if q in links or len(part) == 1:
                    state.roots.pop(q, None)
                else:
                    state.roots[q] = part_id
            if len(part) == 1:
                state.founded(part[0], part_id)
        changed.update(ids)
    pairs = [
        {"quote_a": a, "quote_b": b, "score": sim}
        for (a, b), sim in suggestions.items()
        if state.cluster_of.get(a) != state.cluster_of.get(b) and b not in cons.cannot.get(a, ())
    ]
    if pairs:
        session.execute(_insert_ignoring_duplicates(session, Suggestion), pairs)
    return changed


def _prefers(root: Item, new: Item, members: set[int], index: Index) -> bool:
    """Whether a cluster's root would take ``new`` as its parent rather than a quote of its
    own cluster, as a rebuild choosing its best parent would: a distinctive phrase that
    gathered its family has versions containing it there already."""
    within = {
        q: set(grams(index.items[q].normalized)) for q in members | {new.id} if q in index.items
    }
    link, _ = _parent_among(root, within, index)
    return link is not None and link.parent == new.id


def _parent_among(
    item: Item, within: Mapping[int, set[str]], index: Index
) -> tuple[Link | None, list[tuple[int, float]]]:
    """``best_parent`` with its parent among the quotes of ``within`` (each with its
    trigrams) only: a few quotes judged again, not the archive."""
    counts = index.shared_within(item, within)
    return best_parent(
        item,
        index,
        allowed=lambda _child, parent: parent in within,
        counts=counts,
        parents=ranked_parents(item, index, None, counts, within),
    )


def _clusters_of(session: Session, quote_ids: set[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    ids = sorted(quote_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = session.execute(
            select(Quote.id, Quote.cluster_id).where(
                Quote.id.in_(chunk), Quote.cluster_id.is_not(None)
            )
        )
        out.update((qid, cid) for qid, cid in rows if cid is not None)
    return out


def _roots(session: Session, cons: _Constraints) -> dict[int, int]:
    """The quotes with no parent (no match score) in unreviewed clusters of several quotes
    that no reviewer's merge or split touches (quote → cluster): like a quote alone, such
    a root may take a newer quote as its parent, bringing its cluster along, as a rebuild
    would link it."""
    decided = cons.decided()
    other = aliased(Quote)
    rows = session.execute(
        select(Quote.id, Quote.cluster_id)
        .join(Cluster, Quote.cluster_id == Cluster.id)
        .where(
            Quote.match_score.is_(None),
            # (Not Cluster.n_quotes, which counts the same words twice in an article once.)
            select(other.id)
            .where(other.cluster_id == Quote.cluster_id, other.id != Quote.id)
            .exists(),
            Cluster.status == Status.UNREVIEWED,
            Cluster.note.is_(None),
            Cluster.evidence_url.is_(None),
        )
    ).all()
    return {q: cid for q, cid in rows if cid is not None and q not in decided}


def _orphans_sharing(
    item: Item,
    shared: Mapping[int, int],
    state: Incremental,
    wanted: set[int],
    cons: _Constraints,
) -> list[int]:
    """Older, shorter quotes alone in their cluster, or roots of a cluster (``_roots``),
    that share enough of their own wording with ``item`` to take it as their parent."""
    index = state.index
    nw = index.words
    words = nw.get(item.id) or n_words(item.normalized)
    alone, roots = state.alone, state.roots
    # Only a shorter quote can take the new one as its parent, and only one sharing
    # enough of its own wording with it. ``shared`` holds thousands of quotes, few of
    # them alone: the lone ones are picked out by a set intersection first (in C).
    out = [
        cid
        for cid in (shared.keys() & alone.keys()) | (shared.keys() & roots.keys())
        if nw[cid] <= words
        and shared[cid] >= max(1, SHARED_FRACTION * (nw[cid] - 2))
        and cid not in wanted
        and cid not in cons.cannot
    ]
    # Older, longer quotes alone that contain a distinctive new phrase: its family
    # (tracker.match.gathers), as a rebuild would gather it.
    if n_words(item.normalized) < index.settings.long_words:
        for cid in index.containers(item) or ():
            if (cid in alone or cid in roots) and cid not in wanted and cid not in cons.cannot:
                out.append(cid)
    return sorted(set(out))


def _adopt(session, new_items, state: Incremental, resolved, orphans, cons) -> dict[int, set[int]]:
    """Older quotes with no parent (alone, or a cluster's root) may have found their parent
    among the new ones.

    Only unreviewed clusters move (a root's whole cluster with it), so the incremental
    path ends where a rebuild would, without disturbing anything a reviewer touched.
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
    decided = cons.decided()
    roots = state.roots
    forwarded: dict[int, int] = {}  # a cluster moved here -> the cluster it joined

    for it in new_items:
        target = resolved.get(it.id)
        while target in forwarded:  # its cluster moved meanwhile, brought along by its root
            target = forwarded[target]
        for cid in orphans.get(it.id, ()):
            old_cluster = state.alone.get(cid, roots.get(cid))
            if target is None or old_cluster is None or target == old_cluster:
                continue  # adopted meanwhile by another new quote
            # A quote with no parent so far (alone, or a cluster's root): if the new one
            # qualifies, it is its parent.
            other = index.items[cid]
            verdict: tuple[str, float, bool] | None = None
            if gathers(it, other, index):
                verdict = ("link", 100.0, True)
            elif eligible(other, it, s) and (
                # What ``ranked_parents`` asks of a short quote's parent, asked here too.
                index.words[cid] >= s.long_words
                or spread_allows(other, it, index.judged_phrase(other), s)
            ):
                verdict = _rate(other, it, s, index.scores)
            if verdict is None or verdict[0] != "link":
                continue
            c = session.get(Cluster, old_cluster)
            members = set(session.scalars(select(Quote.id).where(Quote.cluster_id == old_cluster)))
            if (
                c is None
                or c.reviewed
                or cid not in members
                or (cid in state.alone and members != {cid})
                # A root brings its cluster along, unless a reviewer decided on any of it.
                or not decided.isdisjoint(members)
            ):
                state.alone.pop(cid, None)  # a reviewer got there first
                roots.pop(cid, None)
                continue
            if cid in roots and not _prefers(other, it, members, index):
                continue  # a phrase that gathered its family is linked to it already
            session.execute(
                update(Quote).where(Quote.cluster_id == old_cluster).values(cluster_id=target)
            )
            session.execute(update(Quote).where(Quote.id == cid).values(match_score=verdict[1]))
            session.delete(c)
            session.flush()
            forwarded[old_cluster] = target
            state.alone.pop(cid, None)
            roots.pop(cid, None)
            for m in members:
                state.cluster_of[m] = target
            state.joined(target)
            moved_to[target] |= members
    return moved_to
