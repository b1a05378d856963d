"""Exports: what other tools and the rest of the newsroom read.

``quote_records`` defines the stable quote interface (the JSONL fields);
the writers stream rows, so an export never holds the archive in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tracker.safe import spreadsheet_safe
from tracker.store.models import Document, Quote

QUOTE_FIELDS = [
    "quote_id",
    "document",
    "outlet",
    "published",
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_as_named",
    "cue",
    "context",
    "cluster_id",
    "enclosing_quote_id",
]


def quote_records(session: Session, batch: int = 1000) -> Iterator[dict[str, Any]]:
    stmt = (
        select(Quote)
        .options(joinedload(Quote.document).joinedload(Document.outlet), joinedload(Quote.speaker))
        .order_by(Quote.id)
        .execution_options(yield_per=batch)
    )
    for q in session.scalars(stmt):
        doc = q.document
        yield {
            "quote_id": q.id,
            "document": doc.url or doc.source,
            "outlet": doc.outlet.name if doc.outlet else None,
            "published": doc.published.isoformat() if doc.published else None,
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "kind": q.kind.value,
            "speaker": q.speaker.name if q.speaker else None,
            "speaker_as_named": q.speaker_as_named,
            "cue": q.cue,
            "context": q.context,
            "cluster_id": q.cluster_id,
            "enclosing_quote_id": q.enclosing_id,
        }


def write_jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterator[dict[str, Any]], out: IO[str], fields: list[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow({k: spreadsheet_safe(v) for k, v in rec.items()})
        n += 1
    return n
