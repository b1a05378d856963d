"""The read model: every query behind the listings, the exports and the review UI.

Each returns plain, typed data (frozen dataclasses), never ORM objects bound to a session,
so a screen can hand it across threads and a command can print it as JSON
(``dataclasses.asdict`` keeps the fields in the order written here). The CLI and the UI
hold no queries of their own: what one lists, the other shows from the same function.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased, joinedload

from tracker.errors import NotFound
from tracker.kinds import NOT_CLAIMS
from tracker.sources import outlet_key
from tracker.store.models import (
    Document,
    Outlet,
    OutletAlias,
    Quote,
    QuoteKind,
    Speaker,
    SpeakerAlias,
)
from tracker.store.repository import alias_key


def speaker_ids(session: Session, name: str) -> list[int]:
    """Speakers matching a name or alias, or whose name contains it, whatever the case and
    accents ("alvaro" finds "Álvaro Reinaldo")."""
    by_alias = select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias == alias_key(name))
    ids = set(session.scalars(by_alias))
    # Folded here, not in SQL: SQLite's lower() leaves every letter outside ASCII as it is.
    key = _folded(name)
    ids |= {i for i, n in session.execute(select(Speaker.id, Speaker.name)) if key in _folded(n)}
    return sorted(ids)


def outlet_ids(session: Session, name: str) -> list[int]:
    """Outlets whose name, or a spelling or site of theirs, contains ``name``, whatever the
    case and accents ("el pais" finds "EL PAÍS", "elpais.com" its site)."""
    key = _folded(name)
    ids = {i for i, n in session.execute(select(Outlet.id, Outlet.name)) if key in _folded(n)}
    # Aliases are stored folded as outlet_key folds them (no spaces or punctuation).
    if bare := outlet_key(name):
        aliases = session.execute(select(OutletAlias.outlet_id, OutletAlias.alias))
        ids |= {i for i, a in aliases if bare in outlet_key(a)}
    return sorted(ids)


def check_names(session: Session, *, outlet: str | None, speaker: str | None) -> None:
    """NotFound when an outlet or speaker filter fits no stored name, matched as the
    filters match (``outlet_ids``, ``speaker_ids``): a typo would otherwise list nothing,
    which reads as "nothing from that outlet". A name that fits keeps its empty result."""
    if outlet and not outlet_ids(session, outlet):
        stored = list(session.scalars(select(Outlet.name)))
        raise NotFound(_no_match("outlet", outlet, stored))
    if speaker and not speaker_ids(session, speaker):
        stored = list(session.scalars(select(Speaker.name)))
        raise NotFound(_no_match("speaker", speaker, stored))


def _no_match(what: str, name: str, stored: list[str]) -> str:
    """The one line saying so, with the stored names closest to ``name`` (a typo, a word
    of a name, another order of words), else where the stored names are listed."""
    from rapidfuzz import fuzz, process, utils

    said = f"no {what} matches {name!r}"
    if not stored:
        return f"{said}: none is stored yet"
    close = process.extract(
        name,
        stored,
        scorer=fuzz.WRatio,
        processor=lambda s: utils.default_process(_folded(s)),
        limit=3,
        score_cutoff=70,  # below it, the "closest" names were unrelated (tried on the seeds)
    )
    if close:
        return f"{said}; closest stored names: " + ", ".join(n for n, _, _ in close)
    return f"{said} among {len(stored)} stored; `tracker quotes` shows each quote's {what}"


def _folded(text: str) -> str:
    """Casefolded, accents dropped, spaces collapsed: how a filter compares names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class QuoteLine:
    """One quote as `tracker quotes` lists it."""

    quote_id: int
    outlet: str | None
    published: str | None
    speaker: str | None
    speaker_as_named: str | None
    cue: str | None
    kind: str
    text: str


