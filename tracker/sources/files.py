"""Files and folders in, ``Article`` records out.

Reads plain text, Markdown, saved pages (HTML, MHTML: ``tracker.sources.pages``)
and JSON Lines or JSON records, any of them gzip-, bzip2- or xz-compressed.
Metadata comes from the record or page where present, else from a
``manifest.json`` beside the files, else from the text where that is safe (a
dateline, a "by" line); unknown stays None.

Everything is streamed one file (or one JSON line) at a time, and every
problem is yielded as a ``SourceProblem`` naming the source, so one bad file
never stops a batch. ``STDIN`` among the paths (``-`` on the command line) is JSON
Lines read from standard input, each record as soon as its line has come.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from codecs import BOM_UTF8
from collections.abc import Generator, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from tracker.dates import find_date, parse_stamp
from tracker.language import detect_language, language_code
from tracker.safe import load_json
from tracker.sources.article import LIMITS, Article, Skip, SourceProblem, clean
from tracker.sources.decoding import Decoded, decode_bytes

MANIFEST_NAME = "manifest.json"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MHTML_SUFFIXES = {".mhtml", ".mht"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | MHTML_SUFFIXES | JSONL_SUFFIXES
COMPRESSED = {".gz": "gzip", ".gzip": "gzip", ".bz2": "bzip2", ".xz": "xz"}
READABLE = (
    "(.txt, .md, .html, .htm, .mhtml, .mht, .jsonl, .json; also gzip, bzip2 or xz compressed)"
)


class StandardInput:
    """Standard input as a source (``-`` on the command line): JSON Lines, read as they
    come, however long the writer takes between them. Its records are named
    ``<stdin>:LINE`` (a record with no url is known by that, as a file's are by its name)."""

    name = "<stdin>"

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return "STDIN"


STDIN = StandardInput()
Source = Path | StandardInput  # what ``paths`` may hold


def kind_of(path: Path) -> tuple[str | None, str | None]:
    """What a file holds by its name ("html", "mhtml", "text", "jsonl", "json" or None) and
    how it is compressed (``page.html.gz`` → ("html", "gzip"))."""
    name = path.name.lower()
    compression = None
    for ext, how in COMPRESSED.items():
        if name.endswith(ext):
            name, compression = name[: -len(ext)], how
            break
    suffix = Path(name).suffix
    if suffix in HTML_SUFFIXES:
        return "html", compression
    if suffix in MHTML_SUFFIXES:
        return "mhtml", compression
    if suffix in JSONL_SUFFIXES:
        return "jsonl", compression
    if suffix == ".json":
        return "json", compression
    if suffix in TEXT_SUFFIXES:
        return "text", compression
    return None, compression


META_FIELDS = ("title", "outlet", "author", "url", "published", "language")
# A record's fields by the names news datasets and APIs give them (news-please, NewsAPI,
# scrapers' exports, PolNeAR), first found wins; ours first. A field may hold an object
# with a name ("source": {"name": "Reuters"}) or a list of names ("authors").
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "body", "content", "article"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "publisher", "source", "site_name", "source_name", "source_domain"),
    "author": ("author", "authors", "byline"),
    "url": ("url", "link"),
    "published": (
        "published",
        "date",
        "date_publish",
        "published_at",
        "publishedAt",
        "datePublished",
        "pubDate",
    ),
    "language": ("language", "lang"),
}


def record_field(record: dict[str, Any], field: str) -> Any:
    """``field`` of a JSON record under any of its usual names (``RECORD_FIELDS``)."""
    for name in RECORD_FIELDS[field]:
        value = record.get(name)
        if isinstance(value, dict):
            value = value.get("name")
        elif isinstance(value, list) and field == "author":
            value = "; ".join(v for v in value if isinstance(v, str))
        elif isinstance(value, list) and field == "outlet":
            value = None  # several outlets name none
        if value not in (None, "", []):
            return value
    return None


def discover(
    paths: Iterable[Source], unread: list[str] | None = None
) -> Iterator[Source | SourceProblem]:
    """Files to read, folders walked recursively in name order; hidden files skipped.

    Inside a folder only files of a kind tracker reads are taken, and the others are
    added to ``unread`` (for the summary to count: expected in a folder, not a failure);
    a folder that holds none of them is a problem, named with what it does hold, never a
    silent nothing. A folder that cannot be read is a problem naming it, and the walk
    goes on; links to folders are not followed (no loops). Files named on the command
    line are always tried."""
    for path in paths:
        if isinstance(path, StandardInput) or not path.is_dir():
            yield path
            continue
        counts = {"found": 0}
        others: list[str] = []
        yield from _walk(path, counts, others)
        if not counts["found"]:
            yield SourceProblem(
                str(path),
                f"no file here that tracker can read: it holds {kinds_held(others) or 'no files'}"
                "; it reads " + READABLE,
            )
        elif unread is not None:  # (a folder with nothing to read says so in its problem)
            unread += others


