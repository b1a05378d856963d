"""Clustering's own partial alignment of long needles gives rapidfuzz's scores, to the bit."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from tracker.alignment import partial_ratios
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


def test_every_score_is_rapidfuzzs():
    pairs = _pairs(seed=3, count=1200)
    shorts, longs = [a for a, _ in pairs], [b for _, b in pairs]
    for cut in (0.0, 60.0, 75.0, 88.0):
        got = partial_ratios(shorts, longs, cut)
        exact = [fuzz.partial_ratio(a, b, score_cutoff=cut) for a, b in pairs]
        wrong = [(p, g, e) for p, g, e in zip(pairs, got, exact, strict=True) if g != e]
        assert not wrong, wrong[:3]
        # Each kind of window wins somewhere, and some pairs fall short of each cut.
        assert sum(e > 0 for e in exact) > len(pairs) // 10, cut
        if cut:
            assert sum(e == 0 for e in exact) > len(pairs) // 10, cut


def test_the_best_window_may_be_a_prefix_or_a_suffix():
    rng = random.Random(5)
    short = _sentence(rng, 30)
    for long_ in (
        f"{short[40:]} {_sentence(rng, 25)}",  # the needle's end opens the text
        f"{_sentence(rng, 25)} {short[:-40]}",  # its start ends it
        f"{_sentence(rng, 10)} {short[5:]} {_sentence(rng, 10)}",
    ):
        want = fuzz.partial_ratio(short, long_)
        assert list(partial_ratios([short], [long_], 0.0)) == [want]
        assert 60 < want < 100


def test_short_needles_and_equal_lengths_are_rapidfuzzs_own():
    pairs = [
        ("tax cuts for the middle class", "a plan about roads and tax cuts for the middle"),
        ("the same words in the same order " * 3, "the same words in the same order " * 3),
        ("abc" * 30, "abd" * 30),
    ]
    got = partial_ratios([a for a, _ in pairs], [b for _, b in pairs], 0.0)
    assert list(got) == [fuzz.partial_ratio(a, b) for a, b in pairs]


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
