"""Claim clusters on the seeds: quality, the CLI, and reviewers' work surviving re-clustering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, SEEDS
from sqlalchemy import select

from tracker.clusters import rebuild
from tracker.evaluate import (
    load_annotation,
    score_clusters,
    score_suggestions,
    stored_quote_spans,
)
from tracker.store.db import open_database
from tracker.store.models import (
    Cluster,
    Decision,
    DecisionKind,
    Document,
    Quote,
    Status,
    Suggestion,
)


def ingest_all(tracker) -> None:
    res = tracker("ingest", str(SEEDS), str(DATA / "extra"))
    assert res.exit_code == 0, res.output


def cluster_json(tracker, *args: str) -> list[dict]:
    res = tracker("clusters", "--limit", "0", "--json", *args)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_pairwise_quality_on_the_annotated_seeds(tracker):
    ingest_all(tracker)
    db = open_database(tracker.url)
    with db.Session() as s:
        names = {d.id: Path(d.source).name for d in s.scalars(select(Document))}
        texts = {Path(d.source).name: d.text for d in s.scalars(select(Document))}
        spans = stored_quote_spans(s, names)
    db.dispose()
    gold = json.loads((DATA / "seed_clusters.json").read_text(encoding="utf-8"))
    r = score_clusters(texts, spans, load_annotation(DATA / "seed_quotes.jsonl"), gold)
    assert r.precision >= 0.95, r.spurious
    assert r.recall >= 0.90, r.missed


def _seed_suggestions(url: str):
    db = open_database(url)
    with db.Session() as s:
        names = {d.id: Path(d.source).name for d in s.scalars(select(Document))}
        texts = {Path(d.source).name: d.text for d in s.scalars(select(Document))}
        spans = stored_quote_spans(s, names)
        rows = [
            tuple(r)
            for r in s.execute(select(Suggestion.quote_a, Suggestion.quote_b, Suggestion.score))
        ]
    db.dispose()
    gold = json.loads((DATA / "seed_clusters.json").read_text(encoding="utf-8"))
    links = score_clusters(texts, spans, load_annotation(DATA / "seed_quotes.jsonl"), gold)
    return links, score_suggestions(texts, spans, gold, rows), rows


def test_paraphrases_are_suggested_never_linked(tracker):
    # The three pairs outlets rendered in other words are each among the other side's
    # five best "possibly the same" suggestions, after ingest and after a rebuild, and
    # no confusable pair (must_not_link) is ever put in one cluster.
    ingest_all(tracker)
    for step in ("ingest", "rebuild"):
        if step == "rebuild":
            assert tracker("cluster", "--rebuild").exit_code == 0
        links, ranks, _ = _seed_suggestions(tracker.url)
        assert links.precision == 1.0, links.spurious
        assert len(ranks) == 3 and all(r.within(5) for r in ranks), (step, ranks)
        assert all(r.rank_a != 0 for r in ranks[:2]), "a paraphrase was linked, not suggested"


def test_a_rejected_suggestion_is_never_shown_again(tracker, tmp_path):
    # A reviewer keeps a suggested pair apart (a cannot-link decision, as `tracker
    # reject` stores it): neither a rebuild nor a later ingest suggests it again.
    ingest_all(tracker)
    _, _, rows = _seed_suggestions(tracker.url)
    a, b, _ = max(rows, key=lambda r: r[2])
    db = open_database(tracker.url)
    with db.Session.begin() as s:
        s.add(Decision(kind=DecisionKind.CANNOT_LINK, quote_a=a, quote_b=b, reviewer="alice"))
        s.execute(
            Suggestion.__table__.delete().where(Suggestion.quote_a == a, Suggestion.quote_b == b)
        )
    db.dispose()
    assert tracker("cluster", "--rebuild").exit_code == 0
    more = tmp_path / "more"
    more.mkdir()
    for p in SEEDS.glob("*.txt"):
        (more / f"again_{p.name}").write_text(p.read_text(encoding="utf-8") + "\nAgain.\n")
    assert tracker("ingest", str(more)).exit_code == 0
    _, _, after = _seed_suggestions(tracker.url)
    assert after and (a, b) not in {(x, y) for x, y, _ in after}


def test_a_reject_from_the_command_line_is_taken_back_by_unreject(tracker):
    """A pair kept apart by mistake comes back as a suggestion, with its score; once taken
    back there is nothing left to take back."""
    ingest_all(tracker)

    def pairs() -> dict[tuple[int, int], float]:
        rows = json.loads(tracker("suggestions", "--json").output)
        return {(r["cluster_a"], r["cluster_b"]): r["score"] for r in rows}

    before = pairs()
    (a, b), score = max(before.items(), key=lambda kv: kv[1])
    rejected = tracker("reject", str(a), str(b), "--reviewer", "alice")
    assert rejected.exit_code == 0 and f"tracker unreject {a} {b}" in rejected.output
    assert (a, b) not in pairs()
    # Either order names the pair.
    back = tracker("unreject", str(b), str(a), "--reviewer", "alice")
    assert back.exit_code == 0, back.output
    assert pairs() == before
    again = tracker("unreject", str(a), str(b))
    assert again.exit_code == 1 and 'no "not the same"' in again.output
    # Both histories say so: `show` lists them as the review UI does.
    assert "not the same undone" in tracker("show", str(a)).output
    events = json.loads(tracker("show", str(b), "--json").output)["history"]
    assert [e["action"] for e in events] == ["not the same", "not the same undone"]
    assert events[0]["reviewer"] == "alice"


def test_named_cross_outlet_statements_land_in_one_cluster(tracker):
    ingest_all(tracker)
    rows = cluster_json(tracker)
    required = {"id", "claim", "speaker", "status", "outlets", "quotes", "first_seen"}
    assert rows and all(required <= set(r) for r in rows)

    def cluster_with(fragment: str) -> dict:
        (hit,) = [r for r in rows if r["claim"].startswith(fragment)]
        return hit

    back = cluster_with("We hope that the upcoming summit")
    assert back["outlets"] == 2 and back["quotes"] == 4
    assert set(back["outlet_list"]) == {"MEMRI", "South China Morning Post"}
    belt = cluster_with("A new model of cooperation")
    assert set(belt["outlet_list"]) == {"MEMRI", "New Eastern Outlook"}
    upper = cluster_with("There is no end point")
    assert upper["quotes"] == 2 and upper["speaker"] == "Wang Yi"
    # The stock phrase said by two people is two statements.
    assert len([r for r in rows if "unprecedentedly high level" in r["claim"]]) == 2
    shown = tracker("show", str(back["id"]))
    assert shown.exit_code == 0 and "back-to-back" in shown.output and "part" in shown.output
    assert tracker("show", "999999").exit_code == 4


def test_reviewers_work_survives_rebuild_and_new_ingests(tracker, tmp_path):
    ingest_all(tracker)
    rows = cluster_json(tracker)
    belt = next(r for r in rows if r["claim"].startswith("A new model of cooperation"))
    back = next(r for r in rows if r["claim"].startswith("We hope that the upcoming summit"))
    upper = next(r for r in rows if r["claim"].startswith("There is no end point"))
    db = open_database(tracker.url)
    with db.Session.begin() as s:
        c = s.get(Cluster, belt["id"])
        c.status, c.note = Status.VERIFIED, "Checked against the Kremlin transcript."
    db.dispose()
    # A reviewer merges two unrelated clusters and splits one quote off another.
    res = tracker("merge", str(belt["id"]), str(upper["id"]))
    assert res.exit_code == 0, res.output
    detail = json.loads(tracker("show", str(back["id"]), "--json").output)
    scmp = [m["quote_id"] for m in detail["members"] if m["text"] == "back-to-back"]
    res = tracker("split", str(back["id"]), *map(str, scmp))
    assert res.exit_code == 0, res.output
    split_id = int(res.output.strip().splitlines()[-1])

    def state() -> dict:
        db = open_database(tracker.url)
        with db.Session() as s:
            c = s.get(Cluster, belt["id"])
            out = {
                "belt": (c.status, c.note, len(c.quotes)),
                "split": [
                    q.id for q in s.scalars(select(Quote).where(Quote.cluster_id == split_id))
                ],
                "back": sorted(
                    q.id for q in s.scalars(select(Quote).where(Quote.cluster_id == back["id"]))
                ),
            }
        db.dispose()
        return out

    before = state()
    assert before["belt"] == (Status.VERIFIED, "Checked against the Kremlin transcript.", 4)
    assert before["split"] == scmp
    assert tracker("cluster", "--rebuild").exit_code == 0
    assert state() == before
    # A new article quoting the same words neither dissolves nor renumbers anything.
    extra = tmp_path / "later.txt"
    extra.write_text(
        "Wang Yi said again there is “no upper limit” to the partnership.\n", encoding="utf-8"
    )
    assert tracker("ingest", str(extra)).exit_code == 0
    after = state()
    assert after["belt"][:2] == before["belt"][:2] and after["belt"][2] == 5
    assert after["split"] == before["split"] and after["back"] == before["back"]


def test_rebuild_keeps_ids_stable(db_url):
    from tracker.ingest import ingest

    db = open_database(db_url)
    ingest(db, [SEEDS])
    with db.Session() as s:
        before = dict(s.execute(select(Quote.id, Quote.cluster_id)).all())
    with db.Session.begin() as s:
        rebuild(s)
    with db.Session() as s:
        after = dict(s.execute(select(Quote.id, Quote.cluster_id)).all())
    db.dispose()
    assert before == after


def test_rebuild_never_joins_clusters_judged_separately(tracker):
    # Ingest strictly (nothing but identical wordings link), judge both versions of
    # Putin's statement differently, then re-cluster with the normal threshold.
    assert tracker("ingest", "--link-score", "100", str(SEEDS)).exit_code == 0
    rows = cluster_json(tracker)
    full = next(r for r in rows if r["claim"].startswith("A new model of cooperation"))
    part = next(r for r in rows if r["claim"].startswith("the principles of noninterference"))
    assert full["id"] != part["id"]
    assert tracker("verdict", str(full["id"]), "verified").exit_code == 0
    assert tracker("verdict", str(part["id"]), "misquoted").exit_code == 0
    assert tracker("cluster", "--rebuild").exit_code == 0
    after = {r["id"]: r for r in cluster_json(tracker, "--status", "verified")}
    after |= {r["id"]: r for r in cluster_json(tracker, "--status", "misquoted")}
    assert after[full["id"]]["quotes"] == 1 and after[part["id"]]["quotes"] == 1


def test_a_split_can_be_made_again_after_a_merge(tracker):
    ingest_all(tracker)
    back = next(
        r
        for r in cluster_json(tracker)
        if r["claim"].startswith("We hope that the upcoming summit")
    )
    members = json.loads(tracker("show", str(back["id"]), "--json").output)["members"]
    moved = str(members[-1]["quote_id"])
    first = tracker("split", str(back["id"]), moved)
    assert first.exit_code == 0, first.output
    new_id = first.output.strip().splitlines()[-1]
    assert tracker("merge", str(back["id"]), new_id).exit_code == 0
    again = tracker("split", str(back["id"]), moved)
    assert again.exit_code == 0, again.output


def test_a_split_from_the_command_line_is_taken_back_by_unsplit(tracker):
    """The split says how to take it back; `unsplit` puts the quotes back where they were,
    with their wording, and leaves none of the split's decisions; `show` says so."""
    ingest_all(tracker)
    back = next(
        r
        for r in cluster_json(tracker)
        if r["claim"].startswith("We hope that the upcoming summit")
    )

    def shown() -> tuple:
        out = json.loads(tracker("show", str(back["id"]), "--json").output)
        listed = [r for r in cluster_json(tracker) if r["id"] == back["id"]]
        return [out[k] for k in ("claim", "speakers", "members", "suggestions")], listed

    before = shown()
    assert before[1] == [back]
    moved = str(before[0][2][-1]["quote_id"])
    split = tracker("split", str(back["id"]), moved)
    assert split.exit_code == 0, split.output
    new_id = split.stdout.strip()
    assert f"(`tracker unsplit {new_id}` takes it back)" in split.stderr
    res = tracker("unsplit", new_id, "--reviewer", "alice")
    assert res.exit_code == 0, res.output
    assert f"quotes {moved} are back in cluster {back['id']}" in res.stderr
    assert shown() == before
    db = open_database(tracker.url)
    with db.Session() as s:
        assert s.scalars(select(Decision)).first() is None
    db.dispose()
    history = json.loads(tracker("show", str(back["id"]), "--json").output)["history"]
    assert [(e["action"], e["old"], e["new"]) for e in history] == [
        ("split", moved, new_id),
        ("unsplit", new_id, str(back["id"])),
    ]
    assert f"unsplit: {new_id} → {back['id']}" in tracker("show", str(back["id"])).stdout
    assert tracker("unsplit", new_id).exit_code == 4  # gone: nothing left to take back
    res = tracker("unsplit", str(back["id"]))
    assert res.exit_code == 1 and "not made by a split" in res.stderr


