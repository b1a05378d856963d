"""Read-only queries behind the listing commands (and later the review UI)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from tracker.store.models import Document, Outlet, Quote, QuoteKind, Speaker, SpeakerAlias
from tracker.store.repository import alias_key


def speaker_ids(session: Session, name: str) -> list[int]:
    """Speakers matching a name or alias, or whose name contains it."""
    key = alias_key(name)
    ids = set(session.scalars(select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias == key)))
    ids |= set(session.scalars(select(Speaker.id).where(func.lower(Speaker.name).contains(key))))
    return sorted(ids)


def list_quotes(
    session: Session,
    *,
    limit: int = 50,
    speaker: str | None = None,
    outlet: str | None = None,
    kinds: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    stmt = (
        select(Quote)
        .join(Quote.document)
        .outerjoin(Document.outlet)
        .options(joinedload(Quote.document).joinedload(Document.outlet), joinedload(Quote.speaker))
        .order_by(Document.published.is_(None), Document.published, Quote.document_id, Quote.start)
    )
    if kinds:
        stmt = stmt.where(Quote.kind.in_([QuoteKind(k) for k in kinds]))
    else:
        stmt = stmt.where(Quote.kind != QuoteKind.SCARE)
    if speaker:
        stmt = stmt.where(Quote.speaker_id.in_(speaker_ids(session, speaker)))
    if outlet:
        stmt = stmt.where(func.lower(Outlet.name).contains(outlet.lower()))
    if limit:
        stmt = stmt.limit(limit)
    return [
        {
            "quote_id": q.id,
            "outlet": q.document.outlet.name if q.document.outlet else None,
            "published": q.document.published.isoformat() if q.document.published else None,
            "speaker": q.speaker.name if q.speaker else None,
            "speaker_as_named": q.speaker_as_named,
            "cue": q.cue,
            "kind": q.kind.value,
            "text": q.text,
        }
        for q in session.scalars(stmt)
    ]
