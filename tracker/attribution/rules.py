"""Who said it and how it was introduced: speaker phrases and cue words.

For each quotation we look, in order, for
1. a cue right after the closing mark: "…,” said Ushakov / “…,” Chen said;
2. a cue ending the text just before the opening mark: "Vladimir Putin said:",
   "X, an associate professor at Y, said:", "According to X, …:", "X: “…”";
3. a cue earlier in the same sentence: "Xi said the two countries were “…”";
4. the speaker of the quotation it continues (pieces of one block), the
   previous attributed quotation in the same paragraph, or — for a paragraph
   that is nothing but a quotation — the last one of the previous paragraph.

The result is the phrase as the outlet wrote it ("Chinese Foreign Ministry
spokesman Wang Wenbin", "he", "the expert"); ``tracker.attribution.speakers`` turns it
into a person or organisation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeGuard

from tracker.attribution.lexicon import (
    CUES,
    NAME_PARTICLES,
    NOT_NAMES,
    PLACES,
    PRONOUNS,
    ROLE_WORDS,
    surname_he,
)
from tracker.extract import MARKS, Span
from tracker.kinds import QuoteKind
from tracker.text import ends_sentence, paragraphs, sentence_bounds


def _trie(words: list[str]) -> str:
    """One regex alternation for ``words``, factored by shared prefixes.

    Python's ``re`` tries a flat alternation word by word at every position; the
    factored form rejects most positions after one character, three times faster
    over a whole article. Longer words are still preferred ("says" before "say").
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        alts = [
            re.escape(ch).replace(r"\ ", r"\s+") + render(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)


# Not the first part of a hyphenated word: "post-punk", "tell-all", "call-in" are no cues.
_CUE = f"(?:{_trie(CUES)})(?!-\\w)"
# Pronouns a speaker phrase may be: "I said", "it added" are kept as the outlet wrote them.
_SPEAKING_PRONOUNS = PRONOUNS | {"it", "i", "we"}
_ROLE_OR_PRONOUN = ROLE_WORDS | PRONOUNS | {"it", "we"}
_WORD = r"[A-Za-z][\w’'.\-]*"


# How far before a quotation the speaker searches read (characters), and how many earlier
# quotations a continuation looks back over: bounds that keep extraction linear.
_REACH = 500
_BACK = 64


@dataclass(frozen=True, slots=True)
class Attribution:
    as_named: str | None  # how the outlet named the speaker, as written
    cue: str | None
    # Where it came from: "after", "before", "sentence", "inherited" or None.
    how: str | None = None
    # Who relayed the words: `"…," Sanders said, according to CNN` → "CNN".
    via: str | None = None


NONE = Attribution(None, None)


_TOKEN = re.compile(r"[\w’'.\-]+|[^\w\s]")


@functools.lru_cache(maxsize=8192)  # pure, and asked of the same tokens again and again
def _abbreviation(tok: str) -> bool:
    """A token whose final period is not a sentence end: "Sen.", "J.", "U.S.", "Jr."."""
    return not ends_sentence(tok, len(tok) - 1)


_LINKING = {"of", "at", "and", "for", "in", "on", "a", "an"}
_LINKING_OR_THE = frozenset(_LINKING | {"the"})


# The characters _np_before reads: more than any speaker phrase runs (at most 14 tokens),
# so a token cut at the window's edge never ends up in one. Most phrases are short, so a
# narrow window is tried first, and the wide one only when the phrase may reach past it.
_NP_WINDOW = 120
_NP_NARROW = 48


@functools.lru_cache(maxsize=16384)  # pure, and asked of the same tokens again and again
def _np_ok(tok: str) -> bool:
    bare = tok.rstrip(".")
    if len(bare) > 1 and bare.isupper() and bare.isalpha():
        return True  # "US Senator …", "CNN": an acronym, not the pronoun "us"
    # Capitalised words (possessives included: "Putin's"), role words and pronouns; not a
    # capitalised clause opener, month or weekday ("When", "Following", "Tuesday").
    if bare[:1].isupper():
        return bare.lower() not in NOT_NAMES or bare.lower() in _SPEAKING_PRONOUNS
    return bare.lower() in _ROLE_OR_PRONOUN


def _np_before(text: str) -> str | None:
    """The speaker phrase that ends ``text`` (the words just before a cue)."""
    # It reads the last _NP_WINDOW characters only, so they are the key: the same cue is
    # read from several heads (reported speakers, the quote's lead-in), 44% of calls.
    return _np_before_window(text[-_NP_WINDOW:])


@functools.lru_cache(maxsize=4096)
def _np_before_window(text: str) -> str | None:
    """``_np_before`` of a head's last _NP_WINDOW characters (cached: pure and repeated)."""
    tail = text[-80:]
    if ("percent" in tail or "%" in tail) and (share := _SHARE.search(text, len(text) - len(tail))):
        return share.group("np")  # "However, 63 percent of voters said …": a poll's share
    lo = max(0, len(text) - _NP_NARROW)
    taken, reached_first = _take_back_from(text, lo)
    if reached_first and lo > 0:
        # The first token may have been cut by the window: read the wider one.
        taken, _ = _take_back_from(text, max(0, len(text) - _NP_WINDOW))
    taken.reverse()
    while taken and taken[0].lower() in _LINKING:
        taken.pop(0)
    if not taken:
        # "About four in 10 primary voters say …", "half of voters in each state say": a
        # share in words (not the description "each state" its last words make).
        if "half of" in tail or " in 10" in tail:
            return _fraction(text, tail) or _description_before(text)
        return _description_before(text)
    # "when a leader": role words alone are no name; read them as a description. ("in each
    # state": a role word, "state", may end a share too.)
    return (
        _phrase(taken)
        or _description_before(text)
        or ("half of" in tail or " in 10 " in tail)
        and _fraction(text, tail)
        or None
    )


# Words that are never part of a description such as "the unsigned opinion" or "federal
# prosecutors": function words, auxiliaries, and the cue verbs themselves.
_NOT_DESCRIPTIVE = frozenset(
    """to of in on at for with by from as that which who whom whose what when where why
        how than then there here also just only even still very so too and or but if
        because while after before about into over under up out not no nor is was are were
        be been being has have had do does did will would can could should may might must
        it its this these those what all any such own said says say told tells""".split()
) | frozenset(CUES)
_CUE_NOUNS = frozenset(
    """email report statement post tweet text message letter memo release note comment
    comments remarks interview video ad ads poll survey study filing complaint lawsuit
    suit ruling order""".split()
)
_DESCRIPTIVE_WORD = re.compile(r"[a-z0-9][a-z0-9’'\-]*")
# Words that open a description: "the lawyers", "one employee", "his wife".
_DESCRIPTION_START = frozenset(
    """the a an one his her their its our your my another some several many two three four
    five six both each every this that these those""".split()
)
_CLAUSE_EDGE = frozenset(",;:—–(")


def _description_before(text: str) -> str | None:
    """A lower-case description that ends ``text``: "the unsigned opinion", "one employee",
    "Clinton's campaign", "a spokesman for the buyer", "federal prosecutors" (a bare plural
    only where a clause starts)."""
    toks = _TOKEN.findall(text, max(0, len(text) - 120))
    end = len(toks)
    if end > 3 and toks[-2] == "of" and toks[-1].lower() in _COUNTS:
        end -= 2  # "the 34-year-old mother of three": the description is before "of"
    got = _description_tokens(toks, end)
    return " ".join(toks[got:]) if got is not None else None


_SHARE = re.compile(
    r"(?:^|[\s,(;])(?P<np>(?:[Oo]nly\s+|[Jj]ust\s+)?\d+(?:\.\d+)?\s*(?:percent|%)"
    r"(?:\s+of\s+(?:[\w\-]+\s+){0,4}[\w\-]+)?)\s*$"
)
# A share in words, opening its clause: "About four in 10 Ohio voters", "At least half of
# voters in each state".
_FRACTION = re.compile(
    r"(?:^|(?<=[.;:,]\s)|(?<=\n))(?P<np>(?:(?:[Aa]bout|[Nn]early|[Aa]lmost|[Oo]nly|[Jj]ust|"
    r"[Aa]t\s+least|[Mm]ore\s+than|[Ff]ewer\s+than)\s+)?"
    # ("About four in 10 said": the share alone may be the subject; "half of" needs its group)
    r"(?:\w+\s+in\s+10(?:\s+[\w\-’']+){0,6}|[Hh]alf\s+of(?:\s+[\w\-’']+){1,6}))\s*$"
)


def _fraction(text: str, tail: str) -> str | None:
    """The share in words ending ``text``, searched from just before its keyword (a search
    from the tail's start tries every position; "on behalf of" is none)."""
    at = tail.find(" in 10 ")
    if at < 0 and tail.endswith(" in 10"):
        at = len(tail) - 6
    if at < 0:
        at = tail.find("half of")
        if at < 0 or tail[at - 2 : at] == "be":
            return None
    m = _FRACTION.search(text, max(0, len(text) - len(tail) + at - 24))
    return m.group("np") if m else None


_COUNTS = frozenset("two three four five six seven eight nine ten 2 3 4 5 6 7 8 9 10".split())
_COUNT_WORDS = frozenset("two three four five six several many few other both".split())
_COUNTED_AFTER = frozenset("the his her their its our these those".split())
_OF_PREPOSITIONS = frozenset("for of at from with in on".split())
_POSSESSIVE_TOKEN = re.compile(r"[A-Z][\w.\-]*[’']s?")


def _description_tokens(toks: list[str], end: int, depth: int = 0) -> int | None:
    """Where a description ending at ``toks[end]`` starts, or None."""
    for i in range(end - 1, -1, -1):
        tok = toks[i]
        words = end - 1 - i  # words of the description read so far
        low = tok.lower()
        head = toks[end - 1].lower()
        if (
            words
            and (low in _DESCRIPTION_START or _POSSESSIVE_TOKEN.fullmatch(tok))
            # "so numerous that Border Patrol agents described": "that" before a plural
            # noun opens a clause; it determines no plural.
            and not (low == "that" and toks[end - 1].islower() and _bare_plural(toks[i + 1 : end]))
        ):
            if head in _TIME_NOUNS:
                return None
            if low not in _DESCRIPTION_START:  # "Clinton's", "John Kasich's": take the name
                while i > 0 and toks[i - 1][:1].isupper() and toks[i - 1][-1] not in MARKS:
                    i -= 1
                return i
            if i > 0 and low in _COUNT_WORDS and toks[i - 1].lower() in _COUNTED_AFTER:
                continue  # "the two lawmakers", "their three children": one more determiner
            if i == 0 or _clause_edge(toks[i - 1]):
                return i
            # "a spokesman for the buyer": a description or name before a preposition.
            if depth == 0 and toks[i - 1].lower() in _OF_PREPOSITIONS and i >= 2:
                outer = _description_tokens(toks, i - 1, 1)
                if outer is None:
                    taken, _ = _take_back(toks[max(0, i - 15) : i - 1])
                    outer = i - 1 - len(taken) if taken else None
                if outer is not None and end - outer <= 9:
                    return outer
            return None
        # A capital letter only where a sentence or clause starts: "Federal prosecutors".
        # Or a capitalised group as the head: "Senate Democrats", "many Republicans".
        starts = tok[:1].isupper() and (
            i == 0 or _clause_edge(toks[i - 1]) or words == 0 and low in _GROUP_NOUNS
        )
        # A proper noun inside a description, not its head: "her Twitter account".
        proper = words > 0 and tok[:1].isupper() and low not in NOT_NAMES
        # The head noun may be a cue word used as a noun: "the email", "the report".
        head_cue = words == 0 and low in _CUE_NOUNS
        if (
            words == 4
            or low in _NOT_DESCRIPTIVE
            and not head_cue
            or not _DESCRIPTIVE_WORD.fullmatch(low if starts or proper else tok)
        ):
            if _clause_edge(tok) and _bare_plural(toks[i + 1 : end]):
                return i + 1
            return None
    return 0 if _bare_plural(toks[:end]) else None


_GROUP_NOUNS = frozenset(
    "republicans democrats americans conservatives liberals progressives evangelicals".split()
)
_TIME_NOUNS = frozenset(
    "time times week weekend year years day days month night morning evening past moment".split()
)
# ("which" and "whom" open a relative clause whose subject may be a description: "the
# budget, which an audit said was …")
_CLAUSE_OPENING = frozenset(
    "as when while because but and that which whom so after before since".split()
)


def _clause_edge(tok: str) -> bool:
    return (
        tok in _CLAUSE_EDGE
        or tok[-1] in MARKS
        or tok.lower() in _CLAUSE_OPENING
        or tok.endswith(".")
        and not _abbreviation(tok)
    )


def _bare_plural(words: list[str]) -> bool:
    """ "prosecutors", "federal prosecutors": a short phrase whose last word is a plural."""
    return 0 < len(words) <= 3 and words[-1].endswith("s") and not words[-1].endswith("ss")


def _take_back(toks: list[str]) -> tuple[list[str], bool]:
    """Speaker-phrase tokens from the end of ``toks`` backwards, and whether the
    first token was looked at."""
    taken: list[str] = []
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        if tok[-1] == "." and not _abbreviation(tok):
            return taken, i == 0  # "… Russia and China. Putin said": the sentence ends here
        if tok in NAME_PARTICLES and _name_goes_on(taken):
            taken.append(tok)  # "von der Leyen said", "bin Salman said": inside the name
            continue
        if tok[-1] in MARKS or not _np_ok(tok):
            return taken, i == 0  # a comma, a quote mark or an ordinary word ends the phrase
        taken.append(tok)
        if tok.lower() in _SPEAKING_PRONOUNS:
            return taken, i == 0
    return taken, True


def _take_back_from(text: str, lo: int) -> tuple[list[str], bool]:
    """``_take_back(_TOKEN.findall(text, lo)[-14:])``, tokenizing from the end only as far as
    it reads (most phrases stop after a few tokens; a whole window's findall cost more).

    _TOKEN never matches a space, so the tokens are those of the whitespace-separated chunks
    in turn, and a chunk of letters and digits alone (``str.isalnum`` is the regex word class but
    "_") is one token."""
    taken: list[str] = []
    chunks = text[lo:].split()
    seen = 0
    for c in range(len(chunks) - 1, -1, -1):
        chunk = chunks[c]
        toks = (chunk,) if chunk.isalnum() else _TOKEN.findall(chunk)
        for t in range(len(toks) - 1, -1, -1):
            tok = toks[t]
            seen += 1
            first = seen == 14 or c == 0 and t == 0  # index 0 of the last fourteen
            if tok[-1] == "." and not _abbreviation(tok):
                return taken, first
            if tok in NAME_PARTICLES and _name_goes_on(taken):
                taken.append(tok)
            elif tok[-1] in MARKS or not _np_ok(tok):
                return taken, first
            else:
                taken.append(tok)
                if tok.lower() in _SPEAKING_PRONOUNS:
                    return taken, first
            if first:
                return taken, True
    return taken, True


def _name_goes_on(taken: list[str]) -> bool:
    """Whether a particle read before ``taken`` (read backwards) is part of its name: a
    capitalised word follows it, or one more particle and then one ("von der Leyen")."""
    if taken and taken[-1][:1].isupper():
        return True
    return len(taken) >= 2 and taken[-1] in NAME_PARTICLES and taken[-2][:1].isupper()


def _first_tokens(text: str) -> list[str]:
    """``_TOKEN.findall(text)[:14]``, reading only the start of a long text where it can.

    Fifteen tokens found in the first 160 characters: the first fourteen end before the
    fifteenth starts, as they would in the whole text."""
    toks = _TOKEN.findall(text, 0, 160)
    if len(toks) < 15 and len(text) > 160:
        toks = _TOKEN.findall(text)
    return toks[:14]


def _np_after(text: str) -> str | None:
    """The speaker phrase that starts ``text`` (the words just after a cue)."""
    taken: list[str] = []
    toks = _first_tokens(text)
    for i, tok in enumerate(toks):
        end_here = tok.endswith(".") and not _abbreviation(tok)
        tok = tok.rstrip(".") if end_here else tok
        if not tok or tok[:1] in MARKS:
            break
        if not (
            _np_ok(tok)
            or ((taken or i == 0) and _role_before_name(toks, i, first=i == 0))
            or (taken and _particles_in_name(toks, i))
        ):
            break
        taken.append(tok)
        if end_here or tok.lower() in _SPEAKING_PRONOUNS and not surname_he(toks, i):
            break
    else:
        i = len(toks)
    while taken and taken[-1].lower() in _LINKING_OR_THE:
        taken.pop()
    if taken and i < len(toks) and toks[i][:1].islower() and _owner_or_place_end(taken):
        taken += _described_after(toks, i)
    return _phrase(taken)


_OWNER_END = re.compile(r"[’']s$")


def _owner_or_place_end(taken: list[str]) -> bool:
    """Whether ``taken`` stops at an owner ("said Clinton’s") or at a place before its noun
    ("said the Florida senator"): the phrase goes on with lower-case words."""
    if _OWNER_END.search(taken[-1]):
        return taken[-1][:-2].lower() not in _NOT_OWNERS  # not "It’s", "That’s"
    return (
        2 <= len(taken) <= 3
        and taken[0].lower() in ("the", "a")
        and (taken[-1].lower() in PLACES or len(taken) == 3 and taken[1] == "New")
    )


_NOT_OWNERS = NOT_NAMES | _SPEAKING_PRONOUNS | {"let", "here", "what", "who"}
_ROLES_ENDING = ROLE_WORDS | frozenset(
    "senator governor congressman congresswoman businessman businesswoman mogul candidate "
    "nominee aide aides adviser advisers spokesman spokeswoman manager chairman lawmaker "
    "counsel lawyer attorney director campaign office team man woman".split()
)


def _described_after(toks: list[str], i: int) -> list[str]:
    """The lower-case words at ``toks[i]`` that go on a phrase, and the name after them:
    "top foreign policy aide Jake Sullivan", "senator"."""
    j = i
    while j < len(toks) and j < i + 5 and toks[j][:1].islower():
        tok = toks[j].rstrip(".")
        if not _DESCRIPTIVE_WORD.fullmatch(tok) or tok in _NOT_DESCRIPTIVE:
            break
        if tok.endswith(("ed", "ing")) or tok.endswith("ly") and tok not in _LY_NOUNS:
            break  # "Clinton’s campaign quickly …": a verb or an adverb
        j += 1
        if toks[j - 1].endswith("."):
            return toks[i : j - 1] + [tok]  # "… said the New York businessman."
    if j == i:
        return []
    got = toks[i:j]
    if j < len(toks) and toks[j][:1].islower():
        # "the Florida senator sought to …": the words up to the last role, if any.
        k = max((n for n, w in enumerate(got) if w in _ROLES_ENDING), default=-1)
        return got[: k + 1]
    while j < len(toks) and toks[j][:1].isupper() and _np_ok(toks[j].rstrip(".")):
        tok = toks[j]
        if tok.endswith(".") and not _abbreviation(tok):
            got.append(tok.rstrip("."))  # the name ends its sentence
            break
        got.append(tok)
        j += 1
    return got


def _particles_in_name(toks: list[str], i: int) -> bool:
    """Whether ``toks[i]`` opens the particles of a name: "Ursula von der Leyen"."""
    j = i
    while j < len(toks) and j < i + 2 and toks[j] in NAME_PARTICLES:
        j += 1
    return i < j < len(toks) and toks[j][:1].isupper()


_LY_NOUNS = frozenset("family ally rally assembly supply monopoly".split())


def _role_before_name(toks: list[str], i: int, first: bool = False) -> bool:
    """ "Republican presidential candidate Donald Trump": up to three lower-case words
    between capitalised ones, where a name follows. ``first``: the words open the phrase
    right after a cue ("said undecided voter Ann Lee"), where a verb cannot stand."""
    for j in range(i, min(len(toks), i + 3)):
        tok = toks[j]
        if tok[:1].isupper():
            if j == i and tok.rstrip(".,").lower() in _DATE_WORDS:
                return False  # "said Wednesday, "…"": a day, not a speaker
            return first or j + 1 < len(toks) and toks[j + 1][:1].isupper()
        # "Trump openly admires President Putin": an adverb before a verb, no role.
        verb = (tok.endswith("ed") or tok.endswith("ly") and tok not in _LY_NOUNS) and not first
        if not _DESCRIPTIVE_WORD.fullmatch(tok) or tok in _NOT_DESCRIPTIVE or verb:
            return False  # "Voss knocked Pitt": a verb between two names
    return False


def _phrase(taken: list[str]) -> str | None:
    if not taken:
        return None
    if len(taken) == 1 and (bare := _CONTRACTED_AUX.sub("", taken[0])).lower() in PRONOUNS:
        taken = [bare]  # "He’s claiming …": the pronoun, not "He’s"
    phrase = " ".join(taken)
    if not any(t[:1].isupper() for t in taken) and not _is_description(phrase):
        return None
    return phrase


def _is_description(phrase: str) -> bool:
    low = phrase.lower().split()
    if not low:
        return False
    if len(low) == 1:
        return low[0] in _SPEAKING_PRONOUNS
    return low[0] in _DESCRIPTION_START or _DESCRIPTIVE_WORD.fullmatch(low[-1]) is not None


# Auxiliaries and adverbs between a speaker and the cue: "Lavrov has also said".
# A capitalised word ending in -ly is a name ("Megyn Kelly said"), not an adverb. Times
# sit there too: "Feinstein last week said", "Rubio on Monday said".
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# ("[a-z]\w*ly" written as the whole word, then a look back at its end: the same words, since
# a space or the text's end always follows one, without backing off a letter at a time.)
_AUX_WORDS = (
    r"[a-z]\w*+(?<=\wly)|had|has|have|also|would|will|could|can|should|may|might|must|then|often|"
    r"always|later|again|once|too|soon|still|just|even|never|first|did|does|do|now|"
    r"earlier|previously|yesterday|today|only|long|in\s+(?:19|20)\d\d|"
    r"(?:goes|go|went|going)\s+on\s+to|(?:was|is|were|are)\s+(?:quick|prompted|moved|forced)\s+to|continued\s+to|"
    rf"{_WEEKDAY}|on\s+{_WEEKDAY}|(?:last|this|earlier\s+this)\s+"
    r"(?:week|month|year|night|morning|spring|summer|fall|winter)"
)
_AUX = rf"(?:(?:{_AUX_WORDS})\s+){{0,2}}"
# _WORD where what follows can never be a letter of it (a space, a comma): the same matches,
# without trying each shorter word again when the phrase fails (possessive).
_WORD_ONCE = r"[A-Za-z][\w’'.\-]*+"
# A word inside a phrase may be a sum: "Fight for $15 organizer Ann Lee" (digits alone are
# left out: words that may be numbers cost every quotation more backtracking).
_INNER_WORD_ONCE = r"[A-Za-z$][\w’'.\-]*+"
_APPOS = r"(?:\s*,\s*(?P<appos>[^;“”\"«»]{3,160}?),)?"
_AFTER_CUE_NP = re.compile(rf"^[\s,.\-–—]*(?:\[\d+\])?\s*(?P<cue>{_CUE})\s+(?P<np>.*)", re.S)
_AFTER_NP_CUE = re.compile(
    rf"^[\s,.\-–—]*(?:\[\d+\])?\s*(?:as\s+)?(?P<np>(?:{_INNER_WORD_ONCE}\s++){{0,14}}?{_WORD_ONCE}){_APPOS}\s+{_AUX}(?P<cue>{_CUE})\b(?P<colon>\s*:\s*[“\"‘'«])?"
)
# "…," the report says: a determiner and a few lower-case words before the cue, where the
# last of them may itself read as a cue ("report", "statement notes").
_AFTER_DET_NP_CUE = re.compile(
    r"^[\s,.\-–—]*(?P<np>(?:the|a|an|one|this|that|their|his|her|its)\s+"
    rf"(?:[A-Za-z0-9][\w’'\-]*,?\s+){{0,3}}?[a-z0-9][\w’'\-]*)\s+{_AUX}(?P<cue>{_CUE})\b(?!\s*:)"
)
_BEFORE_NP_CUE = re.compile(
    rf"(?P<np_end>){_APPOS}\s+{_AUX}(?P<cue>{_CUE})\b(?P<tail>[^“”\"«».!?]{{0,90}}?)[:,]?\s*$"
)
_BEFORE_TAIL = re.compile(rf"(?P<cue>{_CUE})\b(?P<tail>[^“”\"«».!?]{{0,90}}?)[:,]?\s*$")
_ACCORDING = re.compile(
    r"\b(?P<cue>[Aa]ccording to)\s+(?P<np>[^,:;“”\"]{2,120}?)\s*(?:,[^“”\":]{0,120})?[:,]?\s*$"
)
# ("from" is left out: "More from Ann Lee:", "a statement from the ministry:" name a source.)
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|on|as|in|at|with|by|for|to|about|into)\s+$")
_COLON = re.compile(rf"(?P<np>(?:{_WORD}\s+){{0,4}}{_WORD})\s*:\s*$")
_DEFINITION_WORDS = (
    "definition",
    "words",
    "phrase",
    "formula",
    "statement",
    "remarks",
    "analysis",
    "article",
    "comment",
)
_DEFINITION = re.compile(
    rf"(?P<np>(?:the\s+)?(?:{_WORD}\s+){{0,5}}{_WORD})[’']s?\s+"
    rf"(?P<cue>{'|'.join(_DEFINITION_WORDS)})"
    r"(?:\s+(?:follows|below|reads)){0,2}\W*(?:\[\d+\])?\W*$"
)
# What may follow _DEFINITION's word, to the end of the head.
_DEFINITION_END = re.compile(r"(?:\s+(?:follows|below|reads)){0,2}\W*(?:\[\d+\])?\W*")


