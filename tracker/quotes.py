"""Quotes from one text: spans, cues and speakers put together.

This is the pure, database-free step of ingest: ``extract_quotes(text)``
gives everything that is stored for each quotation.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.attribution import (
    Attribution,
    DocumentSpeakers,
    attribute,
    reported_speakers,
    span_sentences,
)
from tracker.extract import find_quotes
from tracker.kinds import QuoteKind
from tracker.text import normalize, paragraphs

MAX_CONTEXT = 1200


@dataclass(slots=True)  # not frozen: a frozen init costs a setattr call per field
class ExtractedQuote:
    start: int
    end: int
    text: str
    normalized: str
    kind: QuoteKind
    parent: int | None  # index of the enclosing quote in the same list
    context: str
    speaker: str | None  # canonical name within this document
    speaker_is_organisation: bool
    speaker_as_named: str | None
    cue: str | None


def extract_quotes(text: str) -> list[ExtractedQuote]:
    paras = paragraphs(text)
    spans = find_quotes(text, paras)
    sentences = span_sentences(text, spans, paras)
    attributions = attribute(text, spans, paras, sentences)
    resolver = DocumentSpeakers(text)
    resolver.note_reported(reported_speakers(text))
    out: list[ExtractedQuote] = []
    for span, attr, (c_lo, c_hi) in zip(spans, attributions, sentences, strict=True):
        resolved = resolver.resolve(attr.as_named, span.start)
        context = text[c_lo:c_hi].strip()
        if len(context) > MAX_CONTEXT:
            context = context[: MAX_CONTEXT - 1] + "…"
        out.append(
            ExtractedQuote(
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                normalized=normalize(text[span.start : span.end]),
                kind=_kind(span.kind, attr),
                parent=span.parent,
                context=context,
                speaker=resolved.name if resolved else None,
                speaker_is_organisation=resolved.is_organisation if resolved else False,
                speaker_as_named=attr.as_named,
                cue=attr.cue,
            )
        )
    return out


# How an attribution was found that credits the quotation's own words to someone.
_CREDITED = frozenset({"after", "before", "sentence", "subject"})


def _kind(kind: QuoteKind, attr: Attribution) -> QuoteKind:
    """A short quotation its sentence credits to someone is a phrase, not a scare quote:
    `Tapper insists the actions were "unethical"`."""
    if kind == QuoteKind.SCARE and attr.how in _CREDITED:
        return QuoteKind.PHRASE
    return kind
