"""Second looks at what a rule found, before it is kept.

Whether the phrase can be a speaker at all (``plausible``); words a crowd chanted, a
question someone asked, a name the quotation gives ("was dubbed “…”"), the owner of a
possessive ("Lee's “…” plan"), a poll's share; two quotations side by side in one
sentence; and the outlet that relayed the words ("according to CNN", "quoted X as
saying").
"""

from __future__ import annotations

import re

from tracker.attribution.before import (
    OWNER_BEFORE,
)
from tracker.attribution.clauses import (
    CLAUSE_VERBS,
    CUE_WORD,
    normal_cue,
)
from tracker.attribution.lexicon import (
    NOT_NAMES,
    surname_he,
)
from tracker.attribution.phrases import (
    AUX,
    CUE,
    LY_NOUNS,
    NONE,
    Attribution,
    np_before,
    valid,
)
from tracker.extract import MARKS, Span

# A speaker phrase that is a share of those asked: "75 percent of voters", "Six in 10 voters".
SHARE_OPENS = re.compile(
    r"(?:(?:[Oo]nly|[Jj]ust|[Aa]bout|[Nn]early|[Aa]lmost)\s+)?(?:\d+(?:\.\d+)?\s*(?:percent|%)|\w+\s+in\s+10\b)"
)
# A single poll named as a noun phrase, with when it came out: "a national CNN/ORC poll
# released Monday", "The Q poll" (not "polls": a share of several polls is no one's).
_POLL = re.compile(
    r"(?<![\w’'])(?P<np>(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+(?:[\w/\-.’']+\s+){0,5}?"
    r"(?:poll|survey)(?:\s+(?:released|taken|published|conducted)\s+[\w\- ]{1,30}?)?)"
    r"(?=\s*[,:;—–]|\s+(?:also\s+)?(?:has|shows|showed|finds|found)\b)"
)


def poll_before(text: str, lo: int, open_at: int, share: str) -> str | None:
    """The poll named in ``text[lo:open_at]`` before the ``share`` of its respondents."""
    at = text.rfind(share, lo, open_at)
    if at < 0 or ("poll" not in text[lo:at] and "survey" not in text[lo:at]):
        return None
    polls = list(_POLL.finditer(text, lo, at))
    return polls[-1].group("np") if polls else None


def side_by_side(a: Span, b: Span) -> bool:
    """Two quotations of one paragraph, neither inside another, ``b`` opening after ``a``
    closed: the pairs that may share a speaker."""
    return (
        a.paragraph == b.paragraph
        and a.parent is None
        and b.parent is None
        and a.close_mark >= 0
        and b.open_mark > a.close_mark
    )


JOINED_HOWS = frozenset(("before", "sentence", "subject"))


# How far (characters) a short quotation may stand before the one whose closing cue it shares,
# and what ends the sentence between them.
SHARED_REACH = 150
SENTENCE_BREAK = re.compile(r"[.!?;][”\"’']?\s|\n")


# Words a sentence may open with before a leading subordinate clause ("But even as …").
LEADING_SUBORDINATORS = tuple(
    "When As While After Before Although Though Once Because If Since But And Yet Even Just".split()
)
# A leading subordinate clause whose own subject and cue introduce the quotation: "When
# Lee shouted, "…"", "But even as Lee claimed on Tuesday that "…"". After a comma only cues
# that introduce words ("After Lee spoke, "…," Roe said" is Roe's).
_SUBORDINATE_SPEAKER = re.compile(
    r"\s*(?:(?:But|And|Yet)\s+)?(?:(?:[Ee]ven|[Jj]ust)\s+)?"
    r"(?:When|As|as|While|After|Before|Although|Though|Once|Because|If|Since)\s+"
    rf"(?P<np>[^,;:“”\"«»]{{2,100}}?)\s+{AUX}(?P<cue>{CUE})\b(?P<tail>[^,;:“”\"«».!?]{{0,60}}?)"
    r"(?P<end>\s+that\s*|\s*,\s*|\s+)$"
)
_INTRODUCING = frozenset("said says asked shouted yelled declared wrote".split())


