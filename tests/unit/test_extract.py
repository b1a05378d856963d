"""Quotation spans, kinds and attribution on small texts that isolate each difficulty."""

from __future__ import annotations

import pytest

from tracker.quotes import extract_quotes


def quotes(text: str) -> list[tuple[str, str, str | None]]:
    return [(q.text, q.kind.value, q.speaker) for q in extract_quotes(text)]


def test_mixed_curly_and_straight_marks_pair_up():
    text = 'Putin said: “We are close friends and that will not change." Then he left.'
    assert quotes(text) == [("We are close friends and that will not change.", "sentence", "Putin")]


def test_apostrophes_are_not_quotes():
    text = "Russia's view and Xi’s plan clashed with the US’ economic policy, don't they?"
    assert quotes(text) == []


def test_single_quotes_inside_double_credited_to_someone_else_are_theirs():
    text = (
        "Wang Yi said, \"The partners said 'no upper limit' exists and we agree with them.\" "
        "Nothing else."
    )
    got = extract_quotes(text)
    assert [q.text for q in got] == [
        "The partners said 'no upper limit' exists and we agree with them.",
        "no upper limit",
    ]
    assert got[1].parent == 0
    assert got[0].speaker == "Wang Yi"
    assert got[1].speaker_as_named == "The partners"


def test_single_quotes_inside_two_apostrophe_quotes_are_part_of_them():
    # Wire copy writes double marks as two apostrophes: a single-quoted span inside is
    # nested words, as it would be inside "…".
    text = "''Voters keep telling me, 'We want lower taxes,' and I agree,'' Ms. Lane said."
    got = extract_quotes(text)
    assert [(q.text, q.speaker) for q in got] == [
        ("Voters keep telling me, 'We want lower taxes,' and I agree", "Lane")
    ]


def test_quotation_whose_closing_mark_was_lost_runs_to_the_paragraph_end():
    text = (
        '"The budget is tight this year," said Mayor Ann Lee. "We will keep the library '
        "open for every family in this town.\n\nThe council meets again next week."
    )
    assert quotes(text) == [
        ("The budget is tight this year", "sentence", "Ann Lee"),
        ("We will keep the library open for every family in this town.", "sentence", "Ann Lee"),
    ]
    # Closed on the next line (a pull quote's credit line), or a few words in a clause: no.
    credit = '"We will keep the library open for every family.\nAnn Lee, mayor."\n\nMore.'
    assert quotes(credit) == []
    assert quotes('Some call it a "great deal for the town and\n\nthe council') == []


def test_multi_paragraph_quote_becomes_block_pieces_with_one_speaker():
    text = (
        "Vladimir Putin said:\n\n"
        '"This year relations reached an unprecedentedly high level.\n\n'
        '"A new model of cooperation has developed between our countries."\n\n'
        "Then the talks ended."
    )
    got = extract_quotes(text)
    assert [(q.kind.value, q.speaker) for q in got] == [
        ("block", "Vladimir Putin"),
        ("block", "Vladimir Putin"),
    ]
    assert got[1].text == "A new model of cooperation has developed between our countries."


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Er sagte: „Wir sind Freunde und bleiben es auch.“ Ende.",
            "Wir sind Freunde und bleiben es auch.",
        ),
        ("Il a dit : « Nous sommes amis pour toujours. » Fin.", "Nous sommes amis pour toujours."),
        ("He wrote ‚a phrase here‘ and left.", "a phrase here"),
    ],
)
def test_quotes_of_other_languages(text: str, expected: str):
    assert [q.text for q in extract_quotes(text)] == [expected]


def test_scare_quotes_are_marked():
    # Credited to no one: a scare quote. (One a sentence credits to someone is a phrase;
    # see tests/unit/test_attribution.py.)
    text = "The entente became a “pivot” for Russia after the war."
    assert quotes(text) == [("pivot", "scare", None)]


def test_phrase_inside_a_sentence_is_a_phrase():
    text = "The two countries stand, as the Chinese Foreign Ministry put it, “back to back” now."
    (q,) = extract_quotes(text)
    assert (q.text, q.kind.value) == ("back to back", "phrase")


@pytest.mark.parametrize(
    "text,speaker,cue,as_named",
    [
        ("“We will not take that bait,” said Ushakov.", "Ushakov", "said", "Ushakov"),
        ("“We will not take that bait,” Chen Jun told reporters.", "Chen Jun", "told", "Chen Jun"),
        (
            "According to Yuri Ushakov, “the talks went well and lasted long.”",
            "Yuri Ushakov",
            "according to",
            "Yuri Ushakov",
        ),
        (
            "Chinese Foreign Ministry spokesman Wang Wenbin said: 'We hope for more trust.'",
            "Wang Wenbin",
            "said",
            "Chinese Foreign Ministry spokesman Wang Wenbin",
        ),
        (
            "Artyom Lukin, an associate professor at a university, said: “There are no limits.”",
            "Artyom Lukin",
            "said",
            "Artyom Lukin",
        ),
        (
            "Sergei Lavrov: “We are ready to talk at any moment.”",
            "Sergei Lavrov",
            ":",
            "Sergei Lavrov",
        ),
    ],
)
def test_attribution_patterns(text: str, speaker: str, cue: str, as_named: str):
    (q,) = extract_quotes(text)
    assert (q.speaker, q.cue, q.speaker_as_named) == (speaker, cue, as_named)


def test_pronoun_and_description_resolve_to_the_person():
    text = (
        "Alexei Maslov explained the situation. “China found itself encircled,” he said. "
        "“It cannot be simple,” the expert summed up."
    )
    got = extract_quotes(text)
    assert [q.speaker for q in got] == ["Alexei Maslov", "Alexei Maslov"]
    assert [q.speaker_as_named for q in got] == ["he", "the expert"]


def test_title_is_dropped_and_surname_takes_the_full_name():
    text = "Russian President Vladimir Putin met Xi. “Relations are at a peak,” Putin said."
    (q,) = extract_quotes(text)
    assert q.speaker == "Vladimir Putin"


def test_no_speaker_rather_than_a_wrong_one():
    text = "The report spoke of “a new stage of cooperation between the two states”."
    (q,) = extract_quotes(text)
    assert q.speaker is None


def test_offsets_point_at_the_text_and_context_holds_the_sentence():
    text = "Before. Xi said the countries were “most important strategic partners” today. After."
    (q,) = extract_quotes(text)
    assert text[q.start : q.end] == q.text == "most important strategic partners"
    assert q.context == "Xi said the countries were “most important strategic partners” today."
    assert q.normalized == "most important strategic partners"


@pytest.mark.parametrize(
    "text",
    [
        "“We keep talking even when they are not listening to ’em.” Rhea Lomax said.",
        "“I have six of ‘em saved and I watch them at night,” Rhea Lomax said.",
        "“We have been at it since the ’90s and will not stop,” Rhea Lomax said.",
    ],
)
def test_elided_words_do_not_open_a_quote(text):
    got = extract_quotes(text)
    assert len(got) == 1 and got[0].text.startswith(("We ", "I have")), got
    assert got[0].speaker == "Rhea Lomax"


def test_marks_that_never_close_or_nest_without_end_are_read_in_one_pass():
    # 20,000 opening marks that never close, and 20,000 marks around one word: each is
    # read once (a deeper stack is not followed), and only words can be quoted.
    unclosed = '"we will ' * 20_000
    assert len(extract_quotes(unclosed)) <= 1
    nested = '"' * 20_000 + "x" + '"' * 20_000
    got = extract_quotes(nested)
    assert all(q.text.strip('"') == "x" for q in got)
