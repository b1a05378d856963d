"""Meaning-alike suggestions (tracker.semantic): offline, and paraphrases first."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from tracker import semantic


def test_the_model_loads_from_the_wheel_without_any_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    semantic.model.cache_clear()
    vecs = semantic.model().embed(["no upper limit", "without limit"], norm=True)
    assert vecs.shape[0] == 2 and vecs.shape[1] >= 64


@pytest.mark.parametrize(
    ("quote", "paraphrase"),
    [
        (
            "There is no end point in Sino-Russian strategic cooperation, no restricted "
            "areas, no upper limit.",
            "without limit, restriction or ceiling",
        ),
        (
            "We are currently helping our Chinese partners to create a missile attack "
            "warning system. It is a serious thing that will drastically increase the "
            "defense capabilities of the People's Republic of China.",
            "seriously expanding the PRC's defense capabilities.",
        ),
    ],
)
def test_a_paraphrase_is_suggested_before_quotes_sharing_its_words(quote, paraphrase):
    distractors = [
        "The limit on gas prices will be discussed by the ministers next week.",
        "There are no restrictions on trade with our partners in the region.",
        "Defense spending will rise next year, the ministry said.",
        "The capabilities of our partners in Europe are well known to everyone.",
        "China and Russia held talks on energy and transport corridors.",
    ]
    texts = {i: t for i, t in enumerate([quote, paraphrase, *distractors])}
    sug = semantic.Suggester(dict(texts))
    # Among five quotes sharing its topic words, each side finds the other in its two best.
    assert 0 in [c for c, _ in sug.suggest(1)][:2]
    assert 1 in [c for c, _ in sug.suggest(0)][:2]
    # Suggestions by meaning stay below the wording-based ones (>= 75).
    assert all(score < 75 for _, score in sug.suggest(0))


def test_embeddings_kept_are_bounded_and_the_same_when_embedded_again():
    # Over a large archive only the latest quotes' embeddings stay in memory; a quote
    # asked for again after its embedding was dropped gets the same vectors back.
    import numpy as np

    texts = {i: f"Statement number {i}: we will expand trade in grain and oil." for i in range(10)}
    kept = semantic.Embeddings(kept=4)
    first = kept.get(texts, [0, 1, 2])[0]
    kept.get(texts, range(3, 10))
    assert len(kept._by_id) == 4 and 0 not in kept._by_id
    again = kept.get(texts, [0])[0]
    assert again.dtype == np.float32 and np.allclose(first, again)
    whole = semantic.model().embed(semantic.pieces(texts[0]), norm=True)
    assert np.abs(again - whole).max() < 2e-3  # float16 storage


def test_quotes_in_other_languages_get_no_suggestions_by_meaning():
    # The model is English: on German quotes it finds any two alike, so none are suggested,
    # while English quotes on one topic still are.
    texts = {
        0: "Wir müssen transparent machen, unter welchen Bedingungen die Bruderhähne leben.",
        1: "Die Mannschaft will am Sonntag das Spiel gegen die Bruderhähne gewinnen.",
        2: "Der Verband fordert klare Regeln für die Haltung der Bruderhähne.",
        3: "We must make clear under which conditions eggs are produced.",
        4: "Shoppers deserve to know how the eggs they buy were produced.",
    }
    sug = semantic.Suggester(texts)
    assert sug.suggest(0) == [] and sug.suggest(1) == []
    assert 4 in [c for c, _ in sug.suggest(3)]


_TIED = """
from tracker import semantic
words = "glacier harbor violin saddle meadow lantern copper orchard falcon quarry".split()
texts = {0: " ".join(words)}
texts.update({i: f"the {w} was there" for i, w in enumerate(words, start=1)})
print(semantic.Suggester(texts).candidates(0, n=3))
"""


def test_candidates_by_meaning_do_not_depend_on_the_hash_seed():
    # Ten quotes share one unusual word each with the first: a tie, which the quote ids
    # must break, not the order Python's string hashing happens to give a set.
    runs = {
        subprocess.run(
            [sys.executable, "-c", _TIED],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert runs == {"[1, 2, 3]\n"}


def test_suggestions_for_many_quotes_are_the_same_from_forked_workers(monkeypatch):
    # Topics shared by a few quotes each, so every quote has candidates by meaning.
    topics = ["grain exports", "missile defence", "gas prices", "border talks", "rail links"]
    texts = {
        i: f"We will discuss {topics[i % 5]} with partner {i // 5} and agree on {topics[i % 3]}."
        for i in range(60)
    }
    keep = lambda a, b: a % 7 != b % 7  # noqa: E731 - a few pairs ruled out, as clusters are
    ids = sorted(texts)
    one = semantic.suggest_all(semantic.Suggester(dict(texts)), ids, keep, 3)
    monkeypatch.setattr(semantic, "SLICE", 7)
    monkeypatch.setattr(semantic, "PARALLEL_MIN", 0)
    monkeypatch.setattr(semantic, "cores", lambda: 2)
    forked = semantic.suggest_all(semantic.Suggester(dict(texts)), ids, keep, 3)
    assert forked == one and len(one) > 60
    assert [q for q, _, _ in forked] == sorted(q for q, _, _ in forked)  # in the quotes' order