def _definition_hint(head: str) -> bool:
    """Whether a word of _DEFINITION_WORDS stands where _DEFINITION needs it: followed by
    nothing but what _DEFINITION_END allows. Only its last occurrence can be (a later one
    would hold letters that the end does not allow), so one ``rfind`` per word tells: a
    test that spares most heads holding such a word ("words", "statement") the costly
    search (3 matches in 248 such heads on PolNeAR train)."""
    for word in _DEFINITION_WORDS:
        at = head.rfind(word)
        if at >= 0 and _DEFINITION_END.fullmatch(head, at + len(word)):
            return True
    return False


def _last_tokens_start(head: str, n: int) -> int:
    """Where the spaces before the last ``n`` whitespace-separated tokens of ``head`` start
    (0 if it holds fewer). _COLON spans at most six (five words and a colon): its search
    need not start further back to find the same first match."""
    parts = head.rsplit(None, n)
    return len(parts[0]) if len(parts) == n + 1 else 0


_WORDS_OF = re.compile(
    rf"\b(?P<cue>words|remarks|statement)\s+of\s+(?P<np>(?:{_WORD}\s+){{0,4}}{_WORD})"
)
# _APPOS and the spaces after it, written to open with the class of their first character (a
# space or the apposition's comma), so that a search skips to those instead of trying every
# position: the same matches (a comma there must open an apposition; a space may, or may
# be the first of the spaces before the cue).
_APPOS_SPACES = r"[\s,](?:(?:(?<=,)|(?<=\s)\s*,)\s*(?P<appos>[^;“”\"«»]{3,160}?),\s)?(?<=\s)\s*"
_SENTENCE_CUE = re.compile(
    rf"{_APPOS_SPACES}{_AUX}(?P<cue>{_CUE})\b(?!\s+(?:by|for|on|off|up|out)\b)"
)
_STOP_NPS = {"this", "that", "which", "who", "what", "there", "one", "some", "many", "source"}


def _valid(np: str | None) -> TypeGuard[str]:
    """Whether ``np`` reads as a speaker: a name or a description, not a stop word."""
    if not np:
        return False
    low = np.lower()
    if low in _STOP_NPS or " " not in low and low.split(None, 1)[0] in _STOP_NPS:
        return False
    return (
        np[:1].isupper()  # the usual case, without splitting
        or any(w[:1].isupper() for w in np.split())
        or _is_description(np)
    )


# US states as AP style writes them in a senator's bracket: "(Maine)", "(Tex.)", "(N.H.)".
_US_STATES = (
    r"(?:New\s+(?:Hampshire|Jersey|Mexico|York)|(?:North|South)\s+(?:Carolina|Dakota)|"
    r"Rhode\s+Island|West\s+Virginia|"
    + "|".join(
        re.escape(w)
        for w in """
        Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
        Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland
        Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio
        Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin
        Wyoming Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md.
        Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Tex. Va. Vt. Wash. Wis.
        Wyo. N.H. N.J. N.M. N.Y. N.C. N.D. R.I. S.C. S.D. W.Va.
        """.split()
    )
    + ")"
)
# Party, state and age beside a name: "(D-Mo.)", ", R-Pa.,", ", 21,".
# Between the name and its verb both commas go ("X, 25, said" reads "X said"); before an
# apposition the second stays ("X, 21, a student, said").
_NAME_NOISE = re.compile(
    # "Gov. John Kasich (R-OH), said": the comma after the bracket goes with it.
    r"\s*\((?:(?:[DRI]|Ind|Dem|Rep)(?:[\-–][^()]{1,15})?|"
    # "Sen. Susan Collins (Maine) has said": a state alone, the party left out.
    + _US_STATES
    + r")\)(?:,(?=\s*$|\s+(?:said|says|added|told)\b))?"
    r"|,\s*(?:\d{1,3}|[DRI][\-–][A-Z][\w.]*)\s*(?:,(?=\s+(?!(?:a|an|the|who|whose|which)\b)[a-z])|(?=,))"
)
# What either branch of _NAME_NOISE needs: a bracket, or a comma before a digit or D/R/I.
_NOISE_HINT = re.compile(r",\s*[\dDRI]")


def _without_noise(s: str) -> str:
    """``_NAME_NOISE.sub("", s)``, which tries every position: most texts hold no hint of it."""
    if "(" not in s and not _NOISE_HINT.search(s):
        return s
    return _NAME_NOISE.sub("", s)


# Words that start a clause, not a speaker phrase, right after a closing quote mark.
_NOT_NP_START = frozenset(
    "but and or so then as because while when if though although yet nor which that".split()
)
_DETERMINERS = frozenset(
    """the a an one his her their its our another some many most several two three four
    five this that these those each every both""".split()
)


# Built once, not per phrase read.
_DETERMINERS_OR_PRONOUNS = _DETERMINERS | PRONOUNS | {"it"}
_PHRASE_OPENERS = _DETERMINERS_OR_PRONOUNS | ROLE_WORDS


def _raw_np(words: list[str]) -> str | None:
    """A speaker phrase taken whole when its place alone says it is one.

    Between a closing quote mark and a cue ("…," the company said; "…," DoubleLine Capital
    portfolio manager Bonnie Baha said) any short phrase is the speaker.
    """
    if not words or len(words) > 8 or words[0].lower() in _NOT_NP_START:
        return None
    first = words[0]
    low = first.lower()
    known_start = first[:1].isupper() or low in _PHRASE_OPENERS
    if not (known_start or _ends_in_name(words)):
        return None
    if first.lower() in NOT_NAMES and first.lower() not in _DETERMINERS_OR_PRONOUNS:
        return None
    return " ".join(words)


def _ends_in_name(words: list[str]) -> bool:
    """ "county attorney Rufus Dale": a short phrase whose last two words are capitalised."""
    return 2 <= len(words) <= 8 and all(w[:1].isupper() for w in words[-2:])


