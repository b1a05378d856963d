"""From "the phrase an outlet used" to one person or organisation.

Within a document, ``DocumentSpeakers`` resolves what ``tracker.attribution.rules``
found: titles are dropped ("Russian President Vladimir Putin" → Vladimir
Putin), a bare surname takes the full name the article uses elsewhere
("Putin" → Vladimir Putin), and pronouns and descriptions ("he", "the
expert", "the Chinese leader") go to the person last mentioned who fits.
When nothing fits, the answer is no speaker rather than a guess.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tracker.attribution import lexicon_de, lexicon_fr
from tracker.attribution.lexicon import (
    CUES,
    FEMALE_NAMES,
    FEMALE_WORDS,
    LEADER_ROLES,
    MALE_NAMES,
    MALE_WORDS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NAME_TITLES,
    NATIONALITIES,
    NICKNAMES,
    NOT_NAMES,
    ORG_WORDS,
    OUTLET_ROLES,
    PERSON_ROLES,
    PLACE_WORDS,
    PLACES,
    PRONOUNS,
    TITLES,
    UNISEX_NAMES,
    given_name_gender,
    surname_he,
)

# A name (titles, roles and possessives before it allowed) opening a sentence, followed by
# a comma or a lower-case word: the sentence's subject (or the main clause's, after a
# leading adverbial and its comma).
_SENTENCE_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s)|(?<=\n)|(?<=, ))"
    r"(?P<np>(?:[A-Z][\w.’'\-]*\s+){0,4}[A-Z][\w’'\-]+)"
    # (a home state in brackets after a name too: "Rep. Sander M. Levin (Mich.), a …")
    r"(?=,|\s+[a-z]|\s+\([DRI]-|\s+\([A-Z][a-z]{1,5}\.?\)[,\s])",
    re.MULTILINE,
)
# A reporting clause beside a quotation, naming its speaker: ""…," said Ann Lee" or
# ", Ann Lee said." (a title or "Mr." may come first).
_NAME_WORDS = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}"
# The two forms open with one class, then look back at what it read: a search skips to the
# marks and commas (an alternation opening with a class is tried at every position).
_REPORTING_CLAUSE = re.compile(
    r"[”\"’',](?:(?<=[”\"’'])"
    rf"\s*,?\s*(?:said|says|added|adds|continued|recalled|explained)\s+(?P<after>{_NAME_WORDS})"
    rf"|(?<=,)[”\"’']{{0,2}}\s+(?P<before>{_NAME_WORDS})\s+(?:said|says|added|adds)\s*[.,;])",
)
_POSSESSIVE_END = re.compile(r"[’']s?$")
# Nouns a name modifies when it is not the subject ("Trump campaign spokesman …").
_ATTRIBUTIVE = frozenset({"campaign", "administration", "aides", "advisers", "officials"})
# French and German articles: a phrase they open names someone only with a name in it.
_OTHER_ARTICLES = frozenset(lexicon_de.ARTICLES + lexicon_fr.ARTICLES)
_ROLE_WORDS = frozenset(
    PERSON_ROLES
    | LEADER_ROLES
    | set(
        "director manager secretary strategist pollster attorney lawyer counsel chief "
        "coordinator surrogate consultant chair chairwoman".split()
    )
)
# "… communications director Jennifer Palmieri": a role, then the name it belongs to.
_ROLE_THEN_NAME = re.compile(
    r"\s+(?:[a-z][a-z\-]*\s+){0,2}(?:" + "|".join(sorted(_ROLE_WORDS)) + r")\s+[A-Z]"
)
_TITLE_WORDS = frozenset(TITLES | NAME_TITLES)
_INDEFINITE = frozenset("a an one another some".split())
# A description of someone unnamed by whom they are near, not whom they speak for: "a source
# close to Ann Lee", "one aide at Ridge Tower", "a professor at Yale". (A spokesman or lawyer
# "for" someone speaks on their behalf and keeps them.)
_NEAR_SOMEONE = re.compile(
    r"\s(?:close\s+to|familiar\s+with|near|inside|at|friends?\s+of|all(?:y|ies)\s+of|"
    r"critics?\s+of|rivals?\s+of|opponents?\s+of)\s+(?:the\s+)?[A-Z]"
)
_PRONOUN_OF_GENDER = {"m": "he", "f": "she"}
_UNRESOLVED_PRONOUNS = frozenset({"i", "we", "it", "you"})
_PRONOUN_CONTRACTION = re.compile(r"^(i|we|you|he|she|it|they)[’'](?:m|re|s|ve|d|ll)$")
# Built once, not per phrase resolved.
_NATIONALITY_WORDS = frozenset(NATIONALITIES)
_DESCRIPTION_WORDS = _NATIONALITY_WORDS | LEADER_ROLES | PERSON_ROLES
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")


_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_POSSESSIVE_PRONOUNS = {"his": "he", "their": "they"}


@dataclass(frozen=True)
class Resolved:
    name: str
    is_organisation: bool


def _tokens(phrase: str) -> list[str]:
    """Words of a phrase without edge punctuation; an initial keeps its period ("J.")."""
    out = []
    for t in phrase.replace("’", "'").split():
        bare = t.strip(".,")
        if bare:
            out.append(bare + "." if len(bare) == 1 and bare.isupper() and "." in t else bare)
    return out


# Words that are never part of a name: titles, places, nationalities, bodies, and "But",
# "Despite", "When", months, weekdays (one set: one lookup where six were made).
_NOT_NAME_WORDS = frozenset(
    TITLES | NAME_TITLES | PLACES | PLACE_WORDS | NATIONALITIES.keys() | ORG_WORDS | NOT_NAMES
)


@lru_cache(maxsize=16384)  # pure, and called for every word of every name read
def _is_name_token(tok: str) -> bool:
    if tok.endswith("'s"):
        return False  # a possessive ("Putin's") is no part of the name
    if len(tok) == 2 and tok[1] == "." and tok[0].isupper():
        return True  # an initial ("Jill A. Martin"), though "a" alone is no name
    low = tok.lower().rstrip(".")
    return (
        tok[:1].isupper()
        and not (len(low) > 1 and tok.isupper())  # acronyms: IMEMO, RAN, RAS, US
        and low not in _NOT_NAME_WORDS
    )


# Party and state after a name ("(D-Mo.)", ", R-Pa.,"), an age (", 21,"), an apposition.
_NAME_TAIL = re.compile(r"\s*\([^()]{0,30}\)|,.*$")


def _strip_suffixes(toks: list[str]) -> list[str]:
    while toks and toks[-1].lower().rstrip(".") in NAME_SUFFIXES:
        toks = toks[:-1]
    return toks


@lru_cache(maxsize=8192)  # pure; asked for each lone surname resolved
def _title_gender(phrase: str) -> str | None:
    """ "m" or "f" from an honorific or gendered word ("Mrs. Clinton"), not from a name."""
    for tok in phrase.replace("’", "'").split():
        low = tok.lower().strip(".,'")
        if low in MALE_WORDS:
            return "m"
        if low in FEMALE_WORDS:
            return "f"
    return None


@lru_cache(maxsize=8192)  # pure; asked again for each mention of the same person
def gender_of(phrase: str) -> str | None:
    """ "m", "f" or None, from a given name, honorific or gendered word in ``phrase``."""
    if g := _title_gender(phrase):
        return g
    toks = _tokens(phrase)
    for i, tok in enumerate(toks):
        if _is_name_token(tok):  # the first name-like word: the given name
            low = tok.lower()
            if low in UNISEX_NAMES:
                return None
            if low in MALE_NAMES or low in FEMALE_NAMES:
                return "m" if low in MALE_NAMES else "f"
            # The long list only where a surname follows: a lone "Clinton" is no given name.
            followed = i + 1 < len(toks) and _is_name_token(toks[i + 1])
            return given_name_gender(low) if followed else None
    return None


@lru_cache(maxsize=8192)  # the same phrases recur across a batch of articles
def person_name(phrase: str) -> str | None:
    """The person's name at the end of a speaker phrase, titles dropped.

    "Tom Clarke of Patriot Coal" is Tom Clarke; "Secretary of State Antony Blinken" is
    Antony Blinken: a full name before "of" or "at" wins over what follows it.
    """
    phrase = _NAME_TAIL.sub("", phrase)
    for m in _OF_PLACE.finditer(phrase):
        # ("the director of the Centre … at Duke": the name may sit before a later one)
        before = _name_at_end(phrase[: m.start()])
        # (a lone surname too where an honorific marks it a person's: "Mr. Burman of the …")
        if before and (" " in before or _HONORIFIC.match(phrase)):
            return before
    return _name_at_end(phrase)


_GIVEN = MALE_NAMES | FEMALE_NAMES
_ANY_TITLE = frozenset(TITLES | NAME_TITLES)  # built once: a union per call cost ~10 µs
_OF_PLACE = re.compile(r"\s+(?:of|at|from|with)\s+(?:the\s+)?(?=[A-Z])")


_PARTICLES = "|".join(sorted(NAME_PARTICLES))  # "von", "de", ... as one alternation
# A particle between spaces: one scan of the text instead of one per particle.
_SPACED_PARTICLE = re.compile(f" (?:{_PARTICLES}) ")
_PARTICLE_RUN = re.compile(
    rf"[A-Z](?<!\w\w)[a-z]+\s+(?:(?:{_PARTICLES})\s+){{1,2}}[A-Z][\w\u0300-\u036f\-]+"
)


def _given_before_particles(toks: list[str], k: int) -> bool:
    """Whether the word before the particles ending at ``toks[k]`` is a given name."""
    while k > 0 and toks[k - 1] in NAME_PARTICLES:
        k -= 1
    if k == 0:
        return False
    low = toks[k - 1].lower()
    return _is_name_token(toks[k - 1]) and (low in _GIVEN or given_name_gender(low) is not None)


def _opens_with_particles(toks: list[str], k: int, run: list[str]) -> bool:
    """Whether ``toks[: k + 1]`` are particles opening a surname of one word, the whole
    phrase: "von der Leyen", "de Blasio" (not "der Auto-Experte Achmed Leser")."""
    return all(t in NAME_PARTICLES for t in toks[:k]) and (
        sum(t not in NAME_PARTICLES for t in run) == 1
    )


def _particle_surname(person: str) -> str | None:
    """The last word of a surname named with its particles alone ("von der Leyen")."""
    *head, last = person.split()
    return last if head and all(t in NAME_PARTICLES for t in head) else None


def _name_at_end(phrase: str) -> str | None:
    toks = _strip_suffixes(_tokens(_HONORIFIC.sub("", phrase)))
    run: list[str] = []
    # A title word after a given name is a surname: "Howard Dean", "Larry King".
    if (
        len(toks) >= 2
        and toks[-1][:1].isupper()
        and toks[-1].lower().rstrip(".") in _ANY_TITLE
        and _is_name_token(toks[-2])
        # (an initial between them: "Peter T. King")
        and (toks[-2] if len(toks[-2]) > 2 or len(toks) < 3 else toks[-3]).lower() in _GIVEN
    ):
        run.append(toks.pop())
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        if _is_name_token(tok) or (
            # "Alexander von Preen", "Ursula von der Leyen": particles between a given name
            # and a surname (not "die Aussage von DGB-Vertretern").
            tok in NAME_PARTICLES
            and run
            # (or particles that open the phrase: "von der Leyen" named without "Ursula")
            and (_given_before_particles(toks, k) or _opens_with_particles(toks, k, run))
        ):
            run.append(tok)
        elif len(run) == 1 and surname_he(toks, k):
            run.append(tok)  # "He Lifeng": the surname He before a given name
            break
        else:
            break
    run.reverse()
    if 0 < len(run) <= 3 and len(run) < len(toks) and toks[len(toks) - len(run) - 1] == "New":
        return None  # "of New York", "The New Yorker": a place's name, no person's
    while run and run[0] in NAME_PARTICLES and len(run) < len(toks):
        run.pop(0)
    if any(t in NAME_PARTICLES for t in run):
        # The given name before the first particle, the particles and the surname.
        first = next(i for i, t in enumerate(run) if t in NAME_PARTICLES)
        return " ".join(run[max(0, first - 1) :])
    if (
        len(run) == 3
        and run[0].lower() not in _GIVEN
        and given_name_gender(run[0].lower()) is None
        and given_name_gender(run[1].lower())
    ):
        run = run[1:]  # "Rival Hillary Clinton" at a sentence's start
    # Names are short; a longer run has swallowed the end of an institution's name
    # ("… Asian and African Countries Alexei Maslov").
    return " ".join(run[-3:] if len(run) <= 3 else run[-2:]) if run else None


_DE_ARTICLES = frozenset("der die das den dem des".split())


@lru_cache(maxsize=8192)
def organisation_name(phrase: str) -> str | None:
    """The body named by a phrase ("the Kremlin press service" → Kremlin press service)."""
    toks = _tokens(phrase)
    # (and a German article in any case: "laut dem Pantone Color Institute")
    while toks and (toks[0].lower() in {"the", "a", "an", "per"} or toks[0] in _DE_ARTICLES):
        toks = toks[1:]
    if len(toks) == 1 and toks[0].lower() in PLACES:
        return toks[0]  # "Russia said": the country speaks as a body
    if 1 < len(toks) <= 3 and toks[-1].lower() == "states" and toks[0][:1].isupper():
        return " ".join(toks)  # "the United States argues": the country, as a body too
    while toks and toks[-1].lower() in PERSON_ROLES:
        toks = toks[:-1]  # "Chinese Foreign Ministry spokesman" with no name: the ministry
    if not toks or not any(re.sub(r"'s$", "", t.lower()) in ORG_WORDS for t in toks):
        return None
    if not any(t[:1].isupper() for t in toks):
        return None  # "the publication", "media": descriptions, not names
    name = " ".join(toks)
    return re.sub(r"['’]s$", "", name)


# A capital at a word's start (the lookbehind after the letter, so the search can skip to
# capitals: faster than the same test before it). Words and spaces are read possessively: what
# follows each can never be part of it, so giving letters back only delays the failure (the
# same runs, found in half the time).
# A capitalised word: "Dinesh", "Jean-Luc", "O'Brien", "D’Souza" (a possessive may follow).
_CAPITAL_WORD = r"(?:[\w\-]++(?:[’'][A-Z][\w\-]*+)?|[’'][A-Z][\w\-]++)(?:[’']s\b)?"
# A quoted nickname inside a full name: "John “Tig” Tiegen".
_NICKNAME_WORD = r"[“\"][A-Z][\w\-]*+[”\"]"
# Runs of them, initials and nicknames inside ("Jill A. Martin", "John “Tig” Tiegen").
_CAPITAL_RUN = re.compile(
    rf"[A-Z](?<=\b[A-Z]){_CAPITAL_WORD}"
    rf"(?: ++(?:[A-Z]\.(?= ++[A-Z])|{_NICKNAME_WORD}(?= ++[A-Z])|[A-Z]{_CAPITAL_WORD}))+"
)
_NICKNAME = re.compile(rf" {_NICKNAME_WORD}(?= )")


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs as a whole word (the first hit is enough)."""
    return next(_whole_words(text, word), None) is not None


