"""Reviewers' actions on clusters: verdicts, notes, evidence, undo — with history.

The CLI (`tracker verdict`, `merge`, `split`) and the review UI call these same
functions. Every change is recorded as a ``ClusterEvent``. Two reviewers on
one database never overwrite each other silently: a change carries the cluster
version the reviewer saw, and if someone changed the cluster since, the change
is refused with a ``ConflictError`` naming who changed what.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from tracker import clusters as clustering
from tracker.errors import NotFound, TrackerError, UsageError
from tracker.safe import REVIEWER_LIMIT, check_text, check_typed_url, check_url
from tracker.store.models import Cluster, ClusterEvent, Quote, Status, utcnow

FIELDS = ("status", "note", "evidence_url")
FIELDS_RECORDED = ("verdict", "note", "evidence_url")  # their names in the history
_MAX_ID = 2**31 - 1  # ids are INTEGER columns (32 bits on PostgreSQL): past it, none exists


class ReviewError(TrackerError):
    """An action that cannot be done; the message is for the reviewer."""


class NotFoundError(ReviewError, NotFound):
    """The named cluster or quote does not exist (any more)."""


class UnknownStatus(ReviewError, UsageError):
    """A verdict that is not one of the statuses."""


class ConflictError(ReviewError):
    """Someone else changed the cluster since it was loaded."""


@dataclass(frozen=True)
class Change:
    """What one action did, enough to undo it."""

    cluster_id: int
    # status, note, evidence_url, merge, split, unmerge (an undone merge), unsplit (an
    # undone split), "not the same" or "not the same undone"
    field: str
    old: str | None
    new: str | None
    version: int  # the cluster's version after the change
    moved: tuple[int, ...] = ()  # quotes moved by a merge or split
    other_cluster: int | None = None
    merge_record: clustering.MergeRecord | None = None  # what undoing a merge restores
    event: int | None = None  # the history entry of a merge, a split or a "not the same"
    reject_record: clustering.RejectRecord | None = None  # what undoing "not the same" restores
    split_record: clustering.SplitRecord | None = None  # what undoing a split restores


def parse_status(value: str) -> Status:
    try:
        return Status(value.strip().lower().replace("_", "-").replace(" ", "-"))
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise UnknownStatus(f"unknown status {value!r}; one of: {names}") from None


def _checked_reviewer(reviewer: str | None) -> str | None:
    """The door for reviewers' names: one line of text that fits its column."""
    if reviewer is None:
        return None
    try:
        return check_text(reviewer, "the reviewer's name", limit=REVIEWER_LIMIT)
    except ValueError as exc:
        raise ReviewError(str(exc)) from None


def _checked_value(field: str, value: str | None, *, typed: bool = True) -> str | None:
    """The door for notes and evidence links: no control or bidi characters (a note
    keeps its tabs and line breaks), and an evidence link is an http(s) URL (one being
    typed now also without the characters a URL holds only percent-encoded; a value
    restored by undo was let in by an earlier version and must come back whole)."""
    if not value:
        return value
    try:
        if field == "note":
            return check_text(value, "the note", multiline=True)
        if field == "evidence_url":
            return (check_typed_url if typed else check_url)(value, "the evidence link")
    except ValueError as exc:
        raise ReviewError(str(exc)) from None
    return value


def _load(session: Session, cluster_id: int, expected_version: int | None) -> Cluster:
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFoundError(f"no cluster {cluster_id}")
    if expected_version is not None and cluster.version != expected_version:
        raise ConflictError(_conflict_message(session, cluster, expected_version))
    return cluster


def _conflict_message(session: Session, cluster: Cluster, seen: int) -> str:
    """Who changed what since the reviewer loaded the cluster: every change, not the last.

    Each change bumps the version once, so the last (version - seen) events are those.
    """
    since = max(1, min(cluster.version - seen, 20))
    events = list(
        session.scalars(
            select(ClusterEvent)
            .where(ClusterEvent.cluster_id == cluster.id)
            .order_by(ClusterEvent.id.desc())
            .limit(since)
        )
    )[::-1]
    what = ""
    if events:
        names = {"evidence_url": "evidence link"}
        changes = "; ".join(
            f"{e.reviewer or 'someone'} set {names.get(e.action, e.action)} to "
            f"{_short(e.new_value)!r}"
            for e in events
        )
        when = events[-1].at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        what = f": {changes} (last at {when})"
    return (
        f"cluster {cluster.id} was changed since you loaded it (version {seen} → "
        f"{cluster.version}){what}. Reload to see the change, then try again."
    )


