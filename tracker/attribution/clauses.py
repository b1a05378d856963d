"""The clause around a cue: what stands between a speaker and the verb, and whose clause it is.

Auxiliaries and adverbs (``strip_aux``), an apposition set off by commas
(``cut_apposition``), a cue word used as a noun ("his claim that", ``noun_use``),
participle clauses ("…, saying"), coordinated subjects, a sentence's subject when no cue
names the speaker (``sentence_subject``), and where a sentence starts.
"""

from __future__ import annotations

import functools
import re

from tracker.attribution.lexicon import (
    PLACES,
    PRONOUNS,
)
from tracker.attribution.phrases import (
    AUX,
    AUX_WORDS,
    CONTRACTED_AUX,
    CUE,
    DATE_WORDS,
    DESCRIPTION_START,
    SPEAKING_PRONOUNS,
    WEEKDAY,
    Attribution,
    np_after,
    valid,
    without_noise,
)
from tracker.extract import MARKS
from tracker.text import ends_sentence

# Cues with which "another" is one more person speaking, not one more sign or message.
ANOTHER_CUES = frozenset(
    "said says tweeted wrote writes added adds told posted replied responded asked notes".split()
)


# Cues that may come before their speaker: "…, said Solovey", "But, added the mayor, …".
INVERTING = frozenset(
    "said says added adds wrote writes continued explained recalled noted declared".split()
)


# A quotation closed, an inverted cue and its speaker, up to a relative "who".
INVERTED_CUES = "said|says|added|adds|wrote|writes|explained|noted"


def normal_cue(cue: str) -> str:
    return " ".join(cue.lower().split())


APPOSITIVE_NAME = re.compile(r"(?:[A-Z][\w’'\-]*\.?\s+){1,2}[A-Z][\w’'\-]+")


def named_in_apposition(np: str | None, appos: str | None) -> str | None:
    """ "A Chinese commentator, Kong Jun, writing …": the name beside a description."""
    if (
        not np
        or not appos
        or np[:1].isupper()
        and np.split()[0].lower() not in DESCRIPTION_START
        and not np.split()[-1][:1].islower()  # "Chinese commentator": a description still
    ):
        return np
    # "A former candidate -- John McCain, who lost in 2008 --": dashes and a relative
    # clause around the name.
    name = _RELATIVE_AFTER_NAME.split(appos.strip(" ,—–-"), 1)[0].strip(" ,")
    return name if APPOSITIVE_NAME.fullmatch(name) else np


_RELATIVE_AFTER_NAME = re.compile(r",\s*(?:who|whose)\b")
# A quotation mark, not an apostrophe inside a word ("he’s", "Clinton's").
# "[“”\"«»„]|(?<!\w)[‘’']|[‘’'](?!\w)" opening with one class for all the marks, then
# telling them apart (an alternation opening with a class is tried at every position; this
# skips to the marks): the same matches.
QUOTE_MARK = re.compile(r"[“”\"«»„‘’'](?:(?<=[“”\"«»„])|(?<!\w[‘’'])|(?!\w))")
ASIDE_DASH = re.compile(r"\s(?:--|—|–)\s|—")


# A word before a cue that makes it a noun: "Ryan's comments", "the claims", "of state".
_NOUN_BEFORE = re.compile(
    r"(?:(?<=\w)[’']s?|\b(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|of|new|"
    r"such|whose|any|no|public|recent|latest|earlier|similar|initial|first|same))\s+$",
    re.IGNORECASE,
)


_ADJECTIVE_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|its|their|our|my|your|these|those)\s+"
    r"[a-z]+(?:ing|ed|ful|ous|ive|al|ic|est|ent|ant|less|ible|able)\s+$",
    re.IGNORECASE,
)
# A cue that may be a noun: a plural, or a bare form (not "-ed" nor "-ing").
_NOUN_FORM_CUE = re.compile(
    r"(?!(?:said|told|wrote|written|spoke|thought|swore|sworn)\b)[a-z]+(?<!ed)(?<!ing)\b"
)
_POSSESSIVE_AFTER = re.compile(r"[a-z]+[’']s\b")


