"""Re-running extraction and attribution on the documents already stored.

When the extractor improves, an existing database gets the better quotes and speakers
without starting over, and without touching a reviewer's work:

- a quotation whose span is unchanged keeps its id (and so its cluster, the decisions
  that name it, and its place in history); its text, kind, speaker, cue and context are
  updated;
- a new span becomes a new quote, placed in a cluster like any new quote;
- a span the extractor no longer finds is removed, unless a reviewer's work rests on it
  (it is in a reviewed cluster, is a cluster's claim, or a merge or split names it), in
  which case it stays as it was;
- a speaker that changes on a quote in a reviewed cluster is recorded in that cluster's
  history (action ``speaker``), which the detail screen and ``tracker show`` list.

Clusters are then rebuilt (reviewed clusters stay whole, reviewers' merges and splits hold)
so that changed speakers and kinds take effect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from tracker.clusters import Incremental, add_quotes, rebuild
from tracker.ingest import Lookups, document_quotes
from tracker.match import MatchSettings
from tracker.quotes import ExtractedQuote
from tracker.store.db import Database, lock_for_clustering, lock_for_placing
from tracker.store.models import Cluster, ClusterEvent, Decision, Document, Quote, Speaker

BATCH = 50  # documents per transaction: an interrupted run keeps what it finished


@dataclass
class ReextractReport:
    documents: int = 0
    kept: int = 0  # quotes whose span is unchanged (same id)
    updated: int = 0  # of those, quotes whose text, kind, speaker, cue or context changed
    added: int = 0
    removed: int = 0
    preserved: int = 0  # spans no longer found, kept because reviewers' work rests on them
    speaker_changes_recorded: int = 0  # changes on reviewed clusters, written to history
    clusters: int = 0
    # (document source, limit) for each extraction limit a text reached, as ingest reports
    limited: list[tuple[str, str]] = field(default_factory=list)


def reextract(
    db: Database,
    settings: MatchSettings | None = None,
    progress: Callable[[int], None] | None = None,
    recluster: bool = True,
) -> ReextractReport:
    """Re-extract every stored document; ``progress(n)`` is called after each batch."""
    report = ReextractReport()
    with db.Session() as session:
        doc_ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    state: Incremental | None = None
    for i in range(0, len(doc_ids), BATCH):
        batch = doc_ids[i : i + BATCH]
        with db.Session.begin() as session:
            # The clustering lock before any write (see ingest's groups).
            if lock_for_placing(session.connection()):
                state = None  # the archive was clustered anew meanwhile
            new_ids = _reextract_batch(session, batch, report)
            if new_ids:
                state = add_quotes(session, new_ids, settings, state)
        if progress:
            progress(len(batch))
    if recluster:
        with db.Session.begin() as session:
            lock_for_clustering(session.connection())  # one clustering of the archive at a time
            report.clusters = rebuild(session, settings)["clusters"]
    return report


def _protected(session: Session, quote_ids: Iterable[int]) -> set[int]:
    """Of ``quote_ids``, those a reviewer's work rests on."""
    ids = list(quote_ids)
    if not ids:
        return set()
    reviewed = [
        c.id
        for c in session.scalars(
            select(Cluster).where(Cluster.id.in_(select(Quote.cluster_id).where(Quote.id.in_(ids))))
        )
        if c.reviewed
    ]
    out = set(
        session.scalars(select(Quote.id).where(Quote.id.in_(ids), Quote.cluster_id.in_(reviewed)))
    )
    for a, b in session.execute(
        select(Decision.quote_a, Decision.quote_b).where(
            or_(Decision.quote_a.in_(ids), Decision.quote_b.in_(ids))
        )
    ):
        out.update({a, b})
    return out & set(ids)


def _reextract_batch(session: Session, doc_ids: list[int], report: ReextractReport) -> list[int]:
    lookups = Lookups()
    added: list[int] = []
    names = dict(session.execute(select(Speaker.id, Speaker.name)).all())
    for doc_id, text, language, source in session.execute(
        select(Document.id, Document.text, Document.language, Document.source).where(
            Document.id.in_(doc_ids)
        )
    ).all():
        report.documents += 1
        limits: list[str] = []
        extracted = document_quotes(text, language, limits)
        report.limited += [(source, limit) for limit in limits]
        old = {
            (q.start, q.end): q
            for q in session.scalars(select(Quote).where(Quote.document_id == doc_id))
        }
        ids: list[int] = []
        for q in extracted:
            row = old.pop((q.start, q.end), None)
            speaker_id = lookups.speaker(session, q)
            if speaker_id is not None and speaker_id not in names:
                names[speaker_id] = q.speaker or ""
            if row is None:
                row = Quote(document_id=doc_id, start=q.start, end=q.end, text=q.text)
                _fill(row, q, speaker_id)
                session.add(row)
                session.flush()
                added.append(row.id)
                report.added += 1
            else:
                report.kept += 1
                if row.speaker_id != speaker_id:
                    _record_speaker_change(session, row, names, speaker_id, report)
                if _fill(row, q, speaker_id):
                    report.updated += 1
            ids.append(row.id)
        for k, q in enumerate(extracted):
            enclosing = ids[q.parent] if q.parent is not None else None
            session.execute(update(Quote).where(Quote.id == ids[k]).values(enclosing_id=enclosing))
        gone = {row.id for row in old.values()}
        keep = _protected(session, gone)
        report.preserved += len(keep)
        drop = gone - keep
        if drop:
            # Kept quotes must not point into what goes.
            session.execute(
                update(Quote).where(Quote.enclosing_id.in_(drop)).values(enclosing_id=None)
            )
            # An unreviewed cluster's claim may go: the rebuild that follows names a new one.
            session.execute(
                update(Cluster)
                .where(Cluster.canonical_quote_id.in_(drop))
                .values(canonical_quote_id=None)
            )
            session.execute(delete(Quote).where(Quote.id.in_(drop)))
            report.removed += len(drop)
    return added


def _fill(row: Quote, q: ExtractedQuote, speaker_id: int | None) -> bool:
    """Copy the extractor's view of a quote onto its row; whether anything changed."""
    values = {
        "text": q.text,  # (a closing comma, stored before it was left out, goes)
        "normalized": q.normalized,
        "kind": q.kind,
        "context": q.context,
        "speaker_id": speaker_id,
        "speaker_as_named": q.speaker_as_named[:500] if q.speaker_as_named else None,
        "cue": q.cue,
    }
    changed = False
    for column, value in values.items():
        if getattr(row, column, None) != value:
            setattr(row, column, value)
            changed = True
    return changed


def _record_speaker_change(
    session: Session,
    row: Quote,
    names: dict[int, str],
    speaker_id: int | None,
    report: ReextractReport,
) -> None:
    """A reviewer judged this quote's cluster: the new speaker goes into its history."""
    if row.cluster_id is None:
        return
    cluster = session.get(Cluster, row.cluster_id)
    if cluster is None or not cluster.reviewed:
        return
    old_name = names.get(row.speaker_id) if row.speaker_id is not None else None
    new_name = names.get(speaker_id) if speaker_id is not None else None
    session.add(
        ClusterEvent(
            cluster_id=cluster.id,
            reviewer="tracker reextract",
            action="speaker",
            old_value=f"quote {row.id}: {old_name or '(none)'}",
            new_value=f"quote {row.id}: {new_name or '(none)'}",
        )
    )
    report.speaker_changes_recorded += 1


def document_count(session: Session) -> int:
    """How many documents a re-extraction will read (the progress bar's total)."""
    return session.scalar(select(func.count(Document.id))) or 0