def list_quotes(
    session: Session,
    *,
    limit: int = 50,
    speaker: str | None = None,
    outlet: str | None = None,
    kinds: tuple[str, ...] = (),
) -> list[QuoteLine]:
    """Quotes in reading order (oldest report first): `tracker quotes`."""
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
        stmt = stmt.where(Document.outlet_id.in_(outlet_ids(session, outlet)))
    if limit:
        stmt = stmt.limit(limit)
    return [
        QuoteLine(
            quote_id=q.id,
            outlet=q.document.outlet.name if q.document.outlet else None,
            published=q.document.published.isoformat() if q.document.published else None,
            speaker=q.speaker.name if q.speaker else None,
            speaker_as_named=q.speaker_as_named,
            cue=q.cue,
            kind=q.kind.value,
            text=q.text,
        )
        for q in session.scalars(stmt)
    ]


def misattribution_warning(speakers: list[str]) -> str:
    """The one wording of the warning, in the CLI and the review UI alike (the caller makes
    the names safe for its output)."""
    return "⚠ Possible misattribution: outlets credit this to " + ", ".join(speakers)


def disagreeing(speakers: list[str], as_named: list[str | None]) -> bool:
    """More than one speaker, not counting a body whose spokesman is another one.

    "Chinese Foreign Ministry" and "Chinese Foreign Ministry spokesman Wang
    Wenbin" agree; "Vladimir Putin" and "Li Zhanshu" do not.
    """
    phrases = [n.lower() for n in as_named if n]
    names = [s.lower() for s in speakers]

    def stands_for_someone_else(name: str) -> bool:
        # The body named inside another speaker's phrase ("… Ministry spokesman Wang
        # Wenbin"); not a person inside their own ("Sen. Ann Lee" is Ann Lee).
        low = name.lower()
        return any(low in p and any(o != low and o in p for o in names) for p in phrases)

    return len({s for s in speakers if not stands_for_someone_else(s)}) > 1


def speaker_label(name: str | None, n_speakers: int) -> str:
    """The speaker column, the same in the UI and the CLI: the claim's speaker, "+N" when
    the cluster credits others too (the detail says whether that is a misattribution)."""
    extra = n_speakers - (1 if name else 0)
    return (name or "—") + (f" +{extra}" if extra > 0 else "")


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


@dataclass(frozen=True)
class Suggested:
    """Another cluster possibly the same statement as the one shown."""

    cluster_id: int
    score: float
    claim: str
    status: str
    speaker: str | None
    first_seen: str | None
    differs: str  # another speaker, another year: what tells them apart ("" if nothing)