def kinds_held(sources: Iterable[str]) -> str:
    """ "1 .docx, 2 .pdf": how many files of each extension (two for a compressed file,
    ``.pdf.gz``)."""
    counts: dict[str, int] = {}
    for source in sources:
        ext = "".join(Path(source).suffixes[-2:]).lower() or "(no extension)"
        counts[ext] = counts.get(ext, 0) + 1
    return ", ".join(f"{n} {ext}" for ext, n in sorted(counts.items()))


def _walk(
    folder: Path, counts: dict[str, int], others: list[str]
) -> Iterator[Path | SourceProblem]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        counts["found"] += 1  # named as a problem: not "nothing readable here"
        yield SourceProblem(str(folder), f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        # Hidden files and folders are the system's or a tool's (.DS_Store, a Mac's
        # ._page.html beside each page, .git), never articles someone saved: skipped
        # without a word, or a folder copied from a Mac would fail on its ._ files and
        # every summary would count files that nobody put there.
        if entry.name.startswith("."):
            continue
        child = folder / entry.name
        try:
            is_dir = entry.is_dir()  # a link to a folder counts as one, and is skipped
            is_link = entry.is_symlink()
        except OSError:
            is_dir = is_link = False
        if is_dir:
            if not is_link:
                yield from _walk(child, counts, others)
            continue
        if entry.name == MANIFEST_NAME:
            continue
        if kind_of(child)[0] is None:
            others.append(str(child))
            continue
        counts["found"] += 1
        yield child


def count_sources(paths: Iterable[Source]) -> int:
    """Documents to expect under ``paths``, for a progress bar: a feed's records (its
    lines that hold anything, without parsing them), one for every other file; none
    for standard input, which is read once, as it comes."""
    return sum(_records_in(p) for p in discover(paths) if isinstance(p, Path))


def _records_in(path: Path) -> int:
    if kind_of(path) != ("jsonl", None):
        return 1
    n, filled = 0, False
    try:  # (never a named pipe or a device: reading it will say what it is)
        with _open_regular(path) as fh:
            while piece := fh.readline(1 << 20):  # a MB at most in memory, whatever the line
                filled = filled or not piece.isspace()
                if piece.endswith(b"\n"):
                    n, filled = n + filled, False
    except (OSError, Skip):
        return 1  # reading it will say what is wrong
    return max(1, n + filled)


def read_sources(
    paths: Iterable[Source],
    *,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    unread: list[str] | None = None,
) -> Iterator[Article | SourceProblem]:
    """Articles from every file under ``paths``; ``outlet`` overrides for the batch.
    Files in folders that are of no kind tracker reads are added to ``unread``."""
    manifests: dict[Path, dict[str, dict[str, Any]] | str] = {}
    for path in discover(paths, unread):
        if isinstance(path, SourceProblem):
            yield path
            continue
        try:
            if isinstance(path, StandardInput):
                items = _stream_stdin(max_bytes)
            else:
                manifest = _manifest_for(path, manifests)
                items = _read_file(path, max_bytes, manifest.get(path.name, {}))
            for item in items:
                if isinstance(item, Article) and outlet:
                    item = replace(item, outlet=outlet, site=None)
                yield item
        except Skip as exc:
            yield SourceProblem(str(path), str(exc))


def _manifest_for(path: Path, cache: dict[Path, dict[str, dict[str, Any]] | str]) -> dict:
    """The manifest beside ``path``. If it is broken, every file of its folder is skipped
    with that reason: ingesting them without their metadata could not be fixed later,
    since a re-run skips content already stored."""
    folder = path.parent
    if folder not in cache:
        cache[folder] = {}
        mpath = folder / MANIFEST_NAME
        if mpath.is_file():
            try:
                data = load_json(mpath.read_text(encoding="utf-8"))
                docs = data.get("documents", data) if isinstance(data, dict) else None
                if not isinstance(docs, dict):
                    raise ValueError("expected an object mapping file names to metadata")
                cache[folder] = {k: v for k, v in docs.items() if isinstance(v, dict)}
            except (OSError, ValueError) as exc:
                cache[folder] = f"the folder's {MANIFEST_NAME} is unreadable ({exc}); fix it first"
    found = cache[folder]
    if isinstance(found, str):
        raise Skip(found)
    return found


_KINDS = [
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
]


def _open_regular(path: Path):
    """``path`` opened for reading in binary, if it is a regular file; else Skip.

    Opened without blocking and checked on the open file, so a named pipe never
    hangs the batch and a device (/dev/zero, whose size reads as 0) is never read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise Skip("no such file") from exc
    except IsADirectoryError as exc:
        raise Skip("is a folder") from exc
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror or exc}") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise Skip("is a folder")
        kind = next((what for test, what in _KINDS if test(mode)), "a special file")
        raise Skip(f"not a regular file ({kind})")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _too_large(size: float, max_bytes: int) -> Skip:
    return Skip(
        f"too large: {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
        "(--max-size raises it)"
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    with _open_regular(path) as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise _too_large(size, max_bytes)
            # The limit holds while reading too: a file that grows is not read past it.
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise Skip(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    if not data.strip():
        raise Skip("empty file")
    return data


def decode(data: bytes) -> str:
    """Text from the bytes of a file (see ``tracker.sources.decoding``)."""
    return decode_bytes(data).text


def _read_file(path: Path, max_bytes: int, manifest: dict[str, Any]) -> Iterator[Article]:
    kind, compression = kind_of(path)
    if kind == "jsonl" and compression is None:
        yield from _stream_jsonl(path, max_bytes, manifest)
        return
    data = _read_bytes(path, max_bytes)
    if compression is not None:
        data = _decompress(data, compression, max_bytes)
    if kind == "mhtml":
        from tracker.sources.mhtml import html_part
        from tracker.sources.pages import read_page

        part = html_part(data)
        decoded = decode_bytes(part.html, html=True, declared=part.charset)
        given = {**manifest, "url": manifest.get("url") or part.url}
        yield _with_encoding(read_page(str(path), decoded.text, given), decoded)
        return
    if kind == "html":
        from tracker.sources.pages import read_page

        decoded = decode_bytes(data, html=True)
        yield _with_encoding(read_page(str(path), decoded.text, manifest), decoded)
        return
    decoded = decode_bytes(data)
    if not decoded.text.strip():
        raise Skip("empty file")  # a byte-order mark and nothing else
    if kind in {"json", "jsonl"}:
        for art in _read_records(path, decoded.text, manifest, lines=kind == "jsonl"):
            yield _with_encoding(art, decoded)
    else:
        art = _article(str(path), decoded.text, manifest, guess=True, date_from="manifest")
        yield _with_encoding(art, decoded)


def _decompress(data: bytes, how: str, max_bytes: int) -> bytes:
    import bz2
    import gzip
    import io
    import lzma
    import zlib

    # Only GzipFile takes fileobj=; BZ2File and LZMAFile take the file object as their
    # first argument (passing fileobj= made every .bz2 and .xz file an internal error).
    buffer = io.BytesIO(data)
    try:
        with (
            gzip.GzipFile(fileobj=buffer)
            if how == "gzip"
            else {"bzip2": bz2.BZ2File, "xz": lzma.LZMAFile}[how](buffer)
        ) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError) as exc:
        raise Skip(f"not a readable {how} file: {exc}") from exc
    if len(out) > max_bytes:
        raise Skip(
            f"too large uncompressed: over the {max_bytes / 1e6:.0f} MB limit "
            "(--max-size raises it)"
        )
    if not out.strip():
        raise Skip("empty file")
    return out


def _with_encoding(item: Article, decoded: Decoded) -> Article:
    if not isinstance(item, Article):
        return item  # a problem with one record, passed on as it is
    return replace(item, encoding=decoded.how)


def _stream_jsonl(path: Path, max_bytes: int, manifest: dict[str, Any]) -> Iterator[Article]:
    """A feed of any size, one line at a time: memory follows the longest record
    (at most ``max_bytes``: a longer line is skipped, not read whole)."""
    with _open_regular(path) as fh:
        head = fh.read(8192)
        if not head.strip():
            raise Skip("empty file")
        if b"\x00" in head:
            raise Skip("binary file, not text")
        fh.seek(0)
        yield from _jsonl_lines(str(path), fh, max_bytes, manifest)


def _stream_stdin(max_bytes: int) -> Iterator[Article]:
    """JSON Lines from standard input, each record as soon as its line has come (no
    look ahead, which would wait on the writer): a first line with a NUL byte is binary
    input, and input with no line that holds anything is empty."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise Skip("no standard input to read")
    if not (yield from _jsonl_lines(STDIN.name, stream, max_bytes, {}, sniff=True)):
        raise Skip("empty input")


def _jsonl_lines(
    name: str, fh: BinaryIO, max_bytes: int, manifest: dict[str, Any], *, sniff: bool = False
) -> Generator[Article, None, int]:
    """The records of the lines of ``fh``, named ``name:LINE``; returns how many lines
    held anything. With ``sniff``, a first such line holding a NUL byte is binary input."""
    n = filled = 0
    while raw := fh.readline(max_bytes + 1):
        n += 1
        where = f"{name}:{n}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                size += len(rest)  # the rest of the line, a MB at a time
            size += len(rest)
            filled += 1
            yield SourceProblem(where, f"record too large: {size / 1e6:.1f} MB")  # type: ignore[misc]
            continue
        if not raw.strip():
            continue
        if sniff and not filled and b"\x00" in raw:
            raise Skip("binary input, not text (compressed? decompress it first)")
        filled += 1
        # JSON Lines are UTF-8; a line that is not is read as a legacy page would be.
        decoded = decode_bytes(raw[3:] if n == 1 and raw.startswith(BOM_UTF8) else raw)
        for item in _read_records(name, decoded.text, manifest, first_line=n, lines=True):
            yield _with_encoding(item, decoded)
    return filled


def _read_records(
    path: Path | str, text: str, manifest: dict[str, Any], first_line: int = 1, lines: bool = True
) -> Iterator[Article]:
    if not lines:
        try:
            data = load_json(text)
        except ValueError as exc:
            raise Skip(f"malformed JSON: {exc}") from exc
        records = data if isinstance(data, list) else [data]
        numbered: Iterable[tuple[int, Any]] = enumerate(records, 1)
    else:
        # Only "\n" ends a JSON line: U+2028, U+2029 and U+0085 may stand raw inside a string.
        numbered = (
            (n, line) for n, line in enumerate(text.split("\n"), first_line) if line.strip()
        )
    for n, raw in numbered:
        where = f"{path}:{n}"
        try:
            record = load_json(raw) if isinstance(raw, str) else raw
            if not isinstance(record, dict):
                raise Skip("expected a JSON object")
            body = record_field(record, "text")
            if not isinstance(body, str) or not body.strip():
                raise Skip('no "text" field with the article text')
            own = {k: record_field(record, k) for k in META_FIELDS}
            meta = {k: own[k] or manifest.get(k) for k in META_FIELDS}
            date_from = "record" if own["published"] else "manifest"
            source = own["url"] or where
            yield _article(str(source), body, meta, guess=True, date_from=date_from)
        except ValueError as exc:
            # One bad line is reported by its number; the rest of the file goes on.
            yield SourceProblem(where, f"malformed JSON line: {exc}")  # type: ignore[misc]
        except Skip as exc:
            yield SourceProblem(where, str(exc))  # type: ignore[misc]


_BYLINE = re.compile(r"^(?:by|author:)\s+([A-Z][\w.'\- ]{2,60})$", re.IGNORECASE | re.MULTILINE)
_AUTHOR_FIELD = re.compile(r"\bAuthor:\s+([A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){1,3})")
_PUBLICATION = re.compile(r"^Publication:\s+(.+?)(?:\s+Volume:.*)?$", re.MULTILINE)


def _article(
    source: str, text: str, meta: dict[str, Any], *, guess: bool, date_from: str | None = None
) -> Article:
    """An article from ``meta`` (a record's or manifest's fields); ``date_from`` names where
    ``meta["published"]`` came from. With ``guess``, a dateline, byline or "Publication:"
    line near the top of the text fills what is missing."""
    stated = meta.get("published")
    published: dt.date | None = None
    year: int | None = None
    if isinstance(stated, dt.datetime):
        published = stated.date()
    elif isinstance(stated, dt.date):
        published = stated
    elif isinstance(stated, str | int) and str(stated).strip():
        found = parse_stamp(str(stated))
        if found is not None:
            published, year = found.date, found.year
    if published is None and year is None:
        date_from = None
    elif published is None:
        date_from = f"{date_from} (year only)"
    values: dict[str, Any] = {
        k: clean(meta.get(k), LIMITS[k]) for k in ("title", "outlet", "author", "url")
    }
    if guess:
        head = text[:600]
        found_day = find_date(head) if published is None else None
        if found_day is not None and (year is None or found_day.year == year):
            published, date_from = found_day, "dateline"
        if values["author"] is None and (m := _BYLINE.search(head) or _AUTHOR_FIELD.search(head)):
            values["author"] = clean(m.group(1), LIMITS["author"])
        if values["outlet"] is None and (m := _PUBLICATION.search(head)):
            values["outlet"] = clean(m.group(1), LIMITS["outlet"])
    return Article(
        source=source,
        text=text,
        language=language_code(meta.get("language")) or detect_language(text),
        published=published,
        published_year=published.year if published else year,
        date_source=date_from,
        outlet_source="given" if values["outlet"] else None,
        **values,
    )