# (One class for both branches, then a look back at what it read: a search skips to spaces
# and stops instead of trying every position. The same matches.)
_NP_AFTER_STOP = re.compile(
    r"[\s,.;:(\[“”\"«»](?:(?<=[,.;:(\[“”\"«»])|"
    r"\s*(?:in|on|during|after|before|when|while|who|whose|which|that|because|as|to|from|with|"
    r"about|last|this|told|said|says|adding|referring|according)\b)"
)


# “…” ― Maria Lopez: a quotation signed by a dash and a name that ends the paragraph (readers'
# replies, epigraphs, pull quotes). The name may carry a short tail: "― Ana Ruiz, 34, Austin".
_DASH_CREDIT = re.compile(
    r"[\s,.]*(?:―|—|–|--|-)\s*(?P<np>(?:[^\W\d_][\w’'\-]*\.?\s+){0,4}[^\W\d_][\w’'\-]*)"
    r"\.?(?:\s*,[^“”\"«»\n]{1,60})?\s*$"
)


# "what Mr. Hedge called "…"", "a country Romney calls "…"": a naming verb right before
# the quotation credits it, whatever stands after it.
_NAMING_CUES = frozenset("called calls call dubbed dubs termed terms labeled labels".split())
_NAMING_CUE = re.compile(rf"\b(?:{'|'.join(_NAMING_CUES)})\s*$")


_NAMING_ENDS = tuple(_NAMING_CUES)


def _naming_before(text: str, lo: int, start: int) -> Attribution | None:
    # The pattern is tried at every position; only a text ending in a naming word can match.
    if not text[lo:start].rstrip().endswith(_NAMING_ENDS) or not _NAMING_CUE.search(
        text, lo, start
    ):
        return None
    found = _before(text, start, lo)
    return found if found and found.cue in _NAMING_CUES else None


# "what former employees have called a "…"", "what the Times and the Post each called a
# "…"": the relative "what" makes the phrase before the naming verb its subject, a name
# or a plain description ("lawmakers"), an article between verb and mark or not. (Not
# "what has been called", "what is known as": a passive names no one.)
_WHAT_NAMED = re.compile(
    r"\b[Ww]hat\s+(?P<np>(?:(?!(?:is|are|was|were|be|been|being|has|have|had|could|would|"
    r"might|may|can|should|will|must|some|many|we|you|i)\b)[\w’'.\-]+\s+){0,8}?"
    r"(?!(?:is|are|was|were|be|been|being|has|have|had|could|would|might|may|can|should|"
    r"will|must|some|many|we|you|i)\b)[\w’'.\-]+)\s+"
    r"(?:(?:has|have|had)\s+)?(?:(?:each|both|all|also|often|once|long|[a-z]+ly)\s+)?"
    r"(?P<cue>called|calls|call|dubbed|dubs|termed|terms|labeled|labelled|labels)"
    r"\s+(?:(?:a|an|the)\s+)?$",
    re.IGNORECASE,
)
_WHAT_NAMED_ENDS = (*_NAMING_ENDS, " a", " an", " the", "labelled")


def _what_named(text: str, lo: int, start: int) -> Attribution | None:
    """The subject of "what X called "…"", where the naming verb comes within ``lo``."""
    end = text[lo:start].rstrip()
    if not end.endswith(_WHAT_NAMED_ENDS):
        return None
    m = _WHAT_NAMED.search(end + " ")
    if m is None and "," in end[-120:]:
        # "in what Ann Roe, treasurer for the campaign, called "…"": a name and its
        # apposition between "what" and the verb.
        m = _WHAT_NAMED_APPOSITION.search(end + " ", max(0, len(end) - 160))
    if m is None or _CLAUSE_EDGE.intersection(m.group("np")) or not _valid(m.group("np")):
        return None
    return Attribution(m.group("np"), m.group("cue").lower(), "before")


_WHAT_NAMED_APPOSITION = re.compile(
    r"\b[Ww]hat\s+(?P<np>(?:[A-Z][\w’'.\-]*\s+){1,3}[A-Z][\w’'\-]+),\s+[^,;:()“”\"«»]{2,80},\s+"
    r"(?:(?:has|have|had)\s+)?(?:[a-z]+ly\s+)?"
    r"(?P<cue>called|calls|dubbed|dubs|termed|terms|labeled|labelled|labels)"
    r"\s+(?:(?:a|an|the)\s+)?$"
)


_NEXT_PARAGRAPH = re.compile(r"\s*\n\s*(?=[-–—―])")


def _dash_credit(text: str, lo: int, close: int, hi: int) -> Attribution | None:
    # Only a paragraph that opens with the quotation: "…," he said.--Kim Lee. is a byline.
    if hi - close > 160 or text[lo : lo + 1] not in MARKS:
        return None
    m = _DASH_CREDIT.match(text, close + 1, hi)
    if m is None and not text[close + 1 : hi].strip():
        # "“…”" then, as the next paragraph, "- Hillary Clinton.": the signature below.
        nxt = _NEXT_PARAGRAPH.match(text, hi)
        line_end = text.find("\n", nxt.end()) if nxt else -1
        line_end = len(text) if line_end < 0 else line_end
        m = (
            _DASH_CREDIT.match(text, nxt.end(), line_end)
            if nxt and line_end - nxt.end() < 80
            else None
        )
    if m is None:
        return None
    words = m.group("np").split()
    if not all(w[:1].isupper() or len(w) <= 3 and w.islower() for w in words):
        return None  # "— and Fred Goldberg": a running sentence, not a signature
    if not words[0][:1].isupper() or not words[-1][:1].isupper():
        return None
    return Attribution(m.group("np"), None, "after")


def _after(text: str, close: int, hi: int) -> Attribution | None:
    found = _after_cue(text, close, hi)
    if found is None or found.as_named is None or found.as_named.lower() in _SPEAKING_PRONOUNS:
        return found
    j = close
    while j > 0 and text[j] in MARKS:
        j -= 1
    if text[j] == ".":
        # “… .” Romney fired back in March, attacking …: a quotation that ends its own
        # sentence is credited by a name after it only in a short "X said." sentence.
        tail = text[close + 1 : min(hi, close + 200)]
        cue_at = tail.find(found.cue.split()[-1]) if found.cue else -1
        rest = tail[cue_at:] if cue_at >= 0 else tail
        # (the first period that ends a sentence: "Loretta E. Lynch" runs on past "E.")
        end = next((i for i, c in enumerate(rest) if c == "." and ends_sentence(rest, i)), -1)
        # … and no quotation of its own: “… now.” Cruz, also a candidate, called it “…”.
        if not (0 <= end <= 45 and "," not in rest[:end]) or _QUOTE_MARK.search(rest, 0, end):
            return None
    return found


# Words that may stand before a name after a quotation: "warm-and-fuzzy Trump", "weary Lee".
_MODIFIER = re.compile(r"[a-z]+-[a-z\-]+|[a-z]+(?:ly|ed|ing|ful|ous|ive|ent)")
# (A period inside an abbreviation, "U.S. district", is no end: a letter or a lower-case word
# follows it.)
_SOURCE_PHRASE = re.compile(r"(?:[^,.;:!?“”\"«»()]|\.(?=\w|\s+[a-z]))+(?<=.{3})(?=[,.;:!?]|$)")
_OWN_OBJECT = re.compile(r"\s+(?:yes|no|nothing|something|goodbye|hello|little|grace)\b")
# A plural subject and a participle phrase that describes it, right before the cue.
_PARTICIPLE_MODIFIED = re.compile(
    r"(?:^|[.;]\s+|\n)(?P<np>(?:[A-Z][a-z]+\s+)?(?:[a-z]+\s+)?[a-zA-Z]+s)\s+[a-z]+ing\s+[^,;.“”\"]{2,60}$"
)
# A transcript's speaker label opening a quoted line: "WALLACE:", "SEN. KELL:".
_TRANSCRIPT_LABEL = re.compile(
    r"(?P<np>(?:[A-Z]{2,5}\.\s)?[A-Z][A-Z’'\-]{2,}(?:\s[A-Z][A-Z’'\-]+)?):\s"
)
_OBJECT_PRONOUNS = frozenset("him them me us".split())
_PHRASE_STOP = re.compile('[;“”"«»]')


# "Another" alone as a clause's subject: after a sentence's start or a conjunction.
_ANOTHER_SUBJECT = re.compile(r"(?:^|[.!?;]\s+|\n\s*|\b(?:and|but|while)\s+)[Aa]nother$")
_CUE_ENDS_SENTENCE = re.compile(r"\.(?:\s|$)")
_CUE_ENDS_CLAUSE = re.compile(r"[.,](?:\s|$)")


def _surname_word(text: str, word: str) -> bool:
    """Whether ``word`` (read as a speaker after a quotation) is a surname that is also a
    common word ("From", as in Al From): capitalised, not a plural or pronoun, and written
    capitalised after another word somewhere in ``text``."""
    low = word.lower()
    return (
        word[:1].isupper()
        and word[1:].islower()
        and low in NOT_NAMES
        and low not in _SPEAKING_PRONOUNS
        and not low.endswith("s")
        and _named_midsentence(text, word)
    )


# Cues with which "another" is one more person speaking, not one more sign or message.
_ANOTHER_CUES = frozenset(
    "said says tweeted wrote writes added adds told posted replied responded asked notes".split()
)
# … and after an inverted cue, ending the clause: ""…," said another."
_ANOTHER_AFTER = re.compile(r"another\s*(?:[.,;]|$)")


# Cues whose next words are whom they were said to or of, never who said them: ""…," told
# CNN", "star of "Scandal," thanked Obama" (not "exhorted", "blasted": those are inverted).
_NOT_INVERTED_SUBJECTS = frozenset("her him them his their its me us our my".split())
_OBJECT_CUES = frozenset(
    "told tells tell telling informed assured reminded urged thanked thanks congratulated".split()
)


# A short quoted name inside an apposition between a quotation and its cue: ""…," Ann Lee,
# wearing a "Lee for Mayor" pin, said" (the apposition reads on past it).
_INNER_TITLE = re.compile(
    r"(?P<pre>^\s*,?[^,;:.!?“”\"«»]{2,60},\s[^,;:.!?“”\"«»]{1,60}?)"
    r"(?P<title>[“\"][^“”\",.!?]{1,40}[”\"])(?=\s+[a-z])"
)


def _inside_last_credit(text: str, spans: list[Span], out: list[Attribution], k: int) -> bool:
    """Whether quotation ``k`` stands inside the words that credit the one before it, after
    that one's closing mark and before its cue: a name on a pin or sign, not more words."""
    credit = out[k - 1].cue if k else None
    if not credit or out[k - 1].how != "after":
        return False
    prev, span = spans[k - 1], spans[k]
    between = text[prev.close_mark + 1 : span.open_mark]
    after = text[span.close_mark + 1 : span.close_mark + 120]
    cue = rf"\b{re.escape(credit.split()[-1])}\b"
    return (
        prev.close_mark >= 0
        and span.open_mark > prev.close_mark
        and not any(c in between for c in '.!?“”"')
        and not re.search(cue, between)  # (credited already: ""…," Lee said, adding "…"")
        and text[span.start : span.end].rstrip()[-1:] not in (".", "!", "?")
        and re.match(rf"[^.!?“”\"]*{cue}", after) is not None
    )


def _after_cue(text: str, close: int, hi: int) -> Attribution | None:
    tail = _without_noise(text[close + 1 : min(hi, close + 220)])
    if ("“" in tail or '"' in tail) and (inner := _INNER_TITLE.match(tail)):
        # (blanked out, letters in place of its marks, as _mask_titles does before a cue)
        tail = inner.group("pre") + "x" * len(inner.group("title")) + tail[inner.end() :]
    if (
        (m := _AFTER_CUE_NP.match(tail))
        and m.group("cue").lower() not in _OBJECT_CUES
        # "…," promising the party will return: a participle's subject is the speaker
        # before the quotation, never the words after it.
        and not m.group("cue").endswith("ing")
    ):
        np = _np_after(m.group("np"))
        if (
            np
            and np.lower() in _NOT_INVERTED_SUBJECTS
            and m.group("cue").lower() not in _INVERTING
            and m.group("cue").lower() != "according to"  # "according to her lawyers"
        ):
            # "…," denounced her record: the verb's object or its owner, after a verb that
            # is not inverted (unlike "said her lawyer").
            return None
        if m.group("cue").lower() == "according to" and not _valid(np):
            # "…," according to a court document filed by state attorney Ann Lee.
            source = _SOURCE_PHRASE.match(m.group("np"))
            if source and (_valid(src := source.group(0).strip()) or src[:1].isupper()):
                return Attribution(src, "according to", "after")
        if not _valid(np) and _runs_on(text, close, tail):
            np = None  # the "disheartened" state of the campaign: a noun, no cue
        elif not _valid(np):
            # "…," said one party activist. / "…," wrote one Sanders supporter, tweeting …
            rest = m.group("np")
            stop = _NP_AFTER_STOP.search(rest)
            words = rest[: stop.start() if stop else len(rest)].split()
            while words and words[-1].lower() in _LINKING_OR_THE:
                words.pop()  # "…," wrote the authors of the "Plan": the title is theirs
            # (Not "…," said the mayor could win: a clause of its own, what was said.)
            clause = any(w.lower() in _CLAUSE_VERBS for w in words[1:])
            np = None if clause else _raw_np(words)
        if (
            (not _valid(np) or np[:1].islower())
            and m.group("cue").lower() in _INVERTING
            and (named := _DESCRIBED_NAME.match(m.group("np")))
        ):
            # "…," said the agency’s director, Ann Lee.: the name the description gives.
            return Attribution(named.group("name"), _cue(m.group("cue")), "after")
        if _valid(np) or np and " " in np and np.split()[0].lower() in _DETERMINERS:
            return Attribution(np, _cue(m.group("cue")), "after")
        if m.group("cue").lower() in _ANOTHER_CUES and _ANOTHER_AFTER.match(m.group("np")):
            return Attribution("another", _cue(m.group("cue")), "after")  # "…," said another.
    if (
        (m := _AFTER_DET_NP_CUE.match(tail))
        and len(m.group("np").split()) > 1
        and not _runs_on(text, close, tail)  # “modeling” the missile attack warning system
    ):
        return Attribution(m.group("np"), _cue(m.group("cue")), "after")
    # The pattern below backtracks over every word of the tail; without a cue it cannot match,
    # nor with one only past a semicolon or quote mark, which no part before its cue holds.
    reach = stop_at.start() if (stop_at := _PHRASE_STOP.search(tail)) else len(tail)
    if (
        _CUE_WORD.search(tail, 0, reach)
        and (m := _AFTER_NP_CUE.match(tail))
        and not m.group("colon")
        and not _noun_cue(tail, m.start("cue"))  # "…," Lee avoided a direct answer.
        # "… “our own citizens,” Melanie said yes, yes": the cue has an object of its own.
        and not _OWN_OBJECT.match(tail, m.end("cue"))
    ):
        # "…,' Mr. Lomanov noted: “…”": a cue ending in a colon introduces the next quote.
        np = _np_before(m.group("np") + " ")
        appos = (m.group("appos") or "").strip()
        if appos and _APPOSITIVE_NAME.fullmatch(appos) and not (np and np[:1].isupper()):
            # "…," Google's chief executive, Lara Bock, told …: the name in the apposition.
            return Attribution(appos, _cue(m.group("cue")), "after")
        new_sentence = text[close - 1 : close] == "." or text[close - 1 : close] in MARKS
        if new_sentence and np and np.split()[0] in ("He", "She", "They", "The"):
            return None  # “… .” He called …: the next sentence, not an attribution
        if _runs_on(text, close, tail) and (
            not np or np.split()[0][:1].islower() and np.lower() not in _SPEAKING_PRONOUNS
        ):
            if (
                _valid(np)
                and np.split()[-1][:1].isupper()
                and _CUE_ENDS_SENTENCE.match(tail, m.end("cue"))
            ):
                # ""… his campaign" the paper's editor Jo Dee responded.": a comma left out;
                # a name and its cue end the sentence, so they are its reporting clause.
                return Attribution(np, _cue(m.group("cue")), "after")
            # “modeling” the missile attack …, "cannot walk down the street" without
            # reporters asking him: the sentence runs on past the quotation.
            return None
        if _valid(np) and _starts_after_mark(m.group("np"), np):
            return Attribution(np, _cue(m.group("cue")), "after")
        words = m.group("np").split()
        if (
            _valid(np)
            and np[:1].isupper()
            and not new_sentence
            and words[-len(np.split()) :] == np.split()
            and 0 < len(words) - len(np.split()) <= 2
            and all(_MODIFIER.fullmatch(w) for w in words[: -len(np.split())])
            and not _runs_on(text, close, tail)  # "as “unhinged” a Trump tweet": runs on
        ):
            return Attribution(np, _cue(m.group("cue")), "after")  # "…," a weary Trump said
        if (
            len(words) == 1
            and not new_sentence
            and _surname_word(text, words[0])
            and _CUE_ENDS_CLAUSE.match(tail, m.end("cue"))
        ):
            # "…," From said.: a surname that is also a common word, named so elsewhere.
            return Attribution(words[0], _cue(m.group("cue")), "after")
        if words == ["another"] and not new_sentence and m.group("cue").lower() in _ANOTHER_CUES:
            return Attribution("another", _cue(m.group("cue")), "after")  # "…," another said.
        raw = _raw_np(words)
        if (
            not new_sentence
            and raw
            and raw.lower() not in _DETERMINERS  # not a bare "a"
            and not _runs_on(text, close, tail)  # "…" had Ann Lee congratulated him
        ):
            return Attribution(raw, _cue(m.group("cue")), "after")
    return None


