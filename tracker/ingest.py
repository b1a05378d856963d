"""Ingest: read sources, extract quotes, store them — whole documents or nothing.

Documents are written in groups of up to ``GROUP_DOCUMENTS`` (or ``GROUP_CHARS`` of
text) per transaction (a commit per document would cost more than extracting it); if one document
of a group is refused, the group is redone one document per transaction, so
only that one is left out. The new quotes of a group are clustered together,
into the clusters already stored. A run that starts on an archive with no
clusters yet (a first load, or quotes stored with ``cluster=False``) has no
reviewer's work to fit around: it stores every group first and clusters the
whole archive once at the end, from scratch (``tracker.clusters.rebuild``, as
``tracker cluster --rebuild`` would): the same clusters however the run was
grouped, in about half the time of placing group by group. In a large run, articles
are extracted ahead in a second process while the first stores
(``tracker.extract_ahead``).

A document is known by where it was published (its URL, else its outlet and
file name) and its text (``Article.identity``). The same place with the same
text again is a re-run and is skipped, so re-running a batch (after an
interruption, or by mistake) adds nothing twice; a crash mid-batch loses at
most the group in flight and never leaves half a document. The same text from
another outlet or URL (a wire story carried by several sites) is another
appearance: stored, with its quotes copied from the first copy rather than
extracted again, and counted as another outlet in every cluster it joins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from sqlalchemy.orm import Session

from tracker.clusters import Incremental, add_quotes, has_clusters, rebuild
from tracker.extract_ahead import ExtractAhead, Extracted
from tracker.kinds import NOT_CLAIMS, QuoteKind
from tracker.match import MatchSettings
from tracker.quotes import ExtractedQuote, extract_quotes
from tracker.safe import error_line, http_url, one_line, storable_problem
from tracker.sources import DEFAULT_MAX_BYTES, Article, Source, SourceProblem, read_sources
from tracker.store.db import Database, lock_for_clustering, lock_for_placing, with_retries
from tracker.store.models import Base, Document, Quote, Unstorable, utcnow
from tracker.store.repository import SpeakerDirectory, alias_key, get_or_create_outlet
from tracker.text import normalize

# A group commits when it holds this many documents, or this many characters of text
# (a batch of very long documents still lands step by step). Never on a clock: the
# groups decide how new quotes are placed together, so the same files must make the
# same groups on a fast machine and a loaded one.
GROUP_DOCUMENTS = 50
GROUP_CHARS = 2_000_000

_DOCUMENTS = Base.metadata.tables[Document.__tablename__]
_QUOTES = Base.metadata.tables[Quote.__tablename__]
# Core statements on the tables: the ORM's bulk path costs more than the insert itself.
_INSERT_DOCUMENT = insert(_DOCUMENTS).returning(_DOCUMENTS.c.id)
# Each new quote's id is told by its span (unique in its document), not by RETURNING's
# order: SQLite cannot say which new id is which row of a multi-row INSERT, and
# SQLAlchemy would insert one row a statement to keep the order (most of the time a
# large run spends storing).
_INSERT_QUOTES = insert(_QUOTES).returning(_QUOTES.c.id, _QUOTES.c.start, _QUOTES.c.end)


def _insert_quotes(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the quotes of one document in one batched statement; their ids in order."""
    by_span = {(start, end): qid for qid, start, end in session.execute(_INSERT_QUOTES, rows)}
    return [by_span[row["start"], row["end"]] for row in rows]


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    quotes: int = 0
    problems: list[SourceProblem] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    # Sources skipped as re-runs, each with the stored document it repeats.
    skipped: list[tuple[str, int | None]] = field(default_factory=list)
    copies: int = 0  # added documents whose text was already stored from elsewhere
    # What was noticed about added documents (source, note), said with -v.
    notes: list[tuple[str, str]] = field(default_factory=list)
    # Documents whose encoding was guessed (source, how it was read): always said.
    guessed: list[tuple[str, str]] = field(default_factory=list)
    # Documents read for quotations only up to a limit (source, which): always said.
    limited: list[tuple[str, str]] = field(default_factory=list)
    # Files in the folders read that are of no kind tracker reads: counted in the summary,
    # named with -v; not failures (a folder of articles often holds other files too).
    unread: list[str] = field(default_factory=list)


@dataclass
class StoredDocument:
    id: int
    quote_ids: list[int]
    copy_of: int | None = None  # the stored document with the same text, if any
    limits: list[str] = field(default_factory=list)  # extraction limits the text reached