def noun_use(text: str, pos: int) -> bool:
    """Whether the cue word at ``text[pos]`` is not a verb here: a noun ("the claims") or
    part of a compound ("so-called")."""
    if text[pos - 1 : pos] == "-":
        return True
    if _NOUN_FORM_CUE.match(text, pos) and _adjective_before(text[max(0, pos - 31) : pos]):
        return True  # "his scathing remarks", "her repeated claims", "a prepared text"
    if _POSSESSIVE_AFTER.match(text, pos):
        return True  # "the Democratic state’s party convention"
    if noun_cue(text, pos):
        return True
    return _noun_before(text[max(0, pos - 14) : pos])


# The two searches below read a few characters before a cue (and one more, for "\b" and the
# lookbehinds), so those characters are the key: "he said", "Trump said" recur.
@functools.lru_cache(maxsize=4096)
def _adjective_before(head: str) -> bool:
    """``_ADJECTIVE_BEFORE`` in the 30 characters before a cue (``head`` has one more)."""
    return _ADJECTIVE_BEFORE.search(head, max(0, len(head) - 30)) is not None


@functools.lru_cache(maxsize=8192)
def _noun_before(head: str) -> bool:
    """A determiner or possessive in the 12 characters before a cue (``head`` has two more)."""
    lo = max(0, len(head) - 12)
    m = _NOUN_BEFORE.search(head, lo)
    # "He’s claiming", "she’d said": a pronoun's contracted auxiliary, not a possessive.
    return m is not None and not _PRONOUN_CONTRACTION.search(head, lo)


def noun_cue(text: str, pos: int) -> bool:
    """Whether a cue word that is mostly a noun ("message", "attacks") is one here: after a
    determiner and up to two modifiers."""
    low = _noun_cue_word(text[pos : pos + _NOUN_CUE_READ])
    if not low:
        return False
    lo = max(0, pos - 40)
    return bool(
        _DETERMINED.search(text, lo, pos)  # "a clear message"
        # "a terror attack", "a declarative answer": almost always nouns
        or low in _MOSTLY_NOUNS
        and _DETERMINED_ANY.search(text, lo, pos)
        # "the Paris attacks": one proper modifier before a plural; not "the Saudis state"
        # nor "the Daily Caller reports", where the name is the subject
        or low.endswith("s")
        and _DETERMINED_NAME.search(text, lo, pos)
    )


_WORD_AT = re.compile(r"[A-Za-z]+")


@functools.lru_cache(maxsize=4096)
def _noun_cue_word(start: str) -> str:
    """The word opening ``start``, lower-cased, if it is one of _NOUN_CUES; else "".

    (Cached on the cue's first _NOUN_CUE_READ characters: "said ", "told " recur.)"""
    word = _WORD_AT.match(start)
    low = word.group(0).lower() if word else ""
    return low if low in _NOUN_CUES else ""


# Cue words that are mostly nouns ("an answer", "the attacks"): after a determiner, nouns.
_NOUN_CUES = frozenset(
    """attack attacks answer answers call calls message messages claim claims comment
    comments remark remarks report reports statement post posts tweet tweets text email
    emails quote quotes warning warnings promise promises pledge pledges vow vows charge
    charges challenge challenges appeal appeals request requests estimate estimates forecast
    insult insults jab jabs swipe swipes threat threats note notes word words defense answer
    reply replies response responses state""".split()
)
# One letter more than the longest of _NOUN_CUES: a word that fills it is none of them.
_NOUN_CUE_READ = max(map(len, _NOUN_CUES)) + 1
_DETERMINED = re.compile(
    r"\b(?:the|a|an|his|her|its|their|our|this|that|these|those|any|every|each|no|one)\s+(?:"
    # The words between are adjectives ("a clear message"), never a noun or a name that
    # could be the subject ("the ad claims", "the Saudis state").
    r"(?-i:[a-z]+(?:al|ive|ous|ful|ic|ent|ant|ed|ing|ar|ary|less|est))\s+){0,2}$",
    re.IGNORECASE,
)
_MOSTLY_NOUNS = frozenset("attack attacks answer".split())
_DETERMINED_ANY = re.compile(
    r"\b(?:the|a|an|his|her|its|their|our|this|that|these|those|any|every|each|no|one)\s+"
    r"(?:[\w\-’'.]+\s+){0,2}$",
    re.IGNORECASE,
)
_DETERMINED_NAME = re.compile(
    r"(?:^|[\s(])(?:the|a|an|his|her|its|their|this|that|these|those)\s+[A-Z][\w\-]*\s+$"
)
_PRONOUN_CONTRACTION = re.compile(r"\b(?:he|she|it|they|we|I|you|who)[’'](?:s|d|ve)\s+$", re.I)