def subordinate_speaker(head: str) -> Attribution | None:
    """The speaker of a leading subordinate clause that introduces the quotation at the end
    of ``head`` (the sentence up to its opening mark), if the clause names one."""
    if not (m := _SUBORDINATE_SPEAKER.match(head)):
        return None
    end, tail = m.group("end"), m.group("tail")
    if "," in end and (tail or m.group("cue") not in _INTRODUCING):
        return None  # "After Lee spoke, "…," Roe said": the clause closed before the words
    if end.isspace() and not tail:
        return None  # "When Lee shouted "…"": too little to tell a clause from a title
    words = m.group("np").split()
    np = np_before(m.group("np"))
    if np is None and words[0].lower() in ("someone", "somebody") and len(words) <= 5:
        np = m.group("np")  # "When someone in the audience shouted, "…""
    if not valid(np) or not m.group("np").endswith(np) or CUE_WORD.search(m.group("np")):
        return None
    return Attribution(np, normal_cue(m.group("cue")), "before")


# A name given in the passive, right before the quotation: "Lee, known online as "Ghost,"",
# "what had been called the "Golden Week"", "crows are considered the "detectives"". Its
# subject is what is named, not a speaker, and no one is credited with the words. (After a
# comma only participles that are never a speaker's verb: "Lee, called "…"" may be
# "what Ann Lee, the mayor, called "…"".)
_PASSIVE_NAMING = re.compile(
    r"(?:\b(?:is|are|was|were|been|being)\s+(?:(?:also|now|still|often|[a-z]+ly)\s+)?"
    r"(?:known|called|nicknamed|dubbed|labeled|labelled|termed|considered|marked|designated)"
    r"|,\s+(?:[a-z]+ly\s+)?(?:known|nicknamed|marked|designated))"
    r"(?:\s+(?:online|here|locally|internally))?(?:\s+as)?\s+(?:the\s+|an?\s+)?[“\"‘']*$"
)
# How the word before "“" ends where a naming verb, "as" or an article stands there; then
# the words that may end there.
NAMING_ENDINGS = frozenset(("ed", "wn", "as", "he", " a", "an", "ne", "re", "ly"))
NAMING_HOWS = frozenset(("subject", "sentence", "inherited"))
# Where the word before the mark is "as", an article or both, how far back from the mark the
# word before it ends: "known as "…"", "called the "…"", "known as a "…"".
_NAMING_BACK = {"as": 5, "he": 6, " a": 4, "an": 5}
_NAMING_VERB_ENDS = frozenset(("ed", "wn", "as", "ne", "re", "ly"))


def passive_naming(text: str, lo: int, open_at: int, ending: str) -> bool:
    """Whether a passive naming verb stands right before the quotation's opening mark;
    ``ending`` is the last two letters before the space before it."""
    # (A cheap test first: past "as" and an article, the word ends as a naming verb or its
    # adverb ("online") does; "the so-called "…"" names a term, and is read elsewhere.)
    back = _NAMING_BACK.get(ending)
    if back is not None and text[open_at - back - 1 : open_at - back + 1] not in _NAMING_VERB_ENDS:
        return False
    if text.endswith("so-called", max(lo, open_at - 10), open_at - 1):
        return False
    return _PASSIVE_NAMING.search(text, lo, open_at) is not None


# "Lee was asked by host Dan Pell, who backs him, "…"", "Lee was asked about the "…"": the
# passive's subject is the one asked; no other cue stands between it and the quotation.
_PASSIVE_ASKED = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:(?:also|then|later|again|repeatedly)\s+)?"
    r"(?:asked|pressed|questioned)\b(?P<rest>[^“”\"«».;!?]{0,200})$"
)
ASKED_HOWS = frozenset(("before", "subject", "sentence", "inherited"))
_ASKED_BY = re.compile(r"\s+by\s+(?P<np>[^,;:“”\"«»]{2,80}?)\s*(?:,|$)")


# "asked Lee," / "was asked by a reporter:" right before a quotation: the asking introduces
# it. (Not "When asked about it, "…," Lee said", whose quotation is the answer: only a
# question is taken as asked.)
_ASKING_LEAD = re.compile(r"\basked\b[^“”\"«».;!?]{0,80}[,:]\s*$")


def asked_question(text: str, span: Span, lo: int, open_at: int) -> bool:
    """Whether the quotation is a question that an "asked" right before it introduces."""
    words = text[span.start : span.end].rstrip(" ,")
    return words.endswith("?") and _ASKING_LEAD.search(text, lo, open_at) is not None