@dataclass
class AlreadyStored:
    """The same place and text is stored already: document ``id``."""

    id: int | None


class Lookups:
    """Outlet and speaker ids already resolved in this run: one query per name, not per quote.

    Valid across documents because outlets and speakers are never deleted;
    dropped when a transaction rolls back, since it may have created some.
    """

    def __init__(self) -> None:
        self.outlets: dict[str, int] = {}  # site and name -> outlet id
        self.speakers: dict[tuple[str, bool], int] = {}
        self.aliases: set[str] = set()  # alias keys already looked after in this run

    def outlet(self, session: Session, name: str, site: str | None = None) -> int:
        key = f"{site or ''}\n{name}"
        if key not in self.outlets:
            self.outlets[key] = get_or_create_outlet(session, name, site).id
        return self.outlets[key]

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


def document_quotes(
    text: str, language: str | None = None, notes: list[str] | None = None
) -> list[ExtractedQuote]:
    """The quotations of one stored text: extraction (by the rules of its language, when
    known), then repeats credited. Limits the text reached are added to ``notes``."""
    return credit_repeats(extract_quotes(text, language, notes))


def credit_repeats(quotes: list[ExtractedQuote]) -> list[ExtractedQuote]:
    """A quotation the same document repeats without naming anyone (a pull quote, a
    quote in a subhead) is another appearance of the credited one it repeats: it takes
    that quote's speaker and kind (a lone repeat is not a scare quote), so clustering
    puts it beside the original instead of founding a claim of its own. The words the
    outlet used to name the speaker stay empty: the repeat names no one."""
    credited = [q for q in quotes if q.speaker and q.kind not in NOT_CLAIMS]
    if not credited:
        return quotes
    for q in quotes:
        if q.speaker or q.kind in (QuoteKind.TITLE, QuoteKind.NESTED) or q.parent is not None:
            continue
        if len(q.normalized.split()) < 4:
            continue
        found = [
            c
            for c in credited
            if c is not q and (c.normalized == q.normalized or q.normalized in c.normalized)
        ]
        if not found:
            found = _pieces_of_one_speaker(q, credited)
        if not found:
            continue
        source = max(found, key=lambda c: len(c.normalized))
        q.speaker = source.speaker
        q.speaker_is_organisation = source.speaker_is_organisation
        if q.kind == QuoteKind.SCARE:
            q.kind = source.kind
    return quotes


def _pieces_of_one_speaker(
    q: ExtractedQuote, credited: list[ExtractedQuote]
) -> list[ExtractedQuote]:
    """The credited quotations a pull quote is stitched from, sentence by sentence ("A. B."
    where "A." and "B." are one speaker's two quotations), if they are all one speaker's."""
    pieces = [normalize(s) for s in _SENTENCE_BREAK.split(q.text)]
    if len(pieces) < 2 or any(len(p.split()) < 4 for p in pieces):
        return []
    found = []
    for piece in pieces:
        holders = [c for c in credited if c is not q and piece in c.normalized]
        if not holders:
            return []
        found.extend(holders)
    return found if len({c.speaker for c in found}) == 1 else []


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
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
    changes: dict[str, Any] = {}
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
    session: Session,
    article: Article,
    lookups: Lookups | None = None,
    extract: Callable[[str, str | None], Extracted] | None = None,
) -> StoredDocument | AlreadyStored:
    """Add one article and its quotes, unless the same place and text is stored already
    (``extract``: where its quotes and limits come from, if not extracted here)."""
    identity = article.identity
    existing = _stored_id(session, article)
    if existing is not None:
        return AlreadyStored(existing)
    lookups = lookups or Lookups()
    outlet_id = lookups.outlet(session, article.outlet, article.site) if article.outlet else None
    doc_id = session.scalar(
        _INSERT_DOCUMENT,
        {
            "content_hash": article.content_hash,
            "identity": identity,
            "source": article.source[:1000],
            "title": article.title,
            "author": article.author,
            "url": article.url,
            "published": article.published,
            "published_year": article.published_year
            or (article.published.year if article.published else None),
            "date_source": article.date_source,
            "agency": article.agency,
            "language": article.language,
            "encoding": article.encoding,
            "text": article.text,
            "outlet_id": outlet_id,
            "ingested_at": utcnow(),
        },
    )
    twin = session.scalar(
        select(Document.id)
        .where(Document.content_hash == article.content_hash, Document.id != doc_id)
        .order_by(Document.id)
        .limit(1)
    )
    if twin is not None:
        return StoredDocument(doc_id, _copy_quotes(session, twin, doc_id), copy_of=twin)
    if extract is not None:
        extracted, limits = extract(article.text, article.language)
    else:
        limits = []
        extracted = document_quotes(article.text, article.language, limits)
    if not extracted:
        return StoredDocument(doc_id, [], limits=limits)
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
    ids = _insert_quotes(session, rows)
    nested = [
        {"id": ids[k], "enclosing_id": ids[q.parent]}
        for k, q in enumerate(extracted)
        if q.parent is not None
    ]
    if nested:
        session.execute(update(Quote), nested)  # ORM bulk UPDATE by primary key
    return StoredDocument(doc_id, ids, limits=limits)


