"""Read-only queries behind the listing commands (and later the review UI)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased, joinedload

from tracker.kinds import NOT_CLAIMS
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
        stmt = stmt.where(Quote.kind.not_in(NOT_CLAIMS))
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


def disagreeing(speakers: list[str], as_named: list[str | None]) -> bool:
    """More than one speaker, not counting a body whose spokesman is another one.

    "Chinese Foreign Ministry" and "Chinese Foreign Ministry spokesman Wang
    Wenbin" agree; "Vladimir Putin" and "Li Zhanshu" do not.
    """
    phrases = [n.lower() for n in as_named if n]

    def stands_for_someone_else(name: str) -> bool:
        low = name.lower()
        return any(low in p and p != low for p in phrases)

    return len({s for s in speakers if not stands_for_someone_else(s)}) > 1


def speaker_label(name: str | None, n_speakers: int) -> str:
    """The speaker column, the same in the UI and the CLI: the claim's speaker, "+N" when
    the cluster credits others too (the detail says whether that is a misattribution)."""
    extra = n_speakers - (1 if name else 0)
    return (name or "—") + (f" +{extra}" if extra > 0 else "")


def cluster_rows(
    session: Session,
    *,
    status: str | None = None,
    speaker: str | None = None,
    outlet: str | None = None,
    min_outlets: int = 0,
    include_scare: bool = False,
    limit: int = 0,
) -> list[dict[str, Any]]:
    """One summary per cluster: claim, speakers, spread, first seen, status."""
    from tracker.store.models import Cluster

    rows = session.execute(
        select(
            Quote.cluster_id,
            Quote.id,
            Quote.kind,
            Speaker.name,
            Outlet.name,
            Document.published,
            Quote.text,
            Quote.speaker_as_named,
            Quote.enclosing_id,
            Quote.speaker_id,
        )
        .join(Quote.document)
        .outerjoin(Document.outlet)
        .outerjoin(Quote.speaker)
        .where(Quote.cluster_id.is_not(None))
        .order_by(Quote.id)  # speakers listed in reading order, whatever the engine
    ).all()
    clusters = {c.id: c for c in session.scalars(select(Cluster))}
    texts = {r[1]: r[6] for r in rows}
    speaker_of = {r[1]: r[3] for r in rows}
    cluster_of = {r[1]: r[0] for r in rows}
    # Passages quoting a member of their own cluster: their speaker is the one quoting.
    quoting = {r[8] for r in rows if r[8] is not None and cluster_of.get(r[8]) == r[0]}
    agg: dict[int, dict[str, Any]] = {}
    for cid, qid, kind, spk, out, pub, _, named, _enc, _sid in rows:
        a = agg.setdefault(
            cid,
            {
                "speakers": [],
                "outlets": set(),
                "quotes": 0,
                "kinds": set(),
                "first": None,
                "named": [],
            },
        )
        a["quotes"] += 1
        a["kinds"].add(kind)
        if qid not in quoting:
            a["named"].append(named)
            if spk and spk not in a["speakers"]:
                a["speakers"].append(spk)
        if out:
            a["outlets"].add(out)
        if pub and (a["first"] is None or pub < a["first"][0]):
            a["first"] = (pub, out)
    result = []
    want_speakers = set(speaker_ids(session, speaker)) if speaker else None
    names_by_id = dict(session.execute(select(Speaker.id, Speaker.name)).all())
    for cid, a in agg.items():
        c = clusters[cid]
        if not include_scare and not c.has_claim:
            continue
        if status and c.status.value != status:
            continue
        if want_speakers is not None and not {names_by_id[i] for i in want_speakers} & set(
            a["speakers"]
        ):
            continue
        if outlet and not any(outlet.lower() in o.lower() for o in a["outlets"]):
            continue
        if len(a["outlets"]) < min_outlets:
            continue
        first = a["first"]
        speaker = speaker_of.get(c.canonical_quote_id)
        result.append(
            {
                "id": cid,
                "claim": texts.get(c.canonical_quote_id, ""),
                "speaker": speaker,  # of the claim's wording, as the review UI shows it
                "speaker_label": speaker_label(speaker, c.n_speakers),
                "speakers": a["speakers"],
                "misattribution": disagreeing(a["speakers"], a["named"]),
                "status": c.status.value,
                "outlets": len(a["outlets"]),
                "outlet_list": sorted(a["outlets"]),
                "quotes": c.n_quotes,  # appearances: repeats in one document count once
                "first_seen": first[0].isoformat() if first else None,
                "first_outlet": first[1] if first else None,
            }
        )
    result.sort(key=lambda r: (-r["outlets"], -r["quotes"], r["id"]))
    return result[:limit] if limit else result


def cluster_members(session: Session, cluster_id: int) -> list[Quote]:
    """A cluster's quotes with their documents, outlets and speakers, oldest report first."""
    return list(
        session.scalars(
            select(Quote)
            .where(Quote.cluster_id == cluster_id)
            .join(Quote.document)
            .options(
                joinedload(Quote.document).joinedload(Document.outlet), joinedload(Quote.speaker)
            )
            .order_by(Document.published.is_(None), Document.published, Quote.id)
        )
    )