def _runs_on(text: str, close: int, tail: str) -> bool:
    """Whether the sentence runs on past the closing mark: no punctuation on either side."""
    j = close
    while j > 0 and (text[j] in MARKS or text[j] in " \u00a0"):  # "…, ” he said"
        j -= 1
    return text[j] not in ",.?!…—–-:;" and tail[:1] == " " and tail[1:2] not in ",.—–-:;"


# After an inverted cue's speaker: punctuation, or the end of what was read.
_INVERTED_END = re.compile(r"\s*(?:[,.;:!?)—–]|$)")
# A name and its possessive before a cue used as a noun: "Trump's claim", "Ann Lee's repeated
# promise".
_OWNER_BEFORE = re.compile(
    r"(?<![\w’'])(?:(?P<np>(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w\-]*)[’']s?|(?P<pron>his|her))"
    r"\s+(?:[a-z]+\s+)?$"
)
_CONTENT = re.compile(rf"\s+(?:(?:{_WEEKDAY}|last \w+|on \w+)\s+)?(?:that|to)\b")
# … or the main clause resumes: "Rubio's claim that Cruz is soft is "simply not true."".
_CLAUSE_BREAK = re.compile(r"[.;:!?“”\"«»]|\s[-–—]+\s|(?<!there )\b(?:is|was|are|were)\b")
_MID_CUE_CLAUSE = re.compile(
    r",\s+(?P<np>he|she|they|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})\s+"
    r"(?P<cue>said|says|added|adds|wrote|writes|explained|noted|argued|recalled)\s*(?:,|$)"
)
_COORDINATED_VERB = re.compile(r"\s(?:but|and)$")
# "[“\"«]|(?<!\w)‘" as one class and a look back, so that the search skips to the marks (an
# alternation opening with a class is tried at every position): the same matches.
_OPENING_MARK = re.compile(r"[“\"«‘](?<!\w‘)")
_WHO_BEFORE = re.compile(r",\s*who$")
# A short description set off after a name: "the council leader", "now the Senate leader".
_DESCRIBING = re.compile(
    r"(?:(?:now|then|formerly|currently)\s+)?(?:the|an?)\s+[\w’'.\-]+(?:\s+[\w’'.\-]+){0,5}"
)


# Cues that may come before their speaker: "…, said Solovey", "But, added the mayor, …".
_INVERTING = frozenset(
    "said says added adds wrote writes continued explained recalled noted declared".split()
)


# A quotation closed, an inverted cue and its speaker, up to a relative "who".
_INVERTED_CUES = "said|says|added|adds|wrote|writes|explained|noted"
_INVERTED_BEFORE_WHO = re.compile(
    rf"[,.!?][”\"’']\s+(?:{_INVERTED_CUES})\s+(?P<np>[^,;:“”\"«»()]{{2,80}})$"
)
_INVERTED_TAIL = re.compile(rf",\s+(?P<cue>{_INVERTED_CUES})\s+")


def _inverted_tail(tail: str) -> Attribution | None:
    """ "“…” about the decision, said Rosa Dean, director of …": an inverted cue after a clause
    that runs on from the quotation, however long the apposition after the name."""
    # An apostrophe in a word ("didn't", "Lee's") is no quotation mark.
    if (m := _INVERTED_TAIL.search(tail)) and not _QUOTE_MARK.search(tail, 0, m.start()):
        np = _np_after(rest := tail[m.end() :])
        if (not _valid(np) or np[:1].islower()) and (named := _DESCRIBED_NAME.match(rest)):
            # "…, said the agency’s director, Ann Lee, on Monday.": the name in apposition.
            np = named.group("name")
        if _valid(np) and np.lower() not in _SPEAKING_PRONOUNS and np[:1].isupper():
            return Attribution(np, _cue(m.group("cue")), "sentence")
    return None


# A description, then a name set off by commas: "the agency’s director, Ann B. Lee, on …".
_DESCRIBED_NAME = re.compile(
    r"(?:the|a|an|his|her|its|their)\s+[^,;:“”\"«»()]{1,60}?,\s+"
    r"(?P<name>(?:[A-Z][\w’'\-]*\.?\s+){1,3}[A-Z][\w’'\-]+)(?=\s*(?:[,.;]|$))"
)


def _sentence_tail(text: str, close: int, sent_hi: int) -> Attribution | None:
    """A cue clause that ends the quotation's sentence further on:
    `Obama "felt an obligation" to act on climate, Axelrod said.`"""
    if close < 0:
        return None
    tail = text[close + 1 : sent_hi]
    if (nxt := _OPENING_MARK.search(tail)) and 0 < nxt.start() <= 200:
        # ""If there had been no intervention" by its allies, Lee said on Monday, "we
        # would …"": a cue clause between two parts of one quotation names them both.
        head = tail[: nxt.start()].rstrip()
        ended = text[close - 1 : close] in ".!?"  # "…." Of course, Lee said, "…": a new one
        if not ended and head.endswith(",") and not _QUOTE_MARK.search(head):
            found = _before(text, close + 1 + nxt.start(), close + 1)
            if found and found.as_named and found.as_named in head:
                return Attribution(found.as_named, found.cue, "sentence")
        # ""You squeezed them" to drive up the price, she said, citing the drive to "sell"":
        # a cue clause closes this quotation's part of the sentence before another opens.
        if not ended and not _QUOTE_MARK.search(head) and (m := _MID_CUE_CLAUSE.search(head)):
            return Attribution(m.group("np"), _cue(m.group("cue")), "sentence")
    if len(tail) > 300 or not tail.rstrip().endswith("."):
        return None
    if found := _inverted_tail(tail):
        return found
    if text[close - 1 : close] in ".!?" and tail[1:2].isupper():
        return None  # "… is "Football Life." Christie has attended …": a sentence of its own
    found = None
    if ("--" in tail or "—" in tail or "–" in tail) and (dash := _ASIDE_DASH.search(tail)):
        # ""…" in the spring, he added -- a move that …": a cue clause that ends at a dash.
        found = _tail_clause(text, close, tail, dash.start())
    found = found or _tail_clause(text, close, tail, len(tail))
    return Attribution(found.as_named, found.cue, "sentence") if found else None


def _tail_clause(text: str, close: int, tail: str, end: int) -> Attribution | None:
    """The cue clause after the last comma of ``tail[:end]`` (``tail`` follows the closing
    mark at ``close``), if it is short and holds no quotation mark."""
    comma = tail.rfind(",", 0, end)
    if comma < 0 or end - comma > 90 or _QUOTE_MARK.search(tail, comma, end):
        return None
    return _after(text, close + comma, close + 1 + end)


def _closing_inverted(text: str, close: int, sent_hi: int) -> Attribution | None:
    """A sentence that ends on ", said X." after the quotation: X, whatever verb stands
    before the quotation ("The rejection signals "…" for the union, said Ann Lee.")."""
    if close < 0:
        return None
    tail = text[close + 1 : sent_hi]
    if len(tail) > 300 or not tail.rstrip().endswith(".") or ", said " not in tail:
        return None
    return _inverted_tail(tail)


def _starts_after_mark(raw: str, np: str | None) -> bool:
    # "…,” he said" but not "…,” but the war said": the phrase must be all of the words.
    return (
        np is not None
        and raw.strip().endswith(np.split()[-1])
        and (len(raw.split()) == len(np.split()))
    )


def _cue(cue: str) -> str:
    return " ".join(cue.lower().split())


# Objects that bear words (signs, shirts, headlines) and the verbs that give them.
_INSCRIBED = re.compile(
    r"\b(?P<np>(?:[Aa]n?|[Tt]he|[Oo]ne)\s+"
    # Up to four modifiers, none a preposition: "a man in a shirt" is the shirt's.
    r"(?:(?!(?:an?|the|in|of|on|at|with|for)\s)[\w\-’'/]+\s+){0,4}?"
    r"(?:sign|placard|banner|poster|T-shirt|shirt|hat|cap|button|sticker|billboard|headline))"
    r"\s+(?:[-–—]\s+)?(?:that\s+|which\s+)?(?P<cue>said|says|saying|read|reads|reading)\s*[,:]?$"
)
_INSCRIBED_ENDS = tuple(
    f"{w}{p}"
    for w in ("said", "says", "saying", "read", "reads", "reading")
    for p in ("", ",", ":")
)


_PASSIVE_QUOTED = re.compile(
    r"\s+(?:was|is|were|are|has been|had been)\s+quoted"
    r"(?:\s+by\s+(?P<via>[^,;:“”\"«»]{2,80}?))?\s+as\s+saying"
    r"(?:\s+that\b[^“”\"«».!?]{0,120})?\s*[:,]?$"
)


# A quoted title closed on a comma inside an apposition: "Hemsley, co-author of "Going
# Viral," said", "As Amar, author of ''Unwritten Constitution,'' put it".
_TITLE_WITH_COMMA = re.compile(
    r"(?P<pre>,\s+[^,;“”\"«»]{1,80}?)(?P<title>(?:[“\"]|'')[^“”\"]{1,60}?,(?:[”\"]|''))"
)


def _mask_titles(s: str) -> str:
    """``s`` with each quoted title closed on a comma blanked out, letters in place of its
    marks and comma, so that the apposition it sits in reads as one."""
    if ',"' not in s and ",”" not in s and ",''" not in s:
        return s
    return _TITLE_WITH_COMMA.sub(lambda m: m.group("pre") + "x" * len(m.group("title")), s)


def _inscribed_speaks(head: str, m: re.Match[str]) -> bool:
    """Whether the object ``m`` found is what says the words: "reading", "saying", "that
    said", or "said" after an object that opens its clause ("One sign said"); not "Ann Lee
    in a red hat said", whose own words they are."""
    if m.group("cue") not in ("said", "says") or re.search(r"\b(?:that|which)\s|[-–—]", m[0]):
        return True
    return head[: m.start()].rstrip()[-1:] in ("", ".", "!", "?", ":", ";", ",", "\n")


# The writer's own interjection between a cue and the quotation: "Lee said, and I quote, "…"".
_I_QUOTE = re.compile(r",?\s*(?:and\s+)?I\s+quote\s*[,:]?$")


