"""A speaker named before the opening mark.

"Vladimir Putin said:", "X, an associate professor at Y, said:", "According to X, …:",
"X: “…”", a colon clause, a headline in title case, and a cue earlier in the same
sentence ("Xi said the two countries were “…”", "calling the reports “…”").
"""

from __future__ import annotations

import re

from tracker.attribution.clauses import (
    ANOTHER_CUES,
    APPOSITIVE_NAME,
    ASIDE_DASH,
    CLAUSE_OPENERS,
    CUE_WORD,
    INVERTED_CUES,
    INVERTING,
    QUOTE_MARK,
    clause_subject,
    coordinated_subject,
    cut_apposition,
    last_sentence_start,
    named_in_apposition,
    normal_cue,
    noun_use,
    participle_of_clause,
    sentence_subject,
    strip_aux,
)
from tracker.attribution.lexicon import (
    CUES,
    NOT_NAMES,
    PRONOUNS,
    ROLE_WORDS,
)
from tracker.attribution.phrases import (
    APPOS,
    AUX,
    CUE,
    DEFINITION_WORDS,
    LINKING_OR_THE,
    NAME_NOISE,
    SPEAKING_PRONOUNS,
    WEEKDAY,
    Attribution,
    definition_hint,
    last_tokens_start,
    np_after,
    np_before,
    valid,
    without_noise,
)
from tracker.extract import MARKS

_WORD = r"[A-Za-z][\w’'.\-]*"
_BEFORE_TAIL = re.compile(rf"(?P<cue>{CUE})\b(?P<tail>[^“”\"«».!?]{{0,90}}?)[:,]?\s*$")
_ACCORDING = re.compile(
    r"\b(?P<cue>[Aa]ccording to)\s+(?P<np>[^,:;“”\"]{2,120}?)\s*(?:,[^“”\":]{0,120})?[:,]?\s*$"
)
# ("from" is left out: "More from Ann Lee:", "a statement from the ministry:" name a source.)
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|on|as|in|at|with|by|for|to|about|into)\s+$")
_COLON = re.compile(rf"(?P<np>(?:{_WORD}\s+){{0,4}}{_WORD})\s*:\s*$")
_DEFINITION = re.compile(
    rf"(?P<np>(?:the\s+)?(?:{_WORD}\s+){{0,5}}{_WORD})[’']s?\s+"
    rf"(?P<cue>{'|'.join(DEFINITION_WORDS)})"
    r"(?:\s+(?:follows|below|reads)){0,2}\W*(?:\[\d+\])?\W*$"
)


_WORDS_OF = re.compile(
    rf"\b(?P<cue>words|remarks|statement)\s+of\s+(?P<np>(?:{_WORD}\s+){{0,4}}{_WORD})"
)
# APPOS and the spaces after it, written to open with the class of their first character (a
# space or the apposition's comma), so that a search skips to those instead of trying every
# position: the same matches (a comma there must open an apposition; a space may, or may
# be the first of the spaces before the cue).
_APPOS_SPACES = r"[\s,](?:(?:(?<=,)|(?<=\s)\s*,)\s*(?P<appos>[^;“”\"«»]{3,160}?),\s)?(?<=\s)\s*"
_SENTENCE_CUE = re.compile(
    rf"{_APPOS_SPACES}{AUX}(?P<cue>{CUE})\b(?!\s+(?:by|for|on|off|up|out)\b)"
)
# A plural subject and a participle phrase that describes it, right before the cue.
_PARTICIPLE_MODIFIED = re.compile(
    r"(?:^|[.;]\s+|\n)(?P<np>(?:[A-Z][a-z]+\s+)?(?:[a-z]+\s+)?[a-zA-Z]+s)\s+[a-z]+ing\s+[^,;.“”\"]{2,60}$"
)
_OBJECT_PRONOUNS = frozenset("him them me us".split())


