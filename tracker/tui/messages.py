"""Messages and plain data passed between the UI's workers, screens and the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tracker.browse import ClusterRow


@dataclass(frozen=True)
class ListPage:
    """A page of the cluster list, read in a worker for the list screen to show."""

    rows: list[ClusterRow]
    offset: int
    generation: int  # stale pages from an older filter are dropped
    counts: tuple[int, int] | None = None  # (clusters matching, reviewed), with the first page
    limit: int = 200  # the page size asked for; 0: every remaining row
    # Why the search finds nothing, where its filter names no status, speaker or outlet.
    problem: str | None = None


@dataclass
class ClusterChanged(Message):
    """A reviewer action succeeded; screens showing the cluster reload it."""

    cluster_ids: tuple[int, ...]
