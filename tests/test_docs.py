"""The README is part of the product: it must not drift from the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from checks.findings import RULES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_rule_id_is_documented():
    assert [rule for rule in RULES if f"| `{rule}` |" not in README] == []


def test_every_subcommand_in_the_readme_exists_with_thai_help():
    for command in ("generate", "build", "check", "audit", "status"):
        assert f"`ita {command}" in README
        result = subprocess.run([sys.executable, "-m", "generator.cli", command, "--help"],
                                capture_output=True, text=True, check=True)
        assert result.stdout.startswith("วิธีใช้: ita ")
        assert "ตัวเลือก:" in result.stdout


def test_the_two_newcomer_commands_are_in_the_readme():
    assert "make site" in README and "make test" in README
