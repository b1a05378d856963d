"""Quotes from one text: spans, cues and speakers put together.

This is the pure, database-free step of ingest: ``extract_quotes(text)``
gives everything that is stored for each quotation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from tracker.attribution import (
    NONE,
    PRONOUNS,
    Attribution,
    DocumentSpeakers,
    Resolved,
    attribute,
    reported_speakers,
    span_sentences,
)
from tracker.attribution.european import LEXICONS, attribute_european, european_speaker
from tracker.extract import SINGLE, Span, find_quotes
from tracker.kinds import QuoteKind
from tracker.language import detect_language
from tracker.text import claim_text, normalize, paragraphs

MAX_CONTEXT = 1200


@dataclass(slots=True)  # not frozen: a frozen init costs a setattr call per field
class ExtractedQuote:
    start: int
    end: int
    text: str  # text[start:end], less a comma that closes it (tracker.text.claim_text)
    normalized: str
    kind: QuoteKind
    parent: int | None  # index of the enclosing quote in the same list
    context: str
    speaker: str | None  # canonical name within this document
    speaker_is_organisation: bool
    speaker_as_named: str | None
    cue: str | None


def extract_quotes(
    text: str, language: str | None = None, notes: list[str] | None = None
) -> list[ExtractedQuote]:
    """Every quotation in ``text`` that is a quotation of its own.

    Titles (`on "Meet the Press"`) and words quoted inside someone's quotation are left
    out: they are not claims, and a reviewer has nothing to check in them. Where the text
    passes a limit that keeps extraction linear (``tracker.extract``), a line saying so
    is added to ``notes``.
    """
    paras = paragraphs(text)
    spans = find_quotes(text, paras, notes)
    sentences = span_sentences(text, spans, paras)
    language = language or _text_language(text)
    if language == "en":
        attributions = attribute(text, spans, paras, sentences)
    elif language in LEXICONS:
        attributions = attribute_european(text, spans, paras, language)
    else:  # no rules for this language: the quotation without a speaker, never a wrong one
        attributions = [NONE] * len(spans)
    english = language == "en"
    quoted = sorted((s.start, s.end) for s in spans)
    resolver = DocumentSpeakers(text, reported=lambda: reported_speakers(text), quoted=quoted)
    out: list[ExtractedQuote] = []
    double_style = english and _double_style(text, spans)
    previous: tuple[int, str | None, Resolved | None] = (-1, None, None)
    people: list[tuple[int, str]] = []  # (position, name) of each person quoted so far
    for span, attr, (c_lo, c_hi) in zip(spans, attributions, sentences, strict=True):
        named = attr.as_named
        # (every pronoun has four letters or fewer: most names are spared a lower-cased copy)
        pronoun = named is not None and len(named) <= 4 and named.lower() in PRONOUNS
        if pronoun and (span.paragraph, attr.as_named) == previous[:2]:
            # ""…," he said. "…"": the same pronoun in the same paragraph is the same person,
            # even where, read again further on, it would fit someone named in between.
            resolved = previous[2]
        elif not english and language in LEXICONS and attr.as_named:
            resolved = european_speaker(
                text, attr.as_named, span.start, people, resolver, quoted, attr.cue
            )
        else:
            resolved = resolver.resolve(attr.as_named, span.start)
        previous = (span.paragraph, attr.as_named, resolved)
        if resolved and resolved.name and not resolved.is_organisation:
            people.append((span.start, resolved.name))
        context = text[c_lo:c_hi].strip()
        if len(context) > MAX_CONTEXT:
            context = context[: MAX_CONTEXT - 1] + "…"
        out.append(
            ExtractedQuote(
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                normalized="",  # below, for the quotes kept
                kind=_kind(text, span, spans, attr, double_style, english),
                parent=span.parent,
                context=context,
                speaker=resolved.name if resolved else None,
                speaker_is_organisation=resolved.is_organisation if resolved else False,
                speaker_as_named=(
                    f"{attr.as_named}, according to {attr.via}" if attr.via else attr.as_named
                ),
                cue=attr.cue,
            )
        )
    if english:
        _coordinated_titles(text, out)
    kept = _without_non_quotes(out)
    for q in kept:
        q.text = claim_text(q.text)
        q.normalized = normalize(q.text)
    return kept


# Between two quotations joined as a list: closing mark, "and"/"or"/comma, opening mark.
_LIST_JOIN = re.compile(r"[”\"'’]*\s*(?:,\s*(?:and|or)?|and|or)\s*[“\"'‘]*")


def _coordinated_titles(text: str, quotes: list[ExtractedQuote]) -> None:
    """`on "The View" and "The Late Show"`: a title-case quotation listed right after a
    title is a title too."""
    for prev, q in itertools.pairwise(quotes):
        if (
            prev.kind == QuoteKind.TITLE
            and q.kind in (QuoteKind.PHRASE, QuoteKind.SCARE, QuoteKind.SENTENCE)
            and q.start - prev.end < 12
            and _LIST_JOIN.fullmatch(text, prev.end, q.start)
            and (_title_case(q.text) or _one_word_title(q.text))
        ):
            q.kind = QuoteKind.TITLE


def _text_language(text: str) -> str:
    """The language of a text whose language is not stored; English unless recognised as
    another (a cheap test first: most texts here are English)."""
    if text.count(" the ", 0, 4000) >= 3:
        return "en"
    return detect_language(text) or "en"


def _without_non_quotes(quotes: list[ExtractedQuote]) -> list[ExtractedQuote]:
    """Drop titles and nested words; a kept quote's parent becomes its nearest kept ancestor."""
    keep = [q.kind not in (QuoteKind.TITLE, QuoteKind.NESTED) for q in quotes]
    if all(keep):
        return quotes
    new_index: dict[int, int] = {}
    out: list[ExtractedQuote] = []
    for i, q in enumerate(quotes):
        if not keep[i]:
            continue
        parent = q.parent
        while parent is not None and not keep[parent]:
            parent = quotes[parent].parent
        q.parent = new_index[parent] if parent is not None else None
        new_index[i] = len(out)
        out.append(q)
    return out


