"""Extracting quotes ahead, in a second process, while ingest stores what it has.

Extraction is pure (a text in, its quotes out) and a third of a large run's storing;
storing is the database's, one writer at a time. So in a run large enough to pay for a
process, each article is handed to a forked worker as soon as it is read, and storing
takes its quotes from there: the worker extracts the next articles on the other core
while the main process writes the last ones. The quotes are the same either way; where
the worker cannot give them (it died, or could not say), they are extracted in place.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from tracker.quotes import ExtractedQuote
from tracker.workers import can_fork, cores, die_with_parent, interrupts_held

# Extraction as ingest does it: (text, language, notes to add the limits reached to).
Extract = Callable[[str, str | None, list[str]], list[ExtractedQuote]]
Extracted = tuple[list[ExtractedQuote], list[str]]  # the quotes and the limits reached

# Articles a run reads before a worker is started: forking costs tens of milliseconds,
# and a run of a few files is done before a worker would have helped.
START_AFTER = 100


def _extract(fn: Extract, text: str, language: str | None) -> Extracted:
    limits: list[str] = []
    return fn(text, language, limits), limits


_WORKER_FN: Extract | None = None  # in the worker: the function it was forked with


def _start_worker(fn: Extract, parent: int) -> None:
    global _WORKER_FN
    die_with_parent(parent)
    _WORKER_FN = fn  # given at fork, so never pickled (it may be any callable)
    # Ctrl-C is the main process's to handle (it reports what was stored); a worker
    # dying of it first would only turn the interruption into a broken pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extract_in_worker(text: str, language: str | None) -> Extracted:
    assert _WORKER_FN is not None
    return _extract(_WORKER_FN, text, language)


class ExtractAhead:
    """Each article's extraction, started when it is read and taken when it is stored."""

    def __init__(self, fn: Extract, start_after: int | None = None) -> None:
        self.fn = fn
        self.start_after = START_AFTER if start_after is None else start_after
        self.seen = 0
        self.pool: ProcessPoolExecutor | None = None
        # Forked (the modules are loaded already), and only with a core to spare.
        self.failed = not can_fork() or cores() < 2
        self.ahead: dict[tuple[str, str | None], Future[Extracted]] = {}

    def read(self, text: str, language: str | None) -> None:
        """An article was read: extract it in the worker, once the run is large enough."""
        self.seen += 1
        if self.failed or self.seen <= self.start_after:
            return
        key = (text, language)
        if key in self.ahead:
            return
        # The pool's own steps run whole: a Ctrl-C waits for their end (tracker.workers).
        with interrupts_held():
            if self.pool is None:
                self.pool = ProcessPoolExecutor(
                    1,
                    mp_context=multiprocessing.get_context("fork"),
                    initializer=_start_worker,
                    initargs=(self.fn, os.getpid()),
                )
            try:
                self.ahead[key] = self.pool.submit(_extract_in_worker, text, language)
            except RuntimeError:  # the pool broke or was shut down: extract in place
                self.failed = True

    def __call__(self, text: str, language: str | None) -> Extracted:
        """The quotes of an article, from the worker if it has them, else extracted here."""
        future = self.ahead.get((text, language))
        if future is not None:
            try:
                return future.result()
            except Exception:  # noqa: BLE001 - any failure there: the same work here
                self.failed = True  # (an error of the text's own recurs here, as raised)
        return _extract(self.fn, text, language)

    def forget(self, keys: list[tuple[str, str | None]]) -> None:
        """Drop what was extracted for articles now stored (or skipped)."""
        with interrupts_held():
            for key in keys:
                future = self.ahead.pop(key, None)
                if future is not None:
                    future.cancel()

    def close(self) -> None:
        self.ahead.clear()
        if self.pool is not None:
            with interrupts_held():  # the worker's current article at most
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
