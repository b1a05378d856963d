"""A wire story carried by several sites is several appearances; only a re-run is skipped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlalchemy as sa
from conftest import Tracker
from sqlalchemy import create_engine, func, select

from tracker.store.db import open_database, upgrade
from tracker.store.models import Cluster, Document, Outlet, OutletAlias, Quote, Status
from tracker.text import claim_text

STORY = (
    "<p>BERLIN (dpa) - The chancellor defended the plan on Tuesday.</p>"
    "<p>Olaf Scholz said: “We will not let energy prices ruin our industry, and we will "
    "act before the winter comes.”</p>"
    "<p>The opposition called the plan too late and too small for the families "
    "who already struggle with their bills this autumn.</p>"
    "<p>“This is a plan for the next election, not for the next winter,” said "
    "Friedrich Merz, the leader of the opposition.</p>"
)


def page(site: str, host: str, slug: str, body: str = STORY) -> str:
    return (
        "<html><head><meta charset='utf-8'><title>Scholz defends energy plan</title>"
        f"<meta property='og:site_name' content='{site}'>"
        f"<meta property='og:url' content='https://www.{host}/{slug}'>"
        "<meta property='article:published_time' content='2022-09-06T10:00:00+02:00'>"
        f"</head><body><nav>Home | Politics</nav><article><h1>Scholz defends energy plan</h1>"
        f"{body}</article><footer>Imprint</footer></body></html>"
    )


def carried_by_three_sites(folder: Path) -> Path:
    folder.mkdir()
    for site, host in [
        ("Rheinische Post", "rp-online.de"),
        ("Stuttgarter Zeitung", "stuttgarter-zeitung.de"),
        ("Kieler Nachrichten", "kn-online.de"),
    ]:
        (folder / f"{host}.html").write_text(page(site, host, "scholz-energy"), encoding="utf-8")
    return folder


def cluster_rows(tracker: Tracker) -> list[dict]:
    return json.loads(tracker("clusters", "--json", "--limit", "0").output)


def test_an_agency_story_on_three_sites_counts_three_outlets(tracker, tmp_path):
    folder = carried_by_three_sites(tmp_path / "pages")
    first = tracker("ingest", str(folder))
    assert first.exit_code == 0, first.output
    assert "3 documents added (2 with a text already stored" in first.output
    rows = cluster_rows(tracker)
    scholz = next(r for r in rows if r["claim"].startswith("We will not let energy prices"))
    merz = next(r for r in rows if r["claim"].startswith("This is a plan for the next election"))
    for row in (scholz, merz):
        assert row["outlets"] == 3 and row["quotes"] == 3
        assert row["outlet_list"] == [
            "Kieler Nachrichten",
            "Rheinische Post",
            "Stuttgarter Zeitung",
        ]
    assert json.loads(tracker("clusters", "--json", "--min-outlets", "3").output)

    # The copies' quotes are the first copy's: same spans and speakers, offsets valid.
    db = open_database(tracker.url)
    with db.Session() as s:
        docs = s.scalars(select(Document).order_by(Document.id)).all()
        assert len({d.content_hash for d in docs}) == 1 and len({d.identity for d in docs}) == 3
        spans = [[(q.start, q.end, q.speaker_id) for q in d.quotes] for d in docs]
        assert spans[0] and spans[0] == spans[1] == spans[2]
        for q in s.scalars(select(Quote)):
            assert claim_text(q.document.text[q.start : q.end]) == q.text
        assert s.get(Cluster, scholz["id"]).n_outlets == 3
    db.dispose()

    # Ingesting the same folder again adds nothing, and -v names every skip.
    again = tracker("ingest", "-v", str(folder))
    assert again.exit_code == 0
    assert "0 documents added, 3 already stored" in again.output
    for name in ("rp-online.de.html", "stuttgarter-zeitung.de.html", "kn-online.de.html"):
        assert any(
            "already stored" in line and name in line for line in again.output.splitlines()
        ), again.output
    assert cluster_rows(tracker) == rows


def test_the_same_file_name_from_another_folder_is_a_rerun_only_for_the_same_outlet(
    tracker, tmp_path
):
    text = "“We will meet again in spring,” said Ivan Petrov, the negotiator, on Monday."
    for folder, outlet in [("a", "Monitor"), ("b", "Monitor"), ("c", "Herald")]:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
        (tmp_path / folder / "manifest.json").write_text(
            json.dumps({"story.txt": {"outlet": outlet}}), encoding="utf-8"
        )
    out = tracker("ingest", "-v", str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "c"))
    assert out.exit_code == 0
    # a and b: the same outlet, file name and text (the folder was copied); c: another outlet.
    assert "2 documents added (1 with a text" in out.output and "1 already stored" in out.output
    assert any("already stored" in ln and "b/story.txt" in ln for ln in out.output.splitlines())
    (row,) = cluster_rows(tracker)
    assert row["outlets"] == 2 and row["outlet_list"] == ["Herald", "Monitor"]


def test_a_changed_text_at_the_same_place_is_stored(tracker, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("“We agree on everything,” said Ivan Petrov.", encoding="utf-8")
    assert "1 document added" in tracker("ingest", str(f)).output
    f.write_text("“We agree on everything, except the date,” said Ivan Petrov.", encoding="utf-8")
    assert "1 document added, 0 already stored" in tracker("ingest", str(f)).output


def _database_at_0005(url: str) -> None:
    """What a user of the previous release has: two spellings of one outlet, reviewed work."""
    engine = create_engine(url)
    upgrade(engine, "0005")
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    now = dt.datetime(2026, 11, 1, 12, 0)
    with engine.begin() as conn:
        conn.execute(
            t["outlets"].insert(),
            [{"id": 1, "name": "PolitiFact"}, {"id": 2, "name": "Politifact"}],
        )
        texts = [
            "“We will build the wall,” the candidate said at the rally.",
            "Asked again, the candidate said: “We will build the wall.”",
        ]
        for i, (outlet, body) in enumerate(zip([1, 2], texts, strict=True), 1):
            conn.execute(
                t["documents"].insert(),
                {
                    "id": i,
                    "content_hash": f"{i:064d}",
                    "source": f"pages/{i}.html",
                    "outlet_id": outlet,
                    "url": f"https://www.politifact.com/article/{i}/",
                    "published": dt.date(2016, 5, i),
                    "text": body,
                    "ingested_at": now,
                },
            )
        conn.execute(
            t["clusters"].insert(),
            {
                "id": 7,
                "status": "verified",
                "reviewer": "alice",
                "note": "Checked against the rally video.",
                "created_at": now,
                "version": 3,
                "n_quotes": 2,
                "n_outlets": 2,
                "n_speakers": 0,
                "has_claim": True,
            },
        )
        for i, body in enumerate(texts, 1):
            start = body.index("We will")
            conn.execute(
                t["quotes"].insert(),
                {
                    "id": i,
                    "document_id": i,
                    "start": start,
                    "end": start + len("We will build the wall"),
                    "text": "We will build the wall",
                    "normalized": "we will build the wall",
                    "kind": "sentence",
                    "context": body,
                    "cluster_id": 7,
                },
            )
        conn.execute(t["clusters"].update().values(canonical_quote_id=1))
    engine.dispose()


def test_a_previous_database_upgrades_with_its_reviews_and_one_outlet_per_spelling(db_url):
    _database_at_0005(db_url)
    tracker = Tracker(db_url)
    up = tracker("db", "upgrade")
    assert up.exit_code == 0 and "was 0005" in up.output
    db = open_database(db_url)
    with db.Session() as s:
        (outlet,) = s.scalars(select(Outlet)).all()
        assert outlet.name in {"PolitiFact", "Politifact"}
        assert s.scalar(select(OutletAlias.alias)) == "politifact"
        cluster = s.get(Cluster, 7)
        assert (cluster.status, cluster.reviewer, cluster.note, cluster.version) == (
            Status.VERIFIED,
            "alice",
            "Checked against the rally video.",
            3,
        )
        assert cluster.n_outlets == 1 and cluster.canonical_quote_id == 1
        docs = s.scalars(select(Document).order_by(Document.id)).all()
        assert [d.outlet_id for d in docs] == [outlet.id, outlet.id]
        assert all(len(d.identity) == 64 for d in docs) and docs[0].identity != docs[1].identity
        assert [d.published_year for d in docs] == [2016, 2016]
        assert s.scalar(select(func.count(Quote.id)).where(Quote.cluster_id == 7)) == 2
    db.dispose()
    listed = json.loads(tracker("clusters", "--json", "--limit", "0").output)
    assert [(r["id"], r["outlets"], r["status"]) for r in listed] == [(7, 1, "verified")]


def test_new_spellings_of_an_outlet_join_it(tracker, tmp_path):
    for n, name in enumerate(["PolitiFact", "Politifact", "POLITIFACT"]):
        body = f"<p>“We checked claim number {n} today and it was false,” said Jane Roe.</p>"
        (tmp_path / f"{n}.html").write_text(
            page(name, "politifact.com", f"check-{n}", body * 3), encoding="utf-8"
        )
    assert tracker("ingest", str(tmp_path)).exit_code == 0
    rows = json.loads(tracker("quotes", "--json", "--limit", "0").output)
    assert {r["outlet"] for r in rows} == {"PolitiFact"}


def test_a_backup_from_before_document_identities_restores(tracker, tmp_path, databases):
    """A tracker-backup/1 file written by the previous release has no document identity:
    restoring it computes one, so a later ingest of the same files still adds nothing."""
    folder = carried_by_three_sites(tmp_path / "pages")
    assert tracker("ingest", str(folder)).exit_code == 0
    backup = tmp_path / "backup.jsonl"
    assert tracker("export", "all", "-o", str(backup)).exit_code == 0
    old_lines = []
    for line in backup.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if "format" in item:
            item["format"] = "tracker-backup/1"  # the previous release's header
        if "end" in item:
            continue  # and it wrote no trailer
        if item.get("table") == "outlet_aliases":
            continue  # the previous release had no such table
        if item.get("table") == "documents":
            for key in ("identity", "published_year", "date_source", "agency", "language",
                        "encoding"):  # fmt: skip
                item["row"].pop(key)
        old_lines.append(json.dumps(item, ensure_ascii=False))
    backup.write_text("\n".join(old_lines) + "\n", encoding="utf-8")
    restored = Tracker(databases.new_url("restored"))
    res = restored("import", str(backup))
    assert res.exit_code == 0, res.output
    again = restored("ingest", str(folder))
    assert "0 documents added, 3 already stored" in again.output


def test_the_language_is_stored_as_declared_or_recognised(tracker, tmp_path):
    from tracker.sources import read_sources

    (tmp_path / "de.txt").write_text(
        "Der Bürgermeister sagte am Montag, dass die Stadt die neue Brücke über den Fluss "
        "noch in diesem Jahr bauen wird. Die Kosten sind nach Angaben der Verwaltung höher "
        "als geplant, aber der Rat hat dem Plan mit einer Mehrheit zugestimmt.",
        encoding="utf-8",
    )
    (tmp_path / "short.txt").write_text("“Yes,” he said.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": "“Oui,” a-t-il dit.", "language": "fr-FR"}) + "\n", encoding="utf-8"
    )
    langs = {Path(a.source.split(":")[0]).name: a.language for a in read_sources([tmp_path])}
    assert langs == {"de.txt": "de", "short.txt": None, "feed.jsonl": "fr"}
    page_file = tmp_path / "p.html"
    french_body = (
        "<p>Le chancelier a présenté lundi son plan pour l’énergie devant les députés, et il "
        "a répondu aux questions de la presse sur le prix du gaz et sur le calendrier.</p>"
    )
    french = page("Le Monde", "lemonde.fr", "x", french_body)
    page_file.write_text(french.replace("<html>", "<html lang='fr-FR'>"), encoding="utf-8")
    (art,) = list(read_sources([page_file]))
    assert art.language == "fr"
    # A template's tag that the words contradict (English text declared French) gives way.
    page_file.write_text(
        page("Le Monde", "lemonde.fr", "x").replace("<html>", "<html lang='fr-FR'>"),
        encoding="utf-8",
    )
    (art,) = list(read_sources([page_file]))
    assert art.language == "en"