def participle_of_clause(head: str, word: str, pos: int) -> bool:
    """Whether the cue ``word`` at ``head[pos]`` is a participle hanging on its clause
    ("…, saying", "and calling"): its speaker is the clause's subject, not the words just
    before it."""
    if _COORDINATED.search(head, 0, pos):
        return True  # "Cruz knocked Rubio and called him …": the same subject
    return word.endswith("ing") and _participle_after(head[:pos])


_PARTICIPLE_WORDS = ("and", "while", "before", "after", "by", "then")


def _participle_after(head: str) -> bool:
    """``_PARTICIPLE_AFTER.search(head)``, which is tried at every position of the head:
    only its end can match, so the end is read (a comma, or one of the words standing as a
    whole word, then spaces)."""
    end = head.rstrip()  # (the pattern's "\s*$": the same spaces)
    if end.endswith(","):
        return True
    if end.endswith((",”", ',"', ",''")):
        return True  # "… on "Morning Joe," calling it": the title held the comma
    for word in _PARTICIPLE_WORDS:
        if end.endswith(word):
            before = end[-len(word) - 1 : -len(word)]
            return not (before.isalnum() or before == "_")  # "\b" before the word
    # "Lee answered the question on Facebook writing, "…"": a comma left out after a place
    # named as a preposition's object, which is no subject of the participle.
    return bool(_PLACE_BEFORE_PARTICIPLE.search(end, max(0, len(end) - 40)))


_PLACE_BEFORE_PARTICIPLE = re.compile(
    r"\s(?:on|in|at|via)\s+(?:the\s+)?(?:[A-Z][\w’'.\-]*\s+){0,2}[A-Z][\w’'\-]*$"
)
# "\b(?:and|but)" written so that the search skips to an "a" or "b" (the lookbehind after
# the letter is the "\b" before it): the same matches, without trying every position.
_COORDINATED = re.compile(rf"(?:a(?<!\w\w)nd|b(?<!\w\w)ut)\s+{AUX}$")


# Where a clause opens inside a sentence: after a comma, colon or dash, or a subordinator.
_INNER_CLAUSE = re.compile(
    r"(?:[,;:]|\s(?:-|--|—|–)|\b(?:when|that|as|while|after|because|since|if))\s+"
)


def coordinated_subject(text: str, head: str, at: int) -> Attribution | None:
    """The subject of the clause a cue at ``head[at]`` is coordinated into, where that clause
    opens inside the sentence: "such as when Cruz knocked Rubio and called him "…""."""
    if not (m := _COORDINATED.search(head, max(0, at - 40), at)):
        return None
    opens = [c.end() for c in _INNER_CLAUSE.finditer(head, max(0, m.start() - 200), m.start())]
    if not opens:
        return None
    words = (clause := head[opens[-1] : m.start()]).split(None, 1)
    if not words or words[0].lower() in _QUESTION_OPENERS:
        return None  # "Does the group have no choice but to … and agree": a question
    return clause_subject(text, without_noise(clause))


