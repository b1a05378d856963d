"""Quotations with no cue of their own.

The next sentence or paragraph that continues an attributed quotation, a quotation
introduced by the sentence before it, and a paragraph that is nothing but a quotation,
which belongs to the last speaker of the one before unless someone new is named.
"""

from __future__ import annotations

import re

from tracker.attribution.before import (
    credit_before,
)
from tracker.attribution.clauses import (
    CUE_WORD,
    INVERTING,
    cut_apposition,
    last_sentence_start,
    named_in_apposition,
    normal_cue,
    noun_use,
    participle_of_clause,
    sentence_subject,
    strip_aux,
)
from tracker.attribution.phrases import (
    AUX,
    CUE,
    DESCRIPTION_START,
    LINKING_OR_THE,
    NONE,
    REACH,
    Attribution,
    np_after,
    np_before,
    valid,
    without_noise,
)
from tracker.extract import MARKS, Span
from tracker.kinds import QuoteKind

_BACK = 64


# After an inverted cue's speaker: punctuation, or the end of what was read.
_INVERTED_END = re.compile(r"\s*(?:[,.;:!?)—–]|$)")


_FOOTNOTE = re.compile(r"\s*(?:\[\d+\])+\s*$")

# A sentence saying someone put out a statement: "Ann Lee issued a statement Tuesday.",
# "The ministry released a brief written statement after the vote." (its verb at ``v``).
_ISSUED = re.compile(
    r"[^.!?\n]{2,120}?\s(?P<v>issued|released|put\s+out|sent\s+out|e-?mailed)\s+"
    r"(?:a|an|the|her|his|their|its)\s+(?:\w+\s+){0,3}?statement\b[^\n]{0,120}$"
)


# The document a cue credits ("the statement read", "the joint statement said"), and the
# sentence that says who put it out: "The council issued a statement on Monday."
_DOCUMENT = re.compile(
    r"the\s+(?:(?:joint|written|brief|short|official|earlier|emailed)\s+)?"
    r"(?P<noun>statement|press release|release|letter|memo|email|e-mail)",
    re.IGNORECASE,
)
_ISSUED_DOCUMENT = (
    r"\s(?P<v>issued|released|put\s+out|sent(?:\s+out)?|posted|published|wrote|e-?mailed)\s+"
    r"(?:a|an|the|her|his|their|its)\s+(?:[\w\-]+\s+){{0,3}}?{noun}\b"
)


_SUBJECT_TO_VERB = re.compile(r"(?:,[^,.;:]{1,80},)?(?:\s+(?:\w+ly|also|later|then|quickly))?\s*")


def statement_issuer(text: str, open_at: int, found: Attribution) -> Attribution | None:
    """ ""…," the statement read": whoever the sentences just before say put the statement
    out ("Ann Lee released a statement after the vote."), with the statement as the
    way the words came; None where they do not say."""
    named = found.as_named or ""
    if not (m := _DOCUMENT.fullmatch(named)):
        return None
    lo = max(0, open_at - 500)
    found_at = None
    for issued in re.finditer(_ISSUED_DOCUMENT.format(noun=m.group("noun")), text[lo:open_at]):
        found_at = issued
    if found_at is None:
        return None
    v = lo + found_at.start("v")
    slo = lo + last_sentence_start(text[lo:v])
    if _quoted(text, slo, v):
        return None  # a sentence quoting someone is no plain report of a statement
    subject = sentence_subject(text, slo, lo + found_at.end("v"))
    if subject is None or not subject.as_named:
        return None
    # The subject stands right before the verb (an apposition or an adverb between): not
    # "The Cruz campaign sent", read as "The Cruz".
    between = text[slo:v].split(subject.as_named, 1)[-1] if subject.as_named in text[slo:v] else ""
    if not _SUBJECT_TO_VERB.fullmatch(between):
        return None
    return Attribution(subject.as_named, found.cue, found.how, "t" + named[1:])  # ("The …")


def _quoted(text: str, lo: int, hi: int) -> bool:
    """Whether the stretch holds a quotation mark: a sentence quoting someone is no
    plain report of a statement."""
    return any(c in MARKS for c in text[lo:hi])


def lead_in(text, paras, paragraph, spans, out, k) -> Attribution | None:
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
            slo = plo + last_sentence_start(text[plo : end - 1])
            return credit_before(text, end, plo) or sentence_subject(text, slo, end - 1)
        if p == paragraph - 1 and text[end - 1 : end] == "." and spans[k].block is None:
            # "Ann Lee issued a statement after the vote." and then a paragraph that is
            # only a quotation: the statement's words, hers.
            slo = plo + last_sentence_start(text[plo : end - 1])
            if (issued := _ISSUED.match(text, slo, end)) and not _quoted(text, slo, end):
                return sentence_subject(text, slo, issued.end("v"))
        if spans[k].block is not None and p < paragraph - 1:
            for j in range(k - 1, -1, -1):
                if spans[j].paragraph < p:
                    break  # spans come in reading order: none further back is in p
                if spans[j].paragraph == p and spans[j].block is not None and out[j] is not NONE:
                    return Attribution(out[j].as_named, out[j].cue, "inherited", out[j].via)
        return None
    return None


