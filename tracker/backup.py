"""Full backups: everything in the database as JSON Lines, and back.

``export_all`` writes one JSON object per line: a header naming the format,
then one record per row, each tagged with its table
(``{"table": "quotes", "row": {...}}``), parents before children, ids kept,
then a trailer with the number of records of each table and the SHA-256 of
every line before it. ``import_all`` restores such a file into an empty
database; a round trip loses nothing (documents with their text, outlets and
speakers with their aliases, quotes, clusters, verdicts, notes, evidence,
history, merge/split decisions, suggestions and the watchlist). A backup made
before documents had an identity (schema 0006 and older) gets one on restore.

A restore reads the file twice. The first pass checks everything before a
single row is written: the trailer (a file cut short, at a line boundary or
not, has none; a changed one fails its checksum), and every record — known
table and columns, types, enum values, lengths, dates, unique keys, and that
each reference points at a row of the backup. Any failure is a ``BackupError``
with a one-line reason, and nothing is written. The second pass writes, in
the caller's one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    TypeDecorator,
    UniqueConstraint,
    func,
    select,
    text,
    update,
)
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from tracker.errors import TrackerError
from tracker.safe import error_line, json_text, load_json, storable_problem
from tracker.sources.article import identity, locator
from tracker.store.models import (
    Base,
    Cluster,
    ClusterEvent,
    Decision,
    Document,
    Outlet,
    OutletAlias,
    Quote,
    Speaker,
    SpeakerAlias,
    String,
    Suggestion,
    UTCDateTime,
    WatchPhrase,
)

FORMAT = "tracker-backup/2"
# Written before backups had a trailer: restored, with a warning that completeness
# cannot be checked.
LEGACY_FORMATS = ("tracker-backup/1",)
# Parents first. Clusters go in before quotes without their canonical quote,
# which is set once the quotes are in (the two tables point at each other);
# so does a quote's enclosing quote.
ORDER = [
    Outlet,
    OutletAlias,
    Speaker,
    SpeakerAlias,
    Document,
    Cluster,
    Quote,
    Decision,
    Suggestion,
    ClusterEvent,
    WatchPhrase,
]
# References set after all rows are in, as (table, column).
DEFERRED = {("clusters", "canonical_quote_id"), ("quotes", "enclosing_id")}
INT_RANGE = (-(2**31), 2**31 - 1)  # INTEGER on PostgreSQL; SQLite would take more


class BackupError(TrackerError):
    """A backup that cannot be restored; the message is one line saying why."""


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, float, str)):
        return value.value  # enums
    return value


def _rows(session: Session, model) -> Iterator[dict[str, Any]]:
    cols = [c.key for c in model.__table__.columns]
    stmt = select(model.__table__).order_by(model.__table__.c.id).execution_options(yield_per=1000)
    for row in session.execute(stmt):
        yield {k: _encode(v) for k, v in zip(cols, row, strict=True)}


def _one_snapshot(session: Session) -> None:
    """Read every table as of one moment, even while reviewers and ingests write.

    PostgreSQL gets a repeatable-read transaction; SQLite (whose driver opens no
    transaction for plain reads) an explicit one, which under WAL is a snapshot.
    """
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    elif conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            conn.exec_driver_sql("BEGIN")


def export_all(session: Session, out: IO[str]) -> dict[str, int]:
    _one_snapshot(session)
    digest = hashlib.sha256()

    def write(line: str) -> None:
        out.write(line + "\n")
        digest.update(line.encode("utf-8") + b"\n")

    counts: dict[str, int] = {}
    write(json_text({"format": FORMAT, "exported_at": dt.datetime.now(dt.UTC).isoformat()}))
    for model in ORDER:
        name = model.__tablename__
        counts[name] = 0
        for row in _rows(session, model):
            write(json_text({"table": name, "row": row}))
            counts[name] += 1
    out.write(json_text({"end": FORMAT, "counts": counts, "sha256": digest.hexdigest()}) + "\n")
    return counts


# ------------------------------------------------------------------------- reading


def _lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """(line number, content without its line ending) of each non-blank line."""
    for n, raw in enumerate(fh, 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a byte order mark, added by some editors
        line = raw.rstrip(b"\r\n")
        if line.strip():
            yield n, line


def _parse(n: int, line: bytes) -> Any:
    try:
        return load_json(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BackupError(f"line {n}: not UTF-8 text (byte {exc.start + 1})") from None
    except ValueError as exc:
        raise BackupError(f"line {n}: not a JSON record ({error_line(exc, 120)})") from None


class _Bad(Exception):
    """One value that fails its column's check; the message says why."""


