"""Forked worker processes: how many, whether forking is possible, and that they go
when the process that forked them goes.

A worker waits on a pipe whose other end it inherited itself, so a parent killed
outright (SIGKILL, the OOM killer) would leave it waiting forever. Linux can tell the
kernel to end it with its parent.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

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

    return multiprocessing.get_context("fork").Pool(
        n, initializer=die_with_parent, initargs=(os.getpid(),)
    )
