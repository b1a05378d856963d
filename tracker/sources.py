"""Reading sources: files and folders in, ``Article`` records out.

Reads plain text, Markdown, saved HTML pages (main text and metadata through
trafilatura) and JSON Lines records. Metadata comes from the record or page
where present, else from a ``manifest.json`` beside the files, else from the
text where that is safe (a dateline, a "by" line); unknown stays None.

Everything is streamed one file (or one JSON line) at a time, and every
problem is yielded as a ``SourceProblem`` naming the source, so one bad file
never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tracker.dates import find_date, parse_date
from tracker.safe import load_json

MANIFEST_NAME = "manifest.json"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
META_FIELDS = ("title", "outlet", "author", "url", "published")


@dataclass(frozen=True)
class Article:
    """One document as read, before extraction."""

    source: str  # file path or URL: what a user recognises
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    content_hash: str = field(init=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        object.__setattr__(self, "content_hash", digest)


@dataclass(frozen=True)
class SourceProblem:
    source: str
    reason: str


class _Skip(Exception):
    """A file or record that cannot be read; the message is the reason."""


def discover(paths: Iterable[Path]) -> Iterator[Path | SourceProblem]:
    """Files to read, folders walked recursively in name order; hidden files skipped.

    A folder that cannot be read is yielded as a problem naming it, and the walk
    goes on with the rest. Symbolic links to folders are not followed (no loops).
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path | SourceProblem]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield SourceProblem(str(folder), f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
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
                yield from _walk(child)
            continue
        if entry.name == MANIFEST_NAME:
            continue
        if child.suffix.lower() not in KNOWN_SUFFIXES | {".json"}:
            # Inside a folder, only files we know how to read; named files are tried.
            continue
        yield child


def count_sources(paths: Iterable[Path]) -> int:
    return sum(1 for p in discover(paths) if isinstance(p, Path))


def read_sources(
    paths: Iterable[Path],
    *,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | SourceProblem]:
    """Articles from every file under ``paths``; ``outlet`` overrides for the batch."""
    manifests: dict[Path, dict[str, dict[str, Any]] | str] = {}
    for path in discover(paths):
        if isinstance(path, SourceProblem):
            yield path
            continue
        try:
            manifest = _manifest_for(path, manifests)
            for item in _read_file(path, max_bytes, manifest.get(path.name, {})):
                if isinstance(item, Article) and outlet:
                    item = replace(item, outlet=outlet)
                yield item
        except _Skip as exc:
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
        raise _Skip(found)
    return found


_KINDS = [
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
]


def _open_regular(path: Path):
    """``path`` opened for reading in binary, if it is a regular file; else _Skip.

    Opened without blocking and checked on the open file, so a named pipe never
    hangs the batch and a device (/dev/zero, whose size reads as 0) is never read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise _Skip("no such file") from exc
    except IsADirectoryError as exc:
        raise _Skip("is a folder") from exc
    except OSError as exc:
        raise _Skip(f"cannot read: {exc.strerror or exc}") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise _Skip("is a folder")
        kind = next((what for test, what in _KINDS if test(mode)), "a special file")
        raise _Skip(f"not a regular file ({kind})")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _too_large(size: float, max_bytes: int) -> _Skip:
    return _Skip(
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
            raise _Skip(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    if not data.strip():
        raise _Skip("empty file")
    return data


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _Skip(f"undecodable UTF-16: {exc.reason} at byte {exc.start}") from exc
    if b"\x00" in data[:8192]:
        raise _Skip("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Skip(f"not UTF-8 text: {exc.reason} at byte {exc.start}") from exc


def _read_file(path: Path, max_bytes: int, manifest: dict[str, Any]) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _stream_jsonl(path, max_bytes, manifest)
        return
    data = _read_bytes(path, max_bytes)
    if suffix == ".json":
        yield from _read_records(path, decode(data), manifest)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(path, decode(data), manifest)
    else:
        yield _article(str(path), decode(data), manifest, guess=True)


def _read_html(path: Path, html: str, manifest: dict[str, Any]) -> Article:
    import trafilatura  # heavy import, paid only when a page is read

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise _Skip("no article text found in the HTML page")
    page = {
        "title": doc.title,
        "outlet": doc.sitename,
        "author": doc.author,
        "url": doc.url,
        "published": doc.date,
    }
    meta = {k: page[k] or manifest.get(k) for k in META_FIELDS}
    return _article(str(path), doc.text, meta, guess=False)


def _stream_jsonl(path: Path, max_bytes: int, manifest: dict[str, Any]) -> Iterator[Article]:
    """A feed of any size, one line at a time: memory follows the longest record
    (at most ``max_bytes``: a longer line is skipped, not read whole)."""
    with _open_regular(path) as fh:
        head = fh.read(8192)
        if not head.strip():
            raise _Skip("empty file")
        if b"\x00" in head:
            raise _Skip("binary file, not text")
        fh.seek(0)
        n = 0
        while raw := fh.readline(max_bytes + 1):
            n += 1
            where = f"{path}:{n}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                size = len(raw)
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    size += len(rest)  # the rest of the line, a MB at a time
                size += len(rest)
                yield SourceProblem(where, f"record too large: {size / 1e6:.1f} MB")  # type: ignore[misc]
                continue
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield SourceProblem(where, f"not UTF-8 text: {exc.reason}")  # type: ignore[misc]
                continue
            yield from _read_records(path, line, manifest, first_line=n)


def _read_records(
    path: Path, text: str, manifest: dict[str, Any], first_line: int = 1
) -> Iterator[Article]:
    if path.suffix.lower() == ".json":
        try:
            data = load_json(text)
        except ValueError as exc:
            raise _Skip(f"malformed JSON: {exc}") from exc
        records = data if isinstance(data, list) else [data]
        lines: Iterable[tuple[int, Any]] = enumerate(records, 1)
    else:
        # Only "\n" ends a JSON line: U+2028, U+2029 and U+0085 may stand raw inside a string.
        lines = ((n, line) for n, line in enumerate(text.split("\n"), first_line) if line.strip())
    for n, raw in lines:
        where = f"{path}:{n}"
        try:
            record = load_json(raw) if isinstance(raw, str) else raw
            if not isinstance(record, dict):
                raise _Skip("expected a JSON object")
            body = record.get("text")
            if not isinstance(body, str) or not body.strip():
                raise _Skip('no "text" field with the article text')
            meta = {k: record.get(k) or manifest.get(k) for k in META_FIELDS}
            source = record.get("url") or where
            yield _article(str(source), body, meta, guess=True)
        except ValueError as exc:
            # One bad line is reported by its number; the rest of the file goes on.
            yield SourceProblem(where, f"malformed JSON line: {exc}")  # type: ignore[misc]
        except _Skip as exc:
            yield SourceProblem(where, str(exc))  # type: ignore[misc]


# Column sizes in the database; longer values from a feed or page are cut, not refused.
_LIMITS = {"title": 1000, "outlet": 200, "author": 300, "url": 2000}


def _clean(value: Any, limit: int = 1000) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())[:limit]
    return value or None


_BYLINE = re.compile(r"^(?:by|author:)\s+([A-Z][\w.'\- ]{2,60})$", re.IGNORECASE | re.MULTILINE)
_AUTHOR_FIELD = re.compile(r"\bAuthor:\s+([A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){1,3})")
_PUBLICATION = re.compile(r"^Publication:\s+(.+?)(?:\s+Volume:.*)?$", re.MULTILINE)


def _article(source: str, text: str, meta: dict[str, Any], *, guess: bool) -> Article:
    published = meta.get("published")
    if isinstance(published, str):
        published = parse_date(published)
    elif isinstance(published, dt.datetime):
        published = published.date()
    elif not isinstance(published, dt.date):
        published = None
    values = {k: _clean(meta.get(k), _LIMITS[k]) for k in ("title", "outlet", "author", "url")}
    if guess:
        head = text[:600]
        if published is None:
            published = find_date(head)
        if values["author"] is None and (m := _BYLINE.search(head) or _AUTHOR_FIELD.search(head)):
            values["author"] = _clean(m.group(1), _LIMITS["author"])
        if values["outlet"] is None and (m := _PUBLICATION.search(head)):
            values["outlet"] = _clean(m.group(1), _LIMITS["outlet"])
    return Article(source=source, text=text, published=published, **values)
