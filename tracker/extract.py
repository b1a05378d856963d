"""Finding quotations: where each one starts and ends, and what kind it is.

A single pass over each paragraph classifies every quote-mark character as an
opener, a closer or an apostrophe from its neighbours (like Markdown's
"flanking" rules), then pairs openers and closers on a stack, so that:

- straight and curly marks mix freely (opened “ and closed ");
- single quotes nest inside double ones and the other way round;
- apostrophes (Russia's, Xi’s) never open or close anything, and a closing
  single mark only closes when a single quote is the innermost one open
  (so "the US’ economic" inside a double quote stays an apostrophe);
- a quotation left open at the end of a paragraph continues when the next
  paragraph opens with a quote mark (the newspaper convention), and becomes
  one ``block`` piece per paragraph;
- guillemets (« », » «) and low-high quotes („ “, ‚ ‘) pair like the others.

Attribution (who said it) is left to ``tracker.attribution``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.kinds import QuoteKind
from tracker.text import paragraphs

DOUBLE = '"“”„‟«»'
SINGLE = "'‘’‚‛‹›"
MARKS = DOUBLE + SINGLE
_OPEN_ONLY = "„‚"
# Characters after which a mark opens, and before which it closes.
_BEFORE_OPEN = "([{—–-/:;" + MARKS
_AFTER_CLOSE = ".,;:!?)]}—–-/…" + MARKS
_MARK = re.compile("'{2,3}|[" + re.escape(MARKS) + "]")


@dataclass
class Span:
    """One quotation (or one paragraph of a multi-paragraph one) in a text."""

    start: int  # offsets of the words between the marks
    end: int
    kind: QuoteKind
    paragraph: int  # index into paragraphs(text)
    parent: int | None = None  # index of the enclosing Span
    block: int | None = None  # shared by the pieces of one multi-paragraph quotation
    open_mark: int = -1  # offset of the opening mark (-1 for a continued block piece)
    # Offset of the closing mark's last character (-1 when the paragraph ends first):
    # two apostrophes make one mark.
    close_mark: int = -1


@dataclass
class _Open:
    mark: int  # position of the mark
    double: bool
    start: int  # content start
    block: int | None = None


# Quotations nested deeper than this are not followed: real text nests two or three deep,
# and a text of unclosed marks would otherwise cost time in the square of its length.
MAX_DEPTH = 16
_WORDY = re.compile(r"[^\W_]")
_GUILLEMETS = "«»‹›"
_GUILLEMET_SPACE = " \u00a0\u202f\u2009"
# Words that an apostrophe opens by eliding their first letters.
_ELISION = re.compile(r"(?:em|til|cause|bout|round|tis|twas|nuff|n|\d\ds?)\b", re.IGNORECASE)


def _role(text: str, i: int, j: int, lo: int, hi: int, c: str) -> str:
    """'open', 'close', 'both', 'neither' or 'apostrophe' for the mark ``c`` at ``text[i:j]``.

    ``c`` is the mark itself, or ``"`` for two apostrophes standing for one.
    """
    if c in _GUILLEMETS:
        # French spacing: « Nous ne céderons pas » has a (non-breaking) space inside
        # the marks; the words beyond it decide, as if the space were not there.
        while j < hi and text[j] in _GUILLEMET_SPACE and c in "«‹":
            j += 1
        while i > lo and text[i - 1] in _GUILLEMET_SPACE and c in "»›":
            i -= 1
    prev = text[i - 1] if i > lo else None
    nxt = text[j] if j < hi else None
    prev_space = prev is None or prev.isspace()
    next_space = nxt is None or nxt.isspace()
    if c in SINGLE and prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # Russia's, Xi’s, don't
    if c in SINGLE and nxt is not None and nxt.isalnum() and _ELISION.match(text, j):
        return "apostrophe"  # ’em, ’til, ’cause, the ’90s, class of ’16
    if c in _OPEN_ONLY:
        return "open"
    can_open = (prev_space or prev in _BEFORE_OPEN) and not next_space
    can_close = (not prev_space) and (next_space or nxt in _AFTER_CLOSE or nxt.isalnum() is False)
    if can_open and can_close:
        # Between two punctuation marks, e.g. ."' — decide by the mark's own shape.
        if c in "“‘«‹":
            return "open"
        if c in "”’»›":
            return "close"
        return "both"
    if can_open:
        return "open"
    if can_close:
        return "close"
    return "neither"


def _marks(text: str, pos: int, hi: int, stack: list[_Open]) -> Iterator[tuple[int, int, str]]:
    """The quote marks in ``text[pos:hi]`` as (start, end, mark).

    Two apostrophes are one double mark, as much wire copy writes them. Three are a single
    and a double mark: the single first when a single quote is open (``in line,'''``),
    else the double first.
    """
    for m in _MARK.finditer(text, pos, hi):
        i, j = m.span()
        if j - i == 1:
            yield i, j, text[i]
        elif j - i == 2:
            yield i, j, '"'
        elif stack and not stack[-1].double:
            yield i, i + 1, "'"
            yield i + 1, j, '"'
        else:
            yield i, i + 2, '"'
            yield i + 2, j, "'"


def find_quotes(text: str, paras: list[tuple[int, int]] | None = None) -> list[Span]:
    """Every quotation in ``text``, in order of their opening marks."""
    spans: list[Span] = []
    paras = paras if paras is not None else paragraphs(text)
    carry: _Open | None = None  # a quotation continuing from the previous paragraph
    next_block = 0
    for pi, (lo, hi) in enumerate(paras):
        stack: list[_Open] = []
        pos = lo
        if carry is not None:
            # The paragraph opens with the continuation mark; the words start after it.
            mark_pos = lo
            while text[mark_pos] in MARKS:
                mark_pos += 1
                if text[mark_pos - 1] in (DOUBLE if carry.double else SINGLE):
                    break
            carry = _Open(mark=lo, double=carry.double, start=mark_pos, block=carry.block)
            stack.append(carry)
            pos = mark_pos
            carry = None
        for i, j, c in _marks(text, pos, hi, stack):
            role = _role(text, i, j, lo, hi, c)
            if role == "apostrophe":
                continue
            double = c in DOUBLE
            same_kind = [k for k, o in enumerate(stack) if o.double == double]
            top_same = bool(stack) and stack[-1].double == double
            if (
                role == "open"
                and not double
                and top_same
                and text[i - 2 : i] == ", "
                and text[j : j + 1].islower()
            ):
                # A closing mark misplaced after the comma: "…formalization, 'the chief".
                role = "close"
            if (
                role == "close"
                and stack
                and not top_same
                and not same_kind
                and not text[j:hi].strip(" .,'")
            ):
                # Opened with one kind and closed with the other at the paragraph's end:
                # “…each other's back.'
                double = stack[-1].double
                same_kind = [len(stack) - 1]
                top_same = True
            if double:
                closes = role == "close" and same_kind or role in ("both", "neither") and top_same
            else:
                # A single mark closes only the innermost quote: otherwise it is an apostrophe
                # (the US’ economic ...), or opens when flanked by spaces (- ' shining example).
                closes = role in ("close", "both", "neither") and top_same
                if role in ("close", "both") and not top_same:
                    continue
            if closes:
                k = same_kind[-1]
                opened = stack[k]
                del stack[k:]  # quotes opened inside and never closed are dropped
                if _WORDY.search(text, opened.start, i):  # marks around no word quote nothing
                    spans.append(_span(text, opened, i, pi, close_last=j - 1))
            elif (role in ("open", "neither") or role == "both" and not same_kind) and len(
                stack
            ) < MAX_DEPTH:  # deeper marks open nothing: linear in any text
                stack.append(_Open(mark=i, double=double, start=j))
        if stack:
            outer = stack[0]
            following = paras[pi + 1][0] if pi + 1 < len(paras) else None
            marks = DOUBLE if outer.double else SINGLE
            continues = following is not None and (
                text[following] in marks or outer.double and text.startswith("''", following)
            )
            if continues or outer.block is not None:
                # One block piece for this paragraph; inner quotes left open are dropped.
                if outer.block is None:
                    outer.block = next_block
                    next_block += 1
                spans.append(_span(text, outer, None, pi, end=hi))
                if continues:
                    carry = outer
    return _finish(text, spans)


def _span(
    text: str,
    opened: _Open,
    close_at: int | None,
    paragraph: int,
    end: int | None = None,
    close_last: int | None = None,
) -> Span:
    stop = close_at if close_at is not None else end
    assert stop is not None
    start = opened.start
    # Trim spaces just inside the marks ("better than ever. ") so offsets hug the words.
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return Span(
        start=start,
        end=stop,
        kind=QuoteKind.BLOCK if opened.block is not None else QuoteKind.PHRASE,
        paragraph=paragraph,
        block=opened.block,
        open_mark=opened.mark if text[opened.mark] in MARKS else -1,
        close_mark=close_last if close_last is not None else -1,
    )


def _finish(text: str, spans: list[Span]) -> list[Span]:
    # Pieces of blocks that closed within their first paragraph are ordinary quotes.
    block_sizes: dict[int, int] = {}
    for s in spans:
        if s.block is not None:
            block_sizes[s.block] = block_sizes.get(s.block, 0) + 1
    order = sorted(range(len(spans)), key=lambda k: (spans[k].start, -spans[k].end))
    out: list[Span] = []
    for old in order:
        s = spans[old]
        if s.block is not None and block_sizes[s.block] < 2:
            s.block = None
            s.kind = QuoteKind.PHRASE
        if s.kind != QuoteKind.BLOCK:
            s.kind = classify(text, s)
        out.append(s)
    # Quote marks around an HTML attribute's value (tweet-date="March 9") quote no one.
    result = [
        s
        for s in out
        if any(ch.isalnum() for ch in text[s.start : s.end])
        and not (s.open_mark > 0 and text[s.open_mark - 1] == "=")
    ]
    # The enclosing quote is the nearest earlier span that contains this one. Spans come
    # in order of start, so a span ending before this one ends can enclose nothing later
    # that a nearer span would not enclose too: a stack of the rest is all we search.
    open_spans: list[int] = []
    for k, s in enumerate(result):
        s.parent = None
        while open_spans and result[open_spans[-1]].end < s.end:
            open_spans.pop()
        for j in reversed(open_spans):
            p = result[j]
            if p.start <= s.start and s.end <= p.end and (p.start, p.end) != (s.start, s.end):
                s.parent = j
                break
        open_spans.append(k)
    return result


_SENTENCE_END = ".!?…,;:"


def classify(text: str, span: Span) -> QuoteKind:
    """Sentence, phrase or scare quote, from the quoted words and where they stand."""
    body = text[span.start : span.end]
    n_words = len(body.replace("-", " ").split())
    stripped = body.rstrip()
    ends_sentence = stripped[-1:] in _SENTENCE_END or stripped.endswith("...")
    if n_words <= 2 and not ends_sentence:
        return QuoteKind.SCARE
    first = body.lstrip("\"'“‘(…. ")[:1]
    before = ""
    j = span.open_mark - 1  # the last character before the mark that is not a space
    while j >= 0 and text[j].isspace():
        j -= 1
    if span.open_mark >= 0 and j >= 0:
        before = text[j]
    starts_clause = before in ("", ":", ",", "\n") or before in MARKS
    if first.isupper() and n_words >= 3 and (ends_sentence or starts_clause or n_words >= 8):
        return QuoteKind.SENTENCE
    if first.isdigit() and ends_sentence and n_words >= 4:
        return QuoteKind.SENTENCE
    return QuoteKind.PHRASE
