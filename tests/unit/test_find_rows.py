"""The watchlist and `find` called as a library: typed rows, as the rest of the read model."""

from __future__ import annotations

import dataclasses

from tracker.kinds import Status
from tracker.watch import find_rows


def test_find_rows_are_typed_rows_with_the_clusters_status(seeded) -> None:
    with seeded.Session() as session:
        rows = find_rows(session, "Russia and China stand back to back", limit=3)
    assert rows and dataclasses.is_dataclass(rows[0])
    best = rows[0]
    assert best.claim.startswith("We hope that the upcoming summit")
    assert best.score >= 85 and best.by == "wording"
    assert best.status == Status.UNREVIEWED.value
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