def _word_positions(text: str, word: str) -> list[int]:
    """Where ``word`` occurs as a whole word (as regex ``\\bword\\b`` would find it)."""
    return list(_whole_words(text, word))


def _name_positions(text: str, word: str) -> list[int]:
    """``_word_positions`` of a word of a name, which keeps a straight apostrophe where the
    text may curl it ("D'Souza" is found as "D’Souza" too)."""
    found = _word_positions(text, word)
    if "'" in word:
        found += _word_positions(text, word.replace("'", "’"))
    return found


def _whole_words(text: str, word: str) -> Iterator[int]:
    """``word``'s whole-word positions, in order.

    ``str.find`` skips through the text in C; a regex alternation would try every position.
    """
    if not (word[0].isalnum() or word[0] == "_") or not (word[-1].isalnum() or word[-1] == "_"):
        yield from (m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text))
        return
    at, n = text.find(word), len(word)
    while at >= 0:
        before, after = text[at - 1 : at], text[at + n : at + n + 1]
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            yield at
        at = text.find(word, at + 1)


@lru_cache(maxsize=8192)  # runs like "Foreign Minister Wang Yi" recur across articles
def _full_name(run: str) -> str | None:
    """The full name a run of capitalised words ends with, if it has two or three parts.

    "Russian President Vladimir Putin" → Vladimir Putin; "Xi Jinping’s" → Xi Jinping.
    """
    run = _POSSESSIVE.split(run, 1)[0]
    if nick := _NICKNAME.search(run):  # the given name is the word before a nickname
        run = run[: nick.start()].split()[-1] + run[nick.end() :]
    name = person_name(run)
    if not name or not 2 <= len(parts := name.split()) <= 3:
        return None
    if (
        all(map(_is_name_token, parts[:-1]))
        and (
            _is_name_token(parts[-1])
            # "Howard Dean", "Larry King": a title word as the surname of a given name.
            or parts[0].lower() in _GIVEN
            and parts[-1][:1].isupper()
            and parts[-1][1:].islower()
        )
    ):
        return name
    return None


