"""The reviewer's actions in tracker.review, called directly on both engines: verdicts and
notes with version checks, undo, merge and unmerge, and the errors' exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import exit_codes, review
from tracker.browse import ClusterFilter, cluster_review, cluster_summaries
from tracker.ingest import ingest
from tracker.kinds import Status

ARTICLES = {
    "a.txt": '"The bridge will open in May," Mayor Anna Lindqvist said.\n\n'
    '"We have no money for it," council member Peter Holm said.\n',
    "b.txt": '"The bridge will open in May," Lindqvist told the Gazette.\n',
}


@pytest.fixture
def clusters(db, tmp_path: Path) -> dict[str, int]:
    """Two clusters of our own sentences: the bridge (two quotes) and the money."""
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingest(db, [tmp_path], outlet="Gazette")
    with db.Session() as s:
        rows = cluster_summaries(s, ClusterFilter())
    return {r.claim.split()[1]: r.id for r in rows}  # "bridge", "have"


def test_a_verdict_with_a_note_is_recorded_and_undone(db, clusters) -> None:
    bridge = clusters["bridge"]
    with db.Session.begin() as s:
        changes = review.set_verdict(s, bridge, "verified", reviewer="ann", note="checked")
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("status", "unreviewed", "verified"),
        ("note", None, "checked"),
    ]
    with db.Session() as s:
        shown = cluster_review(s, bridge)
    assert shown is not None
    assert (shown.detail.status, shown.detail.reviewer, shown.detail.note) == (
        "verified",
        "ann",
        "checked",
    )
    assert [(h.action, h.new) for h in shown.history] == [
        ("verdict", "verified"),
        ("note", "checked"),
    ]
    with db.Session.begin() as s:  # last in, first out, as the UI's ctrl+z
        for change in reversed(changes):
            review.undo(s, change, reviewer="ann")
    with db.Session() as s:
        back = cluster_review(s, bridge)
    assert back is not None and (back.detail.status, back.detail.note) == ("unreviewed", None)


def test_an_edit_on_a_stale_version_is_refused_and_says_who(db, clusters) -> None:
    bridge = clusters["bridge"]
    with db.Session() as s:
        seen = cluster_review(s, bridge)
    assert seen is not None
    with db.Session.begin() as s:
        review.set_note(s, bridge, "first", reviewer="ann", expected_version=seen.version)
    with pytest.raises(review.ConflictError, match="ann") as err, db.Session.begin() as s:
        review.set_note(s, bridge, "second", reviewer="bob", expected_version=seen.version)
    assert err.value.exit_code == exit_codes.FAILED
    with db.Session() as s:
        now = cluster_review(s, bridge)
    assert now is not None and now.detail.note == "first"  # nobody's work was overwritten


def test_merge_then_unmerge_brings_the_cluster_back(db, clusters) -> None:
    bridge, money = clusters["bridge"], clusters["have"]
    with db.Session.begin() as s:
        review.merge(s, bridge, money, reviewer="ann")
    with db.Session() as s:
        merged = cluster_review(s, bridge)
        assert cluster_review(s, money) is None
    assert merged is not None and len(merged.detail.members) == 3
    with db.Session.begin() as s:
        change = review.unmerge(s, bridge, reviewer="ann")
    assert change.other_cluster == money
    with db.Session() as s:
        again = cluster_review(s, money)
    assert again is not None and [m.text for m in again.detail.members] == [
        "We have no money for it"
    ]


def test_errors_carry_their_exit_codes(db, clusters) -> None:
    with pytest.raises(review.UnknownStatus) as bad:
        review.parse_status("sort of true")
    assert bad.value.exit_code == exit_codes.USAGE
    assert review.parse_status(" Out Of Context ") == Status.OUT_OF_CONTEXT
    with pytest.raises(review.NotFoundError) as gone, db.Session.begin() as s:
        review.set_note(s, 99999, "x", reviewer="ann")
    assert gone.value.exit_code == exit_codes.NOT_FOUND


def _suggested_pair(db) -> tuple[int, int]:
    """Two clusters of the seeds with a suggestion between them, one of them of several
    quotes (so a rejection keeps several pairs of quotes apart)."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import aliased

    from tracker.store.models import Quote, Suggestion

    qa, qb = aliased(Quote), aliased(Quote)
    with db.Session() as s:
        size = dict(
            s.execute(select(Quote.cluster_id, func.count()).group_by(Quote.cluster_id)).all()
        )
        pairs = s.execute(
            select(qa.cluster_id, qb.cluster_id)
            .select_from(Suggestion)
            .join(qa, qa.id == Suggestion.quote_a)
            .join(qb, qb.id == Suggestion.quote_b)
            .where(qa.cluster_id != qb.cluster_id)
            .order_by(Suggestion.score.desc(), Suggestion.id)
        ).all()
    a, b = max(pairs, key=lambda p: size[p[0]] * size[p[1]])
    assert size[a] * size[b] > 1
    return a, b