# "Another" alone as a clause's subject: after a sentence's start or a conjunction.
_ANOTHER_SUBJECT = re.compile(r"(?:^|[.!?;]\s+|\n\s*|\b(?:and|but|while)\s+)[Aa]nother$")
# A name and its possessive before a cue used as a noun: "Trump's claim", "Ann Lee's repeated
# promise".
OWNER_BEFORE = re.compile(
    r"(?<![\w’'])(?:(?P<np>(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w\-]*)[’']s?|(?P<pron>his|her))"
    r"\s+(?:[a-z]+\s+)?$"
)
_CONTENT = re.compile(rf"\s+(?:(?:{WEEKDAY}|last \w+|on \w+)\s+)?(?:that|to)\b")
# … or the main clause resumes: "Rubio's claim that Cruz is soft is "simply not true."".
_CLAUSE_BREAK = re.compile(r"[.;:!?“”\"«»]|\s[-–—]+\s|(?<!there )\b(?:is|was|are|were)\b")
_COORDINATED_VERB = re.compile(r"\s(?:but|and)$")
# ", who", " - who" ending the words before a cue, perhaps with an auxiliary or a time
# adverbial between ("Voss, who in the past has described …"); "which" for a body
# ("Amnesty International, which called …").
_WHO_BEFORE = re.compile(
    r"(?:,|\s[-–—]{1,2})\s*(?P<rel>who|which)"
    r"(?:\s+(?:has|have|had|once|previously|also|later|earlier|repeatedly|often|publicly"
    r"|recently|in the past|at the time|last (?:week|month|year)))*$"
)
# A short description set off after a name: "the council leader", "now the Senate leader".
_DESCRIBING = re.compile(
    r"(?:(?:now|then|formerly|currently)\s+)?(?:the|an?)\s+[\w’'.\-]+(?:\s+[\w’'.\-]+){0,5}"
)
_INVERTED_BEFORE_WHO = re.compile(
    rf"[,.!?][”\"’']\s+(?:{INVERTED_CUES})\s+(?P<np>[^,;:“”\"«»()]{{2,80}})$"
)


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


