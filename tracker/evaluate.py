"""Scoring the extractor against hand-annotated quotations.

The annotation format is that of ``tests/data/seed_quotes.jsonl``: one JSON
object per quotation with ``doc``, ``text``, ``occurrence``, ``kind`` and
``speaker``. Spans are compared after trimming spaces and the punctuation a
quotation may or may not include at its edges ("…level," vs "…level").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.quotes import ExtractedQuote, extract_quotes
from tracker.speakers import same_person

_EDGE = " \t\n\u00a0.,;:…'\"“”‘’«»-–—"
SCORED_KINDS = {"sentence", "phrase"}


def edge_trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def gold_span(text: str, quote: str, occurrence: int) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise ValueError(f"annotated text not found: {quote[:60]!r}")
    return pos, pos + len(quote)


@dataclass
class Score:
    gold: int = 0
    found: int = 0  # gold sentence/phrase quotes found
    predicted: int = 0
    correct: int = 0  # predicted sentence/phrase quotes that are annotated quotations
    attributed: int = 0  # gold quotes with a speaker that were found
    speaker_right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    speaker_errors: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.attributed if self.attributed else 1.0


def load_annotation(path: Path) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_doc.setdefault(row["doc"], []).append(row)
    return by_doc


def score(docs: Iterable[tuple[str, str]], annotation: dict[str, list[dict]]) -> Score:
    """Score extraction on ``(name, text)`` pairs against ``annotation``."""
    result = Score()
    for name, text in docs:
        gold = annotation.get(name, [])
        predicted = extract_quotes(text)
        by_span: dict[tuple[int, int], ExtractedQuote] = {
            edge_trimmed(text, q.start, q.end): q for q in predicted
        }
        gold_spans = set()
        for row in gold:
            span = edge_trimmed(text, *gold_span(text, row["text"], row.get("occurrence", 0)))
            gold_spans.add(span)
            hit = by_span.get(span)
            if row["kind"] in SCORED_KINDS:
                result.gold += 1
                if hit:
                    result.found += 1
                else:
                    result.misses.append(f"{name}: {row['text'][:70]!r}")
            if hit and row.get("speaker"):
                result.attributed += 1
                if hit.speaker and same_person(hit.speaker, row["speaker"]):
                    result.speaker_right += 1
                else:
                    result.speaker_errors.append(
                        f"{name}: {row['text'][:50]!r} gold={row['speaker']} got={hit.speaker}"
                    )
        for q in predicted:
            if q.kind.value in SCORED_KINDS:
                result.predicted += 1
                if edge_trimmed(text, q.start, q.end) in gold_spans:
                    result.correct += 1
                else:
                    result.wrong.append(f"{name}: {q.text[:70]!r}")
    return result


@dataclass
class PairScore:
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def score_clusters(
    docs: dict[str, str],
    quotes: dict[tuple[str, int, int], tuple[int, int | None]],
    annotation: dict[str, list[dict]],
    gold: dict,
) -> PairScore:
    """Pairwise precision/recall of stored clusters against annotated ones.

    ``quotes`` maps (doc name, start, end) of each stored quote (edge-trimmed)
    to (quote id, cluster id). Only annotated quotations take part: gold
    clusters list the groups, every other annotated quotation stands alone.
    """

    def key(ref: dict) -> tuple[str, int, int]:
        text = docs[ref["doc"]]
        return (
            ref["doc"],
            *edge_trimmed(text, *gold_span(text, ref["text"], ref.get("occurrence", 0))),
        )

    label: dict[tuple[str, int, int], str] = {}
    for name, rows in annotation.items():
        if name in docs:
            for row in rows:
                if row["kind"] != "scare":
                    label[key(row)] = f"single:{key(row)}"
    for n, c in enumerate(gold["clusters"]):
        for ref in c["members"]:
            label[key(ref)] = f"gold:{n}"
    found = {k: quotes[k] for k in label if k in quotes}
    keys = sorted(found)
    result = PairScore(0, 0, 0)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            same_gold = label[a] == label[b]
            same_pred = found[a][1] is not None and found[a][1] == found[b][1]
            result.true_pairs += same_gold
            result.predicted_pairs += same_pred
            result.correct_pairs += same_gold and same_pred
            if same_gold and not same_pred:
                result.missed.append(f"{a} ~ {b}")
            if same_pred and not same_gold:
                result.spurious.append(f"{a} ~ {b}")
    return result


def stored_quote_spans(
    session, names: dict[int, str]
) -> dict[tuple[str, int, int], tuple[int, int | None]]:
    """(doc name, trimmed start, end) → (quote id, cluster id) for the given documents."""
    from sqlalchemy import select

    from tracker.store.models import Document, Quote

    out = {}
    rows = session.execute(
        select(Quote.id, Quote.cluster_id, Quote.start, Quote.end, Quote.document_id, Document.text)
        .join(Document)
        .where(Quote.document_id.in_(list(names)))
    )
    for qid, cid, start, end, doc_id, text in rows:
        out[(names[doc_id], *edge_trimmed(text, start, end))] = (qid, cid)
    return out