def _double_style(text: str, spans: list[Span]) -> bool:
    """Whether the text quotes with double marks, as American news does.

    In such a text single marks only nest inside a quotation or echo one in a headline
    (`Obama slams GOP's 'doom and despair'`), so a single-quoted span that stands alone
    is not a quotation of its own. British style is the other way round.
    """
    double = single = 0
    for span in spans:
        if span.parent is None and span.open_mark >= 0:
            if text[span.open_mark] in SINGLE and text[span.open_mark : span.open_mark + 2] != "''":
                single += 1
            else:
                double += 1
    return double > 0 and double >= single


# How an attribution was found that credits the quotation's own words to someone.
_CREDITED = frozenset({"after", "before", "sentence", "subject", "headline", "possessive"})
# A cue right beside the quotation: it reports these words, even inside another quotation.
_ADJACENT = frozenset({"after", "before"})
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_TITLE_START = re.compile(r"[^\W\d_]")  # where _TITLE_WORD's first match starts
# Small words that stay lower-case in a title ("Guardians of the Galaxy").
_SUBTITLE_COLON = re.compile(r":\s+(?=[A-Z0-9])")
_TITLE_SMALL = frozenset(
    """a an the and but or nor for of on in at to by as vs de la le los las del von van with
    from""".split()
)
# Words before a quotation that introduce a title: `the show "…"`, `on "Meet the Press"`.
_TITLE_NOUNS = (
    r"show|series|program|programme|film|movie|book|novel|memoir|song|anthem|album|play|"
    r"musical|documentary|episode|column|op-ed|article|essay|ad|advert|hashtag|slogan|"
    r"headline|titled|entitled|nickname|moniker|spot|podcast|broadcast|edition|thriller|drama|"
    r"comedy|sitcom|miniseries|blockbuster|franchise|sequel|biography|biopic|bestseller|"
    r"trilogy|opera|poem|exhibit|exhibition|magazine|newsletter|blog|website|pseudonym"
)
# A transcript's stage direction, "(CROSSTALK.)", "[APPLAUSE]", and a byline's promotion.
# (Spaces around it are read by the pattern, not stripped: a copy of every body spared.)
_STAGE_DIRECTION = re.compile(r"\s*[(\[]\s*[A-Z][A-Z ,'’\-]*\.?\s*[)\]]\.?\s*")
_FOLLOW_PROMO = re.compile(
    r"\s*Follow\s+[^.]{1,60}\s+on\s+(?:Twitter|X|Facebook|Instagram|Threads|Bluesky)\b"
)
_HEADLINE_CITED = re.compile(
    r"\s*,?\s*(?:by\s+(?:[A-Z][\w.&\-]*(?:[’']s?)?\s+){1,4}[A-Z][\w\-]*:|[A-Z][\w\-]*\.com\b)"
)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?")
_TITLE_AFTER = re.compile(
    rf"[,.]?\s+(?:[a-z]+\s+)?(?:(?:{_TITLE_NOUNS}|forum|hat|cap|shirt|t-shirt|sign|banner|sticker|"
    r"button|bag|fan|pageant|summit|reception|letter|broadcast|syllabus|campaign|tour|"
    r"franchise|sequel|trailer|soundtrack|star|actor|actress|cast|host|producer)s?)\b"
)
# A work, or one who plays or hosts in it, named right after a one-word title; not a
# campaign, sign or letter, whose one-word name ("the "Remain" campaign") is more often quoted.
_WORK_AFTER = re.compile(
    rf"[,.]?\s+(?:[a-z]+\s+)?(?:(?:{_TITLE_NOUNS}|star|actor|actress|cast|host|producer)s?)\b"
)
_TITLE_CUE = re.compile(
    rf"(?:\b(?:{_TITLE_NOUNS}|report|called|named|dubbed|on|in|of|for|star|host|anchor)"
    r"|[’']s)\s*$",
    re.IGNORECASE,
)
# A title named right after the kind of work or a network, even where a cue verb came
# before: `Trump said on ABC's "Good Morning America."`, `chanted along to the song "…"`.
# Also "an episode of "…"" and "on Fox News’s "…"" (a network's possessive after "on").
_SHOW_CUE = re.compile(
    rf"(?:\b(?:{_TITLE_NOUNS}|on)\s*,?|\b(?-i:[A-Z]{{2,5}})[’']s?"
    r"|\b(?:author|co-author|interview|appearance|appeared)\s+(?:of|with|on)"
    r"|\b(?:episode|edition|broadcast|installment|season|issue)\s+of"
    r"|\bon\s+(?-i:(?:[A-Z][\w.&]*\s+){0,3}[A-Z][\w.&]*)[’']s?"
    # "told "Fox and Friends"": "told" wants someone told, so what it meets is a show;
    # "the hosts of "…"", "starred in "…"", "the star of "…"", "on Fox News channel's "…"".
    r"|\btold|\b(?:hosts?|anchors?|star|stars)\s+of|\b(?:starred|starring|roles?)\s+(?:in|on)"
    r"|\b(?:channel|network)[’']s?)\s*$",
    re.IGNORECASE,
)
# A one-word title needs its kind of work right before it: the documentary "Arrival", or a
# network's possessive: NBC's "Today", Fox News Channel's "Hannity".
_ONE_WORD_TITLE_CUE = re.compile(
    rf"(?:\b(?:{_TITLE_NOUNS})|\b(?:channel|network|(?-i:[A-Z]{{2,5}}))[’']s?)\s*,?\s*$",
    re.IGNORECASE,
)