def credit_before(text: str, start: int, lo: int) -> Attribution | None:
    head = text[lo:start].rstrip()
    head = head[:-1] if head[-1:] in MARKS else head
    if head.endswith(("quote,", "quote:", "quote")) and (
        m := _I_QUOTE.search(head, max(0, len(head) - 20))
    ):
        return credit_before(text, lo + m.start(), lo)  # the cue before "and I quote" credits
    if head.endswith(":") and (m := _DASH_LABEL.search(head)) and valid(m.group("np")):
        return Attribution(m.group("np"), ":", "before")
    # "As Akhil Amar, a law professor, put it, "…"": the idiom credits its subject.
    if "put it" in head[-40:] and (m := _PUT_IT.search(masked := _mask_titles(head))):
        np_text = without_noise(m.group("np")).rstrip()
        if masked is not head and ", " in np_text and not np_text.endswith(","):
            np_text += ","  # (the apposition's closing comma was inside the title)
        before, appos = cut_apposition(np_text)
        np = named_in_apposition(np_before(before), appos)
        if valid(np):
            return Attribution(np, "put it", "before")
    # "The move, by his own admission, was "…"", "in Lee's words, "…"": the owner's.
    if ("words" in head[-70:] or "admission" in head[-70:] or "account" in head[-70:]) and (
        m := _IN_OWN_WORDS.search(head, max(0, len(head) - 90))
    ):
        np = m.group("pron") or m.group("name")
        if np in ("his", "her", "their") or valid(np):
            return Attribution(np, m.group("cue"), "before")
    # "Peskov was quoted by RIA as saying: "…"": the subject speaks, the agency relays.
    if "quoted" in head[-120:] and (m := _PASSIVE_QUOTED.search(head, max(0, len(head) - 160))):
        np = np_before(without_noise(head[: m.start()]).rstrip())
        if valid(np):
            via = m.group("via")
            return Attribution(np, "quoted", "before", via.strip() if via else None)
    # "Said Dorothy Poynter, who grew up with him, "…"": a sentence opening on the cue.
    said_first = _SAID_FIRST.search(head) if _SAID_FIRST_HINT.search(head) else None
    if said_first and valid(np := np_after(said_first.group("np"))):
        return Attribution(np, normal_cue(said_first.group("cue")), "before")
    if "ccording to" in head and (m := _ACCORDING.search(head)):
        np = m.group("np")
        if valid(np) and len(np.split()) <= 12:
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
    for cue in reversed(list(CUE_WORD.finditer(head, max(0, len(head) - 400)))):
        if noun_use(head, cue.start()):
            # "Trump's claim that there have been "…"": the claim is its owner's.
            owner = OWNER_BEFORE.search(head, max(0, cue.start() - 60), cue.start())
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
                if owner.group("pron") or valid(np) and np.split()[-1].lower() not in NOT_NAMES:
                    return Attribution(np, normal_cue(cue.group(0)), "before")
            continue
        if not (m := _BEFORE_TAIL.match(head, cue.start())):
            continue
        if cue.group(0) == "asked" and _WHEN_BEFORE.search(
            head, max(0, cue.start() - 8), cue.start()
        ):
            # "Ortiz, who told the panel when asked about it: "…"": the passive "when
            # asked" introduces no one; the cue before it does.
            continue
        if participle_of_clause(head, cue.group(0), cue.start()):
            # "…, Nefzi said, adding, "…"": the reporting clause just before names the speaker.
            # (Not "shrugged off Kirk's comments, telling …": a cue word used as a noun names
            # what the clause's subject answered, and its owner is not the speaker.)
            rep = _REPORTER_BEFORE_PARTICIPLE.search(head, 0, cue.start())
            if rep and not noun_use(head, rep.start("cue")):
                np = np_before(strip_aux(without_noise(head[: rep.start()]).rstrip()))
                if valid(np):
                    return Attribution(np, normal_cue(m.group("cue")), "before")
            # "X slammed the deal, saying "…"": the clause's subject, not "the deal".
            if sub := sentence_subject(
                text, lo, lo + cue.start(), speaking=True
            ) or coordinated_subject(text, head, cue.start()):
                return Attribution(sub.as_named, normal_cue(m.group("cue")), "before")
            if interrupted := _interrupted_subject(head, cue.start()):
                return Attribution(interrupted, normal_cue(m.group("cue")), "before")
            break
        if head[: cue.start()].endswith(" to ") and (
            caused := _CAUSED_TO.search(head, max(0, cue.start() - 160), cue.start())
        ):
            # "The vote prompted the Harbor Institute, which tracks elections, to state":
            # the one prompted speaks, not what prompted them.
            before, _ = cut_apposition(caused.group("np").rstrip())
            if rel := _RELATIVE_OPEN.search(before):
                before = before[: rel.start()]
            if valid(np := np_before(before)):
                return Attribution(np, normal_cue(m.group("cue")), "before")
        raw = strip_aux(without_noise(head[: cue.start()]).rstrip())
        masked = _mask_titles(raw)
        if masked is not raw and masked.endswith("x"):
            # "Ann Lee, star of "Scandal," thanked": the apposition's comma was the title's.
            masked += ","
        before, appos_text = cut_apposition(masked)
        if masked is not raw and "xxx" in before:
            before, appos_text = cut_apposition(raw)  # the title was no apposition's
        if (
            # "A spokesman for the firm declined to comment but said that "…"": the
            # subject of the clause the cue is coordinated with.
            _COORDINATED_VERB.search(before, max(0, len(before) - 6))
            and (sub := sentence_subject(text, lo, lo + cue.start(), speaking=True))
            and sub.as_named
        ):
            return Attribution(sub.as_named, normal_cue(m.group("cue")), "before")
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
            return Attribution(familiar.group("np"), normal_cue(m.group("cue")), "before")
        closed = head[: cue.start()].rstrip().endswith(",")
        if closed and (rel := _RELATIVE_OPEN.search(before)):
            # "Ann Lee, whose latest firm, Dataco, helps brands, said": the relative clause
            # holds commas of its own; the speaker stands before it.
            before, appos_text = before[: rel.start()], None
        np = named_in_apposition(np_before(before), appos_text)
        if (
            not valid(np)
            and " who " in before
            and (rel := _RESTRICTIVE_WHO.search(before))
            and valid(antecedent := np_before(before[: rel.start()]))
            and before[: rel.start()].endswith(antecedent)
            and not _CUT_BEFORE.search(before, 0, rel.start() - len(antecedent))
        ):
            # "an official who spoke on condition of anonymity said": the relative's
            # antecedent, where no comma sets the clause off.
            np = antecedent
        if (
            not valid(np)
            and before.endswith("nother")
            and m.group("cue").lower() in ANOTHER_CUES
            and _ANOTHER_SUBJECT.search(before)
        ):
            # "One voter praised her. Another tweeted, "…"": one more of those just
            # described; the description is all the text names.
            return Attribution(before[-7:], normal_cue(m.group("cue")), "before")
        if not valid(np) and (modified := _PARTICIPLE_MODIFIED.search(before)):
            np = modified.group("np")  # "Protesters marching through the streets chanted"
        if appos_text and np == appos_text.strip(" ,") and ", " in before:
            # "Gia Vian, the editor of the Vatican's paper, L'Osservatore, said": the
            # second apposition names the paper; the person stands before the first.
            outer, _ = cut_apposition(before + ",")
            first = np_before(outer)
            # (Not "Russia, a country that the last nominee, Ann Lee, called": a relative
            # clause, whose subject is named in the apposition.)
            inner = before[len(outer) :].split()
            if (
                outer != before + ","
                and valid(first)
                and first[:1].isupper()
                and "that" not in inner
                and "which" not in inner
                and "whom" not in inner
            ):
                np = first
        if valid(np) and (" and " in before or ", " in before):
            np = _person_before(before, np)
        if valid(np):
            return _reported_by_main(
                text, lo, head, Attribution(np, normal_cue(m.group("cue")), "before")
            )
        # Inverted: "But, said Solovey, "…"".
        # Only a phrase that fills the words up to the comma: not "said it was "…"", and
        # not a phrase that runs into the quotation: in "said the president "offered …""
        # the president is what was said about.
        tail = m.group("tail").strip().rstrip(",:").strip()
        if (
            cue.group(0).lower() in INVERTING
            and head.rstrip()[-1:] in ",:"
            and valid(np := np_after(tail))
            and tail.endswith(np.split()[-1])
        ):
            return Attribution(np, normal_cue(m.group("cue")), "before")
        # "… from Mike Lee, who declared in the spin room, "…"": the relative's antecedent.
        if m2 := _WHO_BEFORE.search(before):
            np = np_before(antecedent := before[: m2.start()])
            if (
                (not np or np[:1].islower())
                and (cut := cut_apposition(antecedent + ","))[1]
                and _DESCRIBING.fullmatch(appos := cut[1].strip(" ,"))
                and (not np or appos.endswith(np))
                and valid(named := np_before(cut[0]))
                and named
                and named[:1].isupper()
                and cut[0].endswith(named)
            ):
                # "… met Nell Ross, the council leader, who said": the description is hers;
                # the name just before it is the antecedent.
                np = named
            if (
                valid(np)
                and np.lower() not in SPEAKING_PRONOUNS
                # "which" stands for a body by name ("Amnesty International, which"),
                # not for a thing ("the plan, which called for …").
                and (m2.group("rel") == "who" or _named_body(np))
            ):
                return Attribution(np, normal_cue(m.group("cue")), "before")
            # ""…," said one Democrat at the meeting, who added that …": the antecedent is
            # the inverted speaker, read after the cue that ends the earlier quotation.
            if inverted := _INVERTED_BEFORE_WHO.search(before, 0, m2.start()):
                np = np_after(inverted.group("np"))
                if valid(np) and np.lower() not in SPEAKING_PRONOUNS:
                    return Attribution(np, normal_cue(m.group("cue")), "before")
        break
    # The two patterns below backtrack heavily; cheap string tests rule most heads out.
    if definition_hint(head) and (m := _DEFINITION.search(head)):
        np = np_before(m.group("np"))
        if valid(np):
            return Attribution(np, m.group("cue"), "before")
    # "Rep. Trey Gowdy (R-S.C.): "…"": a transcript-style label, party bracket and all.
    if head.rstrip().endswith(":") and (
        m := _COLON.search(clean := without_noise(head), last_tokens_start(clean, 6))
    ):
        np = np_before(m.group("np"))
        # "… in the spirit of Silicon Valley: "…"", "… on Twitter:": the object of a
        # preposition ends a clause whose subject spoke; so does "told him:".
        at = clean.rfind(np) if np else -1
        line = clean[clean.rfind("\n") + 1 :]
        after_preposition = (
            at > 0
            # "Former secretary of state Ann Lee:" labels a line; "Lee wrote of Ms. Roe:"
            # does not, however short.
            and (len(line.split()) > 8 or CUE_WORD.search(clean, 0, at))
            and _PREPOSITION_BEFORE.search(clean, max(0, at - 12), at)
        )
        if valid(np) and np.lower() not in _OBJECT_PRONOUNS and not after_preposition:
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
    rf"\s+{AUX}(?P<cue>{CUE}|{_COLON_VERBS})\b"
    # what follows the verb: a short object, no clause break nor other quotation
    r"(?P<rest>[^.;!?“”\"«»():]{0,70}):$"
)
# Subjects that are no speaker: "It reads:", "Here is what he said:", "Wait, it gets better:".
_NOT_COLON_SUBJECTS = frozenset(
    "it this that these those there here what which who and or nor".split()
)