def test_reviewer_names_are_text_not_markup(tracker):
    ingest_all(tracker)
    cid = str(cluster_json(tracker)[0]["id"])
    res = tracker("verdict", cid, "verified", "--reviewer", "[/x] [bold]eve")
    assert res.exit_code == 0, res.output
    assert "[/x] [bold]eve" in res.output


def test_ingest_without_clustering_then_cluster_places_quotes_as_ingest_would(tracker):
    """The bulk path (`ingest --no-cluster`, then `tracker cluster`) ends where ingest does."""

    def partition() -> set[frozenset[str]]:
        db = open_database(tracker.url)
        with db.Session() as s:
            groups: dict[int, set[str]] = {}
            for q in s.scalars(select(Quote)):
                assert q.cluster_id is not None
                groups.setdefault(q.cluster_id, set()).add(f"{q.document_id}:{q.start}")
        db.dispose()
        return {frozenset(g) for g in groups.values()}

    ingest_all(tracker)
    clustered_as_ingested = partition()
    db = open_database(tracker.url)
    with db.Session.begin() as s:  # as if ingested with --no-cluster
        s.execute(Quote.__table__.update().values(cluster_id=None))
        s.execute(Cluster.__table__.delete())
    db.dispose()
    res = tracker("cluster")
    assert res.exit_code == 0, res.output
    assert "quotes placed" in res.output
    assert partition() == clustered_as_ingested


