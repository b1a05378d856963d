"""Reviewers' edits: merge, unmerge, split, unsplit, and keeping two clusters apart."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.orm import Session

from tracker.clusters.common import (
    ClusterError,
    _constraints,
    _decide,
    _get,
    _insert_ignoring_duplicates,
    _recanonicalize,
)
from tracker.clusters.stats import refresh_stats
from tracker.store.models import (
    Cluster,
    ClusterEvent,
    Decision,
    DecisionKind,
    Quote,
    Status,
    Suggestion,
)

# What a reviewer's work on a cluster consists of, kept by a merge for its undo.
_JUDGED = ("status", "reviewer", "reviewed_at", "note", "evidence_url", "canonical_quote_id")


def _encoded(v: object) -> object:
    """A value of a record, as JSON holds it (a time, a status)."""
    if isinstance(v, dt.datetime):
        return {"datetime": v.isoformat()}
    return v.value if isinstance(v, Status) else v


def _decoded(field: str, v: object) -> object:
    """A value of a record read back from its JSON (``field`` tells a status)."""
    if isinstance(v, dict) and "datetime" in v:
        return dt.datetime.fromisoformat(v["datetime"])
    return Status(str(v)) if field == "status" else v


@dataclass(frozen=True)
class MergeRecord:
    """What a merge changed, so that it can be taken back (``unmerge``)."""

    target: int
    other: int
    moved: tuple[int, ...]  # the merged-away cluster's quotes
    target_was: tuple[tuple[str, object], ...]  # the target's _JUDGED fields before
    other_was: tuple[tuple[str, object], ...]  # the merged-away cluster's, and created_at
    events: tuple[int, ...]  # the merged-away cluster's history
    must_links: tuple[tuple[int, int], ...]  # decisions the merge added
    cannot_links: tuple[tuple[int, int, str | None, object], ...]  # ... and dropped

    def to_json(self) -> str:
        """Stored with the merge's history entry, so a later session can take it back."""
        enc = _encoded
        return json.dumps(
            {
                "target": self.target,
                "other": self.other,
                "moved": list(self.moved),
                "target_was": [[f, enc(v)] for f, v in self.target_was],
                "other_was": [[f, enc(v)] for f, v in self.other_was],
                "events": list(self.events),
                "must_links": [list(p) for p in self.must_links],
                "cannot_links": [[a, b, who, enc(at)] for a, b, who, at in self.cannot_links],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> MergeRecord:
        data = json.loads(text)
        dec = _decoded
        return cls(
            data["target"],
            data["other"],
            tuple(data["moved"]),
            tuple((f, dec(f, v)) for f, v in data["target_was"]),
            tuple((f, dec(f, v)) for f, v in data["other_was"]),
            tuple(data["events"]),
            tuple(tuple(p) for p in data["must_links"]),
            tuple((a, b, who, dec("at", at)) for a, b, who, at in data["cannot_links"]),
        )


def merge(
    session: Session, target_id: int, other_id: int, reviewer: str | None = None
) -> tuple[Cluster, MergeRecord]:
    """Move every quote of ``other`` into ``target``; later clusterings keep them together."""
    if target_id == other_id:
        raise ClusterError("cannot merge a cluster with itself")
    target, other = _get(session, target_id), _get(session, other_id)
    if target.reviewed and other.reviewed and target.status != other.status:
        raise ClusterError(
            f"clusters {target_id} ({target.status}) and {other_id} ({other.status}) have "
            "different verdicts; set one back to unreviewed first"
        )
    target_was = tuple((f, getattr(target, f)) for f in _JUDGED)
    other_was = tuple((f, getattr(other, f)) for f in (*_JUDGED, "created_at"))
    events = tuple(
        session.scalars(select(ClusterEvent.id).where(ClusterEvent.cluster_id == other_id))
    )
    anchor = target.canonical_quote_id
    moved = list(session.scalars(select(Quote.id).where(Quote.cluster_id == other_id)))
    cannot = _constraints(session).cannot
    target_quotes = set(session.scalars(select(Quote.id).where(Quote.cluster_id == target_id)))
    dropped: list[tuple[int, int, str | None, dt.datetime]] = []
    for q in moved:
        if cannot.get(q, set()) & target_quotes:
            # The reviewer now says they belong together: the newer decision wins.
            these = (Decision.kind == DecisionKind.CANNOT_LINK) & (
                ((Decision.quote_a == q) & Decision.quote_b.in_(target_quotes))
                | ((Decision.quote_b == q) & Decision.quote_a.in_(target_quotes))
            )
            dropped += _remove_decisions(session, these)
    had = set(
        session.execute(
            select(Decision.quote_a, Decision.quote_b).where(
                Decision.kind == DecisionKind.MUST_LINK, Decision.quote_a == anchor
            )
        ).all()
    )
    # A cluster with quotes has a canonical one; without it there is nothing to anchor to.
    added = tuple((anchor, q) for q in moved if anchor is not None and (anchor, q) not in had)
    _decide(session, DecisionKind.MUST_LINK, list(added), reviewer)
    session.execute(update(Quote).where(Quote.cluster_id == other_id).values(cluster_id=target_id))
    # The merged-away cluster's history follows its quotes.
    session.execute(
        update(ClusterEvent).where(ClusterEvent.cluster_id == other_id).values(cluster_id=target_id)
    )
    if other.reviewed and not target.reviewed:
        # The verdict comes with the wording it was given on.
        target.status, target.reviewer, target.reviewed_at, target.canonical_quote_id = (
            other.status,
            other.reviewer,
            other.reviewed_at,
            other.canonical_quote_id,
        )
    notes = [n for n in (target.note, other.note) if n]
    if target.evidence_url and other.evidence_url and target.evidence_url != other.evidence_url:
        notes.append(f"Evidence from merged cluster {other_id}: {other.evidence_url}")
    target.note = "\n\n".join(notes) or None
    target.evidence_url = target.evidence_url or other.evidence_url
    session.flush()
    session.delete(other)
    # The reviewer named the target as the cluster to keep: its claim (and so its
    # speaker) stays, however complete the wordings that join it.
    _recanonicalize(session, target_id, keep=True)
    session.flush()
    refresh_stats(session, [target_id])
    record = MergeRecord(
        target_id,
        other_id,
        tuple(moved),
        target_was,
        other_was,
        events,
        added,
        tuple(dropped),
    )
    return target, record


def unmerge(session: Session, record: MergeRecord) -> Cluster:
    """Take a merge back: the merged-away cluster returns with its id, quotes, verdict,
    note and history, the target gets its own back, and the merge's decisions go.

    The caller makes sure no one has judged the merged cluster since (tracker.review
    reads its history), since its verdict, note and link are set back.
    """
    target = _get(session, record.target)
    if session.get(Cluster, record.other) is not None:
        raise ClusterError(f"cluster {record.other} exists again")
    here = set(session.scalars(select(Quote.id).where(Quote.cluster_id == record.target)))
    if not set(record.moved) <= here:
        raise ClusterError(
            f"quotes of cluster {record.other} have moved since the merge; split them off instead"
        )
    other = Cluster(id=record.other, **dict(record.other_was))
    session.add(other)
    session.flush()
    session.execute(update(Quote).where(Quote.id.in_(record.moved)).values(cluster_id=record.other))
    if record.events:
        session.execute(
            update(ClusterEvent)
            .where(ClusterEvent.id.in_(record.events))
            .values(cluster_id=record.other)
        )
    _undecide(session, DecisionKind.MUST_LINK, record.must_links)
    if record.cannot_links:
        session.execute(
            _insert_ignoring_duplicates(session, Decision),
            [
                {
                    "kind": DecisionKind.CANNOT_LINK,
                    "quote_a": a,
                    "quote_b": b,
                    "reviewer": who,
                    "created_at": at,
                }
                for a, b, who, at in record.cannot_links
            ],
        )
    for field, value in record.target_was:
        setattr(target, field, value)
    session.flush()
    _recanonicalize(session, record.target, keep=True)
    _recanonicalize(session, record.other, keep=True)
    session.flush()
    refresh_stats(session, [record.target, record.other])
    return other


@dataclass(frozen=True)
class SplitRecord:
    """What a split changed, so that it can be taken back exactly (``unsplit``)."""

    source: int
    new: int  # the cluster the split made
    moved: tuple[int, ...]  # the quotes moved into it, in order
    rest: tuple[int, ...]  # the quotes the source kept
    must_links_deleted: tuple[tuple[int, int, str | None, object], ...]  # who, when
    kept_apart: tuple[tuple[int, int], ...]  # (moved, rest) cannot-links already on record
    kept_together: tuple[tuple[int, int], ...]  # chain must-links already on record
    canonical: int | None  # the source's canonical quote before the split
    canonical_after: int | None  # ... and after it
    judged_at: object  # the source's reviewed_at then: a verdict given since is newer

    def cannot_links_added(self) -> list[tuple[int, int]]:
        """The cannot-links the split added: every (moved, rest) pair not on record before."""
        kept = set(self.kept_apart)
        return [(q, r) for q in self.moved for r in self.rest if (q, r) not in kept]

    def must_links_added(self) -> list[tuple[int, int]]:
        """The must-links the split added, chaining the moved quotes, not on record before."""
        kept = set(self.kept_together)
        pairs = zip(self.moved, self.moved[1:], strict=False)
        return [p for p in pairs if p not in kept]

    def to_json(self) -> str:
        """Stored with the split's history entry, so a later session can take it back."""
        return json.dumps(
            {
                "source": self.source,
                "new": self.new,
                "moved": list(self.moved),
                "rest": list(self.rest),
                "must_links_deleted": [
                    [a, b, who, _encoded(at)] for a, b, who, at in self.must_links_deleted
                ],
                "kept_apart": [list(p) for p in self.kept_apart],
                "kept_together": [list(p) for p in self.kept_together],
                "canonical": self.canonical,
                "canonical_after": self.canonical_after,
                "judged_at": _encoded(self.judged_at),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> SplitRecord:
        data = json.loads(text)
        return cls(
            data["source"],
            data["new"],
            tuple(data["moved"]),
            tuple(data["rest"]),
            tuple((a, b, who, _decoded("at", at)) for a, b, who, at in data["must_links_deleted"]),
            tuple((a, b) for a, b in data["kept_apart"]),
            tuple((a, b) for a, b in data["kept_together"]),
            data["canonical"],
            data["canonical_after"],
            _decoded("reviewed_at", data["judged_at"]),
        )


def _remove_decisions(
    session: Session, which: ColumnElement[bool]
) -> list[tuple[int, int, str | None, dt.datetime]]:
    """Delete the decisions ``which`` selects, and say what they were (quote_a, quote_b,
    reviewer, when): what taking the action back restores."""
    found: list[tuple[int, int, str | None, dt.datetime]] = [
        (a, b, who, when)
        for a, b, who, when in session.execute(
            select(
                Decision.quote_a, Decision.quote_b, Decision.reviewer, Decision.created_at
            ).where(which)
        )
    ]
    session.execute(delete(Decision).where(which))
    return found


def split(
    session: Session, cluster_id: int, quote_ids: list[int], reviewer: str | None = None
) -> tuple[Cluster, SplitRecord]:
    """Move ``quote_ids`` out of a cluster into a new one; they never rejoin it (unless the
    split is taken back: ``unsplit`` with the record returned)."""
    source = _get(session, cluster_id)
    members = set(session.scalars(select(Quote.id).where(Quote.cluster_id == cluster_id)))
    wanted = set(quote_ids)
    if not wanted <= members:
        raise ClusterError(f"quotes {sorted(wanted - members)} are not in cluster {cluster_id}")
    if wanted == members:
        raise ClusterError("splitting off every quote would leave an empty cluster")
    moved, rest = sorted(wanted), sorted(members - wanted)
    canonical, judged_at = source.canonical_quote_id, source.reviewed_at
    # Earlier merges that tied these quotes to the rest are superseded (and come back if
    # the split is taken back, with who made them and when).
    across = (Decision.kind == DecisionKind.MUST_LINK) & (
        (Decision.quote_a.in_(moved) & Decision.quote_b.in_(rest))
        | (Decision.quote_b.in_(moved) & Decision.quote_a.in_(rest))
    )
    deleted = tuple(sorted(_remove_decisions(session, across)))
    # Decisions already on record (the same split made before) are not the split's own:
    # taking it back leaves them.
    apart = set(
        session.execute(
            select(Decision.quote_a, Decision.quote_b).where(
                Decision.kind == DecisionKind.CANNOT_LINK,
                Decision.quote_a.in_(moved),
                Decision.quote_b.in_(rest),
            )
        ).all()
    )
    together = set(
        session.execute(
            select(Decision.quote_a, Decision.quote_b).where(
                Decision.kind == DecisionKind.MUST_LINK,
                Decision.quote_a.in_(moved),
                Decision.quote_b.in_(moved),
            )
        ).all()
    )
    chain = list(zip(moved, moved[1:], strict=False))
    record = SplitRecord(
        cluster_id,
        0,  # the new cluster's id, below
        tuple(moved),
        tuple(rest),
        deleted,
        tuple(p for p in ((q, r) for q in moved for r in rest) if p in apart),
        tuple(p for p in chain if p in together),
        canonical,
        None,
        judged_at,
    )
    _decide(session, DecisionKind.CANNOT_LINK, record.cannot_links_added(), reviewer)
    _decide(session, DecisionKind.MUST_LINK, record.must_links_added(), reviewer)
    new = Cluster()
    session.add(new)
    session.flush()
    session.execute(update(Quote).where(Quote.id.in_(moved)).values(cluster_id=new.id))
    _recanonicalize(session, new.id)
    _recanonicalize(session, source.id)
    session.flush()
    refresh_stats(session, [new.id, source.id])
    after = session.scalar(select(Cluster.canonical_quote_id).where(Cluster.id == cluster_id))
    return new, replace(record, new=new.id, canonical_after=after)


def unsplit(session: Session, record: SplitRecord) -> Cluster:
    """Take a split back: the moved quotes return to the source, the decisions the split
    added go, the must-links it deleted return, the source gets back the wording it had
    (unless a verdict was given on it since, or its wording changed for another reason),
    and the new cluster, empty, is removed. Returns the source.

    Quotes that joined the new cluster since (an ingest) go with the moved ones. Refused,
    with nothing changed, when either cluster is gone, a moved quote left the new cluster,
    a quote the source kept left it, or a quote that joined is kept apart from the source.
    The caller makes sure no one has judged, merged or split the new cluster since
    (tracker.review reads its history): its verdict, note and link would be lost.
    """
    source = session.get(Cluster, record.source)
    new = session.get(Cluster, record.new)
    for cid, cluster in ((record.source, source), (record.new, new)):
        if cluster is None:
            raise ClusterError(f"cluster {cid} no longer exists (merged away?)")
    assert source is not None and new is not None  # (for the type checker: checked above)
    there = set(session.scalars(select(Quote.id).where(Quote.cluster_id == record.new)))
    here = set(session.scalars(select(Quote.id).where(Quote.cluster_id == record.source)))
    for cid, quotes, now in ((record.new, record.moved, there), (record.source, record.rest, here)):
        if not set(quotes) <= now:
            raise ClusterError(f"quotes of cluster {cid} have moved since")
    if joined := sorted(there - set(record.moved)):
        apart = session.execute(
            select(Decision.quote_a, Decision.quote_b)
            .where(
                Decision.kind == DecisionKind.CANNOT_LINK,
                (Decision.quote_a.in_(joined) & Decision.quote_b.in_(here))
                | (Decision.quote_b.in_(joined) & Decision.quote_a.in_(here)),
            )
            .limit(1)
        ).first()
        if apart is not None:
            q = apart[0] if apart[0] in there else apart[1]
            raise ClusterError(
                f"quote {q} joined cluster {record.new} since and is kept apart from "
                f"cluster {record.source}"
            )
    _undecide(session, DecisionKind.CANNOT_LINK, record.cannot_links_added())
    _undecide(session, DecisionKind.MUST_LINK, record.must_links_added())
    if record.must_links_deleted:
        session.execute(
            _insert_ignoring_duplicates(session, Decision),
            [
                {
                    "kind": DecisionKind.MUST_LINK,
                    "quote_a": a,
                    "quote_b": b,
                    "reviewer": who,
                    "created_at": at,
                }
                for a, b, who, at in record.must_links_deleted
            ],
        )
    session.execute(
        update(Quote).where(Quote.cluster_id == record.new).values(cluster_id=record.source)
    )
    # The wording it had, unless a verdict given since was given on the one it has now.
    judged_since = source.status != Status.UNREVIEWED and source.reviewed_at != record.judged_at
    if (
        record.canonical in here | there
        and source.canonical_quote_id == record.canonical_after
        and not judged_since
    ):
        session.execute(
            update(Cluster)
            .where(Cluster.id == record.source)
            .values(canonical_quote_id=record.canonical)
        )
        _recanonicalize(session, record.source, keep=True)
    else:
        _recanonicalize(session, record.source)
    # The new cluster's history (the split that made it) stays on record, on no cluster:
    # SQLite may give its id out again.
    session.execute(
        update(ClusterEvent).where(ClusterEvent.cluster_id == record.new).values(cluster_id=None)
    )
    session.flush()
    session.delete(new)
    session.flush()
    refresh_stats(session, [record.source])
    return source


def _undecide(session: Session, kind: DecisionKind, pairs: Iterable[tuple[int, int]]) -> None:
    """Delete the decisions of ``kind`` on exactly these (quote_a, quote_b) pairs: those
    an action recorded, as it stored them, when the action is taken back."""
    by_quote: dict[int, list[int]] = defaultdict(list)  # few anchors, in practice
    for a, b in pairs:
        by_quote[a].append(b)
    for a, bs in by_quote.items():
        session.execute(
            delete(Decision).where(
                Decision.kind == kind, Decision.quote_a == a, Decision.quote_b.in_(bs)
            )
        )


@dataclass(frozen=True)
class RejectRecord:
    """What "not the same" changed, so that it can be taken back (``unreject``)."""

    cluster: int
    other: int
    ours: tuple[int, ...]  # the cluster's quotes then
    theirs: tuple[int, ...]  # the other's
    kept: tuple[tuple[int, int], ...]  # cannot-links already on record: not ours to remove
    suggestions: tuple[tuple[int, int, float], ...]  # the suggestions dropped, with scores

    def added(self) -> list[tuple[int, int]]:
        """The cannot-links the rejection added: every pair not already kept apart."""
        kept = set(self.kept)
        return [(a, b) for a in self.ours for b in self.theirs if (a, b) not in kept]

    def to_json(self) -> str:
        """Stored with the rejection's history entry, so a later session can take it back."""
        return json.dumps(
            {
                "cluster": self.cluster,
                "other": self.other,
                "ours": list(self.ours),
                "theirs": list(self.theirs),
                "kept": [list(p) for p in self.kept],
                "suggestions": [list(s) for s in self.suggestions],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> RejectRecord:
        data = json.loads(text)
        return cls(
            data["cluster"],
            data["other"],
            tuple(data["ours"]),
            tuple(data["theirs"]),
            tuple((a, b) for a, b in data["kept"]),
            tuple((a, b, float(score)) for a, b, score in data["suggestions"]),
        )


def reject_suggestion(
    session: Session, cluster_id: int, other_id: int, reviewer: str | None = None
) -> RejectRecord:
    """A reviewer says two clusters are different statements: cannot-link every pair of
    their quotes (later clusterings keep them apart) and drop the suggestions between
    them, which are never made again. Returns what ``unreject`` needs to take it back."""
    if cluster_id == other_id:
        raise ClusterError("a cluster is always the same as itself")
    _get(session, cluster_id), _get(session, other_id)
    ours = list(session.scalars(select(Quote.id).where(Quote.cluster_id == cluster_id)))
    theirs = list(session.scalars(select(Quote.id).where(Quote.cluster_id == other_id)))
    # A pair may already be kept apart (an earlier split, either way round): that decision
    # is the reviewer's earlier one, and stays when this rejection is taken back.
    apart = (Decision.kind == DecisionKind.CANNOT_LINK) & (
        (Decision.quote_a.in_(ours) & Decision.quote_b.in_(theirs))
        | (Decision.quote_a.in_(theirs) & Decision.quote_b.in_(ours))
    )
    on_record = set(session.execute(select(Decision.quote_a, Decision.quote_b).where(apart)).all())
    kept = tuple(
        sorted((a, b) for a in ours for b in theirs if (a, b) in on_record or (b, a) in on_record)
    )
    across = (Suggestion.quote_a.in_(ours) & Suggestion.quote_b.in_(theirs)) | (
        Suggestion.quote_a.in_(theirs) & Suggestion.quote_b.in_(ours)
    )
    dropped = tuple(
        (a, b, score)
        for a, b, score in session.execute(
            select(Suggestion.quote_a, Suggestion.quote_b, Suggestion.score)
            .where(across)
            .order_by(Suggestion.id)
        )
    )
    record = RejectRecord(cluster_id, other_id, tuple(ours), tuple(theirs), kept, dropped)
    _decide(session, DecisionKind.CANNOT_LINK, record.added(), reviewer)
    session.execute(delete(Suggestion).where(across))
    return record


def unreject(session: Session, record: RejectRecord) -> None:
    """Take "not the same" back: the cannot-links it added go (those on record before it
    stay) and the suggestions it dropped return with their scores.

    Refused while either cluster is gone (merged away) or a quote of either has moved
    since (split off, merged elsewhere): the pair the reviewer rejected is not there any
    more to be suggested again.
    """
    for cid, quotes in ((record.cluster, record.ours), (record.other, record.theirs)):
        if session.get(Cluster, cid) is None:
            raise ClusterError(f"cluster {cid} no longer exists (merged away?)")
        here = set(session.scalars(select(Quote.id).where(Quote.cluster_id == cid)))
        if not set(quotes) <= here:
            raise ClusterError(f"quotes of cluster {cid} have moved since")
    _undecide(session, DecisionKind.CANNOT_LINK, record.added())
    if record.suggestions:
        session.execute(
            _insert_ignoring_duplicates(session, Suggestion),
            [{"quote_a": a, "quote_b": b, "score": score} for a, b, score in record.suggestions],
        )