def _before(text: str, start: int, lo: int) -> Attribution | None:
    head = text[lo:start].rstrip()
    head = head[:-1] if head[-1:] in MARKS else head
    if head.endswith(("quote,", "quote:", "quote")) and (
        m := _I_QUOTE.search(head, max(0, len(head) - 20))
    ):
        return _before(text, lo + m.start(), lo)  # the cue before "and I quote" credits
    if head.endswith(":") and (m := _DASH_LABEL.search(head)) and _valid(m.group("np")):
        return Attribution(m.group("np"), ":", "before")
    # "As Akhil Amar, a law professor, put it, "…"": the idiom credits its subject.
    if "put it" in head[-40:] and (m := _PUT_IT.search(masked := _mask_titles(head))):
        np_text = _without_noise(m.group("np")).rstrip()
        if masked is not head and ", " in np_text and not np_text.endswith(","):
            np_text += ","  # (the apposition's closing comma was inside the title)
        before, appos = _cut_apposition(np_text)
        np = _named_in_apposition(_np_before(before), appos)
        if _valid(np):
            return Attribution(np, "put it", "before")
    # "Peskov was quoted by RIA as saying: "…"": the subject speaks, the agency relays.
    if "quoted" in head[-120:] and (m := _PASSIVE_QUOTED.search(head, max(0, len(head) - 160))):
        np = _np_before(_without_noise(head[: m.start()]).rstrip())
        if _valid(np):
            via = m.group("via")
            return Attribution(np, "quoted", "before", via.strip() if via else None)
    # "Said Dorothy Poynter, who grew up with him, "…"": a sentence opening on the cue.
    said_first = _SAID_FIRST.search(head) if _SAID_FIRST_HINT.search(head) else None
    if said_first and _valid(np := _np_after(said_first.group("np"))):
        return Attribution(np, _cue(said_first.group("cue")), "before")
    if "ccording to" in head and (m := _ACCORDING.search(head)):
        np = m.group("np")
        if _valid(np) and len(np.split()) <= 12:
            return Attribution(np.strip(), "according to", "before")
    if (
        head.endswith(_INSCRIBED_ENDS)
        and (m := _INSCRIBED.search(head, max(0, len(head) - 80)))
        and _inscribed_speaks(head, m)
    ):
        # "held up a sign saying "…"", "a campaign hat reading "…"": the words are the
        # object's, not its bearer's.
        return Attribution(m.group("np"), m.group("cue"), "before")
    # The cue nearest the quotation introduces it: "When Rosa Vint said …, Omar Field
    # responded, "…"" is Omar Field's. Search from the right, at the cue words only.
    for cue in reversed(list(_CUE_WORD.finditer(head, max(0, len(head) - 400)))):
        if _noun_use(head, cue.start()):
            # "Trump's claim that there have been "…"": the claim is its owner's.
            owner = _OWNER_BEFORE.search(head, max(0, cue.start() - 60), cue.start())
            rest = head[cue.end() :]
            # Only its content clause is the owner's: "blasted Trump's remarks as "…"" is
            # the blaster's word.
            if (
                owner
                and len(rest) <= 80
                and _CONTENT.match(rest)
                and not _CLAUSE_BREAK.search(rest)
            ):
                np = owner.group("np") or owner.group("pron")
                if owner.group("pron") or _valid(np) and np.split()[-1].lower() not in NOT_NAMES:
                    return Attribution(np, _cue(cue.group(0)), "before")
            continue
        if not (m := _BEFORE_TAIL.match(head, cue.start())):
            continue
        if _participle_of_clause(head, cue.group(0), cue.start()):
            # "…, Nefzi said, adding, "…"": the reporting clause just before names the speaker.
            # (Not "shrugged off Kirk's comments, telling …": a cue word used as a noun names
            # what the clause's subject answered, and its owner is not the speaker.)
            rep = _REPORTER_BEFORE_PARTICIPLE.search(head, 0, cue.start())
            if rep and not _noun_use(head, rep.start("cue")):
                np = _np_before(_strip_aux(_without_noise(head[: rep.start()]).rstrip()))
                if _valid(np):
                    return Attribution(np, _cue(m.group("cue")), "before")
            # "X slammed the deal, saying "…"": the clause's subject, not "the deal".
            if sub := _subject(text, lo, lo + cue.start(), speaking=True) or _coordinated_subject(
                text, head, cue.start()
            ):
                return Attribution(sub.as_named, _cue(m.group("cue")), "before")
            if interrupted := _interrupted_subject(head, cue.start()):
                return Attribution(interrupted, _cue(m.group("cue")), "before")
            break
        raw = _strip_aux(_without_noise(head[: cue.start()]).rstrip())
        masked = _mask_titles(raw)
        if masked is not raw and masked.endswith("x"):
            # "Ann Lee, star of "Scandal," thanked": the apposition's comma was the title's.
            masked += ","
        before, appos_text = _cut_apposition(masked)
        if masked is not raw and "xxx" in before:
            before, appos_text = _cut_apposition(raw)  # the title was no apposition's
        if (
            # "A spokesman for the firm declined to comment but said that "…"": the
            # subject of the clause the cue is coordinated with.
            _COORDINATED_VERB.search(before, max(0, len(before) - 6))
            and (sub := _subject(text, lo, lo + cue.start(), speaking=True))
            and sub.as_named
        ):
            return Attribution(sub.as_named, _cue(m.group("cue")), "before")
        if (
            head.endswith(",")
            and m.group("tail").strip(" ,")
            and _subordinate_cue(before, len(before))
        ):
            # "Rubio said that once the Senate goes on recess, "…"": the cue sits in a
            # subordinate clause; the sentence's own reporter comes earlier. ("… when she
            # said, "…"" is hers: the cue introduces the quotation.)
            continue
        # "Another source speaking to Fox News said": the speaker, not whom they spoke to.
        if _ADDRESSING.search(before) and (addressee := _ADDRESSEE.search(before)):
            before = before[: addressee.start()]
        cheap = "familiar" in before or "close to" in before or "briefed" in before
        if cheap and (familiar := _SOURCE_FAMILIAR.search(before, max(0, len(before) - 120))):
            return Attribution(familiar.group("np"), _cue(m.group("cue")), "before")
        closed = head[: cue.start()].rstrip().endswith(",")
        if closed and (rel := _RELATIVE_OPEN.search(before)):
            # "Ann Lee, whose latest firm, Dataco, helps brands, said": the relative clause
            # holds commas of its own; the speaker stands before it.
            before, appos_text = before[: rel.start()], None
        np = _named_in_apposition(_np_before(before), appos_text)
        if (
            not _valid(np)
            and " who " in before
            and (rel := _RESTRICTIVE_WHO.search(before))
            and _valid(antecedent := _np_before(before[: rel.start()]))
            and before[: rel.start()].endswith(antecedent)
            and not _CUT_BEFORE.search(before, 0, rel.start() - len(antecedent))
        ):
            # "an official who spoke on condition of anonymity said": the relative's
            # antecedent, where no comma sets the clause off.
            np = antecedent
        if (
            not _valid(np)
            and before.endswith("nother")
            and m.group("cue").lower() in _ANOTHER_CUES
            and _ANOTHER_SUBJECT.search(before)
        ):
            # "One voter praised her. Another tweeted, "…"": one more of those just
            # described; the description is all the text names.
            return Attribution(before[-7:], _cue(m.group("cue")), "before")
        if not _valid(np) and (modified := _PARTICIPLE_MODIFIED.search(before)):
            np = modified.group("np")  # "Protesters marching through the streets chanted"
        if appos_text and np == appos_text.strip(" ,") and ", " in before:
            # "Gia Vian, the editor of the Vatican's paper, L'Osservatore, said": the
            # second apposition names the paper; the person stands before the first.
            outer, _ = _cut_apposition(before + ",")
            first = _np_before(outer)
            # (Not "Russia, a country that the last nominee, Ann Lee, called": a relative
            # clause, whose subject is named in the apposition.)
            inner = before[len(outer) :].split()
            if (
                outer != before + ","
                and _valid(first)
                and first[:1].isupper()
                and "that" not in inner
                and "which" not in inner
                and "whom" not in inner
            ):
                np = first
        if _valid(np) and (" and " in before or ", " in before):
            np = _person_before(before, np)
        if _valid(np):
            return _reported_by_main(
                text, lo, head, Attribution(np, _cue(m.group("cue")), "before")
            )
        # Inverted: "But, said Solovey, "…"".
        # Only a phrase that fills the words up to the comma: not "said it was "…"", and
        # not a phrase that runs into the quotation: in "said the president "offered …""
        # the president is what was said about.
        tail = m.group("tail").strip().rstrip(",:").strip()
        if (
            cue.group(0).lower() in _INVERTING
            and head.rstrip()[-1:] in ",:"
            and _valid(np := _np_after(tail))
            and tail.endswith(np.split()[-1])
        ):
            return Attribution(np, _cue(m.group("cue")), "before")
        # "… from Mike Lee, who declared in the spin room, "…"": the relative's antecedent.
        if m2 := _WHO_BEFORE.search(before):
            np = _np_before(antecedent := before[: m2.start()])
            if (
                (not np or np[:1].islower())
                and (cut := _cut_apposition(antecedent + ","))[1]
                and _DESCRIBING.fullmatch(appos := cut[1].strip(" ,"))
                and (not np or appos.endswith(np))
                and _valid(named := _np_before(cut[0]))
                and named
                and named[:1].isupper()
                and cut[0].endswith(named)
            ):
                # "… met Nell Ross, the council leader, who said": the description is hers;
                # the name just before it is the antecedent.
                np = named
            if _valid(np) and np.lower() not in _SPEAKING_PRONOUNS:
                return Attribution(np, _cue(m.group("cue")), "before")
            # ""…," said one Democrat at the meeting, who added that …": the antecedent is
            # the inverted speaker, read after the cue that ends the earlier quotation.
            if inverted := _INVERTED_BEFORE_WHO.search(before, 0, m2.start()):
                np = _np_after(inverted.group("np"))
                if _valid(np) and np.lower() not in _SPEAKING_PRONOUNS:
                    return Attribution(np, _cue(m.group("cue")), "before")
        break
    # The two patterns below backtrack heavily; cheap string tests rule most heads out.
    if _definition_hint(head) and (m := _DEFINITION.search(head)):
        np = _np_before(m.group("np"))
        if _valid(np):
            return Attribution(np, m.group("cue"), "before")
    # "Rep. Trey Gowdy (R-S.C.): "…"": a transcript-style label, party bracket and all.
    if head.rstrip().endswith(":") and (
        m := _COLON.search(clean := _without_noise(head), _last_tokens_start(clean, 6))
    ):
        np = _np_before(m.group("np"))
        # "… in the spirit of Silicon Valley: "…"", "… on Twitter:": the object of a
        # preposition ends a clause whose subject spoke; so does "told him:".
        at = clean.rfind(np) if np else -1
        line = clean[clean.rfind("\n") + 1 :]
        after_preposition = (
            at > 0
            # "Former secretary of state Ann Lee:" labels a line; "Lee wrote of Ms. Roe:"
            # does not, however short.
            and (len(line.split()) > 8 or _CUE_WORD.search(clean, 0, at))
            and _PREPOSITION_BEFORE.search(clean, max(0, at - 12), at)
        )
        if _valid(np) and np.lower() not in _OBJECT_PRONOUNS and not after_preposition:
            return Attribution(np, ":", "before")
    return None


# "Section 9 affirms: "…"", "A note in the audit makes that clear: "…"", "Her reply was:": a
# sentence of its own, subject then verb, ending in the colon that opens the quotation. The
# verb is a cue or one of these, which introduce words with a colon but say nothing alone.
_COLON_VERBS = "makes|made|has|had|is|was|are|were|includes|included|begins|ends|continues|lists"
_COLON_CLAUSE = re.compile(
    r"(?:(?:Likewise|Also|Meanwhile|Instead|Still),?\s+)?"
    # the subject: a capitalised word or a determiner, then up to five words (an adjective
    # may keep its comma: "The terse, unsigned note reads")
    r"(?P<np>(?:[A-Z][\w’'.\-/]*|an?|the|one|his|her|its|their)"
    r"(?:\s+(?:\d+:\d+|[\w’'\-/]+,?)){0,5}?(?<!,)"
    # (not a determiner alone: in "A note in the audit makes", "note" is no verb)
    r"(?<!\b[Aa])(?<!\b[Aa]n)(?<!\b[Tt]he)(?<!\b[Oo]ne)(?<!\b[Hh]is)(?<!\b[Hh]er)(?<!\b[Ii]ts)"
    r"(?<!\b[Tt]heir))"
    rf"\s+{_AUX}(?P<cue>{_CUE}|{_COLON_VERBS})\b"
    # what follows the verb: a short object, no clause break nor other quotation
    r"(?P<rest>[^.;!?“”\"«»():]{0,70}):$"
)
# Subjects that are no speaker: "It reads:", "Here is what he said:", "Wait, it gets better:".
_NOT_COLON_SUBJECTS = frozenset(
    "it this that these those there here what which who and or nor".split()
)


def _colon_clause(text: str, sent_lo: int, open_at: int) -> Attribution | None:
    """The subject of a sentence that introduces the quotation with a colon, where no rule
    before found a speaker (they read the sentence better: "Asked why, Lee replied:")."""
    head = text[sent_lo:open_at].rstrip()
    head = head[:-1] if head[-1:] in MARKS else head
    if not head.endswith(":"):
        return None
    start = _last_sentence_start(head)
    if not (m := _COLON_CLAUSE.fullmatch(head, start)) or _noun_use(head, m.start("cue")):
        return None  # "Lee delivered a snappy retort:": no verb but "delivered"
    rest = m.group("rest")
    if any(w.group(0).endswith("ing") for w in _CUE_WORD.finditer(rest)):
        return None  # "The ad ends with a voice saying:": the voice's words
    if m.group("cue") in ("is", "was", "are", "were") and " by " in rest:
        return None  # "The point is made by this finding:": a passive's subject says nothing
    np = m.group("np")
    first = np.split(None, 1)[0].lower()
    if (
        first in _NOT_COLON_SUBJECTS
        or first in _CLAUSE_OPENERS
        or first.endswith(("ed", "ing"))
        # a comma only between adjectives after an article, not after an opening phrase
        or "," in np
        and first not in ("the", "a", "an")
        or not _valid(np)
    ):
        return None
    return Attribution(np, _cue(m.group("cue")), "before")


def _interrupted_subject(head: str, at: int) -> str | None:
    """ "Ann Lee, citing "…," said …": a participle right after the sentence's subject and
    its comma interrupts the clause it hangs on; nothing but the subject comes before."""
    opener = head[:at].rstrip()
    if not opener.endswith(","):
        return None
    opener = opener[_last_sentence_start(opener) :].strip()[:-1]
    np = _np_before(opener)
    return np if _valid(np) and np == opener and np.lower() not in _SPEAKING_PRONOUNS else None


# Role nouns that open an apposition: "Ann Lee, director general of Acme, a toolmaker, said".
_ROLE_HEADS = frozenset(ROLE_WORDS - _LINKING_OR_THE - {"same", "then"}) | frozenset(
    "chair chairwoman chairperson founder co-founder manager member dean".split()
)
_OWNED = frozenset("his her their its".split())
# "he and his co-authors predicted", "Ann Lee and her lawyers said": who "his" refers to.
_AND_OWNER = re.compile(r"(?:^|(?<=[\s,]))(?P<np>[A-Za-z][\w’'\-]*)\s+and\s+$")


def _person_before(before: str, np: str) -> str:
    """The person a speaker phrase read from the end of ``before`` belongs to, or ``np``.

    - "he and his co-authors predicted": the owner of "his", named before "and";
    - "Ann Lee, director general of Acme, a toolmaker, said" and "Mr Lee, chairman of
      the transport, housing and planning committee, said": the phrase the cue follows
      is the object of a role's "of" (a second apposition, or a list, ends the role), so
      the person stands before the role.
    """
    rest = before[: len(before) - len(np)] if before.endswith(np) else None
    if rest is None:
        return np
    if np.split(None, 1)[0].lower() in _OWNED and (owner := _AND_OWNER.search(rest)):
        name = owner.group("np")
        if name.lower() in PRONOUNS or name[:1].isupper() and name.lower() not in NOT_NAMES:
            if name.lower() in PRONOUNS:
                return name
            full = _np_before(rest[: owner.end("np")])
            return full if _valid(full) else np
        return np
    if rest.endswith(", ") and " of " in np:
        comma, role = len(rest) - 2, np.split()  # the role phrase taken whole
    elif rest.endswith((" of ", " of the ")) and (comma := rest.rfind(", ")) >= 0:
        role = rest[comma + 2 :].split()
    else:
        return np
    if role and role[0].lower() in _ROLE_HEADS:
        person = _np_before(rest[:comma])
        if _valid(person) and person[:1].isupper() and person.split()[-1].lower() not in ROLE_WORDS:
            return person
    return np


_MAIN_CUE = re.compile(rf"{_APPOS}\s+{_AUX}(?P<cue>{_CUE})\b")


def _main_reporter(text: str, lo: int, head: str) -> tuple[Attribution, int] | None:
    """The sentence's own speaker when it opens "X said …", and where that cue ends."""
    sub = _subject(text, lo, lo + len(head))
    if sub is None or sub.as_named is None:
        return None
    pos = head.find(sub.as_named)
    if pos < 0:
        return None
    pos += len(sub.as_named)
    if noise := _NAME_NOISE.match(head, pos):  # "Rep. Ann Lee (D-N.Y.) said"
        pos = noise.end()
    m = _MAIN_CUE.match(head, pos)
    if not m or m.group("cue").endswith("ing") or _noun_use(head, m.start("cue")):
        return None
    return Attribution(sub.as_named, _cue(m.group("cue")), "before"), m.end()


_APPOSITIVE_NAME = re.compile(r"(?:[A-Z][\w’'\-]*\.?\s+){1,2}[A-Z][\w’'\-]+")


def _named_in_apposition(np: str | None, appos: str | None) -> str | None:
    """ "A Chinese commentator, Kong Jun, writing …": the name beside a description."""
    if (
        not np
        or not appos
        or np[:1].isupper()
        and np.split()[0].lower() not in _DESCRIPTION_START
        and not np.split()[-1][:1].islower()  # "Chinese commentator": a description still
    ):
        return np
    # "A former candidate -- John McCain, who lost in 2008 --": dashes and a relative
    # clause around the name.
    name = _RELATIVE_AFTER_NAME.split(appos.strip(" ,—–-"), 1)[0].strip(" ,")
    return name if _APPOSITIVE_NAME.fullmatch(name) else np


_RELATIVE_OPEN = re.compile(r",\s+(?:who|whose|which)\s[^“”\"«».;:!?]*$")
# What may not stand right before that antecedent: a word it would belong to ("Another
# Muslim who …": the phrase read was cut) or the digits of a number ("108,000 residents").
_CUT_BEFORE = re.compile(r"(?:\b(?:Another|One|Some|Many|Most)|\d,?)\s*$")
_RESTRICTIVE_WHO = re.compile(r"(?<=[a-z])\s+who\s+[a-z][^,“”\"«».;:!?()]{2,100}$")
_RELATIVE_AFTER_NAME = re.compile(r",\s*(?:who|whose)\b")
# A subordinator, then a short subject phrase, at the end of the text before a cue.
_SUBORDINATE_CUE = re.compile(
    r"(?:^|[\s,])(?:when|while|once|if|because|though|although|since|until|unless|after)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w’'.\-]+\s+){0,3}[\w’'.\-]+$"
)
# The words _SUBORDINATE_CUE opens with ("although" holds "though").
_SUBORDINATORS = tuple("when while once if because though since until unless after".split())


def _subordinate_cue(text: str, end: int) -> bool:
    """``_SUBORDINATE_CUE.search(text, 0, end)``, which is tried at every position: only a
    text holding one of its words is searched."""
    part = text[:end]
    return any(w in part for w in _SUBORDINATORS) and bool(_SUBORDINATE_CUE.search(text, 0, end))


