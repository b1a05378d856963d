"""A speaker named after the closing mark.

"…,” said Ushakov / "…,” Chen said / "…,” the ministry said in a statement; a credit
after a dash ("― Maria Lopez"); an inverted cue that ends the sentence; what a
quotation names ("what Lee called “…”").
"""

from __future__ import annotations

import re

from tracker.attribution.before import (
    credit_before,
)
from tracker.attribution.clauses import (
    ANOTHER_CUES,
    APPOSITIVE_NAME,
    ASIDE_DASH,
    CLAUSE_VERBS,
    CUE_WORD,
    INVERTED_CUES,
    INVERTING,
    QUOTE_MARK,
    named_midsentence,
    normal_cue,
    noun_cue,
)
from tracker.attribution.lexicon import (
    NOT_NAMES,
)
from tracker.attribution.phrases import (
    APPOS,
    AUX,
    CLAUSE_EDGE,
    CUE,
    DETERMINERS,
    LINKING_OR_THE,
    SPEAKING_PRONOUNS,
    Attribution,
    np_after,
    np_before,
    raw_np,
    valid,
    without_noise,
)
from tracker.extract import MARKS, Span
from tracker.text import ends_sentence

# _WORD where what follows can never be a letter of it (a space, a comma): the same matches,
# without trying each shorter word again when the phrase fails (possessive).
_WORD_ONCE = r"[A-Za-z][\w’'.\-]*+"
# A word inside a phrase may be a sum: "Fight for $15 organizer Ann Lee" (digits alone are
# left out: words that may be numbers cost every quotation more backtracking).
_INNER_WORD_ONCE = r"[A-Za-z$][\w’'.\-]*+"
_AFTER_CUE_NP = re.compile(rf"^[\s,.\-–—]*(?:\[\d+\])?\s*(?P<cue>{CUE})\s+(?P<np>.*)", re.S)
_AFTER_NP_CUE = re.compile(
    rf"^[\s,.\-–—]*(?:\[\d+\])?\s*(?:as\s+)?(?P<np>(?:{_INNER_WORD_ONCE}\s++){{0,14}}?{_WORD_ONCE}){APPOS}\s+{AUX}(?P<cue>{CUE})\b(?P<colon>\s*:\s*[“\"‘'«])?"
)
# "…," the report says: a determiner and a few lower-case words before the cue, where the
# last of them may itself read as a cue ("report", "statement notes").
_AFTER_DET_NP_CUE = re.compile(
    r"^[\s,.\-–—]*(?P<np>(?:the|a|an|one|this|that|their|his|her|its)\s+"
    rf"(?:[A-Za-z0-9][\w’'\-]*,?\s+){{0,3}}?[a-z0-9][\w’'\-]*)\s+{AUX}(?P<cue>{CUE})\b(?!\s*:)"
)


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


def naming_before(text: str, lo: int, start: int) -> Attribution | None:
    # The pattern is tried at every position; only a text ending in a naming word can match.
    if not text[lo:start].rstrip().endswith(_NAMING_ENDS) or not _NAMING_CUE.search(
        text, lo, start
    ):
        return None
    found = credit_before(text, start, lo)
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


def what_named(text: str, lo: int, start: int) -> Attribution | None:
    """The subject of "what X called "…"", where the naming verb comes within ``lo``."""
    end = text[lo:start].rstrip()
    if not end.endswith(_WHAT_NAMED_ENDS):
        return None
    m = _WHAT_NAMED.search(end + " ")
    if m is None and "," in end[-120:]:
        # "in what Ann Roe, treasurer for the campaign, called "…"": a name and its
        # apposition between "what" and the verb.
        m = _WHAT_NAMED_APPOSITION.search(end + " ", max(0, len(end) - 160))
    if m is None or CLAUSE_EDGE.intersection(m.group("np")) or not valid(m.group("np")):
        return None
    return Attribution(m.group("np"), m.group("cue").lower(), "before")