def test_a_verified_claim_keeps_its_wording_when_a_longer_version_joins(tracker, tmp_path):
    # The verdict was given on this wording: a longer version pulled in by re-clustering
    # joins the cluster as a member, but does not become the claim the verdict is about.
    ingest_all(tracker)
    upper = next(r for r in cluster_json(tracker) if r["claim"].startswith("There is no end"))
    assert tracker("verdict", str(upper["id"]), "verified").exit_code == 0
    longer = tmp_path / "longer.txt"
    longer.write_text(
        f"Wang Yi said: “{upper['claim'].rstrip('.')}, none at all.”\n", encoding="utf-8"
    )
    assert tracker("ingest", str(longer)).exit_code == 0
    assert tracker("cluster", "--rebuild").exit_code == 0
    detail = json.loads(tracker("show", str(upper["id"]), "--json").output)
    assert detail["claim"] == upper["claim"]
    assert any(m["text"].endswith("none at all.") for m in detail["members"])


def test_a_fuller_version_joins_the_statement_not_the_passage_quoting_it(tracker, tmp_path):
    # MEMRI's analyst quotes Wang Yi inside a long passage. A fuller version of Wang
    # Yi's words from another outlet belongs with Wang Yi's quote, not the passage,
    # and must not glue the passage to Wang Yi's statement.
    ingest_all(tracker)
    rows = cluster_json(tracker)
    upper = next(r for r in rows if r["claim"].startswith("There is no end"))
    passage = next(r for r in rows if r["claim"].startswith("In turn, the Chinese side"))
    longer = tmp_path / "longer.txt"
    longer.write_text(
        f"Wang Yi said: “{upper['claim'].rstrip('.')}, none at all.”\n", encoding="utf-8"
    )
    assert tracker("ingest", str(longer)).exit_code == 0

    def members(cid: int) -> list[str]:
        shown = json.loads(tracker("show", str(cid), "--json").output)
        return [m["text"] for m in shown["members"]]

    # Another outlet reprints the analyst's passage with a word changed: that is the
    # passage again, not a fuller version of Wang Yi's words.
    reprint = tmp_path / "reprint.txt"
    reprinted = passage["claim"].replace("In turn,", "Meanwhile,", 1)
    reprint.write_text(f"An analyst wrote: “{reprinted}”\n", encoding="utf-8")
    assert tracker("ingest", str(reprint)).exit_code == 0
    for stage in ("ingest", "rebuild"):
        if stage == "rebuild":
            assert tracker("cluster", "--rebuild").exit_code == 0
        assert any(t.startswith("Meanwhile,") for t in members(passage["id"])), stage
        wang_yi = members(upper["id"])
        assert any(t.endswith("none at all.") for t in wang_yi), stage
        assert not any(t.startswith("In turn, the Chinese side") for t in wang_yi), stage
        assert not any(t.endswith("none at all.") for t in members(passage["id"])), stage
        claim = json.loads(tracker("show", str(upper["id"]), "--json").output)["claim"]
        assert claim.endswith("none at all."), stage  # the most complete version


