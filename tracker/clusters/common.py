"""What the rest of the package shares: errors, reading items and constraints, writing clusters and
decisions, the canonical wording.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from tracker import semantic
from tracker.kinds import NOT_CLAIMS
from tracker.match import Item, MatchSettings
from tracker.store.models import (
    Base,
    Cluster,
    ClusterEvent,
    Decision,
    DecisionKind,
    Document,
    Quote,
    Speaker,
    Status,
    Suggestion,
    utcnow,
)
from tracker.variants import canonical_of, variant_of

_EPOCH = 719163  # date(1970, 1, 1).toordinal(): Item.day counts days from it


class ClusterError(Exception):
    """A merge or split that cannot be done; the message is for the user."""


@dataclass
class _Constraints:
    must: list[tuple[int, int]]
    cannot: dict[int, set[int]]

    def decided(self) -> set[int]:
        """The quotes a reviewer's merge or split names."""
        return set(self.cannot) | {q for pair in self.must for q in pair}


def _constraints(session: Session) -> _Constraints:
    must, cannot = [], defaultdict(set)
    for d in session.scalars(select(Decision)):
        if d.kind == DecisionKind.MUST_LINK:
            must.append((d.quote_a, d.quote_b))
        else:
            cannot[d.quote_a].add(d.quote_b)
            cannot[d.quote_b].add(d.quote_a)
    return _Constraints(must, cannot)


def has_clusters(session: Session) -> bool:
    """Whether the archive holds any cluster (none: nothing is placed or reviewed yet)."""
    return session.scalar(select(Cluster.id).limit(1)) is not None


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
            Quote.document_id,
        )
        .join(Document, Document.id == Quote.document_id)
        .where(Quote.kind.not_in(NOT_CLAIMS))
    )
    if quote_ids is not None:
        stmt = stmt.where(Quote.id.in_(list(quote_ids)))
    rows = session.execute(stmt).all()
    enclosing = {qid: parent for qid, _, _, _, parent, _, _ in rows if parent is not None}
    if quote_ids is not None:
        # Walk up from just these quotes (nesting is rarely more than two deep).
        frontier = set(enclosing.values()) - set(enclosing)
        while frontier:
            found = {
                qid: enc
                for qid, enc in session.execute(
                    select(Quote.id, Quote.enclosing_id).where(
                        Quote.id.in_(frontier), Quote.enclosing_id.is_not(None)
                    )
                )
                if enc is not None  # the query leaves NULL out; this tells the type checker
            }
            enclosing.update(found)
            frontier = set(found.values()) - set(enclosing)
    else:
        enclosing = {
            qid: enc
            for qid, enc in session.execute(
                select(Quote.id, Quote.enclosing_id).where(Quote.enclosing_id.is_not(None))
            )
            if enc is not None
        }
    items = []
    for qid, norm, speaker, as_named, parent, published, document in rows:
        named = (as_named or "").lower()
        aff = (
            frozenset(sid for name, sid in orgs.items() if name in named) if named else frozenset()
        )
        ancestors = set()
        while parent is not None and parent not in ancestors:
            ancestors.add(parent)
            parent = enclosing.get(parent)
        day = published.toordinal() - _EPOCH if published is not None else None
        items.append(Item(qid, norm, speaker, aff, frozenset(ancestors), day, document))
    return items


def _write_suggestions(session, suggestions, assigned, cannot) -> None:
    cluster_of = {q: cid for cid, qids in assigned.items() for q in qids}
    session.execute(delete(Suggestion))
    rows: dict[tuple[int, int], float] = {}
    for a, b, sim in suggestions:
        # A pair a reviewer said are different statements is never suggested again.
        if cluster_of.get(a) != cluster_of.get(b) and b not in cannot.get(a, ()):
            rows.setdefault((min(a, b), max(a, b)), sim)
    if rows:  # (Core: the ORM's bulk INSERT costs more a row, for nothing here)
        session.execute(
            insert(Base.metadata.tables[Suggestion.__tablename__]),
            [{"quote_a": a, "quote_b": b, "score": sim} for (a, b), sim in rows.items()],
        )


def _quote_texts(session: Session, ids: Iterable[int] | None = None) -> dict[int, str]:
    stmt = select(Quote.id, Quote.text).where(Quote.kind.not_in(NOT_CLAIMS))
    if ids is None:
        return dict(session.execute(stmt).all())
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(ids)):
        out.update(session.execute(stmt.where(Quote.id.in_(chunk))).all())
    return out


def _suggester(session: Session, settings: MatchSettings | None) -> semantic.Suggester | None:
    """What suggestions by meaning start from, over every quote; None when they are off or
    the model is not available."""
    if not (settings or MatchSettings()).semantic or not semantic.available():
        return None
    with semantic.one_thread():
        return semantic.Suggester(_quote_texts(session))


