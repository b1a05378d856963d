"""A document's language: as the page or record declares it, else recognised from its
most common words (English, German, French, Spanish, Italian, Portuguese, Dutch).

No model is needed for the languages the tracker's readers meet most; a text too
short, or in another language, stays without one rather than getting a wrong one.
"""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the and of to in that is was for it with as on he said be at by this have from "
    "not are but they his has were which an their will would been had who we",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
    "auch es an er hat aus bei sie nach wird wie noch oder sind über einem",
    "fr": "le la les de des et un une du en est que qui dans pour pas sur au il par plus "
    "ce avec ne se sont elle ont mais son aux été cette nous",
    "es": "el la de que y en los se del las un por con no una su para es al lo como más "
    "pero sus le ha me si sin sobre este ya entre",
    "it": "il di che e la per un in non una sono del della le si con da al gli dei ha ma "
    "anche come nel più alla questo delle ci essere",
    "pt": "o de a que e do da em um para é com não uma os no se na por mais as dos como "
    "mas foi ao ele das tem à seu sua ou",
    "nl": "de het een en van in is dat op te zijn voor met die niet aan er om ook als maar "
    "bij door wordt naar uit dan wel nog heeft",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
# Each function word → the languages it belongs to ("de", "la", "en" are shared).
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _WORDS.items():
    for _w in _words:
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)


def detect_language(text: str) -> str | None:
    """The language of ``text`` by its function words, or None if unsure."""
    # The first few thousand characters say it as well as the whole text, at a fraction of
    # the cost (extraction calls this for every text whose language is not stored).
    tokens = _TOKEN.findall(text[:6000].lower())
    if len(tokens) < 20:
        return None
    # Counted in C, then read for the few function words (not a dict lookup a token).
    counts = Counter(tokens)
    scores: Counter[str] = Counter()
    for word in counts.keys() & _LANGS_OF.keys():
        for lang in _LANGS_OF[word]:
            scores[lang] += counts[word]
    # (Which of two tied languages ranks first does not matter: a tie is no answer.)
    ranked = scores.most_common(2)
    if not ranked:
        return None
    best, hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if hits < 8 or hits < 0.1 * len(tokens) or hits < 1.5 * runner_up:
        return None
    return best


def language_code(stated: object) -> str | None:
    """An ISO 639-1/3 code from a declared tag ("de-DE", "en_US", "fr")."""
    # A JSON record or manifest may hold anything here (5, ["en"]): only text is a tag.
    if not stated or not isinstance(stated, str):
        return None
    code = stated.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
