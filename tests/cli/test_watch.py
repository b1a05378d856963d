"""Watchlist and find, through the CLI."""

from __future__ import annotations

import json

from conftest import SEEDS


def test_tracked_phrase_lists_quotes_and_unquoted_passages_past_and_future(tracker, tmp_path):
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    res = tracker("track", "a model of interstate cooperation in the twenty-first century")
    assert res.exit_code == 0 and "now watching" in res.output
    assert "passage" in res.output and "New Eastern Outlook" in res.output  # reported speech
    later = tmp_path / "later.txt"
    later.write_text(
        "Putin said ties were “a model of interstate cooperation in the 21st century”.\n",
        encoding="utf-8",
    )
    tracker("ingest", str(later))
    shown = tracker(
        "track", "a model of interstate cooperation in the twenty-first century", "--show"
    )
    assert shown.exit_code == 0 and "quote" in shown.output  # the new article is listed too
    listed = tracker("track", "--list")
    assert "interstate cooperation" in listed.output
    again = tracker("track", "A model of interstate cooperation in the twenty-first century!")
    assert "already watched" in again.output
    assert tracker("track", "x").exit_code == 2  # a single word is refused
    assert tracker("track", "nothing like this", "--remove").exit_code == 4


def test_find_ranks_the_checked_cluster_first(tracker):
    tracker("ingest", str(SEEDS))
    rows = json.loads(tracker("find", "Russia and China stand back to back", "--json").output)
    assert rows[0]["claim"].startswith("We hope that the upcoming summit")
    assert rows[0]["score"] >= 85
    rows = json.loads(
        tracker(
            "find", "the principles of non-interference and a belt of eternal peace", "--json"
        ).output
    )
    assert "belt of eternal peace" in rows[0]["claim"]


def test_org_and_its_spokesman_are_not_a_misattribution_but_two_people_are(tracker, tmp_path):
    tracker("ingest", str(SEEDS))
    rows = json.loads(tracker("clusters", "--json", "--limit", "0").output)
    back = next(r for r in rows if r["claim"].startswith("We hope that the upcoming summit"))
    assert back["speakers"] == ["Chinese Foreign Ministry", "Wang Wenbin"]
    assert back["misattribution"] is False
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(
        "Xi Jinping said: “A new model of cooperation has developed between our countries, a model "
        "based, in part, on the principles of non-interference in each other's affairs.”\n",
        encoding="utf-8",
    )
    tracker("ingest", str(wrong))
    rows = json.loads(tracker("clusters", "--json", "--limit", "0").output)
    belt = next(r for r in rows if r["claim"].startswith("A new model of cooperation"))
    assert set(belt["speakers"]) == {"Vladimir Putin", "Xi Jinping"}
    assert belt["misattribution"] is True
    shown = tracker("show", str(belt["id"]))
    assert "possible misattribution" in shown.output


def test_find_ranks_a_paraphrase_by_meaning_below_any_match_in_wording(tracker):
    # Words of our own for Wang Yi's formula share almost no wording with the stored
    # "no restricted areas, no upper limit", but say the same: found by meaning, marked
    # so, and scored under every match in wording.
    tracker("ingest", str(SEEDS))
    rows = json.loads(
        tracker("find", "cooperation without any ceiling and no forbidden zones", "--json").output
    )
    meaning = [r for r in rows if r["by"] == "meaning"]
    assert any("no upper limit" in r["claim"] for r in meaning[:3]), rows
    assert all(r["score"] < 75 for r in meaning)
    wording = [r for r in rows if r["by"] == "wording"]
    assert all(w["score"] >= m["score"] for w in wording for m in meaning)
    rows = json.loads(tracker("find", "Russia and China stand back to back", "--json").output)
    assert rows[0]["by"] == "wording" and rows[0]["score"] >= 85
