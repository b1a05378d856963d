"""The bound that spares clustering most partial alignments must never hide a match."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from tracker.alignment import may_reach
from tracker.match import Item, MatchSettings, cluster
from tracker.text import normalize

WORDS = (
    "the minister said talks on grain exports will resume next week after a long pause "
    "while farmers wait for prices to settle and ports reopen along the coast we will "
    "not accept any deal that leaves our partners without a voice in the council"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _edited(rng: random.Random, text: str, rate: float) -> str:
    out = []
    for ch in text:
        roll = rng.random()
        if roll < rate / 3:
            continue  # dropped
        out.append(rng.choice("abcdefghij ") if roll < rate * 2 / 3 else ch)
        if roll > 1 - rate / 3:
            out.append(rng.choice("klmnop"))  # inserted
    return "".join(out)


def _pairs(seed: int, count: int) -> list[tuple[str, str]]:
    """Long needles against longer texts that hold them whole, in part at either edge,
    edited, or not at all: the windows partial_ratio weighs, each the best somewhere."""
    rng = random.Random(seed)
    pairs = []
    for k in range(count):
        short = _sentence(rng, rng.randint(12, 40))
        where = k % 4
        if where == 0:  # inside, edited
            long_ = f"{_sentence(rng, 8)} {_edited(rng, short, 0.15)} {_sentence(rng, 8)}"
        elif where == 1:  # the needle's start ends the text
            cut = int(len(short) * rng.uniform(0.6, 0.95))
            long_ = f"{_sentence(rng, 20)} {_edited(rng, short[:cut], 0.05)}"
        elif where == 2:  # the needle's end opens the text
            cut = int(len(short) * rng.uniform(0.05, 0.4))
            long_ = f"{_edited(rng, short[cut:], 0.05)} {_sentence(rng, 20)}"
        else:  # unrelated words of the same vocabulary
            long_ = _sentence(rng, 40)
        if len(long_) > len(short):
            pairs.append((short, long_))
    return pairs


def test_a_pair_ruled_out_never_reaches_the_cut():
    pairs = _pairs(seed=3, count=1200)
    shorts, longs = [a for a, _ in pairs], [b for _, b in pairs]
    for cut in (60.0, 75.0, 88.0):
        reach = may_reach(shorts, longs, cut)
        exact = [fuzz.partial_ratio(a, b, score_cutoff=cut) for a, b in pairs]
        hidden = [pair for pair, r, s in zip(pairs, reach, exact, strict=True) if not r and s]
        assert not hidden, hidden[:3]
        # The bound does rule pairs out (else it only costs), and keeps those that score.
        assert sum(not r for r in reach) > len(pairs) // 10, cut
        assert sum(s > 0 for s in exact) > len(pairs) // 10, cut


def test_short_needles_are_left_to_rapidfuzz():
    short, long_ = "tax cuts for the middle class", "a plan about roads " * 10
    assert list(may_reach([short], [long_], 75.0)) == [True]


def test_an_edited_part_of_a_long_statement_still_joins_it():
    rng = random.Random(7)
    whole = _sentence(rng, 60)
    part = _edited(rng, whole[40:200], 0.04)  # quoted in part, with a few slips
    other = _sentence(rng, 30)  # the same words in another order: another statement
    items = [Item(i, normalize(t), speaker=1) for i, t in enumerate([whole, part, other])]
    result, _ = cluster(items, MatchSettings())
    assert fuzz.partial_ratio(normalize(part), normalize(whole)) >= MatchSettings().link_score
    assert result.links[1].parent == 0
    assert 2 not in result.links
