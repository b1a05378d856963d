"""Matching at scale, through the library API: the limits that keep it linear must not
hide a quote's parent."""

from __future__ import annotations

from tracker.match import Index, Item, MatchSettings, best_parent, cluster
from tracker.text import normalize


def item(i: int, text: str, speaker: int | None = None) -> Item:
    return Item(i, normalize(text), speaker)


def test_a_short_phrase_of_common_words_finds_the_quote_of_its_speaker():
    # Every trigram of "for the sake of peace" is carried by more quotes than max_df:
    # the quote around it, by the same speaker, is still found, and no one else's.
    s = MatchSettings(max_df=5)
    others = [
        item(i, f"We act for the sake of peace in region number {i} today", speaker=100 + i)
        for i in range(1, 30)
    ]
    own = item(50, "Our army stands for the sake of peace and nothing else", speaker=7)
    phrase = item(60, "for the sake of peace", speaker=7)
    result, _ = cluster([*others, own, phrase], s)
    assert result.links[60].parent == 50


def test_an_unusual_version_is_linked_when_the_likeliest_candidates_fail():
    # The candidate sharing the most trigrams holds the statement's two halves apart
    # and scores low; the version with one word changed shares fewer and scores high.
    first, second = "the two sides agreed to expand", "trade in national currencies next year"
    noise = "and many other matters were discussed at length by the delegations"
    statement = item(1, f"{first} {second}")
    halves = item(2, f"{first} {noise} {second}")
    version = item(3, f"{first} {second}".replace("expand", "considerably"))

    def parent(settings: MatchSettings) -> int | None:
        index = Index(settings)
        for it in (halves, version, statement):
            index.add(it)
        link, _ = best_parent(statement, index)
        return link.parent if link else None

    assert parent(MatchSettings(max_candidates=1, max_search=1)) is None
    assert parent(MatchSettings(max_candidates=1, max_search=2)) == 3


def test_a_phrase_of_common_words_draws_no_more_candidates_than_max_df():
    # Neighbouring grams of a stock phrase go together everywhere: the fallback on
    # them must stay bounded, or every such quote would cost a scan of the archive.
    s = MatchSettings(max_df=5)
    index = Index(s)
    for i in range(200):
        index.add(item(i, f"We act for the sake of peace in region number {i} today", 100 + i))
    shared, _ = index.shared_grams(item(999, "for the sake of peace", speaker=7))
    assert 0 < len(shared) <= s.max_df
