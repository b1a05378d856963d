"""Ingest speed and memory: quote extraction and end-to-end ingest on a synthetic corpus.

Targets (from the issue): extraction >= 5 MB of article text per second on one
core; ingest into SQLite >= 300 articles per second end to end without clustering,
>= 100 with it (issue #13, on the 2,000-article run); memory flat as the corpus grows.

    python benchmarks/ingest_speed.py                      # 10,000 articles; sizes 1k, 5k, 10k
    python benchmarks/ingest_speed.py --quick              # smoke run, a few hundred articles
    python benchmarks/ingest_speed.py --db-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    python benchmarks/ingest_speed.py --profile 300        # cProfile extraction and ingest

The corpus (benchmarks/corpus.py, deterministic) is written one record at a
time to benchmarks/out/ and reused by later runs. Every measurement runs in a
fresh child process (this script re-invoked with --_child), so each peak RSS
belongs to that run alone. Extraction and ingest without clustering are pinned
to one CPU; ingest with clustering is not, since it scores candidate pairs on
every core (as `tracker ingest` does). Extraction reads the JSONL itself,
one line at a time, and times only ``extract_quotes``; ingest times the whole
``tracker.ingest.ingest()`` call on the JSONL file, into a fresh database.

Ingest runs twice where ``ingest()`` has a ``cluster`` switch: with clustering
off at every size (the extract-and-store path; memory across sizes), and with
clustering on — what ``tracker ingest`` does — once, at --articles. A run
longer than --time-limit seconds (default 600) is stopped between documents
and reported as stopped, with the rate so far and the rate in its last window.
Wall-clock rates suffer when other work shares the machine; the table also
gives rates per CPU-second, and the load average seen by each run.

With --db-url pointing at PostgreSQL, each run creates its own scratch database
on that server (tracker_bench_<pid>_<n>) and drops it afterwards; the database
named in the URL is only used to issue CREATE/DROP DATABASE. A SQLite URL names
a folder and stem: runs use <stem>-<n>-<mode>.db beside it, removed unless --keep.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
from array import array
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # corpus.py beside this file, also when run from elsewhere
# The checkout this file belongs to, before any installed copy: a second worktree measures
# its own code.
sys.path.insert(1, str(ROOT))

import corpus  # noqa: E402

DEFAULT_OUT = HERE / "out"
TARGET_MBPS = 5.0
TARGET_ARTICLES_PER_S = 300.0
TARGET_CLUSTERED_PER_S = 100.0
RESULT_TAG = "RESULT "


# --------------------------------------------------------------------------- helpers


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def cpu_with_workers() -> float:
    """CPU seconds of this process and of its finished children: clustering scores its
    pairs in forked workers, whose time ``time.process_time`` alone would leave out."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def current_rss_mib() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def pin_one_cpu() -> int | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def percentile(values: array, q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def corpus_path(workdir: Path, n: int, seed: int, shard: int) -> Path:
    stem = f"corpus-v{corpus.GENERATOR_VERSION}-s{seed}-{n}"
    return workdir / (f"{stem}-shards{shard}" if shard else f"{stem}.jsonl")


def ensure_corpus(workdir: Path, n: int, seed: int, shard: int) -> tuple[Path, float | None]:
    """The corpus file (or folder of shards) for ``n`` articles; seconds spent writing it."""
    path = corpus_path(workdir, n, seed, shard)
    done = path / ".complete" if shard else path
    if done.exists():
        return path, None
    t0 = time.perf_counter()
    if not shard:
        corpus.write_corpus(path, n, seed)
    else:
        path.mkdir(parents=True, exist_ok=True)
        gen = corpus.CorpusGenerator(seed)
        for start in range(0, n, shard):
            part = path / f"part-{start // shard:05d}.jsonl"
            with part.open("w", encoding="utf-8") as fh:
                for record in gen.articles(min(shard, n - start), start):
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        done.touch()
    return path, time.perf_counter() - t0


def corpus_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


# --------------------------------------------------------------------------- children


