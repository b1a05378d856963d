"""Full backups: everything in the database as JSON Lines, and back.

``export_all`` writes one JSON object per line, each tagged with its table
(``{"table": "quotes", "row": {...}}``), parents before children, ids kept.
``import_all`` restores such a file into an empty database; a round trip
loses nothing (documents with their text, outlets and speakers with their
aliases, quotes, clusters, verdicts, notes, evidence, history, merge/split
decisions, suggestions and the watchlist).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import Date, DateTime, TypeDecorator, func, select, text, update
from sqlalchemy.orm import Session

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
    Suggestion,
    WatchPhrase,
)

FORMAT = "tracker-backup/1"
# Parents first. Clusters go in before quotes without their canonical quote,
# which is set once the quotes are in (the two tables point at each other).
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


class BackupError(Exception):
    pass


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
    counts: dict[str, int] = {}
    out.write(
        json.dumps({"format": FORMAT, "exported_at": dt.datetime.now(dt.UTC).isoformat()}) + "\n"
    )
    for model in ORDER:
        name = model.__tablename__
        counts[name] = 0
        for row in _rows(session, model):
            out.write(json.dumps({"table": name, "row": row}, ensure_ascii=False) + "\n")
            counts[name] += 1
    return counts


def _decode(model, row: dict[str, Any]) -> dict[str, Any]:
    table = model.__table__
    out = {}
    for key, value in row.items():
        if key not in table.c:
            raise BackupError(f"unknown column {model.__tablename__}.{key}")
        col = table.c[key]
        kind = col.type.impl if isinstance(col.type, TypeDecorator) else col.type
        if value is not None and isinstance(kind, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = dt.date.fromisoformat(value)
        out[key] = value
    return out


def import_all(session: Session, lines: IO[str]) -> dict[str, int]:
    """Restore a backup into an empty database (refused otherwise)."""
    if session.scalar(select(func.count(Document.id))) or session.scalar(
        select(func.count(Cluster.id))
    ):
        raise BackupError("the database is not empty; restore into a new database")
    models = {m.__tablename__: m for m in ORDER}
    header = lines.readline()
    try:
        meta = json.loads(header)
    except ValueError as exc:
        raise BackupError("not a tracker backup (no header line)") from exc
    if meta.get("format") != FORMAT:
        raise BackupError(f"not a tracker backup: format {meta.get('format')!r}")
    counts: dict[str, int] = {}
    canonical: list[dict[str, int]] = []
    outlet_names: dict[int, str] = {}
    batch: list[dict[str, Any]] = []
    current = None

    def flush() -> None:
        if batch:
            session.execute(models[current].__table__.insert(), batch)
            batch.clear()

    for n, line in enumerate(lines, 2):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            name, row = item["table"], item["row"]
            model = models[name]
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError(f"line {n}: not a backup record ({exc})") from exc
        if name != current:
            flush()
            current = name
        row = _decode(model, row)
        if model is Outlet:
            outlet_names[row["id"]] = row["name"]
        elif model is Document and not row.get("identity"):
            # A backup made before documents had an identity (schema 0005 and older).
            name = outlet_names.get(row.get("outlet_id"))
            where = locator(row.get("url"), name, row.get("source") or "")
            row["identity"] = identity(where, row["content_hash"])
        if model is Cluster and row.get("canonical_quote_id") is not None:
            canonical.append({"cid": row["id"], "qid": row.pop("canonical_quote_id")})
        batch.append(row)
        counts[name] = counts.get(name, 0) + 1
        if len(batch) >= 1000:
            flush()
    flush()
    for pair in canonical:
        session.execute(
            update(Cluster.__table__)
            .where(Cluster.__table__.c.id == pair["cid"])
            .values(canonical_quote_id=pair["qid"])
        )
    _reset_sequences(session)
    return counts


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
