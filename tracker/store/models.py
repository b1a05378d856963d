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
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class QuoteKind(enum.StrEnum):
    SENTENCE = "sentence"  # one or more whole sentences
    PHRASE = "phrase"  # a fragment of the speaker's words inside the writer's sentence
    BLOCK = "block"  # one paragraph of a quotation that runs over several paragraphs
    SCARE = "scare"  # a term set off in quotes, not someone's statement


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


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of the decoded text: the same content ingested twice is one document.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(1000))  # file name or URL it was read from
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    author: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
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
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    # Character offsets into Document.text: text == document.text[start:end].
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

    document: Mapped[Document] = relationship(back_populates="quotes")
    speaker: Mapped[Speaker | None] = relationship()
    enclosing: Mapped[Quote | None] = relationship(remote_side="Quote.id")