_QUESTION_OPENERS = frozenset("do does did is are was were has have had can will would".split())
# Auxiliaries and modals inside a phrase: a clause, not a name ("Braynard is quoted",
# "the man could be heard") unless a relative pronoun opens it ("sources who have seen").
CLAUSE_VERBS = frozenset(
    """is are was were has have had could would should will can may might must shall does
    did hasn't wasn't isn't""".split()
)


# Words that open an adverbial or subordinate clause before the subject: "When Clinton …, ".
CLAUSE_OPENERS = frozenset(
    """when while after before as if although though since because in on at during
    following despite last this earlier later meanwhile but and so still yet however instead
    asked speaking then now recently once until unless with without by for from like unlike
    amid among over under throughout according also indeed moreover even alongside""".split()
)
# "N.H.,", "Calif.,", "D.C.,": a state's abbreviation after a place, inside an adverbial.
_POSSESSIVE_S = re.compile(r"[’']s?$")
_STATE_ABBREVIATION = re.compile(r"(?:(?:[A-Z]\.){1,2}|[A-Z][a-z]{1,4}\.),")
# Adverbs that open a clause on their own, with no comma: "And then Trump went on …".
_LONE_ADVERBS = frozenset("then now also still later soon".split())
_EVEN_DESCRIPTION = re.compile(r"[Ee]ven\s+(?:an?|the|one|some)\s")
_LEADING_CONJUNCTION = re.compile(r"^[\s\-–—(]*(?:(?:But|And|So|Yet|Still|Or|Now|Then)\s+)?")
_CLAUSE_VERB = re.compile(r"\s*(?:[a-z][a-z’'\-]*)\b")


def sentence_subject(
    text: str, sent_lo: int, start: int, speaking: bool = False, later: bool = True
) -> Attribution | None:
    """The subject of the clause a quotation sits in, when no cue word names a speaker.

    "Manafort dismissed the kerfuffle as "absurd"", "She has proposed a "chief trade
    prosecutor"", "Trump slammed the deal, saying "…"": the phrase that opens the clause,
    if a lower-case word (a verb) follows it. A leading adverbial clause is skipped.
    ``speaking``: the clause ends in a participle cue ("…, saying"), which makes a looser
    description its speaker ("A Chinese official responded by saying"). Where a later
    clause with a subject of its own holds the quotation ("Lee signed it, while Ann Ross
    proposed "…""), ``later`` takes that clause's subject.
    """
    head = text[sent_lo:start]
    if len(head) < 4 or len(head) > 400:
        return None
    leading = _LEADING_CONJUNCTION.match(head)
    assert leading is not None  # every part of the pattern is optional: it matches any text
    pos = leading.end()
    if dateline := _DATELINE.match(head, pos):  # "DECATUR, Ill. — Sen. Ted Cruz weighed in"
        pos = dateline.end()
    skipped = False
    for _ in range(4):  # "In 2016, after the vote, Mrs. Schlafly endorsed …"
        first = head[pos:].split(None, 1)[:1]
        word = first[0].strip(",").lower() if first else ""
        # Inside a skipped adverbial, a place or date goes too: "At an event in Ames, Iowa,
        # on Sunday, Mrs. Clinton …".
        place = skipped and (
            word.rstrip(".") in PLACES
            or word in DATE_WORDS
            or bool(first)
            and _STATE_ABBREVIATION.fullmatch(first[0]) is not None
        )
        if (
            word in _LONE_ADVERBS
            and not first[0].endswith(",")
            # "Even a top aide said …": "even" before a description is an adverb, not
            # "Even as …, X said"'s subordinator.
            or word == "even"
            and _EVEN_DESCRIPTION.match(head, pos)
        ):
            pos = head.find(first[0], pos) + len(first[0]) + 1  # "And then Trump went …"
            continue
        if word in CLAUSE_OPENERS or word.endswith("ing") and word[:1].isalpha() or place:
            skipped = True
            comma = head.find(", ", pos)
            if comma < 0:
                return None
            pos = comma + 2
        else:
            break
    found = clause_subject(text, without_noise(head[pos:]))
    if found is None and (comma := head.find(", ", pos)) > 0 and head.count(" ", pos, comma) < 4:
        # A short adverbial before the subject: "Hours later, Trump returned …".
        found = clause_subject(text, without_noise(head[comma + 2 :]))
    if found is None and speaking and (m := _SPEAKING_SUBJECT.match(head, pos)):
        found = Attribution(m.group("np"), None, "subject")
    if (
        later
        and found is not None
        and (", a" in head or ", the" in head)
        and (rel := _RELATIVE_TAIL.search(head, max(pos, len(head) - 200)))
    ):
        # "Lee hired Ann Ross of Acme, a website that has run headlines such as "…"", "…
        # Vince Foster, an incident Dee brought up as "…"": the quotation sits in a relative
        # clause on an apposition; its subject is the apposition's noun, or the one named
        # in the clause, or no one the rules can tell; never the sentence's subject.
        if rel.group("pron") and rel.group("verb"):
            return Attribution(rel.group("np"), None, "subject")
        return clause_subject(text, head[rel.end("np") :].lstrip())
    if (
        later
        and found is not None
        and (conn := _last_clause_opener(head, pos)) is not None
        and (sub := sentence_subject(text, sent_lo + conn, start, speaking, later=False))
        and (np := sub.as_named)
        # A pronoun there is most often the first subject again ("Lee praised him, but he
        # said …"), and the name is the better answer.
        and np.lower() not in SPEAKING_PRONOUNS
        and (verb := _verb_after(head, head.find(np, conn) + len(np)))
        and not verb.endswith("ing")
        and verb not in _NOT_VERBS
    ):
        return sub
    return found


