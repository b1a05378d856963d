"""The cluster list a reviewer can trust: ranks by appearances, lists claims only once,
and names the speaker the same way in the UI and the CLI."""

from __future__ import annotations

import json

from sqlalchemy import select

from tracker.browse import ClusterFilter, cluster_page
from tracker.ingest import ingest
from tracker.store.models import Quote


def cluster_of(db, start: str) -> int:
    with db.Session() as s:
        found = {
            c for c, t in s.execute(select(Quote.cluster_id, Quote.text)) if t.startswith(start)
        }
    assert len(found) == 1, found
    return found.pop()


def test_words_repeated_in_one_document_are_one_appearance(seeded, tmp_path):
    # A related-article link repeats a quotation the page already carries.
    page = tmp_path / "repeat.txt"
    page.write_text(
        'Harbour row\n\n"The new pier will never carry heavy trucks," Mayor Ida Brenner '
        'said on Monday.\n\nRelated: Brenner: "The new pier will never carry heavy trucks," '
        "mayor says\n",
        encoding="utf-8",
    )
    ingest(seeded, [page])
    with seeded.Session() as s:
        rows = cluster_page(s, ClusterFilter(), "spread", 0, 0)
        repeated = cluster_of(seeded, "The new pier will never")
        quotes = s.scalars(select(Quote).where(Quote.cluster_id == repeated)).all()
    assert len(quotes) == 2 and len({q.document_id for q in quotes}) == 1
    row = next(r for r in rows if r.id == repeated)
    assert row.quotes == 1
    # It does not rank above every other single-outlet claim: ties go by id.
    singles = [r.id for r in rows if r.outlets == 1 and r.status == "unreviewed"]
    assert singles == sorted(singles)


def test_an_outlets_name_and_a_passage_made_of_quotes_are_not_claims(seeded, tracker):
    listed = {r["claim"] for r in json.loads(tracker("clusters", "--json", "--limit", "0").stdout)}
    assert "New Eastern Outlook" not in listed
    kashin = cluster_of(seeded, "In 2021, the parties have significantly")
    passage = cluster_of(seeded, "'In 2021, the parties have significantly")
    ids = {r["id"] for r in json.loads(tracker("clusters", "--json", "--limit", "0").stdout)}
    assert kashin in ids and passage not in ids  # the words once, with their speaker
    with seeded.Session() as s:
        assert passage not in {r.id for r in cluster_page(s, ClusterFilter(), "spread", 0, 0)}
    # Shown with everything else hidden (h / --scare), and merging the two raises no flag.
    everything = json.loads(tracker("clusters", "--json", "--limit", "0", "--scare").stdout)
    assert passage in {r["id"] for r in everything}
    assert tracker("merge", str(kashin), str(passage)).exit_code == 0
    detail = json.loads(tracker("show", str(kashin), "--json").stdout)
    assert detail["speakers"] == ["Vasily Kashin"] and not detail["misattribution"]


def test_the_speaker_column_agrees_between_ui_and_cli(seeded, tracker):
    from tracker.browse import speaker_label

    cli = {
        r["id"]: r["speaker_label"]
        for r in json.loads(tracker("clusters", "--json", "--limit", "0").stdout)
    }
    with seeded.Session() as s:
        ui = {r.id: speaker_label(r.speaker, r.speakers) for r in cluster_page(s, ClusterFilter())}
    assert ui and all(cli[cid] == label for cid, label in ui.items())
    back = cluster_of(seeded, "We hope that the upcoming summit")
    assert cli[back] == "Wang Wenbin +1"