_COPIED = "start end text normalized kind context speaker_id speaker_as_named cue".split()


def _copy_quotes(session: Session, twin: int, doc_id: int) -> list[int]:
    """The quotes of a stored document with the same text, as this document's own: the
    same spans, kinds and speakers (the text is the same, so the offsets hold), with no
    second extraction. Clustering then places them beside the originals."""
    cols = [_QUOTES.c[c] for c in _COPIED]
    found = session.execute(
        select(_QUOTES.c.id, _QUOTES.c.enclosing_id, *cols)
        .where(_QUOTES.c.document_id == twin)
        .order_by(_QUOTES.c.id)
    ).all()
    if not found:
        return []
    rows = [{"document_id": doc_id, **dict(zip(_COPIED, r[2:], strict=True))} for r in found]
    ids = _insert_quotes(session, rows)
    new_id = {r[0]: i for r, i in zip(found, ids, strict=True)}
    nested = [
        {"id": new_id[r[0]], "enclosing_id": new_id[r[1]]}
        for r in found
        if r[1] is not None and r[1] in new_id
    ]
    if nested:
        session.execute(update(Quote), nested)
    return ids


def _stored_id(session: Session, article: Article) -> int | None:
    """The stored document that is ``article`` (by any identity it may be stored under)."""
    return session.scalar(
        select(Document.id).where(Document.identity.in_(article.identities)).limit(1)
    )


def _stored(db: Database, article: Article) -> int | None:
    with db.Session() as session:
        return _stored_id(session, article)


