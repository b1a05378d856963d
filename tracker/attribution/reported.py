"""People the text reports as speaking without quoting them ("Lee said the plan would
fail"), in reading order: pronoun and surname resolution in ``speakers`` needs them."""

from __future__ import annotations

import re

from tracker.attribution.clauses import (
    aux_last,
    cut_apposition,
    noun_use,
    strip_aux,
)
from tracker.attribution.lexicon import (
    PRONOUNS,
)
from tracker.attribution.phrases import (
    AUX,
    CUE,
    np_before,
    valid,
)


def reported_speakers(text: str) -> list[tuple[int, str]]:
    """Everyone the text reports as speaking, quoted or not ("Wang said the …")."""
    found = []
    # Find the cue words first (one cheap pass), then read the subject before each.
    # Only cues after a capitalised word or an apposition's comma can have a named
    # speaker; the pattern rejects every other position after one character.
    for m in _REPORTED_CUE.finditer(text):
        at = m.start("cue")
        head = text[max(0, at - 200) : at].rstrip()
        last = head[head.rfind(" ") + 1 :]
        # Most heads end in a name: no auxiliary, contraction, apposition or dash to cut, and
        # the two calls below would return them unchanged.
        if head[-1:] in ",—–-" or "’" in head[-5:] or "'" in head[-5:] or aux_last(last):
            head, _ = cut_apposition(strip_aux(head))
            last = head[head.rfind(" ") + 1 :]
        if not last[:1].isupper():
            continue  # only named speakers are kept: a capitalised word must end the phrase
        # (Tested after the cheaper test above, which rules out a third of the cues.)
        if noun_use(text, at):
            continue
        np = np_before(head)
        if valid(np) and np.lower() not in PRONOUNS and not np.lower().startswith("the "):
            found.append((at, np))
    return found


# Possessive: the word and the spaces after it are never given back (nothing after them
# can start with what they hold), which spares the search its backtracking; same matches.
# "(?:[A-Z][\w’'.\-]*+|,)" opening with one class, so that the search skips to candidates.
_REPORTED_CUE = re.compile(rf"[A-Z,](?:(?<=,)|(?<=[A-Z])[\w’'.\-]*+)\s++{AUX}(?P<cue>{CUE})\b")