# "\s\s*" is "\s+" opening with a character class: the search skips to spaces.
_PREVIOUS = re.compile(rf"\s\s*{AUX}(?P<cue>{CUE})(?:\s+\w+){{0,6}}\s*\.\s*$")


def _last_words_start(head: str) -> int:
    """Where the last 20 words of ``head`` start (the spaces before them): a _PREVIOUS match
    spans at most 15 (two auxiliaries of three words, a cue of two, six words, a period), so
    the search need not start further back to find the same first match."""
    parts = head.rsplit(None, 20)
    return len(parts[0]) if len(parts) == 21 else 0


def previous_sentence(text: str, lo: int, start: int) -> Attribution | None:
    """ "… Alexei Maslov explains in turn. 'Russian-Chinese relations …'"."""
    head = text[lo:start].rstrip()
    head = head[:-1] if head[-1:] in MARKS else head
    if (
        head.rstrip().endswith(".")
        and (m := _PREVIOUS.search(head, _last_words_start(head)))
        and not noun_use(head, m.start("cue"))  # "The charges were dropped."
    ):
        last = head[last_sentence_start(head[: m.start()]) :].lstrip()
        if last[:1] in MARKS and last[1:2] != " ":  # an opening mark, not `ever. " This`
            # ""…," Obama said at the dinner, where Clinton also spoke. "…"": the sentence
            # is the previous quotation's; its speaker carries on, not the last cue's ...
            joined = head.rfind(", and ", 0, m.start())
            if joined < 0 or any(c in MARKS for c in head[joined : m.start()]):
                return None
            # ... unless a clause of its own names someone new: ""…," Ola said, and her
            # husband cut in. "…"".
            np = np_before(strip_aux(head[joined + 6 : m.start()]))
            return Attribution(np, normal_cue(m.group("cue")), "before") if valid(np) else None
        before, appos = cut_apposition(strip_aux(without_noise(head[: m.start()]).rstrip()))
        np = named_in_apposition(np_before(before), appos)
        if valid(np) and np.lower() not in DESCRIPTION_START:
            return Attribution(np, normal_cue(m.group("cue")), "before")
    return None


def inherit(text, spans, out, k, paras) -> Attribution | None:
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
    near_lo = max(lo, open_at - REACH)
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
    return at >= 0 and set(gap[at + len(found.as_named) :].split()) <= LINKING_OR_THE


# A subordinator right before a cue: "if asked", "when asked", a clause with no subject.
_SUBJECTLESS_CUE = re.compile(r"\b(?:if|when|unless|once|until)\s+$")
_SUBJECTLESS_ENDS = ("if ", "when ", "unless ", "once ", "until ")


def _last_reporter(text: str, lo: int, hi: int) -> Attribution | None:
    """The last person a paragraph reports as speaking ("Ortiz said the plan failed")."""
    for m in reversed(list(CUE_WORD.finditer(text, lo, hi))):
        if noun_use(text, m.start()):
            continue
        head = text[max(lo, m.start() - 200) : m.start()]
        if participle_of_clause(head, m.group(0), len(head)):
            sub = sentence_subject(text, max(lo, m.start() - 400), m.start(), speaking=True)
            return Attribution(sub.as_named, normal_cue(m.group(0)), "inherited") if sub else None
        if head.endswith(_SUBJECTLESS_ENDS) and _SUBJECTLESS_CUE.search(head, len(head) - 8):
            continue  # "… would help if asked.": a cue with no subject of its own; read on
        head, _ = cut_apposition(strip_aux(head.rstrip()))
        np = np_before(head)
        if valid(np):
            return Attribution(np, normal_cue(m.group(0)), "inherited")
        rest = text[m.end() : hi]
        if (
            m.group(0).lower() in INVERTING
            and valid(np := np_after(rest))
            # "said the president "…"", "says we are at "…"": what was said about, not who.
            and _INVERTED_END.match(rest, rest.find(np) + len(np))
        ):
            return Attribution(np, normal_cue(m.group(0)), "inherited")
        if not m.group(0).endswith("ing"):
            return None
        # "Carter said that critics had been predicting …": an -ing form inside what someone
        # reports; the reporting verb before it names the speaker.
    return None


def _only_quote(text: str, span: Span, paras) -> bool:
    _, hi = paras[span.paragraph]
    rest = text[span.close_mark + 1 : hi] if span.close_mark >= 0 else ""
    return len(rest.strip(" .,;\"”’'[]0123456789")) == 0
