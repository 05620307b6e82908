"""The exit status of every `ita` command: one meaning each, asserted by the tests on real runs."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # clean (warnings allowed unless --strict)
    INTERNAL = 1  # a bug: Python prints a traceback
    ZERO = 2  # an item would score zero, a site-wide error, a unit not audited, or --strict and a warning
    INVALID = 3  # invalid content, configuration or options: Thai messages with file, line and field
    INTERRUPTED = 130  # Ctrl-C, SIGTERM or hang-up: what was done is kept, the message says what
