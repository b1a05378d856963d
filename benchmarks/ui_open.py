"""How fast the review UI opens and filters on a large database.

Builds (once, cached under benchmarks/out/) a SQLite database with N claim
clusters — synthetic quotes spread over documents and outlets, written with
bulk inserts — then drives the real app headless with Textual's Pilot and
times: opening to the first screen of rows, moving to the end of the first
page (which loads the next one), a status filter, and a fuzzy search.

Usage: python benchmarks/ui_open.py [--clusters 100000] [--db-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import time
from pathlib import Path

from sqlalchemy import func, insert, select, text

from tracker.clusters import refresh_stats
from tracker.store.db import open_database
from tracker.store.models import Cluster, Document, Outlet, Quote, QuoteKind, Speaker, Status
from tracker.text import normalize

OUT = Path(__file__).resolve().parent / "out"
WORDS = [
    "relations",
    "cooperation",
    "partnership",
    "summit",
    "security",
    "sanctions",
    "trade",
    "border",
    "peace",
    "alliance",
    "strategic",
    "mutual",
    "trust",
    "level",
    "history",
    "model",
    "interstate",
    "century",
    "pressure",
    "west",
    "dialogue",
    "confidence",
    "development",
    "agenda",
    "energy",
    "military",
    "economic",
    "joint",
]


def build(url: str, n_clusters: int) -> None:
    db = open_database(url)
    with db.Session() as s:
        if (s.scalar(select(func.count(Cluster.id))) or 0) >= n_clusters:
            db.dispose()
            return
    rng = random.Random(7)
    t = time.perf_counter()
    with db.Session.begin() as s:
        s.execute(insert(Outlet), [{"id": i + 1, "name": f"Outlet {i}"} for i in range(40)])
        s.execute(
            insert(Speaker),
            [{"id": i + 1, "name": f"Speaker {i}", "is_organisation": False} for i in range(500)],
        )
        n_docs = max(1, n_clusters // 20)
        base = dt.date(2021, 1, 1)
        s.execute(
            insert(Document),
            [
                {
                    "id": d + 1,
                    "content_hash": f"{d:064d}",
                    "identity": f"{d:064d}",
                    "source": f"doc{d}.txt",
                    "outlet_id": rng.randint(1, 40),
                    "title": f"Article {d}",
                    "published": base + dt.timedelta(days=rng.randint(0, 700)),
                    "text": "x" * 10,
                    "ingested_at": dt.datetime.now(dt.UTC),
                }
                for d in range(n_docs)
            ],
        )
        quotes, clusters = [], []
        qid = 0
        for c in range(n_clusters):
            wording = (
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 25))).capitalize() + "."
            )
            size = 1 if rng.random() < 0.8 else rng.randint(2, 6)
            for _ in range(size):
                qid += 1
                quotes.append(
                    {
                        "id": qid,
                        "document_id": rng.randint(1, n_docs),
                        "start": qid,
                        "end": qid + len(wording),
                        "text": wording,
                        "normalized": normalize(wording),
                        "kind": QuoteKind.SENTENCE,
                        "context": wording,
                        "speaker_id": rng.randint(1, 500),
                        "cluster_id": c + 1,
                        "variant": "same",
                    }
                )
            clusters.append(
                {
                    "id": c + 1,
                    "canonical_quote_id": None,
                    "version": 1,
                    "status": Status.VERIFIED if rng.random() < 0.1 else Status.UNREVIEWED,
                    "created_at": dt.datetime.now(dt.UTC),
                }
            )
        s.execute(insert(Cluster), clusters)
        for i in range(0, len(quotes), 20000):
            s.execute(insert(Quote), quotes[i : i + 20000])
        # The canonical quote of each cluster is its first one.
        s.execute(
            text(
                "UPDATE clusters SET canonical_quote_id = "
                "(SELECT MIN(id) FROM quotes WHERE quotes.cluster_id = clusters.id)"
            )
        )
        refresh_stats(s)
    print(f"built {n_clusters} clusters, {qid} quotes in {time.perf_counter() - t:.1f} s")
    db.dispose()


async def measure(url: str) -> dict[str, float]:
    from tracker.tui.app import ReviewApp

    db = open_database(url)
    app = ReviewApp(db, "bench")
    figures: dict[str, float] = {}
    t0 = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.perf_counter() + 60
        while not getattr(app.screen, "order", None):
            if time.perf_counter() > deadline:
                raise SystemExit("no rows after 60 s")
            await pilot.pause(0.005)
        figures["open → first rows shown (s)"] = time.perf_counter() - t0
        screen = app.screen

        t = time.perf_counter()
        table = screen.query_one("DataTable")
        table.move_cursor(row=len(screen.order) - 1)
        while len(screen.order) <= 200:
            await pilot.pause(0.005)
        figures["scroll past first page → next page loaded (s)"] = time.perf_counter() - t

        async def time_filter(text: str) -> float:
            box = screen.query_one("#search")
            generation = screen.generation
            t = time.perf_counter()
            box.value = text
            while screen.generation == generation or screen.loading:
                await pilot.pause(0.005)
            return time.perf_counter() - t

        figures["filter status:verified (s)"] = await time_filter("status:verified")
        figures["fuzzy search 'strategic partnership summit' (s)"] = await time_filter(
            "strategic partnership summit"
        )
    db.dispose()
    return figures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clusters", type=int, default=100_000)
    ap.add_argument("--db-url")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    url = args.db_url or f"sqlite:///{OUT / f'ui-{args.clusters}.db'}"
    build(url, args.clusters)
    figures = asyncio.run(measure(url))
    print(f"\nreview UI on {args.clusters} clusters ({url.split('?')[0]})")
    for name, value in figures.items():
        print(f"  {name:55} {value:7.3f}")
    print(f"\ncommand: python benchmarks/ui_open.py --clusters {args.clusters}")


if __name__ == "__main__":
    main()
