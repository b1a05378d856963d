"""The spread columns the listings sort by, recounted after membership changes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import String, cast, func, select, update
from sqlalchemy.orm import Session, aliased

from tracker.kinds import NOT_CLAIMS
from tracker.store.models import Cluster, Document, Outlet, Quote


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
