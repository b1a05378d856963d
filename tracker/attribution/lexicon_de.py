"""German reporting patterns: the verbs and words that credit a quotation."""

from __future__ import annotations

# After the quotation: „…“, sagte X / „…“, so X / „…“, erklärte sie.
VERBS = """sagte sagt sagten erklärte erklärt betonte betont meinte meint schrieb schreibt
kritisierte kritisiert warnte warnt fügte ergänzte ergänzt räumte bekräftigte bekräftigt
versicherte versichert unterstrich unterstreicht sprach mahnte mahnt forderte fordert
berichtete berichtet erzählte erzählt antwortete antwortet fragte fragt hieß heißt teilte
kommentierte kommentiert bilanzierte resümierte so""".split()
AUXILIARIES: list[str] = []
# Before the quotation: Laut X „…“ / Nach Angaben von X …
ACCORDING = ["laut", "zufolge"]
PHRASE_END = [
    " am ",
    " im ",
    " in ",
    " bei ",
    " beim ",
    " auf ",
    " gegenüber ",
    " vor ",
    " nach ",
    " zu ",
    " zum ",
    " zur ",
    " dem ",
    " den ",
    " der Zeitung",
    " des ",
]
PRONOUNS = ["er", "sie", "es", "man"]
