"""Exports: what other tools and the rest of the newsroom read.

``quote_records`` defines the stable quote interface (the JSONL fields);
the writers stream rows, so an export never holds the archive in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tracker.safe import http_url, json_text, spreadsheet_safe
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
        out.write(json_text(rec) + "\n")
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


CLAIM_FIELDS = [
    "cluster_id",
    "claim",
    "speaker",
    "status",
    "reviewer",
    "reviewed_at",
    "note",
    "evidence_url",
    "first_seen",
    "first_outlet",
    "outlets",
    "outlet_list",
    "quotes",
]


def claim_records(
    session: Session,
    *,
    status: str = "verified",
    since: dt.date | None = None,
    until: dt.date | None = None,
    outlet: str | None = None,
    speaker: str | None = None,
) -> Iterator[dict[str, Any]]:
    """One record per claim cluster, as `tracker export claims` writes them."""
    from tracker.browse import cluster_rows
    from tracker.store.models import Cluster

    rows = cluster_rows(
        session, status=None if status == "all" else status, speaker=speaker, outlet=outlet
    )
    rows.sort(key=lambda r: r["id"])
    for r in rows:
        first = dt.date.fromisoformat(r["first_seen"]) if r["first_seen"] else None
        if since and (first is None or first < since):
            continue
        if until and (first is None or first > until):
            continue
        c = session.get(Cluster, r["id"])
        yield {
            "cluster_id": r["id"],
            "claim": r["claim"],
            "speaker": r["speaker"],
            "speakers": r["speakers"],
            "status": r["status"],
            "reviewer": c.reviewer,
            "reviewed_at": c.reviewed_at.isoformat() if c.reviewed_at else None,
            "note": c.note,
            "evidence_url": c.evidence_url,
            "first_seen": r["first_seen"],
            "first_outlet": r["first_outlet"],
            "outlets": r["outlets"],
            "outlet_list": "; ".join(r["outlet_list"]),
            "quotes": r["quotes"],
        }


# schema.org ClaimReview: the verdict in words, on a 1 (worst) to 5 (best) scale.
RATINGS = {
    "verified": (5, "Accurately quoted and attributed"),
    "misquoted": (2, "Misquoted"),
    "misattributed": (2, "Misattributed"),
    "out-of-context": (3, "Out of context"),
    "disputed": (3, "Disputed"),
    "false": (1, "False"),
    "unverifiable": (3, "Unverifiable"),
}


def claimreview(session: Session, records: Iterator[dict[str, Any]], org: str) -> list[dict]:
    """ClaimReview JSON-LD objects for reviewed claims (what fact-check aggregators read)."""
    from tracker.compare import compare

    out = []
    for r in records:
        if r["status"] not in RATINGS:
            continue  # unreviewed claims have no review to publish
        value, words = RATINGS[r["status"]]
        comparison = compare(session, r["cluster_id"])
        appearances = []
        seen_docs = set()
        for row in comparison.rows if comparison else ():
            if row.document in seen_docs:
                continue
            seen_docs.add(row.document)
            work: dict[str, Any] = {"@type": "CreativeWork"}
            # Only http(s) links are published: never a local file path, javascript: or file:.
            if url := http_url(row.document):
                work["url"] = url
            if row.published:
                work["datePublished"] = row.published
            if row.outlet:
                work["publisher"] = {"@type": "Organization", "name": row.outlet}
            appearances.append(work)
        item: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
        if r["speaker"]:
            item["author"] = {"@type": "Person", "name": r["speaker"]}
        if r["first_seen"]:
            item["datePublished"] = r["first_seen"]
        if appearances:
            item["firstAppearance"] = appearances[0]
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": r["claim"],
            "datePublished": (r["reviewed_at"] or "")[:10] or None,
            "author": {"@type": "Organization", "name": org},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": words,
            },
            "itemReviewed": item,
        }
        if url := http_url(r["evidence_url"]):
            review["url"] = url
        out.append(review)
    return out
