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
from collections.abc import Iterator, Sequence
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
# A mark; one to three apostrophes are one match (``'{1,3}``). Each pattern opens with the
# class of all marks, so the search skips to them instead of trying every position (two to
# three times faster than an alternation of the cases; the same matches).
_MARK = re.compile(f"[{re.escape(MARKS)}](?:(?<=')''?)?")
# The same marks but for a single one between two letters or digits (Russia's, don't), which
# is an apostrophe whatever else holds: the commonest mark of all, skipped inside the search.
_ALNUM = r"[^\W_]"  # str.isalnum() of one character
_QUOTING_MARK = re.compile(
    f"[{re.escape(MARKS)}](?:(?<=')''?"
    f"|(?<=[{re.escape(SINGLE)}])(?:(?<!{_ALNUM}.)|(?!{_ALNUM}))|(?<=[{re.escape(DOUBLE)}]))"
)


@dataclass(slots=True)  # one per quotation: no __dict__ each (memory on huge texts)
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


@dataclass(slots=True)
class _Open:
    mark: int  # position of the mark
    double: bool
    start: int  # content start
    block: int | None = None


# Limits that keep extraction linear, and cheap per character, whatever the text's shape.
# Each is beyond real news (in PolNeAR's 922 articles: at most 15 quotations in a paragraph,
# 24 in any 2,000 characters, 8 per 1,000 characters of an article over 5,000 long); a text
# that passes one is read up to it, and ``find_quotes`` says so in its ``notes``.
# Quotations nested deeper than this are not followed: a text of unclosed marks would
# otherwise cost time in the square of its length.
MAX_DEPTH = 16
# Quotations opened in one paragraph: its marks after the last of them are not read.
MAX_QUOTES_PER_PARAGRAPH = 100
# Quotation marks (apostrophes aside) and quotations, per character read so far, beyond a
# floor: each quotation costs a speaker search, so a text that is all marks ('"x" "x" …',
# in one paragraph or many) would cost fifty times a news article per MB. A paragraph
# reached with either spent is not read; one that spends it is read no further.
MARK_FLOOR, CHARS_PER_MARK = 400, 25
QUOTE_FLOOR, CHARS_PER_QUOTE = 200, 80
# A quotation longer than this is left out: it is marks paired across a whole text, not
# anyone's words, and nested ones would each copy it (16 copies of a 20 MB text).
MAX_QUOTE_CHARS = 20_000
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
    can_open = (prev_space or prev is not None and prev in _BEFORE_OPEN) and not next_space
    can_close = (not prev_space) and (
        next_space or nxt is not None and (nxt in _AFTER_CLOSE or not nxt.isalnum())
    )
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


def _marks(
    text: str, pos: int, lo: int, hi: int, stack: list[_Open]
) -> Iterator[tuple[int, int, str]]:
    """The quote marks in ``text[pos:hi]`` (of the paragraph ``text[lo:hi]``) as (start,
    end, mark), but for single marks between two letters or digits: apostrophes, as
    ``_role`` would say (Russia's, don't), and the commonest marks of all.

    Two apostrophes are one double mark, as much wire copy writes them. Three are a single
    and a double mark: the single first when a single quote is open (``in line,'''``),
    else the double first.
    """
    # A paragraph's neighbours are spaces, so the search's view past ``lo`` and ``hi`` (a
    # lookbehind sees before the start) finds the same apostrophes as ``lo < i and j < hi``.
    for m in _QUOTING_MARK.finditer(text, pos, hi):
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


class _Limits:
    """Which limits a text reached, where first, and how often: said once per kind."""

    def __init__(self) -> None:
        self.hits: dict[str, tuple[int, int]] = {}  # kind -> (first offset, count)

    def hit(self, kind: str, at: int) -> None:
        first, count = self.hits.get(kind, (at, 0))
        self.hits[kind] = (first, count + 1)

    def notes(self) -> list[str]:
        said = {
            "depth": f"quotations nested more than {MAX_DEPTH} deep were not followed",
            "paragraph": f"{{n}} paragraph(s) with more than {MAX_QUOTES_PER_PARAGRAPH} "
            "quotations were read only up to that many",
            "dense": "quotation marks too dense to read in full (more than one quotation per "
            f"{CHARS_PER_QUOTE} characters, or one mark per {CHARS_PER_MARK}): {{n}} "
            "paragraph(s) read in part or not at all",
            "long": f"{{n}} quotation(s) longer than {MAX_QUOTE_CHARS:,} characters left out",
        }
        return [
            f"{said[kind].format(n=count)}, from character {first:,}"
            for kind, (first, count) in sorted(self.hits.items(), key=lambda kv: kv[1][0])
        ]


