"""Reading a speaker phrase: the words that name who spoke, on either side of a cue.

The noun phrase before or after a position (``np_before``, ``np_after``), with its
descriptions, titles, ages and party brackets; whether a phrase can name a speaker at all
(``valid``); and the regular-expression vocabulary the rules share (cue verbs, the
auxiliaries and adverbs that stand between a speaker and the cue). ``Attribution`` is what
every rule returns.
"""

from __future__ import annotations

import functools
import re
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
from tracker.extract import MARKS
from tracker.text import ends_sentence


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
CUE = f"(?:{_trie(CUES)})(?!-\\w)"
# Pronouns a speaker phrase may be: "I said", "it added" are kept as the outlet wrote them.
SPEAKING_PRONOUNS = PRONOUNS | {"it", "i", "we"}
_ROLE_OR_PRONOUN = ROLE_WORDS | PRONOUNS | {"it", "we"}


# How far before a quotation the speaker searches read (characters), and how many earlier
# quotations a continuation looks back over: bounds that keep extraction linear.
REACH = 500


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
LINKING_OR_THE = frozenset(_LINKING | {"the"})


# The characters np_before reads: more than any speaker phrase runs (at most 14 tokens),
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
        return bare.lower() not in NOT_NAMES or bare.lower() in SPEAKING_PRONOUNS
    return bare.lower() in _ROLE_OR_PRONOUN


def np_before(text: str) -> str | None:
    """The speaker phrase that ends ``text`` (the words just before a cue)."""
    # It reads the last _NP_WINDOW characters only, so they are the key: the same cue is
    # read from several heads (reported speakers, the quote's lead-in), 44% of calls.
    return _np_before_window(text[-_NP_WINDOW:])


@functools.lru_cache(maxsize=4096)
def _np_before_window(text: str) -> str | None:
    """``np_before`` of a head's last _NP_WINDOW characters (cached: pure and repeated)."""
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
DESCRIPTION_START = frozenset(
    """the a an one his her their its our your my another some several many two three four
    five six both each every this that these those""".split()
)
CLAUSE_EDGE = frozenset(",;:—–(")


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
            and (low in DESCRIPTION_START or _POSSESSIVE_TOKEN.fullmatch(tok))
            # "so numerous that Border Patrol agents described": "that" before a plural
            # noun opens a clause; it determines no plural.
            and not (low == "that" and toks[end - 1].islower() and _bare_plural(toks[i + 1 : end]))
        ):
            if head in _TIME_NOUNS:
                return None
            if low not in DESCRIPTION_START:  # "Clinton's", "John Kasich's": take the name
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
        tok in CLAUSE_EDGE
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
        if tok.lower() in SPEAKING_PRONOUNS:
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
                if tok.lower() in SPEAKING_PRONOUNS:
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


def np_after(text: str) -> str | None:
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
        if end_here or tok.lower() in SPEAKING_PRONOUNS and not surname_he(toks, i):
            break
    else:
        i = len(toks)
    while taken and taken[-1].lower() in LINKING_OR_THE:
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


_NOT_OWNERS = NOT_NAMES | SPEAKING_PRONOUNS | {"let", "here", "what", "who"}
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
        if tok.endswith(("ed", "ing")) or tok.endswith("ly") and tok not in LY_NOUNS:
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


LY_NOUNS = frozenset("family ally rally assembly supply monopoly".split())


def _role_before_name(toks: list[str], i: int, first: bool = False) -> bool:
    """ "Republican presidential candidate Donald Trump": up to three lower-case words
    between capitalised ones, where a name follows. ``first``: the words open the phrase
    right after a cue ("said undecided voter Ann Lee"), where a verb cannot stand."""
    for j in range(i, min(len(toks), i + 3)):
        tok = toks[j]
        if tok[:1].isupper():
            if j == i and tok.rstrip(".,").lower() in DATE_WORDS:
                return False  # "said Wednesday, "…"": a day, not a speaker
            return first or j + 1 < len(toks) and toks[j + 1][:1].isupper()
        # "Trump openly admires President Putin": an adverb before a verb, no role.
        verb = (tok.endswith("ed") or tok.endswith("ly") and tok not in LY_NOUNS) and not first
        if not _DESCRIPTIVE_WORD.fullmatch(tok) or tok in _NOT_DESCRIPTIVE or verb:
            return False  # "Voss knocked Pitt": a verb between two names
    return False


def _phrase(taken: list[str]) -> str | None:
    if not taken:
        return None
    if len(taken) == 1 and (bare := CONTRACTED_AUX.sub("", taken[0])).lower() in PRONOUNS:
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
        return low[0] in SPEAKING_PRONOUNS
    return low[0] in DESCRIPTION_START or _DESCRIPTIVE_WORD.fullmatch(low[-1]) is not None