def _between(db, a: int, b: int) -> tuple[set, set]:
    """The suggestions (with scores) and the decisions (with reviewers) between two clusters."""
    from sqlalchemy import select

    from tracker.store.models import Decision, Quote, Suggestion

    with db.Session() as s:
        ours = set(s.scalars(select(Quote.id).where(Quote.cluster_id == a)))
        theirs = set(s.scalars(select(Quote.id).where(Quote.cluster_id == b)))
        both = ours | theirs
        suggestions = {
            (x, y, score)
            for x, y, score in s.execute(
                select(Suggestion.quote_a, Suggestion.quote_b, Suggestion.score)
            )
            if {x, y} <= both and not {x, y} <= ours and not {x, y} <= theirs
        }
        decisions = {
            (d.kind, d.quote_a, d.quote_b, d.reviewer)
            for d in s.scalars(select(Decision))
            if {d.quote_a, d.quote_b} <= both
        }
    return suggestions, decisions


def test_undoing_not_the_same_restores_the_suggestions_and_keeps_earlier_decisions(
    seeded,
) -> None:
    from sqlalchemy import select

    from tracker.store.models import Decision, DecisionKind, Quote

    a, b = _suggested_pair(seeded)
    # An earlier decision of the reviewer's between a quote of each: the rejection finds
    # it on record, and its undo must leave it there.
    with seeded.Session.begin() as s:
        qa = s.scalars(select(Quote.id).where(Quote.cluster_id == a)).first()
        qb = s.scalars(select(Quote.id).where(Quote.cluster_id == b)).first()
        s.add(Decision(kind=DecisionKind.CANNOT_LINK, quote_a=qa, quote_b=qb, reviewer="earlier"))
    suggestions, decisions = _between(seeded, a, b)
    assert suggestions
    with seeded.Session.begin() as s:
        change = review.reject_suggestion(s, a, b, reviewer="ann")
    gone, apart = _between(seeded, a, b)
    assert not gone and len(apart) > len(decisions)
    with seeded.Session.begin() as s:  # another session than the one that rejected
        undone = review.undo(s, change, reviewer="ann")
    assert {undone.cluster_id, undone.other_cluster} == {a, b}
    assert _between(seeded, a, b) == (suggestions, decisions)
    with seeded.Session() as s:
        for cid in (a, b):
            actions = [e.action for e in review.history(s, cid)]
            assert "not the same" in actions and actions[-1] == "not the same undone"


def test_undoing_not_the_same_is_refused_once_a_cluster_is_merged_away(seeded) -> None:
    a, b = _suggested_pair(seeded)
    with seeded.Session() as s:
        third = next(r.id for r in cluster_summaries(s, ClusterFilter()) if r.id not in (a, b))
    with seeded.Session.begin() as s:
        change = review.reject_suggestion(s, a, b, reviewer="ann")
    with seeded.Session.begin() as s:
        review.merge(s, third, b, reviewer="bob")
    before = _between(seeded, a, third)
    with pytest.raises(review.ReviewError, match=f"cluster {b}"), seeded.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    assert _between(seeded, a, third) == before  # nothing half done


