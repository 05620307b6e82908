"""The README is part of the product: it must not drift from the code."""

from __future__ import annotations

import functools
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from checks.findings import RULES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "GUIDE.th.md").read_text(encoding="utf-8")


@functools.cache  # one process per command: the tests ask for the same help many times
def help_of(*command: str) -> str:
    return subprocess.run([sys.executable, "-m", "command.main", *command, "--help"], capture_output=True,
                          text=True, check=True, env={**os.environ, "COLUMNS": "100"}).stdout


def command_lines(text: str) -> list[list[str]]:
    """The `ita …` command lines of a document's shell code blocks."""
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    commands = [part.strip() for block in blocks for line in block.splitlines() for part in line.split("&&")]
    return [shlex.split(command) for command in commands if command.startswith("ita ")]


def test_every_rule_id_is_documented():
    assert [rule for rule in RULES if f"| `{rule}` |" not in README] == []


def test_every_subcommand_in_the_readme_exists_with_thai_help():
    for command in ("generate", "build", "check", "audit", "province-audit", "status", "new-year", "add-document"):
        assert f"`ita {command}" in README
        output = help_of(command)
        assert output.startswith("วิธีใช้: ita ")
        assert "ตัวเลือก:" in output


def test_the_readme_shows_ita_help_as_it_is():
    assert "$ ita --help\n" + help_of() in README


@pytest.mark.parametrize("document", ["README.md", "GUIDE.th.md"])
def test_every_command_line_in_the_docs_uses_options_that_exist(document):
    lines = command_lines(README if document == "README.md" else GUIDE)
    assert lines
    for words in lines:
        output = help_of(words[1])
        unknown = [word for word in words[2:] if word.startswith("--") and word not in output]
        assert unknown == [], (words, unknown)


def test_the_two_newcomer_commands_are_in_the_readme():
    assert "make site" in README and "make test" in README


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end > 0 else None]


def test_every_dependency_the_package_declares_says_why_in_the_readme():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *(dep for extra in project["optional-dependencies"].values() for dep in extra)]
    names = {re.split(r"[<>=!~\[ ;]", dep, maxsplit=1)[0].lower() for dep in declared}
    why = _section("Dependencies and why").lower()
    assert sorted(name for name in names if name not in why) == []


def test_every_rule_id_the_readme_names_exists():
    named = re.findall(r"^\| `([a-z0-9-]+)` \|", _section("The `ita` command"), flags=re.M)
    assert named and [rule for rule in named if rule not in RULES] == []


def test_every_option_the_readme_names_for_a_command_exists():
    for span in re.findall(r"`(ita [a-z-]+[^`]*)`", README):
        words = span.split()
        if len(words) < 2 or words[1].startswith("-"):
            continue
        options = set(re.findall(r"--[a-z][a-z0-9-]*", span))
        output = help_of(words[1])
        assert [option for option in options if option not in output] == [], span
