"""Who said it, in French and German news: the reporting patterns those papers use most.

`« … », a déclaré le ministre Jean Dupont`, `Selon X, « … »`, `X a déclaré : « … »`;
`„…“, sagte Kanzler Olaf Brandt`, `„…“, so Brandt`, `Brandt sagte: „…“`, `Laut X „…“`.
Only a cue word of the language credits a quotation: a capitalised noun before a colon
(`Die Lage: „…“`) is no speaker. Continuations take the speaker of the quotation before
them in the same paragraph; in German, a quotation inside indirect speech (`Das sei „…“`)
takes the speaker of the sentence that introduced it. Anything else keeps its quotation
without a speaker rather than guessing; English has its own, fuller rules in ``rules``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from types import ModuleType

from tracker.attribution import lexicon_de, lexicon_es, lexicon_fr, lexicon_pt
from tracker.attribution.lexicon import given_name_gender, is_mixed_given_name
from tracker.attribution.phrases import NONE, Attribution
from tracker.attribution.speakers import DocumentSpeakers, Resolved
from tracker.extract import MARKS, Span

LEXICONS: dict[str, ModuleType] = {
    "fr": lexicon_fr,
    "de": lexicon_de,
    "es": lexicon_es,
    "pt": lexicon_pt,
}


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
        # « … », a-t-il déclaré: the auxiliary inverted, the participle after it
        self.after_inverted = (
            re.compile(
                rf"^[\s\u00a0]*,[\s\u00a0]*(?:{aux})-t-(?P<pron>il|elle|ils|elles|on)[\s\u00a0]+"
                rf"(?P<cue>{verbs})\b",
                re.IGNORECASE,
            )
            if aux
            else None
        )
        # „…“, wird X zitiert / „…“, macht X deutlich / „…“, ließ X wissen: a verb whose
        # particle or participle follows the speaker.
        self.after_framed = (
            re.compile(
                rf"^[\s\u00a0]*,[\s\u00a0]*(?P<cue>{'|'.join(lex.FRAMED)})[\s\u00a0]+"
                rf"(?P<np>[^.;:!?«»„“”\"]{{1,100}})[\s\u00a0]+"
                rf"(?P<part>{'|'.join(lex.FRAMED_PARTS)})\b"
            )
            if getattr(lex, "FRAMED", None)
            else None
        )
        # « Première phrase, affirme-t-elle. Suite » / « …, explique Marie Dupont. … »: the
        # verb set in the middle of the quotation, after a comma.
        self.incise = re.compile(
            rf",[\s\u00a0]+(?:(?:{aux})-t-(?P<pron2>il|elle|ils|elles)[\s\u00a0]+)?"
            rf"(?P<cue>{verbs})(?:-t)?(?:-(?P<pron>il|elle|ils|elles)\b)?"
            rf"(?P<np>[^;:!?«»„“”\".,]{{0,80}})[.,]",
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
            rf"\b(?P<cue>{according})\s+(?P<np>[^,.;:!?«»„“”\"]{{2,100}}?)[\s\u00a0]*[,:]?[\s\u00a0]*$",
            re.IGNORECASE,
        )
        # X a ajouté qu’il « … » / X explica en rueda de prensa que el conflicto “…”: a
        # quotation inside what the sentence's subject says, in the writer's words.
        # Found in two steps, each cheap: the word "that" near the end, then the verb and
        # its subject in the words just before it.
        that = "|".join(map(re.escape, lex.THAT))
        self.that_end = re.compile(
            rf"(?<![\w’'])(?:{that})(?:\s+|(?<=[’']))(?P<said>[^.!?:;«»„“”\"]{{0,80}})$"
        )
        # Between the verb and "that" a circumstance ("en rueda de prensa"), in lower case
        # where nouns are: a capital there is a name, and the verb may be a noun ("la juge
        # Claire Martin ajoute que").
        caps = "" if lex.NOUNS_CAPITALISED else "A-ZÀ-ÖØ-Þ"
        self.before_that = re.compile(
            rf"(?<![\w’'.\-])(?P<np>(?:[\w’'.\-]+\s+){{0,6}}?[\w’'.\-]+),?\s+{aux_part}"
            rf"(?P<cue>{verbs})\b(?P<gap>[^.!?:;«»„“”\"{caps}]{{0,60}}?)\s*$"
        )
        # "Wie Sprecher Jan Brandt erklärte, wollte die Firma …: „…“": the speaker in a
        # clause that opens the quotation's sentence.
        self.as_said = (
            re.compile(
                rf"(?:^|[.!?]\s+|\n)(?:{'|'.join(lex.AS_SAID)})\s+(?P<np>[^,.;:!?«»„“”\"]{{2,80}}?)"
                rf"\s+(?P<cue>{verbs})\s*,[^.!?«»„“”\"]*$"
            )
            if getattr(lex, "AS_SAID", None)
            else None
        )
        # "Der Grünen-Politiker sagte am Dienstag, …" / "Zudem betonte der Minister, …": the
        # subject and a reporting verb opening a sentence of indirect speech.
        self.subject_first = re.compile(
            rf"(?P<np>(?:[\w’'.\-]+\s+){{0,5}}?[\w’'.\-]+)\s+(?P<cue>{verbs})\b"
        )
        self.verb_second = re.compile(
            rf"[A-ZÄÖÜ]\w*\s+(?P<cue>{verbs})\s+(?P<np>[^,.;:!?«»„“”\"]{{2,80}}?)\s*,"
        )
        self.verbs = {v.lower() for v in lex.VERBS}
        self.phrase_end = lex.PHRASE_END
        self.pronouns = set(lex.PRONOUNS)
        self.prepositions = set(lex.PREPOSITIONS)
        self.nouns_capitalised = lex.NOUNS_CAPITALISED
        self.pro_drop = lex.PRO_DROP


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
        if (
            found is None
            and span.open_mark >= 0
            and (end := _colon_ends_previous(text, span, paras))
        ):
            # "…, der gesagt hat:\n„…“": the introduction is the paragraph before.
            found = _before(text, paras[span.paragraph - 1][0], end, pat)
        if found is not None and found.as_named == "":
            found = _said_before(text, span, spans, out, paras, k, found.cue)
        if found is not None and not _names_someone(text, found.as_named, pat, found.cue):
            found = None
        if found is None and pat.nouns_capitalised:
            found = _called_as(text, span, lo, hi, pat)
        if found is None:
            found = _sentence_cue(text, span, hi, pat)
        if found is None and span.close_mark >= 0:
            found = _incise(text, span, pat)
        if (
            found is None
            and not _credited_elsewhere(text, lo, span, pat)
            and not _named_thing(text, span, pat)
        ):
            # A continuation: the quotation before it in the same paragraph, at its level.
            for j in range(k - 1, max(-1, k - 65), -1):  # bounded: linear in the text
                prev = spans[j]
                if prev.paragraph != span.paragraph:
                    break
                if prev.parent == span.parent and out[j] is not NONE:
                    found = Attribution(out[j].as_named, out[j].cue, "inherited")
                    break
        if found is None and k > 0 and _opens_alone(text, span, paras, spans[k - 1]):
            prev = spans[k - 1]
            if out[k - 1] is not NONE and _ends_paragraph(text, prev, paras):
                found = Attribution(out[k - 1].as_named, out[k - 1].cue, "inherited")
        if found is None and pat.nouns_capitalised and span.parent is None:
            found = _reported_chain(text, span, spans, out, paras, k, pat)
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


# A short quoted name ("„D.Live“", "»Nau«"): up to three words between marks.
_SHORT_QUOTED = re.compile(r"[„»«“\"](?:[^\s„“”»«\"]+\s){0,2}[^\s„“”»«\"]+[“«»”\"]")


def _blank(m: re.Match[str]) -> str:
    return "x" * len(m.group(0))


def _colon_ends_previous(text: str, span: Span, paras: Sequence[tuple[int, int]]) -> int:
    """Where the paragraph before ``span`` ends in a colon, if the quotation opens its own
    paragraph: the offset just after that colon; else 0."""
    if span.paragraph == 0 or text[paras[span.paragraph][0] : span.open_mark].strip():
        return 0
    lo, hi = paras[span.paragraph - 1]
    before = text[lo:hi].rstrip()
    return lo + len(before) if before.endswith(":") else 0


def _after(text: str, at: int, hi: int, pat: _Patterns) -> Attribution | None:
    window = text[at : min(hi, at + 200)]
    if pat.after_inverted and (m := pat.after_inverted.match(window)):
        return Attribution(m.group("pron").lower(), m.group("cue").lower(), "after")
    if pat.after_framed and (m := pat.after_framed.match(window)):
        np = _phrase(m.group("np"), pat)
        cue = f"{m.group('cue')} {m.group('part')}".lower()
        return Attribution(np, cue, "after") if np else None
    m = pat.after.match(window)
    if not m:
        return None
    cue = m.group("cue")
    if cue.lower() in _IMPERSONAL and (body := _statement_of(m.group("np"))):
        return Attribution(body, f"{cue.lower()} es", "after")
    if cue == "So" or (cue.lower() in _IMPERSONAL and not m.group("np").startswith("es ")):
        # "„…“ So ging das weiter": a new sentence; "„…“ heißt ihr Buch": its name.
        return None
    if m.group("pron"):
        return Attribution(m.group("pron").lower(), cue.lower(), "after")
    # "„…“, sagte Müller, der Chef der Firma": the name before the apposition; but
    # "„…“, so der Chef der Firma, Jan Brandt": the name after the description.
    head, _, rest = m.group("np").partition(",")
    head = _past_adverb(head, pat)
    if pat.pro_drop and m.group("np").lstrip(" \u00a0")[:1] in ("", ".", "\n"):
        return Attribution("", cue.lower(), "after")  # "“…”, subrayó.": said by someone before
    np = _phrase(head, pat)
    if np and np.split()[0].lower() in _DETERMINERS and (name := _full_name_at(rest)):
        np = name
    return Attribution(np, cue.lower(), "after") if np else None


# "hieß es in einer Mitteilung der Polizei": the body whose statement it is.
_STATEMENT_OF = re.compile(
    r"es\s+(?:in|laut)\s+(?:einer|der|dem|einem|seiner|ihrer)\s+(?:\w+\s+)?"
    r"(?:Erklärung|Mitteilung|Pressemitteilung|Presseerklärung|Stellungnahme|Statement)"
    r"\s+(?P<of>des|der|vom|von)\s+(?:[a-zäöüß]+\s+)?(?P<body>[A-ZÄÖÜ][\w\-]+)"
)


def _statement_of(words: str) -> str | None:
    """The body named after an impersonal "heißt es" as the author of a statement ("hieß es
    in einer Erklärung des Ministeriums" → "Ministerium"), in the nominative: a person or
    body only (a noun for one), never the statement itself."""
    m = _STATEMENT_OF.match(words)
    if m is None:
        return None
    body = m.group("body")
    if m.group("of") == "des" and body.endswith("s"):
        # the genitive ending: "Ministeriums", "Verbandes"
        stem = body[:-2] if body.endswith("es") and not _body_noun(body[:-1]) else body[:-1]
        body = stem if _body_noun(stem) or _role_noun(stem) else body[:-1]
    if not (_body_noun(body) or _role_noun(body)):
        return None  # "der Zeitung", "von Montag": no speaker of its own
    return body


def _past_adverb(head: str, pat: _Patterns) -> str:
    """The subject after a reporting verb, past an adverb or connective before it
    ("aponta ainda o jornalista", "explique encore le ministre", "opina en cambio Sergi
    González"), in a language whose nouns are not capitalised."""
    words = head.split()
    if pat.nouns_capitalised or not 2 < len(words) <= 8 or not words[0][:1].islower():
        return head
    if (first := words[0].lower()) in pat.pronouns or first in _DETERMINERS:
        return head
    if words[1].lower() in _SUBJECT_ARTICLES:
        return " ".join(words[1:])
    at = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
    if at and words[at - 1].lower() in _OF | _OBJECT_WORDS:
        return head  # "l’avocat de Marie Dupont": Dupont is whose lawyer, not the speaker
    if at and _full_name_at(" ".join(words[at:])):
        return " ".join(words[at:])
    return head


# "Als „…“ bezeichnete X den Plan": the words a sentence opens with, then who called it so.
_AS_OPENS = re.compile(r"(?:^|[.!?…][“”»«\"]?\s+|\n)Als[\s\u00a0]*$")
_CALLED = re.compile(
    r"[\s\u00a0]*(?P<cue>bezeichnet|bezeichnete|bezeichneten|nennt|nannte|nannten|beschreibt"
    r"|beschrieb|wertet|wertete)[\s\u00a0]+(?P<np>[^.;:!?«»„“”\"]{1,100})"
)


# Words after the verb that name no speaker: an object first, or the impersonal "man".
_NOT_SUBJECTS = frozenset("den einen ihn das es man".split())


def _called_as(text: str, span: Span, lo: int, hi: int, pat: _Patterns) -> Attribution | None:
    """The subject after a German sentence that opens with the words it credits: "Als
    „Faust im Samthandschuh“ bezeichnet Anna Weber, Direktorin des Instituts, die Farbe"."""
    if span.open_mark < 0 or span.close_mark < 0:
        return None
    if not _AS_OPENS.search(text, max(lo, span.open_mark - 10), span.open_mark):
        return None
    m = _CALLED.match(text, span.close_mark + 1, min(hi, span.close_mark + 200))
    if m is None:
        return None
    head = m.group("np").partition(",")[0]
    if head.split()[0] in _NOT_SUBJECTS:
        return None  # "bezeichnete den Plan …", "bezeichnet man": no one named
    np = _phrase(head, pat)
    if np is None or not _names_someone(text, np, pat):
        return None
    return Attribution(np, m.group("cue").lower(), "after")


def _sentence_cue(text: str, span: Span, hi: int, pat: _Patterns) -> Attribution | None:
    """The speaker a sentence names at its end, after the quotation and more words
    ("Durante las “olas de calor” se superan los 5 grados, explica la Aemet.")."""
    if span.close_mark < 0:
        return None
    rest = text[span.close_mark + 1 : min(hi, span.close_mark + 300)]
    end = _SENTENCE_END.search(rest)
    rest = rest[: end.start() + 1] if end else rest
    if any(c in MARKS for c in rest):
        return None  # another quotation first: its cue is its own
    comma = rest.rfind(",")
    if comma <= 0:
        return None
    found = _after(text, span.close_mark + 1 + comma, span.close_mark + 1 + len(rest), pat)
    return found if found and found.as_named else None


def _said_before(
    text: str,
    span: Span,
    spans: list[Span],
    out: list[Attribution],
    paras: Sequence[tuple[int, int]],
    k: int,
    cue: str | None,
) -> Attribution | None:
    """A cue with no subject ("“…”, subrayó."): the speaker of the last attributed
    quotation in this paragraph or the two before, if no other person is presented in
    between; else no one."""
    for j in range(k - 1, -1, -1):
        prev = spans[j]
        if prev.paragraph < span.paragraph - 2:
            return None
        if out[j] is NONE or not out[j].as_named:
            continue
        between = text[prev.end : span.open_mark if span.open_mark >= 0 else span.start]
        theirs = set((out[j].as_named or "").split())
        if any(
            _opens_name(between, at) and not theirs & set(name.split())
            for at, name in _people_named(between, 0, len(between), (), alone=False)
        ):
            return None  # someone else presented since: the subject may be them
        return Attribution(out[j].as_named, cue, "inherited")
    return None


def _opens_name(text: str, at: int) -> bool:
    """Whether a name found at ``at`` opens its run of capitalised words ("Ana Ruiz"),
    rather than continuing one ("Dirección General de Escuelas")."""
    before = text[max(0, at - 40) : at].split()
    return not before or not before[-1][:1].isupper() or before[-1][-1:] in ".!?:"


def _opens_alone(text: str, span: Span, paras: Sequence[tuple[int, int]], prev: Span) -> bool:
    """Whether ``span`` is a paragraph of its own, right after the paragraph of ``prev``
    (a paragraph that is only a quotation, „…“, after „…“, sagt X.)."""
    if span.open_mark < 0 or span.close_mark < 0 or prev.paragraph != span.paragraph - 1:
        return False
    lo, hi = paras[span.paragraph]
    if not text[span.start : hi].rstrip(" \u00a0\n»«“”\"'’").endswith((".", "…")):
        return False  # „Wir sind Kirche“ alone: a heading, the words of someone further on
    return not text[lo : span.open_mark].strip() and not text[span.close_mark + 1 : hi].strip(
        " \u00a0.,;!?\n"
    )


def _ends_paragraph(text: str, span: Span, paras: Sequence[tuple[int, int]]) -> bool:
    """Whether the quotation and its attribution end its paragraph: after the closing mark
    one short clause and no further sentence („…“, sagt X.)."""
    if span.close_mark < 0:
        return False
    rest = text[span.close_mark + 1 : paras[span.paragraph][1]].strip()
    return len(rest) <= 120 and not _SENTENCE_END.search(rest.rstrip(".!? "))


def _credited_elsewhere(text: str, lo: int, span: Span, pat: _Patterns) -> bool:
    """Whether the words before the quotation credit someone the rules could not name
    ("laut den Aktivisten von »…«", "Dennoch gesteht Mazor ein: „…“"): then it is no
    continuation of the quotation before."""
    if span.open_mark < 0:
        return False
    head = text[max(lo, span.open_mark - 200) : span.open_mark]
    if _according(head, pat) is not None:
        return True
    # "Dennoch gesteht Mazor ein: „…“": a reporting verb before the colon with a name or
    # noun as its subject credits someone else, even where the rules could not take the
    # name (but "la jeune femme s’inquiète : « … »" may be the speaker before).
    if not head.rstrip(" \u00a0").endswith(":"):
        return False
    return any(
        w[:1].isupper() and w.lower() not in _DETERMINERS and w not in _CONNECTIVES
        for m in (pat.before.search(head), pat.inverted.search(head))
        if m is not None
        for w in _last_clause(m.group("np")).split()
    )


def _named_thing(text: str, span: Span, pat: _Patterns) -> bool:
    """Whether a short quotation is the name or title of something, set in the sentence
    after an article, a preposition or the noun it names ("die Aktion „…“", "die Zeitung
    „…“", "zum Thema „…“", "in der „…“", "la conférence « … »"): no words of the speaker
    before it, so no continuation."""
    body = text[span.start : span.end].strip()
    if span.open_mark < 0 or not body[:1].isupper() or len(body.split()) > 6:
        return False  # "mit einer „unzureichenden“ Anhebung": a word of the speaker's
    if body.endswith((".", "!", "?", "…", ",")):
        return False
    before = text[max(0, span.open_mark - 60) : span.open_mark].split()
    if not before or not before[-1][-1:].isalpha():
        return False  # after a colon or comma: words said
    last = before[-1]
    if last.lower() in _DETERMINERS or last.lower() in pat.prepositions or last in _CONTRACTED:
        return True
    prev = before[-2] if len(before) > 1 else ""
    if pat.nouns_capitalised and prev.lower() in _DETERMINERS and _adjective(last, pat):
        return True  # "den ersten „…“": an article and an adjective before a name
    if pat.nouns_capitalised:
        # A noun, not the first word of a sentence, a pronoun or a name.
        return (
            last[:1].isupper()
            and prev[-1:].isalpha()
            and prev.lower() in _DETERMINERS | _CONTRACTED
            and last.lower() not in pat.pronouns
        )
    return prev.lower() in _DETERMINERS and last[:1].islower()


# Prepositions with an article in them: "zum Thema „…“", "du journal « … »".
_CONTRACTED = frozenset("zum zur im vom beim ins am au aux du des".split())


def _incise(text: str, span: Span, pat: _Patterns) -> Attribution | None:
    """The speaker named inside the quotation, after a comma, where a sentence of it ends
    ("« …, affirme-t-elle. … »", "« …, explique Marie Dupont. … »"): an inverted pronoun,
    or a given name and surname, never another phrase (« …, dit le proverbe »)."""
    body = text[span.start : span.end]
    for m in pat.incise.finditer(body):
        pron = m.group("pron") or m.group("pron2")
        np = m.group("np").strip()
        if pron and (not np or np[:1].islower()):
            # "…, glisse-t-il lorsqu’on le croise …": the pronoun, then when or where
            return Attribution(pron.lower(), m.group("cue").lower(), "incise")
        if not pron and np and _full_name_at(np, whole=True) and len(np.split()) <= 5:
            return Attribution(np, m.group("cue").lower(), "incise")
    return None


def _before(text: str, lo: int, open_mark: int, pat: _Patterns) -> Attribution | None:
    head = text[max(lo, open_mark - 200) : open_mark]
    if m := _according(head, pat):
        np = _phrase(m.group("np"), pat)
        if np and not _opens_a_noun_phrase(np):
            return None  # "pour faire cesser le mouvement, « … »": a purpose, no one
        return Attribution(np, m.group("cue").lower(), "before") if np else None
    if (
        (m := pat.before.search(head))
        and (
            np := _phrase(_named_clause(head[: m.start("np")], _clause_subject(m.group("np"))), pat)
        )
        and _names_someone(text, np, pat)  # not "Dazu" of "Dazu sagt X:"
        and np not in _CONNECTIVES  # nor "Dennoch" of "Dennoch gesteht X ein:"
    ):
        cue = m.group("cue").lower()
        if cue.startswith("erinner") and " an " in head[m.end("cue") :]:
            return None  # "X erinnerte an Y: „…“": Y's words, or a text's
        return Attribution(np, cue, "before")
    # "Dazu sagt Gutierrez: „…“", "…, so Precht: „…“": the verb comes first.
    if (
        (m := pat.inverted.search(head))
        and not (m.group("cue") in ("so", "So") and m.group("np")[:1].islower())
        and (np := _phrase(m.group("np").split(",")[0], pat))
    ):
        # (but "vor so unsäglichen Sätzen wie: „…“": "so" there is an adverb)
        return Attribution(np, m.group("cue").lower(), "before")
    # "Minister Axel Vogel: „…“": a name with no verb before the colon, where a sentence or
    # paragraph begins; only a given name and surname make it a speaker ("Die Lage: „…“"),
    # or a surname the text gives after a given name (an interview's "Jansen: „…“").
    if (m := _NAME_COLON.search(head)) and (
        _full_name_at(m.group("np"), whole=True) or _known_surname(text, m.group("np").strip())
    ):
        return Attribution(m.group("np").strip(), ":", "before")
    if (
        pat.as_said
        and head.rstrip(" \u00a0").endswith((":", ","))  # not "…, wollte sich „D.Live“ …"
        # (a short quoted name on the way is no quotation: "wollte sich „D.Live“ …")
        and (m := pat.as_said.search(_SHORT_QUOTED.sub(_blank, head)))
        and (np := _phrase(m.group("np"), pat))
        and np.lower() not in pat.pronouns
    ):
        return Attribution(np, m.group("cue").lower(), "before")
    if pat.nouns_capitalised and (m := _WHO_SAID.search(head)):
        # "Ich halte es mit Jan Brandt, der einmal gesagt hat: „…“": the name before "der".
        name = m.group("np")
        if _full_name_at(name, whole=True) and (
            m.group("verb") is None or m.group("verb").lower() in pat.verbs
        ):
            return Attribution(name, "sagte", "before")
    if pat.nouns_capitalised and head.rstrip(" \u00a0").endswith(":"):
        return _subject_before_colon(text, head, pat)
    if (
        (said := pat.that_end.search(head))
        and (m := pat.before_that.search(head, max(0, said.start() - 160), said.start()))
        and m.group("cue") not in _IMPERSONAL  # "das heißt, dass": that is
        and not _names_in(m.group("gap") + " " + said.group("said"), "")
        and (
            np := _phrase(_named_clause(head[: m.start("np")], _clause_subject(m.group("np"))), pat)
        )
        and _opens_a_noun_phrase(np)  # not "75 grados" of "el récord de 20,75 grados explica"
        and _names_someone(text, np, pat)
        and np not in _CONNECTIVES
    ):
        # (Someone else named between the verb and the quotation may be the one quoted.)
        return Attribution(np, m.group("cue").lower(), "before")
    return None


# German indirect speech: the subjunctive forms a paper uses for what someone said ("Das sei
# gefährlich", "Man habe …"), with the conditional forms that stand in for them.
_REPORTED = frozenset(
    """sei seien habe werde könne müsse dürfe solle wolle möge gebe gelte liege stehe gehe
    komme bleibe lasse brauche wisse handle handele zeige fehle hätte hätten wäre wären
    würde würden könnte könnten müsste müssten lägen gäbe""".split()
)
_FIRST_PERSON = frozenset("ich wir".split())
# Where a sentence ends, outside quotations (masked): not after an initial, a short title or
# a number ("am 3. Mai").
_CHAIN_END = re.compile(
    r"(?<![A-Z\d])(?<!\bDr)(?<!\bSt)(?<!\bProf)(?<!\bNr)[.!?…][“”»«\"’)]*\s+|\n"
)
# How far back a chain of indirect speech may look for the sentence that names its speaker.
_CHAIN_BACK = 1500
_CHAIN_SENTENCES = 8


def _reported_chain(
    text: str,
    span: Span,
    spans: list[Span],
    out: list[Attribution],
    paras: Sequence[tuple[int, int]],
    k: int,
    pat: _Patterns,
) -> Attribution | None:
    """The speaker of German indirect speech around a quotation: "Rheinmetall erklärt, dass
    … worden sei. Vielmehr sei ein Dienstleister von dem „…“ betroffen gewesen", "Kritiker
    Jan Brandt urteilte, er sei „…“", or a quotation that is a sentence of its own after
    one naming its subject ("Mazzucotelli wundert sich über … . „…“"). Back from the
    quotation, sentence by sentence, while each is in the subjunctive of reported speech
    (or is a quotation of its own), to the first that names who speaks: an attributed
    quotation, a subject before a reporting verb, a reporting verb after a comma at its
    end. A sentence that names anyone else, or speaks in the writer's own voice, ends the
    search with no one."""
    if span.open_mark < 0 or span.close_mark < 0:
        return None
    lo = paras[max(0, span.paragraph - 3)][0]
    lo = max(lo, span.open_mark - _CHAIN_BACK)
    hi = paras[span.paragraph][1]
    # The text with every quotation's words masked: its periods end no sentence, its verbs
    # are not the writer's.
    chars = list(text[lo:hi])
    inside: list[int] = []  # indices of the spans whose marks lie in the window
    first = k  # spans are in text order: only those near this one are looked at
    while first > 0 and spans[first - 1].start >= lo and k - first < 64:
        first -= 1
    last = k
    while last + 1 < len(spans) and spans[last + 1].start < hi and last - k < 64:
        last += 1
    for j in range(first, last + 1):
        s = spans[j]
        if s.open_mark >= lo and s.close_mark >= 0 and s.close_mark < hi and s.parent is None:
            inside.append(j)
            chars[s.start - lo : s.end - lo] = "x" * (s.end - s.start)
            if text[s.end - 1 : s.end] in (".", "!", "?", "…"):
                chars[s.end - 1 - lo] = "."  # „… hält.“ Er sei …: the quotation ends a sentence
    masked = "".join(chars)
    bounds = [0] + [m.end() for m in _CHAIN_END.finditer(masked)] + [len(masked)]
    at = span.open_mark - lo
    i = bisect_right(bounds, at) - 1
    own_lo, own_hi = bounds[i], bounds[i + 1] if i + 1 < len(bounds) else len(masked)
    before = masked[own_lo:at]
    after = masked[span.close_mark + 1 - lo : own_hi]
    alone = not before.strip(" \u00a0") and not after.strip(' \u00a0.!?…“”»«"’\n')
    if alone and (own_lo == 0 or masked[own_lo - 1] == "\n"):
        return None  # a paragraph of its own: a heading, or the words of someone further on
    if not alone:
        if not _reported(before + " " + after):
            return None
        # "Kritiker Jan Brandt urteilte …, er sei „…“": the subject of the sentence's start.
        if found := _subject_saying(text, before, pat):
            return found
    for n in range(i - 1, max(-1, i - 1 - _CHAIN_SENTENCES), -1):
        s_lo, s_hi = bounds[n], bounds[n + 1]
        sentence = masked[s_lo:s_hi].strip()
        if not sentence:
            continue
        said = [
            j
            for j in inside
            if j < k and s_lo <= spans[j].open_mark - lo < s_hi and out[j] is not NONE
        ]
        if said and (named := out[said[-1]].as_named):
            if named.lower() in pat.pronouns:
                return None  # a pronoun read again further on may fit someone else
            return Attribution(named, out[said[-1]].cue, "inherited")
        found = _sentence_speaker(text, sentence, pat, alone and n == i - 1)
        if found is not None:
            return found
        quote_only = not sentence.strip(' \u00a0.!?…„“”»«"’x')
        heading = n > 0 and masked[s_lo - 1 : s_lo] == "\n" and sentence[-1:] not in ".!?…:"
        if _names_in(sentence, "") or not (quote_only or heading or _reported(sentence)):
            return None
    return None


def _reported(words: str) -> bool:
    """Whether words outside a quotation are German indirect speech (a subjunctive verb), not
    the writer's own voice."""
    low = re.findall(r"\w+", words.lower())
    return any(w in _REPORTED for w in low) and not any(w in _FIRST_PERSON for w in low)


def _subject_saying(text: str, clause: str, pat: _Patterns) -> Attribution | None:
    """The speaker a German sentence opens with, before a reporting verb and a comma
    ("Der Grünen-Politiker sagte am Dienstag, …", "Rheinmetall erklärt auf Anfrage, dass
    …"), or after one ("Zudem betonte der Minister, …"); not a pronoun."""
    clause = clause.strip()
    if (m := pat.subject_first.match(clause)) and "," in clause[m.end() :]:
        np = _phrase(m.group("np"), pat)
    elif m := pat.verb_second.match(clause):
        np = _phrase(m.group("np"), pat)
        if (
            np
            and not _full_name_at(np, whole=True)
            and (np.split()[0].lower() not in _DETERMINERS or len(np.split()) < 2)
        ):
            return None  # "Dazu sagt Gutierrez, …": a lone word after the verb may be a noun
    else:
        return None
    if np is None or np.lower() in pat.pronouns or np in _CONNECTIVES:
        return None
    if not _names_someone(text, np, pat) or _names_in(clause, np):
        return None
    return Attribution(np, m.group("cue").lower(), "before")


def _sentence_speaker(
    text: str, sentence: str, pat: _Patterns, subject: bool
) -> Attribution | None:
    """Who a sentence before a chain of indirect speech names as speaking: its subject
    before a colon ("Machtlinger veranschaulichte die Dynamik: …") or before a reporting
    verb and a comma, or a reporting verb after its last comma ("…, erklärt Dietmar
    Wolff."); with ``subject``, also a named subject before any verb ("Mazzucotelli wundert
    sich über …")."""
    if any(c in MARKS for c in sentence):
        return None
    colon = sentence.find(":")
    if colon > 0:
        found = _subject_before_colon(text, sentence[: colon + 1], pat)
        return found if found and found.as_named else None
    if found := _subject_saying(text, sentence, pat):
        return found
    comma = sentence.rfind(",")
    if comma > 0:
        m = pat.after.match(sentence[comma:])
        if m and not m.group("pron") and m.group("cue") != "So":
            head = m.group("np").partition(",")[0]
            np = _phrase(head, pat)
            if (
                np
                and np.lower() not in pat.pronouns
                and _names_someone(text, np, pat)
                and not _names_in(sentence[:comma], np)
            ):
                return Attribution(np, m.group("cue").lower(), "after")
    if subject:
        # Only the subject that opens the sentence: in "Brandt traf Becker." either may speak
        # next, but the words after "Becker wundert sich über …" are his.
        found = _subject_before_colon(text, sentence.rstrip(" .!?…") + ":", pat)
        words = sentence.split()
        if words and words[0] in _CONNECTIVES:
            words = words[1:]
        rest = words[len(found.as_named.split()) :] if found and found.as_named else []
        if (
            found
            and found.as_named
            and " ".join(words).startswith(found.as_named + " ")
            # and no one else in it: after "Krämer traf Becker." either may speak next
            and not any(_known_surname(text, w.strip(",;.")) for w in rest)
        ):
            return found
        if not _names_in(sentence, "") and not any(_known_surname(text, w) for w in words):
            return _verb_then_described(words, pat)
    return None


def _verb_then_described(words: list[str], pat: _Patterns) -> Attribution | None:
    """The subject after a reporting verb that opens a German sentence after an adverbial
    ("Darüber hinaus mahnte der Vereinschef mehr Geld an."), where it is described: an
    article, adjectives and a noun for a person or body."""
    for v in range(1, min(4, len(words) - 2)):
        if words[v].lower() in pat.verbs and words[v][:1].islower():
            rest = words[v + 1 :]
            if rest[0] not in ("der", "die"):
                return None
            i = 1
            while i < min(len(rest) - 1, 3) and _adjective(rest[i], pat):
                i += 1
            noun = rest[i].strip(",;.")
            if noun == rest[i] and (_role_noun(noun) or _body_noun(noun)):
                return Attribution(" ".join(rest[: i + 1]), words[v].lower(), "before")
            return None
        if words[v][:1].islower() and words[v] not in _ADVERBS:
            return None  # not an adverbial opening: another sentence shape
    return None


# Adverbs that open a German sentence before its verb ("Darüber hinaus mahnte …").
_ADVERBS = frozenset("hinaus dazu zudem außerdem auch später dann".split())


def _known_surname(text: str, word: str) -> bool:
    """Whether one capitalised ``word`` is a surname the text writes after a given name
    ("Jansen" where "Marcell Jansen" was named): a stricter test than ``_names_someone``."""
    if not re.fullmatch(_NAME_WORD, word):
        return False
    return any(
        is_given_name(m.group(1))
        for m in re.finditer(rf"\b({_NAME_WORD})[^\S\n]+{re.escape(word)}\b", text)
    )


def _subject_before_colon(text: str, head: str, pat: _Patterns) -> Attribution | None:
    """The subject of the German sentence a colon ends, where no reporting verb says who
    speaks: "Stäblein dankte dem Rat: „…“", "Doch Weber will das Positive sehen: „…“",
    "Dagegen hält Kelle: „…“", "Anna Weber, Chefin der Firma, erklärt: „…“". A name must
    open the sentence (after a connective), or follow its verb: a name the text gives in
    full or a known surname; not a pronoun, which the words before a colon too often leave
    to a person the resolver cannot see. Sentences that introduce someone else's words (a
    letter, a sign, a motto, a quoted title, a second name) credit no one."""
    # (a sentence may end inside a quotation's closing mark: "… 1939/40.“ Doch Weber will")
    # (but "in der 2. Liga": an ordinal, not a sentence's end)
    clause = re.split(
        r"(?:(?<!\b\d)(?<!\b\d\d)[.!?…]|[.!?…][“”»«\"’]+)\s+|\n", head.rstrip(" \u00a0:")
    )[-1].strip()
    if not clause or len(clause) > 200 or any(c in MARKS for c in clause):
        return None
    words = clause.split()
    if any(w.strip(",;()").lower() in _OTHERS_WORDS for w in words):
        return None
    if found := _in_view_of(text, words, pat):
        return found
    if words[0] in _CONNECTIVES:
        words = words[1:]
    # Apposition: "Anna Weber, Chefin der Firma, erklärt" or "Der Chef der Firma, Jan Brandt,
    # sagte": the part between commas that is a name.
    if "," in clause and len(words) > 2:
        parts = [p.strip() for p in " ".join(words).split(",")]
        for part in parts[:-1]:
            if _full_name_at(part, whole=True) and len(part.split()) <= 5:
                rest = parts[-1].split()
                if rest and rest[0].islower() and not _names_in(", ".join(parts[1:]), part):
                    return Attribution(part, rest[0], "before")
                break
    np: str | None = None
    verb = ""
    # The subject first: "Stäblein dankte …", "Landesbischof Dr. Jan Brandt schloss …",
    # but not a subordinate clause's ("Wenn Helmut Kohl emotional wurde, …").
    for n in range(min(5, len(words) - 1), 0, -1):
        cand = " ".join(words[:n])
        nxt = words[n]
        if not nxt[:1].islower() or nxt in pat.prepositions or nxt in _CONTINUES:
            continue
        if not all(w[:1].isupper() and w not in _CLAUSE_OPENERS for w in words[:n]):
            continue
        if (
            _full_name_at(cand, whole=True)
            or (n == 1 and _known_surname(text, cand))
            # "Co-Redaktionsleiter Gabriel schlägt …": a colleague a feature names so
            or (n == 2 and _role_noun(words[0]) and is_given_name(words[1]))
        ):
            np, verb = cand, nxt
            break
    if np is None:
        # The verb second, the subject after it: "Dagegen hält Kelle", "Zwischen den
        # Bissen dichtet er", "Natürlich ruft Trainer Jan Brandt zum Angriff auf".
        for i in range(1, min(len(words) - 1, 6)):
            verb = words[i]
            if not verb[:1].islower() or verb in pat.prepositions or verb in _DETERMINERS | {"und"}:
                continue
            after = words[i + 1 : i + 6]
            for n in range(min(4, len(after)), 0, -1):
                cand = " ".join(after[:n])
                if not all(w[:1].isupper() for w in after[:n]):
                    continue  # "Mit dabei war auch Stefan Bröckling": no verb, then subject
                if _full_name_at(cand, whole=True) or (n == 1 and _known_surname(text, cand)):
                    np = cand
                    break
            break  # only the words right after the first verb
    if np is None:
        return _described_subject(words, clause, pat)
    if _names_in(clause, np):
        return None
    return Attribution(np, verb, "before")


def _in_view_of(text: str, words: list[str], pat: _Patterns) -> Attribution | None:
    """Whose view a short German clause with no verb gives before a colon: "Für Brandt die
    einzige Lösung:", "Für Anna Weber ein klarer Fall:" (a given name and surname, or a
    surname the text gives after one)."""
    if words[0] != "Für" or not 3 <= len(words) <= 8:
        return None
    for n in (2, 1):
        name = " ".join(words[1 : 1 + n]).rstrip(",")
        if (n == 2 and _full_name_at(name, whole=True)) or (n == 1 and _known_surname(text, name)):
            rest = words[1 + n :]
            if (
                not rest
                or rest[0][:1].isupper()
                or any(
                    w.lower() in pat.verbs or w.lower() in _REPORTED or w.endswith((",", "t"))
                    for w in rest
                )
            ):
                return None  # "Für Anna Weber gibt es …": a sentence with its own subject
            return Attribution(name, "für", "before")
    return None


def _described_subject(words: list[str], clause: str, pat: _Patterns) -> Attribution | None:
    """The subject a German sentence before a colon opens with, where it is described, not
    named: "Der Landesbischof schloss mit den Worten: …", "Die Sprecherin der Stadt Ulm
    sagte dazu: …" (an article, adjectives, a noun for a person or body, and a verb next or
    a reporting verb after its genitive), or named after its description ("Der frühere
    Minister und Autor Jan Brandt sah es so: …"). Only where the sentence names no one else."""
    if len(words) < 3 or words[0].lower() not in ("der", "die", "das"):
        return None
    i = 1
    while i < min(len(words), 4) and _adjective(words[i], pat):
        i += 1  # "Der frühere", "Die neue"
    if i >= len(words) - 1 or not (_role_noun(words[i]) or _body_noun(words[i])):
        return None
    # "Der marxistische Philosoph und Politiker Jan Brandt sah": the name closing the run.
    j = i + 1
    while j < len(words) and (words[j][:1].isupper() or words[j] == "und"):
        j += 1
    if i + 2 < j < len(words) and words[j][:1].islower() and words[j] not in pat.prepositions:
        for k in range(i + 1, j - 1):
            name = " ".join(words[k:j])
            if words[k - 1] == "und" or words[j].endswith("en"):
                continue  # "Der Trainer und Anna Weber lachten": two people
            if is_given_name(words[k]) and _FULL_NAME.fullmatch(name):
                if _names_in(clause, name):
                    return None
                return Attribution(name, words[j], "before")
    if _names_in(clause, ""):
        return None  # someone named in it may be the one quoted
    described = " ".join(words[: i + 1])
    nxt = words[i + 1]
    if nxt[:1].islower() and nxt not in pat.prepositions and nxt not in _CONTINUES:
        return Attribution(described, nxt, "before")  # "Der Landesbischof schloss …"
    if nxt in _CONTINUES:
        # "Der Aktivist der Mietergewerkschaft (ATU) aus Chicago sagt auch": past the
        # genitive to a reporting verb, within the clause.
        for w in words[i + 2 : i + 12]:
            if w.lower() in pat.verbs:
                return Attribution(described, w.lower(), "before")
            if w.endswith((",", ";")):
                break
    return None


def _adjective(word: str, pat: _Patterns) -> bool:
    """A lower-case word that can stand between an article and its noun ("frühere",
    "neuen"), not a preposition, an article or a verb of the speaker's."""
    return (
        word[:1].islower()
        and word.endswith(("e", "en", "er", "es", "em"))
        and word not in pat.prepositions
        and word.lower() not in _DETERMINERS
        and word.lower() not in pat.verbs
    )


def _body_noun(word: str) -> bool:
    """A capitalised German noun for a body that speaks as one ("Polizei", "Ministerium")."""
    return word[:1].isupper() and word.lower().split("-")[-1].endswith(_BODY_ENDINGS)


def _names_in(clause: str, np: str) -> bool:
    """Whether ``clause`` names a person besides ``np`` (a given name followed by a
    capitalised word): then the words may be that person's."""
    # At every capital: "Auch Sabine Krämer" holds a name after "Auch Sabine" fails to be one.
    for w in re.finditer(r"\b[A-ZÀ-ÖØ-Þ]", clause):
        m = _FULL_NAME.match(clause, w.start())
        if m and is_given_name(m.group("given")) and m.group(0) not in np:
            return True
    return False


# Words that open a German sentence without being its subject: "Doch Weber will …".
# Conjunctions that open a subordinate clause, whose subject is not the sentence's.
_CLAUSE_OPENERS = frozenset("Wenn Als Weil Obwohl Nachdem Da Wie Ob Dass Während Bevor".split())
_CONNECTIVES = frozenset("Doch Und Aber Auch Dann Dennoch Zudem Nun Jetzt Später Zuletzt".split())
# Words of a sentence that introduces someone else's words or a text, not its subject's.
_OTHERS_WORDS = frozenset(
    """brief briefe sms nachricht mail e-mail schild plakat aufschrift spruch sprüche satz
    sätze motto zitat zitate formel titel überschrift slogan parole parolen frage fragen
    zitiert zitierte las liest hörte hört erhielt erhält bekam bekommt sah sieht lautet
    lautete steht stand heißt hieß es man wir ich du ihr uns""".split()
)


def _according(head: str, pat: _Patterns) -> re.Match[str] | None:
    """ "Selon X, « … »", "Laut X: „…“" at the end of ``head``; but "… pour les étudiants :
    « … »" says for whom, not who."""
    m = pat.according.search(head)
    if m and m.group("cue").lower() in _FOR and head.rstrip(" \u00a0").endswith(":"):
        return None
    return m


_FOR = frozenset({"pour", "para"})


def _opens_a_noun_phrase(np: str) -> bool:
    """Whether a phrase after "selon", "pour", "laut" can name someone: it opens with a
    capital, an article or determiner, a pronoun or an elided article ("l’avocat"), not
    with a verb or adverb ("pour faire cesser …")."""
    first = np.split()[0]
    low = first.lower()
    return (
        first[:1].isupper()
        or low in _DETERMINERS
        or low in _STRESSED_PRONOUNS
        or low.startswith(("l’", "l'", "d’", "d'"))
    )


_STRESSED_PRONOUNS = frozenset(
    """er sie es ihm ihr ihnen il elle ils elles on lui eux moi nous vous leur leurs notre
    nos votre vos mon ma mes ton ta tes""".split()
)


# A phrase before a colon at the start of a paragraph or sentence.
_NAME_COLON = re.compile(
    r"(?:^|[.!?]\s+|\n)(?P<np>[^.!?:;,«»„“”\"\n]{3,80}?)[\s\u00a0]*:[\s\u00a0]*$"
)
# Impersonal cues: "hieß es" credits no one by name; "heißt X" is what X is called.
_IMPERSONAL = frozenset({"heißt", "hieß"})
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'\-]+"
_FULL_NAME = re.compile(rf"\b(?P<given>{_NAME_WORD})\s+(?:(?:von|van|de|der|zu)\s+)*{_NAME_WORD}\b")
# A name, then a relative clause that says it spoke, before a colon: "…, der einmal gesagt
# hat:", "…, die dazu schrieb:".
_WHO_SAID = re.compile(
    rf"(?P<np>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}),\s+(?:der|die)\s+(?:[a-zäöüß]+\s+){{0,3}}?"
    r"(?:(?:gesagt|geschrieben|erklärt|betont|gemeint)\s+(?:hat|hatte)|(?P<verb>[a-zäöüß]+))"
    r"[\s\u00a0]*:[\s\u00a0]*$"
)


def is_given_name(word: str) -> bool:
    """A word that is a common given name ("Axel", "Sabine"), not a German noun."""
    return word[:1].isupper() and _gender(word) is not None


def _gender(word: str) -> str | None:
    """The gender of a given name, accents or a second part aside ("Joël", "Marie-Pierre")."""
    low = word.lower()
    plain = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode()
    for n in dict.fromkeys((low, plain, plain.split("-")[0])):
        if (g := given_name_gender(n)) is not None:
            return g
        if is_mixed_given_name(n):
            return "?"  # a given name of either gender ("Jean", "Stéphane", "Andrea")
    return None


def _full_name_at(words: str, whole: bool = False) -> str | None:
    """The given name and surname ``words`` ends with ("Minister Axel Vogel"), or, unless
    ``whole``, opens with ("Matthias Körner. Der …")."""
    words = words.strip().split(".")[0].strip() if not whole else words.strip()
    for w in re.finditer(r"\S+", words):
        m = _FULL_NAME.match(words, w.start())
        if m and is_given_name(m.group("given")) and (not whole or m.end() == len(words)):
            if whole and any(x.lower() in _OBJECT_WORDS for x in words[: m.start()].split()):
                return None  # "Frage an Olaf Scholz", "un proche de Marie Dupont": not them
            return m.group(0) if not whole else words
        if not whole:
            break  # the name must open the words
    return None


def _named_clause(before: str, np: str) -> str:
    """The words that name the speaker: ``np``, but the name before it where ``np`` is an
    apposition ("Julia Brandt, Chefin der Firma, erklärt:"); ``before`` is the text before."""
    if before.rstrip().endswith(","):
        name = re.split(r"[,;.!?:]", before.rstrip()[:-1])[-1].strip()
        if _full_name_at(name, whole=True) and len(name.split()) <= 4:
            return name
    return np


# What may follow a capitalised word inside a German speaker phrase: a genitive or a
# "von"/"für"/"um"/"aus" that names the speaker's organisation, or a second speaker.
_CONTINUES = frozenset("der des von vom für um und".split())

# Articles and determiners: a capitalised one before a noun makes no given name.
_DETERMINERS = frozenset(
    word
    for lex in (lexicon_de, lexicon_fr, lexicon_es, lexicon_pt)
    for word in lex.ARTICLES + getattr(lex, "DETERMINERS", [])
)


def _names_someone(text: str, phrase: str | None, pat: _Patterns, cue: str | None = None) -> bool:
    """Whether a speaker phrase of one word names a person: a pronoun, or a word the text
    also writes after a given name ("sagt Gutierrez" where "Tony Gutierrez" was named),
    or, after a German verb in the singular (``cue``), a word the text writes more than
    once and never after an article ("kommentiert Netzwerk" where "Netzwerk hat …").

    In German every noun is capitalised, so a lone capitalised word ("so Experten") is a
    name only where the text shows it as one."""
    if phrase is None or " " in phrase or phrase in pat.pronouns or is_given_name(phrase):
        return True
    if pat.nouns_capitalised and _body_noun(phrase):
        return True  # "Ministerium", "Polizei": a body, named as such
    if _ELIDED.match(phrase):
        return True  # "l’agence": a description, resolved (or not) like "la ministre"
    # The word before it on the same line, not across a sentence's end: a given name, or a
    # title or initial ending in a period ("Dr. Kisabaka", "A. Weber").
    for m in re.finditer(rf"\b(\w+)(\.?)[^\S\n]+{re.escape(phrase)}\b", text):
        first, dot = m.groups()
        if dot and len(first) > 4:
            continue  # "… seit zwei Jahren. Dazu": a sentence's end
        if first[:1].isupper() and first.lower() not in _DETERMINERS:
            return True
    return pat.nouns_capitalised and _bare_name(text, phrase, cue)


# Time words a German verb may take without an article ("sagte Montag der Minister").
_TIME_WORDS = frozenset(
    """montag dienstag mittwoch donnerstag freitag samstag sonntag anfang ende mitte januar
    februar märz april mai juni juli august september oktober november dezember""".split()
)


def _bare_name(text: str, word: str, cue: str | None) -> bool:
    """Whether a capitalised German ``word`` after a reporting verb in the singular
    ("kommentiert Netzwerk", "erzählte Brandlhuber") is a name the text gives without a
    given name: a common noun in the singular needs an article ("sagt der Experte"), a
    plural one a plural verb ("sagen Experten"); so a word the text writes again and
    never after an article or adjective ("Netzwerk hat …", "wie Netzwerk") is one."""
    if not cue or cue == "so" or not cue.endswith(("t", "te")) or not word[:1].isupper():
        return False  # "so Experten" tells no number; "sagten …" is plural
    if word.lower() in _TIME_WORDS or _abbreviation(word) and len(word) < 3:
        return False
    seen = 0
    for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
        # "das Netzwerk", "im Netzwerk", "ein neues Netzwerk": a noun.
        if any(w.lower() in _DETERMINERS or w in _CONTRACTED for w in _words_before(text, m)):
            return False
        seen += 1
    return seen >= 2


def _words_before(text: str, m: re.Match[str]) -> list[str]:
    """The two words before a match, within its sentence."""
    return re.split(r"[.!?:;]\s", text[max(0, m.start() - 40) : m.start()])[-1].split()[-2:]


# A period that ends the sentence: not after an initial or a short title ("M.", "Dr.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMme)(?<!\bDr)(?<!\bSt)\.(?:\s|$)")


def _clause_subject(words: str) -> str:
    """The subject's words of the clause before a reporting verb, without the "Wie" of
    "Wie Sprecher Jan Brandt erklärte, …"."""
    clause = _last_clause(words).strip()
    return clause[4:] if clause.startswith("Wie ") else clause


def _last_clause(words: str) -> str:
    """The subject's clause: after the last comma, semicolon or sentence end ("… ist noch
    unklar. Die Gemeinde meint:", "… rejetés par la communauté. Il poursuit :")."""
    return re.split(r"[,;]", _SENTENCE_END.split(words)[-1])[-1]


# Articles that open a subject ("le ministre", "o jornalista"); not "des", "du" (of the).
_SUBJECT_ARTICLES = frozenset("le la les l’ l' el los las o a os as un une una um uma".split())


def _phrase(raw: str, pat: _Patterns) -> str | None:
    """The speaker phrase: cut where a place, time or circumstance begins."""
    raw = _SENTENCE_END.split(raw.replace("\u00a0", " "), maxsplit=1)[0]
    phrase = " " + raw.strip() + " "
    for stop in pat.phrase_end:
        cut = phrase.find(stop, 1)
        if cut > 0:
            phrase = phrase[:cut]
    phrase = phrase.strip(" ,")
    # (an apostrophe inside a word is an elision, "l’agence", not a quotation mark)
    if not phrase or any(c in MARKS for c in _IN_WORD_APOSTROPHE.sub("", phrase)):
        return None
    words = phrase.split()
    if words[0].lower() in pat.prepositions:
        return None  # "… zu der von Habeck": no subject
    if words[0] in pat.pronouns or (words[0].lower() in pat.pronouns and len(words) == 1):
        # "hieß es etwa verharmlosend", "sagte er mit Blick auf …": the pronoun alone.
        return words[0].lower()
    if pat.nouns_capitalised:
        # German capitalises nouns, not what follows a name: "sagte Tobisch damals auch",
        # "kommentiert Facebook das Gesetz", "so die Sportdirektorin über die …" end at
        # the first lower-case word after a capitalised one (but "der Chef der Firma").
        capital = False
        for i, w in enumerate(words):
            if w[:1].isupper() and w.lower() not in _DETERMINERS:
                # (an article opening the sentence is no noun: "Der saarländische Minister")
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
    if pat.nouns_capitalised and len(words) > 1 and not _plausible_de(words):
        return None  # "Das Unheil", "ihre französischen Nachbarn": a thing or a crowd
    if len(words) == 1:
        if words[0].lower() in pat.pronouns:
            return words[0].lower()
        # One capitalised word may be a surname ("so Brandt"); whether the text shows it
        # as one is asked once the phrase is chosen (_names_someone).
        if _ELIDED.match(words[0]):
            return phrase  # "écrit l’agence": a description with its elided article
        return phrase if words[0][:1].isupper() else None
    return phrase


# A French noun with its elided article ("l’agence", "l'avocate"), one word.
_ELIDED = re.compile(r"[lL][’'][a-zà-öø-ÿ]{3,}$")
_IN_WORD_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")


# The endings of German nouns for people and their roles ("Sprecherin", "Vorsitzende",
# "Konzernchef", "Virologe"): a description of someone, where no name is given.
_ROLE_ENDINGS = (
    "er",
    "erin",
    "in",
    "ent",
    "or",
    "eur",
    "ist",
    "chef",
    "ende",
    "ender",
    "nete",
    "neter",
    "oge",
    "oph",
    "ose",
    "at",
    "ant",
    "ling",
    "wirt",
    "walt",
    "mann",
    "frau",
    "bischof",
    "person",
    "ceo",
)


def _plausible_de(words: list[str]) -> bool:
    """Whether a German phrase of several words can name a speaker: it holds a given name,
    an abbreviation ("der BN", "NDR-Sprecher"), a title before a surname ("Dr. Kisabaka",
    "Bischof Stäblein"), or ends in a noun for a person ("der Konzernchef")."""
    for w in words:
        # Each part of a hyphenated word on its own: "NDR-Sprecher" holds an abbreviation,
        # "Chef-Sätzen" none.
        if is_given_name(w) or w.endswith(".") or any(_abbreviation(p) for p in w.split("-")):
            return True
    if any(w in _PARTICLES and nxt[:1].isupper() for w, nxt in itertools.pairwise(words)):
        return True  # "von Preen", "de Maizière"
    heads = [w for w in words if w[:1].isupper() and w.lower() not in _DETERMINERS]
    if not heads:
        return False
    if words[0].lower() not in _DETERMINERS and len(heads) >= 2:
        return True  # "Bischof Stäblein", "Sportredaktor Christoph": a title and a name
    last = heads[-1].lower().split("-")[-1]
    return last.endswith(_ROLE_ENDINGS + _BODY_ENDINGS) or last in _ROLE_WORDS


def _abbreviation(word: str) -> bool:
    """An abbreviation written in capitals ("BN", "NDR", "ATU"), not a capitalised noun."""
    return sum(c.isupper() for c in word) >= 2


_PARTICLES = frozenset("von van de der zu di da le la".split())
_ROLE_WORDS = frozenset("chef chefin sprecher sprecherin team".split())
# The endings of German nouns for bodies that speak as one ("die Gemeinde", "das
# Bundesinnenministerium", "die Staatsanwaltschaft", "der Konzern"): named so, they are the
# speaker as the text names it, whoever stands behind them.
_BODY_ENDINGS = (
    "gemeinde",
    "polizei",
    "regierung",
    "ministerium",
    "behörde",
    "konzern",
    "verband",
    "verwaltung",
    "anwaltschaft",
    "gewerkschaft",
    "agentur",
    "institut",
    "institute",  # English names of institutes: "laut dem Pantone Color Institute"
    "unternehmen",
)


# How far back a pronoun or description may look for the person it stands for.
_LOOKBACK = 1500
_PRONOUN_GENDERS = {
    "er": "m",
    "il": "m",
    "él": "m",
    "ele": "m",
    "sie": "f",
    "elle": "f",
    "ella": "f",
    "ela": "f",
}
# The singular definite articles that tell a described person's gender ("el científico",
# "la investigadora", "o repórter"; German "die" is plural too, so it tells nothing).
_ARTICLE_GENDERS = {"el": "m", "le": "m", "o": "m", "la": "f", "a": "f"}
# How far back a description may look for the quotation whose speaker it names again.
_DESCRIBED_BACK = 800


def person_before(
    text: str,
    as_named: str,
    position: int,
    speakers: Sequence[tuple[int, str]],
    quoted: Sequence[tuple[int, int]] = (),
) -> str | None:
    """Who a German or French pronoun ("sagt er", "affirme-t-elle") or description ("so die
    Sportdirektorin", "la toxicologue") stands for: the nearest person named before
    ``position`` (a given name and surname in the text, or an earlier quotation's speaker in
    ``speakers``) of the pronoun's gender, or named beside the description's role word.
    A name inside a quotation in ``quoted`` (offsets of the words between the marks) is
    words someone said or a title («Mario Kart»), not a person the text presents.
    None where nobody fits: never a guess beyond that."""
    lo = max(0, position - _LOOKBACK)
    words = as_named.split()
    low = as_named.lower()
    if low in _PRONOUN_GENDERS:
        want = _PRONOUN_GENDERS[low]
        found = _people_named(text, lo, position, quoted)
        found += [(p, name) for p, name in speakers if lo <= p < position]
        for at, name in sorted(found, reverse=True):
            gender = _gender(name.split()[0])
            if gender is not None:
                if gender == want and _UNNAMED.get(want, _NEVER).search(text, at, position):
                    return None  # "… Der Unbekannte veröffentlicht …": someone else since
                return name if gender == want else None  # the nearest person, or no one
        return None
    if len(words) < 2 or words[0].lower() not in _DETERMINERS:
        return None
    # "die Sportdirektorin" where "Sportdirektorin Kim Renkema" or "Kim Renkema, die
    # Sportdirektorin" was written before.
    role = re.escape(words[-1])
    near = text[lo:position]
    best: tuple[int, str] | None = None
    patterns = (
        rf"\b{role}\s+(?:[A-Z]\w*\.\s+)?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})",
        rf"(?P<name>{_NAME_WORD}\s+{_NAME_WORD}),\s+(?:\w+\s+){{0,3}}{role}\b",
    )
    for pattern in patterns:
        for m in re.finditer(pattern, near):
            name = m.group("name")
            if is_given_name(name.split()[0]) and (best is None or m.start() > best[0]):
                best = (m.start(), name)
    if best:
        return best[1]
    return _described_again(text, words, position, speakers, quoted)


# A German sentence that opens on someone unnamed, introduced as new ("Ein Mann …", "Der
# Unbekannte …"): a later pronoun of that gender may be theirs, not the last one named.
_UNNAMED = {
    "m": re.compile(r"(?:^|[.!?]\s+|\n)(?:Der|Ein) (?:Mann|Unbekannte|Täter)\b"),
    "f": re.compile(r"(?:^|[.!?]\s+|\n)(?:Die|Eine) (?:Frau|Unbekannte|Täterin)\b"),
}
_NEVER = re.compile(r"(?!)")


def _described_again(
    text: str,
    words: list[str],
    position: int,
    speakers: Sequence[tuple[int, str]],
    quoted: Sequence[tuple[int, int]],
) -> str | None:
    """The speaker of the quotation just before, where a description names them again
    ("“…”, explica Ana Ruiz. … “…”, añade la científica"): a singular article and one
    role word (in German, perhaps after adjectives: "der frühere Trainer"), and the nearest
    person named or quoted before, of the gender the article tells. Someone of the other
    gender nearer, or no one close: no one."""
    article, noun = (words[0].lower(), words[-1]) if 2 <= len(words) <= 4 else ("", "")
    if len(words) > 2 and not (
        noun[:1].isupper()
        and all(w[:1].islower() and w.endswith(("e", "en", "er", "es")) for w in words[1:-1])
    ):
        return None  # German adjectives only between: "der frühere Nationalspieler"
    if article in ("der", "die") and noun[:1].isupper() and not _abbreviation(noun.split("-")[-1]):
        # German: "sagt der Virologe" (a subject: masculine); "die" is plural too, so only
        # a feminine role noun tells ("die Virologin"). "Der Grünen-Politiker" is a person,
        # "der BN" a body.
        want = "m" if article == "der" else "f" if noun.endswith("in") else None
    elif noun[:1].islower():
        want = _ARTICLE_GENDERS.get(article)
    else:
        return None  # "la Aemet": a body's name
    if want is None:
        return None
    lo = max(0, position - _DESCRIBED_BACK)
    # Full names only: a given name alone ("Estado de S. Paulo") is too weak a sign here.
    found = _people_named(text, lo, position, quoted, alone=False)
    found += [(p, name) for p, name in speakers if lo <= p < position]
    if not found:
        return None
    name = max(found)[1]
    return name if _gender(name.split()[0]) == want else None


def _people_named(
    text: str, lo: int, hi: int, quoted: Sequence[tuple[int, int]], alone: bool = True
) -> list[tuple[int, str]]:
    """(position, name) of each person the text presents between ``lo`` and ``hi``: a
    given name and surname (not the object of a preposition), or, if ``alone``, a given
    name written alone; none inside a quotation."""
    found: list[tuple[int, str]] = []
    name_end = 0  # the end of the last full name: its surname is no name of its own
    for w in re.finditer(r"\b[A-ZÀ-ÖØ-Þ]", text[lo:hi]):
        at = lo + w.start()
        if at < name_end or text[at - 1 : at] == "-":  # "Gilles-Eric": a part
            continue
        m = _FULL_NAME.match(text, at, hi)
        if m and _gender(m.group("given")) is not None:
            name_end = m.end()
            if not _object(text, at) and not _inside(at, quoted):
                found.append((at, m.group(0)))
        elif alone and (first := _bare_given_name(text, at, hi)) and not _inside(at, quoted):
            found.append((at, first))
    return found


def _bare_given_name(text: str, at: int, end: int) -> str | None:
    """A given name written alone at ``at`` ("Zum Glück klopft Renato an die Tür"), as
    feature and reportage texts name colleagues and passers-by: a person a pronoun after
    it may stand for. Not after an article, a number, an object word or a capitalised word
    ("die Rose", "100 Mark", "mit Anna", "Autokonzern Ford"), nor the first part of a
    compound ("Rose-Garten"), nor a pronoun ("Elle vit …")."""
    m = _NAME_ALONE.match(text, at, end)
    if not m or not is_given_name(m.group(1)) or text[m.end() : m.end() + 1] == "-":
        return None
    if m.group(1).lower() in _STRESSED_PRONOUNS:
        return None  # "Elle vit …": a pronoun, not the name Elle
    before = text[max(0, at - 30) : at].split()
    prev = before[-1] if before else ""
    if prev.lower() in _DETERMINERS or prev[:1].isdigit() or prev.lower() in _OBJECT_WORDS:
        return None
    if prev[:1].isupper() and not prev.endswith((".", "!", "?", ":")):
        return None  # "Salon Zur Wilden Renate", "Autokonzern Ford": part of a name
    return m.group(1)


_NAME_ALONE = re.compile(r"([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)\b")


def _inside(at: int, quoted: Sequence[tuple[int, int]]) -> bool:
    i = bisect_right(quoted, at, key=lambda q: q[0]) - 1
    return i >= 0 and at < quoted[i][1]


def european_speaker(
    text: str,
    as_named: str,
    position: int,
    earlier: Sequence[tuple[int, str]],
    resolver: DocumentSpeakers,
    quoted: Sequence[tuple[int, int]] = (),
    cue: str | None = None,
) -> Resolved | None:
    """The person or body a German or French speaker phrase names: a pronoun or a
    description through ``person_before``, which must find someone or leave the quotation
    without a speaker; a description resolves on its own only to a body ("der BN").
    ``cue``: the reporting verb, whose number tells German "sie" (she) from "sie" (they)."""
    words = as_named.split()
    if _someone_of(words):
        return None  # "l’avocat de Marie Dupont", "die Tochter von Anna Weber": not Dupont
    if as_named.lower() == "sie" and cue and cue.endswith("en"):
        return None  # "sagten sie", "Sie forderten": they, a group; no one person
    if words[0].lower() in _DETERMINERS and (name := _name_after_role(words)):
        return resolver.resolve(name, position)  # "o delegado Odair Carneiro"
    if (
        words[0].lower() in _DETERMINERS
        and 2 < len(words) <= 4
        and _known_surname(text, words[-1])
        and (found := resolver.resolve(words[-1], position))
        and not found.is_organisation
        and " " in found.name
    ):
        return found  # "la Pr Joly-Gomez", "der Trainer Brandt": named in full before
    if as_named.lower() in _PRONOUN_GENDERS or (
        words[0].lower() in _DETERMINERS and not any(is_given_name(w) for w in words)
    ):
        name = person_before(text, as_named, position, earlier, quoted)
        if name:
            return resolver.resolve(name, position)
        if as_named.lower() in _PRONOUN_GENDERS:
            return None
        found = resolver.resolve(as_named, position)
        return found if found and found.is_organisation else None
    if len(words) == 2 and _role_noun(words[0]) and words[1][:1].isupper():
        # "sagt ATU-Organisator Gutierrez": the person the text names in full elsewhere
        # (Antonio Gutierrez), not a name of its own with the role in it.
        found = resolver.resolve(words[1], position)
        if found and not found.is_organisation and " " in found.name:
            return found
    if 3 <= len(words) <= 4 and _role_noun(words[0]) and all(w[:1].isupper() for w in words):
        # "Kritiker Ijoma Mangold urteilte": the role is a descriptor, not part of the name
        # (one speaker across documents), whether or not the given name is a known one.
        return resolver.resolve(" ".join(words[1:]), position)
    return resolver.resolve(as_named, position)


def _someone_of(words: list[str]) -> bool:
    """Whether a description names a person only as whose it is ("l’avocat de Marie
    Dupont", "die Tochter von Anna Weber"): a role, then "of" and a given name and surname
    closing the phrase. The speaker is someone the text has not named."""
    if len(words) < 4 or not (words[0][:1].islower() or words[0].lower() in _DETERMINERS):
        return False
    of = next((i for i in range(len(words) - 1, 0, -1) if words[i].lower() in _OF), 0)
    tail = words[of + 1 :]
    return (
        of > 0
        and 2 <= len(tail) <= 3
        and is_given_name(tail[0])
        and _full_name_at(" ".join(tail), whole=True) is not None
    )


def _role_noun(word: str) -> bool:
    """A capitalised German noun for a role ("ATU-Organisator", "Trainer", "Sprecherin"),
    not a given name."""
    last = word.lower().split("-")[-1]
    return (
        word[:1].isupper()
        and not is_given_name(word)
        and (last.endswith(_ROLE_ENDINGS) or last in _ROLE_WORDS)
    )


def _name_after_role(words: list[str]) -> str | None:
    """The name closing a description in a language that writes its nouns in lower case
    ("el ministro Pablo Mieres", "o delegado Odair Carneiro"): two or three capitalised
    words after a lower-case role word, whatever the given name."""
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    run = len(words) - k
    if k < 2 or not words[k - 1][:1].islower() or not 2 <= run <= 3:
        return None
    if words[k - 1].lower() in _OF:
        if run == 2:
            return None  # "un integrante del Poder Ejecutivo": an institution, no one's name
        k += 1  # "el ministro de Trabajo Pablo Mieres": the institution's word is no name
    return " ".join(words[k:])


# Words that join a role to the institution it serves.
_OF = _DETERMINERS | frozenset("de del da do das dos di von of".split())


# Words that make the name after them an object, not the one who speaks next: "in
# Anlehnung an den Soziologen Hartmut Rosa fragte er" asks nothing of Rosa, nor "les
# travaux de Marie Dupont … Il poursuit" of Dupont.
_OBJECT_WORDS = frozenset(
    """den dem an mit für gegen über bei zu zum zur von vom ohne à avec contre pour par de
    des du""".split()
)


def _object(text: str, at: int) -> bool:
    # Only words of the same sentence: "… mit Biyon. Oliver Pocher empört sich" is his;
    # and of the same phrase: in "der Bürgermeister von Tarnstedt, Jonas Ebeling" the
    # comma ends "von Tarnstedt", and the name after it is the mayor's.
    before = re.split(r"[.!?:,]\s", text[max(0, at - 40) : at])[-1].split()[-2:]
    return any(w in _OBJECT_WORDS for w in before)
