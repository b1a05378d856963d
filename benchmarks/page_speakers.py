"""Scoring hand-judged speakers on the saved pages: shared by the per-language benchmarks.

``european_speakers.py`` (German, French, Spanish, Portuguese) and ``english_speakers.py``
list their sample files and call ``report``. A sample is JSON lines of file name, character
offsets and the judgement (``speaker``, other acceptable names in ``also``, ``none_ok``),
never page text.

Each page in ../shared/corpora/pages/ is read in place (``tracker.sources.read_sources``,
then ``tracker.ingest.document_quotes(text, language)``, as ``pages_quality.py`` does) and
each judged quotation found by its offsets.

Scores: right (the tool names the same person or body, or no one where no one is credited,
which includes a quotation it now leaves out as a title or name), wrong (someone else,
something that is no one, or a speaker where none is credited), none (no speaker where one
is credited). A pronoun the tool could not resolve counts as none.
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
# Words that say nothing about who is meant: articles, particles, titles, pronouns.
_PRONOUNS = frozenset(
    """er sie es man il elle ils elles on he she they it we you i él ella ellos ellas ele ela
    eles elas""".split()
)
_EMPTY = _PRONOUNS | frozenset(
    """der die das des dem den ein eine einer eines einem von vom zu und le la les l de du des
    un une et the an of and mr mrs ms dr el los las del una y o os as do da dos das um uma
    e""".split()
)

Quotes = dict[tuple[int, int], tuple[str, str]]


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


def page_quotes(name: str, cache: dict[str, Quotes]) -> Quotes:
    """(start, end) -> (speaker, speaker as named) for every quotation on one page."""
    if name not in cache:
        found: Quotes = {}
        for item in read_sources([PAGES / name]):
            if isinstance(item, Article):
                for q in document_quotes(item.text, item.language):
                    found[(q.start, q.end)] = (q.speaker or "", q.speaker_as_named or "")
        cache[name] = found
    return cache[name]


def _overlapping(quotes: Quotes, check: dict) -> bool:
    return any(s < check["end"] and check["start"] < e for s, e in quotes)


def score(path: Path, errors: bool, cache: dict[str, Quotes]) -> Counter[str]:
    """Counts of right, wrong, none (and missing) for one sample; print mismatches if asked."""
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        check = json.loads(line)
        quotes = page_quotes(check["file"], cache)
        key = (check["start"], check["end"])
        if key not in quotes:
            # The span moved: a quotation starting at the same place, else none found.
            near = [k for k in quotes if k[0] == check["start"]]
            key = near[0] if near else key
        speaker, as_named = quotes.get(key, ("", ""))
        if key in quotes:
            v = verdict(check, speaker, as_named)
        elif (not check["speaker"] or check.get("none_ok")) and not _overlapping(quotes, check):
            # Left out as a title or name (no claim): nobody is credited, rightly.
            v = "right"
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


def report(samples: list[tuple[str, Path]], errors: bool) -> None:
    """One line of figures per sample file that exists (and its mismatches if asked)."""
    cache: dict[str, Quotes] = {}
    for label, path in samples:
        if not path.exists():
            continue
        if errors:
            print(f"{label}: {path.name}")
        c = score(path, errors, cache)
        n = sum(c.values())
        line = (
            f"{label}: accuracy {c['right'] / n:.3f} ({c['right']}/{n}); "
            f"wrong {c['wrong']}; none {c['none']}"
        )
        if c["missing"]:
            line += f"; quotation no longer found {c['missing']}"
        print(line)


def main(samples: list[tuple[str, Path]], description: str) -> int:
    """The command line both benchmarks share: the figures, and ``--errors`` for every
    mismatch."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--errors", action="store_true", help="list every mismatch")
    report(samples, ap.parse_args().errors)
    return 0
