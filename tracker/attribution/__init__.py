"""Who said each quotation, and how the outlet introduced it.

Pure text work, no database:

- ``rules``: the speaker phrase and cue for each quotation, as the outlet wrote them
  ("Chinese Foreign Ministry spokesman Wang Wenbin", "he", "the company"; "said"), by
  trying in turn the rules of ``before``, ``after`` and ``continuation``, with the
  second looks of ``checks``; all read with ``phrases`` (the speaker's noun phrase) and
  ``clauses`` (what stands between it and the cue);
- ``reported``: the people a text reports speaking without quotation marks;
- ``speakers``: within one document, from that phrase to a person or organisation
  (titles dropped, surnames expanded, pronouns resolved with gender agreement);
- ``lexicon``: the English word lists both read (cue verbs, titles, roles, given names).
"""

from tracker.attribution.lexicon import PRONOUNS
from tracker.attribution.phrases import NONE, Attribution
from tracker.attribution.reported import reported_speakers
from tracker.attribution.rules import attribute, span_sentences
from tracker.attribution.speakers import (
    DocumentSpeakers,
    Resolved,
    folded,
    person_name,
    same_person,
    surname_stem,
)

__all__ = [
    "NONE",
    "PRONOUNS",
    "Attribution",
    "DocumentSpeakers",
    "Resolved",
    "attribute",
    "folded",
    "person_name",
    "reported_speakers",
    "same_person",
    "surname_stem",
    "span_sentences",
]