def open_suggestions(session: Session, cluster_id: int) -> list[dict[str, Any]]:
    """Clusters possibly the same statement as this one (scored between the suggestion
    and link thresholds), best first, leaving out any a reviewer said are different."""
    from tracker.kinds import DecisionKind
    from tracker.store.models import Cluster, Decision, Suggestion

    ours = set(session.scalars(select(Quote.id).where(Quote.cluster_id == cluster_id)))
    if not ours:
        return []
    pairs = session.execute(
        select(Suggestion.quote_a, Suggestion.quote_b, Suggestion.score).where(
            Suggestion.quote_a.in_(ours) | Suggestion.quote_b.in_(ours)
        )
    ).all()
    others = {b if a in ours else a: sim for a, b, sim in pairs}
    if not others:
        return []
    cluster_of = dict(
        session.execute(select(Quote.id, Quote.cluster_id).where(Quote.id.in_(list(others)))).all()
    )
    apart = {
        cluster_of.get(b if a in ours else a)
        for a, b in session.execute(
            select(Decision.quote_a, Decision.quote_b).where(
                Decision.kind == DecisionKind.CANNOT_LINK,
                (Decision.quote_a.in_(ours) & Decision.quote_b.in_(list(others)))
                | (Decision.quote_b.in_(ours) & Decision.quote_a.in_(list(others))),
            )
        ).all()
    }
    best: dict[int, float] = {}
    for q, sim in others.items():
        cid = cluster_of.get(q)
        if cid is None or cid == cluster_id or cid in apart:
            continue
        best[cid] = max(best.get(cid, 0.0), sim)
    out = []
    mine = session.get(Cluster, cluster_id)
    for cid, sim in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])):
        c = session.get(Cluster, cid)
        if c is None:
            continue
        out.append(
            {
                "cluster_id": cid,
                "score": round(sim, 2),
                "claim": c.canonical.text if c.canonical else "",
                "status": c.status.value,
                "speaker": _speaker(c),
                "first_seen": c.first_seen.isoformat() if c.first_seen else None,
                "differs": difference(mine, c),
            }
        )
    return out


def _speaker(cluster) -> str | None:
    """The speaker of a cluster's claim (its canonical quote), if known."""
    q = cluster.canonical if cluster is not None else None
    return q.speaker.name if q is not None and q.speaker is not None else None


# Quotes of one statement appear within a news cycle (tracker.match.MatchSettings).
CYCLE_DAYS = 30


def difference(mine, other) -> str:
    """What tells a suggested cluster apart from this one, for a reviewer deciding whether
    they are one statement: another speaker, and first seen outside one news cycle
    ("Li Zhanshu, not Vladimir Putin; 2 years earlier"). Empty when neither differs."""
    parts = []
    a, b = _speaker(mine), _speaker(other)
    if a and b and a != b:
        parts.append(f"{b}, not {a}")
    elif b and not a:
        parts.append(f"said by {b}")
    if mine is not None and mine.first_seen and other.first_seen:
        days = (other.first_seen - mine.first_seen).days
        if abs(days) > CYCLE_DAYS:
            parts.append(f"{_span(abs(days))} {'later' if days > 0 else 'earlier'}")
    return "; ".join(parts)


