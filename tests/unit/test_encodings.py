"""Pages and files in any encoding are read as a browser reads them, and a guess is named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.sources import Article, read_sources
from tracker.sources.decoding import decode_bytes

GERMAN = (
    "Die Bürgermeisterin Jördis Weiß sagte: „Wir müssen die Straßen schon im Frühjahr "
    "erneuern, sonst wird es für alle teurer.“ Der Gemeinderat stimmte zu."
)


def html(body: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>Straßenbau</title></head><body><article>"
        f"<h1>Straßenbau</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )


def only(path: Path) -> Article:
    (item,) = list(read_sources([path]))
    assert isinstance(item, Article), item
    return item


@pytest.mark.parametrize(
    "head,codec,how",
    [
        ("<meta charset='windows-1252'>", "cp1252", "windows-1252 (declared)"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
            "cp1252",  # browsers read ISO-8859-1 as windows-1252 (the „ “ marks are there)
            "windows-1252 (declared)",
        ),
        ("<meta charset='iso-8859-15'>", "iso8859_15", "iso-8859-15 (declared)"),
        # A long script before the tag: saved pages put it far past the first 1,024 bytes.
        (
            "<script>" + "var x = 1;\n" * 400 + "</script><meta charset='windows-1252'>",
            "cp1252",
            "windows-1252 (declared)",
        ),
    ],
)
def test_pages_declaring_a_legacy_charset(tmp_path, head, codec, how):
    page = tmp_path / "page.html"
    body = GERMAN if codec == "cp1252" else GERMAN.replace("„", '"').replace("“", '"')
    page.write_bytes(html(body, head).encode(codec))
    art = only(page)
    assert "Bürgermeisterin Jördis Weiß" in art.text and art.encoding == how


def test_xml_declaration_and_a_stale_declaration(tmp_path):
    xhtml = tmp_path / "x.xhtml"
    xhtml.write_bytes(
        (
            '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
            + html(GERMAN.replace("„", "»").replace("“", "«"))
        ).encode("latin-1")
    )
    assert "Jördis Weiß" in only(xhtml).text
    # Saved as UTF-8 while the page still says ISO-8859-1: the bytes win.
    stale = tmp_path / "stale.html"
    stale.write_bytes(html(GERMAN, "<meta charset='iso-8859-1'>").encode("utf-8"))
    art = only(stale)
    assert "Jördis Weiß" in art.text and art.encoding == "utf-8 (declared iso-8859-1)"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_text_files_with_a_byte_order_mark(tmp_path, codec):
    f = tmp_path / "a.txt"
    data = GERMAN.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    art = only(f)
    assert art.text == GERMAN and "guessed" not in art.encoding


def test_a_legacy_latin1_text_is_read_and_the_guess_is_said(tracker, tmp_path):
    f = tmp_path / "legacy.txt"
    f.write_bytes(
        (
            'Der Minister sagte: "Wir werden die Brücke über die Saale 2025 eröffnen, '
            'das verspreche ich." Café, Größe, Ärger.'
        ).encode("latin-1")
    )
    art = only(f)
    assert "Brücke über die Saale" in art.text and "Größe, Ärger" in art.text
    assert art.encoding.startswith("windows-1252 (guessed")
    res = tracker("ingest", str(f))
    assert res.exit_code == 0 and "1 document added" in res.output
    assert any(
        "legacy.txt" in line and "windows-1252 (guessed" in line for line in res.output.splitlines()
    ), res.output


def test_short_legacy_texts_guess_windows_1252_not_an_exotic_code_page():
    for raw in ("café au lait", "Ein Satz mit Umlaut: ä", "Straße"):
        decoded = decode_bytes(raw.encode("latin-1"))
        assert decoded.text == raw and decoded.guessed and decoded.encoding == "cp1252"


def test_other_legacy_scripts_are_detected():
    russian = (
        "Министр иностранных дел заявил журналистам, что переговоры продолжатся на "
        "следующей неделе в Женеве, несмотря на разногласия сторон."
    )
    decoded = decode_bytes(russian.encode("cp1251"))
    assert decoded.text == russian and decoded.guessed


def test_utf8_with_one_broken_byte_stays_utf8():
    data = GERMAN.encode("utf-8") + b" \xff " + GERMAN.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text.startswith(GERMAN) and not decoded.guessed
    assert "1 invalid bytes replaced" in decoded.how


def test_utf16_without_a_byte_order_mark_is_not_binary():
    decoded = decode_bytes(GERMAN.encode("utf-16-le"))
    assert decoded.text == GERMAN and decoded.guessed


def test_json_lines_in_a_legacy_encoding(tmp_path):
    feed = tmp_path / "feed.jsonl"
    record = json.dumps({"text": GERMAN, "outlet": "Kurier"}, ensure_ascii=False)
    feed.write_bytes(record.encode("cp1252") + b"\n")
    art = only(feed)
    assert art.text == GERMAN and art.encoding.startswith("windows-1252 (guessed")


def test_binary_files_are_still_refused(tmp_path):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    (problem,) = list(read_sources([f]))
    assert "binary" in problem.reason
