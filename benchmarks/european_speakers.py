"""Speaker accuracy on real German, French, Spanish and Portuguese pages, judged by hand.

Reads the pages in ../shared/corpora/pages/ in place (nothing is copied) the way
``pages_quality.py`` does (``tracker.sources.read_sources``, then
``tracker.ingest.document_quotes(text, language)``), finds each judged quotation by its
character offsets, and scores today's speaker against the one judged from the page.

Samples (file names, offsets and judgements only, no page text):

- ``benchmarks/pages_speakers_blind.jsonl``: 100 German and French quotations of kinds
  sentence/phrase, drawn with ``random.Random(11)`` (at most four per page, the languages in
  proportion) and judged from the text around each before the tool's answer was read. It
  guided the rules that followed, so it is the development figure.
- ``benchmarks/pages_speakers_blind2.jsonl``: 60 more, none in the first, drawn with
  ``random.Random(23)`` after the last rule and judged the same way: the fair figure for
  the first pass of rules. It guided the second pass, so it is no longer blind.
- ``benchmarks/pages_speakers_blind3.jsonl``: 60 more, none in the first two, drawn with
  ``random.Random(37)`` after the second pass's last rule (the languages in proportion:
  56 German, 4 French) and judged from the page text before the tool's answer was read:
  the fair figure for the second pass.
- ``benchmarks/pages_speakers_blind4.jsonl``: 80 more, none in the first three, drawn with
  ``random.Random(53)`` from the sentence/phrase quotations of today's code (at most four
  per page, the languages in proportion: 75 German, 5 French) and judged from the page text
  around each before the tool's answer was read: the fair figure for the code before the
  third pass's rules, which it guided.
- ``benchmarks/pages_speakers_blind5.jsonl``: 60 more, none in the first four, drawn with
  ``random.Random(71)`` after the third pass's last rule (57 German, 3 French) and judged
  the same way before the tool's answer was read: the fair figure for the third pass.

- ``benchmarks/pages_speakers_es_pt.jsonl``: every Spanish and Portuguese quotation of
  kinds sentence/phrase on the pages (36), judged from the page text while the tool gave
  none of them a speaker; they then guided the Spanish and Portuguese rules, so this is
  a development figure (0.306 before those rules).

A judgement names the person or body credited as the page names them (``speaker``, with
other acceptable names in ``also``); an empty one means nobody is credited or the words are
not speech (a title, a name, a scare term). ``none_ok`` marks quotations where leaving the
speaker out is also right (a slogan, ``heißt es`` with a body only implied).

Scores: right (the tool names the same person or body, or no one where no one is credited,
which includes a quotation it now leaves out as a title or name),
wrong (someone else, something that is no one, or a speaker where none is credited), none
(no speaker where one is credited). A pronoun the tool could not resolve counts as none.

    python benchmarks/european_speakers.py            # the figures
    python benchmarks/european_speakers.py --errors   # and every mismatch
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.ingest import document_quotes  # noqa: E402
from tracker.sources import Article, read_sources  # noqa: E402

PAGES = ROOT.parent / "shared" / "corpora" / "pages"
SAMPLES = [
    ("first sample (guided the rules)", ROOT / "benchmarks" / "pages_speakers_blind.jsonl"),
    ("second sample (judged after them)", ROOT / "benchmarks" / "pages_speakers_blind2.jsonl"),
    (
        "third sample (judged after the second pass)",
        ROOT / "benchmarks" / "pages_speakers_blind3.jsonl",
    ),
    (
        "fourth sample (judged before the third pass)",
        ROOT / "benchmarks" / "pages_speakers_blind4.jsonl",
    ),
    (
        "fifth sample (judged after the third pass)",
        ROOT / "benchmarks" / "pages_speakers_blind5.jsonl",
    ),
    (
        "Spanish and Portuguese, every quotation (guided the rules)",
        ROOT / "benchmarks" / "pages_speakers_es_pt.jsonl",
    ),
]
# Words that say nothing about who is meant: articles, particles, pronouns.
_EMPTY = frozenset(
    """der die das des dem den ein eine einer eines einem von vom zu und le la les l de du des
    un une et er sie es man il elle ils elles on el los las del una y o os as do da dos das
    um uma e él ella ellos ellas ele ela eles elas""".split()
)
_PRONOUNS = frozenset(
    "er sie es man il elle ils elles on él ella ellos ellas ele ela eles elas".split()
)


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", name.casefold()) if w not in _EMPTY and len(w) > 1}


def verdict(check: dict, speaker: str, as_named: str) -> str:
    """right, wrong or none for one judged quotation and the tool's answer."""
    judged = [check["speaker"], *check.get("also", [])]
    judged = [j for j in judged if j]
    said = f"{speaker} {as_named}".strip()
    if said.casefold() in _PRONOUNS or (as_named.casefold() in _PRONOUNS and not speaker):
        said = ""  # an unresolved pronoun names no one
    if not said:
        return "right" if not judged or check.get("none_ok") else "none"
    if not judged:
        return "wrong"
    words = _words(said)
    if any(_words(j) & words for j in judged):
        return "right"
    # An unresolved pronoun the judgement also allows ("sie" for an unnamed woman).
    if any(j.casefold() == said.casefold() for j in judged):
        return "right"
    return "wrong"


def _quotes(name: str, cache: dict) -> dict[tuple[int, int], tuple[str, str]]:
    if name not in cache:
        found: dict[tuple[int, int], tuple[str, str]] = {}
        for item in read_sources([PAGES / name]):
            if isinstance(item, Article):
                for q in document_quotes(item.text, item.language):
                    found[(q.start, q.end)] = (q.speaker or "", q.speaker_as_named or "")
        cache[name] = found
    return cache[name]


def _overlapping(quotes: dict, check: dict) -> bool:
    return any(s < check["end"] and check["start"] < e for s, e in quotes)


def score(path: Path, errors: bool, cache: dict) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        check = json.loads(line)
        quotes = _quotes(check["file"], cache)
        key = (check["start"], check["end"])
        if key not in quotes:
            # The span moved: a quotation starting at the same place, else none found.
            near = [k for k in quotes if k[0] == check["start"]]
            key = near[0] if near else key
        speaker, as_named = quotes.get(key, ("", ""))
        if key in quotes:
            v = verdict(check, speaker, as_named)
        elif not check["speaker"] or check.get("none_ok"):
            # Left out as a title or name (kind title: no claim); nobody is credited with
            # it, so crediting nobody is right.
            v = "right" if not _overlapping(quotes, check) else "missing"
        else:
            v = "missing"
        counts[v] += 1
        if errors and v != "right":
            judged = " / ".join([check["speaker"] or "(nobody)", *check.get("also", [])])
            print(
                f"  {v:7} {check['file']} {check['start']}-{check['end']}: judged {judged!r}; "
                f"tool {speaker!r} (as named {as_named!r})"
            )
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="list every mismatch")
    args = ap.parse_args()
    cache: dict = {}
    for label, path in SAMPLES:
        if not path.exists():
            continue
        if args.errors:
            print(f"{label}: {path.name}")
        c = score(path, args.errors, cache)
        n = sum(c.values())
        line = (
            f"{label}: accuracy {c['right'] / n:.3f} ({c['right']}/{n}); "
            f"wrong {c['wrong']}; none {c['none']}"
        )
        if c["missing"]:
            line += f"; quotation no longer found {c['missing']}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
