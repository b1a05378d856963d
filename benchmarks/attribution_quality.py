"""Quotation and speaker quality on real US political news (PolNeAR, train and dev).

Scores ``tracker``'s extraction and attribution with the rule in
``../shared/corpora/polnear/README.md`` and prints, per split: quotation precision, recall and
F1, speaker accuracy on matched quotations, end-to-end F1, and the errors by cause.

Usage:
    python benchmarks/attribution_quality.py [--split train|dev ...] [--corpus DIR]
        [--errors CAUSE] [--limit N] [--pronouns FILE]

``--errors "wrong speaker"`` prints that cause's errors with their sentence, for reading.
``--pronouns FILE`` writes a fixed sample of 100 quotations whose speaker was named "he" or
"she" and resolved to a person, with the text before each, for a hand check. The checked
samples live in ``benchmarks/pronoun_check_{train,dev}.jsonl`` (document, offset, the person
the pronoun refers to: no article text); each split's report scores today's resolution against
its sample. The dev sample guided the rules; the train one was judged after them. Independent
samples, judged after the rules by someone who did not write them, are reported on their own
line: ``benchmarks/pronoun_check_dev_independent.jsonl`` (the resolved pronouns on dev not in the
first dev sample) and, since all three samples above have guided rules too,
``benchmarks/pronoun_check_train_independent.jsonl`` (100 resolved pronouns on train not in the
first train sample, each speaker judged from the article before looking at the tool's answer)
and ``benchmarks/pronoun_check_train_blind{3,4,5,6,7,8}.jsonl`` (more, each in no earlier sample;
the seventh, 100 resolved pronouns drawn with random.Random(79) after the rule that a nearer
sentence naming someone else leaves a pronoun unresolved, each judged before the answer was read;
the eighth, 100 more drawn with random.Random(83) on 2026-12-07, likewise judged blind).
A check whose ``person`` is empty found no one named, or words that are not the person's
speech; any resolution of it counts as wrong.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from tracker.attribution import same_person
from tracker.evaluate import AttributionScore, predicted_quotes, score_attribution

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear"
# Hand checks of 100 resolved pronouns per split. The dev sample guided the resolution rules;
# the train sample was drawn and judged afterwards (2026-12-06), so it is the fairer figure.
PRONOUN_CHECKS = {
    split: ROOT / "benchmarks" / f"pronoun_check_{split}.jsonl" for split in ("train", "dev")
}
# Judged after the rules by someone who did not write them: on dev (2026-12-06) every resolved
# pronoun the first dev sample does not hold; on train (after the train, dev and dev independent
# samples had guided rules), 100 resolved pronouns not in the first train sample, drawn with
# random.Random(41) and judged blind.
INDEPENDENT_PRONOUN_CHECKS = {
    split: ROOT / "benchmarks" / f"pronoun_check_{split}_independent.jsonl"
    for split in ("train", "dev")
}
# Later train samples, each blind to every rule before it, judged from the article before the
# tool's answer was looked at: the third (session 9), 100 resolved pronouns in neither sample
# above, drawn with random.Random(53); the fourth and fifth (session 10), 160 quotations each
# whose speaker is named "he" or "she", resolved or not, in no earlier sample, drawn with
# random.Random(67) and random.Random(71); the sixth, 130 more (random.Random(73)), judged
# after every rule of that session. The fourth guided that session's name rules (initials,
# nicknames, curled apostrophes, descriptors), the fifth one rule (a role before a name). The
# seventh (session 11): 100 resolved pronouns in no earlier sample (random.Random(79)), drawn
# after that session's last rule and judged from the article before the tool's answer. The
# eighth (session 12, 2026-12-07): 100 resolved pronouns in no earlier sample (random.Random(83)),
# drawn before that session's rules and judged from the article before the tool's answer; no
# rule was tuned on its errors.
BLIND_PRONOUN_CHECKS = {
    "train": [
        ("third blind sample", ROOT / "benchmarks" / "pronoun_check_train_blind3.jsonl"),
        ("fourth blind sample", ROOT / "benchmarks" / "pronoun_check_train_blind4.jsonl"),
        ("fifth blind sample", ROOT / "benchmarks" / "pronoun_check_train_blind5.jsonl"),
        ("sixth blind sample", ROOT / "benchmarks" / "pronoun_check_train_blind6.jsonl"),
        ("seventh blind sample", ROOT / "benchmarks" / "pronoun_check_train_blind7.jsonl"),
        ("eighth blind sample", ROOT / "benchmarks" / "pronoun_check_train_blind8.jsonl"),
    ]
}
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


def resolved_pronouns(articles: list[dict]) -> list[dict]:
    """Every quotation whose speaker was named "he" or "she" and resolved to a person."""
    rows = []
    for art in articles:
        text = art["text"]
        for q in predicted_quotes(text):
            if (q.speaker_as_named or "").lower() in ("he", "she") and q.speaker:
                rows.append(
                    dict(
                        doc=art["name"],
                        start=q.start,
                        pronoun=q.speaker_as_named,
                        resolved=q.speaker,
                        before=text[max(0, q.start - 600) : q.start],
                        quote=q.text[:200],
                    )
                )
    return rows


def pronoun_sample(articles: list[dict], out: Path, size: int = 100) -> int:
    """Write a fixed sample of resolved pronouns, with the text before each, for a hand check."""
    rows = resolved_pronouns(articles)
    sample = sorted(
        random.Random(11).sample(rows, min(size, len(rows))), key=lambda r: (r["doc"], r["start"])
    )
    with out.open("w", encoding="utf-8") as f:
        for r in sample:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(sample)


def _same_as_checked(resolved: str, row: dict) -> bool:
    """Whether ``resolved`` names the person the hand check found: the very name judged
    right, a spelling of that person, a shorter form of it of two words or more
    ("Guajardo Villarreal" for "Ildefonso Guajardo Villarreal"), or, where the check wrote a
    surname alone, a full name ending in it."""
    if resolved == row["resolved"]:
        return bool(row["right"])
    person = row["person"]
    if not person:
        return False
    words = set(re.findall(r"[\w.]+", person.lower()))
    mine = resolved.lower().split()
    # A check that wrote only the surname ("Cole") is met by the full name the text gives
    # that person ("Tom Cole").
    surname = len(words) == 1 and mine[-1:] == list(words)
    return same_person(resolved, person) or len(mine) >= 2 and set(mine) <= words or surname


def pronoun_check(
    articles: list[dict], checked: Path, label: str = "pronouns checked by hand  "
) -> None:
    """Score resolved pronouns against the hand check in ``checked``.

    Each checked row names the person the pronoun refers to (``person``, empty when the
    text does not say). Where today's resolution differs from the one checked, it is
    compared with that person, so the figure follows the code.
    """
    now = {(r["doc"], r["start"]): r["resolved"] for r in resolved_pronouns(articles)}
    right = total = unresolved = 0
    for line in checked.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = (row["doc"], row["start"])
        if key not in now:
            unresolved += 1  # not resolved: not a wrong person, not counted
            continue
        total += 1
        right += _same_as_checked(now[key], row)
    if total:
        print(
            f"  {label}{right / total:.3f}   ({right}/{total} point to the "
            f"right person; {unresolved} not resolved; target 0.90)"
        )


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
        checked = PRONOUN_CHECKS[split]
        if checked.exists():
            pronoun_check(articles, checked)
        independent = INDEPENDENT_PRONOUN_CHECKS.get(split)
        if independent and independent.exists():
            pronoun_check(
                articles, independent, label="pronouns checked by hand, independent sample  "
            )
        for label, blind in BLIND_PRONOUN_CHECKS.get(split, []):
            if blind.exists():
                pronoun_check(articles, blind, label=f"pronouns checked by hand, {label}  ")
        if args.pronouns:
            n = pronoun_sample(articles, args.pronouns)
            print(f"  {n} resolved pronouns written to {args.pronouns} for a hand check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