def test_a_verdict_merged_into_an_unreviewed_cluster_keeps_its_claim(tracker):
    ingest_all(tracker)
    rows = cluster_json(tracker)
    belt = next(r for r in rows if r["claim"].startswith("A new model of cooperation"))
    upper = next(r for r in rows if r["claim"].startswith("There is no end point"))
    assert tracker("verdict", str(upper["id"]), "verified").exit_code == 0
    assert tracker("merge", str(belt["id"]), str(upper["id"])).exit_code == 0
    merged = json.loads(tracker("show", str(belt["id"]), "--json").output)
    assert (merged["claim"], merged["status"]) == (upper["claim"], "verified")


def test_an_undone_merge_leaves_no_decision_behind(tracker):
    from tracker import review

    ingest_all(tracker)
    rows = cluster_json(tracker)
    belt = next(r for r in rows if r["claim"].startswith("A new model of cooperation"))
    upper = next(r for r in rows if r["claim"].startswith("There is no end point"))
    db = open_database(tracker.url)
    with db.Session.begin() as s:
        review.set_verdict(s, upper["id"], "verified", reviewer="ann")
    with db.Session.begin() as s:
        change = review.merge(s, belt["id"], upper["id"], reviewer="ann")
    with db.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    db.dispose()
    assert tracker("cluster", "--rebuild").exit_code == 0
    after = {r["id"]: r for r in cluster_json(tracker)}
    for r in (belt, upper):
        assert (after[r["id"]]["claim"], after[r["id"]]["quotes"]) == (r["claim"], r["quotes"])
    assert after[upper["id"]]["status"] == "verified"
    assert after[belt["id"]]["status"] == "unreviewed"


