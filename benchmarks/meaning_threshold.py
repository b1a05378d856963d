"""The lowest score a suggestion by meaning needs to be stored, chosen by measurement.

Suggestions by meaning (tracker/semantic.py) are stored with scores under the
lexical suggestion threshold (75); stock phrases are close to many quotes and
came out at 28–34. This prints, for each candidate floor:

- on the seeds (ingested into a scratch SQLite database, as the tests do): how
  many suggestions by meaning remain, and where each annotated paraphrase pair
  (tests/data/seed_clusters.json, "suggest") stands in each side's list — they
  must stay among the five best;
- on the variant benchmark (benchmarks/variant_families.py, clustered by the
  tracker; one claim per cluster, as a rebuild suggests): how many suggestions
  by meaning remain, and the share of them joining two quotes of one statement
  (the rest join different statements: noise for a reviewer).

    python benchmarks/meaning_threshold.py
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

FLOORS = [0, 20, 25, 28, 30, 32, 34, 36, 38, 40, 42, 44, 45, 46, 47, 48, 49, 50, 55]


def seeds() -> tuple[list[tuple[int, int, float]], object]:
    """Suggestions stored after ingesting the seeds, and a ranking function over them."""
    from sqlalchemy import select

    from tracker.evaluate import score_suggestions, stored_quote_spans
    from tracker.ingest import ingest
    from tracker.store.db import open_database
    from tracker.store.models import Document, Suggestion

    data = ROOT / "tests" / "data"
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/seeds.db")
        ingest(db, [ROOT / "seeds", data / "extra"])
        with db.Session() as s:
            names = {d.id: Path(d.source).name for d in s.scalars(select(Document))}
            texts = {Path(d.source).name: d.text for d in s.scalars(select(Document))}
            spans = stored_quote_spans(s, names)
            rows = [
                tuple(r)
                for r in s.execute(select(Suggestion.quote_a, Suggestion.quote_b, Suggestion.score))
            ]
        db.dispose()
    gold = json.loads((data / "seed_clusters.json").read_text(encoding="utf-8"))

    def ranks(kept):
        return score_suggestions(texts, spans, gold, kept)

    return rows, ranks


def variants(seed: int) -> list[tuple[float, bool]]:
    """(score, same statement?) of every suggestion by meaning on the variant benchmark."""
    import variant_families

    from tracker import semantic
    from tracker.match import MatchSettings, cluster

    data = variant_families.generate(seed=seed)
    result, _ = cluster(data.items, MatchSettings())
    uf = variant_families._UF(len(data.items))
    for lk in result.links.values():
        uf.union(lk.child, lk.parent)
    labels = uf.labels()
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    texts = {it.id: it.normalized for it in data.items}
    claims = [max(qs, key=lambda q: (len(texts[q]), -q)) for qs in members.values()]
    with semantic.one_thread():
        sug = semantic.Suggester(dict(texts))
        sug.prepare(claims)
        out = []
        for q in claims:
            for c, x in sug.suggest(q, lambda a, b: labels[a] != labels[b], 5):
                out.append((x, data.truth[q] == data.truth[c]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7, help="variant benchmark seed")
    args = ap.parse_args()
    from tracker import semantic

    floor_now = semantic.MIN_SCORE
    semantic.MIN_SCORE = 0.0  # measure every suggestion the model would make
    rows, ranks = seeds()
    by_meaning = [r for r in rows if r[2] < 75]
    var = variants(args.seed)
    print(f"floor in tracker/semantic.py: {floor_now}; suggestions by meaning score below 75\n")
    print(
        "floor | seeds: by meaning kept | paraphrase pairs' ranks (a/b) | all 3 in top 5 "
        "| variants: by meaning kept | same statement"
    )
    for floor in FLOORS:
        kept = [r for r in rows if r[2] >= 75 or r[2] >= floor]
        rk = ranks(kept)
        shown = ", ".join(f"{r.rank_a}/{r.rank_b}" for r in rk)
        ok = all(r.within(5) for r in rk)
        v = [same for x, same in var if x >= floor]
        share = sum(v) / len(v) if v else float("nan")
        print(
            f"{floor:5} | {sum(r[2] >= floor for r in by_meaning):21} | {shown:29} | "
            f"{'yes' if ok else 'NO':14} | {len(v):25} | {share:.3f}"
        )
    print(
        "\nseeds' suggestions by meaning, by score: "
        + ", ".join(f"{x:.1f}" for x in sorted((r[2] for r in by_meaning), reverse=True))
    )


if __name__ == "__main__":
    main()
