"""Exports, backups and outlet comparisons through the CLI, injection attempts included."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys

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
    assert not raw.startswith(b"\xef\xbb\xbf")  # plain UTF-8: csv.DictReader reads it as is
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    excel = tmp_path / "excel.csv"
    assert tracker("export", "claims", "--excel", "-o", str(excel)).exit_code == 0
    assert excel.read_bytes() == b"\xef\xbb\xbf" + raw  # --excel: the BOM Excel needs
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
    for day in ("someday", "31.02.2021", "February 2021"):
        bad = tracker("export", "claims", "--since", day)
        assert bad.exit_code == 2 and "not a valid, complete date" in bad.output, day
    assert tracker("export", "claims", "--status", "nonsense").exit_code == 2


def assert_valid_claimreview(review: dict) -> None:
    """schema.org ClaimReview with the properties search engines require for a fact-check."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"].startswith("https://") and review["claimReviewed"].strip()
    assert review["author"]["@type"] in ("Organization", "Person") and review["author"]["name"]
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    dt.date.fromisoformat(review["datePublished"])
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    for work in item.get("appearance", []):
        assert work["@type"] == "CreativeWork" and work["url"].startswith(("http://", "https://"))


def test_claimreview_json_ld(tracker, reviewed):
    res = tracker(
        "export",
        "claims",
        "--format",
        "claimreview",
        "--status",
        "all",
        "--org",
        "Daily Check",
        "--url-template",
        "https://factcheck.example/claims/{id}",
    )
    reviews = json.loads(res.stdout)
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {
        "Accurately quoted and attributed",
        "Disputed",
    }
    for review in reviews:
        assert_valid_claimreview(review)
    belt = next(r for r in reviews if r["claimReviewed"].startswith("A new model"))
    assert belt["author"] == {"@type": "Organization", "name": "Daily Check"}
    # The review's own page, not the evidence; the note is the review's body.
    assert belt["url"] == f"https://factcheck.example/claims/{reviewed['belt']}"
    assert belt["citation"] == "https://kremlin.example/transcript"
    assert belt["reviewBody"] == '+SUM(A1:A9) checked\nsecond line, with "quotes"'
    assert belt["reviewRating"]["ratingValue"] == 5 and belt["reviewRating"]["bestRating"] == 5
    item = belt["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] == "Vladimir Putin"
    assert item["datePublished"] == "2021-12-17"
    # The seeds have no web addresses: no appearance, never a local file path.
    assert "appearance" not in item and "seeds" not in res.stdout and ".txt" not in res.stdout
    # Without the review page's address there is no valid ClaimReview: bad usage.
    bad = tracker("export", "claims", "--format", "claimreview")
    assert bad.exit_code == 2 and "--url-template" in bad.stderr
    assert (
        tracker(
            "export", "claims", "--format", "claimreview", "--url-template", "factcheck/{id}"
        ).exit_code
        == 2
    )


@pytest.mark.parametrize(
    ("template", "unknown"),
    [
        ("https://factcheck.example/{id}/{foo}", "{foo}"),
        ("https://factcheck.example/{slug}?c={id}", "{slug}"),
    ],
)
def test_a_url_template_placeholder_other_than_id_is_refused(tracker, reviewed, template, unknown):
    # Published as it is, {foo} would be in every review's URL: bad usage, and the message
    # names it and what may be used instead.
    res = tracker(
        "export", "claims", "--format", "claimreview", "--status", "all", "--url-template", template
    )
    assert res.exit_code == 2, res.output
    assert res.stdout == "" and unknown in res.stderr and "{id} (the cluster id)" in res.stderr


@pytest.fixture
def with_urls(tracker, tmp_path):
    """Seeds plus a web article (JSON Lines record with url and title) quoting Putin."""
    record = {
        "text": 'Putin spoke of "a belt of eternal peace and good-neighborliness" on the border, '
        "as reported by the Kremlin.\n\n"
        'Putin said: "A new model of cooperation has developed between our countries."',
        "title": "Putin and Xi talk by video",
        "outlet": "Example Wire",
        "url": "https://wire.example/2021/12/15/putin-xi",
        "published": "2021-12-15",
    }
    web = tmp_path / "web.jsonl"
    web.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert tracker("ingest", str(SEEDS), str(web)).exit_code == 0
    assert tracker("verdict", "new model of cooperation", "verified", "--note", "OK").exit_code == 0
    return record


def test_appearances_urls_and_titles_in_every_export(tracker, with_urls, tmp_path):
    out = tmp_path / "appearances.csv"
    res = tracker("export", "appearances", "-o", str(out))
    assert res.exit_code == 0, res.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == [
        "cluster_id",
        "claim",
        "status",
        "quote_id",
        "outlet",
        "url",
        "title",
        "published",
        "speaker",
        "speaker_as_named",
        "cue",
        "text",
    ]
    assert {r["status"] for r in rows} == {"verified"} and len({r["cluster_id"] for r in rows}) == 1
    outlets = {r["outlet"]: r for r in rows}
    assert {"MEMRI", "New Eastern Outlook", "Example Wire"} <= set(outlets)
    wire = outlets["Example Wire"]
    assert wire["url"] == with_urls["url"] and wire["title"] == with_urls["title"]
    assert wire["published"] == "2021-12-15" and wire["speaker"] == "Vladimir Putin"
    assert outlets["New Eastern Outlook"]["text"].startswith("the principles of noninterference")
    # The claims CSV names the articles' URLs; quotes carry url and title.
    claims = list(csv.DictReader(io.StringIO(tracker("export", "claims").stdout)))
    assert claims[0]["urls"] == with_urls["url"]
    quotes = [json.loads(line) for line in tracker("export", "quotes").stdout.splitlines()]
    web = [q for q in quotes if q["url"]]
    assert web and all(q["title"] == with_urls["title"] for q in web)
    reviews = json.loads(
        tracker(
            "export",
            "claims",
            "--format",
            "claimreview",
            "--url-template",
            "https://f.example/{id}",
        ).stdout
    )
    assert [a["url"] for a in reviews[0]["itemReviewed"]["appearance"]] == [with_urls["url"]]
    for review in reviews:
        assert_valid_claimreview(review)


@pytest.mark.parametrize("columns", ["80", "160"])
def test_compare_table_shows_every_sentence_whole_at_any_width(
    tracker, with_urls, monkeypatch, columns
):
    monkeypatch.setenv("COLUMNS", columns)
    out = tracker("compare", "stand back to back").stdout
    assert all(len(line) <= int(columns) for line in out.splitlines())
    assert "undated: South China Morning Post" in out
    rows = list(
        csv.DictReader(
            io.StringIO(tracker("compare", "stand back to back", "--format", "csv").stdout)
        )
    )
    flat = " ".join(out.replace("│", " ").split())
    if columns == "80":  # blocks: each sentence reads on, whole
        for row in rows:
            assert " ".join(row["sentence around it"].split()) in flat
    else:  # a table whose sentence column is wide enough to read
        assert any(
            "Without entering a military alliance, the Russian" in line for line in out.splitlines()
        )


def test_compare_reports_are_readable_and_place_undated_outlets_apart(tracker, with_urls, tmp_path):
    from tracker.report import LANE

    md = tracker("compare", "new model of cooperation", "--format", "md").stdout
    assert "&quot;" not in md and "&#x27;" not in md
    assert "Speaker: Vladimir Putin · verdict: verified" in md
    # A hyphen alone is no difference; an inserted "a" (in "a mutual resolve") is one.
    neo = next(line for line in md.splitlines() if "| New Eastern Outlook |" in line)
    assert "noninterference" not in neo.split("|")[7] and "+a" in neo.split("|")[7]
    page = tracker("compare", "new model of cooperation", "--format", "html").stdout
    title = page.split("<title>")[1].split("</title>")[0]
    assert "A new model of cooperation" in title and "Vladimir Putin" in title
    assert "verified" in title
    assert (
        f'<a href="{with_urls["url"]}" rel="noreferrer noopener">{with_urls["title"]}</a>' in page
    )
    back = tracker("compare", "stand back to back", "--format", "html").stdout
    data = json.loads(back.split('id="data">')[1].split("</script>")[0])
    undated = [p for p in data if not p["date"]]
    assert undated and all(p["x"] > LANE for p in undated)
    assert all(p["label"] == p["outlet"] for p in undated)  # the lane says "undated" once
    assert all(p["x"] < LANE for p in data if p["date"])
    # A sentence never stops at a title's period ("… Mr.").
    rows = list(
        csv.DictReader(
            io.StringIO(tracker("compare", "stand back to back", "--format", "csv").stdout)
        )
    )
    assert rows and not any(r["sentence around it"].rstrip().endswith("Mr.") for r in rows)


def test_quotes_csv_and_jsonl(tracker, reviewed):
    rows = parse_csv(tracker("export", "quotes", "--format", "csv").output)
    assert rows and all(not v.startswith(DANGEROUS) for r in rows for v in r.values())
    lines = tracker("export", "quotes").output.splitlines()
    assert all(json.loads(line)["cluster_id"] is not None for line in lines)


def test_backup_round_trip_loses_nothing(tracker, reviewed, tmp_path, databases):
    from conftest import Tracker

    tracker("track", "add", "no upper limit")
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


def ingest_records(tracker, tmp_path, *records: dict) -> None:
    """Ingest JSON Lines records written for one test."""
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    res = tracker("ingest", str(path))
    assert res.exit_code == 0, res.output


def test_a_verified_non_claim_is_exported_not_silently_left_out(tracker, tmp_path):
    # A scare quote is no claim and stays out of the list, but a reviewer may still
    # judge it (`h` shows it; `tracker verdict ID`): a verdict given is a verdict exported.
    ingest_records(
        tracker,
        tmp_path,
        {
            "text": 'The "green miracle" plan went ahead on Monday.\n\n'
            '"The ferry timetable will change on Monday," the Transport Ministry said.',
            "outlet": "Coast News",
            "url": "https://coast.example/h",
            "published": "2024-04-02",
        },
    )
    quotes = [json.loads(line) for line in tracker("export", "quotes").stdout.splitlines()]
    scare = next(q["cluster_id"] for q in quotes if q["kind"] == "scare")
    assert tracker("verdict", str(scare), "verified", "--note", "checked").exit_code == 0
    verified = json.loads(tracker("export", "claims", "--format", "json").stdout)
    assert [r["cluster_id"] for r in verified] == [scare]
    everything = json.loads(
        tracker("export", "claims", "--status", "all", "--format", "json").stdout
    )
    assert scare in {r["cluster_id"] for r in everything}
    reviews = json.loads(
        tracker(
            "export",
            "claims",
            "--format",
            "claimreview",
            "--url-template",
            "https://f.example/{id}",
        ).stdout
    )
    assert [r["url"] for r in reviews] == [f"https://f.example/{scare}"]


def claimreviews(tracker, *args: str) -> str:
    res = tracker(
        "export",
        "claims",
        "--format",
        "claimreview",
        "--url-template",
        "https://f.example/{id}",
        *args,
    )
    assert res.exit_code == 0, res.output
    return res.stdout


def test_claimreview_names_an_organisation_as_one(tracker, tmp_path):
    ingest_records(
        tracker,
        tmp_path,
        {
            "text": '"The ferry timetable will change on Monday," the Transport Ministry said.\n\n'
            'Harbour master Lena Voss said: "Two new berths open in the autumn."',
            "outlet": "Coast News",
            "url": "https://coast.example/h",
            "published": "2024-04-02",
        },
    )
    for words in ("ferry timetable", "two new berths"):
        assert tracker("verdict", words, "verified").exit_code == 0
    authors = {
        r["claimReviewed"][:9]: r["itemReviewed"]["author"]
        for r in json.loads(claimreviews(tracker))
    }
    assert authors == {
        "The ferry": {"@type": "Organization", "name": "Transport Ministry"},
        "Two new b": {"@type": "Person", "name": "Lena Voss"},
    }


def test_claimreview_can_be_pasted_into_a_script_tag(tracker, tmp_path):
    # ClaimReview is published inside <script type="application/ld+json"> on the
    # fact-check's page: article text holding "</script>" must not end that block.
    ingest_records(
        tracker,
        tmp_path,
        {
            "text": 'Mara Quill said: "</script><script>alert(1)</script> tolls will double."',
            "title": "Tolls </script><img src=x onerror=alert(2)>",
            "outlet": "Evil <!--<script> Gazette",
            "url": "https://evil.example/a",
            "published": "2024-03-01",
        },
    )
    assert tracker("verdict", "tolls will double", "false", "--note", "<b>no</b>").exit_code == 0
    text = claimreviews(tracker, "--status", "false")
    assert "<" not in text and ">" not in text
    (review,) = json.loads(text)  # the same values, read back
    assert review["claimReviewed"] == "</script><script>alert(1)</script> tolls will double."
    assert review["reviewBody"] == "<b>no</b>"
    work = review["itemReviewed"]["appearance"][0]
    assert work["headline"] == "Tolls </script><img src=x onerror=alert(2)>"
    assert work["publisher"]["name"] == "Evil <!--<script> Gazette"


def rendered_dom(page, tmp_path, script: str = "", width: int = 1280) -> str:
    """The page as headless Chromium leaves it after its scripts ran, in a window
    ``width`` pixels wide; ``script`` is run after the page's own (written into a copy
    of the page)."""
    browser = chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium (.ci/run installs Debian's chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    if script:
        copy = tmp_path / f"probe-{page.name}"
        html = page.read_text(encoding="utf-8")
        copy.write_text(html.replace("</body>", f"<script>{script}</script></body>"), "utf-8")
        page = copy
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--window-size={width},1000",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


def test_html_timeline_survives_an_outlet_named_like_markup(tracker, tmp_path):
    # "<!--<script" inside the inline JSON block would make the HTML parser read on past
    # the block's end and swallow the chart's script.
    text = 'Mara Quill said: "The bridge toll will double next spring."'
    ingest_records(
        tracker,
        tmp_path,
        {"text": text, "outlet": "Evil <!--<script> Gazette", "published": "2024-03-01"},
        {"text": text, "outlet": "Other </script> Daily", "published": "2024-03-02"},
    )
    page = tmp_path / "toll.html"
    res = tracker("compare", "bridge toll", "--format", "html", "-o", str(page))
    assert res.exit_code == 0, res.output
    data = page.read_text(encoding="utf-8").split('id="data">')[1].split("</script>")[0]
    assert "<" not in data
    assert [p["outlet"] for p in json.loads(data)] == [
        "Evil <!--<script> Gazette",
        "Other </script> Daily",
    ]
    dom = rendered_dom(page, tmp_path)
    assert 'data-rendered="yes"' in dom and dom.count('class="outlet-mark"') == 2


def test_exports_to_standard_output_are_utf8_whatever_the_locale(tracker, tmp_path):
    # `tracker export claims > verified.csv` is the same file as `-o verified.csv`: UTF-8
    # (also where the locale's encoding is another, as on Windows), with the BOM when
    # --excel asks for it, and CSV's own line ends.
    ingest_records(
        tracker,
        tmp_path,
        {
            "text": 'Jürgen Größ said: "The new tariff costs 5 € a month — for everyone."',
            "outlet": "Tageblatt",
            "url": "https://tageblatt.example/t",
            "published": "2024-01-05",
        },
    )
    assert tracker("verdict", "new tariff", "verified", "--note", "Preis geprüft").exit_code == 0
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "tracker", "--db", tracker.url, "export", *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
        timeout=120,
    )
    for args in (["claims"], ["claims", "--excel"], ["appearances", "--excel"]):
        piped = run(*args)
        assert piped.returncode == 0, piped.stderr.decode()
        written = tmp_path / "out.csv"
        assert run(*args, "-o", str(written)).returncode == 0
        assert piped.stdout == written.read_bytes()
        assert piped.stdout.startswith(b"\xef\xbb\xbf") == ("--excel" in args)
        assert "5 € a month" in piped.stdout.decode("utf-8-sig")


# Written into a copy of the report: how many pairs of timeline labels overlap on screen,
# and how many labels reach outside the chart.
LABEL_PROBE = """
var boxes = Array.from(document.querySelectorAll("#timeline text"))
  .map(function (t) { return t.getBoundingClientRect(); });
var chart = document.querySelector("#timeline svg").getBoundingClientRect();
var overlaps = 0, outside = 0;
boxes.forEach(function (a, i) {
  if (a.left < chart.left || a.right > chart.right) outside++;
  boxes.slice(i + 1).forEach(function (b) {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
  });
});
document.body.setAttribute("data-probe", overlaps + " overlapping, " + outside + " outside");
"""


def test_html_timeline_labels_stay_readable_with_many_outlets(tracker, tmp_path):
    # A statement many outlets carried on the same few days: each outlet's label is
    # readable, none drawn over another or cut off at the chart's edge.
    names = [
        "The Regional Morning Chronicle and Advertiser",
        "Daily Post",
        "Gazette",
        "Herald Tribune International",
        "Courier",
        "Observer",
        "Sentinel",
        "Examiner",
        "Undated Times",
        "Another Undated Weekly Review",
    ]
    days = ["05-01", "05-01", "05-01", "05-02", "05-02", "06-20", "06-21", "06-21"]
    text = 'Council member Dana Orwell said: "The new reservoir is finished before the floods."'
    ingest_records(
        tracker,
        tmp_path,
        *(
            {"text": f"{text} Report {i}.", "outlet": name}
            | ({"published": f"2024-{days[i]}"} if i < len(days) else {})
            for i, name in enumerate(names)
        ),
    )
    page = tmp_path / "reservoir.html"
    assert tracker("compare", "new reservoir", "--format", "html", "-o", str(page)).exit_code == 0
    dom = rendered_dom(page, tmp_path, LABEL_PROBE)
    assert dom.count('class="outlet-mark"') == len(names)
    assert 'data-probe="0 overlapping, 0 outside"' in dom


# Written into a copy of the report: whether the page, or the table's box, is wider than
# the window (scrolls sideways), and how the side-by-side table is laid out.
WIDTH_PROBE = """
var page = document.documentElement, table = document.getElementById("framing");
var box = table.parentNode;
document.body.setAttribute("data-probe", [
  page.scrollWidth > page.clientWidth ? "page overflows" : "page fits",
  box.scrollWidth > box.clientWidth ? "table scrolls" : "table fits",
  getComputedStyle(table).display,
  "labels " + Math.round(document.querySelector("#timeline text").getBoundingClientRect().height)
    + " px",
].join(", "));
"""


def test_html_comparison_fits_a_narrow_window(tracker, tmp_path):
    # At 600 px the ten columns do not fit side by side: each outlet's row becomes a card,
    # and nothing runs past the window's right edge (the page never scrolls sideways), also
    # an article's address shown whole for want of a title. At 1200 px it stays a table.
    text = (
        'Council member Dana Orwell said: "The new reservoir is finished before the floods, '
        'and the pumping station follows in the spring."'
    )
    ingest_records(
        tracker,
        tmp_path,
        {
            "text": text,
            "outlet": "The Regional Morning Chronicle and Advertiser",
            "url": "https://chronicle.example/" + "reservoir-finished-before-the-floods-" * 4,
            "published": "2024-05-01",
        },
        {
            "text": text + " More on Tuesday.",
            "outlet": "Gazette",
            "url": "https://gazette.example/r",
            "title": "Reservoir is finished",
            "published": "2024-05-03",
        },
    )
    page = tmp_path / "reservoir.html"
    assert tracker("compare", "new reservoir", "--format", "html", "-o", str(page)).exit_code == 0
    # The timeline keeps its labels' size (14 px text, its box scrolling sideways if need
    # be): scaled down to the window, they were 9 px high at 600 px.
    for width, layout in ((600, "block"), (1200, "table")):
        dom = rendered_dom(page, tmp_path, WIDTH_PROBE, width=width)
        probe = dom.split('data-probe="')[1].split('"')[0]
        fits, labels = probe.split(", labels ")
        assert fits == f"page fits, table fits, {layout}", width
        assert int(labels.removesuffix(" px")) >= 14, probe
        if width == 600:  # each card's field says what it is
            assert 'data-label="sentence around it"' in dom


def test_claimreview_needs_an_author_to_name(tracker, reviewed):
    # Search engines require the review's author by name: a blank --org is bad usage,
    # not a ClaimReview with "name": "".
    res = tracker(
        "export",
        "claims",
        "--format",
        "claimreview",
        "--org",
        " ",
        "--url-template",
        "https://f.example/{id}",
    )
    assert res.exit_code == 2 and "--org" in res.stderr and res.stdout == ""


def test_short_columns_keep_their_words_whole_in_a_table(tracker, tmp_path, monkeypatch):
    """At 120 columns the verb, outlet and charged-word columns of `compare` and `show`
    are at least one short word wide: never "cha/rge/d" or "clarifie/d"."""
    feed = tmp_path / "feed.jsonl"
    line = "“The new bridge will open in the spring of next year, and not a day later.”"
    records = [
        {"outlet": "huff-post", "published": "2024-03-05", "text": f"Ann Lee boasted: {line}"},
        {"outlet": "breitbart", "published": "2024-03-06", "text": f"Lee clarified: {line}"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert tracker("ingest", "-q", str(feed)).exit_code == 0
    monkeypatch.setenv("COLUMNS", "120")
    for args in (("compare", "new bridge will open"), ("show", "new bridge will open")):
        cells = {
            cell.strip() for row in tracker(*args).stdout.splitlines() for cell in row.split("│")
        }
        assert {"huff-post", "breitbart", "clarified"} <= cells, args
    assert "charged" in {c.strip() for c in tracker("compare", "new bridge").stdout.split("┃")}
