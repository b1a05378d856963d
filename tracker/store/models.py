"""The schema, as typed SQLAlchemy 2.0 models.

Every change here ships with an Alembic migration in ``tracker/migrations``.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import String as _String
from sqlalchemy import Text as _Text
from sqlalchemy import true as sa_true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tracker.kinds import DecisionKind, QuoteKind, Status
from tracker.safe import storable_problem

__all__ = ["DecisionKind", "QuoteKind", "Status"]  # re-exported: callers import them from here too


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Store aware datetimes as UTC; SQLite would silently drop the offset."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Unstorable(ValueError):
    """A value no engine may store: the message names the column and the reason."""


class String(TypeDecorator[str]):
    """VARCHAR(n) that refuses, on every engine, what PostgreSQL refuses.

    SQLite stores any length and NUL characters, PostgreSQL refuses both: without
    this check a value accepted on SQLite would make its backup unrestorable on
    PostgreSQL. The DDL is plain VARCHAR(n), as before.
    """

    impl = _String
    cache_ok = True

    def __init__(self, length: int) -> None:
        super().__init__(length)
        self.length: int | None = length
        self.label = "a text column"  # set to table.column below, for messages

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        if isinstance(value, str) and (problem := storable_problem(value, self.length)):
            raise Unstorable(f"{self.label}: {problem}")
        return value


class Text(String):
    """TEXT, with the same check (no length limit)."""

    impl = _Text
    cache_ok = True

    def __init__(self) -> None:
        TypeDecorator.__init__(self)
        self.length = None
        self.label = "a text column"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _enum(e: type[enum.Enum]) -> Enum:
    # Values, not names, stored as plain strings: portable across SQLite and PostgreSQL.
    return Enum(e, native_enum=False, values_callable=lambda m: [x.value for x in m], length=20)


class Base(DeclarativeBase):
    pass


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)

    documents: Mapped[list[Document]] = relationship(back_populates="outlet")
    aliases: Mapped[list[OutletAlias]] = relationship(
        back_populates="outlet", cascade="all, delete-orphan"
    )


class OutletAlias(Base):
    """Another way to arrive at one outlet: a spelling of its name, folded (case, accents,
    spaces and punctuation: ``tracker.sources.outlet_key``), or ``site:`` and its domain."""

    __tablename__ = "outlet_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300), unique=True)

    outlet: Mapped[Outlet] = relationship(back_populates="aliases")


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of the decoded text. The same text from another outlet or URL is another
    # document (a wire story carried by several sites); only ``identity`` is unique.
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # sha256 of where it was published (canonical URL, else outlet and file name) and the
    # text: the same place with the same text again is a re-run (tracker.sources.article).
    identity: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(1000))  # file name or URL it was read from
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    author: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)  # a whole date only
    published_year: Mapped[int | None] = mapped_column(Integer)  # also when only the year is known
    # Where the date came from ("json-ld datePublished", "manifest", "dateline", …).
    date_source: Mapped[str | None] = mapped_column(String(60))
    agency: Mapped[str | None] = mapped_column(String(100))  # a wire agency the page credits
    language: Mapped[str | None] = mapped_column(String(12))
    encoding: Mapped[str | None] = mapped_column(String(60))  # e.g. "windows-1252 (declared)"
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    outlet: Mapped[Outlet | None] = relationship(back_populates="documents")
    quotes: Mapped[list[Quote]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Quote.start"
    )


class Speaker(Base):
    """One person or organisation, however the outlets named them."""

    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    is_organisation: Mapped[bool] = mapped_column(default=False)

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan"
    )


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    # Lower-cased, whitespace-collapsed form of how some outlet named the speaker.
    alias: Mapped[str] = mapped_column(String(300), unique=True)

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("document_id", "start", "end", name="uq_quote_span"),
        Index("ix_quotes_speaker", "speaker_id"),
        Index("ix_quotes_document", "document_id"),
        # The cluster list asks, per quote, which quotes it encloses (refresh_stats).
        Index("ix_quotes_enclosing", "enclosing_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    # Character offsets into Document.text: text == claim_text(document.text[start:end]),
    # the quoted words less a comma that closes them (tracker.text.claim_text).
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text)
    kind: Mapped[QuoteKind] = mapped_column(_enum(QuoteKind))
    enclosing_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id"))
    context: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"))
    speaker_as_named: Mapped[str | None] = mapped_column(String(500))
    cue: Mapped[str | None] = mapped_column(String(100))
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )
    # How this wording differs from the cluster's canonical one ("same", "part", "+x −y").
    variant: Mapped[str | None] = mapped_column(String(300))
    match_score: Mapped[float | None] = mapped_column(Float)

    document: Mapped[Document] = relationship(back_populates="quotes")
    speaker: Mapped[Speaker | None] = relationship()
    enclosing: Mapped[Quote | None] = relationship(remote_side="Quote.id")
    cluster: Mapped[Cluster | None] = relationship(
        back_populates="quotes", foreign_keys=[cluster_id]
    )


class Cluster(Base):
    """One statement as reported across outlets: the unit a reviewer judges."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    canonical_quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL", use_alter=True, name="fk_cluster_canonical")
    )
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.UNREVIEWED, index=True)
    reviewer: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Spread, kept up to date by tracker.clusters.refresh_stats whenever membership
    # changes, so the review list pages through 100,000 clusters without aggregating.
    n_quotes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    n_outlets: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    n_speakers: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    has_claim: Mapped[bool] = mapped_column(default=True, server_default=sa_true())
    # Optimistic locking: a write based on a stale read fails instead of overwriting.
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    quotes: Mapped[list[Quote]] = relationship(
        back_populates="cluster", foreign_keys=[Quote.cluster_id]
    )
    canonical: Mapped[Quote | None] = relationship(foreign_keys=[canonical_quote_id])

    @property
    def reviewed(self) -> bool:
        """Reviewers' work is sacred: such a cluster is never dissolved by re-clustering."""
        return self.status != Status.UNREVIEWED or bool(self.note) or bool(self.evidence_url)


class Decision(Base):
    """A reviewer's merge or split, kept so every later clustering respects it."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("kind", "quote_a", "quote_b", name="uq_decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[DecisionKind] = mapped_column(_enum(DecisionKind))
    quote_a: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    quote_b: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    reviewer: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Suggestion(Base):
    """ "Possibly the same": a doubtful pair of clusters for a reviewer to confirm or reject."""

    __tablename__ = "suggestions"
    __table_args__ = (UniqueConstraint("quote_a", "quote_b", name="uq_suggestion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_a: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    quote_b: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)


class WatchPhrase(Base):
    __tablename__ = "watch_phrases"

    id: Mapped[int] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(String(1000), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClusterEvent(Base):
    """One change a reviewer made to a cluster: the history the detail screen shows."""

    __tablename__ = "cluster_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )
    reviewer: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(30))  # verdict, note, evidence, merge, split, undo
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # What taking a merge, a split or a "not the same" back needs (JSON: tracker.clusters'
    # MergeRecord, SplitRecord, RejectRecord), on those events only.
    detail: Mapped[str | None] = mapped_column(Text)


for _table in Base.metadata.tables.values():
    for _column in _table.columns:
        if isinstance(_column.type, String):
            _column.type.label = f"{_table.name}.{_column.name}"