_WHAT_NAMED_APPOSITION = re.compile(
    r"\b[Ww]hat\s+(?P<np>(?:[A-Z][\w’'.\-]*\s+){1,3}[A-Z][\w’'\-]+),\s+[^,;:()“”\"«»]{2,80},\s+"
    r"(?:(?:has|have|had)\s+)?(?:[a-z]+ly\s+)?"
    r"(?P<cue>called|calls|dubbed|dubs|termed|terms|labeled|labelled|labels)"
    r"\s+(?:(?:a|an|the)\s+)?$"
)


_NEXT_PARAGRAPH = re.compile(r"\s*\n\s*(?=[-–—―])")


def dash_credit(text: str, lo: int, close: int, hi: int) -> Attribution | None:
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


def credit_after(text: str, close: int, hi: int) -> Attribution | None:
    found = _after_cue(text, close, hi)
    if found is None or found.as_named is None or found.as_named.lower() in SPEAKING_PRONOUNS:
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
        if not (0 <= end <= 45 and "," not in rest[:end]) or QUOTE_MARK.search(rest, 0, end):
            return None
    return found


# Words that may stand before a name after a quotation: "warm-and-fuzzy Trump", "weary Lee".
_MODIFIER = re.compile(r"[a-z]+-[a-z\-]+|[a-z]+(?:ly|ed|ing|ful|ous|ive|ent)")
# (A period inside an abbreviation, "U.S. district", is no end: a letter or a lower-case word
# follows it.)
_SOURCE_PHRASE = re.compile(r"(?:[^,.;:!?“”\"«»()]|\.(?=\w|\s+[a-z]))+(?<=.{3})(?=[,.;:!?]|$)")
_OWN_OBJECT = re.compile(r"\s+(?:yes|no|nothing|something|goodbye|hello|little|grace)\b")
# A transcript's speaker label opening a quoted line: "WALLACE:", "SEN. KELL:".
TRANSCRIPT_LABEL = re.compile(
    r"(?P<np>(?:[A-Z]{2,5}\.\s)?[A-Z][A-Z’'\-]{2,}(?:\s[A-Z][A-Z’'\-]+)?):\s"
)
_PHRASE_STOP = re.compile('[;“”"«»]')
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
        and low not in SPEAKING_PRONOUNS
        and not low.endswith("s")
        and named_midsentence(text, word)
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