def child_extract(spec: dict) -> dict:
    cpu = pin_one_cpu()
    from tracker.quotes import extract_quotes

    # Warm-up outside the timing: imports, lazily built tables, regex caches.
    for seed_file in sorted((ROOT / "seeds").glob("*.txt")):
        extract_quotes(seed_file.read_text(encoding="utf-8"))
    baseline = maxrss_mib()
    if spec.get("tracemalloc"):
        import tracemalloc

        tracemalloc.start()
    times = array("d")
    n_bytes = n_chars = n_quotes = 0
    cpu_seconds = 0.0
    clock, cpu_clock = time.perf_counter, time.process_time
    load0 = os.getloadavg()[0]
    wall0 = clock()
    for file in corpus_files(Path(spec["corpus"])):
        with file.open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"]
                n_bytes += len(text.encode("utf-8"))
                n_chars += len(text)
                c0, t0 = cpu_clock(), clock()
                quotes = extract_quotes(text)
                times.append(clock() - t0)
                cpu_seconds += cpu_clock() - c0
                n_quotes += len(quotes)
                if len(times) % 2000 == 0:
                    log(f"    extract: {len(times)} articles")
    wall = clock() - wall0
    out = {
        "articles": len(times),
        "bytes": n_bytes,
        "chars": n_chars,
        "quotes": n_quotes,
        "seconds": sum(times),
        "cpu_seconds": cpu_seconds,
        "wall_seconds": wall,
        "load": [load0, os.getloadavg()[0]],
        "p50_ms": percentile(times, 0.50) * 1e3,
        "p95_ms": percentile(times, 0.95) * 1e3,
        "max_ms": max(times, default=0) * 1e3,
        "cpu": cpu,
        "baseline_rss_mib": baseline,
        "peak_rss_mib": maxrss_mib(),
        "end_rss_mib": current_rss_mib(),
    }
    if spec.get("tracemalloc"):
        import tracemalloc

        out["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    return out


class _TimeLimit(Exception):
    """Raised from ``on_item`` (between documents, after a commit) to stop a long run."""


def ingest_kwargs(cluster: bool | None) -> dict:
    """``cluster=`` only where this version of ``ingest()`` has it (it grew one with clusters)."""
    import inspect

    from tracker.ingest import ingest

    if cluster is None or "cluster" not in inspect.signature(ingest).parameters:
        return {}
    return {"cluster": cluster}


def child_ingest(spec: dict) -> dict:
    # Clustering scores candidate pairs on every core: pinning would measure half of it.
    cpu = None if spec.get("cluster") else pin_one_cpu()
    from sqlalchemy import func, select

    from tracker.ingest import ingest
    from tracker.quotes import extract_quotes
    from tracker.store.db import open_database
    from tracker.store.models import Document, Quote

    for seed_file in sorted((ROOT / "seeds").glob("*.txt")):  # same warm-up as extraction
        extract_quotes(seed_file.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    db = open_database(spec["db_url"])
    setup = time.perf_counter() - t0
    baseline = maxrss_mib()
    if spec.get("tracemalloc"):
        import tracemalloc

        tracemalloc.start()
    files = corpus_files(Path(spec["corpus"]))
    max_bytes = max(f.stat().st_size for f in files) + 1  # the default limit is 20 MB
    limit = spec.get("time_limit") or 0.0
    every = spec.get("sample_every", 500)
    outcomes: dict[str, int] = {}
    samples: list[tuple[int, float, float]] = []  # (articles, seconds, current RSS MiB)
    clock = time.perf_counter

    def progress(_source: str, outcome: str) -> None:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        done = sum(outcomes.values())
        # Every ``every`` articles, and at least every 30 s for slow runs.
        if done % every == 0 or clock() - t0 - (samples[-1][1] if samples else 0) >= 30:
            samples.append((done, clock() - t0, current_rss_mib()))
            log(f"    ingest: {done} articles, {clock() - t0:.0f} s")
        if limit and clock() - t0 > limit:
            raise _TimeLimit

    stopped = False
    load0 = os.getloadavg()[0]
    c0 = cpu_with_workers()
    t0 = clock()
    try:
        report = ingest(
            db, files, max_bytes=max_bytes, on_item=progress, **ingest_kwargs(spec.get("cluster"))
        )
    except _TimeLimit:
        report, stopped = None, True
    seconds = clock() - t0
    cpu_seconds = cpu_with_workers() - c0
    done = sum(outcomes.values())
    if not samples or samples[-1][0] != done:
        samples.append((done, seconds, current_rss_mib()))
    out = {
        "cluster": spec.get("cluster"),
        "stopped_at_limit": stopped,
        "articles": outcomes.get("added", 0),
        "duplicates": outcomes.get("duplicate", 0),
        "n_problems": outcomes.get("failed", 0),
        "problems": [f"{p.source}: {p.reason}" for p in report.problems[:5]] if report else [],
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "load": [load0, os.getloadavg()[0]],
        "setup_seconds": setup,
        "samples": samples,
        "cpu": cpu,
        "baseline_rss_mib": baseline,
        "peak_rss_mib": maxrss_mib(),
        "end_rss_mib": current_rss_mib(),
        "input_mib": sum(f.stat().st_size for f in files) / 2**20,
        "input_files": len(files),
    }
    if spec.get("tracemalloc"):
        import tracemalloc

        out["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    with db.Session() as session:
        out["quotes"] = session.scalar(select(func.count(Quote.id)))
        out["documents_in_db"] = session.scalar(select(func.count(Document.id)))
    db.dispose()
    return out


def run_child(kind: str, spec: dict) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_child", kind, json.dumps(spec)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(RESULT_TAG)]
    if proc.returncode != 0 or not lines:
        sys.stdout.write(proc.stdout)
        raise SystemExit(f"child {kind} failed (exit {proc.returncode}): {spec}")
    return json.loads(lines[-1][len(RESULT_TAG) :])


# --------------------------------------------------------------------------- databases


@contextlib.contextmanager
def scratch_database(db_url: str | None, workdir: Path, tag: str, keep: bool) -> Iterator[str]:
    """A fresh, empty database for one ingest run; removed afterwards unless ``keep``."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    ours = db_url is None  # our own scratch file under the work dir
    if ours:
        db_url = f"sqlite:///{workdir / 'ingest.db'}"
    url = make_url(db_url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise SystemExit("--db-url: use a SQLite file URL (each run gets its own file)")
        base = Path(url.database).expanduser().resolve()
        file = base.with_name(f"{base.stem}-{tag}.db")
        paths = [file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")]
        if not ours and file.exists():
            raise SystemExit(f"{file} exists; remove it or choose another --db-url")
        for p in paths:
            p.unlink(missing_ok=True)
        try:
            yield f"sqlite:///{file}"
        finally:
            if not keep:
                for p in paths:
                    p.unlink(missing_ok=True)
        return
    if backend == "postgresql":
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        name = f"tracker_bench_{os.getpid()}_{tag}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            if not keep:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        return
    raise SystemExit(f"--db-url: unsupported backend {backend!r}")


def db_label(db_url: str | None) -> str:
    if db_url is None:
        return "SQLite file"
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    return {"sqlite": "SQLite file", "postgresql": "PostgreSQL"}.get(
        url.get_backend_name(), url.get_backend_name()
    )


# --------------------------------------------------------------------------- profiling


def _print_profile(prof, top: int, title: str) -> None:
    import pstats

    stats = pstats.Stats(prof)
    print(f"\n--- {title}: top functions in tracker/ by cumulative time ---")
    stats.sort_stats("cumulative").print_stats(r"/tracker/", top)
    print(f"\n--- {title}: top functions anywhere by own time (tottime) ---")
    stats.sort_stats("tottime").print_stats(top)


def profile_run(args: argparse.Namespace, workdir: Path) -> None:
    """cProfile extraction and ingest of ``--profile N`` articles, in this process."""
    import cProfile

    from tracker.ingest import ingest
    from tracker.quotes import extract_quotes
    from tracker.store.db import open_database

    n = args.profile
    path, _ = ensure_corpus(workdir, n, args.seed, 0)
    texts_seen = 0
    if args.only in (None, "extract"):
        with path.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh]  # small N: fine to hold
        extract_quotes(texts[0])
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        for text in texts:
            extract_quotes(text)
        prof.disable()
        seconds = time.perf_counter() - t0
        texts_seen = sum(len(t.encode("utf-8")) for t in texts)
        print(
            f"profiled extract_quotes on {len(texts)} articles ({texts_seen / 1e6:.2f} MB) in "
            f"{seconds:.1f} s under cProfile ({texts_seen / 1e6 / seconds:.2f} MB/s with overhead)"
        )
        _print_profile(prof, args.profile_top, "extract_quotes")
    if args.only in (None, "ingest"):
        modes = {"both": [True], "on": [True], "off": [False]}[args.cluster]
        for cluster in modes:
            with scratch_database(args.db_url, workdir, f"profile{n}", False) as url:
                db = open_database(url)
                prof = cProfile.Profile()
                t0 = time.perf_counter()
                prof.enable()
                report = ingest(
                    db, [path], max_bytes=path.stat().st_size + 1, **ingest_kwargs(cluster)
                )
                prof.disable()
                seconds = time.perf_counter() - t0
                db.dispose()
            print(
                f"\nprofiled ingest (cluster={cluster}) of {report.added} articles "
                f"({report.quotes} quotes) in {seconds:.1f} s under cProfile "
                f"({report.added / seconds:.1f} articles/s with overhead)"
            )
            _print_profile(prof, args.profile_top, f"ingest cluster={cluster}")


# --------------------------------------------------------------------------- report


def code_version() -> str:
    """The tracker code measured: commit, and whether tracker/ had local edits."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "tracker"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" + local edits in tracker/" if dirty else "")


def versions() -> str:
    import sqlite3

    import sqlalchemy

    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def verdict(value: float, target: float) -> str:
    return "ok" if value >= target else f"BELOW target ({value / target:.0%} of it)"


def _window_rates(samples: list) -> str:
    """Articles/s in the first and the last sampling window: does it slow down as it grows?"""
    if len(samples) < 2:
        return ""
    (n1, t1, _), (na, ta, _), (nb, tb, _) = samples[0], samples[-2], samples[-1]
    first = n1 / t1 if t1 else float("nan")
    last = (nb - na) / (tb - ta) if tb > ta else float("nan")
    return f"first {n1}: {first:.1f}/s, articles {na}-{nb}: {last:.1f}/s"


def _load(r: dict) -> str:
    """Other work on the machine slows wall-clock figures; CPU-second figures much less."""
    hi = max(r["load"])
    busy = " (machine busy: compare CPU-second figures)" if hi > (os.cpu_count() or 1) else ""
    return f"load avg {r['load'][0]:.1f}->{r['load'][1]:.1f}{busy}"


def ingest_label(r: dict) -> str:
    mode = {None: "as shipped", True: "with clustering", False: "clustering off"}[r["cluster"]]
    return f"ingest {mode}"


def print_report(args, command, corpus_info, results, main_n, elapsed, code) -> None:
    rows: list[tuple[str, str, str]] = []

    def row(what: str, value: str, note: str = "") -> None:
        rows.append((what, value, note))

    main = results[main_n]
    ex = main.get("extract")
    if ex:
        mbps = ex["bytes"] / 1e6 / ex["seconds"]
        cpu_mbps = ex["bytes"] / 1e6 / ex["cpu_seconds"]
        row(
            f"extraction throughput, {ex['articles']} articles, 1 core",
            f"{mbps:.2f} MB/s",
            f"wall clock; {cpu_mbps:.2f} MB per CPU-second; target >= {TARGET_MBPS:g} MB/s: "
            f"{verdict(max(mbps, cpu_mbps), TARGET_MBPS)}; {_load(ex)}",
        )
        row(
            "extraction quotes",
            f"{ex['quotes'] / ex['seconds']:,.0f} quotes/s",
            f"{ex['quotes']:,} quotes, {ex['quotes'] / ex['articles']:.1f} per article",
        )
        row(
            "extraction articles",
            f"{ex['articles'] / ex['seconds']:,.0f} articles/s",
            f"{ex['seconds']:.1f} s in extract_quotes ({ex['wall_seconds']:.1f} s with JSON)",
        )
        row(
            "extraction latency p50 / p95 / max",
            f"{ex['p50_ms']:.1f} / {ex['p95_ms']:.1f} / {ex['max_ms']:.1f} ms",
            "per article",
        )
    for key in ("ingest_off", "ingest_on", "ingest"):
        ing = main.get(key)
        if not ing:
            continue
        label = f"{ingest_label(ing)} ({db_label(args.db_url)})"
        aps = ing["articles"] / ing["seconds"]
        cut = (
            f" STOPPED at --time-limit after {ing['articles']} of {main_n} articles"
            if ing["stopped_at_limit"]
            else ""
        )
        cpu_aps = ing["articles"] / ing["cpu_seconds"]
        target = TARGET_CLUSTERED_PER_S if ing.get("cluster") else TARGET_ARTICLES_PER_S
        row(
            f"{label}, {ing['articles']} articles",
            f"{aps:,.1f} articles/s",
            f"wall clock; {cpu_aps:,.1f} per CPU-second; target >= {target:g}/s: "
            f"{verdict(max(aps, cpu_aps), target)}; {_load(ing)}{cut}",
        )
        row(
            f"{label}, quotes stored",
            f"{ing['quotes'] / ing['seconds']:,.0f} quotes/s",
            f"{ing['quotes']:,} quotes in DB",
        )
        row(
            f"{label}, wall time",
            f"{ing['seconds']:.1f} s",
            f"{ing['cpu_seconds']:.1f} CPU-s; + {ing['setup_seconds']:.2f} s open/migrate; "
            f"{ing['duplicates']} duplicates, "
            f"{ing['n_problems']} problems",
        )
        if rates := _window_rates(ing["samples"]):
            row(f"{label}, rate over the run", "", rates)
    for n in sorted(results):
        for key, r in results[n].items():
            growth = r["peak_rss_mib"] - r["baseline_rss_mib"]
            note = f"baseline {r['baseline_rss_mib']:.0f} MiB, growth +{growth:.0f} MiB"
            if key == "extract":
                phase = "extract"
                note += f", {r['bytes'] / 1e6 / r['seconds']:.2f} MB/s"
            else:
                phase = ingest_label(r)
                note += (
                    f", {r['articles']} articles at {r['articles'] / r['seconds']:.1f}/s, "
                    f"input {r['input_mib']:.0f} MiB in {r.get('input_files', 1)} file(s)"
                )
                if r["stopped_at_limit"]:
                    note += ", stopped at --time-limit"
            row(f"peak RSS, {phase}, {n:>6}-article corpus", f"{r['peak_rss_mib']:.0f} MiB", note)
            if "tracemalloc_peak_mib" in r:
                row(
                    f"tracemalloc peak, {phase}, {n:>6}-article corpus",
                    f"{r['tracemalloc_peak_mib']:.1f} MiB",
                    "Python allocations during the run",
                )
    row("total benchmark run time", f"{elapsed:.0f} s", "")

    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    print()
    print("=" * 110)
    print("tracker ingest benchmark")
    print(f"command : {command}")
    print(f"machine : {versions()}")
    now = code_version()
    print(f"code    : {code}" + ("" if now == code else f" at start, {now} at the end (changed!)"))
    print(f"corpus  : {corpus_info}")
    print("-" * 110)
    for what, value, note in rows:
        print(f"{what:<{w0}}  {value:>{w1}}  {note}".rstrip())
    print("=" * 110)


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=int, default=10000, help="corpus size for the timings")
    ap.add_argument(
        "--sizes",
        default="1000,5000,10000",
        help="comma-separated corpus sizes for the memory runs (default %(default)s)",
    )
    ap.add_argument("--db-url", help="database for ingest runs (default: a fresh SQLite file)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 300 articles, sizes 100,300")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default %(default)s)")
    ap.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_OUT,
        help="corpus and SQLite files (default benchmarks/out/, gitignored)",
    )
    ap.add_argument(
        "--shard-size",
        type=int,
        default=0,
        metavar="K",
        help="write the corpus as files of K records in a folder instead of one file",
    )
    ap.add_argument("--only", choices=["extract", "ingest"], help="run one phase only")
    ap.add_argument(
        "--cluster",
        choices=["both", "on", "off"],
        default="both",
        help="ingest with clustering (as `tracker ingest` does) at --articles, without it at "
        "every size, or both (default)",
    )
    ap.add_argument(
        "--time-limit",
        type=float,
        default=600,
        metavar="S",
        help="stop an ingest run after S seconds and report the rate so far (0: no limit; "
        "default %(default)g)",
    )
    ap.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also trace Python allocations (slower; timings then include overhead)",
    )
    ap.add_argument("--keep", action="store_true", help="keep the databases written by the runs")
    ap.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="instead: cProfile extraction and ingest of N articles and print hotspots",
    )
    ap.add_argument("--profile-top", type=int, default=25, help="rows per profile listing")
    ap.add_argument("--_child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.quick:
        args.articles = 300
        args.sizes = "100,300"
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args._child:
        kind, spec = args._child[0], json.loads(args._child[1])
        result = (child_extract if kind == "extract" else child_ingest)(spec)
        print(RESULT_TAG + json.dumps(result), flush=True)
        return 0

    started = time.perf_counter()
    code = code_version()
    command = "python " + " ".join(shlex.quote(a) for a in [os.path.relpath(__file__), *argv])
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile_run(args, workdir)
        return 0

    has_cluster_flag = bool(ingest_kwargs(True))
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()} | {args.articles})
    results: dict[int, dict[str, dict]] = {}
    corpus_info = ""

    def run_ingest(n: int, spec: dict, cluster: bool | None) -> None:
        key = "ingest" if cluster is None else ("ingest_on" if cluster else "ingest_off")
        tag = f"{n}-{key}"
        log(f"  {key} {n} ...")
        with scratch_database(args.db_url, workdir, tag, args.keep) as url:
            r = run_child(
                "ingest",
                {**spec, "db_url": url, "cluster": cluster, "time_limit": args.time_limit},
            )
        results[n][key] = r
        log(
            f"  {key} {n}: {r['articles']} articles at {r['articles'] / r['seconds']:.1f}/s, "
            f"peak RSS {r['peak_rss_mib']:.0f} MiB"
            + (" (stopped at time limit)" if r["stopped_at_limit"] else "")
        )
        if r["n_problems"]:
            log(f"  ingest problems: {r['problems']}")

    for n in sizes:
        path, gen_seconds = ensure_corpus(workdir, n, args.seed, args.shard_size)
        size_mib = sum(f.stat().st_size for f in corpus_files(path)) / 2**20
        made = f"generated in {gen_seconds:.1f} s" if gen_seconds is not None else "reused"
        log(f"corpus {n}: {path} ({size_mib:.1f} MiB, {made})")
        if n == args.articles:
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            corpus_info = f"{shown} — {n} articles, seed {args.seed}, {size_mib:.1f} MiB, {made}"
        results[n] = {}
        spec = {
            "corpus": str(path),
            "tracemalloc": args.tracemalloc,
            "sample_every": max(10, n // 20),
        }
        if args.only in (None, "extract"):
            log(f"  extract {n} ...")
            results[n]["extract"] = r = run_child("extract", spec)
            log(
                f"  extract {n}: {r['bytes'] / 1e6 / r['seconds']:.2f} MB/s, "
                f"peak RSS {r['peak_rss_mib']:.0f} MiB"
            )
        if args.only in (None, "ingest"):
            if not has_cluster_flag:
                run_ingest(n, spec, None)  # this ingest() has no clustering switch
            else:
                # Without clustering at every size (memory, the store path); the shipped
                # path with clustering once, at the main size, under the time limit.
                if args.cluster in ("both", "off"):
                    run_ingest(n, spec, False)
                if args.cluster == "on" or (args.cluster == "both" and n == args.articles):
                    run_ingest(n, spec, True)
    ex = results[args.articles].get("extract")
    if ex:
        corpus_info += (
            f"; {ex['bytes'] / 1e6:.1f} MB of text, "
            f"avg {ex['bytes'] / ex['articles'] / 1e3:.1f} KB/article"
        )
    print_report(
        args, command, corpus_info, results, args.articles, time.perf_counter() - started, code
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
