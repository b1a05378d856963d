"""Scoring the extractor against hand-annotated quotations.

The annotation format is that of ``tests/data/seed_quotes.jsonl``: one JSON
object per quotation with ``doc``, ``text``, ``occurrence``, ``kind`` and
``speaker``. Spans are compared after trimming spaces and the punctuation a
quotation may or may not include at its edges ("…level," vs "…level").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.attribution import same_person
from tracker.quotes import ExtractedQuote, extract_quotes

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


@dataclass
class SuggestionRank:
    why: str
    # Place of each side among the other side's suggestions, best first (1-based):
    # 0 when the two are in one cluster already, None when not suggested at all.
    rank_a: int | None
    rank_b: int | None

    def within(self, k: int) -> bool:
        return all(r is not None and r <= k for r in (self.rank_a, self.rank_b))


def score_suggestions(
    docs: dict[str, str],
    quotes: dict[tuple[str, int, int], tuple[int, int | None]],
    gold: dict,
    suggestions: Iterable[tuple[int, int, float]],
) -> list[SuggestionRank]:
    """Where each annotated "suggest" pair (a paraphrase, a translation) stands in each
    side's "possibly the same" list, ranked by stored score."""
    by_quote: dict[int, list[tuple[float, int]]] = {}
    for a, b, sim in suggestions:
        by_quote.setdefault(a, []).append((sim, b))
        by_quote.setdefault(b, []).append((sim, a))

    def find(ref: dict) -> tuple[int, int | None] | None:
        text = docs[ref["doc"]]
        span = gold_span(text, ref["text"], ref.get("occurrence", 0))
        return quotes.get((ref["doc"], *edge_trimmed(text, *span)))

    def rank(mine: tuple[int, int | None], other: tuple[int, int | None]) -> int | None:
        if mine[1] is not None and mine[1] == other[1]:
            return 0
        ordered = [q for _, q in sorted(by_quote.get(mine[0], []), key=lambda x: (-x[0], x[1]))]
        return ordered.index(other[0]) + 1 if other[0] in ordered else None

    out = []
    for pair in gold.get("suggest", []):
        first, second = find(pair["a"]), find(pair["b"])
        if first is None or second is None:
            out.append(SuggestionRank(pair["why"], None, None))
        else:
            out.append(SuggestionRank(pair["why"], rank(first, second), rank(second, first)))
    return out


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


# --- Attribution on annotated news (the PolNeAR format) ---------------------------------------
#
# The rule of ``../shared/corpora/polnear/README.md``: a predicted quotation matches a gold one
# in the same article when it covers at least half of the gold span's characters (one to one,
# greedy); scare quotes are not predictions; the speaker is right when the last word of the
# annotated source occurs in the tool's speaker or speaker-as-named, or the other way round.

_SPEAKER_WORD = re.compile(r"[^\W_]+(?:[.'’\-][^\W_]+)*")


def speaker_words(phrase: str | None) -> list[str]:
    """Lower-case words of a speaker phrase, possessive endings dropped."""
    if not phrase:
        return []
    out = []
    for w in _SPEAKER_WORD.findall(phrase.lower()):
        w = re.sub(r"['’]s$", "", w)
        if w:
            out.append(w)
    return out


def speaker_matches(gold: str, speaker: str | None, as_named: str | None) -> bool:
    """The corpus's speaker rule. An empty gold source is matched by an empty prediction."""
    gold_words = speaker_words(gold)
    predicted = speaker_words(speaker) + speaker_words(as_named)
    if not gold_words:
        return not predicted
    if not predicted:
        return False
    if gold_words[-1] in predicted:
        return True
    return any(ws and ws[-1] in gold_words for ws in map(speaker_words, (speaker, as_named)))


@dataclass
class AttributionScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0
    no_speaker: int = 0  # matched, gold has a source, we found none
    wrong_speaker: int = 0  # matched, we named someone else
    errors: list[dict] = field(default_factory=list)  # one record per error, for reading

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        return self._f1(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 1.0

    @property
    def end_to_end_f1(self) -> float:
        p = self.speaker_right / self.predicted if self.predicted else 1.0
        r = self.speaker_right / self.gold if self.gold else 1.0
        return self._f1(p, r)

    @property
    def missed(self) -> int:
        return self.gold - self.matched

    @property
    def extra(self) -> int:
        return self.predicted - self.matched


def predicted_quotes(text: str) -> list[ExtractedQuote]:
    """What the tool offers as quotations: everything but scare quotes and titles."""
    return [q for q in extract_quotes(text) if q.kind.value not in ("scare", "title")]


def score_attribution(
    articles: Iterable[dict], result: AttributionScore | None = None
) -> AttributionScore:
    """Score extraction and attribution on PolNeAR-style records (``text`` and ``quotes``)."""
    result = result or AttributionScore()
    for art in articles:
        text = art["text"]
        gold = art["quotes"]
        pred = predicted_quotes(text)
        result.gold += len(gold)
        result.predicted += len(pred)
        # Greedy one-to-one: every (gold, predicted) pair with enough overlap, largest first.
        pairs = []
        for gi, g in enumerate(gold):
            need = (g["end"] - g["start"]) / 2
            for pi, q in enumerate(pred):
                overlap = min(g["end"], q.end) - max(g["start"], q.start)
                if overlap > 0 and overlap >= need:
                    pairs.append((-overlap, gi, pi))
        pairs.sort()
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, q = gold[gi], pred[pi]
            result.matched += 1
            if speaker_matches(g["speaker"], q.speaker, q.speaker_as_named):
                result.speaker_right += 1
                continue
            cause = "no speaker" if not (q.speaker or q.speaker_as_named) else "wrong speaker"
            if cause == "no speaker":
                result.no_speaker += 1
            else:
                result.wrong_speaker += 1
            result.errors.append(
                dict(
                    cause=cause,
                    doc=art["name"],
                    start=g["start"],
                    end=g["end"],
                    gold=g["speaker"],
                    cue=g["cue"],
                    got=q.speaker,
                    as_named=q.speaker_as_named,
                )
            )
        for gi, g in enumerate(gold):
            if gi not in used_g:
                result.errors.append(
                    dict(
                        cause="missed quote",
                        doc=art["name"],
                        start=g["start"],
                        end=g["end"],
                        gold=g["speaker"],
                        cue=g["cue"],
                    )
                )
        for pi, q in enumerate(pred):
            if pi not in used_p:
                result.errors.append(
                    dict(
                        cause="extra quote",
                        doc=art["name"],
                        start=q.start,
                        end=q.end,
                        kind=q.kind.value,
                        got=q.speaker,
                        as_named=q.speaker_as_named,
                    )
                )
    return result