def inside_last_credit(text: str, spans: list[Span], out: list[Attribution], k: int) -> bool:
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
    tail = without_noise(text[close + 1 : min(hi, close + 220)])
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
        np = np_after(m.group("np"))
        if (
            np
            and np.lower() in _NOT_INVERTED_SUBJECTS
            and m.group("cue").lower() not in INVERTING
            and m.group("cue").lower() != "according to"  # "according to her lawyers"
        ):
            # "…," denounced her record: the verb's object or its owner, after a verb that
            # is not inverted (unlike "said her lawyer").
            return None
        if m.group("cue").lower() == "according to" and not valid(np):
            # "…," according to a court document filed by state attorney Ann Lee.
            source = _SOURCE_PHRASE.match(m.group("np"))
            if source and (valid(src := source.group(0).strip()) or src[:1].isupper()):
                return Attribution(src, "according to", "after")
        if not valid(np) and _runs_on(text, close, tail):
            np = None  # the "disheartened" state of the campaign: a noun, no cue
        elif not valid(np):
            # "…," said one party activist. / "…," wrote one Sanders supporter, tweeting …
            rest = m.group("np")
            stop = _NP_AFTER_STOP.search(rest)
            words = rest[: stop.start() if stop else len(rest)].split()
            while words and words[-1].lower() in LINKING_OR_THE:
                words.pop()  # "…," wrote the authors of the "Plan": the title is theirs
            # (Not "…," said the mayor could win: a clause of its own, what was said.)
            clause = any(w.lower() in CLAUSE_VERBS for w in words[1:])
            np = None if clause else raw_np(words)
        if (
            (not valid(np) or np[:1].islower())
            and m.group("cue").lower() in INVERTING
            and (named := _DESCRIBED_NAME.match(m.group("np")))
        ):
            # "…," said the agency’s director, Ann Lee.: the name the description gives.
            return Attribution(named.group("name"), normal_cue(m.group("cue")), "after")
        if valid(np) or np and " " in np and np.split()[0].lower() in DETERMINERS:
            return Attribution(np, normal_cue(m.group("cue")), "after")
        if m.group("cue").lower() in ANOTHER_CUES and _ANOTHER_AFTER.match(m.group("np")):
            return Attribution("another", normal_cue(m.group("cue")), "after")  # "…," said another.
    if (
        (m := _AFTER_DET_NP_CUE.match(tail))
        and len(m.group("np").split()) > 1
        and not _runs_on(text, close, tail)  # “modeling” the missile attack warning system
    ):
        return Attribution(m.group("np"), normal_cue(m.group("cue")), "after")
    # The pattern below backtracks over every word of the tail; without a cue it cannot match,
    # nor with one only past a semicolon or quote mark, which no part before its cue holds.
    reach = stop_at.start() if (stop_at := _PHRASE_STOP.search(tail)) else len(tail)
    if (
        CUE_WORD.search(tail, 0, reach)
        and (m := _AFTER_NP_CUE.match(tail))
        and not m.group("colon")
        and not noun_cue(tail, m.start("cue"))  # "…," Lee avoided a direct answer.
        # "… “our own citizens,” Melanie said yes, yes": the cue has an object of its own.
        and not _OWN_OBJECT.match(tail, m.end("cue"))
    ):
        # "…,' Mr. Lomanov noted: “…”": a cue ending in a colon introduces the next quote.
        np = np_before(m.group("np") + " ")
        appos = (m.group("appos") or "").strip()
        if appos and APPOSITIVE_NAME.fullmatch(appos) and not (np and np[:1].isupper()):
            # "…," Google's chief executive, Lara Bock, told …: the name in the apposition.
            return Attribution(appos, normal_cue(m.group("cue")), "after")
        new_sentence = text[close - 1 : close] == "." or text[close - 1 : close] in MARKS
        if new_sentence and np and np.split()[0] in ("He", "She", "They", "The"):
            return None  # “… .” He called …: the next sentence, not an attribution
        if _runs_on(text, close, tail) and (
            not np or np.split()[0][:1].islower() and np.lower() not in SPEAKING_PRONOUNS
        ):
            if (
                valid(np)
                and np.split()[-1][:1].isupper()
                and _CUE_ENDS_SENTENCE.match(tail, m.end("cue"))
            ):
                # ""… his campaign" the paper's editor Jo Dee responded.": a comma left out;
                # a name and its cue end the sentence, so they are its reporting clause.
                return Attribution(np, normal_cue(m.group("cue")), "after")
            # “modeling” the missile attack …, "cannot walk down the street" without
            # reporters asking him: the sentence runs on past the quotation.
            return None
        if valid(np) and _starts_after_mark(m.group("np"), np):
            return Attribution(np, normal_cue(m.group("cue")), "after")
        words = m.group("np").split()
        if (
            valid(np)
            and np[:1].isupper()
            and not new_sentence
            and words[-len(np.split()) :] == np.split()
            and 0 < len(words) - len(np.split()) <= 2
            and all(_MODIFIER.fullmatch(w) for w in words[: -len(np.split())])
            and not _runs_on(text, close, tail)  # "as “unhinged” a Trump tweet": runs on
        ):
            return Attribution(np, normal_cue(m.group("cue")), "after")  # "…," a weary Trump said
        if (
            len(words) == 1
            and not new_sentence
            and _surname_word(text, words[0])
            and _CUE_ENDS_CLAUSE.match(tail, m.end("cue"))
        ):
            # "…," From said.: a surname that is also a common word, named so elsewhere.
            return Attribution(words[0], normal_cue(m.group("cue")), "after")
        if words == ["another"] and not new_sentence and m.group("cue").lower() in ANOTHER_CUES:
            return Attribution("another", normal_cue(m.group("cue")), "after")  # "…," another said.
        raw = raw_np(words)
        if (
            not new_sentence
            and raw
            and raw.lower() not in DETERMINERS  # not a bare "a"
            and not _runs_on(text, close, tail)  # "…" had Ann Lee congratulated him
        ):
            return Attribution(raw, normal_cue(m.group("cue")), "after")
    return None


