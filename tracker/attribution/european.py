"""Who said it, in French and German news: the reporting patterns those papers use most.

`« … », a déclaré le ministre Jean Dupont`, `Selon X, « … »`, `X a déclaré : « … »`;
`„…“, sagte Kanzler Olaf Brandt`, `„…“, so Brandt`, `Brandt sagte: „…“`, `Laut X „…“`.
Only a cue word of the language credits a quotation: a capitalised noun before a colon
(`Die Lage: „…“`) is no speaker. Continuations take the speaker of the quotation before
them in the same paragraph. Anything else keeps its quotation without a speaker rather
than guessing; English has its own, fuller rules in ``rules``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import ModuleType

from tracker.attribution import lexicon_de, lexicon_fr
from tracker.attribution.rules import NONE, Attribution
from tracker.extract import MARKS, Span

LEXICONS: dict[str, ModuleType] = {"fr": lexicon_fr, "de": lexicon_de}


class _Patterns:
    """The compiled patterns of one language."""

    def __init__(self, lex: ModuleType) -> None:
        verbs = "|".join(sorted(map(re.escape, lex.VERBS), key=len, reverse=True))
        aux = "|".join(map(re.escape, lex.AUXILIARIES))
        aux_part = rf"(?:(?:{aux})\s+)?" if aux else ""
        according = "|".join(map(re.escape, lex.ACCORDING))
        # „…“, sagte X / « … », a déclaré X / « … », déclare-t-il
        self.after = re.compile(
            rf"^[\s\u00a0]*[,.]?[\s\u00a0]*{aux_part}(?P<cue>{verbs})(?:-t)?(?:-(?P<pron>\w+))?"
            rf"\b[\s\u00a0]*(?P<np>[^;:!?«»„“”\"]{{0,120}})",
            re.IGNORECASE,
        )
        # X a déclaré : « … » / X sagte: „…“
        self.before = re.compile(
            rf"(?P<np>(?:[\w’'.\-]+\s+){{0,6}}?[\w’'.\-]+)\s+{aux_part}(?P<cue>{verbs})"
            rf"\b[^.!?«»„“”\"]{{0,60}}?[\s\u00a0]*:[\s\u00a0]*$"
        )
        # Dazu sagt X: „…“ / „…“, so X: the verb before its subject, then a colon
        self.inverted = re.compile(
            rf"\b(?P<cue>{verbs})\s+(?P<np>[^.!?:;«»„“”\"]{{1,80}}?)[\s\u00a0]*:[\s\u00a0]*$"
        )
        # Selon X, « … » / Laut X „…“
        self.according = re.compile(
            rf"\b(?P<cue>{according})\s+(?P<np>[^,.;:!?«»„“”\"]{{2,100}}?)[\s\u00a0]*,?[\s\u00a0]*$",
            re.IGNORECASE,
        )
        self.phrase_end = lex.PHRASE_END
        self.pronouns = set(lex.PRONOUNS)
        self.prepositions = set(lex.PREPOSITIONS)
        self.nouns_capitalised = lex.NOUNS_CAPITALISED


_PATTERNS: dict[str, _Patterns] = {}


def attribute_european(
    text: str, spans: list[Span], paras: Sequence[tuple[int, int]], language: str
) -> list[Attribution]:
    """One ``Attribution`` per span for a French or German text."""
    pat = _PATTERNS.get(language)
    if pat is None:
        pat = _PATTERNS[language] = _Patterns(LEXICONS[language])
    out: list[Attribution] = []
    for k, span in enumerate(spans):
        lo, hi = paras[span.paragraph]
        found = None
        if span.close_mark >= 0:
            found = _after(text, span.close_mark + 1, hi, pat)
        if found is None and span.open_mark >= 0:
            found = _before(text, lo, span.open_mark, pat)
        if found is not None and not _names_someone(text, found.as_named, pat):
            found = None
        if found is None:
            # A continuation: the quotation before it in the same paragraph, at its level.
            for j in range(k - 1, max(-1, k - 65), -1):  # bounded: linear in the text
                prev = spans[j]
                if prev.paragraph != span.paragraph:
                    break
                if prev.parent == span.parent and out[j] is not NONE:
                    found = Attribution(out[j].as_named, out[j].cue, "inherited")
                    break
        out.append(found or NONE)
    # A quotation over several paragraphs is one speaker's: the attribution at its end
    # names every piece ("« … \n\n« … », a déclaré X").
    named = {
        s.block: out[k] for k, s in enumerate(spans) if s.block is not None and out[k] is not NONE
    }
    for k, s in enumerate(spans):
        if s.block is not None and out[k] is NONE and s.block in named:
            out[k] = named[s.block]
    return out


def _after(text: str, at: int, hi: int, pat: _Patterns) -> Attribution | None:
    m = pat.after.match(text[at : min(hi, at + 200)])
    if not m:
        return None
    if m.group("pron"):
        return Attribution(m.group("pron").lower(), m.group("cue").lower(), "after")
    # "„…“, sagte Müller, der Chef der Firma": the name before the apposition.
    np = _phrase(m.group("np").split(",", 1)[0], pat)
    return Attribution(np, m.group("cue").lower(), "after") if np else None


def _before(text: str, lo: int, open_mark: int, pat: _Patterns) -> Attribution | None:
    head = text[max(lo, open_mark - 200) : open_mark]
    if m := pat.according.search(head):
        np = _phrase(m.group("np"), pat)
        return Attribution(np, m.group("cue").lower(), "before") if np else None
    if (
        (m := pat.before.search(head))
        and (np := _phrase(_last_clause(m.group("np")), pat))
        and _names_someone(text, np, pat)  # not "Dazu" of "Dazu sagt X:"
    ):
        return Attribution(np, m.group("cue").lower(), "before")
    # "Dazu sagt Gutierrez: „…“", "…, so Precht: „…“": the verb comes first.
    if (m := pat.inverted.search(head)) and (np := _phrase(m.group("np").split(",")[0], pat)):
        return Attribution(np, m.group("cue").lower(), "before")
    return None


# What may follow a capitalised word inside a German speaker phrase: a genitive or a
# "von"/"für"/"um"/"aus" that names the speaker's organisation, or a second speaker.
_CONTINUES = frozenset("der des von vom für um und".split())

# Articles and determiners: a capitalised one before a noun makes no given name.
_DETERMINERS = frozenset(lexicon_de.ARTICLES + lexicon_fr.ARTICLES + lexicon_fr.DETERMINERS)


def _names_someone(text: str, phrase: str | None, pat: _Patterns) -> bool:
    """Whether a speaker phrase of one word names a person: a pronoun, or a word the text
    also writes after a given name ("sagt Gutierrez" where "Tony Gutierrez" was named).

    In German every noun is capitalised, so a lone capitalised word ("so Experten") is a
    name only where the text shows it as one."""
    if phrase is None or " " in phrase or phrase in pat.pronouns:
        return True
    # The word before it on the same line, not across a sentence's end: a given name, or a
    # title or initial ending in a period ("Dr. Kisabaka", "A. Weber").
    for m in re.finditer(rf"\b(\w+)(\.?)[^\S\n]+{re.escape(phrase)}\b", text):
        first, dot = m.groups()
        if dot and len(first) > 4:
            continue  # "… seit zwei Jahren. Dazu": a sentence's end
        if first[:1].isupper() and first.lower() not in _DETERMINERS:
            return True
    return False


# A period that ends the sentence: not after an initial or a short title ("M.", "Dr.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMme)(?<!\bDr)(?<!\bSt)\.(?:\s|$)")


def _last_clause(words: str) -> str:
    return re.split(r"[,;]", words)[-1]


def _phrase(raw: str, pat: _Patterns) -> str | None:
    """The speaker phrase: cut where a place, time or circumstance begins."""
    raw = _SENTENCE_END.split(raw.replace("\u00a0", " "), maxsplit=1)[0]
    phrase = " " + raw.strip() + " "
    for stop in pat.phrase_end:
        cut = phrase.find(stop, 1)
        if cut > 0:
            phrase = phrase[:cut]
    phrase = phrase.strip(" ,")
    if not phrase or any(c in MARKS for c in phrase):
        return None
    words = phrase.split()
    if words[0].lower() in pat.prepositions:
        return None  # "… zu der von Habeck": no subject
    if pat.nouns_capitalised:
        # German capitalises nouns, not what follows a name: "sagte Tobisch damals auch",
        # "kommentiert Facebook das Gesetz", "so die Sportdirektorin über die …" end at
        # the first lower-case word after a capitalised one (but "der Chef der Firma").
        capital = False
        for i, w in enumerate(words):
            if w[:1].isupper():
                capital = True
            elif capital and w not in _CONTINUES:
                words = words[:i]
                break
        while words and words[-1] in _CONTINUES:  # "sagt Trommer und zeigt auf …"
            words = words[:-1]
        if not words:
            return None
        phrase = " ".join(words)
    if len(words) > 8:
        return None
    if len(words) == 1:
        if words[0].lower() in pat.pronouns:
            return words[0].lower()
        # One capitalised word may be a surname ("so Brandt"); whether the text shows it
        # as one is asked once the phrase is chosen (_names_someone).
        return phrase if words[0][:1].isupper() else None
    return phrase