_POSSESSIVE = re.compile(r"[’']s\b")
_QUESTION_AFTER = re.compile(r"[^.!?\n]*\?")
_CAPITAL_NEXT = re.compile(r"(?:[’']s\b)? +[A-Z]")
# (an initial or a nickname before the surname too: "Vladimir V. Putin", "John “Tig” Tiegen")
_CAPITAL_BEFORE = re.compile(rf"(?:[A-Z][\w\-]+(?:[’']s\b)?|[A-Z]\.|{_NICKNAME_WORD}) +$")
# Particles between: "Ursula von der Leyen" (tried only where the plain test fails).
_CAPITAL_PARTICLES_BEFORE = re.compile(rf"[A-Z][\w\-]+ +(?:(?:{_PARTICLES}) +){{1,2}}$")

# What ends right before a sentence start: a stop (a closing mark after it allowed) and a
# space, or a line break. Matched as text, not as a lookbehind at every position: opening
# with one class, the search skips to the stops and breaks (several times faster).
# (The closing mark may be two apostrophes, as some wire copy writes one: "… for him.'' But".)
_SENTENCE_GAP = re.compile(r"[.!?\n](?:(?<=\n)|(?<=[.!?])(?:''|[\"”’])?\s)(?=\S)")
_ABBREVIATION_END = re.compile(
    r"(?:(?<![\w.])(?:Mr|Mrs|Ms|Dr|Sens?|Reps?|Govs?|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Rev|Hon)"
    # An initial, or two ("A.E. Dick Howard"), but not a country's ("… in the U.S. The …").
    r"|(?<![\w.])(?!U\.[SKN]\.$|D\.C\.$)(?:[A-Z]\.)?[A-Z])\.$"
)
_OPENING_ADVERBIAL = re.compile(
    r"(?:[A-Z][a-z]+(?:\s+[a-z]+)?\s+(?:later|ago|earlier|afterwards?)"
    r"|(?:Last|This|Earlier|Later)\s+(?:week|month|year|night|morning|afternoon|evening)"
    r"|Meanwhile|Later|Earlier|Afterwards?|Then|Separately|Instead|However|Yet|Still"
    r"|First|Second|Third|Next|Now|Today|Again|Also|Indeed|Moreover|Nevertheless"
    r"|[A-Z][a-z]+ly),\s+(?=[A-Z])"
)
_ROLE_LED_NAME = re.compile(
    r"[A-Z][a-z]+(?:\s+[a-z][a-z\-]+){1,3}\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][\w’'\-]+)"
)
_OPENING_PREPOSITIONS = frozenset(
    "in on at during after before following despite amid with without from for like unlike".split()
)
# "he said", "she has called": a pronoun as a clause's subject (a lower-case word follows).
_SUBJECT_PRONOUN = {"m": re.compile(r"\b[Hh]e\s+[a-z]"), "f": re.compile(r"\b[Ss]he\s+[a-z]")}
# A subject's verb that reports speech: "Mook acknowledged …, he said, …" is still Mook's.
_CUE_VERBS = frozenset(c for c in CUES if " " not in c)
# ", he said." / ", she added,": a reporting clause set off inside a sentence.
_ASIDE_PRONOUN = {
    g: re.compile(rf", {p}\s+[a-z]+(?:\s+[a-z]+)?[.,]") for g, p in (("m", "he"), ("f", "she"))
}
# Either of them: the first "he …" or "she …" of a sentence.
_SUBJECT_HE_SHE = re.compile("|".join(p.pattern for p in _SUBJECT_PRONOUN.values()))
_SUBORDINATORS = frozenset(
    "while when after before although though if as because since unless until once".split()
)
_OPENERS = _OPENING_PREPOSITIONS | _SUBORDINATORS
# Adverbs an opener may follow: "Soon after …,", "Shortly before …,", "Just as …,".
_BEFORE_OPENER = frozenset("soon shortly just even long right only hours days weeks".split())
# A sentence opening on a subordinate clause whose subject is a full name: "When Ann Lee".
_CLAUSE_OPENINGS = tuple(
    f"{w} " for w in "When While After Before Although Though Because Since Once Until".split()
)
_CLAUSE_SUBJECT = re.compile(
    r"(?:When|While|After|Before|Although|Though|Because|Since|Once|Until)\s+"
    r"(?P<np>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'\-]+){1,2})\s+[a-z]"
)
# Prepositions whose object a name is.
_OBJECT_OF = frozenset("for against about toward towards".split())
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|''.*?''")
# (The lookbehind after the capital is the "\b" before it: the search skips to capitals.)
_GIVEN_NAME_RUN = re.compile(r"([A-Z](?<!\w\w)[a-z]+)(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'\-]+){1,2}\b")
# (The lookahead changes no match: it rejects most positions at once, 2.2 times faster.)
# The literal "M" first lets the search skip to it; the lookbehind after it is the "\b"
# before it (ten times faster than a leading lookahead; the same matches).
_HONORIFIC_SURNAME = re.compile(r"M(?<!\w\w)(r|rs|s)\.? ([A-Z][\w’'\-]*)\b")


