"""Who said each quotation, and how the outlet introduced it.

Pure text work, no database:

- ``rules``: the speaker phrase and cue for each quotation, as the outlet wrote them
  ("Chinese Foreign Ministry spokesman Wang Wenbin", "he", "the company"; "said");
- ``speakers``: within one document, from that phrase to a person or organisation
  (titles dropped, surnames expanded, pronouns resolved with gender agreement);
- ``lexicon``: the English word lists both read (cue verbs, titles, roles, given names).
"""

from tracker.attribution.lexicon import PRONOUNS
from tracker.attribution.rules import (
    NONE,
    Attribution,
    attribute,
    reported_speakers,
    span_sentences,
)
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