def _checker(col) -> Callable[[Any], Any]:
    """A function that returns ``value`` as the database takes it, or raises _Bad."""
    kind = col.type.impl if isinstance(col.type, TypeDecorator) else col.type

    if isinstance(col.type, Enum):
        allowed = list(col.type.enums)

        def check(value):
            if not isinstance(value, str) or value not in allowed:
                raise _Bad(f"{value!r} is not one of {', '.join(allowed)}")
            return value

    elif isinstance(col.type, String):
        limit = col.type.length

        def check(value):
            if not isinstance(value, str):
                raise _Bad(f"expected text, got {type(value).__name__}")
            if problem := storable_problem(value, limit):
                raise _Bad(problem)
            return value

    elif isinstance(kind, Boolean):

        def check(value):
            if not isinstance(value, bool):
                raise _Bad(f"expected true or false, got {value!r:.40}")
            return value

    elif isinstance(kind, Integer):

        def check(value):
            if not isinstance(value, int) or isinstance(value, bool):
                raise _Bad(f"expected a whole number, got {value!r:.40}")
            if not INT_RANGE[0] <= value <= INT_RANGE[1]:
                raise _Bad(f"{value} is out of range")
            return value

    elif isinstance(kind, Float):

        def check(value):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _Bad(f"expected a number, got {value!r:.40}")
            if not math.isfinite(value):
                raise _Bad(f"{value} is not a finite number")
            return float(value)

    elif isinstance(kind, DateTime):
        aware = isinstance(col.type, UTCDateTime)

        def check(value):
            try:
                when = dt.datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise _Bad(f"not a date and time: {value!r:.40}") from None
            if aware and when.tzinfo is None:
                raise _Bad(f"no UTC offset in {value!r:.40}")
            return when

    elif isinstance(kind, Date):

        def check(value):
            try:
                return dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                raise _Bad(f"not a date: {value!r:.40}") from None

    else:  # pragma: no cover - every column type of the schema is handled above
        raise AssertionError(f"no check for {col.type!r}")
    return check


@dataclass
class _Table:
    """What the checks need to know of one table, worked out once from the schema."""

    name: str
    checks: dict[str, Callable[[Any], Any]]
    nullable: set[str]
    required: set[str]  # columns a record must carry (no default)
    references: dict[str, str]  # column -> table it points at (by id)
    unique: list[tuple[str, ...]]

    @classmethod
    def of(cls, model) -> _Table:
        table = model.__table__
        unique = [
            tuple(c.name for c in uc.columns)
            for uc in table.constraints
            if isinstance(uc, UniqueConstraint)
        ]
        unique += [(c.name,) for c in table.columns if c.unique and (c.name,) not in unique]
        return cls(
            name=table.name,
            checks={c.name: _checker(c) for c in table.columns},
            nullable={c.name for c in table.columns if c.nullable},
            required={
                c.name
                for c in table.columns
                if c.primary_key
                or not (c.nullable or c.default is not None or c.server_default is not None)
            },
            references={
                c.name: next(iter(c.foreign_keys)).column.table.name
                for c in table.columns
                if c.foreign_keys
            },
            unique=unique,
        )

    def decode(self, row: Any) -> dict[str, Any]:
        if not isinstance(row, dict):
            raise _Bad(f"the row is not an object but {type(row).__name__}")
        missing = self.required - row.keys()
        if missing:
            raise _Bad(f"missing field {', '.join(sorted(missing))}")
        out: dict[str, Any] = {}
        for key, value in row.items():
            check = self.checks.get(key)
            if check is None:
                raise _Bad(f"unknown field {key!r:.60}")
            if value is None:
                if key not in self.nullable:
                    raise _Bad(f"{key} is empty")
                out[key] = None
                continue
            try:
                out[key] = check(value)
            except _Bad as exc:
                raise _Bad(f"{key}: {exc}") from None
        return out


TABLES = {m.__tablename__: _Table.of(m) for m in ORDER}
RANK = {m.__tablename__: i for i, m in enumerate(ORDER)}