def _kind(
    text: str,
    span: Span,
    spans: list[Span],
    attr: Attribution,
    double_style: bool,
    english: bool = True,
) -> QuoteKind:
    """The kind of a quotation, once its attribution is known.

    - A short quotation its sentence credits to someone is a phrase, not a scare quote:
      `Tapper insists the actions were "unethical"`.
    - In a text that quotes with double marks, a single-quoted span outside any quotation
      is a headline echo or a scare quote, not a claim of its own.
    - A single-quoted quotation inside a double-quoted one is part of that claim unless a
      cue of its own credits it to someone.
    - A short title-case quotation introduced as a title (`on "Meet the Press"`, `the show
      "Cake Boss"`) or credited to no one is a title.
    """
    kind = span.kind
    body = text[span.start : span.end]
    single = (
        span.open_mark >= 0
        and text[span.open_mark] in SINGLE
        and text[span.open_mark : span.open_mark + 2] != "''"
    )
    if single and span.parent is None and double_style and kind != QuoteKind.BLOCK:
        return QuoteKind.SCARE
    if span.parent is not None and text[span.open_mark : span.open_mark + 1] in SINGLE:
        outer = spans[span.parent]
        # Wire copy's two apostrophes ('' … '') are a double mark, as in _double_style.
        double_outside = outer.kind != QuoteKind.BLOCK and (
            text[outer.open_mark] not in SINGLE
            or text[outer.open_mark : outer.open_mark + 2] == "''"
        )
        if double_outside and not _someone_else(attr):
            return QuoteKind.NESTED
    if _STAGE_DIRECTION.fullmatch(body) or _FOLLOW_PROMO.match(body):
        return QuoteKind.SCARE  # "(CROSSTALK.)", "Follow Ann Lee on Twitter": no one's words
    if span.close_mark >= 0 and _HEADLINE_CITED.match(text, span.close_mark + 1):
        # ""Met accused of whitewashing Jesus," by Post's Ann Lee:", ""Romney blasts
        # Trump," USATODAY.com, Thursday": a cited headline, not anyone's words.
        return QuoteKind.TITLE
    title_shaped = kind in (QuoteKind.PHRASE, QuoteKind.SCARE, QuoteKind.SENTENCE)
    if (
        not english
        and title_shaped
        and len(body) < 120
        and _WORK_BEFORE.search(text, max(0, span.open_mark - 40), max(0, span.open_mark))
    ):
        return QuoteKind.TITLE  # "in seinem Buch „Im Grunde gut“", "le film « Titane »"
    # Title case is an English habit (German capitalises every noun). A sentence-long body
    # is no title: the word test below is skipped for it.
    if (
        english
        and title_shaped
        and attr.how != "headline"
        and len(body) < 120
        # The title tests need the first word capitalised, or a number ("13th"): most
        # bodies are ruled out here.
        and (first := _TITLE_START.search(body))
        and (first.group().isupper() or body.lstrip()[:1].isdigit())
    ):
        words = _TITLE_WORD.findall(body)
        head = text[max(0, span.open_mark - 40) : max(0, span.open_mark)]
        one_word = _one_word_title(body, words) or _ORDINAL.fullmatch(body.strip(" ,.!?"))
        if one_word and _ONE_WORD_TITLE_CUE.search(head):  # the documentary "13th"
            return QuoteKind.TITLE
        # `his "Keepin' It Real" radio program`: the kind of work named right after.
        after = text[span.close_mark + 1 : span.close_mark + 30] if span.close_mark >= 0 else ""
        if one_word and _WORK_AFTER.match(after):
            return QuoteKind.TITLE  # the "Avatar" star, ''MacGyver,'' which stars Ann Lee
        if _title_case(body, words) and (
            _TITLE_AFTER.match(after)
            or _SHOW_CUE.search(head)
            or attr.how not in _ADJACENT
            and (_TITLE_CUE.search(head) or attr.how is None)
        ):
            return QuoteKind.TITLE
    if kind == QuoteKind.SCARE and attr.how in _CREDITED:
        # "what has become known as the "Buffett rule"", "the notorious "carried interest"
        # loophole": a name for a thing, credited by no cue, is nobody's words; nor is it
        # where the cue is that of a later quotation in the sentence ("The so-called
        # "reform" will bring "billions," Lee said").
        head = text[max(0, span.open_mark - 40) : max(0, span.open_mark)]
        if english and (attr.cue is None or attr.how == "after") and _TERM_BEFORE.search(head):
            return kind
        return QuoteKind.PHRASE
    return kind