# "Pollsters agree - Carl Bialik: "…"": a name labelling the quotation after a dash.
_DASH_LABEL = re.compile(r"\s[-–—]\s+(?P<np>(?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'\-]+):$")
# The pattern's words, found by a search that skips to their first letters.
_SAID_FIRST_HINT = re.compile("Said|Says|Added|Wrote|Asked")
_SAID_FIRST = re.compile(
    r"(?:^|[.!?]\s+|\n)(?P<cue>Said|Says|Added|Wrote|Asked)\s+(?P<np>[^,;“”\"«»]{2,80}),"
    r"[^“”\"«».!?]{0,160},?\s*$"
)
_PUT_IT = re.compile(r"\b[Aa]s\s+(?P<np>[^“”\"«»]{2,200}?,?)\s+(?:put|puts)\s+it\s*[,:]?\s*$")
# "a source familiar with Cruz’s thinking said": the person, whatever they are close to.
_SOURCE_FAMILIAR = re.compile(
    r"(?P<np>\b(?:an?|one|another|the|two|three|several)\s+(?:[\w\-]+\s+){0,2}"
    r"(?:source|sources|official|officials|person|people|aide|aides|adviser|advisers|advisor)\s+"
    r"(?:familiar|close|briefed)\s+(?:with|to|on)\s+[^,;“”\"«»]{2,60}?)\s*$",
    re.IGNORECASE,
)
_ADDRESSEE = re.compile(
    r"\s+(?:speaking|talking|writing|speaking exclusively)\s+(?:to|with)\s+"
    r"(?:[A-Z][\w’'.&\-]*\s*){1,5}$"
)
# The words _ADDRESSEE needs, looked for first (a literal search, not one per space).
_ADDRESSING = re.compile(r"speaking|talking|writing")
# A quotation mark, not an apostrophe inside a word ("he’s", "Clinton's").
# "[“”\"«»„]|(?<!\w)[‘’']|[‘’'](?!\w)" opening with one class for all the marks, then
# telling them apart (an alternation opening with a class is tried at every position; this
# skips to the marks): the same matches.
_QUOTE_MARK = re.compile(r"[“”\"«»„‘’'](?:(?<=[“”\"«»„])|(?<!\w[‘’'])|(?!\w))")


def _reported_by_main(text: str, lo: int, head: str, found: Attribution) -> Attribution:
    """ "Israel said Clinton called on members to be "…"": words inside what the sentence's
    speaker reports are credited to that speaker, unless a cue frames them as direct speech
    ("When Ryan spoke, Trump responded, "…"")."""
    if not found.as_named:
        return found
    if head.rstrip().endswith((",", ":")):
        end = head.rfind(found.as_named) + len(found.as_named)
        if not _subordinate_cue(head, end):
            return found  # the cue frames the quotation: "…, Trump responded, "…""
    if found.as_named.lower() in ("they", "it") and (group := _group_subject(text, lo, head)):
        # "Lee's campaign is seeking to contrast her plan with what they call "…"", "The
        # council pledged sanctions against what it called "…"": the group the sentence
        # opens with.
        return Attribution(group, found.cue, found.how, found.via)
    if found.as_named.lower() == "it" and (main := _main_reporter(text, lo, head)):
        # "President Obama … said it would tell a story of "…"": "it" is what he spoke of.
        return main[0]
    if found.as_named.lower() in _SPEAKING_PRONOUNS:
        return found  # "DeSantis said …, which he called "…"": he is the reporter anyway
    at = head.rfind(found.as_named)
    if at <= 0 or not _CUE_WORD.search(head, 0, at):
        return found  # no cue before the speaker phrase: it cannot be reported speech
    if _RELATIVE_SPEAKER.search(head, max(0, at - 60), at) and "," not in head[at:]:
        # "Lee criticized the budget, which an audit said was "…"": a relative clause with a
        # speaker of its own, not something the main clause reports. (Not one closed before
        # the words: "Lee said the budget, which Roe wrote, was "…"".)
        return found
    main = _main_reporter(text, lo, head) or _participle_reporter(text, lo, head, at)
    if main is None:
        return found
    reporter, cue_end = main
    if at < cue_end or _QUOTE_MARK.search(head, cue_end, at):
        return found  # before the reporter's cue, or inside a quotation of its own
    if len(_ASIDE_DASH.findall(head, cue_end, at)) % 2:
        # "X called on Y to act -- meddling the congressman said is "…"": an open aside
        return found
    return reporter


# A relative clause opening right before a speaker phrase: ", which an audit by …".
_RELATIVE_SPEAKER = re.compile(r",\s+(?:which|whom)\s+[^,;:“”\"«»]*$")
_ASIDE_DASH = re.compile(r"\s(?:--|—|–)\s|—")
# A participle cue hanging on its clause, opening a content clause: "…, saying that", "- and
# arguing that".
_PARTICIPLE_THAT = re.compile(rf"(?:,|\band)\s+(?P<cue>{_CUE})\s+that\s")


def _participle_reporter(text: str, lo: int, head: str, at: int) -> tuple[Attribution, int] | None:
    """ "Rubio pushed back, saying … - and arguing that he and Cruz shared "…"": the subject
    of the clause a participle cue hangs on reports what its "that" clause holds (before
    ``head[at]``), as a main clause's "X said" does."""
    last = None
    for found in _PARTICIPLE_THAT.finditer(head, 0, at):
        last = found
    if last is None or not last.group("cue").endswith("ing"):
        return None
    sub = _subject(text, lo, lo + last.start("cue"), speaking=True)
    if sub is None or not sub.as_named:
        return None
    return Attribution(sub.as_named, _cue(last.group("cue")), "before"), last.end()


# The head nouns of groups and documents a "they" may stand for.
_GROUP_HEADS = frozenset(
    """campaign committee group council party government administration team company
    statement report board panel agency department ministry organization organisation
    coalition union association lawmakers officials members leaders senators republicans
    democrats authors researchers experts analysts critics supporters aides advisers""".split()
)


def _group_subject(text: str, lo: int, head: str) -> str | None:
    """The sentence's subject when it names a group or a document, for a "they" in it."""
    sub = _subject(text, lo, lo + len(head))
    np = sub.as_named if sub else None
    if not np or np.lower() in _SPEAKING_PRONOUNS:
        return None
    return np if np.split()[-1].lower() in _GROUP_HEADS else None


# Words opening a clause, not an apposition, between commas before a cue.
_CLAUSE_NOT_APPOSITION = frozenset(
    "as while when after before because since though although if once until and but".split()
)


def _in_sentence(text: str, sent_lo: int, start: int) -> Attribution | None:
    head = text[sent_lo:start]
    best = None
    # The pattern below backtracks over every apposition; without a cue word it cannot match.
    for m in _SENTENCE_CUE.finditer(head) if _CUE_WORD.search(head) else ():
        if _inside_quote(head, m.start()) or _noun_use(head, m.start("cue")):
            continue
        appos = m.group("appos")
        if appos and appos.split(None, 1)[0] in _CLAUSE_NOT_APPOSITION:
            # "… in the Party, as Roe echoed it, saying "…"": what the pattern read as an
            # apposition is a clause, whose subject the participle hangs on.
            if m.group("cue").endswith("ing") and (
                sub := _clause_subject(text, appos.split(None, 1)[-1])
            ):
                best = Attribution(sub.as_named, _cue(m.group("cue")), "sentence")
            continue
        # After an "apposition", a participle still hangs on the clause: "Facing criticism
        # from Republicans, Lee released a statement, insisting …" is Lee's. (Not after a
        # relative clause, "chatter about Lee, who is animated, saying …", nor after a name,
        # "A Chinese commentator, Kong Jun, writing …": the phrase before the cue speaks.)
        clausal = (
            appos
            and m.group("cue").endswith("ing")
            and not appos.startswith("wh")
            and not _APPOSITIVE_NAME.fullmatch(appos.strip())
        )
        if _participle_of_clause(head, m.group("cue"), m.start("cue") if clausal else m.start()):
            if sub := _subject(
                text, sent_lo, sent_lo + m.start("cue"), speaking=True
            ) or _coordinated_subject(text, head, m.start("cue")):
                best = Attribution(sub.as_named, _cue(m.group("cue")), "sentence")
            continue
        np = _named_in_apposition(_np_before(head[: m.start()]), m.group("appos"))
        if _valid(np):
            best = Attribution(np, _cue(m.group("cue")), "sentence")
    if (
        best is None
        and ("words" in head or "remarks" in head or "statement" in head)
        and (words := _WORDS_OF.search(head))
        and _valid(np := _np_after(words.group("np")))
    ):
        best = Attribution(np, words.group("cue"), "sentence")
    return _reported_by_main(text, sent_lo, head, best) if best else None


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


def _noun_use(text: str, pos: int) -> bool:
    """Whether the cue word at ``text[pos]`` is not a verb here: a noun ("the claims") or
    part of a compound ("so-called")."""
    if text[pos - 1 : pos] == "-":
        return True
    if _NOUN_FORM_CUE.match(text, pos) and _adjective_before(text[max(0, pos - 31) : pos]):
        return True  # "his scathing remarks", "her repeated claims", "a prepared text"
    if _POSSESSIVE_AFTER.match(text, pos):
        return True  # "the Democratic state’s party convention"
    if _noun_cue(text, pos):
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


def _noun_cue(text: str, pos: int) -> bool:
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


_PARTICIPLE_AFTER = re.compile(r"(?:,|\band|\bwhile|\bbefore|\bafter|\bby|\bthen)\s*$")


def _participle_of_clause(head: str, word: str, pos: int) -> bool:
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


# ("\s\s*" is "\s+" opening with a class: the search skips to spaces.)
_REPORTER_BEFORE_PARTICIPLE = re.compile(rf"\s\s*{_AUX}(?P<cue>{_CUE})\s*,\s*(?:and\s+)?$")
# "\b(?:and|but)" written so that the search skips to an "a" or "b" (the lookbehind after
# the letter is the "\b" before it): the same matches, without trying every position.
_COORDINATED = re.compile(rf"(?:a(?<!\w\w)nd|b(?<!\w\w)ut)\s+{_AUX}$")


# Where a clause opens inside a sentence: after a comma, colon or dash, or a subordinator.
_INNER_CLAUSE = re.compile(
    r"(?:[,;:]|\s(?:-|--|—|–)|\b(?:when|that|as|while|after|because|since|if))\s+"
)


def _coordinated_subject(text: str, head: str, at: int) -> Attribution | None:
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
    return _clause_subject(text, _without_noise(clause))


_QUESTION_OPENERS = frozenset("do does did is are was were has have had can will would".split())


def _inside_quote(head: str, pos: int) -> bool:
    before = head[:pos]  # (sliced once, not once per mark)
    return before.count("“") + before.count('"') > before.count("”")


