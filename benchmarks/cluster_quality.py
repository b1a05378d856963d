"""Clustering quality on the annotated seeds: pairwise precision and recall.

Ingests seeds/ and tests/data/extra/ into a scratch SQLite database (clustering
runs as part of ingest), then compares with tests/data/seed_clusters.json.
Thresholds can be varied to choose defaults:

    python benchmarks/cluster_quality.py [--link-score 88] [--rebuild] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from sqlalchemy import select

from tracker.clusters import rebuild
from tracker.evaluate import (
    load_annotation,
    score_clusters,
    score_suggestions,
    stored_quote_spans,
)
from tracker.ingest import ingest
from tracker.match import MatchSettings
from tracker.store.db import open_database
from tracker.store.models import Document, Suggestion

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def measure(settings: MatchSettings, rebuild_after: bool = False):
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/q.db")
        ingest(db, [ROOT / "seeds", DATA / "extra"], settings=settings)
        with db.Session.begin() as s:
            if rebuild_after:
                rebuild(s, settings)
            docs = {d.id: Path(d.source).name for d in s.scalars(select(Document))}
            texts = {Path(d.source).name: d.text for d in s.scalars(select(Document))}
            spans = stored_quote_spans(s, docs)
            suggested = s.execute(select(Suggestion.quote_a, Suggestion.quote_b, Suggestion.score))
            suggested = [tuple(row) for row in suggested]
        db.dispose()
    gold = json.loads((DATA / "seed_clusters.json").read_text(encoding="utf-8"))
    links = score_clusters(texts, spans, load_annotation(DATA / "seed_quotes.jsonl"), gold)
    return links, score_suggestions(texts, spans, gold, suggested)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--link-score", type=float, default=MatchSettings.link_score)
    ap.add_argument("--rebuild", action="store_true", help="also re-cluster from scratch")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    settings = MatchSettings(link_score=args.link_score)
    for label, rebuilt in (("incremental (ingest)", False), ("from scratch (--rebuild)", True)):
        if rebuilt and not args.rebuild:
            continue
        r, ranks = measure(settings, rebuilt)
        print(
            f"{label}: pairwise precision {r.precision:.3f} "
            f"({r.correct_pairs}/{r.predicted_pairs}), recall {r.recall:.3f} "
            f"({r.correct_pairs}/{r.true_pairs})  link_score={args.link_score}"
        )
        top = sum(x.within(5) for x in ranks)
        print(f"  paraphrase pairs among each side's top-5 suggestions: {top}/{len(ranks)}")
        for x in ranks:
            print(f"    ranks {x.rank_a} / {x.rank_b} (0: one cluster)  {x.why[:70]}")
        if args.verbose:
            for m in r.missed:
                print("  missed  ", m)
            for m in r.spurious:
                print("  spurious", m)


if __name__ == "__main__":
    main()