# An apposition with a relative clause running up to the quotation (no comma closes it):
# ", a website that has run …", ", a country that Lee called", ", an incident Dee brought
# up as". (Opens on the comma: the search skips to commas.)
_RELATIVE_TAIL = re.compile(
    r",\s+(?P<np>(?:an?|the)\s+(?:(?!(?:of|in|on|at|for|to|with|from|by|and|or)\s)"
    r"[a-z][\w\-]*\s+){0,3}?(?!(?:of|in|on|at|for|to|with|from|by|and|or)\s)[a-z][\w\-]*)\s+"
    r"(?:(?P<pron>that|which|who)\s+(?P<verb>(?:has|have|had|is|was|were|are|[a-z]+ed)\s)?"
    r"|(?=[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}\s+(?:has\s+|had\s+)?"
    r"(?:[a-z]+ed|brought|took|made|gave|put|saw|got|set)\b))"
    r"[^,;:.!?]*$"
)
# What opens a clause of its own after the subject's: "…, while", "… - and", "as", "in what".
_CLAUSE_OPENER = re.compile(
    r"(?:(?:,|\s[-–—]+)\s+(?:while|whereas|and|but)|;|\b(?:as|while|whereas|what|whom))\s+"
)
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_WORD_AFTER = re.compile(r"[\s,]*([a-z]+)")


def _verb_after(head: str, pos: int) -> str | None:
    """The lower-case word after a subject ending at ``head[pos]``, past an apposition."""
    if appos := _TRAILING_APPOS_START.match(head, pos):
        pos = appos.end()
    word = _WORD_AFTER.match(head, pos)
    return word.group(1) if word else None


# Words after a noun that show no verb follows it: "as the Plan B for", "as ISIL or ISIS".
_NOT_VERBS = frozenset("or and nor for of in on to with at by from as than the a an".split())


def _last_clause_opener(head: str, pos: int) -> int | None:
    """Where the last clause opener of ``head`` after ``pos`` ends, if a verb (a lower-case
    word) comes between: "Clinton, Sanders, and O'Malley" is one subject, not two clauses."""
    last = None
    for m in _CLAUSE_OPENER.finditer(head, pos):
        last = m
    if last is None or not _LOWER_WORD.search(head, pos, last.start()):
        return None
    return last.end()


