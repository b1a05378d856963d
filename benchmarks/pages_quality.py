"""Reading real saved pages: what fails, how right the metadata is, junk quotes, speed.

Reads every page in ../shared/corpora/pages/ (read in place; nothing is copied) through
the reading stage (``tracker.sources``) and extraction (``tracker.ingest.document_quotes``),
and reports:

- pages read and failed, with the reasons;
- title, date, author and outlet accuracy on the pages checked by hand
  (``benchmarks/pages_expected.json``: every fourth file, 60 pages, which earlier work was
  tuned on), and invented dates (a date where the page states none); the same on a blind
  sample (``benchmarks/pages_expected_blind.json``: 40 other files, checked before looking
  at the tool's output and never tuned on);
- junk quotes per 100 pages (consent and interface words, addresses, text with no
  words, spans running from one quotation into the next, runaway spans);
- seconds per 100 pages for reading and for extraction.

    python benchmarks/pages_quality.py            # the report
    python benchmarks/pages_quality.py --errors   # and every mismatch, per field
    python benchmarks/pages_quality.py --check    # exit 1 if a target is missed
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.ingest import document_quotes  # noqa: E402
from tracker.sources import Article, outlet_key, read_sources  # noqa: E402

PAGES = ROOT.parent / "shared" / "corpora" / "pages"
EXPECTED = ROOT / "benchmarks" / "pages_expected.json"
# Checked blind, never tuned on: the fair measure of how the reading generalizes.
EXPECTED_BLIND = ROOT / "benchmarks" / "pages_expected_blind.json"
TARGETS = {"outlet": 0.97, "date": 0.95, "author": 0.90}

_JUNK = [
    (
        "consent or interface words",
        re.compile(
            r"\b(?:accept(?: all)?|akzeptier\w*|cookies?|consent|einwillig\w*|newsletter|"
            r"abonnier\w*|subscribe|log ?in|anmelden|registrier\w*|tout accepter)\b",
            re.I,
        ),
    ),
    ("an address", re.compile(r"https?://|www\.", re.I)),
    ("from one quotation into the next", re.compile(r"[”\"»«]\s*[,.;:]?\s+\S.{0,400}?[“„\"«»]")),
]


def junk_reason(text: str) -> str | None:
    if sum(c.isalpha() for c in text) < 2:
        return "no words"
    if len(text) > 1500:
        return "runaway span (over 1,500 characters)"
    for reason, pattern in _JUNK:
        if pattern.search(text):
            return reason
    return None


def _norm_title(t: str) -> str:
    t = unicodedata.normalize("NFKC", t).casefold()
    t = re.sub(r"[“”„\"«»‚‘’'`]", "'", t)
    t = re.sub(r"[–—-]", "-", t)
    t = t.replace("...", "…")
    return " ".join(t.split()).strip(" .")


def _names(value: str | None) -> frozenset[str] | None:
    if not value:
        return None
    return frozenset(outlet_key(n) for n in value.split(";") if n.strip())


def score(art: Article | None, exp: dict) -> dict[str, bool | None]:
    """Per field: right (True), wrong (False) or not scored (None)."""
    got_title = _norm_title(art.title) if art and art.title else ""
    title = any(got_title == _norm_title(t) for t in exp["title"])
    if art and art.published:
        got_date = art.published.isoformat()
    elif art and art.published_year:
        got_date = str(art.published_year)
    else:
        got_date = None
    date = got_date in exp["date"]
    if exp["author"] == "unchecked":
        author = None
    else:
        got = _names(art.author if art else None)
        author = any(got == (_names("; ".join(a)) if a else None) for a in exp["author"])
    accepted = {outlet_key(o) for o in exp["outlet"]}
    outlet = bool(art and art.outlet and outlet_key(art.outlet) in accepted)
    return {"title": title, "date": date, "author": author, "outlet": outlet, "got_date": got_date}


def report_sample(
    path: Path, articles: dict[str, Article]
) -> tuple[dict[str, float], list[str], list[str]]:
    """Score one hand-checked sample and print its lines: rates, invented dates, mismatches."""
    expected = json.loads(path.read_text(encoding="utf-8"))["pages"]
    fields = ("title", "date", "author", "outlet")
    right: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    invented: list[str] = []
    stated = 0
    stated_right = 0
    mistakes: list[str] = []
    for exp in expected:
        art = articles.get(exp["file"])
        s = score(art, exp)
        for field in fields:
            if s[field] is None:
                continue
            scored[field] += 1
            right[field] += bool(s[field])
            if not s[field]:
                got = {
                    "title": art.title if art else None,
                    "date": s["got_date"],
                    "author": art.author if art else None,
                    "outlet": art.outlet if art else None,
                }[field]
                want = exp[field]
                mistakes.append(f"  {field:6} {exp['file']}: got {got!r}, checked {want!r}")
        says = [d for d in exp["date"] if d]
        if says:
            stated += 1
            stated_right += bool(s["date"])
        elif s["got_date"] is not None:
            invented.append(exp["file"])
    print(f"hand-checked pages: {len(expected)} (benchmarks/{path.name})")
    results = {}
    for field in fields:
        results[field] = right[field] / scored[field] if scored[field] else 0.0
        print(f"  {field:6} right: {results[field]:.3f} ({right[field]}/{scored[field]})")
    results["date"] = stated_right / stated if stated else 0.0
    print(
        f"  date right where the page states one: {results['date']:.3f} ({stated_right}/{stated})"
    )
    print(f"  invented dates: {len(invented)}" + (f" ({', '.join(invented)})" if invented else ""))
    return results, invented, mistakes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--expected", type=Path, default=EXPECTED)
    ap.add_argument("--blind", type=Path, default=EXPECTED_BLIND)
    ap.add_argument("--errors", action="store_true", help="print every mismatch")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()

    files = sorted(args.pages.glob("*.htm*"))
    if not files:
        print(f"no pages in {args.pages}", file=sys.stderr)
        return 2
    articles: dict[str, Article] = {}
    failures: dict[str, str] = {}
    read_seconds = 0.0
    for f in files:
        t0 = time.perf_counter()
        items = list(read_sources([f]))
        read_seconds += time.perf_counter() - t0
        for item in items:
            if isinstance(item, Article):
                articles[f.name] = item
            else:
                failures[f.name] = item.reason

    extract_seconds = 0.0
    n_quotes = 0
    junk: Counter[str] = Counter()
    junk_examples: list[tuple[str, str, str]] = []
    for name, art in articles.items():
        t0 = time.perf_counter()
        quotes = document_quotes(art.text)
        extract_seconds += time.perf_counter() - t0
        n_quotes += len(quotes)
        for q in quotes:
            if (reason := junk_reason(q.text)) is not None:
                junk[reason] += 1
                junk_examples.append((name, reason, q.text[:120]))

    print(f"pages: {len(files)}; read: {len(articles)}; failed: {len(failures)}")
    for reason, n in Counter(failures.values()).most_common():
        print(f"  failed ({n}): {reason}")
    encodings = Counter(
        (a.encoding or "").split(" (")[0]
        + (" (guessed)" if "guessed" in (a.encoding or "") else "")
        for a in articles.values()
    )
    print("encodings: " + ", ".join(f"{k} {v}" for k, v in encodings.most_common()))
    notes = Counter(n.split(":")[0].split(" (")[0] for a in articles.values() for n in a.notes)
    for note, n in notes.most_common():
        print(f"  noted ({n}): {note}")

    results, invented, mistakes = report_sample(args.expected, articles)
    _, _, blind_mistakes = report_sample(args.blind, articles)
    per100 = 100 / max(1, len(articles))
    print(
        f"quotes: {n_quotes} ({n_quotes * per100:.0f} per 100 pages); junk: {sum(junk.values())} "
        f"({sum(junk.values()) * per100:.1f} per 100 pages)"
    )
    for reason, n in junk.most_common():
        print(f"  junk ({n}): {reason}")
    print(
        f"seconds per 100 pages: reading {read_seconds * 100 / len(files):.2f}, "
        f"extraction {extract_seconds * per100:.2f}"
    )
    if args.errors:
        print("mismatches:")
        print("\n".join(mistakes) or "  none")
        print(f"mismatches on the blind sample ({args.blind.name}):")
        print("\n".join(blind_mistakes) or "  none")
        print("junk quotes:")
        for name, reason, text in junk_examples:
            print(f"  {name} [{reason}]: {text!r}")
    missed = [f for f, target in TARGETS.items() if results[f] < target] + (
        ["invented dates"] if invented else []
    )
    if missed:
        print("targets missed: " + ", ".join(missed))
    return 1 if args.check and (missed or failures_for_encoding(failures)) else 0


def failures_for_encoding(failures: dict[str, str]) -> bool:
    return any("UTF-8" in r or "encoding" in r or "decod" in r for r in failures.values())


if __name__ == "__main__":
    sys.exit(main())