def colon_clause(text: str, sent_lo: int, open_at: int) -> Attribution | None:
    """The subject of a sentence that introduces the quotation with a colon, where no rule
    before found a speaker (they read the sentence better: "Asked why, Lee replied:")."""
    head = text[sent_lo:open_at].rstrip()
    head = head[:-1] if head[-1:] in MARKS else head
    if not head.endswith(":"):
        return None
    start = last_sentence_start(head)
    if not (m := _COLON_CLAUSE.fullmatch(head, start)) or noun_use(head, m.start("cue")):
        return None  # "Lee delivered a snappy retort:": no verb but "delivered"
    rest = m.group("rest")
    if any(w.group(0).endswith("ing") for w in CUE_WORD.finditer(rest)):
        return None  # "The ad ends with a voice saying:": the voice's words
    if m.group("cue") in ("is", "was", "are", "were") and " by " in rest:
        return None  # "The point is made by this finding:": a passive's subject says nothing
    np = m.group("np")
    first = np.split(None, 1)[0].lower()
    if (
        first in _NOT_COLON_SUBJECTS
        or first in CLAUSE_OPENERS
        or first.endswith(("ed", "ing"))
        # a comma only between adjectives after an article, not after an opening phrase
        or "," in np
        and first not in ("the", "a", "an")
        or not valid(np)
    ):
        return None
    return Attribution(np, normal_cue(m.group("cue")), "before")