def _short(value: str | None, limit: int = 60) -> str | None:
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


def _record(session, cluster_id, reviewer, action, old, new) -> ClusterEvent:
    event = ClusterEvent(
        cluster_id=cluster_id, reviewer=reviewer, action=action, old_value=old, new_value=new
    )
    session.add(event)
    return event


def _set(
    session: Session,
    cluster_id: int,
    field: str,
    value: str | None,
    reviewer: str | None,
    expected_version: int | None,
    *,
    typed: bool = True,
) -> Change:
    reviewer = _checked_reviewer(reviewer)
    value = _checked_value(field, value, typed=typed)
    cluster = _load(session, cluster_id, expected_version)
    old = getattr(cluster, field)
    old_s = old.value if isinstance(old, Status) else old
    new = Status(value or "") if field == "status" else (value or None)
    new_s = new.value if isinstance(new, Status) else new
    setattr(cluster, field, new)
    if field == "status":  # the verdict's author and time; notes and links do not change them
        cluster.reviewer = reviewer
        cluster.reviewed_at = utcnow()
    _record(session, cluster_id, reviewer, {"status": "verdict"}.get(field, field), old_s, new_s)
    try:
        session.flush()  # the version check happens here (UPDATE … WHERE version = seen)
    except StaleDataError as exc:
        raise ConflictError(
            f"cluster {cluster_id} was changed by someone else just now; reload"
        ) from exc
    return Change(cluster_id, field, old_s, new_s, cluster.version)


def set_verdict(
    session: Session,
    cluster_id: int,
    status: str | Status,
    *,
    reviewer: str | None = None,
    note: str | None = None,
    evidence_url: str | None = None,
    expected_version: int | None = None,
) -> list[Change]:
    """Record a verdict (and optionally a note and an evidence link) on a cluster."""
    status = status if isinstance(status, Status) else parse_status(status)
    changes = [_set(session, cluster_id, "status", status.value, reviewer, expected_version)]
    if note is not None:
        changes.append(_set(session, cluster_id, "note", note, reviewer, changes[-1].version))
    if evidence_url is not None:
        changes.append(
            _set(session, cluster_id, "evidence_url", evidence_url, reviewer, changes[-1].version)
        )
    return changes


def set_note(
    session: Session,
    cluster_id: int,
    note: str | None,
    *,
    reviewer: str | None = None,
    expected_version: int | None = None,
) -> Change:
    return _set(session, cluster_id, "note", note, reviewer, expected_version)


def set_evidence(
    session: Session,
    cluster_id: int,
    url: str | None,
    *,
    reviewer: str | None = None,
    expected_version: int | None = None,
) -> Change:
    return _set(
        session,
        cluster_id,
        "evidence_url",
        url.strip() if url else None,
        reviewer,
        expected_version,
    )


def merge(
    session: Session,
    target: int,
    other: int,
    *,
    reviewer: str | None = None,
    expected_versions: dict[int, int | None] | None = None,
) -> Change:
    reviewer = _checked_reviewer(reviewer)
    versions = expected_versions or {}
    _load(session, target, versions.get(target))
    _load(session, other, versions.get(other))
    try:
        merged, record = clustering.merge(session, target, other, reviewer)
    except clustering.ClusterError as exc:
        raise ReviewError(str(exc)) from exc
    event = _record(session, target, reviewer, "merge", str(other), str(target))
    event.detail = record.to_json()
    _touch(session, merged)  # flushes: the event has its id
    return Change(
        target,
        "merge",
        str(other),
        str(target),
        merged.version,
        record.moved,
        other,
        record,
        event.id,
    )


def split(
    session: Session,
    cluster_id: int,
    quote_ids: list[int],
    *,
    reviewer: str | None = None,
    expected_version: int | None = None,
) -> Change:
    reviewer = _checked_reviewer(reviewer)
    _load(session, cluster_id, expected_version)
    # A quote that exists nowhere is not found (a mistyped id), not a split that failed.
    named = sorted(set(quote_ids))
    stored = set(
        session.scalars(
            select(Quote.id).where(Quote.id.in_([q for q in named if abs(q) <= _MAX_ID]))
        )
    )
    if missing := [q for q in named if q not in stored]:
        raise NotFoundError(f"no quote {', '.join(map(str, missing))}")
    try:
        new, record = clustering.split(session, cluster_id, quote_ids, reviewer)
    except clustering.ClusterError as exc:
        raise ReviewError(str(exc)) from exc
    event = _record(
        session, cluster_id, reviewer, "split", ",".join(map(str, quote_ids)), str(new.id)
    )
    event.detail = record.to_json()
    _record(session, new.id, reviewer, "split", str(cluster_id), str(new.id))
    cluster = session.get_one(Cluster, cluster_id)
    _touch(session, cluster)  # flushes: the event has its id
    return Change(
        cluster_id,
        "split",
        None,
        str(new.id),
        cluster.version,
        tuple(quote_ids),
        new.id,
        event=event.id,
        split_record=record,
    )


