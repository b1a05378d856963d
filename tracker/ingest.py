"""Ingest: read sources, extract quotes, store them — one transaction per document.

A document whose content hash is already stored is skipped, so re-running a
batch (after an interruption, or by mistake) adds nothing twice; a crash
mid-batch leaves every finished document whole and no half-written one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.clusters import add_quotes
from tracker.match import MatchSettings
from tracker.quotes import ExtractedQuote, extract_quotes
from tracker.sources import DEFAULT_MAX_BYTES, Article, SourceProblem, read_sources
from tracker.store.db import Database
from tracker.store.models import Document, Quote
from tracker.store.repository import SpeakerDirectory, get_or_create_outlet


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    quotes: int = 0
    problems: list[SourceProblem] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def store_article(session: Session, article: Article) -> Document | None:
    """Add one article and its quotes; None if the same content is already stored."""
    if session.scalar(select(Document.id).where(Document.content_hash == article.content_hash)):
        return None
    doc = Document(
        content_hash=article.content_hash,
        source=article.source[:1000],
        title=article.title,
        author=article.author,
        url=article.url,
        published=article.published,
        text=article.text,
        outlet=get_or_create_outlet(session, article.outlet) if article.outlet else None,
    )
    session.add(doc)
    _add_quotes(session, doc, extract_quotes(article.text))
    session.flush()
    return doc


def _add_quotes(session: Session, doc: Document, extracted: list[ExtractedQuote]) -> None:
    # Speakers first: creating them flushes, which must not meet half-built quotes.
    directory = SpeakerDirectory(session)
    speakers = {}
    for q in extracted:
        if q.speaker:  # every way the outlet named them becomes an alias
            speakers[q.speaker] = directory.resolve(
                q.speaker, q.speaker_is_organisation, q.speaker_as_named
            )
    rows: list[Quote] = []
    for q in extracted:
        rows.append(
            Quote(
                document=doc,
                start=q.start,
                end=q.end,
                text=q.text,
                normalized=q.normalized,
                kind=q.kind,
                enclosing=rows[q.parent] if q.parent is not None else None,
                context=q.context,
                speaker=speakers[q.speaker] if q.speaker else None,
                speaker_as_named=q.speaker_as_named[:500] if q.speaker_as_named else None,
                cue=q.cue,
            )
        )
    session.add_all(rows)


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
    index = None
    for item in read_sources(paths, outlet=outlet, max_bytes=max_bytes):
        if isinstance(item, SourceProblem):
            report.problems.append(item)
            outcome = "failed"
        else:
            try:
                with db.Session.begin() as session:
                    doc = store_article(session, item)
                    if doc is not None:
                        report.document_ids.append(doc.id)
                        report.quotes += len(doc.quotes)
                        if cluster:  # new quotes join clusters in the same transaction
                            index = add_quotes(session, [q.id for q in doc.quotes], settings, index)
            except IntegrityError:
                doc = None  # the same content committed by a concurrent ingest
            if doc is None:
                report.duplicates += 1
                outcome = "duplicate"
            else:
                report.added += 1
                outcome = "added"
        if on_item:
            on_item(item.source, outcome)
    return report
