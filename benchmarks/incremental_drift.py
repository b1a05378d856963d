"""How far ingest's clusters drift from a rebuild's on real news.

Ingest places quotes as they arrive, judging each phrase by the archive as it
stands then; ``tracker cluster --rebuild`` judges every quote against the whole
archive. Both should end in the same clusters. This script ingests PolNeAR
(``../shared/corpora/polnear``, train and dev as one archive of 922 articles)
into a scratch SQLite database, in one run or in several (``--runs``: the
articles split into that many ingest runs, as a newsroom adds them day by day),
then rebuilds a copy and prints the linked pairs (two quotes in one cluster) that
only ingest makes and that only the rebuild makes; ``--list N`` shows N of each.

    python benchmarks/incremental_drift.py [--runs 2] [--list 10] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's code, before any installed copy

from sqlalchemy import select  # noqa: E402

from tracker.clusters import rebuild  # noqa: E402
from tracker.ingest import ingest  # noqa: E402
from tracker.store.db import open_database  # noqa: E402
from tracker.store.models import Quote, Speaker  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear"


def articles(corpus: Path) -> list[dict]:
    """PolNeAR's records as ingest's JSONL records (one URL per article, from its name)."""
    out = []
    for split in ("train", "dev"):
        for line in (corpus / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            out.append(
                {
                    "title": d["title"],
                    "outlet": d["publisher"],
                    "author": d.get("author"),
                    "published": d["published"],
                    "url": f"https://{d['publisher']}.example/{d['name']}",
                    "text": d["text"],
                }
            )
    return out


def linked_pairs(url: str) -> tuple[set[tuple[int, int]], dict[int, str]]:
    db = open_database(url)
    with db.Session() as s:
        rows = s.execute(
            select(Quote.id, Quote.cluster_id, Quote.normalized, Speaker.name).outerjoin(
                Speaker, Quote.speaker_id == Speaker.id
            )
        ).all()
    db.dispose()
    members: dict[int, list[int]] = defaultdict(list)
    for qid, cid, _, _ in rows:
        members[cid].append(qid)
    pairs = {p for qids in members.values() for p in itertools.combinations(sorted(qids), 2)}
    return pairs, {qid: f"[{name or '—'}] {text[:80]!r}" for qid, _, text, name in rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=1, help="ingest runs the articles are split into")
    ap.add_argument("--list", type=int, default=0, metavar="N", help="show N pairs of each kind")
    args = ap.parse_args()
    logging.getLogger("alembic").setLevel(logging.WARNING)  # a library's basicConfig lets it talk
    if not (args.corpus / "train.jsonl").is_file():
        sys.exit(f"error: no PolNeAR corpus at {args.corpus} (--corpus DIR)")
    docs = articles(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        db = open_database(f"sqlite:///{tmp}/ingest.db")
        size = -(-len(docs) // max(1, args.runs))
        for n in range(0, len(docs), size):
            part = Path(tmp) / f"part{n}.jsonl"
            part.write_text(
                "".join(json.dumps(d) + "\n" for d in docs[n : n + size]), encoding="utf-8"
            )
            ingest(db, [part])
        db.dispose()
        took = time.perf_counter() - t0
        shutil.copy(f"{tmp}/ingest.db", f"{tmp}/rebuild.db")
        db = open_database(f"sqlite:///{tmp}/rebuild.db")
        with db.Session.begin() as s:
            rebuild(s)
        db.dispose()
        ingested, label = linked_pairs(f"sqlite:///{tmp}/ingest.db")
        rebuilt, _ = linked_pairs(f"sqlite:///{tmp}/rebuild.db")
    print(f"PolNeAR train+dev: {len(docs)} articles in {args.runs} ingest run(s), {took:.1f} s")
    print(f"linked pairs: ingest {len(ingested)}, rebuild {len(rebuilt)}")
    print(f"  only ingest links:  {len(ingested - rebuilt)}")
    print(f"  only rebuild links: {len(rebuilt - ingested)}")
    for name, pairs in (("only ingest", ingested - rebuilt), ("only rebuild", rebuilt - ingested)):
        if args.list and pairs:
            print(f"\n{name}:")
            for a, b in sorted(pairs)[: args.list]:
                print(f"  {label[a]}\n  {label[b]}\n")


if __name__ == "__main__":
    main()