def passive_asker(text: str, lo: int, open_at: int) -> str | None:
    """Who asks the quoted question after a passive "was asked": the "by" phrase's person,
    "" where the text does not say; ``None`` where there is no such passive before it."""
    head = text[lo:open_at]
    if "asked" not in head and "pressed" not in head and "questioned" not in head:
        return None  # (the cheap test: most quotations have no such word before them)
    m = _PASSIVE_ASKED.search(head)
    if m is None:
        return None
    by = _ASKED_BY.match(rest := m.group("rest"))
    if by and rest.startswith(("who ", "whose "), by.end() + 1):
        # "Lee was asked by host Dan Pell, who has dismissed the story, "…"": a cue in the
        # asker's relative clause is about the asker, who asks.
        np = np_before(by.group("np"))
        return np if valid(np) else ""
    if CUE_WORD.search(rest):
        return None  # "Lee was asked about it and said, "…"": the later cue's
    np = np_before(by.group("np")) if by else None
    return np if valid(np) else ""


# Words a crowd chants or shouts, just before the quotation.
# (An earlier chant may come between: "chanting "We are Orlando" and "…"".)
_ANOTHER_CHANT = r"(?:[“\"][^“”\"]{1,60}[”\"]\s*,?\s*(?:and|or)\s+)?"
CROWD_HINT = re.compile(r"(?:chant|shout)[a-z]*(?:\s+of)?\s*[,:]?\s*" + _ANOTHER_CHANT + "$")


_CROWD = re.compile(
    r"(?:(?P<noun>\b(?:chants?|cries|shouts|calls)\s+of|\bchant)"
    r"|(?P<comma>,\s*(?:[a-z]+ly\s+)?)?\b(?P<verb>chant(?:ed|ing)|shout(?:ed|ing)|yell(?:ed|ing)|scream(?:ed|ing)))"
    r"\s*[,:]?\s*" + _ANOTHER_CHANT + "$"
)
# "when protesters interrupted her speech, shouting": the clause the participle follows.
_SUBORDINATE_SUBJECT = re.compile(
    r"\b(?:when|as|while|where|after)\s+(?P<np>[^,;:“”\"«»]{2,60}?)\s+(?:had\s+|have\s+)?"
    r"(?:[a-z]+ed|gathered|stood|met|came|went|broke)\b[^,;:“”\"«»]{0,60},\s*$"
)
# "his supporters were shown chanting": the chanters, not who showed them.
_SHOWN = re.compile(r"\s+(?:(?:were|was|are|is|could\s+be|can\s+be)\s+)?(?:shown|seen|heard)$")
_CROWD_ADVERBS = re.compile(r"(?:\s+(?:also|then|again|still|all|soon|[a-z]+ly))+$")
_CROWD_WORDS = frozenset(
    """crowd crowds audience audiences protesters protestors demonstrators supporters
    marchers spectators fans delegates attendees students workers voters people""".split()
)


def crowd_speaker(
    text: str, sent_lo: int, open_at: int, sent_hi: int, found: Attribution
) -> Attribution:
    """Who chants or shouts the words before ``open_at``; ``NONE`` where that is not clear.

    "roused the crowd to chants of "…"", "the crowd reprised the chant "…"", "with many
    marchers chanting "…"": a crowd's words, not those of the sentence's speaker.
    """
    named = (found.as_named or "").lower()
    if (
        named.split()
        and named.split()[-1] in _CROWD_WORDS
        or found.how == "after"
        or found.as_named
        and text.find(found.as_named, open_at, sent_hi) >= 0
    ):
        return found  # (""…," the fans chanted", "…, the Tribune reports": named after it)
    m = _CROWD.search(text, max(sent_lo, open_at - 110), open_at)
    if m is None:
        return found
    if m.group("noun"):
        return NONE
    cue = m.group("verb").lower()
    head = text[max(sent_lo, open_at - 200) : m.start()]
    if m.group("comma") is not None:
        # "…, when protesters interrupted her, shouting "…"": the subordinate subject; else
        # the main clause's, which the reading before found.
        sub = _SUBORDINATE_SUBJECT.search(head + ",")
        np = sub.group("np") if sub else None
        return Attribution(np, cue, "before") if valid(np) else found
    if found.cue == cue and found.how == "before":
        return found  # "Protesters chanted "…"": the cue's own subject was read
    # "with many marchers and spectators chanting "…"": the phrase right before.
    head = _CROWD_ADVERBS.sub("", _SHOWN.sub("", head.rstrip()))
    np = np_before(head)
    if valid(np):
        return Attribution(np, cue, "before")
    last = head[head.rfind(" ") + 1 :]
    return Attribution(last, cue, "before") if last.lower() in _CROWD_WORDS else NONE