def _touch(session: Session, cluster: Cluster) -> None:
    """Bump the version of a cluster whose membership changed, so stale views notice."""
    flag_modified(cluster, "status")
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError(
            f"cluster {cluster.id} was changed by someone else just now; reload"
        ) from exc


def undo(session: Session, change: Change, *, reviewer: str | None = None) -> Change:
    """Reverse ``change``, unless someone changed the cluster since."""
    if change.field in FIELDS:
        # Refused only if someone changed this same field since; our own later
        # changes were undone first (the stack is last-in, first-out).
        cluster = _load(session, change.cluster_id, None)
        current = getattr(cluster, change.field)
        current = current.value if isinstance(current, Status) else current
        if current != change.new:
            raise ConflictError(_conflict_message(session, cluster, change.version))
        return _set(
            session, change.cluster_id, change.field, change.old, reviewer, None, typed=False
        )
    if change.field == "split" and change.other_cluster is not None:
        return _undo_split(session, change, reviewer)
    if change.field == "merge" and change.merge_record is not None:
        # Refused if anyone judged the merged cluster since (its verdict, note and link
        # would be set back) and did not take it back, or its quotes moved on; other merges
        # into it are fine.
        target = _load(session, change.cluster_id, None)
        later = list(
            session.scalars(
                select(ClusterEvent)
                .where(
                    ClusterEvent.cluster_id == target.id,
                    ClusterEvent.id > (change.event or 0),
                    ClusterEvent.action.not_in(("merge", "unmerge")),
                )
                .order_by(ClusterEvent.id)
            )
        )
        since = _still_standing(later)
        if since is not None:
            raise ConflictError(
                f"cannot undo the merge: {since.reviewer or 'someone'} "
                f"{_what_was_done(since, target.id)} since; split the quotes off instead"
            )
        try:
            restored = clustering.unmerge(session, change.merge_record)
        except clustering.ClusterError as exc:
            raise ReviewError(f"cannot undo the merge: {exc}") from exc
        _record(session, target.id, reviewer, "unmerge", str(target.id), str(restored.id))
        _record(session, restored.id, reviewer, "unmerge", str(target.id), str(restored.id))
        _touch(session, target)
        return Change(target.id, "unmerge", None, str(restored.id), target.version, (), restored.id)
    if change.field == "not the same" and change.reject_record is not None:
        return _undo_reject(session, change, reviewer)
    raise ReviewError(f"cannot undo {change.field}")


def _still_standing(events: list[ClusterEvent]) -> ClusterEvent | None:
    """The last of ``events`` (a cluster's history, oldest first) that still stands: a
    verdict, note or link set and then taken back (ctrl+z, or set back by hand) leaves
    nothing a reviewer would lose; anything else stands."""
    open_: dict[str, list[ClusterEvent]] = {}
    for e in events:
        if e.action not in FIELDS_RECORDED:
            return events[-1]
        stack = open_.setdefault(e.action, [])
        if stack and (stack[-1].old_value, stack[-1].new_value) == (e.new_value, e.old_value):
            stack.pop()
        else:
            stack.append(e)
    standing = [e for stack in open_.values() for e in stack]
    return max(standing, key=lambda e: e.id) if standing else None