def span_sentences(
    text: str, spans: list[Span], paras: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The sentence(s) around each span, from its opening mark to its end."""
    out = []
    for span in spans:
        lo, hi = paras[span.paragraph]
        open_at = span.open_mark if span.open_mark >= 0 else span.start
        out.append(sentence_bounds(text, open_at, span.end, lo, hi))
    return out


def attribute(
    text: str,
    spans: list[Span],
    paras: Sequence[tuple[int, int]] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Attribution]:
    """One ``Attribution`` per span (``NONE`` where the text does not say).

    ``sentences`` is ``span_sentences(text, spans, paras)`` if the caller has it already.
    """
    paras = paras if paras is not None else paragraphs(text)
    sentences = sentences if sentences is not None else span_sentences(text, spans, paras)
    out: list[Attribution] = []
    block_first: dict[int, int] = {}
    crowd_doc = "chant" in text or "shout" in text  # (once: few articles hold a chant)
    for k, span in enumerate(spans):
        lo, hi = paras[span.paragraph]
        found: Attribution | None = None
        open_at = span.open_mark if span.open_mark >= 0 else span.start
        if label := _TRANSCRIPT_LABEL.match(text, span.start):
            # A transcript line, ""WALLACE: But, Governor, …": the label names the speaker.
            found = Attribution(label.group("np").title(), ":", "label")
        elif span.parent is not None and out[span.parent].how == "label":
            # Words quoted inside a transcript line are part of what its speaker said.
            found = Attribution(out[span.parent].as_named, None, "nested")
        elif span.close_mark >= 0:
            found = (
                _dash_credit(text, lo, span.close_mark, hi)
                or _naming_before(text, max(lo, open_at - 60), open_at)
                # (a cheap test first, which spares most quotations the call)
                or text.find("hat ", max(lo, open_at - 100), open_at) >= 0
                and _what_named(text, max(lo, open_at - 100), open_at)
                or _after(text, span.close_mark, hi)
                or _possessive_owner(text, max(lo, open_at - 60), open_at, span.close_mark, hi)
            )
        # Every search reads a bounded stretch before the quotation, so a paragraph of any
        # length costs the same per quotation (linear in the text, whatever its shape).
        sent_lo = max(sentences[k][0], open_at - _REACH)
        if k and (prev := spans[k - 1]).open_mark < sent_lo < prev.close_mark:
            # ""… Senate. I think …," Lee said, adding that "…"": the sentence opens inside
            # the earlier quotation, whose words are no clause of ours: read from its mark.
            sent_lo = prev.open_mark
        if (
            found is not None
            and (found.as_named or "").lower() in ("it", "they")
            # "The council … pledged sanctions against what it called "…"": the group.
            and (group := _group_subject(text, sent_lo, text[sent_lo:open_at]))
        ):
            found = Attribution(group, found.cue, found.how, found.via)
        if (
            found is not None
            and found.how == "after"
            and text[sent_lo : sent_lo + 12].lstrip().startswith(_LEADING_SUBORDINATORS)
            and (sub := _subordinate_speaker(text[sent_lo:open_at]))
        ):
            # "When someone in the crowd shouted, "…," Beck joked": the quotation belongs to
            # the leading clause that introduces it, not to the main clause after it.
            found = sub
        if (
            found is not None
            and found.how == "after"
            and "asked" in text[max(sent_lo, open_at - 120) : open_at]
            and _asked_question(text, span, max(sent_lo, open_at - 120), open_at)
        ):
            # "A reporter asked Lee, "Will it open?" Lee replied, "…"", "Lee was asked, "…?"
            # She answered, "…"": the question is its asker's (or, asked in the passive, no
            # one's the text names); the cue after it introduces the answer.
            found = _before(text, open_at, sent_lo) or NONE
        near_lo = max(lo, open_at - _REACH)
        # Text between the last quote that closed before us and our opening mark.
        if found is None and span.block is None or found is None and span.block not in block_first:
            head_lo = sent_lo
            if open_at - lo < 3 and span.paragraph > 0:
                found = _lead_in(text, paras, span.paragraph, spans, out, k)
            found = (
                found
                # "The rejection signals "…" for the union, said Ann Lee.": the sentence's
                # closing "said X" outranks a verb before the quotation.
                or span.block is None
                and _closing_inverted(text, span.close_mark, sentences[k][1])
                or _before(text, open_at, head_lo)
                or span.block is None
                and _sentence_tail(text, span.close_mark, sentences[k][1])
                or _previous_sentence(text, near_lo, open_at)
            )
        if found is None and span.block is None:
            found = (
                _headline(text, lo, hi, open_at)
                or _in_sentence(text, sent_lo, open_at)
                or _subject(text, sent_lo, open_at)
                or _colon_clause(text, sent_lo, open_at)
            )
        if found is None and span.parent is not None:
            parent = spans[span.parent]
            if parent.kind != QuoteKind.BLOCK and out[span.parent] is not NONE:
                found = Attribution(out[span.parent].as_named, None, "nested")
            elif span.kind == QuoteKind.SCARE:
                found = NONE
        if span.block is not None:
            first = block_first.setdefault(span.block, k)
            # A cue in the block outranks a speaker its first piece inherited.
            if (
                found is not None
                and found.how != "inherited"
                and first != k
                and (out[first] is NONE or out[first].how == "inherited")
            ):
                for j in range(first, k):  # "…," said Ushakov at the end names them all
                    if spans[j].block == span.block:
                        out[j] = found
            elif found is None and first != k:
                found = out[first] if out[first] is not NONE else None
        if found is None and span.kind != QuoteKind.SCARE:
            found = _inherit(text, spans, out, k, paras)
            if found is not None and _inside_last_credit(text, spans, out, k):
                found = NONE  # ""…," Lee, wearing a "Lee for Mayor" pin, said": the pin's
        if (
            found is not None
            and found.how in ("before", "sentence", "subject")
            and found.as_named
            and _SHARE_OPENS.match(found.as_named)
            and (poll := _poll_before(text, sent_lo, open_at, found.as_named))
        ):
            # "In a Post poll released Monday, 75 percent of voters said "…"": the share
            # answered the poll's questions; the words quoted are the poll's.
            found = Attribution(poll, found.cue, found.how, found.via)
        if found is not None and found.cue == "quoted" and found.via is None:
            # "TASS quoted Ryabkov as saying: "…"": the agency relays, Ryabkov speaks.
            sent_lo, sent_hi = sentences[k]
            open_at = span.open_mark if span.open_mark >= 0 else span.start
            close = max(span.end, span.close_mark)
            found = (
                _quoted_as(text, close, sent_hi, found)
                if found.how == "after"
                else _quoted_as(text, sent_lo, open_at, found)
            )
        if (
            found is not None
            and found.how in ("after", "sentence", "before")
            and found.cue != "according to"
            and found.via is None
        ):
            via = _according_after(text, max(span.end, span.close_mark), sentences[k][1])
            found = Attribution(found.as_named, found.cue, found.how, via) if via else found
        if (
            found is not None
            # (cheap tests first, which spare most quotations the search: a speaker read
            # from the clause's subject or an earlier quotation, as such names are; the two
            # letters before the space before the mark)
            and found.how in _NAMING_HOWS
            and found.as_named is not None
            and (ending := text[open_at - 3 : open_at - 1]) in _NAMING_ENDINGS
            and _passive_naming(text, max(lo, open_at - 70), open_at, ending)
        ):
            # "Lee, known online as "Ghost,"": a name given, said by no one. (The cue and how
            # stay: whether the words are a quotation or a title is judged as before.)
            found = Attribution(None, found.cue, found.how)
        # "Lee was asked by host Dan Pell, "…"": the question is the asker's, or no one's the
        # text names; never the one asked. (Cheap tests first, which spare most quotations
        # the search: someone was credited, by the cue "asked" or as the clause's subject.)
        if (
            found is not None
            and found.as_named is not None
            and found.how in _ASKED_HOWS
            and (asker := _passive_asker(text, max(sent_lo, open_at - 250), open_at)) is not None
        ):
            found = Attribution(asker or None, "asked", found.how)
        if (
            crowd_doc
            and (found is None or found.how != "label")
            and _CROWD_HINT.search(text, max(0, open_at - 110), open_at)
        ):
            found = _crowd(text, sent_lo, open_at, sentences[k][1], found or NONE)
        out.append(_plausible(found) if found is not None else NONE)
    # ""the ultimate crisis" and "stunts growth," Dean said": a quotation joined by "and"
    # or "or" to the next one shares the speaker named right after that one.
    for k in range(len(spans) - 2, -1, -1):
        a, b = spans[k], spans[k + 1]
        if (
            out[k] is NONE
            and out[k + 1].how == "after"
            and _side_by_side(a, b)
            and (
                _QUOTES_JOINED.fullmatch(text, a.close_mark + 1, b.open_mark)
                # "The program was a "good thing" that yielded "good information," he
                # remarked": a short quotation earlier in the sentence the cue closes.
                or a.kind == QuoteKind.SCARE
                and b.open_mark - a.close_mark < _SHARED_REACH
                and not _SENTENCE_BREAK.search(text, a.close_mark + 1, b.open_mark)
            )
        ):
            out[k] = out[k + 1]
    # "… who added that the office seemed "rattled" and "frustrated"": a quotation joined
    # by "and" or "or" to an earlier credited one, which no cue of its own names, is the
    # same speaker's.
    for k in range(1, len(spans)):
        a, b = spans[k - 1], spans[k]
        if (
            out[k] is NONE
            and out[k - 1].how in _JOINED_HOWS
            and _side_by_side(a, b)
            and _QUOTES_JOINED.fullmatch(text, a.close_mark + 1, b.open_mark)
        ):
            out[k] = out[k - 1]
    return out


# A speaker phrase that is a share of those asked: "75 percent of voters", "Six in 10 voters".
_SHARE_OPENS = re.compile(
    r"(?:(?:[Oo]nly|[Jj]ust|[Aa]bout|[Nn]early|[Aa]lmost)\s+)?(?:\d+(?:\.\d+)?\s*(?:percent|%)|\w+\s+in\s+10\b)"
)
# A single poll named as a noun phrase, with when it came out: "a national CNN/ORC poll
# released Monday", "The Q poll" (not "polls": a share of several polls is no one's).
_POLL = re.compile(
    r"(?<![\w’'])(?P<np>(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+(?:[\w/\-.’']+\s+){0,5}?"
    r"(?:poll|survey)(?:\s+(?:released|taken|published|conducted)\s+[\w\- ]{1,30}?)?)"
    r"(?=\s*[,:;—–]|\s+(?:also\s+)?(?:has|shows|showed|finds|found)\b)"
)


def _poll_before(text: str, lo: int, open_at: int, share: str) -> str | None:
    """The poll named in ``text[lo:open_at]`` before the ``share`` of its respondents."""
    at = text.rfind(share, lo, open_at)
    if at < 0 or ("poll" not in text[lo:at] and "survey" not in text[lo:at]):
        return None
    polls = list(_POLL.finditer(text, lo, at))
    return polls[-1].group("np") if polls else None


def _side_by_side(a: Span, b: Span) -> bool:
    """Two quotations of one paragraph, neither inside another, ``b`` opening after ``a``
    closed: the pairs that may share a speaker."""
    return (
        a.paragraph == b.paragraph
        and a.parent is None
        and b.parent is None
        and a.close_mark >= 0
        and b.open_mark > a.close_mark
    )


_JOINED_HOWS = frozenset(("before", "sentence", "subject"))


# How far (characters) a short quotation may stand before the one whose closing cue it shares,
# and what ends the sentence between them.
_SHARED_REACH = 150
_SENTENCE_BREAK = re.compile(r"[.!?;][”\"’']?\s|\n")


# Words a sentence may open with before a leading subordinate clause ("But even as …").
_LEADING_SUBORDINATORS = tuple(
    "When As While After Before Although Though Once Because If Since But And Yet Even Just".split()
)
# A leading subordinate clause whose own subject and cue introduce the quotation: "When
# Lee shouted, "…"", "But even as Lee claimed on Tuesday that "…"". After a comma only cues
# that introduce words ("After Lee spoke, "…," Roe said" is Roe's).
_SUBORDINATE_SPEAKER = re.compile(
    r"\s*(?:(?:But|And|Yet)\s+)?(?:(?:[Ee]ven|[Jj]ust)\s+)?"
    r"(?:When|As|as|While|After|Before|Although|Though|Once|Because|If|Since)\s+"
    rf"(?P<np>[^,;:“”\"«»]{{2,100}}?)\s+{_AUX}(?P<cue>{_CUE})\b(?P<tail>[^,;:“”\"«».!?]{{0,60}}?)"
    r"(?P<end>\s+that\s*|\s*,\s*|\s+)$"
)
_INTRODUCING = frozenset("said says asked shouted yelled declared wrote".split())


def _subordinate_speaker(head: str) -> Attribution | None:
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
    np = _np_before(m.group("np"))
    if np is None and words[0].lower() in ("someone", "somebody") and len(words) <= 5:
        np = m.group("np")  # "When someone in the audience shouted, "…""
    if not _valid(np) or not m.group("np").endswith(np) or _CUE_WORD.search(m.group("np")):
        return None
    return Attribution(np, _cue(m.group("cue")), "before")


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
_NAMING_ENDINGS = frozenset(("ed", "wn", "as", "he", " a", "an", "ne", "re", "ly"))
_NAMING_HOWS = frozenset(("subject", "sentence", "inherited"))
# Where the word before the mark is "as", an article or both, how far back from the mark the
# word before it ends: "known as "…"", "called the "…"", "known as a "…"".
_NAMING_BACK = {"as": 5, "he": 6, " a": 4, "an": 5}
_NAMING_VERB_ENDS = frozenset(("ed", "wn", "as", "ne", "re", "ly"))


def _passive_naming(text: str, lo: int, open_at: int, ending: str) -> bool:
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
_ASKED_HOWS = frozenset(("before", "subject", "sentence", "inherited"))
_ASKED_BY = re.compile(r"\s+by\s+(?P<np>[^,;:“”\"«»]{2,80}?)\s*(?:,|$)")


# "asked Lee," / "was asked by a reporter:" right before a quotation: the asking introduces
# it. (Not "When asked about it, "…," Lee said", whose quotation is the answer: only a
# question is taken as asked.)
_ASKING_LEAD = re.compile(r"\basked\b[^“”\"«».;!?]{0,80}[,:]\s*$")


def _asked_question(text: str, span: Span, lo: int, open_at: int) -> bool:
    """Whether the quotation is a question that an "asked" right before it introduces."""
    words = text[span.start : span.end].rstrip(" ,")
    return words.endswith("?") and _ASKING_LEAD.search(text, lo, open_at) is not None


def _passive_asker(text: str, lo: int, open_at: int) -> str | None:
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
        np = _np_before(by.group("np"))
        return np if _valid(np) else ""
    if _CUE_WORD.search(rest):
        return None  # "Lee was asked about it and said, "…"": the later cue's
    np = _np_before(by.group("np")) if by else None
    return np if _valid(np) else ""


# Words a crowd chants or shouts, just before the quotation.
# (An earlier chant may come between: "chanting "We are Orlando" and "…"".)
_ANOTHER_CHANT = r"(?:[“\"][^“”\"]{1,60}[”\"]\s*,?\s*(?:and|or)\s+)?"
_CROWD_HINT = re.compile(r"(?:chant|shout)[a-z]*(?:\s+of)?\s*[,:]?\s*" + _ANOTHER_CHANT + "$")


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


def _crowd(text: str, sent_lo: int, open_at: int, sent_hi: int, found: Attribution) -> Attribution:
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
        return Attribution(np, cue, "before") if _valid(np) else found
    if found.cue == cue and found.how == "before":
        return found  # "Protesters chanted "…"": the cue's own subject was read
    # "with many marchers and spectators chanting "…"": the phrase right before.
    head = _CROWD_ADVERBS.sub("", _SHOWN.sub("", head.rstrip()))
    np = _np_before(head)
    if _valid(np):
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


def _possessive_owner(
    text: str, head_lo: int, open_at: int, close: int, hi: int
) -> Attribution | None:
    """The owner a possessive names: "Obama's "…" promise", ""…," in Bolton's view"."""
    np = None
    if _OWNED_NOUN.match(text, close + 1, hi) and (
        owner := _OWNER_BEFORE.search(text, head_lo, open_at)
    ):
        np = owner.group("np") or owner.group("pron")
    elif (
        " in " in (seg := text[close + 1 : min(hi, close + 160)])
        and ("s " in seg or "' " in seg or "’ " in seg)
        and (view := _IN_OWNERS_VIEW.match(seg))
    ):
        np = view.group("np")
    if (
        np is None
        or np.split()[-1].lower() in NOT_NAMES
        or not (np in ("his", "her") or _valid(np))
    ):
        return None
    return Attribution(np, None, "possessive")


_QUOTES_JOINED = re.compile(r"[”\"’']*\s*,?\s*(?:and|or)\s*")


# What a speaker phrase never ends with: a function word, a conjunction, an auxiliary or a
# modal ("the United States and", "the authors of the", "the candidate could be"): the
# phrase was cut mid-clause. (Lower case only: "Will" is George Will.)
_NO_PHRASE_END = frozenset(
    """and or but nor the a an of to in on at for with by from as than that which who whose
    into about could would should will can may might must shall be been is are was were
    has have had do does did not its their our my your his her""".split()
)
# Auxiliaries and modals inside a phrase: a clause, not a name ("Braynard is quoted",
# "the man could be heard") unless a relative pronoun opens it ("sources who have seen").
_CLAUSE_VERBS = frozenset(
    """is are was were has have had could would should will can may might must shall does
    did hasn't wasn't isn't""".split()
)
_RELATIVES = frozenset("who whose which that".split())
# Lower-case adverbs a phrase may have swallowed before the cue: "Trump then", "Her
# campaign quickly" (read off its end, the phrase left is the speaker).
_TRAILING_ADVERBS = frozenset(
    "then further also now later again too still instead once rather even just".split()
)
_LY_NOT_ADVERBS = _LY_NOUNS | frozenset("daily weekly monthly quarterly italy".split())
# A headline's capitals glued before the phrase: "SHORT READS", "ROLL TIDE Alabama".
_SHOUTED = re.compile(r"[A-Z][A-Z’'\-]+")
_SUBJECT_PRONOUN_WORDS = frozenset("he she it they we i you him them us".split())
_PRONOUN_THEN_PREPOSITION = frozenset("in on at for with to by from about into".split())


_CONTRACTED_PRONOUN = re.compile(r"(I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)[’'](?:m|re|s|ve|d|ll)")


def _plausible(found: Attribution) -> Attribution:
    """``found`` with a phrase that reads as a speaker, trimmed where its end swallowed an
    adverb; ``NONE`` where it reads as a cut clause, which would be shown as a name."""
    named = found.as_named
    if not named:
        return found
    if found.how == "after" and named.endswith(("’s", "'s")):
        return NONE  # ""…," said Clinton’s": an owner cut from what it owns, not the speaker
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
        while len(words) > 1 and words[-1] in _CLAUSE_VERBS | {"be", "heard"}:
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
            or any(w in _CLAUSE_VERBS for w in words[1:])
            and not any(w in _RELATIVES for w in words[1:])
        )
    ):
        return NONE
    if trimmed:
        return Attribution(" ".join(words), found.cue, found.how, found.via)
    return found


_TITLE_CUES = {c.capitalize(): c for c in CUES if " " not in c}
_TITLE_CUE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_TITLE_CUES, key=len, reverse=True)) + r")\b"
)


def _headline(text: str, lo: int, hi: int, open_at: int) -> Attribution | None:
    """Headline style: `Clinton Said Financial Reform "Really Has to Come …"`.

    In a short paragraph with most words capitalised, a capitalised cue word credits the
    quotation to the words that open the line.
    """
    if hi - lo > 250 or text[hi - 1 : hi] == ".":
        return None
    words = _TITLE_WORDS.findall(text, lo, hi)
    if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return None
    head = text[lo:open_at]
    cue = next(reversed(list(_TITLE_CUE_WORD.finditer(head))), None)  # the last one
    if cue is None:
        return None
    # The subject is the capitalised words just before the cue: "Railing Against Trump,
    # Sanders Vows …" is Sanders's.
    np = re.split(
        r",|\b(?:Against|For|With|After|Before|Over|On|In|At|To|Of|As|By|From)\b",
        head[: cue.start()],
    )[-1].strip(" :—–-")
    if not np or len(np.split()) > 3 or not _valid(np) or any(c in MARKS for c in np):
        return None
    return Attribution(np, _TITLE_CUES[cue.group(0)], "headline")


_TITLE_WORDS = re.compile(r"[^\W\d_][\w'’]*")
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


def _quoted_as(text: str, lo: int, hi: int, found: Attribution) -> Attribution:
    """``found`` (an agency or outlet that "quoted" someone, between ``lo`` and ``hi``) with
    the person it quoted as the speaker and itself as the relay, where the text says so."""
    m = _QUOTED_AS.search(text, lo, hi)
    if m is None:
        return found
    np = m.group("np").strip()
    if np.startswith("by "):
        # "Peskov was quoted by RIA as saying": the subject speaks, the agency relays.
        relay = np[3:].strip()
        return Attribution(found.as_named, found.cue, found.how, relay) if _valid(relay) else found
    return Attribution(np, found.cue, found.how, found.as_named) if _valid(np) else found