# "Obama's "if you like your plan, you can keep it" promise": the words are the owner's.
_OWNED_NOUN = re.compile(
    r"[”\"’']*\s+(?:promise|pledge|vow|slogan|line|mantra|refrain|catchphrase|remark|"
    r"comment|claim|assertion|warning|boast|quip|motto|argument)s?\b"
)
# ""…" from diplomacy to the budget, in Bolton's view.": the view's owner.
_IN_OWNERS_VIEW = re.compile(
    r"[”\"’']*[^.;:!?“”\"«»]{0,80}?,?\s+in\s+(?P<np>(?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w\-]*|his|her)"
    r"[’']s?\s+(?:own\s+)?(?:view|words|telling|estimation|opinion|account)\b"
)


def possessive_owner(
    text: str, head_lo: int, open_at: int, close: int, hi: int
) -> Attribution | None:
    """The owner a possessive names: "Obama's "…" promise", ""…," in Bolton's view"."""
    np = None
    if _OWNED_NOUN.match(text, close + 1, hi) and (
        owner := OWNER_BEFORE.search(text, head_lo, open_at)
    ):
        np = owner.group("np") or owner.group("pron")
    elif (
        " in " in (seg := text[close + 1 : min(hi, close + 160)])
        and ("s " in seg or "' " in seg or "’ " in seg)
        and (view := _IN_OWNERS_VIEW.match(seg))
    ):
        np = view.group("np")
    if np is None or np.split()[-1].lower() in NOT_NAMES or not (np in ("his", "her") or valid(np)):
        return None
    return Attribution(np, None, "possessive")


QUOTES_JOINED = re.compile(r"[”\"’']*\s*,?\s*(?:and|or)\s*")


# What a speaker phrase never ends with: a function word, a conjunction, an auxiliary or a
# modal ("the United States and", "the authors of the", "the candidate could be"): the
# phrase was cut mid-clause. (Lower case only: "Will" is George Will.)
_NO_PHRASE_END = frozenset(
    """and or but nor the a an of to in on at for with by from as than that which who whose
    into about could would should will can may might must shall be been is are was were
    has have had do does did not its their our my your his her""".split()
)
_RELATIVES = frozenset("who whose which that".split())
# Words that open a prepositional phrase or a question, never a speaker phrase of more
# than one word: "on the former secretary of state", "Were they". (Alone, "From" may be a
# surname; "About four in 10 voters", "At least half of them" count people.)
_NO_PHRASE_START = frozenset("of to in on for with by from into than were was is are".split())
_CONJUNCTIONS = frozenset("and or but nor".split())
# Lower-case adverbs a phrase may have swallowed before the cue: "Trump then", "Her
# campaign quickly" (read off its end, the phrase left is the speaker).
_TRAILING_ADVERBS = frozenset(
    "then further also now later again too still instead once rather even just".split()
)
_LY_NOT_ADVERBS = LY_NOUNS | frozenset("daily weekly monthly quarterly italy".split())
# A headline's capitals glued before the phrase: "SHORT READS", "ROLL TIDE Alabama".
_SHOUTED = re.compile(r"[A-Z][A-Z’'\-]+")
_SUBJECT_PRONOUN_WORDS = frozenset("he she it they we i you him them us".split())
_PRONOUN_THEN_PREPOSITION = frozenset("in on at for with to by from about into".split())


_CONTRACTED_PRONOUN = re.compile(r"(I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)[’'](?:m|re|s|ve|d|ll)")