# The subject of a clause whose participle or coordinated cue reports speech ("…, saying",
# "… but said"): a description with capitalised adjectives ("A Chinese official") or a body's
# name after it ("A spokesman for Dataco declined …"), before a past verb (an adverb between),
# an irregular one ("began", "sent") or a perfect of "be" ("The weekly has been critical …").
_SPEAKING_SUBJECT = re.compile(
    r"(?P<np>(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]n?|One|Another)\s+"
    r"(?:[A-Za-z][\w\-]*\s+){0,3}?"
    r"(?!(?:is|are|was|were|has|have|had|who|that|which|later|also|then|now|still)\b)"
    r"[a-z][\w\-]*(?:\s+(?:for|of|at|inside|from)\s+(?:the\s+)?"
    r"(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*)?)\s+"
    r"(?:(?:later|also|then|now|still|[a-z]+ly)\s+)?"
    r"(?:[a-z]+ed|began|sent|went|took|gave|made|spoke|wrote|told|said|put|set|held|kept|struck"
    r"|(?:has|had|have)\s+been)\b"
)


# A wire dateline: the place in capitals, a state or country, an agency, then a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}(?:,(?: [A-Z][\w.]*| \d{1,2}\b){1,3})?"
    r"(?: \([\w .]{1,20}\))?(?:\s*[—–―]|\s+--?)\s*"
)
_DESCRIPTION_SUBJECT = re.compile(
    r"(?P<np>(?:[Tt]he|[Tt]his|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Ss]everal|[Mm]any|[Ss]ome|[Bb]oth|an?|An?|"
    r"[Tt]wo|[Tt]hree|[Oo]nly\s+\d+\s+percent\s+of|\d+\s+percent\s+of)"
    r"\s+(?:(?!(?:is|are|was|were|has|have|had|who|that|which|after|before|of|in|on|at|for|"
    r"to|by|with|from|being|came|he|she|it|they|we|you)\b)[a-z][\w\-]*\s+){0,3}"
    r"(?!(?:way|time|day|year|week|idea|fact|point|problem|question|issue|reason|thing|is|are|"
    r"was|were|has|have|had|he|she|it|they|we|you)\b)"
    # "an angry crowd of workers": one "of" phrase after the head.
    r"[a-z][\w\-]*(?:\s+of\s+(?:(?!(?:is|are|was|were|has|have|had)\b)[a-z][\w\-]*\s+)?"
    r"(?!(?:is|are|was|were|has|have|had|these|those)\b)[a-z][\w\-]*)?)"
    r"\s+(?:(?:has|had|have)\s+)?(?:[a-z]+ed|says|said|told|wrote|released|issued|called|made)\b"
)
# "Clinton's campaign is seeking …", "Ann Lee's aides said": a name's group as the subject.
_GROUP_OF_NAME_SUBJECT = re.compile(
    r"(?P<np>(?!(?:He|She|It|That|What|There|Here|Who)[’'])(?:[A-Z][\w\-]*\s+){0,2}"
    r"[A-Z][\w\-]*[’']s?\s+(?:[a-z][\w\-]*\s+)?(?:campaign|committee|team|aides|advisers|"
    r"allies|supporters|spokesman|spokeswoman|office|staff|lawyers|administration|government))"
    r"\s+(?:[a-z]+ed|says|said|is|are|was|were|has|have|had|took|made|sent|gave|put|held)\b"
)