def _span(days: int) -> str:
    if days >= 730:
        return f"{days // 365} years"
    if days >= 365:
        return "1 year" if days < 425 else f"{days // 30} months"
    return f"{days // 30} months" if days >= 60 else f"{days} days"


def suggested_cluster_ids():
    """A subquery of the clusters with a suggestion to another cluster (the list filter)."""
    from tracker.store.models import Suggestion

    qa, qb = aliased(Quote), aliased(Quote)
    across = (
        select(qa.cluster_id.label("a"), qb.cluster_id.label("b"))
        .select_from(Suggestion)
        .join(qa, qa.id == Suggestion.quote_a)
        .join(qb, qb.id == Suggestion.quote_b)
        .where(qa.cluster_id != qb.cluster_id)
        .subquery()
    )
    return select(across.c.a).union(select(across.c.b))


def all_suggestions(session: Session, min_score: float = 0.0) -> list[dict[str, Any]]:
    """Every open suggestion, one per pair of clusters, best first (`tracker suggestions`)."""
    from tracker.store.models import Cluster, Suggestion

    qa, qb = aliased(Quote), aliased(Quote)
    rows = session.execute(
        select(qa.cluster_id, qb.cluster_id, Suggestion.score)
        .select_from(Suggestion)
        .join(qa, qa.id == Suggestion.quote_a)
        .join(qb, qb.id == Suggestion.quote_b)
        .where(qa.cluster_id != qb.cluster_id, Suggestion.score >= min_score)
    ).all()
    pairs: dict[tuple[int, int], float] = {}
    for a, b, sim in rows:
        key = (min(a, b), max(a, b))
        pairs[key] = max(pairs.get(key, 0.0), sim)
    out = []
    for (a, b), sim in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        if b not in {s["cluster_id"] for s in open_suggestions(session, a)}:
            continue  # a reviewer said they are different
        ca, cb = session.get(Cluster, a), session.get(Cluster, b)
        out.append(
            {
                "cluster_a": a,
                "cluster_b": b,
                "score": round(sim, 2),
                "claim_a": ca.canonical.text if ca and ca.canonical else "",
                "claim_b": cb.canonical.text if cb and cb.canonical else "",
                "speaker_a": _speaker(ca),
                "speaker_b": _speaker(cb),
                "first_seen_a": ca.first_seen.isoformat() if ca and ca.first_seen else None,
                "first_seen_b": cb.first_seen.isoformat() if cb and cb.first_seen else None,
                "differs": difference(ca, cb) if ca and cb else "",
            }
        )
    return out


def cluster_detail(session: Session, cluster_id: int) -> dict[str, Any] | None:
    from tracker.store.models import Cluster

    c = session.get(Cluster, cluster_id)
    if c is None:
        return None
    members = cluster_members(session, cluster_id)
    # A passage quoting another member is its context: its speaker is the one quoting,
    # not a second person the words are credited to.
    quoting = {q.enclosing_id for q in members if q.enclosing_id is not None}
    credited = [q for q in members if q.id not in quoting]
    speakers = sorted({q.speaker.name for q in credited if q.speaker})
    return {
        "id": c.id,
        "claim": c.canonical.text if c.canonical else "",
        "status": c.status.value,
        "reviewer": c.reviewer,
        "note": c.note,
        "evidence_url": c.evidence_url,
        "speakers": speakers,
        "misattribution": disagreeing(speakers, [q.speaker_as_named for q in credited]),
        "members": [
            {
                "quote_id": q.id,
                "outlet": q.document.outlet.name if q.document.outlet else None,
                "published": q.document.published.isoformat() if q.document.published else None,
                "document": q.document.url or q.document.source,
                "speaker": q.speaker.name if q.speaker else None,
                "speaker_as_named": q.speaker_as_named,
                "cue": q.cue,
                "kind": q.kind.value,
                "variant": q.variant,
                "text": q.text,
            }
            for q in members
        ],
        "suggestions": open_suggestions(session, cluster_id),
    }


SORTS = ("spread", "recency", "status")


