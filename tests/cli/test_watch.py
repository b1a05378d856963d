"""Watchlist and find, through the CLI."""

from __future__ import annotations

import json

import pytest
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


@pytest.mark.parametrize("statement", ["", "   ", "?! ..."])
def test_find_without_words_is_bad_usage_not_an_empty_answer(tracker, statement):
    """An empty table would tell a fact-checker the statement was never checked."""
    tracker("ingest", "-q", str(SEEDS))
    res = tracker("find", statement)
    assert res.exit_code == 2 and "give the statement" in res.output, res.output


@pytest.mark.parametrize("phrase", ["", "   ", "?! ..."])
def test_track_show_without_words_is_bad_usage_not_zero_hits(tracker, phrase):
    """As with `find`: "0 hits" would tell a fact-checker the phrase was never reported."""
    tracker("ingest", "-q", str(SEEDS))
    res = tracker("track", "show", phrase)
    assert res.exit_code == 2 and "give the phrase" in res.stderr, res.output
    assert res.stdout == ""


def test_track_show_looks_for_one_word_that_track_add_will_not_watch(tracker, tmp_path):
    # A charged word quoted on its own is worth looking up once; watched, a single word
    # would pile up hits in every article.
    article = tmp_path / "plan.txt"
    article.write_text(
        'The harbour minister called the ferry plan "reckless" on Monday.\n', encoding="utf-8"
    )
    assert tracker("ingest", "-q", str(article)).exit_code == 0
    shown = tracker("track", "show", "reckless")
    assert shown.exit_code == 0 and "hits for “reckless”" in shown.stdout
    assert "│ quote " in shown.stdout  # the quotation itself (its sentence is a passage hit)
    assert tracker("track", "add", "reckless").exit_code == 2


def test_a_short_phrase_matches_whole_words_not_the_inside_of_longer_ones(tracker, tmp_path):
    (tmp_path / "warning.txt").write_text(
        "The harbour minister gave a warning about the ferry plan on Monday.\n", encoding="utf-8"
    )
    (tmp_path / "war.txt").write_text(
        'The harbour minister said the "war on potholes" had begun.\n', encoding="utf-8"
    )
    assert tracker("ingest", "-q", str(tmp_path)).exit_code == 0
    shown = tracker("track", "show", "war")
    assert shown.exit_code == 0, shown.output
    assert "war on potholes" in shown.stdout and "warning" not in shown.stdout
    assert "0 hits for “a war”" in tracker("track", "show", "a war").stdout  # not "a warning"
    # A short word one letter off another is that other word, not a variant of it; a
    # plural is.
    (tmp_path / "more.txt").write_text(
        "The mayor gave a warm welcome to the harbour crews.\n"
        "The central bank raised rates after the two trade wars.\n",
        encoding="utf-8",
    )
    assert tracker("ingest", "-q", str(tmp_path / "more.txt")).exit_code == 0
    shown = tracker("track", "show", "war")
    assert "warm welcome" not in shown.stdout and "trade wars" in shown.stdout
    assert "0 hits for “ban”" in tracker("track", "show", "ban").stdout  # not "bank"


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
    assert "Possible misattribution: outlets credit this to" in shown.output


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


PHRASE = "a model of interstate cooperation in the twenty-first century"


def test_the_watchlist_is_a_family_of_subcommands(tracker):
    """`track add/show/list/remove`, like `export …` and `db …`: verbs, not flags."""
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    helped = tracker("track", "--help")
    assert helped.exit_code == 0
    assert all(verb in helped.output for verb in ("add", "show", "list", "remove"))
    added = tracker("track", "add", PHRASE)
    assert added.exit_code == 0 and "now watching" in added.stderr
    assert "hits for" in added.stdout and "New Eastern Outlook" in added.stdout
    assert "already watched" in tracker("track", "add", PHRASE.upper() + "!").stderr
    shown = tracker("track", "show", "no upper limit", "--threshold", "90")
    assert shown.exit_code == 0 and "hits for" in shown.stdout
    assert "now watching" not in shown.stderr  # show only looks
    listed = tracker("track", "list")
    assert listed.exit_code == 0
    assert "interstate cooperation" in listed.stdout and "no upper limit" not in listed.stdout
    removed = tracker("track", "remove", PHRASE)
    assert removed.exit_code == 0 and "no longer watched" in removed.stderr
    assert "interstate cooperation" not in tracker("track", "list").stdout
    assert tracker("track", "remove", PHRASE).exit_code == 4
    assert tracker("track", "add", "x").exit_code == 2  # a single word is refused
    assert tracker("track", "add").exit_code == 2  # no phrase
    assert tracker("track").exit_code in (0, 2) and "remove" in tracker("track").output


def test_the_old_flag_spellings_still_work_and_name_the_new_ones(tracker):
    """Scripts written for `track --list`, `track PHRASE --show` and `--remove` keep
    working: the same output on stdout, and a note on stderr giving the new spelling."""
    assert tracker("ingest", str(SEEDS)).exit_code == 0
    assert "now watching" in tracker("track", PHRASE).stderr  # a bare phrase still adds it
    old, new = tracker("track", "--list"), tracker("track", "list")
    assert old.exit_code == 0 and old.stdout == new.stdout
    assert "`tracker track list`" in old.stderr and "`tracker track list`" not in new.stderr
    old = tracker("track", PHRASE, "--show", "--threshold", "80")
    new = tracker("track", "show", PHRASE, "--threshold", "80")
    assert old.exit_code == 0 and old.stdout == new.stdout
    assert "`tracker track show PHRASE`" in old.stderr
    old = tracker("track", PHRASE, "--remove")
    assert old.exit_code == 0 and "no longer watched" in old.stderr
    assert "`tracker track remove PHRASE`" in old.stderr
    assert "interstate cooperation" not in tracker("track", "list").stdout


def test_find_ranks_a_word_inside_the_statement_below_the_statement(tracker, tmp_path):
    # A one-word quotation ("fair") that the pasted sentence happens to contain matches
    # only the little of it that it covers.
    page = tmp_path / "eggs.txt"
    page.write_text(
        'The minister called the plan "fair" on Monday.\n\n'
        '"We owe the buyers a clear label on every single box of eggs," Ana Ruiz said.\n',
        encoding="utf-8",
    )
    assert tracker("ingest", str(page)).exit_code == 0
    rows = json.loads(tracker("find", "We owe the buyers a fair and clear label", "--json").output)
    assert rows[0]["claim"].startswith("We owe the buyers")
    assert all(r["score"] < 60 for r in rows if r["claim"] == "fair")


def test_a_title_in_how_one_outlet_named_the_speaker_hides_no_misattribution(tracker, tmp_path):
    # "Sen. Ann Lee" holds "Ann Lee": still two different people credited with the words.
    words = "We will never accept a deal that leaves our farmers without any protection at all."
    (tmp_path / "a.txt").write_text(f'Sen. Ann Lee said: "{words}"\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(f'Gov. Tom Reyes said: "{words}"\n', encoding="utf-8")
    tracker("ingest", str(tmp_path / "a.txt"), "--outlet", "One")
    tracker("ingest", str(tmp_path / "b.txt"), "--outlet", "Two")
    (row,) = json.loads(tracker("clusters", "--json").output)
    assert set(row["speakers"]) == {"Ann Lee", "Tom Reyes"} and row["misattribution"] is True
    assert "Possible misattribution: outlets credit this to Ann Lee, Tom Reyes" in (
        tracker("show", str(row["id"])).output
    )