def test_merges_into_one_cluster_are_undone_in_turn_and_a_later_verdict_blocks_undo(tracker):
    from tracker import review
    from tracker.review import ReviewError

    ingest_all(tracker)
    rows = cluster_json(tracker)
    a, b, c = (rows[0], rows[1], rows[2])
    db = open_database(tracker.url)
    with db.Session.begin() as s:
        first = review.merge(s, a["id"], b["id"], reviewer="ann")
    with db.Session.begin() as s:
        second = review.merge(s, a["id"], c["id"], reviewer="ann")
    for change in (second, first):
        with db.Session.begin() as s:
            review.undo(s, change, reviewer="ann")
    after = {r["id"]: r for r in cluster_json(tracker)}
    for r in (a, b, c):
        assert (after[r["id"]]["claim"], after[r["id"]]["quotes"]) == (r["claim"], r["quotes"])
    # Bob confirms the verdict the merged cluster inherited: ann's undo would throw his
    # judgement away, so it is refused, even though the status is the same.
    with db.Session.begin() as s:
        review.set_verdict(s, b["id"], "verified", reviewer="carol")
    with db.Session.begin() as s:
        change = review.merge(s, a["id"], b["id"], reviewer="ann")
    with db.Session.begin() as s:
        review.set_verdict(s, a["id"], "verified", reviewer="bob")
    with pytest.raises(ReviewError, match="bob set verdict"), db.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    with db.Session() as s:
        merged = s.get(Cluster, a["id"])
        assert (merged.status, merged.reviewer) == (Status.VERIFIED, "bob")
        assert s.get(Cluster, b["id"]) is None
    db.dispose()