def _according_after(text: str, close: int, sent_hi: int) -> str | None:
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
    return m.group("np").strip() if m and _valid(m.group("np").strip()) else None


# Words that open an adverbial or subordinate clause before the subject: "When Clinton …, ".
_CLAUSE_OPENERS = frozenset(
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
_DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)
_LEADING_CONJUNCTION = re.compile(r"^[\s\-–—(]*(?:(?:But|And|So|Yet|Still|Or|Now|Then)\s+)?")
_CLAUSE_VERB = re.compile(r"\s*(?:[a-z][a-z’'\-]*)\b")


def _subject(
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
            or word in _DATE_WORDS
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
        if word in _CLAUSE_OPENERS or word.endswith("ing") and word[:1].isalpha() or place:
            skipped = True
            comma = head.find(", ", pos)
            if comma < 0:
                return None
            pos = comma + 2
        else:
            break
    found = _clause_subject(text, _without_noise(head[pos:]))
    if found is None and (comma := head.find(", ", pos)) > 0 and head.count(" ", pos, comma) < 4:
        # A short adverbial before the subject: "Hours later, Trump returned …".
        found = _clause_subject(text, _without_noise(head[comma + 2 :]))
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
        return _clause_subject(text, head[rel.end("np") :].lstrip())
    if (
        later
        and found is not None
        and (conn := _last_clause_opener(head, pos)) is not None
        and (sub := _subject(text, sent_lo + conn, start, speaking, later=False))
        and (np := sub.as_named)
        # A pronoun there is most often the first subject again ("Lee praised him, but he
        # said …"), and the name is the better answer.
        and np.lower() not in _SPEAKING_PRONOUNS
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


def _clause_subject(text: str, rest: str) -> Attribution | None:
    if rest[:1] in MARKS:
        return None  # the clause opens with a quotation: its words are no subject
    # "The town released a statement …", "the prince called for …": a short description
    # followed by a verb in the past or present tense.
    if m := _DESCRIPTION_SUBJECT.match(rest) or _GROUP_OF_NAME_SUBJECT.match(rest):
        return Attribution(m.group("np"), None, "subject")
    np = _np_after(rest)
    if not _valid(np) or np.split()[0].lower() in _NOT_SUBJECTS:
        return None
    if _POSSESSIVE_S.sub("", np.split()[0]).lower() in _DATE_WORDS:
        return None  # "Saturday's gaffes were …": a day, not a speaker
    if (
        " " not in np
        and np[:1].isupper()
        and np.lower() not in PRONOUNS
        and not _named_midsentence(text, np)
    ):
        return None  # "Embryonic stem cells …": a capitalised first word, not a name
    after = rest[rest.find(np.split()[-1]) + len(np.split()[-1]) :]
    if m := _TRAILING_APPOS_START.match(after):
        after = after[m.end() :]
    if not _CLAUSE_VERB.match(after):
        return None
    return Attribution(np, None, "subject")


def _named_midsentence(text: str, word: str) -> bool:
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
    """How much of a text ``_named_midsentence`` has read, and its words once collected."""

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


_FOOTNOTE = re.compile(r"\s*(?:\[\d+\])+\s*$")


def _lead_in(text, paras, paragraph, spans, out, k) -> Attribution | None:
    """A quote opening its paragraph: "X said:" at the end of the previous one.

    Photo captions ("(Source:") between are skipped; a block that follows
    another block across such a caption continues its speaker.
    """
    for p in range(paragraph - 1, max(-1, paragraph - 3), -1):
        plo, phi = paras[p]
        para = text[plo:phi]
        if "(Source" in para and len(para) < 200:
            continue
        end = plo + len(_FOOTNOTE.sub("", para) if "[" in para else para)
        if text[end - 1 : end] == ":":
            # "Ann Lee released the following statement:": no cue word, but the subject of
            # the sentence that opens the quotation, as within one paragraph.
            slo = plo + _last_sentence_start(text[plo : end - 1])
            return _before(text, end, plo) or _subject(text, slo, end - 1)
        if spans[k].block is not None and p < paragraph - 1:
            for j in range(k - 1, -1, -1):
                if spans[j].paragraph < p:
                    break  # spans come in reading order: none further back is in p
                if spans[j].paragraph == p and spans[j].block is not None and out[j] is not NONE:
                    return Attribution(out[j].as_named, out[j].cue, "inherited", out[j].via)
        return None
    return None


# "\s\s*" is "\s+" opening with a character class: the search skips to spaces.
_PREVIOUS = re.compile(rf"\s\s*{_AUX}(?P<cue>{_CUE})(?:\s+\w+){{0,6}}\s*\.\s*$")


def _last_words_start(head: str) -> int:
    """Where the last 20 words of ``head`` start (the spaces before them): a _PREVIOUS match
    spans at most 15 (two auxiliaries of three words, a cue of two, six words, a period), so
    the search need not start further back to find the same first match."""
    parts = head.rsplit(None, 20)
    return len(parts[0]) if len(parts) == 21 else 0


def _last_sentence_start(text: str) -> int:
    for m in reversed(list(_SENTENCE_END.finditer(text))):
        if text[m.start()] != "." or ends_sentence(text, m.start()):
            return m.end()
    return 0


_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[“\"A-Z])")


def _previous_sentence(text: str, lo: int, start: int) -> Attribution | None:
    """ "… Alexei Maslov explains in turn. 'Russian-Chinese relations …'"."""
    head = text[lo:start].rstrip()
    head = head[:-1] if head[-1:] in MARKS else head
    if (
        head.rstrip().endswith(".")
        and (m := _PREVIOUS.search(head, _last_words_start(head)))
        and not _noun_use(head, m.start("cue"))  # "The charges were dropped."
    ):
        last = head[_last_sentence_start(head[: m.start()]) :].lstrip()
        if last[:1] in MARKS and last[1:2] != " ":  # an opening mark, not `ever. " This`
            # ""…," Obama said at the dinner, where Clinton also spoke. "…"": the sentence
            # is the previous quotation's; its speaker carries on, not the last cue's ...
            joined = head.rfind(", and ", 0, m.start())
            if joined < 0 or any(c in MARKS for c in head[joined : m.start()]):
                return None
            # ... unless a clause of its own names someone new: ""…," Ola said, and her
            # husband cut in. "…"".
            np = _np_before(_strip_aux(head[joined + 6 : m.start()]))
            return Attribution(np, _cue(m.group("cue")), "before") if _valid(np) else None
        before, appos = _cut_apposition(_strip_aux(_without_noise(head[: m.start()]).rstrip()))
        np = _named_in_apposition(_np_before(before), appos)
        if _valid(np) and np.lower() not in _DESCRIPTION_START:
            return Attribution(np, _cue(m.group("cue")), "before")
    return None


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
        if head[-1:] in ",—–-" or "’" in head[-5:] or "'" in head[-5:] or _aux_last(last):
            head, _ = _cut_apposition(_strip_aux(head))
            last = head[head.rfind(" ") + 1 :]
        if not last[:1].isupper():
            continue  # only named speakers are kept: a capitalised word must end the phrase
        # (Tested after the cheaper test above, which rules out a third of the cues.)
        if _noun_use(text, at):
            continue
        np = _np_before(head)
        if _valid(np) and np.lower() not in PRONOUNS and not np.lower().startswith("the "):
            found.append((at, np))
    return found


# Possessive: the word and the spaces after it are never given back (nothing after them
# can start with what they hold), which spares the search its backtracking; same matches.
# "(?:[A-Z][\w’'.\-]*+|,)" opening with one class, so that the search skips to candidates.
_REPORTED_CUE = re.compile(rf"[A-Z,](?:(?<=,)|(?<=[A-Z])[\w’'.\-]*+)\s++{_AUX}(?P<cue>{_CUE})\b")


_CUE_WORD = re.compile(rf"\b(?:{_CUE})\b")
_AUX_LAST = re.compile(
    rf"{_AUX_WORDS}|week|month|year|night|morning|spring|summer|fall|winter|to|{_WEEKDAY}|"
    r"(?:19|20)\d\d"
)
# "(?:(?<=\S)\s+(?:aux))+$" opening with a space instead of the lookbehind, so that the search
# skips to spaces: every aux word ends in a letter, so only the first repetition needed the
# lookbehind (the same matches).
_TRAILING_AUX = re.compile(rf"\s(?<=\S\s)\s*(?:{_AUX_WORDS})(?:\s+(?:{_AUX_WORDS}))*$")


@functools.lru_cache(maxsize=4096)
def _aux_last(word: str) -> bool:
    """Whether a head's last word may end a run of auxiliaries (cached: words recur)."""
    return _AUX_LAST.fullmatch(word) is not None


_CONTRACTED_AUX = re.compile(r"(?<=\w)[’'](?:s|ve|d|ll)$", re.IGNORECASE)


def _strip_aux(head: str) -> str:
    """Drop trailing auxiliaries, adverbs and times ("Lavrov has also" → "Lavrov", "He’s" →
    "He", "Feinstein last week" → "Feinstein")."""
    # Only the end can hold them, and most heads end in no such word: a test of the last
    # word first, then a search of the last 80 characters.
    last = head[head.rfind(" ") + 1 :]
    if _aux_last(last) and (m := _TRAILING_AUX.search(head, max(0, len(head) - 80))):
        head = head[: m.start()]
    end = head[-5:]
    if "’" in end or "'" in end:
        head = head[:-5] + _CONTRACTED_AUX.sub("", end)
    return head


# "\s*," written as "[\s,]" and what must follow it, so that the search skips to spaces and
# commas instead of trying every position (the same matches).
_SPACES_COMMA = r"[\s,](?:(?<=,)|(?<=\s)\s*,)"
_TRAILING_APPOS = re.compile(_SPACES_COMMA + r"\s*[^,;“”\"«»]{3,160}?,$")
_TRAILING_DASHED = re.compile(r"\s*(?:[—–]|--)\s*[^—–;“”\"«»]{3,160}?\s*(?:[—–]|--)$")


def _cut_apposition(head: str) -> tuple[str, str | None]:
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


def _inherit(text, spans, out, k, paras) -> Attribution | None:
    span = spans[k]
    lo, _ = paras[span.paragraph]
    open_at = span.open_mark if span.open_mark >= 0 else span.start
    for j in range(k - 1, max(-1, k - 1 - _BACK), -1):
        prev = spans[j]
        same_level = prev.paragraph == span.paragraph and prev.parent == span.parent
        # A phrase hands its speaker on only when the words right after it name them:
        # 'Biden "has a role," said Doyle. "He has that appeal."'
        carries = (
            prev.kind != QuoteKind.PHRASE or span.kind == QuoteKind.PHRASE or out[j].how == "after"
        )
        if same_level and out[j] is not NONE and carries:
            if _names_the_speaker(text, prev, out[j], open_at):
                return None
            return Attribution(out[j].as_named, out[j].cue, "inherited", out[j].via)
        if prev.paragraph < span.paragraph:
            break
    # A paragraph that is only a quotation continues the previous paragraph's speaker.
    if (
        span.parent is None
        and open_at - lo < 2
        and (
            span.kind in (QuoteKind.SENTENCE, QuoteKind.BLOCK)
            # "“… they still go on …”": a quotation whose start was cut is still speech
            or text.startswith(_ELIDED_START, span.start)
        )
        and _only_quote(text, span, paras)
    ):
        for j in range(k - 1, max(-1, k - 1 - _BACK), -1):
            if spans[j].paragraph == span.paragraph - 1 and spans[j].parent is None:
                if out[j] is not NONE:
                    return Attribution(out[j].as_named, out[j].cue, "inherited", out[j].via)
                if not _words_of_no_one(spans[j]):
                    return None
            if spans[j].paragraph < span.paragraph - 1:
                break
    # Earlier in the paragraph someone is reported speaking: "…, he said. Good information
    # still wins, but only when "the truth is sexier than the lie.""
    near_lo = max(lo, open_at - _REACH)
    found = _last_reporter(text, near_lo, open_at) if open_at - lo >= 2 else None
    if span.parent is None and found:
        return found
    # A quotation opening its paragraph after one that reports someone speaking without
    # quoting them: "Ortiz said the plan had failed.\n\n"We tried everything.""
    if span.parent is None and open_at - lo < 2 and span.paragraph > 0:
        plo, phi = paras[span.paragraph - 1]
        # (Its quotations may only be phrases no one was credited with: "What "fix the
        # roads" means is unclear, since Roe spoke only in vague terms." reports Roe.)
        # (Not a paragraph that opens with its quotation: the cue words would be quoted ones.)
        if all(
            _words_of_no_one(s) and out[j] is NONE and s.open_mark - plo >= 2
            for j, s in enumerate(spans[max(0, k - 8) : k], max(0, k - 8))
            if s.paragraph == span.paragraph - 1
        ):
            return _last_reporter(text, plo, phi)
    return None


_ELIDED_START = ("…", "...", ". . .")


def _words_of_no_one(span: Span) -> bool:
    """A phrase or scare quote: words a paragraph mentions, which need not be anyone's."""
    return span.kind in (QuoteKind.PHRASE, QuoteKind.SCARE)


def _names_the_speaker(text: str, prev: Span, found: Attribution, open_at: int) -> bool:
    """Whether a quotation is part of the phrase that named the one before's speaker:
    ""…," wrote the authors of the "Green Plan,"": a title, not more of their words."""
    if found.how != "after" or not found.as_named or open_at - prev.close_mark > 120:
        return False
    gap = text[prev.close_mark + 1 : open_at]
    at = gap.rfind(found.as_named)
    return at >= 0 and set(gap[at + len(found.as_named) :].split()) <= _LINKING_OR_THE


# A subordinator right before a cue: "if asked", "when asked", a clause with no subject.
_SUBJECTLESS_CUE = re.compile(r"\b(?:if|when|unless|once|until)\s+$")
_SUBJECTLESS_ENDS = ("if ", "when ", "unless ", "once ", "until ")


def _last_reporter(text: str, lo: int, hi: int) -> Attribution | None:
    """The last person a paragraph reports as speaking ("Ortiz said the plan failed")."""
    for m in reversed(list(_CUE_WORD.finditer(text, lo, hi))):
        if _noun_use(text, m.start()):
            continue
        head = text[max(lo, m.start() - 200) : m.start()]
        if _participle_of_clause(head, m.group(0), len(head)):
            sub = _subject(text, max(lo, m.start() - 400), m.start(), speaking=True)
            return Attribution(sub.as_named, _cue(m.group(0)), "inherited") if sub else None
        if head.endswith(_SUBJECTLESS_ENDS) and _SUBJECTLESS_CUE.search(head, len(head) - 8):
            continue  # "… would help if asked.": a cue with no subject of its own; read on
        head, _ = _cut_apposition(_strip_aux(head.rstrip()))
        np = _np_before(head)
        if _valid(np):
            return Attribution(np, _cue(m.group(0)), "inherited")
        rest = text[m.end() : hi]
        if (
            m.group(0).lower() in _INVERTING
            and _valid(np := _np_after(rest))
            # "said the president "…"", "says we are at "…"": what was said about, not who.
            and _INVERTED_END.match(rest, rest.find(np) + len(np))
        ):
            return Attribution(np, _cue(m.group(0)), "inherited")
        if not m.group(0).endswith("ing"):
            return None
        # "Carter said that critics had been predicting …": an -ing form inside what someone
        # reports; the reporting verb before it names the speaker.
    return None


def _only_quote(text: str, span: Span, paras) -> bool:
    _, hi = paras[span.paragraph]
    rest = text[span.close_mark + 1 : hi] if span.close_mark >= 0 else ""
    return len(rest.strip(" .,;\"”’'[]0123456789")) == 0