def clause_subject(text: str, rest: str) -> Attribution | None:
    if rest[:1] in MARKS:
        return None  # the clause opens with a quotation: its words are no subject
    # "The town released a statement …", "the prince called for …": a short description
    # followed by a verb in the past or present tense.
    if m := _DESCRIPTION_SUBJECT.match(rest) or _GROUP_OF_NAME_SUBJECT.match(rest):
        return Attribution(m.group("np"), None, "subject")
    np = np_after(rest)
    if not valid(np) or np.split()[0].lower() in _NOT_SUBJECTS:
        return None
    if _POSSESSIVE_S.sub("", np.split()[0]).lower() in DATE_WORDS:
        return None  # "Saturday's gaffes were …": a day, not a speaker
    if (
        " " not in np
        and np[:1].isupper()
        and np.lower() not in PRONOUNS
        and not named_midsentence(text, np)
    ):
        return None  # "Embryonic stem cells …": a capitalised first word, not a name
    after = rest[rest.find(np.split()[-1]) + len(np.split()[-1]) :]
    if m := _TRAILING_APPOS_START.match(after):
        after = after[m.end() :]
    if not _CLAUSE_VERB.match(after):
        return None
    return Attribution(np, None, "subject")


def named_midsentence(text: str, word: str) -> bool:
    """Whether ``word`` appears capitalised after a word (or a comma) and a space somewhere in
    ``text``: as a whole word, or as the part of one before an apostrophe or hyphen.

    Read where ``word`` occurs (``str.find`` skips through the text in C), not by collecting
    every such word of the text: most texts ask this of one word. A text that asks it of many
    words (each read may cross the whole text) gets the collection once its reads have covered
    the text a few times: linear in the text whatever it holds.
    """
    state = _midsentence_state(text)
    if state.words is None and state.read > 4 * len(text) + 10_000:
        state.words = _midsentence_capitals(text)
    if state.words is not None:
        return word in state.words
    at = text.find(word, 1)
    while at >= 0:
        if text[at - 1] == " " and (m := _MIDSENTENCE_CAPITAL.match(text, at - 1)):
            run = m.group(1)
            if run == word or _WORD_JOINT.split(run, 1)[0] == word:
                state.read += at
                return True
        at = text.find(word, at + 1)
    state.read += len(text)
    return False


class _MidsentenceState:
    """How much of a text ``named_midsentence`` has read, and its words once collected."""

    __slots__ = ("read", "words")

    def __init__(self) -> None:
        self.read = 0
        self.words: frozenset[str] | None = None


@functools.lru_cache(maxsize=4)
def _midsentence_state(text: str) -> _MidsentenceState:
    return _MidsentenceState()  # one per text (a str caches its hash: a cheap lookup)


def _midsentence_capitals(text: str) -> frozenset[str]:
    """Capitalised words that follow a word (or a comma) and a space somewhere in ``text``,
    and the part of each before an apostrophe or hyphen."""
    words = set(_MIDSENTENCE_CAPITAL.findall(text))
    parts = {_WORD_JOINT.split(w, 1)[0] for w in words if "’" in w or "'" in w or "-" in w}
    return frozenset(words | parts)


# A capitalised word after a word character, comma or semicolon and a space (the capital is
# looked at first, as it rules out most spaces).
_MIDSENTENCE_CAPITAL = re.compile(r" (?=[A-Z])(?<=[\w,;] )([A-Z][\w’'\-]*)")


_WORD_JOINT = re.compile(r"[’'\-]")


_NOT_SUBJECTS = frozenset(
    """i we you it this that these those there here what which who a an some many most
    all one each every any no none both either neither""".split()
)
_TRAILING_APPOS_START = re.compile(r"\s*,\s*[^,;“”\"«»]{3,160}?,")


def last_sentence_start(text: str) -> int:
    for m in reversed(list(_SENTENCE_END.finditer(text))):
        if text[m.start()] != "." or ends_sentence(text, m.start()):
            return m.end()
    return 0


_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[“\"A-Z])")


CUE_WORD = re.compile(rf"\b(?:{CUE})\b")
_AUX_LAST = re.compile(
    rf"{AUX_WORDS}|week|month|year|night|morning|spring|summer|fall|winter|to|{WEEKDAY}|"
    r"(?:19|20)\d\d"
)
# "(?:(?<=\S)\s+(?:aux))+$" opening with a space instead of the lookbehind, so that the search
# skips to spaces: every aux word ends in a letter, so only the first repetition needed the
# lookbehind (the same matches).
_TRAILING_AUX = re.compile(rf"\s(?<=\S\s)\s*(?:{AUX_WORDS})(?:\s+(?:{AUX_WORDS}))*$")