@dataclass(frozen=True)
class ClusterRow:
    """One line of the cluster list; plain data, safe to hand to the UI thread."""

    id: int
    claim: str
    speaker: str | None
    speakers: int
    outlets: int
    quotes: int
    first_seen: str | None
    status: str
    version: int


@dataclass(frozen=True)
class ClusterFilter:
    status: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    include_scare: bool = False
    ids: tuple[int, ...] | None = None  # from a search
    suggested: bool = False  # only clusters with open "possibly the same" suggestions


def _filtered(session: Session, stmt, flt: ClusterFilter):
    from tracker.store.models import Cluster, Status

    stmt = stmt.where(Cluster.n_quotes > 0)
    if not flt.include_scare:
        stmt = stmt.where(Cluster.has_claim.is_(True))
    if flt.status:
        stmt = stmt.where(Cluster.status == Status(flt.status))
    if flt.ids is not None:
        stmt = stmt.where(Cluster.id.in_(flt.ids))
    if flt.suggested:
        stmt = stmt.where(Cluster.id.in_(suggested_cluster_ids()))
    if flt.speaker:
        ids = speaker_ids(session, flt.speaker)
        stmt = stmt.where(Cluster.id.in_(select(Quote.cluster_id).where(Quote.speaker_id.in_(ids))))
    if flt.outlet:
        stmt = stmt.where(
            Cluster.id.in_(
                select(Quote.cluster_id)
                .join(Document, Document.id == Quote.document_id)
                .join(Outlet, Outlet.id == Document.outlet_id)
                .where(func.lower(Outlet.name).contains(flt.outlet.lower()))
            )
        )
    return stmt


def cluster_counts(session: Session, flt: ClusterFilter) -> tuple[int, int]:
    """(clusters the filter matches, how many of them are reviewed): the list's totals."""
    from tracker.store.models import Cluster, Status

    stmt = _filtered(
        session,
        select(
            func.count(Cluster.id),
            func.count(case((Cluster.status != Status.UNREVIEWED, 1))),
        ),
        flt,
    )
    total, reviewed = session.execute(stmt).one()
    return int(total or 0), int(reviewed or 0)


def cluster_page(
    session: Session, flt: ClusterFilter, sort: str = "spread", offset: int = 0, limit: int = 200
) -> list[ClusterRow]:
    """A page of the cluster list, aggregated in the database (unreviewed, widest first)."""
    from tracker.store.models import Cluster, Status

    canonical = aliased(Quote)
    stmt = (
        select(
            Cluster.id,
            canonical.text,
            Speaker.name,
            Cluster.n_speakers,
            Cluster.n_outlets,
            Cluster.n_quotes,
            Cluster.first_seen,
            Cluster.status,
            Cluster.version,
        )
        .outerjoin(canonical, canonical.id == Cluster.canonical_quote_id)
        .outerjoin(Speaker, Speaker.id == canonical.speaker_id)
    )
    stmt = _filtered(session, stmt, flt)
    unreviewed_first = case((Cluster.status == Status.UNREVIEWED, 0), else_=1)
    order = {
        "spread": (unreviewed_first, Cluster.n_outlets.desc(), Cluster.n_quotes.desc(), Cluster.id),
        "recency": (Cluster.first_seen.is_(None), Cluster.first_seen.desc(), Cluster.id),
        "status": (Cluster.status, Cluster.n_outlets.desc(), Cluster.id),
    }[sort]
    stmt = stmt.order_by(*order).offset(offset)
    if limit:
        stmt = stmt.limit(limit)
    return [
        ClusterRow(
            cid,
            claim or "",
            spk,
            n_spk,
            n_out,
            n_q,
            fs.isoformat() if fs else None,
            status.value,
            version,
        )
        for cid, claim, spk, n_spk, n_out, n_q, fs, status, version in session.execute(stmt)
    ]


def search_clusters(session: Session, query: str, limit: int = 500) -> tuple[int, ...]:
    """Cluster ids whose wording matches ``query`` fuzzily, best first (as `tracker find`)."""
    from tracker.watch import find_clusters

    return tuple(cid for cid, score, _ in find_clusters(session, query, limit) if score >= 60)
