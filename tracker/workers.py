"""Forked worker processes: how many, whether forking is possible, and that they go
when the process that forked them goes.

A worker waits on a pipe whose other end it inherited itself, so a parent killed
outright (SIGKILL, the OOM killer) would leave it waiting forever. Linux can tell the
kernel to end it with its parent.

A Ctrl-C raised in the middle of starting or stopping a pool leaves it half-made: a
worker started but never recorded is never told to stop, and the process then waits for
it at exit for ever. So Ctrl-C is held back over those steps (``interrupts_held``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a worker forked by ``parent``: end when that process ends."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl to be had
            pass
    if os.getppid() != parent:  # it went before we asked
        os._exit(1)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C (SIGINT) held by the kernel until the block ends, then delivered as usual.

    The threads a pool starts inside the block inherit the mask and keep it, so the
    signal always reaches the main thread, never one of the pool's own.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield  # pragma: no cover - only the main thread is sent Ctrl-C
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def cores() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked here (they then share the parent's data copy-on-write)."""
    import multiprocessing

    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def fork_pool(n: int):
    """A ``multiprocessing`` pool of ``n`` forked workers that end with this process."""
    import multiprocessing

    with interrupts_held():  # a pool whole or none: see the module's docstring
        return multiprocessing.get_context("fork").Pool(
            n, initializer=die_with_parent, initargs=(os.getpid(),)
        )