def test_undoing_not_the_same_is_refused_once_its_quotes_moved(seeded) -> None:
    from sqlalchemy import select

    from tracker.store.models import Quote

    a, b = _suggested_pair(seeded)
    with seeded.Session() as s:
        members = {
            cid: list(s.scalars(select(Quote.id).where(Quote.cluster_id == cid))) for cid in (a, b)
        }
    cid, quotes = next((c, q) for c, q in members.items() if len(q) > 1)
    with seeded.Session.begin() as s:
        change = review.reject_suggestion(s, a, b, reviewer="ann")
    with seeded.Session.begin() as s:
        review.split(s, cid, quotes[:1], reviewer="bob")
    with pytest.raises(review.ReviewError, match="moved"), seeded.Session.begin() as s:
        review.undo(s, change, reviewer="ann")


def _largest(db) -> tuple[int, list[int]]:
    """The seeds' cluster of most quotes, and its quotes."""
    from sqlalchemy import func, select

    from tracker.store.models import Quote

    with db.Session() as s:
        cid = s.execute(
            select(Quote.cluster_id)
            .where(Quote.cluster_id.is_not(None))
            .group_by(Quote.cluster_id)
            .order_by(func.count().desc(), Quote.cluster_id)
            .limit(1)
        ).scalar_one()
        quotes = sorted(s.scalars(select(Quote.id).where(Quote.cluster_id == cid)))
    assert len(quotes) >= 3
    return cid, quotes


def _cluster_state(db, cid: int) -> tuple:
    """What a split and its undo touch: members with their variants, the wording, the
    spread columns, and every decision (with who made it and when)."""
    from sqlalchemy import select

    from tracker.store.models import Cluster, Decision, Quote

    with db.Session() as s:
        c = s.get(Cluster, cid)
        assert c is not None
        members = sorted(s.execute(select(Quote.id, Quote.variant).where(Quote.cluster_id == cid)))
        decisions = sorted(
            (d.kind.value, d.quote_a, d.quote_b, d.reviewer, d.created_at)
            for d in s.scalars(select(Decision))
        )
        spread = (c.n_quotes, c.n_outlets, c.n_speakers, c.first_seen, c.has_claim)
        return members, c.canonical_quote_id, spread, c.status, decisions


def test_undoing_a_split_restores_members_wording_and_every_decision(seeded) -> None:
    from sqlalchemy import func, select

    from tracker.store.models import Cluster, Decision, DecisionKind

    cid, quotes = _largest(seeded)
    with seeded.Session.begin() as s:
        canonical = s.get_one(Cluster, cid).canonical_quote_id
        assert canonical is not None
        moved = [canonical, next(q for q in quotes if q != canonical)]
        rest = [q for q in quotes if q not in moved]
        # An earlier merge's must-link tying a moved quote to the rest: the split deletes
        # it, its undo brings it back as it was.
        s.add(Decision(kind=DecisionKind.MUST_LINK, quote_a=rest[0], quote_b=moved[1]))
    before = _cluster_state(seeded, cid)
    with seeded.Session.begin() as s:
        change = review.split(s, cid, moved, reviewer="ann")
    made = change.other_cluster
    assert made is not None
    split_state = _cluster_state(seeded, cid)
    assert split_state[1] != canonical  # the wording went with its quote
    assert len(split_state[4]) > len(before[4])
    with seeded.Session.begin() as s:  # another session than the one that split
        undone = review.undo(s, change, reviewer="ann")
    assert (undone.field, undone.cluster_id, undone.other_cluster) == ("unsplit", cid, made)
    assert _cluster_state(seeded, cid) == before
    with seeded.Session() as s:
        assert s.get(Cluster, made) is None  # no empty cluster left behind
        assert s.scalar(select(func.count()).select_from(Cluster).where(Cluster.n_quotes == 0)) == 0
        assert [e.action for e in review.history(s, cid)] == ["split", "unsplit"]
        shown = cluster_review(s, cid)
    assert shown is not None
    assert [(h.name, h.old, h.new) for h in shown.history][-1] == ("unsplit", str(made), str(cid))
    # A rebuild keeps the quotes together, as it did before the split.
    from tracker.clusters import rebuild

    with seeded.Session.begin() as s:
        rebuild(s)
    with seeded.Session() as s:
        from tracker.store.models import Quote

        assert set(s.scalars(select(Quote.cluster_id).where(Quote.id.in_(quotes)))) == {cid}


