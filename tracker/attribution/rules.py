"""Who said it and how it was introduced: speaker phrases and cue words.

For each quotation we look, in order, for
1. a cue right after the closing mark: "…,” said Ushakov / “…,” Chen said (``after``);
2. a cue ending the text just before the opening mark: "Vladimir Putin said:",
   "X, an associate professor at Y, said:", "According to X, …:", "X: “…”" (``before``);
3. a cue earlier in the same sentence: "Xi said the two countries were “…”" (``before``);
4. the speaker of the quotation it continues (pieces of one block), the
   previous attributed quotation in the same paragraph, or — for a paragraph
   that is nothing but a quotation — the last one of the previous paragraph
   (``continuation``).
Whatever a rule finds gets a second look (``checks``) before it is kept.

The result is the phrase as the outlet wrote it ("Chinese Foreign Ministry
spokesman Wang Wenbin", "he", "the expert"); ``tracker.attribution.speakers`` turns it
into a person or organisation.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.attribution.after import (
    TRANSCRIPT_LABEL,
    closing_inverted,
    credit_after,
    dash_credit,
    inside_last_credit,
    naming_before,
    sentence_tail,
    what_named,
)
from tracker.attribution.before import (
    colon_clause,
    credit_before,
    group_subject,
    headline_credit,
    in_sentence,
)
from tracker.attribution.checks import (
    ASKED_HOWS,
    CROWD_HINT,
    JOINED_HOWS,
    LEADING_SUBORDINATORS,
    NAMING_ENDINGS,
    NAMING_HOWS,
    QUOTES_JOINED,
    SENTENCE_BREAK,
    SHARE_OPENS,
    SHARED_REACH,
    according_after,
    asked_question,
    crowd_speaker,
    passive_asker,
    passive_naming,
    plausible,
    poll_before,
    possessive_owner,
    quoted_as,
    side_by_side,
    subordinate_speaker,
)
from tracker.attribution.clauses import (
    sentence_subject,
)
from tracker.attribution.continuation import (
    inherit,
    lead_in,
    previous_sentence,
    statement_issuer,
)
from tracker.attribution.phrases import (
    NONE,
    REACH,
    Attribution,
)
from tracker.extract import Span
from tracker.kinds import QuoteKind
from tracker.text import paragraphs, sentence_bounds


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
        if label := TRANSCRIPT_LABEL.match(text, span.start):
            # A transcript line, ""WALLACE: But, Governor, …": the label names the speaker.
            found = Attribution(label.group("np").title(), ":", "label")
        elif span.parent is not None and out[span.parent].how == "label":
            # Words quoted inside a transcript line are part of what its speaker said.
            found = Attribution(out[span.parent].as_named, None, "nested")
        elif span.close_mark >= 0:
            found = (
                dash_credit(text, lo, span.close_mark, hi)
                or naming_before(text, max(lo, open_at - 60), open_at)
                # (a cheap test first, which spares most quotations the call)
                or text.find("hat ", max(lo, open_at - 100), open_at) >= 0
                and what_named(text, max(lo, open_at - 100), open_at)
                or credit_after(text, span.close_mark, hi)
                or possessive_owner(text, max(lo, open_at - 60), open_at, span.close_mark, hi)
            )
        # Every search reads a bounded stretch before the quotation, so a paragraph of any
        # length costs the same per quotation (linear in the text, whatever its shape).
        sent_lo = max(sentences[k][0], open_at - REACH)
        if k and (prev := spans[k - 1]).open_mark < sent_lo < prev.close_mark:
            # ""… Senate. I think …," Lee said, adding that "…"": the sentence opens inside
            # the earlier quotation, whose words are no clause of ours: read from its mark.
            sent_lo = prev.open_mark
        if (
            found is not None
            and (found.as_named or "").lower() in ("it", "they")
            # "The council … pledged sanctions against what it called "…"": the group.
            and (group := group_subject(text, sent_lo, text[sent_lo:open_at]))
        ):
            found = Attribution(group, found.cue, found.how, found.via)
        if (
            found is not None
            and found.how == "after"
            and text[sent_lo : sent_lo + 12].lstrip().startswith(LEADING_SUBORDINATORS)
            and (sub := subordinate_speaker(text[sent_lo:open_at]))
        ):
            # "When someone in the crowd shouted, "…," Beck joked": the quotation belongs to
            # the leading clause that introduces it, not to the main clause after it.
            found = sub
        if (
            found is not None
            and found.how == "after"
            and "asked" in text[max(sent_lo, open_at - 120) : open_at]
            and asked_question(text, span, max(sent_lo, open_at - 120), open_at)
        ):
            # "A reporter asked Lee, "Will it open?" Lee replied, "…"", "Lee was asked, "…?"
            # She answered, "…"": the question is its asker's (or, asked in the passive, no
            # one's the text names); the cue after it introduces the answer.
            found = credit_before(text, open_at, sent_lo) or NONE
        near_lo = max(lo, open_at - REACH)
        # Text between the last quote that closed before us and our opening mark.
        if found is None and span.block is None or found is None and span.block not in block_first:
            head_lo = sent_lo
            if open_at - lo < 3 and span.paragraph > 0:
                found = lead_in(text, paras, span.paragraph, spans, out, k)
            found = (
                found
                # "The rejection signals "…" for the union, said Ann Lee.": the sentence's
                # closing "said X" outranks a verb before the quotation.
                or span.block is None
                and closing_inverted(text, span.close_mark, sentences[k][1])
                or credit_before(text, open_at, head_lo)
                or span.block is None
                and sentence_tail(text, span.close_mark, sentences[k][1])
                or previous_sentence(text, near_lo, open_at)
            )
        if found is None and span.block is None:
            found = (
                headline_credit(text, lo, hi, open_at)
                or in_sentence(text, sent_lo, open_at)
                or sentence_subject(text, sent_lo, open_at)
                or colon_clause(text, sent_lo, open_at)
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
            found = inherit(text, spans, out, k, paras)
            if found is not None and inside_last_credit(text, spans, out, k):
                found = NONE  # ""…," Lee, wearing a "Lee for Mayor" pin, said": the pin's
        if (
            found is not None
            and found.how in ("before", "sentence", "subject")
            and found.as_named
            and SHARE_OPENS.match(found.as_named)
            and (poll := poll_before(text, sent_lo, open_at, found.as_named))
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
                quoted_as(text, close, sent_hi, found)
                if found.how == "after"
                else quoted_as(text, sent_lo, open_at, found)
            )
        if (
            found is not None
            and found.how in ("after", "sentence", "before")
            and found.cue != "according to"
            and found.via is None
        ):
            via = according_after(text, max(span.end, span.close_mark), sentences[k][1])
            found = Attribution(found.as_named, found.cue, found.how, via) if via else found
        if (
            found is not None
            # (cheap tests first, which spare most quotations the search: a speaker read
            # from the clause's subject or an earlier quotation, as such names are; the two
            # letters before the space before the mark)
            and found.how in NAMING_HOWS
            and found.as_named is not None
            and (ending := text[open_at - 3 : open_at - 1]) in NAMING_ENDINGS
            and passive_naming(text, max(lo, open_at - 70), open_at, ending)
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
            and found.how in ASKED_HOWS
            and (asker := passive_asker(text, max(sent_lo, open_at - 250), open_at)) is not None
        ):
            found = Attribution(asker or None, "asked", found.how)
        if (
            crowd_doc
            and (found is None or found.how != "label")
            and CROWD_HINT.search(text, max(0, open_at - 110), open_at)
        ):
            found = crowd_speaker(text, sent_lo, open_at, sentences[k][1], found or NONE)
        if found is not None and found.as_named and found.as_named[:4].lower() == "the ":
            # ""…," the statement read": its issuer, where the text just said who that is.
            found = statement_issuer(text, open_at, found) or found
        out.append(plausible(found) if found is not None else NONE)
    # ""the ultimate crisis" and "stunts growth," Dean said": a quotation joined by "and"
    # or "or" to the next one shares the speaker named right after that one.
    for k in range(len(spans) - 2, -1, -1):
        a, b = spans[k], spans[k + 1]
        if (
            out[k] is NONE
            and out[k + 1].how == "after"
            and side_by_side(a, b)
            and (
                QUOTES_JOINED.fullmatch(text, a.close_mark + 1, b.open_mark)
                # "The program was a "good thing" that yielded "good information," he
                # remarked": a short quotation earlier in the sentence the cue closes
                # (a scare quote or a phrase), not across a bracket or after a quotation
                # that ends a sentence of its own (""Go." Then "stay," Lee said").
                or a.kind in (QuoteKind.SCARE, QuoteKind.PHRASE)
                and b.open_mark - a.close_mark < SHARED_REACH
                and not SENTENCE_BREAK.search(text, a.close_mark + 1, b.open_mark)
                and "(" not in text[a.close_mark + 1 : b.open_mark]
                and not (
                    text[a.close_mark - 1 : a.close_mark] in (".", "!", "?")
                    and text[a.close_mark + 1 : b.open_mark].lstrip()[:1].isupper()
                )
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
            and out[k - 1].how in JOINED_HOWS
            and side_by_side(a, b)
            and QUOTES_JOINED.fullmatch(text, a.close_mark + 1, b.open_mark)
        ):
            out[k] = out[k - 1]
    return out
