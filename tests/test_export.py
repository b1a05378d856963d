"""Exports, backups and outlet comparisons through the CLI, injection attempts included."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess

import pytest
from conftest import SEEDS

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def reviewed(tracker, tmp_path):
    """Seeds plus an article written to attack spreadsheets and browsers, with verdicts."""
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "Ivan Petrov said: \"=HYPERLINK('http://evil.example','click') is fine by us.\"\n\n"
        'Olga Ivanova said: "<img src=x onerror=alert(1)><script>alert(2)</script> we agree."\n',
        encoding="utf-8",
    )
    assert tracker("ingest", str(SEEDS), str(evil)).exit_code == 0
    rows = json.loads(tracker("clusters", "--json", "--limit", "0").output)
    ids = {
        "belt": next(r["id"] for r in rows if r["claim"].startswith("A new model of cooperation")),
        "back": next(r["id"] for r in rows if r["claim"].startswith("We hope that the upcoming")),
        "evil": next(r["id"] for r in rows if r["claim"].startswith("=HYPERLINK")),
        "html": next(r["id"] for r in rows if r["claim"].startswith("<img")),
    }
    note = '+SUM(A1:A9) checked\nsecond line, with "quotes"'
    assert (
        tracker(
            "verdict",
            str(ids["belt"]),
            "verified",
            "--note",
            note,
            "--reviewer",
            "alice",
            "--evidence",
            "https://kremlin.example/transcript",
        ).exit_code
        == 0
    )
    assert (
        tracker(
            "verdict", str(ids["back"]), "disputed", "--note", "@mention -2+3", "--reviewer", "bob"
        ).exit_code
        == 0
    )
    assert (
        tracker(
            "verdict", str(ids["evil"]), "verified", "--note", "\tTAB=1", "--reviewer", "carol"
        ).exit_code
        == 0
    )
    return ids


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_claims_csv_is_verified_only_by_default_and_safe_in_spreadsheets(
    tracker, reviewed, tmp_path
):
    out = tmp_path / "claims.csv"
    res = tracker("export", "claims", "-o", str(out))
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets detect UTF-8 by the BOM
    rows = parse_csv(raw.decode("utf-8"))
    assert {int(r["cluster_id"]) for r in rows} == {reviewed["belt"], reviewed["evil"]}
    required = [
        "cluster_id",
        "claim",
        "speaker",
        "status",
        "reviewer",
        "reviewed_at",
        "note",
        "evidence_url",
        "first_seen",
        "first_outlet",
        "outlets",
        "outlet_list",
        "quotes",
    ]
    assert list(rows[0].keys())[: len(required)] == required
    belt = next(r for r in rows if int(r["cluster_id"]) == reviewed["belt"])
    assert belt["note"] == '\'+SUM(A1:A9) checked\nsecond line, with "quotes"'  # readable, inert
    assert belt["outlets"] == "2" and belt["first_outlet"] == "MEMRI"
    assert belt["outlet_list"] == "MEMRI; New Eastern Outlook"
    assert belt["reviewer"] == "alice" and belt["evidence_url"].startswith("https://")
    for row in rows:
        for value in row.values():
            assert not value.startswith(DANGEROUS), value
    evil = next(r for r in rows if int(r["cluster_id"]) == reviewed["evil"])
    assert evil["claim"].startswith("'=HYPERLINK") and evil["note"] == "'\tTAB=1"


def test_claims_filters(tracker, reviewed):
    def ids(*args: str) -> set[int]:
        res = tracker("export", "claims", "--format", "json", *args)
        assert res.exit_code == 0, res.output
        return {r["cluster_id"] for r in json.loads(res.output)}

    everything = ids("--status", "all")
    assert len(everything) > 20
    assert ids("--status", "disputed") == {reviewed["back"]}
    late = json.loads(
        tracker(
            "export",
            "claims",
            "--format",
            "json",
            "--status",
            "all",
            "--since",
            "December 18, 2021",
        ).output
    )
    assert late and all(r["first_seen"] >= "2021-12-18" for r in late)  # undated ones drop
    assert reviewed["belt"] not in {r["cluster_id"] for r in late}
    assert reviewed["belt"] in ids("--since", "2021-12-01", "--until", "17.12.2021")
    assert ids("--outlet", "new eastern") == {reviewed["belt"]}
    assert ids("--status", "all", "--speaker", "Wang Wenbin") >= {reviewed["back"]}
    bad = tracker("export", "claims", "--since", "someday")
    assert bad.exit_code == 2 and "not a complete date" in bad.output
    assert tracker("export", "claims", "--status", "nonsense").exit_code == 2


def test_claimreview_json_ld(tracker, reviewed):
    res = tracker(
        "export", "claims", "--format", "claimreview", "--status", "all", "--org", "Daily Check"
    )
    reviews = json.loads(res.output)
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {
        "Accurately quoted and attributed",
        "Disputed",
    }
    belt = next(r for r in reviews if r["claimReviewed"].startswith("A new model"))
    assert belt["@context"] == "https://schema.org" and belt["@type"] == "ClaimReview"
    assert belt["author"] == {"@type": "Organization", "name": "Daily Check"}
    assert belt["url"] == "https://kremlin.example/transcript"
    assert belt["reviewRating"]["ratingValue"] == 5 and belt["reviewRating"]["bestRating"] == 5
    item = belt["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] == "Vladimir Putin"
    assert item["datePublished"] == "2021-12-17"
    assert [a["publisher"]["name"] for a in item["appearance"]] == ["MEMRI", "New Eastern Outlook"]
    assert item["firstAppearance"]["publisher"]["name"] == "MEMRI"


def test_quotes_csv_and_jsonl(tracker, reviewed):
    rows = parse_csv(tracker("export", "quotes", "--format", "csv").output)
    assert rows and all(not v.startswith(DANGEROUS) for r in rows for v in r.values())
    lines = tracker("export", "quotes").output.splitlines()
    assert all(json.loads(line)["cluster_id"] is not None for line in lines)


def test_backup_round_trip_loses_nothing(tracker, reviewed, tmp_path, databases):
    from conftest import Tracker

    tracker("track", "no upper limit")
    tracker(
        "split",
        str(reviewed["back"]),
        str(
            json.loads(tracker("show", str(reviewed["back"]), "--json").output)["members"][-1][
                "quote_id"
            ]
        ),
    )
    first = tmp_path / "backup.jsonl"
    assert tracker("export", "all", "-o", str(first)).exit_code == 0
    fresh = Tracker(databases.new_url("restored"))
    res = fresh("import", str(first))
    assert res.exit_code == 0, res.output
    second = tmp_path / "again.jsonl"
    assert fresh("export", "all", "-o", str(second)).exit_code == 0
    # The header has the time of export, and the trailer's checksum covers the header.
    body = lambda p: p.read_text(encoding="utf-8").splitlines()[1:-1]  # noqa: E731
    assert body(first) == body(second)
    trailer = lambda p: json.loads(p.read_text(encoding="utf-8").splitlines()[-1])  # noqa: E731
    assert trailer(first)["counts"] == trailer(second)["counts"]
    tables = {json.loads(line)["table"] for line in body(first)}
    assert set(trailer(first)["counts"]) >= tables
    assert {
        "documents",
        "quotes",
        "speakers",
        "speaker_aliases",
        "clusters",
        "decisions",
        "cluster_events",
        "watch_phrases",
    } <= tables
    # A restored database keeps working: new ids do not collide with restored ones.
    later = tmp_path / "later.txt"
    later.write_text("“We will meet again soon in Moscow,” said Ivan Petrov.", encoding="utf-8")
    assert fresh("ingest", str(later)).exit_code == 0
    again = fresh("import", str(first))
    assert again.exit_code == 1 and "not empty" in again.output
    junk = tmp_path / "junk.jsonl"
    junk.write_text("hello\n", encoding="utf-8")
    assert Tracker(databases.new_url("junk"))("import", str(junk)).exit_code == 1


def test_compare_formats(tracker, reviewed, tmp_path):
    table = tracker("compare", str(reviewed["belt"]))
    assert (
        table.exit_code == 0 and "New Eastern Outlook" in table.output and "noted" in table.output
    )
    md = tmp_path / "c.md"
    assert (
        tracker("compare", "--phrase", "back to back", "--format", "md", "-o", str(md)).exit_code
        == 0
    )
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# How outlets framed cluster") and "| MEMRI |" in text
    rows = parse_csv(tracker("compare", str(reviewed["evil"]), "--format", "csv").output)
    assert all(not v.startswith(DANGEROUS) for r in rows for v in r.values())
    assert tracker("compare", "999999").exit_code == 4
    assert tracker("compare").exit_code == 2


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_html_report_renders_its_timeline_in_a_real_browser(tracker, reviewed, tmp_path):
    browser = chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium (.ci/run installs Debian's chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    for key, outlets in (("belt", 2), ("html", 1)):
        page = tmp_path / f"{key}.html"
        res = tracker("compare", str(reviewed[key]), "--format", "html", "-o", str(page))
        assert res.exit_code == 0
        dom = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        assert 'data-rendered="yes"' in dom  # the inline script ran and drew the chart
        assert dom.count('class="outlet-mark"') == outlets
        if key == "belt":
            assert "New Eastern Outlook" in dom and "2021-12-20" in dom
        else:  # article text is shown as text, never run as markup
            assert "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;" in dom
            assert "<script>alert(2)</script>" not in dom
