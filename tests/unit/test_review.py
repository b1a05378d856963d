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
