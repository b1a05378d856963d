"""The vocabularies every stage shares: kinds of quotation, verdicts, reviewer decisions.

Plain enumerations with no dependencies, so the text stages (extraction, attribution) can use
them without importing the ORM; ``tracker.store.models`` stores them as strings.
"""

from __future__ import annotations

import enum


class QuoteKind(enum.StrEnum):
    SENTENCE = "sentence"  # one or more whole sentences
    PHRASE = "phrase"  # a fragment of the speaker's words inside the writer's sentence
    BLOCK = "block"  # one paragraph of a quotation that runs over several paragraphs
    SCARE = "scare"  # a term set off in quotes, not someone's statement
    TITLE = "title"  # the name of a show, book, song, slogan or headline: not a claim
    NESTED = "nested"  # words quoted inside another's quotation: part of that claim


# Kinds that are not anyone's claim: kept for the record, left out of clusters and claim counts.
NOT_CLAIMS = frozenset({QuoteKind.SCARE, QuoteKind.TITLE, QuoteKind.NESTED})


class Status(enum.StrEnum):
    """A reviewer's verdict on a claim cluster."""

    UNREVIEWED = "unreviewed"
    VERIFIED = "verified"  # accurately quoted and attributed
    MISQUOTED = "misquoted"
    MISATTRIBUTED = "misattributed"
    OUT_OF_CONTEXT = "out-of-context"
    DISPUTED = "disputed"
    FALSE = "false"
    UNVERIFIABLE = "unverifiable"


class DecisionKind(enum.StrEnum):
    MUST_LINK = "must-link"  # a reviewer merged: these quotes are one statement
    CANNOT_LINK = "cannot-link"  # a reviewer split: never put these together again