def _undo_split(session: Session, change: Change, reviewer: str | None) -> Change:
    """Put the quotes back: what ``split`` changed is restored, exactly, and the cluster it
    made goes. Refused if anyone changed that cluster since (a merge, at any time, joins
    the two again, as a merge)."""
    source, made = change.cluster_id, change.other_cluster
    record = change.split_record
    if record is None:
        # A split recorded by an earlier version, which kept no record of the decisions
        # it changed: a merge would leave some and add others, so it is the reviewer's
        # to make, as a merge.
        raise ReviewError(
            f"cannot undo the split of cluster {source}: it was made by an earlier version, "
            f"which kept no record of what it changed; merge cluster {made} back into "
            f"cluster {source} instead"
        )
    source, made = record.source, record.new
    later = list(
        session.scalars(
            select(ClusterEvent)
            .where(ClusterEvent.cluster_id == made, ClusterEvent.id > (change.event or 0))
            .order_by(ClusterEvent.id)
        )
    )
    if later and later[0].action == "split" and later[0].new_value == str(made):
        later = later[1:]  # the split's own entry on the cluster it made
    cluster = session.get(Cluster, made)
    # A verdict, note or link set and taken back again (ctrl+z) leaves nothing to lose.
    judged = cluster is not None and cluster.reviewed
    since = [e for e in later if e.action not in FIELDS_RECORDED or judged]
    if since:
        raise ConflictError(
            f"cannot undo the split of cluster {source}: {since[-1].reviewer or 'someone'} "
            f"{_what_was_done(since[-1], made)} since; merge cluster {made} back into "
            f"cluster {source} instead"
        )
    try:
        restored = clustering.unsplit(session, record)
    except clustering.ClusterError as exc:
        gone = session.get(Cluster, made) is None or session.get(Cluster, source) is None
        instead = (
            "take that back first"
            if gone
            else f"merge cluster {made} back into cluster {source} instead"
        )
        raise ConflictError(f"cannot undo the split of cluster {source}: {exc}; {instead}") from exc
    _record(session, source, reviewer, "unsplit", str(made), str(source))
    # The cluster the split made is gone: the entry stays on record beside the split's
    # own, on no cluster (as its id may be given out again).
    _record(session, None, reviewer, "unsplit", str(made), str(source))
    _touch(session, restored)
    return Change(source, "unsplit", str(made), str(source), restored.version, record.moved, made)


def _what_was_done(event: ClusterEvent, cluster_id: int) -> str:
    """An entry of a cluster's history, for a refusal's message: "merged cluster 7 into
    cluster 12"."""
    old, new = event.old_value, event.new_value
    if event.action == "merge":
        return f"merged cluster {old} into cluster {cluster_id}"
    if event.action == "split":
        return f"split quotes {old} off cluster {cluster_id}"
    if event.action == "not the same":
        return f"said cluster {cluster_id} is not the same as cluster {new}"
    undone = {"unmerge": "a merge", "unsplit": "a split", "not the same undone": '"not the same"'}
    if event.action in undone:
        return f"took back {undone[event.action]} on cluster {cluster_id}"
    name = {"evidence_url": "evidence link"}.get(event.action, event.action)
    return f"set {name} on cluster {cluster_id} to {_short(new)!r}"


def unmerge(
    session: Session, cluster_id: int, other: int | None = None, *, reviewer: str | None = None
) -> Change:
    """Take back the last merge into ``cluster_id`` (or the one of ``other``), from any session.

    The same as the UI's undo of that merge, and refused for the same reasons.
    """
    _load(session, cluster_id, None)
    stmt = (
        select(ClusterEvent)
        .where(
            ClusterEvent.cluster_id == cluster_id,
            ClusterEvent.action == "merge",
            ClusterEvent.new_value == str(cluster_id),
            ClusterEvent.detail.is_not(None),
        )
        .order_by(ClusterEvent.id.desc())
    )
    if other is not None:
        stmt = stmt.where(ClusterEvent.old_value == str(other))
    for event in session.scalars(stmt):
        if session.get(Cluster, int(event.old_value or 0)) is None:  # not taken back already
            break
    else:
        merged = f"cluster {other} into {cluster_id}" if other else f"into cluster {cluster_id}"
        raise ReviewError(f"no merge {merged} on record to take back")
    record = clustering.MergeRecord.from_json(event.detail or "")
    change = Change(
        cluster_id,
        "merge",
        str(record.other),
        str(cluster_id),
        0,
        record.moved,
        record.other,
        record,
        event.id,
    )
    return undo(session, change, reviewer=reviewer)