def plausible(found: Attribution) -> Attribution:
    """``found`` with a phrase that reads as a speaker, trimmed where its end swallowed an
    adverb; ``NONE`` where it reads as a cut clause, which would be shown as a name."""
    named = found.as_named
    if not named:
        return found
    if found.how == "after" and named.endswith(("’s", "'s")):
        return NONE  # ""…," said Clinton’s": an owner cut from what it owns, not the speaker
    if " " in named:
        first, rest = named.split(None, 1)
        if first.lower() in _NO_PHRASE_START:
            return NONE
        if first.lower() in _CONJUNCTIONS:  # "But Lee’s aide": the phrase after it
            return plausible(Attribution(rest, found.cue, found.how, found.via))
    if " " not in named:
        if ("’" in named or "'" in named) and (bare := _CONTRACTED_PRONOUN.fullmatch(named)):
            # "I’m passionate about the "…"": the pronoun, as the resolver reads it.
            return Attribution(bare.group(1), found.cue, found.how, found.via)
        return found
    if (
        named.istitle()
        and "-" not in named
        and named.split(None, 1)[0].lower() not in _SUBJECT_PRONOUN_WORDS
    ):
        # Capitalised words only ("Vice Premier He Lifeng"), the common case: no lower-case
        # word to trim or to show a clause, no shouted headline words.
        return found
    words = named.split()
    trimmed = False
    while len(words) > 1 and (
        words[-1] in _TRAILING_ADVERBS
        or words[-1].endswith("ly")
        and words[-1].islower()
        and words[-1] not in _LY_NOT_ADVERBS
    ):
        words.pop()
        trimmed = True
    shouted = 0
    while shouted < len(words) and _SHOUTED.fullmatch(words[shouted]):
        shouted += 1
    if shouted >= 2 and any(len(w) > 4 for w in words[:shouted]):
        words = words[shouted:]  # "TURNS OUT … Crows": a headline, then maybe a name
        trimmed = True
        if not words:
            return NONE
    # "Braynard is quoted as saying", "a reporter can be heard asking": the verb's subject.
    if found.cue == "quoted" and words[-1] in ("is", "was") or words[-2:] == ["be", "heard"]:
        while len(words) > 1 and words[-1] in CLAUSE_VERBS | {"be", "heard"}:
            words.pop()
        trimmed = True
    first = words[0].lower()
    if (
        len(words) > 1
        and (
            words[-1] in _NO_PHRASE_END
            # "he was", "She hasn't", "We measured this": a pronoun and a clause
            or first in _SUBJECT_PRONOUN_WORDS
            and not words[0].isupper()  # (but "US Senator Jeff Sessions")
            and not surname_he(words, 0)  # (nor "He Lifeng")
            # "her on the campaign trail", "her for": an object, not an owner
            or first == "her"
            and words[1] in _PRONOUN_THEN_PREPOSITION
            or any(w in CLAUSE_VERBS for w in words[1:])
            and not any(w in _RELATIVES for w in words[1:])
        )
    ):
        return NONE
    if trimmed:
        return Attribution(" ".join(words), found.cue, found.how, found.via)
    return found


_WORD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[’'](?=[^\W\d_])")
_ACCORDING_AFTER = re.compile(
    r",?\s+(?:according to|as (?:quoted|cited|reported) by)\s+"
    r"(?P<np>[^,.;:!?“”\"]{2,80}?)\s*(?=[,.;:!?]|$)"
)


# "quoted Deputy Minister Sergei Ryabkov as saying", "quoted a source as telling Reuters".
_QUOTED_AS = re.compile(
    r"\bquoted\s+(?P<np>[^,;:“”\"«»()]{2,120}?)\s+as\s+(?:saying|telling|stating|adding|"
    r"writing|calling|describing|warning|noting|declaring|arguing|asking)\b"
)


def quoted_as(text: str, lo: int, hi: int, found: Attribution) -> Attribution:
    """``found`` (an agency or outlet that "quoted" someone, between ``lo`` and ``hi``) with
    the person it quoted as the speaker and itself as the relay, where the text says so."""
    m = _QUOTED_AS.search(text, lo, hi)
    if m is None:
        return found
    np = m.group("np").strip()
    if np.startswith("by "):
        # "Peskov was quoted by RIA as saying": the subject speaks, the agency relays.
        relay = np[3:].strip()
        return Attribution(found.as_named, found.cue, found.how, relay) if valid(relay) else found
    return Attribution(np, found.cue, found.how, found.as_named) if valid(np) else found


def according_after(text: str, close: int, sent_hi: int) -> str | None:
    """ "…," Sanders said, according to CNN." (or "as quoted by CNN"): the outlet or record
    that relayed the words."""
    if close < 0 or sent_hi - close > 300:
        return None
    tail = text[close + 1 : sent_hi]
    if "according to" not in tail and " by " not in tail:
        return None
    # Another quotation in between is another report; an apostrophe inside a word
    # ("O’Malley said", "Manila's House") opens none.
    if any(c in MARKS for c in _WORD_APOSTROPHE.sub("", tail)):
        return None
    if text[close - 3 : close].rstrip(MARKS).endswith(".") and tail.lstrip()[:1].isupper():
        return None  # ""… bills." That's bad, according to Lee": the next sentence's source
    m = _ACCORDING_AFTER.search(tail)
    return m.group("np").strip() if m and valid(m.group("np").strip()) else None
