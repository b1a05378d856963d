"""Extraction time per MB for hostile text shapes, next to ordinary news (issue #15).

Each shape is generated at the sizes asked for and run through ``extract_quotes`` in a
child process of its own, so each peak RSS belongs to that run. Prints seconds per MB of
CPU time, the ratio to ordinary news, quotes found and peak memory.

    python benchmarks/adversarial_speed.py                 # 0.1 and 1 MB
    python benchmarks/adversarial_speed.py --sizes 0.1,1,10
    python benchmarks/adversarial_speed.py --sizes 20 --only news,prose
    python benchmarks/adversarial_speed.py --check         # 0.1, 1, 10 and 20 MB, verdicts

Targets (issue #15): every shape within 3x of ordinary news per MB; peak memory under
500 MB for a 20 MB file. The last column names the limits a run reached (nesting depth,
quotations per paragraph, marks or quotations per character, quotation length), as
``extract_quotes`` reports them.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEWS = (
    "The council met on Tuesday to discuss the budget. \"We will not cut a single teacher's "
    'job," said Mayor Anna Berg, who has led the city since 2019. Her rival, Tomas Rue, '
    'called the plan "a fantasy" and said he would vote against it.\n\n'
)


def shape(name: str, size: int) -> str:
    """``size`` characters of one shape."""
    unit = {
        "news": NEWS,
        "prose": "The council met again on Tuesday and the mayor said the budget would pass. ",
        "short-lines": "x\n",  # a paragraph every two characters
        "quoted-words": '"x" ',
        "quoted-words-lines": '"x" "x" "x" "x"\n',  # the same, in many short paragraphs
        "quotes-one-paragraph": 'Anna Berg said, "We will fix the road soon." ',
        "dialogue": '"No," Berg said.\n',  # a transcript: a quotation on every short line
        "nested": None,
        "nested-curly": None,
        "nested-lines": "“" * 20 + "x" + "”" * 20 + "\n",  # deeper than MAX_DEPTH on every line
        "unclosed": '"we will ',
        "apostrophes": "Berg's plan isn't the city's ",
    }[name]
    if unit is None:  # quotes nested as deep as the text allows
        half = size // 2
        if name == "nested-curly":  # “ only opens and ” only closes: these do nest
            return "“" * half + "x" + "”" * half
        return '"' * half + "x" + '"' * half
    return (unit * (size // len(unit) + 1))[:size]


SHAPES = ["news", "prose", "short-lines", "quoted-words", "quoted-words-lines",
          "quotes-one-paragraph", "dialogue", "nested", "nested-curly", "nested-lines",
          "unclosed", "apostrophes"]  # fmt: skip


def child(name: str, size: int) -> None:
    from tracker.quotes import extract_quotes

    text = shape(name, size)
    notes: list[str] = []
    start = time.process_time()
    try:
        quotes = extract_quotes(text, "en", notes)
    except TypeError:  # older code, without notes
        quotes = extract_quotes(text, "en")
    cpu = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    hit = [k for k, w in LIMIT_WORDS.items() if any(w in n for n in notes)]
    print(json.dumps({"cpu": cpu, "quotes": len(quotes), "peak_mb": peak, "limits": hit}))


# A word of each limit's note, and the name the table gives it.
LIMIT_WORDS = {"depth": "nested more", "para": "paragraph(s) with more", "dense": "too dense",
               "long": "longer than"}  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0.1,1", help="sizes in MB, comma-separated")
    ap.add_argument("--only", help="shapes to run, comma-separated (default: all)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per run")
    ap.add_argument("--check", action="store_true", help="sizes 0.1,1,10,20 and verdicts")
    ap.add_argument("--_child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._child:
        child(args._child[0], int(args._child[1]))
        return 0
    if args.check:
        args.sizes = "0.1,1,10,20"
    names = args.only.split(",") if args.only else SHAPES
    worst_ratio: tuple[float, str] = (0.0, "")
    worst_peak: tuple[float, str] = (0.0, "")
    print(
        f"{'shape':22s} {'MB':>6s} {'s/MB':>8s} {'x news':>7s} {'quotes':>8s} {'peak MB':>8s}"
        "  limits reached"
    )
    for mb in (float(x) for x in args.sizes.split(",")):
        size = int(mb * 1_000_000)
        news_rate = None
        for name in (["news"] if "news" not in names else []) + names:
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--_child", name, str(size)],
                    capture_output=True, text=True, timeout=args.timeout, check=True,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                print(f"{name:22s} {mb:6.1f}  stopped after {args.timeout:.0f} s")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            rate = r["cpu"] / mb
            if name == "news":
                news_rate = rate
            ratio = rate / news_rate if news_rate else float("nan")
            if name in names:
                print(
                    f"{name:22s} {mb:6.1f} {rate:8.2f} {ratio:7.1f} {r['quotes']:8d} "
                    f"{r['peak_mb']:8.0f}  {','.join(r.get('limits', [])) or '-'}",
                    flush=True,
                )
                worst_ratio = max(worst_ratio, (ratio, f"{name} at {mb:g} MB"))
                if mb >= 20:
                    worst_peak = max(worst_peak, (r["peak_mb"], f"{name} at {mb:g} MB"))
    print(f"slowest against news: {worst_ratio[0]:.1f}x ({worst_ratio[1]}); target <= 3x")
    if worst_peak[1]:
        print(f"highest peak at 20 MB or more: {worst_peak[0]:.0f} MB ({worst_peak[1]}); "
              "target < 500 MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