def _runs_on(text: str, close: int, tail: str) -> bool:
    """Whether the sentence runs on past the closing mark: no punctuation on either side."""
    j = close
    while j > 0 and (text[j] in MARKS or text[j] in " \u00a0"):  # "…, ” he said"
        j -= 1
    return text[j] not in ",.?!…—–-:;" and tail[:1] == " " and tail[1:2] not in ",.—–-:;"


_MID_CUE_CLAUSE = re.compile(
    r",\s+(?P<np>he|she|they|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})\s+"
    r"(?P<cue>said|says|added|adds|wrote|writes|explained|noted|argued|recalled)\s*(?:,|$)"
)
# "[“\"«]|(?<!\w)‘" as one class and a look back, so that the search skips to the marks (an
# alternation opening with a class is tried at every position): the same matches.
_OPENING_MARK = re.compile(r"[“\"«‘](?<!\w‘)")
_INVERTED_TAIL = re.compile(rf",\s+(?P<cue>{INVERTED_CUES})\s+")


def _inverted_tail(tail: str) -> Attribution | None:
    """ "“…” about the decision, said Rosa Dean, director of …": an inverted cue after a clause
    that runs on from the quotation, however long the apposition after the name."""
    # An apostrophe in a word ("didn't", "Lee's") is no quotation mark.
    if (m := _INVERTED_TAIL.search(tail)) and not QUOTE_MARK.search(tail, 0, m.start()):
        np = np_after(rest := tail[m.end() :])
        if (not valid(np) or np[:1].islower()) and (named := _DESCRIBED_NAME.match(rest)):
            # "…, said the agency’s director, Ann Lee, on Monday.": the name in apposition.
            np = named.group("name")
        if valid(np) and np.lower() not in SPEAKING_PRONOUNS and np[:1].isupper():
            return Attribution(np, normal_cue(m.group("cue")), "sentence")
    return None


# A description, then a name set off by commas: "the agency’s director, Ann B. Lee, on …".
_DESCRIBED_NAME = re.compile(
    r"(?:the|a|an|his|her|its|their)\s+[^,;:“”\"«»()]{1,60}?,\s+"
    r"(?P<name>(?:[A-Z][\w’'\-]*\.?\s+){1,3}[A-Z][\w’'\-]+)(?=\s*(?:[,.;]|$))"
)


def sentence_tail(text: str, close: int, sent_hi: int) -> Attribution | None:
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
        if not ended and head.endswith(",") and not QUOTE_MARK.search(head):
            found = credit_before(text, close + 1 + nxt.start(), close + 1)
            if found and found.as_named and found.as_named in head:
                return Attribution(found.as_named, found.cue, "sentence")
        # ""You squeezed them" to drive up the price, she said, citing the drive to "sell"":
        # a cue clause closes this quotation's part of the sentence before another opens.
        if not ended and not QUOTE_MARK.search(head) and (m := _MID_CUE_CLAUSE.search(head)):
            return Attribution(m.group("np"), normal_cue(m.group("cue")), "sentence")
    if len(tail) > 300 or not tail.rstrip().endswith("."):
        return None
    if found := _inverted_tail(tail):
        return found
    if text[close - 1 : close] in ".!?" and tail[1:2].isupper():
        return None  # "… is "Football Life." Christie has attended …": a sentence of its own
    found = None
    if ("--" in tail or "—" in tail or "–" in tail) and (dash := ASIDE_DASH.search(tail)):
        # ""…" in the spring, he added -- a move that …": a cue clause that ends at a dash.
        found = _tail_clause(text, close, tail, dash.start())
    found = found or _tail_clause(text, close, tail, len(tail))
    return Attribution(found.as_named, found.cue, "sentence") if found else None


def _tail_clause(text: str, close: int, tail: str, end: int) -> Attribution | None:
    """The cue clause after the last comma of ``tail[:end]`` (``tail`` follows the closing
    mark at ``close``), if it is short and holds no quotation mark."""
    comma = tail.rfind(",", 0, end)
    if comma < 0 or end - comma > 90 or QUOTE_MARK.search(tail, comma, end):
        return None
    return credit_after(text, close + comma, close + 1 + end)


def closing_inverted(text: str, close: int, sent_hi: int) -> Attribution | None:
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