def _meaning_alike(
    session: Session,
    quote_ids: list[int],
    cluster_of: dict[int, int],
    cons: _Constraints,
    settings: MatchSettings | None,
    suggester: semantic.Suggester | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[tuple[int, int, float]]:
    """Paraphrases and translations of each quote in other clusters: suggestions only,
    never links (tracker.semantic). Nothing when the model is not available.
    ``meanwhile`` is called once in any case: while forked workers suggest, if they do."""
    s = settings or MatchSettings()
    if not s.semantic or not quote_ids or not semantic.available():
        if meanwhile is not None:
            meanwhile()
        return []
    if suggester is None:
        suggester = _suggester(session, s)
        assert suggester is not None  # on, and available (above)

    def keep(a: int, b: int) -> bool:
        ca, cb = cluster_of.get(a), cluster_of.get(b)
        return (ca is None or ca != cb) and b not in cons.cannot.get(a, ())

    quote_ids = [q for q in quote_ids if q in suggester.texts]
    return semantic.suggest_all(suggester, quote_ids, keep, s.max_suggestions, meanwhile)


def _create_clusters(session: Session, founders: list[int]) -> list[int]:
    """New unreviewed clusters, one per quote of ``founders`` (its claim), in one batched
    INSERT; their ids in the order of ``founders``."""
    if not founders:
        return []
    now = utcnow()
    rows = [
        {"canonical_quote_id": q, "status": Status.UNREVIEWED, "version": 1, "created_at": now}
        for q in founders
    ]
    # Each new id is told by its claim, not by RETURNING's order: SQLite cannot say which
    # new id is which row of a multi-row INSERT, and SQLAlchemy would insert one row a
    # statement to keep the order (22,000 statements for a 2,000-article archive).
    if len(set(founders)) < len(founders):
        ordered = insert(Cluster).returning(Cluster.id, sort_by_parameter_order=True)
        return list(session.scalars(ordered, rows))
    made = insert(Cluster).returning(Cluster.id, Cluster.canonical_quote_id)
    by_claim = {claim: cid for cid, claim in session.execute(made, rows)}
    return [by_claim[q] for q in founders]


def _insert_ignoring_duplicates(session: Session, model):
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model).on_conflict_do_nothing()


def _recanonicalize(
    session: Session,
    cluster_id: int,
    keep: bool = False,
    fresh: set[int] | None = None,
    merged: bool | None = None,
) -> None:
    """Point a cluster at its most complete version and redo its members' variants.

    A reviewed cluster keeps the wording its verdict was given on, while that quote
    is still a member: a fuller version joining it is a member, not the new claim.
    So does the target of a reviewer's merge: the reviewer chose its wording.
    ``keep``: any cluster keeps its canonical quote (one restored by an undo).
    ``fresh``: the members that just joined; when the canonical quote stays, only
    their variants can have changed. ``merged``: whether it is a merge's target
    (``merged_into``), if the caller read that for many clusters at once; else read here.
    """
    rows = session.execute(
        select(Quote.id, Quote.normalized).where(Quote.cluster_id == cluster_id)
    ).all()
    if not rows:
        return
    texts = dict(rows)
    c = session.get(Cluster, cluster_id)
    if merged is None and c is not None and not (keep or c.reviewed):
        merged = bool(merged_into(session, [cluster_id]))
    kept = c is not None and (keep or c.reviewed or bool(merged))
    canon_id = c.canonical_quote_id if c is not None and kept else None
    if canon_id not in texts:
        canon_id = canonical_of(list(texts), texts)
    canon = texts[canon_id]
    if fresh is not None and c is not None and c.canonical_quote_id == canon_id:
        rows = [row for row in rows if row[0] in fresh]
    else:
        session.execute(
            update(Cluster).where(Cluster.id == cluster_id).values(canonical_quote_id=canon_id)
        )
    if rows:
        session.execute(
            update(Quote), [{"id": qid, "variant": variant_of(norm, canon)} for qid, norm in rows]
        )


def merged_into(session: Session, cluster_ids: Iterable[int] | None = None) -> set[int]:
    """The clusters (of ``cluster_ids``, or all) that a reviewer merged others into, the
    merge not taken back: the reviewer named them as the one to keep, wording and all.

    A merge's history entry stays on its target (``new_value`` is the target's id); the
    merge is in force while the merged-away cluster (``old_value``) is gone, as
    ``tracker.review.unmerge`` reads it too.
    """
    stmt = select(ClusterEvent.cluster_id, ClusterEvent.old_value, ClusterEvent.new_value).where(
        ClusterEvent.action == "merge", ClusterEvent.cluster_id.is_not(None)
    )
    if cluster_ids is None:
        rows = list(session.execute(stmt))
    else:  # (an ingest's group changes thousands of clusters: bounded IN lists)
        rows = [
            row
            for chunk in _chunks(sorted(set(cluster_ids)))
            for row in session.execute(stmt.where(ClusterEvent.cluster_id.in_(chunk)))
        ]
    merges: dict[int, set[int]] = defaultdict(set)
    for cid, other, target in rows:
        if cid is not None and target == str(cid) and other and other.isdigit():
            merges[cid].add(int(other))
    others = {o for os_ in merges.values() for o in os_}
    present: set[int] = set()
    for chunk in _chunks(sorted(others)):
        present.update(session.scalars(select(Cluster.id).where(Cluster.id.in_(chunk))))
    return {cid for cid, os_ in merges.items() if os_ - present}


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    """``ids`` a bounded IN list at a time (SQLite limits a statement's parameters)."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _get(session: Session, cluster_id: int) -> Cluster:
    c = session.get(Cluster, cluster_id)
    if c is None:
        raise ClusterError(f"no cluster {cluster_id}")
    return c


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