def unsplit(session: Session, cluster_id: int, *, reviewer: str | None = None) -> Change:
    """Take back the split that made ``cluster_id``, from any session: its quotes go back to
    the cluster they came from. The same as the UI's undo of that split, and refused for
    the same reasons."""
    _load(session, cluster_id, None)
    # The split's entry on the cluster it made (later splits of this cluster name others).
    made = session.scalars(
        select(ClusterEvent)
        .where(
            ClusterEvent.cluster_id == cluster_id,
            ClusterEvent.action == "split",
            ClusterEvent.new_value == str(cluster_id),
        )
        .order_by(ClusterEvent.id.desc())
        .limit(1)
    ).first()
    if made is None or not (made.old_value or "").isdigit():
        raise ReviewError(f"cluster {cluster_id} was not made by a split on record")
    # ... and its entry on the cluster split, which holds the record (an earlier version's
    # split has none).
    event = session.scalars(
        select(ClusterEvent)
        .where(
            ClusterEvent.action == "split",
            ClusterEvent.new_value == str(cluster_id),
            ClusterEvent.id < made.id,
        )
        .order_by(ClusterEvent.id.desc())
        .limit(1)
    ).first()
    source = int(made.old_value or 0)
    record = (
        clustering.SplitRecord.from_json(event.detail)
        if event is not None and event.detail
        else None
    )
    change = Change(
        source,
        "split",
        None,
        str(cluster_id),
        0,
        record.moved if record is not None else (),
        cluster_id,
        event=event.id if event is not None else None,
        split_record=record,
    )
    return undo(session, change, reviewer=reviewer)


def reject_suggestion(
    session: Session,
    cluster_id: int,
    other: int,
    *,
    reviewer: str | None = None,
    expected_version: int | None = None,
) -> Change:
    """ "Not the same statement": the pair is never suggested again; both histories say so.

    Taken back by ``undo`` (the suggestions return, the cannot-links it added go) while
    both clusters hold the quotes they had, or by merging the two (a merge overrides the
    reviewer's earlier "apart").
    """
    reviewer = _checked_reviewer(reviewer)
    _load(session, cluster_id, expected_version)
    _load(session, other, None)
    try:
        record = clustering.reject_suggestion(session, cluster_id, other, reviewer)
    except clustering.ClusterError as exc:
        raise ReviewError(str(exc)) from exc
    event = _record(session, cluster_id, reviewer, "not the same", None, str(other))
    event.detail = record.to_json()
    _record(session, other, reviewer, "not the same", None, str(cluster_id))
    cluster = session.get_one(Cluster, cluster_id)
    _touch(session, cluster)  # flushes: the event has its id
    return Change(
        cluster_id,
        "not the same",
        None,
        str(other),
        cluster.version,
        (),
        other,
        event=event.id,
        reject_record=record,
    )


def _undo_reject(session: Session, change: Change, reviewer: str | None) -> Change:
    """Suggest the pair again: what ``reject_suggestion`` removed comes back, exactly."""
    record = change.reject_record
    assert record is not None
    try:
        clustering.unreject(session, record)
    except clustering.ClusterError as exc:
        raise ConflictError(
            f'cannot undo "not the same" of clusters {record.cluster} and {record.other}: '
            f"{exc}; reject the pair again or merge it instead"
        ) from exc
    _record(session, record.cluster, reviewer, "not the same undone", str(record.other), None)
    _record(session, record.other, reviewer, "not the same undone", str(record.cluster), None)
    cluster = session.get_one(Cluster, record.cluster)
    _touch(session, cluster)
    return Change(
        record.cluster,
        "not the same undone",
        str(record.other),
        None,
        cluster.version,
        (),
        record.other,
    )


def unreject(
    session: Session, cluster_id: int, other: int, *, reviewer: str | None = None
) -> Change:
    """Take back the last "not the same" between ``cluster_id`` and ``other``, from any
    session: the same as the UI's undo of it, and refused for the same reasons."""
    _load(session, cluster_id, None)
    _load(session, other, None)
    # Recorded on the cluster it was pressed on, which may be either of the two.
    for here, there in ((cluster_id, other), (other, cluster_id)):
        event = session.scalars(
            select(ClusterEvent)
            .where(
                ClusterEvent.cluster_id == here,
                (ClusterEvent.action == "not the same") & (ClusterEvent.new_value == str(there))
                | (ClusterEvent.action == "not the same undone")
                & (ClusterEvent.old_value == str(there)),
            )
            .order_by(ClusterEvent.id.desc())
            .limit(1)
        ).first()
        if event is not None and event.action == "not the same" and event.detail:
            record = clustering.RejectRecord.from_json(event.detail)
            change = Change(
                here,
                "not the same",
                None,
                str(there),
                0,
                (),
                there,
                event=event.id,
                reject_record=record,
            )
            return undo(session, change, reviewer=reviewer)
    raise ReviewError(
        f'no "not the same" between clusters {cluster_id} and {other} on record to take back'
    )


def history(session: Session, cluster_id: int) -> list[ClusterEvent]:
    return list(
        session.scalars(
            select(ClusterEvent)
            .where(ClusterEvent.cluster_id == cluster_id)
            .order_by(ClusterEvent.id)
        )
    )