# A kind of work or undertaking named right before the opening mark, in German, French,
# Spanish and Portuguese: its name follows ("das Buch „…“", "la campaña “…”"). German
# compounds end in the kind ("Verbandsmagazin", "Online-Tool", "Forschungsprojekts").
_WORK_BEFORE = re.compile(
    r"\b(?:Buch|Buches|Roman|Romans|Film|Films|Filmen|Serie|Sendung|Titel|Album|Lied|Song|"
    r"Theaterstück|Stück|Kolumne|Podcast|Ausstellung|Dokumentation|Doku|Sachbuch|Bestseller|"
    r"[A-ZÄÖÜ][\w\-]*(?:[Kk]ampagne|[Pp]rojekts?|[Mm]otto|[Ss]logan|[Mm]agazins?|[Tt]ool|"
    r"[Ff]ilter|[Pp]rogramms?|[Ii]nitiative|[Ff]estivals?|[Ww]ettbewerbs?|[Vv]eranstaltung|"
    r"[Rr]eihe|[Pp]odcasts?|[Aa]pp|[Pp]lattform|[Vv]ereins?|[Bb]ündnis(?:ses)?|[Nn]etzwerks?)|"
    r"livre|roman|film|série|émission|titre|album|chanson|pièce|ouvrage|documentaire|"
    r"exposition|podcast|essai|campagne|opération|programme|slogan|devise|"
    r"libro|novela|película|serie|programa|canción|documental|revista|campaña|operación|"
    r"proyecto|lema|eslogan|livro|filme|música|canção|campanha|operação|projeto)\s+\Z"
)
# What introduces a term rather than someone's words, right before the opening mark.
_TERM_BEFORE = re.compile(
    r"\b(?:known\s+as|referred\s+to\s+as|so-called|notorious)\s+(?:the\s+|an?\s+)?\Z"
)