# Auxiliaries and adverbs between a speaker and the cue: "Lavrov has also said".
# A capitalised word ending in -ly is a name ("Megyn Kelly said"), not an adverb. Times
# sit there too: "Feinstein last week said", "Rubio on Monday said".
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# ("[a-z]\w*ly" written as the whole word, then a look back at its end: the same words, since
# a space or the text's end always follows one, without backing off a letter at a time.)
AUX_WORDS = (
    r"[a-z]\w*+(?<=\wly)|had|has|have|also|would|will|could|can|should|may|might|must|then|often|"
    r"always|later|again|once|too|soon|still|just|even|never|first|did|does|do|now|"
    r"earlier|previously|yesterday|today|only|long|in\s+(?:19|20)\d\d|"
    r"(?:goes|go|went|going)\s+on\s+to|(?:was|is|were|are)\s+(?:quick|prompted|moved|forced)\s+to|continued\s+to|"
    rf"{WEEKDAY}|on\s+{WEEKDAY}|(?:last|this|earlier\s+this)\s+"
    r"(?:week|month|year|night|morning|spring|summer|fall|winter)"
)
AUX = rf"(?:(?:{AUX_WORDS})\s+){{0,2}}"
APPOS = r"(?:\s*,\s*(?P<appos>[^;“”\"«»]{3,160}?),)?"
DEFINITION_WORDS = (
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
# What may follow _DEFINITION's word, to the end of the head.
_DEFINITION_END = re.compile(r"(?:\s+(?:follows|below|reads)){0,2}\W*(?:\[\d+\])?\W*")


def definition_hint(head: str) -> bool:
    """Whether a word of DEFINITION_WORDS stands where _DEFINITION needs it: followed by
    nothing but what _DEFINITION_END allows. Only its last occurrence can be (a later one
    would hold letters that the end does not allow), so one ``rfind`` per word tells: a
    test that spares most heads holding such a word ("words", "statement") the costly
    search (3 matches in 248 such heads on PolNeAR train)."""
    for word in DEFINITION_WORDS:
        at = head.rfind(word)
        if at >= 0 and _DEFINITION_END.fullmatch(head, at + len(word)):
            return True
    return False


def last_tokens_start(head: str, n: int) -> int:
    """Where the spaces before the last ``n`` whitespace-separated tokens of ``head`` start
    (0 if it holds fewer). _COLON spans at most six (five words and a colon): its search
    need not start further back to find the same first match."""
    parts = head.rsplit(None, n)
    return len(parts[0]) if len(parts) == n + 1 else 0


_STOP_NPS = {"this", "that", "which", "who", "what", "there", "one", "some", "many", "source"}


def valid(np: str | None) -> TypeGuard[str]:
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
NAME_NOISE = re.compile(
    # "Gov. John Kasich (R-OH), said": the comma after the bracket goes with it.
    r"\s*\((?:(?:[DRI]|Ind|Dem|Rep)(?:[\-–][^()]{1,15})?|"
    # "Sen. Susan Collins (Maine) has said": a state alone, the party left out.
    + _US_STATES
    + r")\)(?:,(?=\s*$|\s+(?:said|says|added|told)\b))?"
    r"|,\s*(?:\d{1,3}|[DRI][\-–][A-Z][\w.]*)\s*(?:,(?=\s+(?!(?:a|an|the|who|whose|which)\b)[a-z])|(?=,))"
)
# What either branch of NAME_NOISE needs: a bracket, or a comma before a digit or D/R/I.
_NOISE_HINT = re.compile(r",\s*[\dDRI]")


def without_noise(s: str) -> str:
    """``NAME_NOISE.sub("", s)``, which tries every position: most texts hold no hint of it."""
    if "(" not in s and not _NOISE_HINT.search(s):
        return s
    return NAME_NOISE.sub("", s)


# Words that start a clause, not a speaker phrase, right after a closing quote mark.
_NOT_NP_START = frozenset(
    "but and or so then as because while when if though although yet nor which that".split()
)
DETERMINERS = frozenset(
    """the a an one his her their its our another some many most several two three four
    five this that these those each every both""".split()
)


# Built once, not per phrase read.
_DETERMINERS_OR_PRONOUNS = DETERMINERS | PRONOUNS | {"it"}
_PHRASE_OPENERS = _DETERMINERS_OR_PRONOUNS | ROLE_WORDS


def raw_np(words: list[str]) -> str | None:
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


DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)


CONTRACTED_AUX = re.compile(r"(?<=\w)[’'](?:s|ve|d|ll)$", re.IGNORECASE)
