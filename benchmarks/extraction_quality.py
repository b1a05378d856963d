"""Extraction quality on the annotated seeds: recall, precision, speaker accuracy.

Usage: python benchmarks/extraction_quality.py [--verbose]
"""

from __future__ import annotations

import sys
from pathlib import Path

from tracker.evaluate import load_annotation, score

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    annotation = load_annotation(ROOT / "tests" / "data" / "seed_quotes.jsonl")
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    s = score(docs, annotation)
    print("extraction quality on seeds/ against tests/data/seed_quotes.jsonl")
    print(f"  recall (sentence+phrase, exact span)  {s.recall:.3f}  ({s.found}/{s.gold})")
    print(f"  precision (sentence+phrase)           {s.precision:.3f}  ({s.correct}/{s.predicted})")
    print(
        f"  speaker accuracy (attributed quotes)  {s.speaker_accuracy:.3f}  "
        f"({s.speaker_right}/{s.attributed})"
    )
    if "--verbose" in sys.argv:
        for title, rows in (
            ("missed", s.misses),
            ("not annotated", s.wrong),
            ("speaker errors", s.speaker_errors),
        ):
            print(f"\n{title}:")
            for row in rows:
                print("  " + row)


if __name__ == "__main__":
    main()