_ANY_PRONOUN = frozenset(PRONOUNS | {"i", "we", "you"})


def _someone_else(attr: Attribution) -> bool:
    """Whether a quotation inside another is credited by a cue beside it to a named person.

    `"Marla called and said, 'I can't do it,'" Crawford said` quotes Marla; `"She said
    'wait'," he recalled` leaves the inner speaker unknown, so the words stay part of his.
    """
    return (
        attr.how in _ADJACENT
        and attr.as_named is not None
        and attr.as_named.lower() not in _ANY_PRONOUN
    )


def _one_word_title(body: str, words: list[str] | None = None) -> bool:
    words = _TITLE_WORD.findall(body) if words is None else words
    return len(words) == 1 and words[0][0].isupper() and not any(c in body for c in ";:")


def _title_case(body: str, words: list[str] | None = None) -> bool:
    """Two to ten words, every one but the small ones capitalised, no sentence inside; a
    subtitle after a colon is part of a title ("Crippled America: How to Win Again")."""
    words = _TITLE_WORD.findall(body) if words is None else words
    if not 2 <= len(words) <= 10:
        return False
    inner = _SUBTITLE_COLON.sub(" ", body.rstrip(" .,!?"))
    if any(c in inner for c in ".!?;:"):
        return False
    return words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in _TITLE_SMALL for w in words[1:]
    )
