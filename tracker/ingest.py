"""Ingest: read sources, extract quotes, store them — whole documents or nothing.

Documents are written in groups of up to ``GROUP_DOCUMENTS`` per transaction
(a commit per document would cost more than extracting it); if one document
of a group is refused, the group is redone one document per transaction, so
only that one is left out. The new quotes of a group are clustered together.

A document whose content hash is already stored is skipped, so re-running a
batch (after an interruption, or by mistake) adds nothing twice; a crash
mid-batch loses at most the group in flight and never leaves half a document.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from sqlalchemy.orm import Session

from tracker.clusters import Incremental, add_quotes
from tracker.match import MatchSettings
from tracker.quotes import ExtractedQuote, extract_quotes
from tracker.safe import error_line, http_url, one_line, storable_problem
from tracker.sources import DEFAULT_MAX_BYTES, Article, SourceProblem, read_sources
from tracker.store.db import Database, with_retries
from tracker.store.models import Document, Quote, Unstorable, utcnow
from tracker.store.repository import SpeakerDirectory, alias_key, get_or_create_outlet

# A group commits when it holds this many documents, or when its first one has waited
# this long (slow sources still show progress and land).
GROUP_DOCUMENTS = 50
GROUP_SECONDS = 1.0

_DOCUMENTS = Document.__table__
_QUOTES = Quote.__table__
# Core statements on the tables: the ORM's bulk path costs more than the insert itself.
_INSERT_DOCUMENT = insert(_DOCUMENTS).returning(_DOCUMENTS.c.id)
_INSERT_QUOTES = insert(_QUOTES).returning(_QUOTES.c.id, sort_by_parameter_order=True)


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


class Lookups:
    """Outlet and speaker ids already resolved in this run: one query per name, not per quote.

    Valid across documents because outlets and speakers are never deleted;
    dropped when a transaction rolls back, since it may have created some.
    """

    def __init__(self) -> None:
        self.outlets: dict[str, int] = {}
        self.speakers: dict[tuple[str, bool], int] = {}
        self.aliases: set[str] = set()  # alias keys already looked after in this run

    def outlet(self, session: Session, name: str) -> int:
        if name not in self.outlets:
            self.outlets[name] = get_or_create_outlet(session, name).id
        return self.outlets[name]

    def speaker(self, session: Session, q: ExtractedQuote) -> int | None:
        if not q.speaker:
            return None
        key = (q.speaker, q.speaker_is_organisation)
        known = self.speakers.get(key)
        if known is not None and (
            not q.speaker_as_named or alias_key(q.speaker_as_named) in self.aliases
        ):
            return known
        # Every way an outlet named them becomes an alias of the one speaker.
        found = SpeakerDirectory(session).resolve(
            q.speaker, q.speaker_is_organisation, q.speaker_as_named
        )
        self.speakers[key] = found.id
        self.aliases.update(alias_key(a) for a in (q.speaker, q.speaker_as_named) if a)
        return found.id


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Column sizes, the same on every engine.
_META_LIMITS = {"source": 1000, "title": 1000, "author": 300, "outlet": 200}


def admit(article: Article) -> Article | SourceProblem:
    """The article as the database may store it, or why it cannot be stored at all.

    Checked before any transaction, the same way on SQLite and PostgreSQL: a text
    with a NUL character or an unpaired surrogate (binary data, or JSON escapes of
    no character) is refused by name; metadata is made storable (such characters
    shown as pictures, a file name that is not UTF-8 as its escaped bytes, values cut
    to their column), and a url that is not an http(s) URL is dropped.
    """
    problem = storable_problem(article.text)
    if problem:
        return SourceProblem(article.source, f"not stored: the text {problem}")
    changes: dict[str, str | None] = {}
    for name, limit in _META_LIMITS.items():
        value = getattr(article, name)
        if value and (_UNSTORABLE.search(value) or len(value) > limit):
            changes[name] = _UNSTORABLE.sub(lambda m: one_line(m.group(0)), value)[:limit]
    if article.url is not None and http_url(article.url) != article.url:
        changes["url"] = http_url(article.url)
    return replace(article, **changes) if changes else article


def _refused(exc: Exception) -> bool:
    """An error that one document's values caused (not a lost connection): the others
    of its group are stored without it, and it is reported by name."""
    if isinstance(exc, IntegrityError | DataError):
        return True
    return isinstance(exc, StatementError) and isinstance(exc.orig, Unstorable)


def store_article(
    session: Session, article: Article, lookups: Lookups | None = None
) -> StoredDocument | None:
    """Add one article and its quotes; None if the same content is already stored."""
    if session.scalar(select(Document.id).where(Document.content_hash == article.content_hash)):
        return None
    lookups = lookups or Lookups()
    doc_id = session.scalar(
        _INSERT_DOCUMENT,
        {
            "content_hash": article.content_hash,
            "source": article.source[:1000],
            "title": article.title,
            "author": article.author,
            "url": article.url,
            "published": article.published,
            "text": article.text,
            "outlet_id": lookups.outlet(session, article.outlet) if article.outlet else None,
            "ingested_at": utcnow(),
        },
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
    ids = list(session.scalars(_INSERT_QUOTES, rows))
    nested = [
        {"id": ids[k], "enclosing_id": ids[q.parent]}
        for k, q in enumerate(extracted)
        if q.parent is not None
    ]
    if nested:
        session.execute(update(Quote), nested)  # ORM bulk UPDATE by primary key
    return StoredDocument(doc_id, ids)


def _stored(db: Database, article: Article) -> bool:
    with db.Session() as session:
        found = select(Document.id).where(Document.content_hash == article.content_hash)
        return session.scalar(found) is not None


class _BatchState:
    """What one batch keeps between groups: the clustering state and the lookups."""

    def __init__(self) -> None:
        self.clustering: Incremental | None = None
        self.lookups = Lookups()

    def store_group(
        self,
        db: Database,
        articles: list[Article],
        cluster: bool,
        settings: MatchSettings | None,
    ) -> list[StoredDocument | Exception | None]:
        """Store a group; per article: stored, None (a duplicate), or the error that kept
        it out. New quotes are clustered together at the end."""
        try:
            return list(self._transaction(db, articles, cluster, settings))
        except StatementError as exc:
            if not _refused(exc):
                raise
            if len(articles) == 1:
                return [exc]
        # One article broke the group (a concurrent copy, a value the database refused):
        # store them one per transaction, so only that one is left out.
        results: list[StoredDocument | Exception | None] = []
        for article in articles:
            results += self.store_group(db, [article], cluster, settings)
        return results

    def _transaction(
        self,
        db: Database,
        articles: list[Article],
        cluster: bool,
        settings: MatchSettings | None,
    ) -> list[StoredDocument | None]:
        # No savepoint per article: SQLite's driver would commit at each RELEASE.
        try:
            with db.Session.begin() as session:
                results = [store_article(session, a, self.lookups) for a in articles]
                new_quotes = [q for r in results if r is not None for q in r.quote_ids]
                if cluster and new_quotes:
                    self.clustering = add_quotes(session, new_quotes, settings, self.clustering)
                return results
        except Exception:
            # The transaction rolled back: the clustering state and the lookups may name
            # rows that are not there. Start clean (a retry or the next group reloads them).
            self.clustering, self.lookups = None, Lookups()
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
    group_documents: int = GROUP_DOCUMENTS,
) -> IngestReport:
    """Ingest every source under ``paths``; ``on_item(source, outcome)`` reports progress,
    in reading order, once the document's group has committed."""
    report = IngestReport()
    state = _BatchState()
    pending: list[Article | SourceProblem] = []
    since = 0.0

    def land() -> None:
        articles = [item for item in pending if isinstance(item, Article)]
        results = iter(
            with_retries(lambda: state.store_group(db, articles, cluster, settings))
            if articles
            else []
        )
        for item in pending:
            outcome = _record(
                db, report, item, None if isinstance(item, SourceProblem) else next(results)
            )
            if on_item:
                on_item(item.source, outcome)
        pending.clear()

    for item in read_sources(paths, outlet=outlet, max_bytes=max_bytes):
        if isinstance(item, Article):
            item = admit(item)
        if not pending:
            since = time.monotonic()
        pending.append(item)
        articles = sum(isinstance(x, Article) for x in pending)
        if articles >= group_documents or time.monotonic() - since >= GROUP_SECONDS:
            land()
    if pending:
        land()
    return report


def _record(db: Database, report: IngestReport, item, result) -> str:
    """Count one item's outcome in ``report``: "added", "duplicate" or "failed"."""
    if isinstance(item, SourceProblem):
        report.problems.append(item)
        return "failed"
    if isinstance(result, Exception):
        if not isinstance(result, IntegrityError) or not _stored(db, item):
            # Not a concurrent copy of this document: a real failure, named as one.
            reason = f"not stored: {error_line(result, 200)}"
            report.problems.append(SourceProblem(item.source, reason))
            return "failed"
        result = None  # the same content, committed meanwhile by a concurrent ingest
    if result is None:
        report.duplicates += 1
        return "duplicate"
    report.document_ids.append(result.id)
    report.quotes += len(result.quote_ids)
    report.added += 1
    return "added"
