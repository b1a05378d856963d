"""Quotation and speaker quality on real US political news (PolNeAR, train and dev).

Scores ``tracker``'s extraction and attribution with the rule in
``../shared/corpora/polnear/README.md`` and prints, per split: quotation precision, recall and
F1, speaker accuracy on matched quotations, end-to-end F1, and the errors by cause.

Usage:
    python benchmarks/attribution_quality.py [--split train|dev ...] [--corpus DIR]
        [--errors CAUSE] [--limit N] [--pronouns FILE]

``--errors "wrong speaker"`` prints that cause's errors with their sentence, for reading.
``--pronouns FILE`` writes every quotation on the split whose speaker was named by a pronoun
(he, she, they) with the person it was resolved to and the sentence, for a hand check.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from tracker.evaluate import AttributionScore, predicted_quotes, score_attribution

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear"
TARGETS = {"quotation F1": 0.96, "speaker accuracy": 0.93, "end-to-end F1": 0.90}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def report(split: str, s: AttributionScore) -> None:
    print(f"{split}: {s.gold} annotated quotations, {s.predicted} predicted")
    print(f"  quotation precision   {s.precision:.3f}")
    print(f"  quotation recall      {s.recall:.3f}")
    print(f"  quotation F1          {s.f1:.3f}   (dev target {TARGETS['quotation F1']})")
    print(
        f"  speaker accuracy      {s.speaker_accuracy:.3f}   ({s.speaker_right}/{s.matched}; "
        f"dev target {TARGETS['speaker accuracy']})"
    )
    print(
        f"  end-to-end F1         {s.end_to_end_f1:.3f}   (dev target {TARGETS['end-to-end F1']})"
    )
    print("  errors by cause")
    print(f"    no speaker          {s.no_speaker}")
    print(f"    wrong speaker       {s.wrong_speaker}")
    print(f"    missed quote        {s.missed}")
    print(f"    extra quote         {s.extra}")


def show_errors(arts: dict[str, dict], s: AttributionScore, cause: str, limit: int) -> None:
    rows = [e for e in s.errors if e["cause"] == cause]
    random.Random(7).shuffle(rows)
    for e in rows[:limit]:
        text = arts[e["doc"]]["text"]
        lo = text.rfind("\n", 0, e["start"]) + 1
        hi = text.find("\n", e["end"])
        hi = len(text) if hi < 0 else hi
        lo = max(lo, e["start"] - 300)
        hi = min(hi, e["end"] + 200)
        info = {k: v for k, v in e.items() if k not in ("cause", "start", "end")}
        print(f"--- {info}")
        print(
            "    "
            + text[lo : e["start"]]
            + "⟦"
            + text[e["start"] : e["end"]]
            + "⟧"
            + text[e["end"] : hi]
        )


def pronoun_sample(articles: list[dict], out: Path) -> int:
    rows = []
    for art in articles:
        text = art["text"]
        for q in predicted_quotes(text):
            if (q.speaker_as_named or "").lower() in ("he", "she", "they"):
                lo = max(0, q.start - 400)
                rows.append(
                    dict(
                        doc=art["name"],
                        start=q.start,
                        as_named=q.speaker_as_named,
                        resolved=q.speaker,
                        before=text[lo : q.start],
                        quote=q.text[:200],
                    )
                )
    with out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(rows)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--split", action="append", choices=["train", "dev"])
    ap.add_argument("--errors", help="print errors of this cause")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--pronouns", type=Path, help="write pronoun-resolved quotations here")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    for split in args.split or ["train", "dev"]:
        articles = load(args.corpus / f"{split}.jsonl")
        s = score_attribution(articles)
        report(split, s)
        if args.errors:
            show_errors({a["name"]: a for a in articles}, s, args.errors, args.limit)
        if args.pronouns:
            n = pronoun_sample(articles, args.pronouns)
            print(f"  {n} pronoun-named quotations written to {args.pronouns}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
