"""Reviewers' edits: merge, unmerge, split, and keeping two clusters apart."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select, update
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

        def enc(v: object) -> object:
            if isinstance(v, dt.datetime):
                return {"datetime": v.isoformat()}
            return v.value if isinstance(v, Status) else v

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

        def dec(field: str, v: object) -> object:
            if isinstance(v, dict) and "datetime" in v:
                return dt.datetime.fromisoformat(v["datetime"])
            return Status(str(v)) if field == "status" else v

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
            dropped += [
                (a, b, who, when)
                for a, b, who, when in session.execute(
                    select(
                        Decision.quote_a, Decision.quote_b, Decision.reviewer, Decision.created_at
                    ).where(these)
                )
            ]
            session.execute(delete(Decision).where(these))
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


def split(
    session: Session, cluster_id: int, quote_ids: list[int], reviewer: str | None = None
) -> Cluster:
    """Move ``quote_ids`` out of a cluster into a new one; they never rejoin it."""
    source = _get(session, cluster_id)
    members = set(session.scalars(select(Quote.id).where(Quote.cluster_id == cluster_id)))
    wanted = set(quote_ids)
    if not wanted <= members:
        raise ClusterError(f"quotes {sorted(wanted - members)} are not in cluster {cluster_id}")
    if wanted == members:
        raise ClusterError("splitting off every quote would leave an empty cluster")
    # Earlier merges that tied these quotes to the rest are superseded.
    session.execute(
        delete(Decision).where(
            Decision.kind == DecisionKind.MUST_LINK,
            (Decision.quote_a.in_(wanted) & Decision.quote_b.in_(members - wanted))
            | (Decision.quote_b.in_(wanted) & Decision.quote_a.in_(members - wanted)),
        )
    )
    _decide(
        session,
        DecisionKind.CANNOT_LINK,
        [(q, r) for q in wanted for r in members - wanted],
        reviewer,
    )
    moved = sorted(wanted)
    _decide(session, DecisionKind.MUST_LINK, list(zip(moved, moved[1:], strict=False)), reviewer)
    new = Cluster()
    session.add(new)
    session.flush()
    session.execute(update(Quote).where(Quote.id.in_(wanted)).values(cluster_id=new.id))
    _recanonicalize(session, new.id)
    _recanonicalize(session, source.id)
    session.flush()
    refresh_stats(session, [new.id, source.id])
    return new


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