def test_undoing_a_split_keeps_the_wording_of_a_verdict_given_since(seeded) -> None:
    from tracker.store.models import Cluster

    cid, quotes = _largest(seeded)
    with seeded.Session() as s:
        canonical = s.get_one(Cluster, cid).canonical_quote_id
    with seeded.Session.begin() as s:
        change = review.split(s, cid, [canonical], reviewer="ann")
    with seeded.Session() as s:
        judged_on = s.get_one(Cluster, cid).canonical_quote_id
    with seeded.Session.begin() as s:
        review.set_verdict(s, cid, "verified", reviewer="bob")
    with seeded.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    with seeded.Session() as s:
        c = s.get_one(Cluster, cid)
        assert (c.status, c.canonical_quote_id) == (Status.VERIFIED, judged_on)
        assert canonical in {q.id for q in c.quotes}


@pytest.mark.parametrize("since", ["verdict", "note", "merge into", "split", "merged away"])
def test_undoing_a_split_is_refused_once_its_cluster_changed(seeded, since) -> None:
    from sqlalchemy import select

    from tracker.store.models import Cluster, Decision, Quote

    cid, quotes = _largest(seeded)
    with seeded.Session() as s:
        third = next(r.id for r in cluster_summaries(s, ClusterFilter()) if r.id != cid)
    with seeded.Session.begin() as s:
        change = review.split(s, cid, quotes[:2], reviewer="ann")
    made = change.other_cluster
    assert made is not None
    with seeded.Session.begin() as s:
        if since == "verdict":
            review.set_verdict(s, made, "disputed", reviewer="bob")
        elif since == "note":
            review.set_note(s, made, "Another speech.", reviewer="bob")
        elif since == "merge into":
            review.merge(s, made, third, reviewer="bob")
        elif since == "split":
            review.split(s, made, quotes[:1], reviewer="bob")
        else:
            review.merge(s, third, made, reviewer="bob")

    def state():
        with seeded.Session() as s:
            return (
                sorted(s.execute(select(Quote.id, Quote.cluster_id))),
                sorted((d.kind.value, d.quote_a, d.quote_b) for d in s.scalars(select(Decision))),
                {
                    c.id: (c.status, c.note, c.canonical_quote_id)
                    for c in s.scalars(select(Cluster))
                },
            )

    before = state()
    expected = {
        "verdict": "bob set verdict on cluster",
        "note": "bob set note on cluster",
        "merge into": f"bob merged cluster {third} into cluster {made}",
        "split": f"bob split quotes {quotes[0]} off cluster {made}",
        "merged away": f"cluster {made} no longer exists",
    }[since]
    with pytest.raises(review.ConflictError) as refused, seeded.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    assert expected in str(refused.value)
    instead = "take that back first" if since == "merged away" else f"merge cluster {made} back"
    assert instead in str(refused.value)
    assert state() == before  # nothing half done


def test_a_verdict_taken_back_on_the_split_off_cluster_lets_the_split_be_undone(seeded) -> None:
    # The UI's ctrl+z, last in first out: split, a verdict on the new cluster, then undo both.
    from tracker.store.models import Cluster

    cid, quotes = _largest(seeded)
    with seeded.Session.begin() as s:
        change = review.split(s, cid, quotes[:1], reviewer="ann")
    assert change.other_cluster is not None
    with seeded.Session.begin() as s:
        verdict = review.set_verdict(s, change.other_cluster, "false", reviewer="ann")
    with seeded.Session.begin() as s:
        for c in [*reversed(verdict), change]:
            review.undo(s, c, reviewer="ann")
    with seeded.Session() as s:
        assert s.get(Cluster, change.other_cluster) is None
        assert sorted(q.id for q in s.get_one(Cluster, cid).quotes) == quotes


def test_unsplit_takes_back_the_split_that_made_a_cluster_from_any_session(seeded) -> None:
    from tracker.store.models import Cluster

    cid, quotes = _largest(seeded)
    before = _cluster_state(seeded, cid)
    with seeded.Session.begin() as s:
        made = review.split(s, cid, quotes[1:2], reviewer="ann").other_cluster
    assert made is not None
    with pytest.raises(review.ReviewError, match="not made by a split"), seeded.Session() as s:
        review.unsplit(s, cid)
    with seeded.Session.begin() as s:
        change = review.unsplit(s, made, reviewer="bob")
    assert (change.field, change.cluster_id, change.moved) == ("unsplit", cid, (quotes[1],))
    assert _cluster_state(seeded, cid) == before
    with seeded.Session() as s:
        assert s.get(Cluster, made) is None
        assert [(e.action, e.reviewer) for e in review.history(s, cid)] == [
            ("split", "ann"),
            ("unsplit", "bob"),
        ]


