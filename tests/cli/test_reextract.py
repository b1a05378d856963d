"""`tracker reextract` upgrades stored quotes in place and never touches a reviewer's work.

An older extractor is simulated by editing what it stored: a speaker it missed, a kind it
got wrong, a closing comma it kept, a quotation it never found and a span it found that the
current one does not.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from tracker.store.db import open_database
from tracker.store.models import Cluster, ClusterEvent, Quote, QuoteKind

ARTICLE = (
    "Mayor Ines Calder spoke on Monday about the river crossing.\n\n"
    '"The bridge will reopen in May," Calder said.\n\n'
    '"We have the money and the crews," she added.\n\n'
    'Opponents of the mayor called the schedule "a fantasy" and said they would sue.\n'
)


def _quotes(db) -> dict[str, Quote]:
    with db.Session() as s:
        return {q.text: q for q in s.scalars(select(Quote))}


def test_reextract_upgrades_quotes_and_keeps_reviewers_work(tracker, tmp_path):
    (tmp_path / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    assert tracker("ingest", "-q", str(tmp_path / "bridge.txt")).exit_code == 0
    db = open_database(tracker.url)
    before = _quotes(db)
    reopen = before["The bridge will reopen in May"]
    crews = before["We have the money and the crews"]
    assert reopen.speaker_id is not None and crews.speaker_id is not None

    # What an older extractor left behind.
    with db.Session.begin() as s:
        s.get(Quote, reopen.id).speaker_id = None  # it found no speaker
        s.get(Quote, reopen.id).text += ","  # it kept the comma that closes the quotation
        s.get(Quote, crews.id).kind = QuoteKind.SCARE  # it got the kind wrong
        s.execute(delete(Quote).where(Quote.text == "a fantasy"))  # it missed this one
        doc = reopen.document_id
        stray = Quote(
            document_id=doc,
            start=0,
            end=5,
            text=ARTICLE[0:5],
            normalized="mayor",
            kind=QuoteKind.PHRASE,
            context="",
            cluster_id=None,
        )
        judged = Quote(
            document_id=doc,
            start=6,
            end=10,
            text=ARTICLE[6:10],
            normalized="ines",
            kind=QuoteKind.PHRASE,
            context="",
            cluster_id=reopen.cluster_id,
        )
        s.add_all([stray, judged])
        s.flush()
        stray_id, judged_id = stray.id, judged.id
    cid = reopen.cluster_id
    assert (
        tracker("verdict", str(cid), "verified", "--note", "Matches the recording.").exit_code == 0
    )

    result = tracker("reextract", "-q")
    assert result.exit_code == 0, result.output
    assert "1 speaker change on reviewed clusters recorded" in result.output

    after = _quotes(db)
    # Unchanged spans keep their ids; the speaker and the kind are the current extractor's.
    # The stored text loses the comma the span still covers.
    assert "The bridge will reopen in May," not in after
    assert after["The bridge will reopen in May"].id == reopen.id
    assert after["The bridge will reopen in May"].speaker_id == crews.speaker_id
    assert after["We have the money and the crews"].kind == QuoteKind.SENTENCE
    # The missed quotation is found and clustered; the stray span goes; the span in the
    # reviewed cluster stays, since a reviewer judged the cluster it is in.
    assert after["a fantasy"].cluster_id is not None
    assert stray_id not in {q.id for q in after.values()}
    assert judged_id in {q.id for q in after.values()}
    with db.Session() as s:
        cluster = s.get(Cluster, cid)
        assert (cluster.status.value, cluster.note) == ("verified", "Matches the recording.")
        events = s.scalars(select(ClusterEvent).where(ClusterEvent.cluster_id == cid)).all()
        speaker_events = [e for e in events if e.action == "speaker"]
        assert len(speaker_events) == 1
        assert "(none)" in speaker_events[0].old_value
        assert "Ines Calder" in speaker_events[0].new_value

    # A second run finds nothing to change.
    again = tracker("reextract", "-q")
    assert again.exit_code == 0
    assert "0 updated), 0 added, 0 removed" in again.output
    db.dispose()


def test_reextract_on_an_empty_database_says_so(db, tracker):
    # ``db`` makes the empty database: a missing file is refused (test_cli_edges.py).
    result = tracker("reextract", "-q")
    assert result.exit_code == 0, result.output
    assert "0 documents" in result.output


def test_a_stale_claim_of_an_unreviewed_cluster_goes_and_the_cluster_follows(tracker, tmp_path):
    (tmp_path / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    assert tracker("ingest", "-q", str(tmp_path / "bridge.txt")).exit_code == 0
    db = open_database(tracker.url)
    with db.Session.begin() as s:  # an older extractor's span, alone in its own cluster
        doc = s.scalars(select(Quote.document_id)).first()
        stale = Quote(
            document_id=doc,
            start=0,
            end=5,
            text=ARTICLE[0:5],
            normalized="mayor",
            kind=QuoteKind.PHRASE,
            context="",
        )
        s.add(stale)
        s.flush()
        cluster = Cluster(canonical_quote_id=stale.id)
        s.add(cluster)
        s.flush()
        stale.cluster_id = cluster.id
        stale_id = stale.id
    res = tracker("reextract", "-q")
    assert res.exit_code == 0, res.output
    with db.Session() as s:
        assert s.get(Quote, stale_id) is None  # not kept: no reviewer's work rests on it
        assert all(c.canonical_quote_id != stale_id for c in s.scalars(select(Cluster)))
    db.dispose()
