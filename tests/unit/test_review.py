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
        "We have no money for it,"
    ]


def test_errors_carry_their_exit_codes(db, clusters) -> None:
    with pytest.raises(review.UnknownStatus) as bad:
        review.parse_status("sort of true")
    assert bad.value.exit_code == exit_codes.USAGE
    assert review.parse_status(" Out Of Context ") == Status.OUT_OF_CONTEXT
    with pytest.raises(review.NotFoundError) as gone, db.Session.begin() as s:
        review.set_note(s, 99999, "x", reviewer="ann")
    assert gone.value.exit_code == exit_codes.NOT_FOUND