def _interrupted_subject(head: str, at: int) -> str | None:
    """ "Ann Lee, citing "…," said …": a participle right after the sentence's subject and
    its comma interrupts the clause it hangs on; nothing but the subject comes before."""
    opener = head[:at].rstrip()
    if not opener.endswith(","):
        return None
    opener = opener[last_sentence_start(opener) :].strip()[:-1]
    np = np_before(opener)
    return np if valid(np) and np == opener and np.lower() not in SPEAKING_PRONOUNS else None


# Role nouns that open an apposition: "Ann Lee, director general of Acme, a toolmaker, said".
_ROLE_HEADS = frozenset(ROLE_WORDS - LINKING_OR_THE - {"same", "then"}) | frozenset(
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
            full = np_before(rest[: owner.end("np")])
            return full if valid(full) else np
        return np
    if rest.endswith(", ") and " of " in np:
        comma, role = len(rest) - 2, np.split()  # the role phrase taken whole
    elif rest.endswith((" of ", " of the ")) and (comma := rest.rfind(", ")) >= 0:
        role = rest[comma + 2 :].split()
    else:
        return np
    if role and role[0].lower() in _ROLE_HEADS:
        person = np_before(rest[:comma])
        if valid(person) and person[:1].isupper() and person.split()[-1].lower() not in ROLE_WORDS:
            return person
    return np


_MAIN_CUE = re.compile(rf"{APPOS}\s+{AUX}(?P<cue>{CUE})\b")


def _main_reporter(text: str, lo: int, head: str) -> tuple[Attribution, int] | None:
    """The sentence's own speaker when it opens "X said …", and where that cue ends."""
    sub = sentence_subject(text, lo, lo + len(head))
    if sub is None or sub.as_named is None:
        return None
    pos = head.find(sub.as_named)
    if pos < 0:
        return None
    pos += len(sub.as_named)
    if noise := NAME_NOISE.match(head, pos):  # "Rep. Ann Lee (D-N.Y.) said"
        pos = noise.end()
    m = _MAIN_CUE.match(head, pos)
    if not m or m.group("cue").endswith("ing") or noun_use(head, m.start("cue")):
        return None
    return Attribution(sub.as_named, normal_cue(m.group("cue")), "before"), m.end()


_RELATIVE_OPEN = re.compile(r",\s+(?:who|whose|which)\s[^“”\"«».;:!?]*$")
_IN_OWN_WORDS = re.compile(
    r"\b(?:[Ii]n|[Bb]y)\s+(?:(?P<pron>his|her|their)|(?P<name>(?:[A-Z][\w.\-]*\s+){0,2}"
    r"[A-Z][\w\-]*)[’']s?)\s+(?:own\s+)?(?P<cue>words|admission|account)\s*,?"
    r"(?:\s+(?:was|is|were|are|has been|had been))?\s*[,:]?$"
)
# A verb that makes someone else speak, and whom: "prompted the institute to state",
# "leading advisers like Ann Lee to counter". (Not "urged voters to say": their words
# are the urger's.)
_CAUSED_TO = re.compile(
    r"\b(?:prompt(?:s|ed|ing)?|le(?:d|ads?|ading)|caus(?:e|es|ed|ing)|forc(?:e|es|ed|ing)|"
    r"spur(?:s|red|ring)?|inspir(?:e|es|ed|ing))\s+(?P<np>[^“”\"«».;:!?]{2,140}?)\s+to\s+$"
)
_WHEN_BEFORE = re.compile(r"\b(?:[Ww]hen|[Ii]f|[Aa]fter|[Oo]nce)\s+$")


def _named_body(np: str) -> bool:
    """A body named with capitals past its first word ("the Justice Department",
    "Amnesty International"), not a thing described ("The plan")."""
    words = np.split()
    return any(w[:1].isupper() for w in words[1:]) or len(words) == 1 and np[:1].isupper()


# What may not stand right before that antecedent: a word it would belong to ("Another
# Muslim who …": the phrase read was cut) or the digits of a number ("108,000 residents").
_CUT_BEFORE = re.compile(r"(?:\b(?:Another|One|Some|Many|Most)|\d,?)\s*$")
_RESTRICTIVE_WHO = re.compile(r"(?<=[a-z])\s+who\s+[a-z][^,“”\"«».;:!?()]{2,100}$")
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
    if found.as_named.lower() in ("they", "it") and (group := group_subject(text, lo, head)):
        # "Lee's campaign is seeking to contrast her plan with what they call "…"", "The
        # council pledged sanctions against what it called "…"": the group the sentence
        # opens with.
        return Attribution(group, found.cue, found.how, found.via)
    if found.as_named.lower() == "it" and (main := _main_reporter(text, lo, head)):
        # "President Obama … said it would tell a story of "…"": "it" is what he spoke of.
        return main[0]
    if found.as_named.lower() in SPEAKING_PRONOUNS:
        return found  # "DeSantis said …, which he called "…"": he is the reporter anyway
    at = head.rfind(found.as_named)
    if at <= 0 or not CUE_WORD.search(head, 0, at):
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
    if at < cue_end or QUOTE_MARK.search(head, cue_end, at):
        return found  # before the reporter's cue, or inside a quotation of its own
    if len(ASIDE_DASH.findall(head, cue_end, at)) % 2:
        # "X called on Y to act -- meddling the congressman said is "…"": an open aside
        return found
    end = at + len(found.as_named)
    if (
        any(w in head[cue_end:end] for w in _ADVERBIAL)
        and (adverbial := _ADVERBIAL_SUBJECT.search(head, cue_end, end))
        and not _REPORTED_OPENING.fullmatch(head, cue_end, adverbial.start() + 1)
        and not head.rstrip().endswith((",", ":"))
    ):
        # "Lee weighed in hours after Roe said he was "…"": an adverbial clause of the main
        # clause's, not part of what it reports, frames the words with a speaker and a cue
        # of their own. ("Lee said that, because Roe testified it was "…"" reports Roe: the
        # clause opens what Lee said. "Lee said that when Roe railed against it, "…"": the
        # clause closed before the words.)
        return found
    return reporter


# A subordinator opening an adverbial clause, then its subject (the speaker phrase) at the
# end. Not "if" or "unless": "Lee said if Roe called it "…"" supposes, and reports no one.
# What opens a reported clause right after its cue: "said that, because …".
_REPORTED_OPENING = re.compile(r"\s*(?:that\s*)?,?\s*")
_ADVERBIAL = tuple("after before when while since because once until though".split())
_ADVERBIAL_SUBJECT = re.compile(
    r"[\s,](?:after|before|when|while|since|because|once|until|although|though)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w’'.\-]+\s+){0,3}[\w’'.\-]+$"
)


# A relative clause opening right before a speaker phrase: ", which an audit by …".
_RELATIVE_SPEAKER = re.compile(r",\s+(?:which|whom)\s+[^,;:“”\"«»]*$")
# A participle cue hanging on its clause, opening a content clause: "…, saying that", "- and
# arguing that".
_PARTICIPLE_THAT = re.compile(rf"(?:,|\band)\s+(?P<cue>{CUE})\s+that\s")


def _participle_reporter(text: str, lo: int, head: str, at: int) -> tuple[Attribution, int] | None:
    """ "Rubio pushed back, saying … - and arguing that he and Cruz shared "…"": the subject
    of the clause a participle cue hangs on reports what its "that" clause holds (before
    ``head[at]``), as a main clause's "X said" does."""
    last = None
    for found in _PARTICIPLE_THAT.finditer(head, 0, at):
        last = found
    if last is None or not last.group("cue").endswith("ing"):
        return None
    sub = sentence_subject(text, lo, lo + last.start("cue"), speaking=True)
    if sub is None or not sub.as_named:
        return None
    return Attribution(sub.as_named, normal_cue(last.group("cue")), "before"), last.end()


# The head nouns of groups and documents a "they" may stand for.
_GROUP_HEADS = frozenset(
    """campaign committee group council party government administration team company
    statement report board panel agency department ministry organization organisation
    coalition union association lawmakers officials members leaders senators republicans
    democrats authors researchers experts analysts critics supporters aides advisers""".split()
)


def group_subject(text: str, lo: int, head: str) -> str | None:
    """The sentence's subject when it names a group or a document, for a "they" in it."""
    sub = sentence_subject(text, lo, lo + len(head))
    np = sub.as_named if sub else None
    if not np or np.lower() in SPEAKING_PRONOUNS:
        return None
    return np if np.split()[-1].lower() in _GROUP_HEADS else None


# Words opening a clause, not an apposition, between commas before a cue.
_CLAUSE_NOT_APPOSITION = frozenset(
    "as while when after before because since though although if once until and but".split()
)


def in_sentence(text: str, sent_lo: int, start: int) -> Attribution | None:
    head = text[sent_lo:start]
    best = None
    # The pattern below backtracks over every apposition; without a cue word it cannot match.
    for m in _SENTENCE_CUE.finditer(head) if CUE_WORD.search(head) else ():
        if _inside_quote(head, m.start()) or noun_use(head, m.start("cue")):
            continue
        appos = m.group("appos")
        if appos and appos.split(None, 1)[0] in _CLAUSE_NOT_APPOSITION:
            # "… in the Party, as Roe echoed it, saying "…"": what the pattern read as an
            # apposition is a clause, whose subject the participle hangs on.
            if m.group("cue").endswith("ing") and (
                sub := clause_subject(text, appos.split(None, 1)[-1])
            ):
                best = Attribution(sub.as_named, normal_cue(m.group("cue")), "sentence")
            continue
        # After an "apposition", a participle still hangs on the clause: "Facing criticism
        # from Republicans, Lee released a statement, insisting …" is Lee's. (Not after a
        # relative clause, "chatter about Lee, who is animated, saying …", nor after a name,
        # "A Chinese commentator, Kong Jun, writing …": the phrase before the cue speaks.)
        clausal = (
            appos
            and m.group("cue").endswith("ing")
            and not appos.startswith("wh")
            and not APPOSITIVE_NAME.fullmatch(appos.strip())
        )
        if participle_of_clause(head, m.group("cue"), m.start("cue") if clausal else m.start()):
            if sub := sentence_subject(
                text, sent_lo, sent_lo + m.start("cue"), speaking=True
            ) or coordinated_subject(text, head, m.start("cue")):
                best = Attribution(sub.as_named, normal_cue(m.group("cue")), "sentence")
            continue
        np = named_in_apposition(np_before(head[: m.start()]), m.group("appos"))
        if valid(np):
            best = Attribution(np, normal_cue(m.group("cue")), "sentence")
    if (
        best is None
        and ("words" in head or "remarks" in head or "statement" in head)
        and (words := _WORDS_OF.search(head))
        and valid(np := np_after(words.group("np")))
    ):
        best = Attribution(np, words.group("cue"), "sentence")
    return _reported_by_main(text, sent_lo, head, best) if best else None


_PARTICIPLE_AFTER = re.compile(r"(?:,|\band|\bwhile|\bbefore|\bafter|\bby|\bthen)\s*$")


# ("\s\s*" is "\s+" opening with a class: the search skips to spaces.)
_REPORTER_BEFORE_PARTICIPLE = re.compile(rf"\s\s*{AUX}(?P<cue>{CUE})\s*,\s*(?:and\s+)?$")


def _inside_quote(head: str, pos: int) -> bool:
    before = head[:pos]  # (sliced once, not once per mark)
    return before.count("“") + before.count('"') > before.count("”")


_TITLE_CUES = {c.capitalize(): c for c in CUES if " " not in c}
_TITLE_CUE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_TITLE_CUES, key=len, reverse=True)) + r")\b"
)


def headline_credit(text: str, lo: int, hi: int, open_at: int) -> Attribution | None:
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
    if not np or len(np.split()) > 3 or not valid(np) or any(c in MARKS for c in np):
        return None
    return Attribution(np, _TITLE_CUES[cue.group(0)], "headline")


_TITLE_WORDS = re.compile(r"[^\W\d_][\w'’]*")
