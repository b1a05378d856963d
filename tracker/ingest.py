"""Ingest: read sources, extract quotes, store them — one transaction per document.

A document whose content hash is already stored is skipped, so re-running a
batch (after an interruption, or by mistake) adds nothing twice; a crash
mid-batch leaves every finished document whole and no half-written one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.clusters import add_quotes
from tracker.match import Index, MatchSettings
from tracker.quotes import ExtractedQuote, extract_quotes
from tracker.safe import error_line
from tracker.sources import DEFAULT_MAX_BYTES, Article, SourceProblem, read_sources
from tracker.store.db import Database, with_retries
from tracker.store.models import Document, Quote, utcnow
from tracker.store.repository import SpeakerDirectory, get_or_create_outlet


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    quotes: int = 0
    problems: list[SourceProblem] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)


@dataclass
class StoredDocument:
    id: int
    quote_ids: list[int]


class _Lookups:
    """Outlet and speaker ids already resolved in this run: one query per name, not per quote.

    Valid across documents because outlets and speakers are never deleted;
    dropped when a transaction rolls back, since it may have created some.
    """

    def __init__(self) -> None:
        self.outlets: dict[str, int] = {}
        self.speakers: dict[tuple[str, bool, str | None], int] = {}

    def outlet(self, session: Session, name: str) -> int:
        if name not in self.outlets:
            self.outlets[name] = get_or_create_outlet(session, name).id
        return self.outlets[name]

    def speaker(self, session: Session, q: ExtractedQuote) -> int | None:
        if not q.speaker:
            return None
        key = (q.speaker, q.speaker_is_organisation, q.speaker_as_named)
        if key not in self.speakers:
            # Every way an outlet named them becomes an alias of the one speaker.
            found = SpeakerDirectory(session).resolve(*key)
            self.speakers[key] = found.id
        return self.speakers[key]


def store_article(
    session: Session, article: Article, lookups: _Lookups | None = None
) -> StoredDocument | None:
    """Add one article and its quotes; None if the same content is already stored."""
    if session.scalar(select(Document.id).where(Document.content_hash == article.content_hash)):
        return None
    lookups = lookups or _Lookups()
    doc_id = session.scalar(
        insert(Document)
        .values(
            content_hash=article.content_hash,
            source=article.source[:1000],
            title=article.title,
            author=article.author,
            url=article.url,
            published=article.published,
            text=article.text,
            outlet_id=lookups.outlet(session, article.outlet) if article.outlet else None,
            ingested_at=utcnow(),
        )
        .returning(Document.id)
    )
    extracted = extract_quotes(article.text)
    if not extracted:
        return StoredDocument(doc_id, [])
    rows = [
        {
            "document_id": doc_id,
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "normalized": q.normalized,
            "kind": q.kind,
            "context": q.context,
            "speaker_id": lookups.speaker(session, q),
            "speaker_as_named": q.speaker_as_named[:500] if q.speaker_as_named else None,
            "cue": q.cue,
        }
        for q in extracted
    ]
    # One multi-row INSERT; RETURNING in parameter order gives each quote its id,
    # and the few nested quotes then point at their enclosing one.
    ids = list(
        session.scalars(insert(Quote).returning(Quote.id, sort_by_parameter_order=True), rows)
    )
    nested = [
        {"id": ids[k], "enclosing_id": ids[q.parent]}
        for k, q in enumerate(extracted)
        if q.parent is not None
    ]
    if nested:
        session.execute(update(Quote), nested)
    return StoredDocument(doc_id, ids)


def _stored(db: Database, article: Article) -> bool:
    with db.Session() as session:
        found = select(Document.id).where(Document.content_hash == article.content_hash)
        return session.scalar(found) is not None


class _BatchState:
    """What one batch keeps between documents: the match index and the lookups."""

    def __init__(self) -> None:
        self.index: Index | None = None
        self.lookups = _Lookups()

    def store(
        self, db: Database, article: Article, cluster: bool, settings: MatchSettings | None
    ) -> StoredDocument | None:
        """One document in one transaction: its quotes stored and placed in clusters."""
        try:
            with db.Session.begin() as session:
                stored = store_article(session, article, self.lookups)
                if stored is not None and cluster:
                    self.index = add_quotes(session, stored.quote_ids, settings, self.index)
                return stored
        except Exception:
            # The transaction rolled back: the index and lookups may name rows that are
            # not there. Start clean (a retry or the next document reloads them).
            self.index, self.lookups = None, _Lookups()
            raise


def ingest(
    db: Database,
    paths: Iterable[Path],
    *,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: Callable[[str, str], None] | None = None,
    cluster: bool = True,
    settings: MatchSettings | None = None,
) -> IngestReport:
    """Ingest every source under ``paths``; ``on_item(source, outcome)`` reports progress."""
    report = IngestReport()
    state = _BatchState()
    for item in read_sources(paths, outlet=outlet, max_bytes=max_bytes):
        if isinstance(item, SourceProblem):
            report.problems.append(item)
            outcome = "failed"
        else:
            try:
                doc = with_retries(lambda item=item: state.store(db, item, cluster, settings))
            except IntegrityError as exc:
                if not _stored(db, item):
                    # Not a concurrent copy of this document: a real failure, named as one.
                    reason = f"not stored: {error_line(exc, 200)}"
                    report.problems.append(SourceProblem(item.source, reason))
                    if on_item:
                        on_item(item.source, "failed")
                    continue
                doc = None  # the same content, committed meanwhile by a concurrent ingest
            if doc is None:
                report.duplicates += 1
                outcome = "duplicate"
            else:
                report.document_ids.append(doc.id)
                report.quotes += len(doc.quote_ids)
                report.added += 1
                outcome = "added"
        if on_item:
            on_item(item.source, outcome)
    return report
