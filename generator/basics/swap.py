"""Replace a folder by another in one step: a kill at any moment leaves the old one or the new one, whole."""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
_libc = ctypes.CDLL(None, use_errno=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False where the kernel or file system cannot."""
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        return False
    return renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def siblings(folder: Path) -> tuple[Path, Path]:
    """(staging, previous): the folders beside ``folder`` that a swap uses (hidden: no loader reads them)."""
    return folder.with_name(f".{folder.name}-staging"), folder.with_name(f".{folder.name}-previous")


def recover(folder: Path) -> None:
    """A swap killed between its two renames leaves only the previous folder: put it back."""
    _, previous = siblings(folder)
    if not folder.exists() and previous.is_dir():
        previous.rename(folder)


def swap_in(staging: Path, folder: Path) -> None:
    """Make ``staging`` the folder; the old one is deleted only once the new one is in place."""
    _, previous = siblings(folder)
    shutil.rmtree(previous, ignore_errors=True)
    if not folder.exists():
        staging.rename(folder)
    elif exchange(staging, folder):
        shutil.rmtree(staging, ignore_errors=True)  # now the old folder
    else:
        folder.rename(previous)
        staging.rename(folder)
        shutil.rmtree(previous, ignore_errors=True)
