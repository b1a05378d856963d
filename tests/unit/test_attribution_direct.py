"""The attribution package called directly (not through extraction): the speaker phrase
and cue per quotation span, and resolving phrases to people within one document."""

from __future__ import annotations

from tracker.attribution import (
    NONE,
    DocumentSpeakers,
    attribute,
    person_name,
    reported_speakers,
    same_person,
)
from tracker.attribution.speakers import gender_of, organisation_name
from tracker.extract import find_quotes

TEXT = (
    '"The bridge will open in May," Mayor Anna Lindqvist said on Monday. '
    'She added: "We are ready." "Nobody asked us," a resident complained.'
)


def test_one_attribution_per_span_with_where_it_was_found() -> None:
    spans = find_quotes(TEXT)
    got = attribute(TEXT, spans)
    assert len(got) == len(spans) == 3
    assert [(a.as_named, a.cue, a.how) for a in got] == [
        ("Mayor Anna Lindqvist", "said", "after"),
        ("She", "added", "before"),
        ("a resident", "complained", "after"),
    ]


def test_a_quotation_nobody_is_said_to_have_said_gets_none() -> None:
    text = 'The committee met on Tuesday. "Closed for the season." The doors stayed shut.'
    got = attribute(text, find_quotes(text))
    assert got == [NONE]


def test_the_speaker_phrase_resolves_to_one_person_through_pronoun_and_surname() -> None:
    speakers = DocumentSpeakers(TEXT)
    first = speakers.resolve("Mayor Anna Lindqvist", 40)
    assert first is not None and first.name == "Anna Lindqvist" and not first.is_organisation
    assert speakers.resolve("She", 80) == first  # the pronoun agrees with a woman's name
    assert speakers.resolve("Lindqvist", 120) == first
    assert speakers.resolve(None, 0) is None


def test_names_titles_and_bodies() -> None:
    assert person_name("Chinese Foreign Ministry spokesman Wang Wenbin") == "Wang Wenbin"
    assert person_name("Secretary of State Antony Blinken") == "Antony Blinken"
    assert person_name("Tom Clarke of Patriot Coal") == "Tom Clarke"
    assert person_name("the company") is None
    assert organisation_name("the Foreign Ministry") == "Foreign Ministry"
    assert organisation_name("Mayor Anna Lindqvist") is None
    assert (gender_of("Mrs Smith"), gender_of("the minister")) == ("f", None)


def test_two_spellings_of_one_name_are_one_person_and_two_people_are_not() -> None:
    assert same_person("Anthony Blinken", "Antony Blinken")
    assert same_person("Vasily Kashin", "Vassily Kashin")
    assert not same_person("Anna Lindqvist", "Boris Lindqvist")


def test_people_reported_as_speaking_without_quotation_marks() -> None:
    text = "Mayor Anna Lindqvist said the bridge would open. Peter Holm told reporters otherwise."
    assert [name for _, name in reported_speakers(text)] == ["Mayor Anna Lindqvist", "Peter Holm"]
