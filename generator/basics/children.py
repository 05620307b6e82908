"""Child processes that never outlive ita: killed with it, even when it is killed outright (SIGKILL)."""

from __future__ import annotations

import ctypes
import signal

PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


def die_with_parent() -> None:
    """In a child process: if ita is killed outright, the child is killed too (Linux; elsewhere the stop
    handlers still end it on SIGTERM, Ctrl-C and hang-up)."""
    prctl = getattr(_libc, "prctl", None)
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