def find_quotes(
    text: str, paras: Sequence[tuple[int, int]] | None = None, notes: list[str] | None = None
) -> list[Span]:
    """Every quotation in ``text``, in order of their opening marks.

    Where the text passes one of the limits above, it is read up to the limit and a line
    saying so is added to ``notes``.
    """
    spans: list[Span] = []
    paras = paras if paras is not None else paragraphs(text)
    limits = _Limits()
    carry: _Open | None = None  # a quotation continuing from the previous paragraph
    next_block = 0
    marks_read = 0  # quotation marks read so far, apostrophes aside
    next_mark = -1  # the first mark at or after the paragraph last looked for one in
    for pi, (lo, hi) in enumerate(paras):
        if next_mark < lo:
            found_mark = _MARK.search(text, lo)
            next_mark = found_mark.start() if found_mark else len(text)
        if next_mark >= hi and carry is None:
            continue  # no mark in the paragraph: nothing opens, closes or continues here
        if (
            marks_read >= MARK_FLOOR + lo // CHARS_PER_MARK
            or len(spans) >= QUOTE_FLOOR + lo // CHARS_PER_QUOTE
        ):
            if _MARK.search(text, lo, hi):
                limits.hit("dense", lo)
            carry = None
            continue
        stack: list[_Open] = []
        opened = 0  # quotations opened in this paragraph
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
        for i, j, c in _marks(text, pos, lo, hi, stack):
            role = _role(text, i, j, lo, hi, c)
            if role == "apostrophe":
                continue
            marks_read += 1
            if (
                marks_read > MARK_FLOOR + i // CHARS_PER_MARK
                or len(spans) >= QUOTE_FLOOR + i // CHARS_PER_QUOTE
            ):
                limits.hit("dense", i)
                break
            double = c in DOUBLE
            # The innermost open quotation of this mark's kind (-1: none); the stack is
            # short (MAX_DEPTH), and a loop spares building a list per mark.
            same_kind = -1
            for k in range(len(stack) - 1, -1, -1):
                if stack[k].double == double:
                    same_kind = k
                    break
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
                and same_kind < 0
                and not text[j:hi].strip(" .,'")
            ):
                # Opened with one kind and closed with the other at the paragraph's end:
                # “…each other's back.'
                double = stack[-1].double
                same_kind = len(stack) - 1
                top_same = True
            if double:
                closes = (
                    role == "close" and same_kind >= 0 or role in ("both", "neither") and top_same
                )
            else:
                # A single mark closes only the innermost quote: otherwise it is an apostrophe
                # (the US’ economic ...), or opens when flanked by spaces (- ' shining example).
                closes = role in ("close", "both", "neither") and top_same
                if role in ("close", "both") and not top_same:
                    continue
            if closes:
                k = same_kind
                closing = stack[k]
                del stack[k:]  # quotes opened inside and never closed are dropped
                if _WORDY.search(text, closing.start, i):  # marks around no word quote nothing
                    spans.append(_span(text, closing, i, pi, close_last=j - 1))
            elif role in ("open", "neither") or role == "both" and same_kind < 0:
                if len(stack) >= MAX_DEPTH:  # deeper marks open nothing: linear in any text
                    limits.hit("depth", i)
                elif opened >= MAX_QUOTES_PER_PARAGRAPH:
                    limits.hit("paragraph", i)
                    break
                else:
                    opened += 1
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
            elif outer.double and _left_open(
                text, outer, lo, hi, paras[pi + 1] if following is not None else None
            ):
                # A closing mark the copy lost: the quotation runs to the paragraph's end.
                spans.append(_span(text, outer, None, pi, end=hi))
    found = _finish(text, spans, limits)
    if notes is not None:
        notes += limits.notes()
    return found


# Words enough that a quotation left open is someone's sentence, not a stray mark.
_LEFT_OPEN_WORDS = 6


def _left_open(
    text: str, opened: _Open, lo: int, hi: int, following: tuple[int, int] | None
) -> bool:
    """Whether a double quotation still open at its paragraph's end is a whole quotation
    whose closing mark was lost (`Lee said. "We will win this fight.` and no mark after):
    it opens a clause (the paragraph's start, or after ",", ":" or "."), holds a few words
    and ends a sentence, and the next paragraph does not close it (a pull quote's credit
    line: `"…fight.` then `Ann Lee, mayor."`)."""
    j = opened.mark - 1
    while j >= lo and text[j].isspace():
        j -= 1
    if j >= lo and text[j] not in ",:.":
        return False
    body = text[opened.start : hi].rstrip()
    if body[-1:] not in ".!?" or len(body.split(None, _LEFT_OPEN_WORDS)) <= _LEFT_OPEN_WORDS:
        return False
    if following is not None:
        nxt = text[following[0] : following[1]]
        if sum(nxt.count(c) for c in DOUBLE) % 2:
            return False
    return True


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


def _finish(text: str, spans: list[Span], limits: _Limits) -> list[Span]:
    # Pieces of blocks that closed within their first paragraph are ordinary quotes.
    block_sizes: dict[int, int] = {}
    for s in spans:
        if s.block is not None:
            block_sizes[s.block] = block_sizes.get(s.block, 0) + 1
    order = sorted(range(len(spans)), key=lambda k: (spans[k].start, -spans[k].end))
    out: list[Span] = []
    for old in order:
        s = spans[old]
        if s.end - s.start > MAX_QUOTE_CHARS:
            limits.hit("long", s.start)
            continue
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
        if _WORDY.search(text, s.start, s.end)  # a letter or digit (str.isalnum), uncopied
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
    # Words (split at spaces and hyphens), counted up to nine: no test below tells more apart.
    # The first 200 characters hold nine words in most quotations; the rest need not be read.
    n_words = len(body[:200].replace("-", " ").split(None, 8))
    if n_words < 9 and len(body) > 200:
        n_words = len(body.replace("-", " ").split(None, 8))
    first = body[:64].lstrip("\"'“‘(…. ")[:1] or body.lstrip("\"'“‘(…. ")[:1]
    stripped = body.rstrip()
    ends_sentence = stripped[-1:] in _SENTENCE_END or stripped.endswith("...")
    if n_words <= 2 and not ends_sentence:
        return QuoteKind.SCARE
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
