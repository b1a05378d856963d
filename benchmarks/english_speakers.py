"""Speaker accuracy on real English news pages, judged blind by hand.

PolNeAR is US politics from 2016; this measures whether the English rules carry over to
other writing: UK papers, local TV sites, magazines, blogs, Q&A interviews. Pages are read
and scored as in ``european_speakers.py`` (``page_speakers.py``: the pages in
../shared/corpora/pages/ read in place, each judged quotation found by its offsets).

How a sample is drawn: every page ``tracker.sources.read_sources`` reads as English (38
pages; six of them are German or French text under an English ``lang`` tag, and are kept,
since the tool treats them as English), files in name order, every quotation of kind
sentence or phrase from ``tracker.ingest.document_quotes`` in text order; the list shuffled
with ``random.Random(seed)`` and taken in that order, at most four per page. For each, the
page text around the quotation was read and the judgement written down before the tool's
answer was looked at; the tool's answer then went into ``tool_at_judging``.

Samples (file names, offsets and judgements only, no page text):

- ``benchmarks/pages_speakers_en_blind.jsonl``: seed 41, 90 quotations (four per page
  leaves no more than 90 among the 380). It guided the rules that followed, so after them
  it is the development figure; ``tool_at_judging`` holds the answers before them.
- ``benchmarks/pages_speakers_en_blind2.jsonl``: 59 more, none in the first (four per page
  leaves no more among the other 290), drawn with seed 43 after the last rule and judged
  the same way: the fair figure for those rules. One change was reverted after it was
  read (German and French rules for pages declared English: worse on its French page), so
  for that change it is not blind.

A judgement names the person or body credited as the page names them (``speaker``, other
acceptable names in ``also``); empty where nobody is credited or the words are not speech
(a title, a term, a prompt, a team name). ``none_ok`` marks quotations where leaving the
speaker out is also right (an unnamed member of the public, a scare term in someone's
paraphrase, a dek under the headline).

    python benchmarks/english_speakers.py            # the figures
    python benchmarks/english_speakers.py --errors   # and every mismatch
"""

from __future__ import annotations

from pathlib import Path

from page_speakers import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    ("first sample (guided the rules)", ROOT / "benchmarks" / "pages_speakers_en_blind.jsonl"),
    ("second sample (judged after them)", ROOT / "benchmarks" / "pages_speakers_en_blind2.jsonl"),
]


if __name__ == "__main__":
    raise SystemExit(main(SAMPLES, __doc__.split("\n")[0]))