def _record(n: int, item: Any, outlets: dict[Any, str]) -> tuple[str, dict[str, Any]]:
    """(table, decoded row) of a record line, or BackupError saying what is wrong.

    ``outlets`` collects outlet names as they come (parents come first), for the
    identity of a document from a backup older than document identities."""
    if not isinstance(item, dict) or "table" not in item or "row" not in item:
        raise BackupError(f"line {n}: not a backup record (expected table and row)")
    name = item["table"]
    table = TABLES.get(name) if isinstance(name, str) else None
    if table is None:
        raise BackupError(f"line {n}: unknown table {name!r:.60}")
    raw = item["row"]
    if isinstance(raw, dict):
        if (
            name == "outlets"
            and isinstance(raw.get("id"), int)
            and isinstance(raw.get("name"), str)
        ):
            outlets[raw["id"]] = raw["name"]
        elif name == "documents" and not raw.get("identity") and _old_document(raw):
            oid = raw.get("outlet_id")
            where = locator(raw.get("url"), outlets.get(oid), raw.get("source") or "")
            raw = {**raw, "identity": identity(where, raw["content_hash"])}
    try:
        return name, table.decode(raw)
    except _Bad as exc:
        raise BackupError(f"line {n}: {name}.{exc}") from None


def _old_document(raw: dict[str, Any]) -> bool:
    """A document row from before identities whose fields can make one (else the checks
    that follow say what is wrong with it)."""
    return (
        isinstance(raw.get("content_hash"), str)
        and (raw.get("outlet_id") is None or isinstance(raw.get("outlet_id"), int))
        and all(raw.get(k) is None or isinstance(raw.get(k), str) for k in ("url", "source"))
    )


@dataclass
class _Plan:
    """What the first pass found: the counts, and warnings for the user."""

    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _header(n: int, line: bytes) -> str:
    try:
        meta = _parse(n, line)
    except BackupError:
        raise BackupError("not a tracker backup (the first line is not its header)") from None
    fmt = meta.get("format") if isinstance(meta, dict) else None
    if fmt != FORMAT and fmt not in LEGACY_FORMATS:
        if isinstance(fmt, str) and fmt.startswith("tracker-backup/"):
            raise BackupError(f"a backup in format {fmt!r:.40}, which this tracker cannot read")
        raise BackupError("not a tracker backup (the first line is not its header)")
    return fmt


def _check(fh: IO[bytes]) -> _Plan:
    """The first pass: every check, nothing written."""
    plan = _Plan()
    outlet_names: dict[Any, str] = {}
    lines = _lines(fh)
    first = next(lines, None)
    if first is None:
        raise BackupError("not a tracker backup (the file is empty)")
    fmt = _header(*first)
    digest = hashlib.sha256(first[1] + b"\n")
    trailer: tuple[int, Any] | None = None
    ids: dict[str, set[int]] = {name: set() for name in TABLES}
    keys: dict[tuple[str, tuple[str, ...]], set[tuple]] = {}
    deferred: list[tuple[int, str, str, int]] = []  # line, table.column, target, id
    text_length: dict[int, int] = {}  # document id -> length of its text
    rank = -1
    ahead = next(lines, None)
    while ahead is not None:
        n, line = ahead
        ahead = next(lines, None)
        if trailer is not None:
            raise BackupError(f"line {n}: records after the trailer (line {trailer[0]})")
        try:
            item = _parse(n, line)
        except BackupError:
            if ahead is None and fmt not in LEGACY_FORMATS:
                raise BackupError(f"incomplete backup: its last line ({n}) is cut short") from None
            raise
        if isinstance(item, dict) and "end" in item:
            trailer = (n, item)
            continue
        digest.update(line + b"\n")
        name, row = _record(n, item, outlet_names)
        table = TABLES[name]
        if RANK[name] < rank:
            raise BackupError(f"line {n}: a {name} record after later tables' records")
        rank = RANK[name]
        rid = row["id"]
        if rid in ids[name]:
            raise BackupError(f"line {n}: {name} id {rid} appears twice")
        ids[name].add(rid)
        for cols in table.unique:
            key = tuple(row.get(c) for c in cols)
            if None in key:
                continue
            seen = keys.setdefault((name, cols), set())
            if key in seen:
                shown = ", ".join(cols)
                raise BackupError(f"line {n}: {name}: a second row with the same {shown}")
            seen.add(key)
        for col, target in table.references.items():
            ref = row.get(col)
            if ref is None:
                continue
            if RANK[target] < RANK[name] or (name, col) not in DEFERRED:
                if ref not in ids[target]:
                    raise BackupError(f"line {n}: {name}.{col} points at no {target} row ({ref})")
            else:
                deferred.append((n, f"{name}.{col}", target, ref))
        if name == "documents":
            text_length[rid] = len(row["text"])
        elif name == "quotes":
            start, end = row["start"], row["end"]
            if not 0 <= start <= end <= text_length.get(row["document_id"], -1):
                raise BackupError(
                    f"line {n}: quotes: offsets {start}–{end} are outside the document's text"
                )
        plan.counts[name] = plan.counts.get(name, 0) + 1
    _check_trailer(fmt, trailer, plan, digest.hexdigest())
    for n, where, target, ref in deferred:
        if ref not in ids[target]:
            raise BackupError(f"line {n}: {where} points at no {target} row ({ref})")
    return plan


