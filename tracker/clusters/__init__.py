"""Claim clusters in the database: build, grow, merge, split — never losing review work.

``tracker.match`` decides which quotes are versions of one statement; this
package keeps the result in ``clusters`` with stable ids:

- a from-scratch ``rebuild`` maps each new group onto the old cluster that
  shares most of its quotes, so ids survive; a reviewed cluster (verdict,
  note or evidence) is never dissolved — its quotes stay together;
- ``add_quotes`` is the incremental path used by ingest: new quotes join the
  cluster of their best parent or start their own;
- ``merge`` and ``split`` record must-link / cannot-link decisions that every
  later clustering respects.

One module a concern: ``rebuild``, ``incremental``, ``edits`` (merge, unmerge,
split, unsplit, keep apart), ``stats``, and ``common`` for what they share; the pure
pieces (``variant_of``, ``canonical_of``, ``UnionFind``) are ``tracker.variants``.
"""

from __future__ import annotations

from tracker.clusters.common import ClusterError, has_clusters, load_items
from tracker.clusters.edits import (
    MergeRecord,
    RejectRecord,
    SplitRecord,
    merge,
    reject_suggestion,
    split,
    unmerge,
    unreject,
    unsplit,
)
from tracker.clusters.incremental import Incremental, add_quotes
from tracker.clusters.rebuild import rebuild
from tracker.clusters.stats import refresh_stats
from tracker.variants import variant_of

__all__ = [
    "ClusterError",
    "Incremental",
    "MergeRecord",
    "RejectRecord",
    "SplitRecord",
    "add_quotes",
    "has_clusters",
    "load_items",
    "merge",
    "rebuild",
    "refresh_stats",
    "reject_suggestion",
    "split",
    "unmerge",
    "unreject",
    "unsplit",
    "variant_of",
]