# A person described, not named, as a sentence's subject or in its reporting clause: "…,"
# said the woman, "A reporter for AFP called it …", "the actor discussed". (Not an office:
# "the Florida senator", "the two-term president" mostly name again whom the text is about.)
_PERSON_NOUNS = "|".join(
    sorted(
        "man woman actor actress reporter correspondent lawyer attorney businessman "
        "businesswoman veteran voter resident mother father wife husband son daughter "
        "supporter protester cashier waitress worker owner student teacher".split()
    )
)
_DESCRIBED_SPEAKER = re.compile(
    rf"(?:^|(?<=, )|(?<=  ))(?:The|A|An|the|a|an)\s+(?:[\w\-]+\s+){{0,3}}?"
    rf"(?P<noun>{_PERSON_NOUNS})(?:[’']s)?(?:\s+(?:for|of|at|with)(?:\s+[A-Z][\w\-]*)+)?"
    rf"\s+(?!who\b|whose\b|that\b|of\b|at\b|in\b|for\b)[a-z]"
    rf"|(?:said|says|added|adds|asked)\s+(?:the|a|an)\s+(?:[\w\-]+\s+){{0,3}}?"
    rf"(?P<noun_after>{_PERSON_NOUNS})\b"
)
# The described nouns that tell a gender: "the woman" cannot be the "he" of the quotation.
_NOUN_GENDER = {
    **dict.fromkeys("woman actress businesswoman mother wife daughter waitress".split(), "f"),
    **dict.fromkeys("man businessman father husband son".split(), "m"),
}
# Runs of capitalised words (a title and a surname, "Mr. Bush", "Representative Brooks").
_CAPITALS = re.compile(r"(?<![\w’'\-])[A-Z][\w’'\-.]*(?: [A-Z][\w’'\-.]*)*")


def _unless_other(name: str, others: set[str]) -> str:
    """``name``, unless a nearer sentence named others the pronoun may stand for and not
    them ("": no one)."""
    return "" if others and name not in others else name


def _sentence_starts(text: str, lo: int, hi: int) -> list[int]:
    """Where sentences start in ``text[lo:hi]``: after a stop and a space (not the period
    of a title or an initial), after a line break, or at the text's start, at a character
    that is not a space."""
    starts = [0] if lo == 0 < hi and not text[0].isspace() else []
    # A gap is at most four characters, and two gaps never overlap (each ends before a
    # character that is not a space): reading from four before ``lo`` finds every start.
    for m in _SENTENCE_GAP.finditer(text, max(0, lo - 4), hi):
        if m.end() >= lo and not (
            # "said Mr. Stevens", "Sen. Ann Lee", "A. E. Howard": a title or an initial.
            text[m.start()] == "."
            and _ABBREVIATION_END.search(text, max(0, m.start() - 5), m.start() + 1)
        ):
            starts.append(m.end())
    return starts


def _title_line(text: str) -> tuple[int, int] | None:
    """The text's first line where it is short and the article follows: a title, in
    sentence case too ("Understated Perez raises political profile")."""
    lo = len(text) - len(text.lstrip())
    hi = text.find("\n", lo)
    return (lo, hi) if 0 < hi - lo <= _TITLE_LINE and text[hi:].strip() else None


def _headline(text: str) -> tuple[int, int] | None:
    """The text's first line, where it capitalises (nearly) every longer word as a headline
    does (a photo caption naming people does too, so only the first line counts)."""
    lo = len(text) - len(text.lstrip())
    hi = text.find("\n", lo)
    hi = len(text) if hi < 0 else hi
    words = [w for w in text[lo:hi].split() if len(w) > 3 and w[:1].isalpha()]
    if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words):
        return lo, hi
    return None


_TITLE_LINE = 120  # characters: longer first lines are a lede, not a title
# Characters before a pronoun in which the one person it can stand for must have been named,
# when no sentence just before it says who; measured on the hand-checked PolNeAR train
# samples, this fallback was right 39 times in 53 with no limit, 30 in 35 with it.
_PRONOUN_REACH = 600


class DocumentSpeakers:
    """Resolves speaker phrases within one document, in reading order."""

    def __init__(
        self,
        text: str,
        reported: Callable[[], list[tuple[int, str]]] | None = None,
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        """``reported`` lists the people the text reports as speaking without quotes; it is
        called only when a pronoun, a description or a lone name needs them. ``quoted``:
        the quotations' (start, end) offsets, in order, whose inner sentences are someone's
        words, not the narration a pronoun looks back through."""
        # A no-break space reads as a space ("in April,\xa0Trump was"): the sentence and
        # subject patterns look for plain ones. (The same length: offsets are unchanged.)
        self.text = text.replace("\xa0", " ") if "\xa0" in text else text
        self._reported = reported
        self._quoted = list(quoted)
        self.persons: dict[str, list[str]] = {}  # name -> phrases the outlet used
        self.organisations: list[tuple[int, str]] = []
        self.mentions: list[tuple[int, str]] = []  # (position, person) in reading order
        self._full_names: dict[str, list[str]] | None = None
        self._people_named: dict[str, list[str]] = {}  # _full_names without word-runs
        self._mentions: dict[str, list[int]] = {}
        self._by_token: dict[str, list[str]] = {}  # a word of a name -> the names, in order
        self.gender: dict[str, str] = {}  # name -> "m" or "f", where the text tells
        self._honorifics: dict[str, str] | None = None  # surname -> gender, from Mr/Mrs/Ms
        self._beside_capital: dict[str, bool] = {}  # _next_to_capital, per word

    def _add_person(self, name: str, phrase: str) -> None:
        if name not in self.persons:
            self.persons[name] = []
            if g := gender_of(phrase) or gender_of(name) or self._honorific_gender(name):
                self.gender[name] = g
            for tok in dict.fromkeys(name.split()):
                self._by_token.setdefault(tok, []).append(name)
        self.persons[name].append(phrase)

    def resolve(self, as_named: str | None, position: int) -> Resolved | None:
        if not as_named:
            return None
        phrase = " ".join(as_named.split())
        low = phrase.lower()
        if "'" in low or "’" in low:
            low = _PRONOUN_CONTRACTION.sub(r"\1", low)  # "I’m", "they’re": I, they
        words = low.split()
        low = _POSSESSIVE_PRONOUNS.get(low, low)  # "his claim that …" is his
        if low in _UNRESOLVED_PRONOUNS:
            return None  # "I said", "it added": the writer or a body named elsewhere
        if low in PRONOUNS:
            self._note_pending()
            want = _PRONOUN_GENDER.get(low)
            if want is None:
                return None  # "they": a group, or one person unnamed; no guess
            name = self._recent_subject(position, want)
            if name is None:  # ("": a nearer sentence names someone else; no one)
                name = self._only_person_near(position, want)
            if name and self._named_after_pronoun(name, position):
                return None  # "He insisted Curiel had "…"": not Curiel; unsure who, so no one
            if name:
                self.gender.setdefault(name, want)
            return Resolved(name, False) if name else None
        if (
            words[0] == "the"
            and not any(w[:1].isupper() for w in phrase.split()[1:3])
            or (words[0] == "the" and set(words[1:]) <= _DESCRIPTION_WORDS)
        ) and not _ends_in_full_name(phrase):
            # (but "the chief researcher at the Institute Vladimir Batyuk" names him)
            return self._description(words[1:], position)
        if words[0] in _OTHER_ARTICLES and sum(w[:1].isupper() for w in phrase.split()) < 2:
            return None  # "die Sportdirektorin", "le ministre": a description, no name
        if words[0] in _INDEFINITE and _NEAR_SOMEONE.search(phrase):
            return None  # "a source close to Ann Lee": someone unnamed, not Ann Lee
        person = person_name(phrase) or self._surname_like_title(phrase, position)
        if (
            person
            and " " not in person
            and words[0] in _INDEFINITE
            and " " not in self._expand(person, position)
        ):
            return None  # "a New Hampshire Democrat", "one Pentagon official": no one named
        org = organisation_name(phrase) if person is None else None
        if org:
            self.organisations.append((position, org))
            return Resolved(org, True)
        if person is None:
            if set(words) & _NATIONALITY_WORDS and set(words) & LEADER_ROLES:
                return self._description(words, position)
            return None
        person = self._full(person, position, _title_gender(phrase))
        self._add_person(person, phrase)
        self.mentions.append((position, person))
        return Resolved(person, False)

    def _note_pending(self) -> None:
        if self._reported is not None:
            reported, self._reported = self._reported, None
            self.note_reported(reported())

    def note_reported(self, mentions: list[tuple[int, str]]) -> None:
        """Register people the text reports as speaking without quoting them."""
        for position, phrase in mentions:
            name = person_name(phrase)
            if name and organisation_name(phrase) is None:
                full = self._full(name, position)
                if " " not in full:
                    continue  # a lone word ("Russia said …") is too weak to stand for a person
                self.mentions.append((position, full))
                self._add_person(full, phrase)

    def _full(self, name: str, position: int, want: str | None = None) -> str:
        """``name`` as the article names the person in full: a lone surname or given name
        expanded, and a surname named with its particles alone too ("von der Leyen" where
        the article names Ursula von der Leyen)."""
        if " " not in name:
            return self._expand(name, position, want)
        if surname := _particle_surname(name):
            full = self._expand(surname, position, want)
            return full if " " in full else name
        return name

    def _expand(self, token: str, position: int, want: str | None = None) -> str:
        """A lone surname or given name → the full name this article uses for them, of the
        gender ``want`` where the phrase tells it ("Mr. Obama" is not Michelle Obama)."""
        matches = self._by_token.get(token)
        if not matches:  # someone quoted before by full name needs no further reading
            self._note_pending()
            matches = self._by_token.get(token)
        if matches and want:
            matches = [p for p in matches if self.gender.get(p) in (None, want)]
        if matches:
            if len(matches) == 1:
                return matches[0]
            return max(matches, key=lambda p: self._last_mention(p, position))
        if self._full_names is None:
            beside = self._beside_capital.get(token)
            if beside is None:  # one scan of the text per word, however often it is named
                beside = self._beside_capital[token] = self._next_to_capital(token)
            if not beside:
                return token  # no run of capitalised words holds it: no full name can
            self._full_names = self._names_by_first_or_last()
        names = self._people_named.get(token)
        if names is None:  # the words in the names are read once, on the token's first lookup
            names = [n for n in self._full_names.get(token, ()) if not self._reads_as_words(n)]
            self._people_named[token] = names
        if not names:
            return token
        if not want or gender_of(names[0]) in (None, want):
            return names[0]
        # "Mrs. Clinton" where Bill Clinton is named most: the woman of that name, if any.
        return next((n for n in names[1:] if gender_of(n) == want), token)

    def _next_to_capital(self, token: str) -> bool:
        """Whether ``token`` stands beside another capitalised word somewhere in the text.

        A cheap test that spares most articles the full scan for names.
        """
        for at in _name_positions(self.text, token):
            end = at + len(token)
            if (
                _CAPITAL_NEXT.match(self.text, end)
                or _CAPITAL_BEFORE.search(self.text, max(0, at - 40), at)
                or self.text[at - 1 : at] == " "
                and self.text[max(0, at - 5) : at - 1].split(" ")[-1] in NAME_PARTICLES
                and _CAPITAL_PARTICLES_BEFORE.search(self.text, max(0, at - 40), at)
            ):
                return True
        return False

    def _surname_like_title(self, phrase: str, position: int) -> str | None:
        """ "Dean, a medical doctor, …" where the text names Howard Dean: a lone word that is
        also a title (Dean, King, Judge, Bishop) is that person's surname."""
        if " " in phrase or not phrase[:1].isupper() or phrase.lower() not in _TITLE_WORDS:
            return None
        full = self._expand(phrase, position)
        return full if " " in full else None

    def _names_by_first_or_last(self) -> dict[str, list[str]]:
        """First and last names → the full names in the text with that part, the most
        frequent first (a name that reads as words rather than a person's is left out when
        it is looked up: see ``_reads_as_words``)."""
        # Runs recur (a name is written many times): count them first, then read each once.
        counts: Counter[str] = Counter()
        headline_end = headline[1] if (headline := _headline(self.text)) else 0
        title = headline or _title_line(self.text)
        title_end = title[1] if title else 0
        for run, n in Counter(_CAPITAL_RUN.findall(self.text, 0, title_end)).items():
            # "Bolton and Gorka Slam Neocons": a headline capitalises every word, so only a
            # common given name opens a name there ("Gorka" is one too, in Basque); in a
            # title in sentence case, any given name ("Understated Perez …": none).
            if (name := _full_name(run)) and (
                (first := name.split()[0].lower()) in _GIVEN
                or headline is None
                and given_name_gender(first) is not None
            ):
                counts[name] += n
        for run, n in Counter(_CAPITAL_RUN.findall(self.text, title_end)).items():
            if name := _full_name(run):
                counts[name] += n
        # "Game over. Will Sanders come down …?": a question's "Will", not a given name.
        for name in [n for n in counts if n.startswith("Will ") and self._only_asked(n)]:
            del counts[name]
        # "Ursula von der Leyen", "Alexander von Preen": a given name, particles, a surname.
        if _SPACED_PARTICLE.search(self.text):  # most texts have none
            for run, n in Counter(_PARTICLE_RUN.findall(self.text, headline_end)).items():
                if (name := person_name(run)) and " " in name:
                    counts[name] += n
        found: dict[str, list[tuple[str, int]]] = {}
        for name, c in counts.items():
            parts = name.split()
            for tok in dict.fromkeys((parts[0], parts[-1])):
                found.setdefault(tok, []).append((name, c))
        # Ties: the first seen (sorted() is stable), as max() would.
        return {
            tok: [name for name, _ in sorted(names, key=lambda nc: -nc[1])]
            for tok, names in found.items()
        }

    def _only_asked(self, run: str) -> bool:
        """Whether every occurrence of ``run`` opens a question ("Will Sanders win?")."""
        return all(
            (m := _QUESTION_AFTER.match(self.text, at + len(run))) is not None
            and m.end() - at < 160
            for at in _whole_words(self.text, run)
        )

    def _reads_as_words(self, name: str) -> bool:
        """Whether a run of capitals is words, not a person (asked only of the few names an
        expansion would pick: each question reads the text)."""
        first, *rest = name.lower().split()
        # "Conservative icon …", "One Sanders-endorsed …": a word the text also writes in
        # lower case is a word, not a given name ...
        if given_name_gender(first) is None and _has_word(self.text, first):
            return True
        # ... and "Trump Tower Manila", "Kennedy Court": without a common given name first,
        # a run holding a word the text also writes in lower case is a thing's name.
        return first not in _GIVEN and any(
            _has_word(self.text, w) for w in rest if w not in NAME_PARTICLES
        )

    def _last_mention(self, name: str, position: int) -> int:
        """Where any part of ``name`` last appears before ``position`` (-1: nowhere)."""
        found = self._mentions.get(name)
        if found is None:  # one scan of the text per name, then binary searches
            found = sorted(
                {p for t in name.split() if len(t) > 1 for p in _name_positions(self.text, t)}
            )
            self._mentions[name] = found
        k = bisect_left(found, position)
        return found[k - 1] if k else -1

    def _honorific_gender(self, name: str) -> str | None:
        """ "Mr. Lew" / "Mrs. Clinton" / "Ms. Acosta" anywhere in the text."""
        if self._honorifics is None:  # one scan of the text, on first need
            self._honorifics = {}
            for title, surname in _HONORIFIC_SURNAME.findall(self.text):
                self._honorifics.setdefault(surname, "m" if title == "r" else "f")
        return self._honorifics.get(name.split()[-1])

    def _recent_subject(self, position: int, want: str | None) -> str | None:
        """The person one of the last three sentences opens with, nearest first, whose
        gender agrees: "Dante Chinni looked at the polls. "…," he said." is Chinni's, though
        someone else was quoted before."""
        # Three sentences within 600 characters, and one more (600 further, 2,400 at most)
        # for each that only carries the pronoun on: "Ann Lee … said …. She said she had
        # toured it. Many were older, she said. "…," she added." is still Ann Lee's.
        budget, reach, floor = 3, position - 600, max(0, position - 2400)
        lo = max(0, reach)
        starts = _sentence_starts(self.text, lo, position)
        # Nearest sentence first: its subject, else the last person it names in full outside
        # quotation marks ("…, noted NBC’s Dana Cho. "…," she wrote" is Cho's).
        k, seen = len(starts) - 1, 0
        others: set[str] = set()
        while budget and seen < 8:
            if k < 0:  # read further back only when a sentence carried the pronoun on
                if max(reach, floor) >= lo:
                    break
                first = starts[0] if starts else position
                lo = max(reach, floor)
                more = [x for x in _sentence_starts(self.text, lo, first) if x < first]
                if not more:
                    break
                starts, k = more + starts, len(more) - 1
            s_lo = starts[k]
            if s_lo < reach:
                break
            here = k  # this sentence's index in ``starts``
            s_hi = starts[here + 1] if here + 1 < len(starts) else position
            budget, seen, k = budget - 1, seen + 1, k - 1
            if self._inside_quotation(s_lo, s_hi):
                # ""He is ignorant. First of all, Mateen was …"": the speaker's words, not
                # the narration, name nobody the pronoun can stand for.
                continue
            # ""… Hillary Clinton represents …," she said.": a sentence that opens inside a
            # quotation is narration only from its closing mark.
            s_lo = self._after_quotation(s_lo, s_hi)
            # "…, Stovall said." / ""…," said Mr. Stevens, who took aim at Rubio.": the
            # sentence's reporter outranks its grammatical subject and those it mentions.
            if rep := self._reporter_in(s_lo, s_hi, want):
                return _unless_other(rep, others)
            # "Moments later, Rubio made sure …": the subject after an opening adverbial.
            adverbial = _OPENING_ADVERBIAL.match(self.text, s_lo, s_hi)
            m = _SENTENCE_SUBJECT.match(self.text, adverbial.end() if adverbial else s_lo, s_hi)
            at = m.start("np") if m else s_lo
            head = (m.group("np") if m else self.text[at : at + 16]).lower().split()[:1]
            if head and head[0] in _BEFORE_OPENER:
                # ("Soon after the murder of …, Trump asserted": an opener after an adverb)
                head = self.text[at : at + 24].lower().split()[1:2]
            opener = head[0] if head else ""
            if opener in _OPENERS or m and opener.endswith("ing"):
                # (also where the opening phrase's capitals ran on to no subject: "On The
                # Steve Harvey Morning Show on Tuesday, Clinton criticized …")
                m = self._subject_after_openers(s_lo, s_hi)
            own_sentence = here == len(starts) - 1  # the pronoun's own sentence
            # "Also, Trump isn't a conservative, he said.": the subject is what was said, not
            # who said it ("Mook acknowledged …, he said, …" is Mook's).
            aside = bool(
                m
                and want
                and _ASIDE_PRONOUN[want].search(self.text, m.end("np"), s_hi)
                and not self.text.startswith(_CLAUSE_OPENINGS, s_lo)
                and self._verb_after(m.end("np")) not in _CUE_VERBS
            )
            if aside:
                m = None
                if not own_sentence:
                    budget, reach = budget + 1, reach - 600  # and "he" carries on
            if m and (name := self._subject_person(m, want, own_sentence)):
                return _unless_other(name, others)
            # "Conservative economist Ada Marsh, who …, said …": lower-case words, then a name.
            lead = _ROLE_LED_NAME.match(self.text, s_lo, s_hi)
            if lead and (name := self._named_in(lead.start("name"), lead.end(), want)):
                return _unless_other(name, others)
            # "That's why, he argued, the party …": the sentence's own "he" is its subject,
            # not Biden or Sanders whom it mentions.
            own = _SUBJECT_PRONOUN[want].search(self.text, s_lo, s_hi) if want else None
            if (
                own
                and self.text.startswith(_CLAUSE_OPENINGS, s_lo)
                and self.text[own.start() - 2 : own.start()] == ", "
                and (sub := _CLAUSE_SUBJECT.match(self.text, s_lo, own.start()))
                and (name := self._named_in(sub.start("np"), sub.end("np"), want))
            ):
                # "When Ann Lee left in 2011, she had no idea …": the opening clause's
                # subject is who the main clause's "she" is, and so the quotation's.
                return _unless_other(name, others)
            if not own and (name := self._named_in(s_lo, s_hi, want)):
                return _unless_other(name, others)
            if (
                not own_sentence
                and m
                and m.group("np").lower() == _PRONOUN_OF_GENDER.get(want or "")
            ):
                budget, reach = budget + 1, reach - 600  # "She said she had …": on
            elif not own:
                # "Then there's Axelrod." / "…," said the woman: a nearer sentence names
                # someone the pronoun may stand for; an earlier sentence's subject who is
                # not among them is a guess, so no one.
                others |= self._someone_else(s_lo, s_hi, want)
            elif not aside:
                # "Contacted by POLITICO, a terse Miller agreed that she …": so does one
                # naming someone before its own pronoun.
                others |= self._someone_else(s_lo, own.start(), want)
                if name := self._named_in(s_lo, own.start(), want):
                    others.add(name)
        if others:
            # ("…, as Mr. McDonough suggested. Still he rejected …": the one person named
            # in reach, if that is who was named nearer.)
            return _unless_other(self._only_person_near(position, want or "") or "", others)
        return None

    def _verb_after(self, at: int) -> str:
        """The first lower-case word after ``at`` that is no role ("Clinton campaign manager
        Robby Mook acknowledged": acknowledged)."""
        for word in self.text[at : at + 80].split():
            if word[:1].islower() and word not in _ROLE_WORDS and word not in _ATTRIBUTIVE:
                return word
        return ""

    def _subject_after_openers(self, lo: int, hi: int) -> re.Match[str] | None:
        """The subject of ``text[lo:hi]``, a sentence that opens with a phrase before a
        comma: "In an interview with Rusty Hale, Ham made it clear …", "When Mr. Trump
        tried to defend it, Mr. Kasich differed". Further opening phrases are skipped ("In
        October, hardly a month later, while in Sochi, Putin said …"), and so is a name
        in apposition to one ("On another tough guy, Mr. Putin, Mr. Trump was asked …")."""
        first = None
        comma = self.text.find(", ", lo, hi)
        while comma > 0:
            m = _SENTENCE_SUBJECT.match(self.text, comma + 2, hi)
            if m:
                if self.text[m.end("np") : m.end("np") + 1] != ",":
                    return m  # a verb follows: the subject
                first = first or m  # "Ann Lee, 45, said": itself, unless a subject follows
            else:
                word = self.text[comma + 2 : comma + 30].split(maxsplit=1)[:1]
                low = word[0].lower() if word else ""
                if not (low in _OPENERS or low.endswith(("ing", "ly"))):
                    break  # "…, the senator said": no opening phrase; no subject found
            comma = self.text.find(", ", comma + 2, hi)
        return first

    def _after_quotation(self, lo: int, hi: int) -> int:
        """``lo``, or where the quotation it lies inside ends (its closing mark), if that is
        before ``hi``."""
        i = bisect_right(self._quoted, lo, key=lambda q: q[0]) - 1
        if i >= 0 and self._quoted[i][0] < lo < self._quoted[i][1] < hi:
            return self._quoted[i][1] - 1  # (from its last character: ",” Ann Lee said")
        return lo

    def _someone_else(self, lo: int, hi: int, want: str | None) -> set[str]:
        """Whether ``text[lo:hi]``, a sentence that named nobody the pronoun resolves to,
        names someone it may stand for all the same: a person described, not named ("the
        campaign manager said", "said the woman"), or, outside quotation marks, a person of
        gender ``want`` by surname alone or with a title ("Then there's Axelrod.",
        "Representative Brooks, who …")."""
        chunk = _QUOTED.sub(lambda q: " " * len(q.group(0)), self.text[lo:hi])
        found = set()
        for d in _DESCRIBED_SPEAKER.finditer(chunk):
            gender = _NOUN_GENDER.get(d.group("noun") or d.group("noun_after"))
            if want is None or gender in (None, want):
                found.add("")  # someone the pronoun may stand for, unnamed
                break
        for m in _CAPITALS.finditer(chunk):
            words = [w for w in m.group(0).split() if w.lower().rstrip(".") not in _ANY_TITLE]
            if len(words) != 1:
                continue  # a full name: the sentence's steps above read those
            word = _POSSESSIVE.split(words[0], 1)[0].rstrip(".")
            if word.lower() in _NOT_NAME_WORDS:
                continue
            names = self._by_token.get(word)
            if not names:
                continue
            found.update(n for n in names if self._gender(n) in (None, want))
        return found

    def _gender(self, name: str) -> str | None:
        """What the text says of ``name``'s gender, else what the name does."""
        return gender_of(name) or self._honorific_gender(name) or self.gender.get(name)

    def _inside_quotation(self, lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` lies within one quotation (its marks and the space after
        the closing one allowed)."""
        i = bisect_right(self._quoted, lo + 1, key=lambda q: q[0]) - 1
        if i < 0:
            return False
        start, end = self._quoted[i]
        return start - 1 <= lo and hi <= end + 3 and self.text[end:hi].strip(" ”\"'’\n") == ""

    def _subject_person(
        self, m: re.Match[str], want: str | None, own_sentence: bool = False
    ) -> str | None:
        phrase = m.group("np")
        after = self.text[m.end("np") : m.end("np") + 30].split(maxsplit=2)[:2]
        role = _ROLE_THEN_NAME.match(self.text, m.end("np"))
        if after and (
            after[0] in PERSON_ROLES or after[0] in _ATTRIBUTIVE and after[1:2] != ["said"] or role
        ):
            # "Trump campaign spokesman Jason Miller told …": not Trump, but the person the
            # role is followed by, if named in full.
            run = role and _CAPITAL_RUN.match(self.text, role.end() - 1)
            if not run or " " not in (person_name(run.group(0)) or ""):
                return None
            phrase = run.group(0)
        if phrase.startswith("Will ") and self._only_asked(phrase):
            phrase = phrase[5:]  # "Will Sanders come down …?": Sanders, asked about
        if own_sentence and (owner := _POSSESSIVE_END.sub("", phrase)) != phrase:
            phrase = owner  # "Putin’s speech …, in which he lauded": the owner of the subject
        if phrase.startswith("The ") or (
            organisation_name(phrase) and not _ends_in_full_name(phrase)
        ):
            # "The New Yorker reported …": a publication, not a person ("House Speaker Paul
            # Ryan" is one: a body's word in his title, then his full name)
            return None
        if phrase.split()[0].lower() in _SUBORDINATORS:
            return None  # "While Obama had …": not the sentence's subject
        name = person_name(phrase) or self._surname_like_title(phrase, m.start("np"))
        if not name or name.lower() in NOT_NAMES:
            return None
        if " " not in name:
            # "Mrs. Clinton" is no "he"; "Clinton" for a "she" is the woman of that name.
            name = self._expand(name, m.start("np"), _title_gender(phrase) or want)
            if " " not in name and name not in self.persons:
                return None  # a lone capitalised word nobody speaks as: no person to trust
        g = self.gender.get(name) or gender_of(name) or self._honorific_gender(name)
        if want and g is not None and g != want:
            return None
        return name

    def _named_after_pronoun(self, name: str, position: int) -> bool:
        """Whether, in the sentence a quotation sits in, ``name``'s surname comes after a
        subject pronoun: then the pronoun is someone else ("He insisted Curiel had …")."""
        starts = _sentence_starts(self.text, max(0, position - 300), position)
        lo = starts[-1] if starts else max(0, position - 300)
        own = self.text[lo:position]
        pronoun = _SUBJECT_HE_SHE.search(own)
        if pronoun is None or own[: pronoun.start()].strip().lower() in _SUBORDINATORS:
            return False  # no pronoun, or "As he spoke …, Trump became …": it looks ahead
        return re.search(rf"\b{re.escape(name.split()[-1])}\b", own[pronoun.end() :]) is not None

    def _reporter_in(self, lo: int, hi: int, want: str | None) -> str | None:
        """The person a reporting clause in ``text[lo:hi]`` credits: "…, Ann Lee said." or
        ""…," said Ann Lee, who …", whose gender agrees with ``want``."""
        m = _REPORTING_CLAUSE.search(self.text, lo, hi)
        phrase = m and (m.group("after") or m.group("before"))
        if not phrase or organisation_name(phrase):
            return None
        name = person_name(phrase)
        if not name or name.lower() in NOT_NAMES:
            return None
        if " " not in name:
            name = self._expand(name, m.start() if m else lo, want or _title_gender(phrase))
            if " " not in name and name not in self.persons:
                return None
        g = self.gender.get(name) or gender_of(phrase) or self._honorific_gender(name)
        if want and g is not None and g != want:
            return None
        return name

    def _named_in(self, lo: int, hi: int, want: str | None) -> str | None:
        """The last person named in full (a known given name first) in ``text[lo:hi]``,
        outside quotation marks, whose gender agrees with ``want``."""
        chunk = _QUOTED.sub(lambda q: " " * len(q.group(0)), self.text[lo:hi])
        for m in reversed(list(_GIVEN_NAME_RUN.finditer(chunk))):
            before = chunk[max(0, m.start() - 9) : m.start()].split()
            if before and before[-1] in _OBJECT_OF:
                # "… cited his fondness for President Vladimir V. Putin": the object of a
                # preposition, not who is speaking.
                continue
            run_end = m.end()
            while given_name_gender(m.group(1).lower()) is None and (
                (later := _GIVEN_NAME_RUN.search(chunk, m.end(1) + 1)) and later.start() < run_end
            ):
                # "Sheriff Joe Arpaio", "House Speaker Paul D. Ryan": a title's words ran on
                # into the name; the name is the run from its given name on.
                m = later
            name = person_name(m.group(0))
            if not name or " " not in name:
                continue
            # What the text said of them wins over the given name ("widow Terry Strada").
            g = self.gender.get(name) or given_name_gender(m.group(1).lower())
            if g is None or want and g != want:
                continue
            if chunk[max(0, m.start() - 4) : m.start()].endswith((" a ", " an ")):
                continue  # "a Jenny Craig spokeswoman": a brand or label, not the person
            return name
        return None

    def _last_person(self, position: int, want: str | None = None) -> str | None:
        """Of the people this text reports as speaking, the one named last before ``position``
        whose gender (where known) agrees with ``want``."""
        best, best_pos = None, -1
        for name in self.persons:
            g = self.gender.get(name)
            if want and g is not None and g != want:
                continue  # "she" is not the man named last
            pos = self._last_mention(name, position)
            if pos > best_pos:
                best, best_pos = name, pos
        return best

    def _only_person_near(self, position: int, want: str) -> str | None:
        """The one person of gender ``want`` (or unknown) the text named in the last
        ``_PRONOUN_REACH`` characters, where only one was: with two in reach, or the last
        one further back, a pronoun no sentence before it explains is left unresolved."""
        near = [
            name
            for name in self.persons
            if self.gender.get(name) in (None, want)
            and 0 <= position - self._last_mention(name, position) <= _PRONOUN_REACH
        ]
        return near[0] if len(near) == 1 else None

    def _description(self, words: list[str], position: int) -> Resolved | None:
        self._note_pending()
        nouns = set(words)
        if nouns & OUTLET_ROLES:
            # The last body named, but never a place: "the publication" is no state.
            for _, org in reversed(self.organisations):
                if org.lower() not in PLACES and not org.endswith(" States"):
                    return Resolved(org, True)
            return None
        countries = {NATIONALITIES[w] for w in words if w in NATIONALITIES}
        if nouns & LEADER_ROLES and countries:
            # "the Chinese leader": the person this article introduced with that title.
            for name, phrases in sorted(
                self.persons.items(), key=lambda kv: -self._last_mention(kv[0], position)
            ):
                for p in phrases:
                    pw = p.lower().split()
                    if {NATIONALITIES.get(w) for w in pw} & countries and set(pw) & LEADER_ROLES:
                        return Resolved(name, False)
            # "Presidents Vladimir Putin of Russia and Xi Jinping of China": the text's own
            # introduction, where nobody was quoted under that title.
            for m in _LEADER_OF.finditer(self.text, 0, position):
                introduced = person_name(m["name"])
                if introduced and m["country"].lower() in countries:
                    return Resolved(self._full(introduced, position), False)
            return None
        if nouns & PERSON_ROLES and not countries:
            last = self._last_person(position)
            return Resolved(last, False) if last else None
        return None


def _ends_in_full_name(phrase: str) -> bool:
    """Whether ``phrase`` ends in a person's full name, a known given name first."""
    name = person_name(phrase)
    if not name or " " not in name:
        return False
    first = name.split()[0].lower()
    return first in _GIVEN or given_name_gender(first) is not None


_LEADER_OF = re.compile(
    r"\b(?:Presidents?|Premier|Chancellor|Prime Minister|[Ll]eaders?)\s+"
    r"(?P<name>(?:[A-Z][\w\-]+\s+){1,2}[A-Z][\w\-]+)\s+of\s+(?P<country>[A-Z][a-z]+)"
)


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name: "Anthony Blinken" / "Antony Blinken", "Vasily"/"Vassily"."""
    from rapidfuzz.fuzz import ratio

    ta, tb = folded(a).split(), folded(b).split()
    if ta == tb:
        return True
    if len(ta) < 2 or len(tb) < 2:
        return False
    if ta[-1] != tb[-1]:
        # A surname transliterated two ways ("Zelensky" / "Zelenskyy" / "Zelenskiy",
        # "Navalny" / "Navalnyi"), with the same given names written the same way.
        return ta[:-1] == tb[:-1] and surname_variants(ta[-1], tb[-1])
    # "Hillary Rodham Clinton" / "Hillary Clinton", "Donald J. Trump" / "Donald Trump": the
    # same given name, and a middle name only one of them writes. Two different middle
    # names ("George W. Bush" / "George H. W. Bush") are two people.
    middle_a, middle_b = ta[1:-1], tb[1:-1]
    if middle_a and middle_b and not _same_middle(middle_a, middle_b):
        return False
    ga, gb = given_name_gender(ta[0]), given_name_gender(tb[0])
    if ga and gb and ga != gb:
        return False  # "Patrick Miller" / "Patricia Miller": alike, but two people
    if ratio(" ".join(ta[:-1]), " ".join(tb[:-1])) >= 80:
        return True
    if tb[0] in NICKNAMES.get(ta[0], ()) or ta[0] in NICKNAMES.get(tb[0], ()):
        return True  # "Joe Biden" / "Joseph R. Biden"
    return ratio(ta[0], tb[0]) >= 80 and len(ta[0]) > 2


# The endings transliterations of one Slavic surname end in: "-y", "-yy", "-iy", "-yi",
# "-ij", "-i" ("Zelensky", "Zelenskyy", "Zelenskiy"; "Navalny", "Navalnyi").
_TRANSLITERATED_END = re.compile(r"(?:iy|yy|yi|ij|y|i)$")


def surname_stem(surname: str) -> str:
    """``surname`` without a transliterated ending ("Zelenskyy" → "Zelensk"): what all its
    spellings start with."""
    return surname[: len(_TRANSLITERATED_END.sub("", surname.lower()))]


def surname_variants(a: str, b: str) -> bool:
    """Two lower-case spellings of one surname that differ only in a transliterated
    ending. Nothing looser: "Johnson" / "Johnston", "Smith" / "Smyth" are other people."""
    return (
        len(a) >= 5
        and len(b) >= 5
        and _TRANSLITERATED_END.sub("i", a) == _TRANSLITERATED_END.sub("i", b)
    )


def folded(name: str) -> str:
    """Lower case without accents: "Felipe Calderón" and "Felipe Calderon" are one name."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _same_middle(a: list[str], b: list[str]) -> bool:
    """ "r." / "robinette": the same middle names, initials standing for whole ones."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x != y and not (x[0] == y[0] and (x.endswith(".") or y.endswith("."))):
            return False
    return True