def _check_trailer(fmt: str, trailer: tuple[int, Any] | None, plan: _Plan, digest: str) -> None:
    """A backup must end with its trailer, whose counts and checksum match the records
    (checked before references: a backup cut short is said to be so)."""
    if fmt in LEGACY_FORMATS:
        if trailer is not None:
            raise BackupError(f"line {trailer[0]}: a trailer in a backup of format {fmt}")
        plan.warnings.append(
            f"an older backup ({fmt}) without record counts or checksum: "
            "its completeness cannot be checked"
        )
        return
    if trailer is None:
        raise BackupError(
            "incomplete backup: no trailer line with its record counts (the file was cut short?)"
        )
    n, end = trailer
    counts = end.get("counts")
    if (
        end.get("end") != fmt
        or not isinstance(counts, dict)
        or not isinstance(end.get("sha256"), str)
    ):
        raise BackupError(f"line {n}: not a backup trailer")
    for name in TABLES:
        expected, found = counts.get(name, 0), plan.counts.get(name, 0)
        if expected != found:
            raise BackupError(
                f"incomplete or altered backup: the trailer counts {expected!r:.20} {name} "
                f"records, the file holds {found}"
            )
    if end["sha256"] != digest:
        raise BackupError("altered or damaged backup: its checksum does not match its records")


# ------------------------------------------------------------------------- writing


def import_all(
    session: Session, fh: IO[bytes], warn: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Restore a backup (a binary file, read twice) into an empty database.

    Refused with a BackupError, before anything is written, if the database is
    not empty or the backup fails any check. The caller's transaction makes the
    writing all or nothing.
    """
    if session.scalar(select(func.count(Document.id))) or session.scalar(
        select(func.count(Cluster.id))
    ):
        raise BackupError("the database is not empty; restore into a new database")
    plan = _check(fh)
    for message in plan.warnings:
        if warn:
            warn(message)
    fh.seek(0)
    try:
        _write(session, fh)
    except OperationalError:
        raise  # a lost connection or a lock: the command reports it as such
    except SQLAlchemyError as exc:
        raise BackupError(f"the database refused the backup: {error_line(exc, 200)}") from None
    return plan.counts


def _write(session: Session, fh: IO[bytes]) -> None:
    later: list[tuple[str, str, int, int]] = []  # table, column, row id, value
    outlet_names: dict[Any, str] = {}
    batch: list[dict[str, Any]] = []
    current: str | None = None
    tables = Base.metadata.tables

    def flush() -> None:
        if batch and current is not None:
            session.execute(tables[current].insert(), batch)
            batch.clear()

    lines = _lines(fh)
    next(lines)  # the header
    for n, line in lines:
        item = _parse(n, line)
        if isinstance(item, dict) and "end" in item:
            break
        name, row = _record(n, item, outlet_names)
        if name != current:
            flush()
            current = name
        for table, col in DEFERRED:
            if table == name and row.get(col) is not None:
                later.append((name, col, row["id"], row[col]))
                row[col] = None  # every row of a batch carries the same columns
        batch.append(row)
        if len(batch) >= 1000:
            flush()
    flush()
    for name, col, rid, value in later:
        target = tables[name]
        session.execute(update(target).where(target.c.id == rid).values({col: value}))
    _reset_sequences(session)


def _reset_sequences(session: Session) -> None:
    """PostgreSQL keeps id counters apart from the rows: move them past the restored ids."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )
