"""Speaker accuracy on real German, French, Spanish and Portuguese pages, judged by hand.

Reads the pages in ../shared/corpora/pages/ in place (nothing is copied) the way
``pages_quality.py`` does (``tracker.sources.read_sources``, then
``tracker.ingest.document_quotes(text, language)``), finds each judged quotation by its
character offsets, and scores today's speaker against the one judged from the page.

Samples (file names, offsets and judgements only, no page text):

- ``benchmarks/pages_speakers_blind.jsonl``: 100 German and French quotations of kinds
  sentence/phrase, drawn with ``random.Random(11)`` (at most four per page, the languages in
  proportion) and judged from the text around each before the tool's answer was read. It
  guided the rules that followed, so it is the development figure.
- ``benchmarks/pages_speakers_blind2.jsonl``: 60 more, none in the first, drawn with
  ``random.Random(23)`` after the last rule and judged the same way: the fair figure for
  the first pass of rules. It guided the second pass, so it is no longer blind.
- ``benchmarks/pages_speakers_blind3.jsonl``: 60 more, none in the first two, drawn with
  ``random.Random(37)`` after the second pass's last rule (the languages in proportion:
  56 German, 4 French) and judged from the page text before the tool's answer was read:
  the fair figure for the second pass.
- ``benchmarks/pages_speakers_blind4.jsonl``: 80 more, none in the first three, drawn with
  ``random.Random(53)`` from the sentence/phrase quotations of today's code (at most four
  per page, the languages in proportion: 75 German, 5 French) and judged from the page text
  around each before the tool's answer was read: the fair figure for the code before the
  third pass's rules, which it guided.
- ``benchmarks/pages_speakers_blind5.jsonl``: 60 more, none in the first four, drawn with
  ``random.Random(71)`` after the third pass's last rule (57 German, 3 French) and judged
  the same way before the tool's answer was read: the fair figure for the third pass.
- ``benchmarks/pages_speakers_blind6.jsonl``: 60 more, none in the first five, drawn with
  ``random.Random(97)`` from the sentence/phrase quotations of the third pass's code (at most
  four per page, the languages in proportion: 54 German, 6 French) and judged from the page
  text around each before the tool's answer was read: the fair figure for the third pass's
  code, before the fourth pass's rules (which did not look at it).
- ``benchmarks/pages_speakers_blind7.jsonl``: 60 more, none in the first six, drawn with
  ``random.Random(101)`` from the sentence/phrase quotations of the fourth pass's code (at
  most four per page, the languages in proportion: 54 German, 6 French) and judged from the
  page text around each before the tool's answer was read: the fair figure for the fourth
  pass's code, before the fifth pass's rules (which did not look at it).
- ``benchmarks/pages_speakers_es_pt.jsonl``: every Spanish and Portuguese quotation of
  kinds sentence/phrase on the pages (36), judged from the page text while the tool gave
  none of them a speaker; they then guided the Spanish and Portuguese rules, so this is
  a development figure (0.306 before those rules).

A judgement names the person or body credited as the page names them (``speaker``, with
other acceptable names in ``also``); an empty one means nobody is credited or the words are
not speech (a title, a name, a scare term). ``none_ok`` marks quotations where leaving the
speaker out is also right (a slogan, ``heißt es`` with a body only implied). Loading and
scoring are shared with ``english_speakers.py`` (``page_speakers.py``, which says how a
judgement is scored).

    python benchmarks/european_speakers.py            # the figures
    python benchmarks/european_speakers.py --errors   # and every mismatch
"""

from __future__ import annotations

from pathlib import Path

from page_speakers import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    ("first sample (guided the rules)", ROOT / "benchmarks" / "pages_speakers_blind.jsonl"),
    ("second sample (judged after them)", ROOT / "benchmarks" / "pages_speakers_blind2.jsonl"),
    (
        "third sample (judged after the second pass)",
        ROOT / "benchmarks" / "pages_speakers_blind3.jsonl",
    ),
    (
        "fourth sample (judged before the third pass)",
        ROOT / "benchmarks" / "pages_speakers_blind4.jsonl",
    ),
    (
        "fifth sample (judged after the third pass)",
        ROOT / "benchmarks" / "pages_speakers_blind5.jsonl",
    ),
    (
        "sixth sample (judged before the fourth pass)",
        ROOT / "benchmarks" / "pages_speakers_blind6.jsonl",
    ),
    (
        "seventh sample (judged before the fifth pass)",
        ROOT / "benchmarks" / "pages_speakers_blind7.jsonl",
    ),
    (
        "Spanish and Portuguese, every quotation (guided the rules)",
        ROOT / "benchmarks" / "pages_speakers_es_pt.jsonl",
    ),
]


if __name__ == "__main__":
    raise SystemExit(main(SAMPLES, __doc__.split("\n")[0]))