def test_a_split_recorded_by_an_earlier_version_is_refused_not_merged(seeded) -> None:
    # Splits made before splits kept a record have no detail on their history entry: a
    # merge would pass for an undo while it leaves decisions behind, so it is refused,
    # naming the merge to make instead.
    from sqlalchemy import select, update

    from tracker.store.models import Cluster, ClusterEvent, Quote

    cid, quotes = _largest(seeded)
    with seeded.Session.begin() as s:
        change = review.split(s, cid, quotes[:1], reviewer="ann")
        s.execute(update(ClusterEvent).values(detail=None))
    made = change.other_cluster
    old = review.Change(cid, "split", None, str(made), change.version, change.moved, made)
    for attempt in (
        lambda s: review.unsplit(s, made, reviewer="ann"),
        lambda s: review.undo(s, old, reviewer="ann"),
    ):
        with pytest.raises(review.ReviewError) as refused, seeded.Session.begin() as s:
            attempt(s)
        assert "earlier version" in str(refused.value)
        assert f"merge cluster {made} back into cluster {cid}" in str(refused.value)
    with seeded.Session() as s:
        assert s.get(Cluster, made) is not None
        assert list(s.scalars(select(Quote.id).where(Quote.cluster_id == made))) == quotes[:1]


def test_undoing_a_split_leaves_the_decisions_on_record_before_it(seeded) -> None:
    # The same split made again (or a cannot-link made otherwise): what was on record
    # before is not the split's to remove.
    from sqlalchemy import select

    from tracker.store.models import Decision, DecisionKind

    cid, quotes = _largest(seeded)
    with seeded.Session.begin() as s:
        s.add(Decision(kind=DecisionKind.CANNOT_LINK, quote_a=quotes[0], quote_b=quotes[-1]))
        s.add(Decision(kind=DecisionKind.MUST_LINK, quote_a=quotes[0], quote_b=quotes[1]))
    before = _cluster_state(seeded, cid)
    with seeded.Session.begin() as s:
        change = review.split(s, cid, quotes[:2], reviewer="ann")
    with seeded.Session() as s:
        added = {(d.kind, d.quote_a, d.quote_b, d.reviewer) for d in s.scalars(select(Decision))}
    assert (DecisionKind.CANNOT_LINK, quotes[1], quotes[-1], "ann") in added
    with seeded.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    assert _cluster_state(seeded, cid) == before


def test_a_quote_that_joined_the_split_off_cluster_since_goes_back_with_it(
    seeded, tmp_path: Path
) -> None:
    # An ingest after the split put a new copy of the moved words in the cluster the split
    # made: it was placed there for its likeness to them, and follows them back.
    from sqlalchemy import select

    from tracker.store.models import Cluster, Quote

    cid, quotes = _largest(seeded)
    with seeded.Session() as s:
        canonical = s.get_one(Cluster, cid).canonical_quote_id
        text = s.get_one(Quote, canonical).text
    with seeded.Session.begin() as s:
        change = review.split(s, cid, [canonical], reviewer="ann")
    (tmp_path / "later.txt").write_text(f'"{text}," the spokesman said again.\n', "utf-8")
    ingest(seeded, [tmp_path / "later.txt"])
    with seeded.Session() as s:
        joined = set(s.scalars(select(Quote.id).where(Quote.cluster_id == change.other_cluster)))
    assert len(joined - {canonical}) == 1
    with seeded.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    with seeded.Session() as s:
        c = s.get_one(Cluster, cid)
        assert sorted(q.id for q in c.quotes) == sorted({*quotes, *joined})
        assert (c.canonical_quote_id, c.n_quotes) == (canonical, len(quotes) + 1)
        assert s.get(Cluster, change.other_cluster) is None
