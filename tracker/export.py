"""Exports: what other tools and the rest of the newsroom read.

``quote_records`` defines the stable quote interface (the JSONL fields);
the writers stream rows, so an export never holds the archive in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tracker.errors import UsageError
from tracker.safe import http_url, json_text, spreadsheet_safe
from tracker.store.models import Cluster, Document, Quote, Speaker, Status

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
    "url",
    "title",
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
            "url": doc.url,
            "title": doc.title,
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
    "urls",
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
    from tracker.browse import ClusterFilter, cluster_summaries, review_state

    # Non-claims (scare quotes, outlet names) are left out of the list, but one a
    # reviewer judged anyway carries a verdict: exported like any other, never dropped.
    flt = ClusterFilter(
        status=None if status == "all" else status,
        speaker=speaker,
        outlet=outlet,
        include_scare=True,
    )
    unjudged_non_claims = set(
        session.scalars(
            select(Cluster.id).where(
                Cluster.has_claim.is_(False), Cluster.status == Status.UNREVIEWED
            )
        )
    )
    rows = sorted(cluster_summaries(session, flt), key=lambda r: r.id)
    for r in rows:
        if r.id in unjudged_non_claims:
            continue
        first = dt.date.fromisoformat(r.first_seen) if r.first_seen else None
        if since and (first is None or first < since):
            continue
        if until and (first is None or first > until):
            continue
        state = review_state(session, r.id)
        yield {
            "cluster_id": r.id,
            "claim": r.claim,
            "speaker": r.speaker,
            "speakers": r.speakers,
            "status": r.status,
            "reviewer": state.reviewer,
            "reviewed_at": state.reviewed_at,
            "note": state.note,
            "evidence_url": state.evidence_url,
            "first_seen": r.first_seen,
            "first_outlet": r.first_outlet,
            "outlets": r.outlets,
            "outlet_list": "; ".join(r.outlet_list),
            "quotes": r.quotes,
            "urls": " ".join(state.urls),  # the articles that carried it, space-separated
        }


APPEARANCE_FIELDS = [
    "cluster_id",
    "claim",
    "status",
    "quote_id",
    "outlet",
    "url",
    "title",
    "published",
    "speaker",
    "speaker_as_named",
    "cue",
    "text",
]


def appearance_records(
    session: Session, claims: Iterator[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """One record per quote of each claim: how each outlet worded it, where and when."""
    from tracker.browse import appearances

    for r in claims:
        for a in appearances(session, r["cluster_id"]):
            yield {
                "cluster_id": r["cluster_id"],
                "claim": r["claim"],
                "status": r["status"],
                "quote_id": a.quote_id,
                "outlet": a.outlet,
                "url": a.url,
                "title": a.title,
                "published": a.published,
                "speaker": a.speaker,
                "speaker_as_named": a.speaker_as_named,
                "cue": a.cue,
                "text": a.text,
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


def _web_url(url: str | None) -> str | None:
    """Only http(s) links are published: never a local file path, javascript: or file:."""
    return http_url(url)


# What a ClaimReview --url-template may hold in braces, and what each stands for.
URL_PLACEHOLDERS = {"{id}": "the cluster id"}


def check_url_template(template: str) -> str:
    """``template`` if it is an http(s) URL holding ``{id}`` and no other placeholder:
    anything else in braces would be published as it is, in every review's URL."""
    allowed = ", ".join(f"{p} ({what})" for p, what in URL_PLACEHOLDERS.items())
    if "{id}" not in template or not template.lower().startswith(("http://", "https://")):
        raise UsageError("--url-template must be an http(s) URL containing {id}")
    unknown = [p for p in re.findall(r"\{[^{}]*\}", template) if p not in URL_PLACEHOLDERS]
    rest = re.sub(r"\{[^{}]*\}", "", template)
    if unknown or "{" in rest or "}" in rest:
        shown = ", ".join(dict.fromkeys(unknown)) or "a lone brace"
        raise UsageError(
            f"--url-template has {shown}, which no claim fills in; the placeholders are: {allowed}"
        )
    return template


def claimreview(
    session: Session, records: Iterator[dict[str, Any]], org: str, url_template: str
) -> list[dict]:
    """ClaimReview JSON-LD objects for reviewed claims (what fact-check aggregators read).

    Follows schema.org's ClaimReview and the fields search engines require:
    ``url`` is the fact-check's own page (``url_template`` with ``{id}``),
    ``claimReviewed``, ``reviewRating`` with ``alternateName``, ``author``;
    the note is the ``reviewBody``, the evidence link a ``citation``.
    Appearances are the articles' web addresses; a document with none is left out.
    """
    from tracker.browse import appearances

    check_url_template(url_template)
    out = []
    for r in records:
        if r["status"] not in RATINGS:
            continue  # unreviewed claims have no review to publish
        value, words = RATINGS[r["status"]]
        found: list[dict[str, Any]] = []
        seen_docs = set()
        for a in appearances(session, r["cluster_id"]):
            url = _web_url(a.url)
            if url is None or url in seen_docs:
                continue
            seen_docs.add(url)
            work: dict[str, Any] = {"@type": "CreativeWork", "url": url}
            if a.title:
                work["headline"] = a.title
            if a.published:
                work["datePublished"] = a.published
            if a.outlet is not None:
                work["publisher"] = {"@type": "Organization", "name": a.outlet}
            found.append(work)
        item: dict[str, Any] = {"@type": "Claim"}
        if found:
            item["appearance"] = found
            item["firstAppearance"] = found[0]
        if r["speaker"]:
            # A ministry or a newspaper is an Organization, not a Person.
            org_speaker = session.scalar(
                select(Speaker.is_organisation).where(Speaker.name == r["speaker"])
            )
            kind = "Organization" if org_speaker else "Person"
            item["author"] = {"@type": kind, "name": r["speaker"]}
        if r["first_seen"]:
            item["datePublished"] = r["first_seen"]
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url_template.replace("{id}", str(r["cluster_id"])),
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
        if r["note"]:
            review["reviewBody"] = r["note"]
        if citation := _web_url(r["evidence_url"]):
            review["citation"] = citation
        out.append({k: v for k, v in review.items() if v is not None})
    return out