def test_a_verdict_set_and_taken_back_does_not_block_undoing_the_merge(tracker):
    from tracker import review
    from tracker.review import ReviewError

    ingest_all(tracker)
    rows = cluster_json(tracker)
    a, b = rows[0], rows[1]
    db = open_database(tracker.url)
    with db.Session.begin() as s:
        change = review.merge(s, a["id"], b["id"], reviewer="ann")
    # Bob sets a verdict and a note on the merged cluster, then takes both back (ctrl+z):
    # nothing of his is left to lose, so ann can still undo her merge.
    with db.Session.begin() as s:
        verdict = review.set_verdict(s, a["id"], "disputed", reviewer="bob")[0]
    with db.Session.begin() as s:
        note = review.set_note(s, a["id"], "ask the agency", reviewer="bob")
    for taken in (note, verdict):
        with db.Session.begin() as s:
            review.undo(s, taken, reviewer="bob")
    with db.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    after = {r["id"]: r for r in cluster_json(tracker)}
    for r in (a, b):
        assert (after[r["id"]]["claim"], after[r["id"]]["quotes"]) == (r["claim"], r["quotes"])
        assert after[r["id"]]["status"] == "unreviewed"
    # A note that stands (set, changed, not taken back) still blocks it.
    with db.Session.begin() as s:
        change = review.merge(s, a["id"], b["id"], reviewer="ann")
    with db.Session.begin() as s:
        review.set_note(s, a["id"], "first", reviewer="bob")
    with db.Session.begin() as s:
        review.set_note(s, a["id"], "second", reviewer="bob")
    with pytest.raises(ReviewError, match="bob set note on cluster"), db.Session.begin() as s:
        review.undo(s, change, reviewer="ann")
    db.dispose()


def test_a_phrase_quoted_after_its_longer_versions_gathers_them_at_ingest(tracker, tmp_path):
    # The longer versions arrive first, each in its own article and cluster (neither
    # contains the other); the bare phrase arrives a day later and brings them together,
    # as a rebuild would.
    texts = {
        "a.txt": 'September 9, 2008\n\nBarack Obama said: "You can put lipstick on a pig, '
        'nobody is fooled by that."\n',
        "b.txt": 'September 9, 2008\n\nBarack Obama said: "I think they put some lipstick '
        'on a pig but it is still a pig."\n',
        "c.txt": 'September 10, 2008\n\nBarack Obama said the campaign was "lipstick on a '
        'pig" and moved on.\n',
    }
    for name, text in texts.items():
        d = tmp_path / name.removesuffix(".txt")
        d.mkdir()
        (d / name).write_text(text, encoding="utf-8")
        assert tracker("ingest", str(d)).exit_code == 0
    db = open_database(tracker.url)
    with db.Session() as s:
        rows = s.execute(select(Quote.normalized, Quote.cluster_id)).all()
    db.dispose()
    assert len(rows) == 3, rows
    assert len({cid for _, cid in rows}) == 1, rows


def _partition(url: str) -> set[frozenset[tuple[int, int]]]:
    """Each cluster as the set of its quotes' (document, offset); every quote must be in one."""
    db = open_database(url)
    with db.Session() as s:
        groups: dict[int, set[tuple[int, int]]] = {}
        for q in s.scalars(select(Quote)):
            assert q.cluster_id is not None
            groups.setdefault(q.cluster_id, set()).add((q.document_id, q.start))
    db.dispose()
    return {frozenset(g) for g in groups.values()}


def test_a_first_load_clusters_once_at_the_end_however_it_is_grouped(tmp_path):
    """Into an archive with no clusters, ingest stores every group, then clusters all the
    quotes at once (announcing how many): the clusters of `tracker cluster --rebuild`,
    whatever the grouping. A later run places its quotes into those clusters as it goes."""
    from tracker.ingest import ingest

    partitions, announced = [], []
    for group in (1, 50):
        url = f"sqlite:///{tmp_path / f'g{group}.db'}"
        db = open_database(url)
        report = ingest(
            db, [SEEDS, DATA / "extra"], group_documents=group, on_clustering=announced.append
        )
        db.dispose()
        assert announced[-1] == report.quotes > 0
        partitions.append(_partition(url))
        if group == 50:
            before = partitions[-1]
            db = open_database(url)
            with db.Session.begin() as s:
                rebuild(s)
            db.dispose()
            assert _partition(url) == before
    assert partitions[0] == partitions[1]
    assert len(announced) == 2

    later = tmp_path / "later.txt"
    later.write_text('Ann Lee said: "The harbour bridge will reopen in the spring."\n')
    db = open_database(url)
    report = ingest(db, [later], on_clustering=announced.append)
    db.dispose()
    assert report.quotes == 1 and len(announced) == 2  # placed with its group, not at the end
    after = _partition(url)
    assert before < after and len(after - before) == 1