@functools.lru_cache(maxsize=4096)
def aux_last(word: str) -> bool:
    """Whether a head's last word may end a run of auxiliaries (cached: words recur)."""
    return _AUX_LAST.fullmatch(word) is not None


def strip_aux(head: str) -> str:
    """Drop trailing auxiliaries, adverbs and times ("Lavrov has also" → "Lavrov", "He’s" →
    "He", "Feinstein last week" → "Feinstein")."""
    # Only the end can hold them, and most heads end in no such word: a test of the last
    # word first, then a search of the last 80 characters.
    last = head[head.rfind(" ") + 1 :]
    if aux_last(last) and (m := _TRAILING_AUX.search(head, max(0, len(head) - 80))):
        head = head[: m.start()]
    end = head[-5:]
    if "’" in end or "'" in end:
        head = head[:-5] + CONTRACTED_AUX.sub("", end)
    return head


# "\s*," written as "[\s,]" and what must follow it, so that the search skips to spaces and
# commas instead of trying every position (the same matches).
_SPACES_COMMA = r"[\s,](?:(?<=,)|(?<=\s)\s*,)"
_TRAILING_APPOS = re.compile(_SPACES_COMMA + r"\s*[^,;“”\"«»]{3,160}?,$")
_TRAILING_DASHED = re.compile(r"\s*(?:[—–]|--)\s*[^—–;“”\"«»]{3,160}?\s*(?:[—–]|--)$")


def cut_apposition(head: str) -> tuple[str, str | None]:
    """``head`` without an apposition ending it (", Kong Jun,"), and the apposition.

    An apposition ends in a comma; only then is the costlier search worth it."""
    if head.endswith(("—", "–", "--")) and (dashed := _TRAILING_DASHED.search(head)):
        return head[: dashed.start()], dashed.group(0)  # "Gingrich — mentioned by … —"
    if not head.endswith(","):
        return head, None
    if (adverbial := _trailing_adverbial(head)) is not None:
        return head[:adverbial], None
    # The apposition holds no comma: it opens at the comma before the last one, or at the
    # spaces before that comma (where the search would find it first).
    if (comma := head.rfind(",", 0, len(head) - 1)) < 0:
        return head, None
    start = comma
    while start > 0 and head[start - 1].isspace():
        start -= 1
    if appos := _TRAILING_APPOS.match(head, start):
        return head[: appos.start()], appos.group(0)
    return head, None


# "Clinton, during a town hall in Columbus, Ohio, said": an adverbial between commas, commas
# and all, sits between a speaker and the cue.
_ADVERBIAL_WORDS = (
    r"(?:during|in|at|on|after|before|while|speaking|appearing|asked|writing|interviewed"
    r"|in an interview)\s"
)
_TRAILING_ADVERBIAL = re.compile(
    _SPACES_COMMA + r"\s*" + _ADVERBIAL_WORDS + r"[^;“”\"«»]{3,160}?,$"
)
# Where _TRAILING_ADVERBIAL may match: its comma and the word after it (a literal comma
# first: the search skips to the commas).
_ADVERBIAL_COMMA = re.compile(r",\s*" + _ADVERBIAL_WORDS)


def _trailing_adverbial(head: str) -> int | None:
    """Where ``_TRAILING_ADVERBIAL.search(head)`` matches, or None.

    That search tries every space and comma of the head; a match needs a comma before one of
    its words, and starts at the spaces before that comma (the first of them is tried first).
    Only those commas are tried here, in order: the same first match."""
    for m in _ADVERBIAL_COMMA.finditer(head):
        start = m.start()
        while start > 0 and head[start - 1].isspace():
            start -= 1
        if _TRAILING_ADVERBIAL.match(head, start):
            return start
    return None