class _BatchState:
    """What one batch keeps between groups: the clustering state and the lookups."""

    def __init__(self, extract: ExtractAhead | None = None) -> None:
        self.clustering: Incremental | None = None
        self.lookups = Lookups()
        self.extract = extract

    def store_group(
        self,
        db: Database,
        articles: list[Article],
        cluster: bool,
        settings: MatchSettings | None,
    ) -> list[StoredDocument | AlreadyStored | Exception]:
        """Store a group; per article: stored, already stored, or the error that kept it
        out. New quotes are clustered together at the end."""
        try:
            return list(self._transaction(db, articles, cluster, settings))
        except StatementError as exc:
            if not _refused(exc):
                raise
            if len(articles) == 1:
                return [exc]
        # One article broke the group (a concurrent copy, a value the database refused):
        # store them one per transaction, so only that one is left out.
        results: list[StoredDocument | AlreadyStored | Exception] = []
        for article in articles:
            results += self.store_group(db, [article], cluster, settings)
        return results

    def _transaction(
        self,
        db: Database,
        articles: list[Article],
        cluster: bool,
        settings: MatchSettings | None,
    ) -> list[StoredDocument | AlreadyStored]:
        # No savepoint per article: SQLite's driver would commit at each RELEASE.
        try:
            with db.Session.begin() as session:
                # The clustering lock before any write: waiting for it later, with rows
                # written, could deadlock against a rebuild rewriting them.
                if cluster and lock_for_placing(session.connection()):
                    self.clustering = None  # the archive was clustered anew meanwhile
                results = [store_article(session, a, self.lookups, self.extract) for a in articles]
                stored = [r for r in results if isinstance(r, StoredDocument)]
                new_quotes = [q for r in stored for q in r.quote_ids]
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
    paths: Iterable[Source],
    *,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: Callable[[str, str], None] | None = None,
    cluster: bool = True,
    settings: MatchSettings | None = None,
    group_documents: int = GROUP_DOCUMENTS,
    on_clustering: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest every source under ``paths``; ``on_item(source, outcome)`` reports progress,
    in reading order, once the document's group has committed.

    On an archive with no clusters yet, the quotes are clustered once, after the last
    group: ``on_clustering(n)`` is called first with the number of quotes to place.
    """
    report = IngestReport()
    ahead = ExtractAhead(document_quotes)
    state = _BatchState(ahead)
    at_end = cluster and not with_retries(lambda: _has_clusters(db))
    per_group = cluster and not at_end
    pending: list[Article | SourceProblem] = []
    chars = 0

    def land() -> None:
        articles = [item for item in pending if isinstance(item, Article)]
        results = iter(
            with_retries(lambda: state.store_group(db, articles, per_group, settings))
            if articles
            else []
        )
        for item in pending:
            outcome = _record(
                db, report, item, None if isinstance(item, SourceProblem) else next(results)
            )
            if on_item:
                on_item(item.source, outcome)
        ahead.forget([(a.text, a.language) for a in articles])
        pending.clear()

    try:
        for item in read_sources(paths, outlet=outlet, max_bytes=max_bytes, unread=report.unread):
            if isinstance(item, Article):
                item = admit(item)
            if isinstance(item, Article):
                ahead.read(item.text, item.language)
            if not pending:
                chars = 0
            pending.append(item)
            if isinstance(item, Article):
                chars += len(item.text)
            articles = sum(isinstance(x, Article) for x in pending)
            if articles >= group_documents or chars >= GROUP_CHARS:
                land()
        if pending:
            land()
    finally:
        ahead.close()
    if at_end:  # (the extraction worker gone: clustering's workers take both cores)
        with_retries(lambda: _place_loose(db, settings, on_clustering))
    return report


def _has_clusters(db: Database) -> bool:
    with db.Session() as session:
        return has_clusters(session)


def _place_loose(
    db: Database, settings: MatchSettings | None, announce: Callable[[int], None] | None
) -> None:
    """Place the quotes in no cluster, after a run that stored its groups unclustered.

    Usually that clusters the whole archive from scratch; where another run got there
    first (two first loads at once), they join its clusters as any later run's would.
    """
    with db.Session.begin() as session:
        lock_for_clustering(session.connection())
        place_unclustered(session, settings, announce)


def _record(db: Database, report: IngestReport, item, result) -> str:
    """Count one item's outcome in ``report``: "added", "duplicate" or "failed"."""
    if isinstance(item, SourceProblem):
        report.problems.append(item)
        return "failed"
    if isinstance(result, Exception):
        stored = _stored(db, item) if isinstance(result, IntegrityError) else None
        if stored is None:
            # Not a concurrent copy of this document: a real failure, named as one.
            reason = f"not stored: {error_line(result, 200)}"
            report.problems.append(SourceProblem(item.source, reason))
            return "failed"
        result = AlreadyStored(stored)  # committed meanwhile by a concurrent ingest
    if isinstance(result, AlreadyStored):
        report.duplicates += 1
        report.skipped.append((item.source, result.id))
        return "duplicate"
    report.document_ids.append(result.id)
    report.quotes += len(result.quote_ids)
    report.added += 1
    report.notes += [(item.source, note) for note in item.notes]
    report.limited += [(item.source, limit) for limit in result.limits]
    if item.encoding and "guessed" in item.encoding:
        report.guessed.append((item.source, item.encoding))
    if result.copy_of is not None:
        report.copies += 1
        report.notes.append(
            (item.source, f"same text as document {result.copy_of}: stored as another appearance")
        )
    return "added"


def place_unclustered(
    session: Session,
    settings: MatchSettings | None,
    announce: Callable[[int], None] | None = None,
) -> int:
    """Place every quote not yet in a cluster (after ``ingest --no-cluster``, or an upgrade),
    in slices as ingest places its groups; returns how many were placed. With no clusters
    yet, every quote is clustered at once, from scratch (faster, as ingest does).
    ``announce(n)`` is told how many before the work starts, if there are any."""
    loose = list(session.scalars(select(Quote.id).where(Quote.cluster_id.is_(None))))
    if loose and announce:
        announce(len(loose))
    if loose and not has_clusters(session):
        rebuild(session, settings)
        return len(loose)
    state = None
    for i in range(0, len(loose), 1000):
        state = add_quotes(session, loose[i : i + 1000], settings, state)
    return len(loose)