def _placed(url: str) -> tuple[set, set]:
    """Clusters (as sets of quote ids) and suggestions (pairs of quotes, with the score)."""
    db = open_database(url)
    with db.Session() as s:
        members: dict[int, set[int]] = {}
        for qid, cid in s.execute(select(Quote.id, Quote.cluster_id)):
            members.setdefault(cid, set()).add(qid)
        suggested = {
            (a, b, round(score, 1))
            for a, b, score in s.execute(
                select(Suggestion.quote_a, Suggestion.quote_b, Suggestion.score)
            )
        }
    db.dispose()
    return {frozenset(m) for m in members.values()}, suggested


def test_a_loaded_machine_places_quotes_as_an_idle_one_does(tmp_path, monkeypatch):
    """Into a clustered archive, quotes are placed group by group, so the groups must not
    depend on the clock: the same files give the same clusters and suggestions when every
    step seems to take ten seconds (a busy machine) as when nothing does."""
    import itertools
    import time

    from tracker.ingest import ingest

    seeds = sorted(SEEDS.glob("*.txt"))
    ticks = itertools.count(0.0, 10.0)
    results = []
    for slow in (False, True):
        url = f"sqlite:///{tmp_path / f'slow{slow}.db'}"
        db = open_database(url)
        ingest(db, seeds[:1])  # a first load: the archive has clusters from here on
        if slow:
            monkeypatch.setattr(time, "monotonic", lambda: float(next(ticks)))
        ingest(db, seeds[1:])
        monkeypatch.undo()
        db.dispose()
        results.append(_placed(url))
    assert results[0][1], "the seeds make suggestions"
    assert results[0] == results[1]


def test_a_merge_keeps_the_targets_claim_through_new_versions_and_rebuilds(tracker, tmp_path):
    # The reviewer names the cluster to keep: a longer statement by someone else merged
    # into it, or a fuller version of that statement arriving later, is a member, never
    # the new claim (nor its speaker).
    (tmp_path / "a.txt").write_text('Alice Smith said: "The bridge will open in May."\n')
    (tmp_path / "b.txt").write_text(
        'Bob Jones said: "The tunnel under the river is going to cost far more than '
        'anyone has admitted so far."\n'
    )
    assert tracker("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")).exit_code == 0
    bridge, tunnel = (
        next(r for r in cluster_json(tracker) if r["claim"].startswith(words))
        for words in ("The bridge", "The tunnel")
    )
    assert tracker("merge", str(bridge["id"]), str(tunnel["id"])).exit_code == 0

    def claim() -> tuple[str, str]:
        (row,) = cluster_json(tracker)
        return row["claim"], row["speaker"]

    assert claim() == (bridge["claim"], "Alice Smith")
    fuller = tmp_path / "fuller.txt"
    fuller.write_text(
        'Bob Jones said: "The tunnel under the river is going to cost far more than '
        'anyone has admitted so far, and the city knows it."\n'
    )
    assert tracker("ingest", str(fuller)).exit_code == 0
    assert claim() == (bridge["claim"], "Alice Smith")
    assert tracker("cluster", "--rebuild").exit_code == 0
    assert claim() == (bridge["claim"], "Alice Smith")
    # Taken back, the merge no longer holds the wording: each cluster has its own again.
    assert tracker("unmerge", str(bridge["id"])).exit_code == 0
    assert tracker("cluster", "--rebuild").exit_code == 0
    claims = {r["id"]: r["claim"] for r in cluster_json(tracker)}
    assert claims[bridge["id"]] == bridge["claim"]
    assert claims[tunnel["id"]].endswith("and the city knows it.")