def open_suggestions(session: Session, cluster_id: int) -> list[Suggested]:
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
    out: list[Suggested] = []
    mine = session.get(Cluster, cluster_id)
    for cid, sim in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])):
        c = session.get(Cluster, cid)
        if c is None:
            continue
        out.append(
            Suggested(
                cluster_id=cid,
                score=round(sim, 2),
                claim=c.canonical.text if c.canonical else "",
                status=c.status.value,
                speaker=_speaker(c),
                first_seen=c.first_seen.isoformat() if c.first_seen else None,
                differs=difference(mine, c),
            )
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


@dataclass(frozen=True)
class SuggestionPair:
    """Two clusters possibly the same statement: `tracker suggestions`."""

    cluster_a: int
    cluster_b: int
    score: float
    claim_a: str
    claim_b: str
    speaker_a: str | None
    speaker_b: str | None
    first_seen_a: str | None
    first_seen_b: str | None
    differs: str


def all_suggestions(session: Session, min_score: float = 0.0) -> list[SuggestionPair]:
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
        if a is None or b is None:
            continue  # only clustered quotes are joined; never happens
        key = (min(a, b), max(a, b))
        pairs[key] = max(pairs.get(key, 0.0), sim)
    out = []
    for (a, b), sim in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        if b not in {s.cluster_id for s in open_suggestions(session, a)}:
            continue  # a reviewer said they are different
        ca, cb = session.get(Cluster, a), session.get(Cluster, b)
        out.append(
            SuggestionPair(
                cluster_a=a,
                cluster_b=b,
                score=round(sim, 2),
                claim_a=ca.canonical.text if ca and ca.canonical else "",
                claim_b=cb.canonical.text if cb and cb.canonical else "",
                speaker_a=_speaker(ca),
                speaker_b=_speaker(cb),
                first_seen_a=ca.first_seen.isoformat() if ca and ca.first_seen else None,
                first_seen_b=cb.first_seen.isoformat() if cb and cb.first_seen else None,
                differs=difference(ca, cb) if ca and cb else "",
            )
        )
    return out


@dataclass(frozen=True)
class Member:
    """One quote of a cluster, as the detail shows it."""

    quote_id: int
    outlet: str | None
    published: str | None
    document: str  # its URL, else where it was read from
    speaker: str | None
    speaker_as_named: str | None
    cue: str | None
    kind: str
    variant: str | None
    text: str


def quote_source(q: Quote) -> dict[str, Any]:
    """Where a quote appeared and whom it credits, as the cluster detail and the framing
    comparison both show it (``q`` loaded by ``cluster_members``)."""
    doc = q.document
    return dict(
        quote_id=q.id,
        outlet=doc.outlet.name if doc.outlet else None,
        published=doc.published.isoformat() if doc.published else None,
        document=doc.url or doc.source,  # its URL, else where it was read from
        speaker=q.speaker.name if q.speaker else None,
        speaker_as_named=q.speaker_as_named,
        cue=q.cue,
    )


@dataclass(frozen=True)
class ClusterDetail:
    """One cluster whole: the review state, every quote, and the open suggestions."""

    id: int
    claim: str
    status: str
    reviewer: str | None
    note: str | None
    evidence_url: str | None
    speakers: list[str]
    misattribution: bool
    members: list[Member]
    suggestions: list[Suggested]


def cluster_detail(session: Session, cluster_id: int) -> ClusterDetail | None:
    """The cluster ``cluster_id`` (None if there is none): `tracker show`, the detail screen."""
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
    return ClusterDetail(
        id=c.id,
        claim=c.canonical.text if c.canonical else "",
        status=c.status.value,
        reviewer=c.reviewer,
        note=c.note,
        evidence_url=c.evidence_url,
        speakers=speakers,
        misattribution=disagreeing(speakers, [q.speaker_as_named for q in credited]),
        members=[
            Member(
                **quote_source(q),
                kind=q.kind.value,
                variant=q.variant,
                text=q.text,
            )
            for q in members
        ],
        suggestions=open_suggestions(session, cluster_id),
    )


class HistoryLine(NamedTuple):
    """One entry of a cluster's history, as the detail screen lists it."""

    at: str  # YYYY-MM-DD HH:MM, UTC
    reviewer: str
    action: str
    old: str | None
    new: str | None

    @property
    def name(self) -> str:
        """The action as a reader calls it (the UI's detail screen and `tracker show`)."""
        return {"evidence_url": "evidence link"}.get(self.action, self.action)

    @staticmethod
    def one_line(value: str) -> str:
        """An old or new value on one line: its line breaks shown as ⏎."""
        return value.replace("\n", " ⏎ ")


@dataclass(frozen=True)
class ClusterReview:
    """What the detail screen shows and edits: the cluster, the version a reviewer's edit
    is checked against, and its history."""

    detail: ClusterDetail
    version: int
    history: list[HistoryLine]


def cluster_review(session: Session, cluster_id: int) -> ClusterReview | None:
    """The cluster for review (None if there is none, e.g. merged away meanwhile)."""
    from tracker.review import history
    from tracker.store.models import Cluster

    detail = cluster_detail(session, cluster_id)
    if detail is None:
        return None
    events = [
        HistoryLine(
            e.at.strftime("%Y-%m-%d %H:%M"), e.reviewer or "?", e.action, e.old_value, e.new_value
        )
        for e in history(session, cluster_id)
    ]
    return ClusterReview(detail, session.get_one(Cluster, cluster_id).version, events)


SORTS = ("spread", "recency", "status")  # the review UI's orders; the CLI lists by "outlets"


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
    min_outlets: int = 0  # only clusters seen in at least this many outlets


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
    if flt.min_outlets:
        stmt = stmt.where(Cluster.n_outlets >= flt.min_outlets)
    if flt.speaker:
        ids = speaker_ids(session, flt.speaker)
        stmt = stmt.where(Cluster.id.in_(select(Quote.cluster_id).where(Quote.speaker_id.in_(ids))))
    if flt.outlet:
        stmt = stmt.where(
            Cluster.id.in_(
                select(Quote.cluster_id)
                .join(Document, Document.id == Quote.document_id)
                .where(Document.outlet_id.in_(outlet_ids(session, flt.outlet)))
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
        # `tracker clusters`: widest spread first, whatever the verdict.
        "outlets": (Cluster.n_outlets.desc(), Cluster.n_quotes.desc(), Cluster.id),
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


@dataclass(frozen=True)
class ClusterSummary:
    """One cluster as `tracker clusters` lists it and `tracker export claims` writes it:
    the list row with who was credited and where it ran."""

    id: int
    claim: str
    speaker: str | None  # of the claim's wording, as the review UI shows it
    speaker_label: str
    speakers: list[str]  # everyone credited, in reading order
    misattribution: bool
    status: str
    outlets: int
    outlet_list: list[str]
    quotes: int  # appearances: repeats in one document count once
    first_seen: str | None
    first_outlet: str | None


def cluster_summaries(session: Session, flt: ClusterFilter, limit: int = 0) -> list[ClusterSummary]:
    """The clusters ``flt`` matches, widest spread first (outlets, then appearances).

    The database chooses and orders the clusters (``cluster_page``); only the chosen
    ones' quotes are read, for the credited speakers and the first report. A speaker
    filter is checked again here on those quotes, as the listing has always meant it: a
    speaker credited with the words (not a journalist quoting them). The outlet filter
    is the database's, whatever the case and accents (``outlet_ids``).
    """
    exact = bool(flt.speaker)
    page = cluster_page(session, flt, "outlets", 0, 0 if exact else limit)
    want = set(speaker_ids(session, flt.speaker)) if flt.speaker else None
    names = dict(session.execute(select(Speaker.id, Speaker.name)).all()) if want else {}
    wanted_names = {names[i] for i in want} if want else set()
    result = []
    for row, quotes in zip(page, _members_of([r.id for r in page], session), strict=True):
        speakers, named, outlets, first = _spread(quotes)
        if want is not None and not wanted_names & set(speakers):
            continue
        result.append(
            ClusterSummary(
                id=row.id,
                claim=row.claim,
                speaker=row.speaker,
                speaker_label=speaker_label(row.speaker, row.speakers),
                speakers=speakers,
                misattribution=disagreeing(speakers, named),
                status=row.status,
                outlets=len(outlets),
                outlet_list=sorted(outlets),
                quotes=row.quotes,
                first_seen=first[0].isoformat() if first else None,
                first_outlet=first[1] if first else None,
            )
        )
    return result[:limit] if limit else result


_Member = tuple[int, str | None, str | None, Any, str | None, int | None]


def _members_of(cluster_ids: list[int], session: Session) -> list[list[_Member]]:
    """Each cluster's quotes, in reading order: (id, speaker, outlet, published,
    speaker as named, enclosing quote)."""
    by_cluster: dict[int, list[_Member]] = {cid: [] for cid in cluster_ids}
    for i in range(0, len(cluster_ids), 500):
        rows = session.execute(
            select(
                Quote.cluster_id,
                Quote.id,
                Speaker.name,
                Outlet.name,
                Document.published,
                Quote.speaker_as_named,
                Quote.enclosing_id,
            )
            .join(Quote.document)
            .outerjoin(Document.outlet)
            .outerjoin(Quote.speaker)
            .where(Quote.cluster_id.in_(cluster_ids[i : i + 500]))
            .order_by(Quote.id)  # speakers listed in reading order, whatever the engine
        ).all()
        for cid, qid, spk, out, pub, as_named, enclosing in rows:
            if cid is not None:
                by_cluster[cid].append((qid, spk, out, pub, as_named, enclosing))
    return [by_cluster[cid] for cid in cluster_ids]


def _spread(
    quotes: Iterable[_Member],
) -> tuple[list[str], list[str | None], set[str], tuple[Any, str | None] | None]:
    """Who a cluster's quotes credit, as named, in which outlets, and its first report.

    A passage quoting a member of its own cluster is context: its speaker is the one
    quoting, not a second person the words are credited to.
    """
    quotes = list(quotes)
    ours = {q[0] for q in quotes}
    quoting = {q[5] for q in quotes if q[5] is not None and q[5] in ours}
    speakers: list[str] = []
    named: list[str | None] = []
    outlets: set[str] = set()
    first: tuple[Any, str | None] | None = None
    for qid, spk, out, pub, as_named, _enclosing in quotes:
        if qid not in quoting:
            named.append(as_named)
            if spk and spk not in speakers:
                speakers.append(spk)
        if out:
            outlets.add(out)
        if pub and (first is None or pub < first[0]):
            first = (pub, out)
    return speakers, named, outlets, first


@dataclass(frozen=True)
class ArticleExcerpt:
    """A quote in its article: the article's heading, and the text around the quote."""

    head: tuple[str, str, str, str]  # title, outlet, date, where it was read from
    parts: tuple[str, str, str, bool, bool]  # before, quote, after, cut before, cut after


def article_excerpt(session: Session, quote_id: int, around: int = 1500) -> ArticleExcerpt:
    """The quote ``quote_id`` with ``around`` characters of its article on each side."""
    q = session.get_one(Quote, quote_id)
    doc = q.document
    head = (
        doc.title or "(untitled)",
        doc.outlet.name if doc.outlet else "unknown outlet",
        doc.published.isoformat() if doc.published else "undated",
        doc.url or doc.source,
    )
    lo = max(0, q.start - around)
    hi = min(len(doc.text), q.end + around)
    parts = (
        doc.text[lo : q.start],
        doc.text[q.start : q.end],
        doc.text[q.end : hi],
        lo > 0,
        hi < len(doc.text),
    )
    return ArticleExcerpt(head, parts)


def cluster_field(session: Session, cluster_id: int, field: str) -> str | None:
    """A cluster's note or evidence link as stored (None if it has none, or is gone)."""
    from tracker.store.models import Cluster

    cluster = session.get(Cluster, cluster_id)
    return getattr(cluster, field) if cluster else None


@dataclass(frozen=True)
class Appearance:
    """One quote of a claim as an export shows it: the outlet's own words, where and when."""

    quote_id: int
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None
    speaker: str | None
    speaker_as_named: str | None
    cue: str | None
    text: str


def appearances(session: Session, cluster_id: int) -> list[Appearance]:
    """Every quote of the cluster, oldest report first (`export appearances`, ClaimReview)."""
    return [
        Appearance(
            quote_id=q.id,
            outlet=q.document.outlet.name if q.document.outlet else None,
            url=q.document.url,
            title=q.document.title,
            published=q.document.published.isoformat() if q.document.published else None,
            speaker=q.speaker.name if q.speaker else None,
            speaker_as_named=q.speaker_as_named,
            cue=q.cue,
            text=q.text,
        )
        for q in cluster_members(session, cluster_id)
    ]


@dataclass(frozen=True)
class ReviewState:
    """Who judged a cluster, when, and with what note and evidence; and the articles that
    carried it (`export claims`)."""

    reviewer: str | None
    reviewed_at: str | None
    note: str | None
    evidence_url: str | None
    urls: list[str]  # the articles' addresses, sorted, each once


def review_state(session: Session, cluster_id: int) -> ReviewState:
    from tracker.store.models import Cluster

    c = session.get_one(Cluster, cluster_id)
    urls = session.scalars(
        select(Document.url)
        .join(Quote, Quote.document_id == Document.id)
        .where(Quote.cluster_id == cluster_id, Document.url.is_not(None))
        .distinct()
        .order_by(Document.url)
    ).all()
    return ReviewState(
        reviewer=c.reviewer,
        reviewed_at=c.reviewed_at.isoformat() if c.reviewed_at else None,
        note=c.note,
        evidence_url=c.evidence_url,
        urls=[u for u in urls if u is not None],
    )
