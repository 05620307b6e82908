"""The deploy build: MkDocs (or another builder) into a staging folder, swapped in only on success.

``mkdocs build`` empties ``site_dir`` before it builds, so a failure half-way would leave a
broken site to deploy; building elsewhere first keeps the last good site instead. The swap is
one atomic ``renameat2(RENAME_EXCHANGE)`` where the kernel has it: killed at any moment, the
site folder holds either the old site or the new one. Elsewhere it is two renames, and a
run that finds the site folder missing puts the previous site back first.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

from generator.basics.children import die_with_parent
from generator.basics.project_lock import HELD_ENV
from generator.basics.swap import recover, siblings, swap_in
from generator.build import zensical as zensical_build
from generator.build.builders import Builder, builder_env
from generator.build.safe_paths import tool_path
from generator.build.write import GENERATED
from generator.model import Model

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class BuildFailed(Exception):
    """MkDocs stopped; ``output`` is what it printed."""

    def __init__(self, output: str) -> None:
        super().__init__("mkdocs build ไม่สำเร็จ")
        self.output = output


class Interrupted(Exception):
    """The command was asked to stop (SIGTERM, Ctrl-C, hang-up) while building."""


@contextlib.contextmanager
def _stop_signals_raise() -> Iterator[None]:
    def stop(signum: int, _frame: object) -> None:
        raise Interrupted(signal.Signals(signum).name)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run_builder(command: list[str], root: Path) -> None:
    """Run the builder to the end, stopping it first if we are interrupted; BuildFailed if it fails."""
    env = builder_env(**{HELD_ENV: str(root.resolve())})  # its hook must not wait for the lock we hold
    child = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, encoding="utf-8", errors="replace", start_new_session=True,
                             preexec_fn=die_with_parent)  # noqa: PLW1509 - one prctl call, nothing that takes a lock
    try:
        output, _ = child.communicate()
    finally:
        if child.poll() is None:  # we were interrupted: stop the builder before anything else
            os.killpg(child.pid, signal.SIGTERM)
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
    if child.returncode != 0:
        raise BuildFailed(output)


def build_site(root: Path, site_dir: Path, model: Model, builder: Builder) -> None:
    """Build into staging and swap in; BuildFailed or Interrupted leave the previous site as it was."""
    staging, _ = siblings(site_dir)
    recover(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with _stop_signals_raise():
            if builder.runs_hooks:
                tool_path(root, GENERATED).mkdir(exist_ok=True)  # MkDocs checks docs_dir before the plugin writes it
                _run_builder(builder.command(root / "mkdocs.yml", staging), root)
            else:
                _run_builder(builder.command(zensical_build.prepare(root, model), None), root)
                zensical_build.finish(root, staging)
        # A stop asked for during the swap waits until it is done (SIGKILL cannot: see recover).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            swap_in(staging, site_dir)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def site_is_whole(site_dir: Path) -> bool:
    return (site_dir / "index.html").is_file()
