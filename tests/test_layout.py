"""The tree shows the pipeline, and the README says so truthfully.

Every Python package of the tool has a row in the README's layout table naming exactly its
modules; no module of a layer imports the `ita` command; the import graph has no cycle.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.content.example import EXAMPLE_DIR, EXAMPLE_NAME
from tests.conftest import ROOT, tree_snapshot
from workflow.init import MKDOCS_YML

LAYERS = ("generator", "checks", "workflow")
PACKAGES = (*LAYERS, "command")


def packages() -> dict[str, set[str]]:
    """Package folder (``generator/basics/``) → its module names, ``__init__`` left out."""
    found = {}
    for top in PACKAGES:
        for init in sorted((ROOT / top).rglob("__init__.py")):
            folder = init.parent
            found[f"{folder.relative_to(ROOT).as_posix()}/"] = {path.stem for path in folder.glob("*.py")
                                                                 if path.name != "__init__.py"}
    return found


def layout_rows() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    return {match.group(1): match.group(2) for match in re.finditer(r"^\| `([^`]+)` \| (.*) \|$", section, re.M)}


def test_every_package_has_a_layout_row_naming_exactly_its_modules():
    rows = layout_rows()
    for folder, modules in packages().items():
        assert folder in rows, f"README layout has no row for {folder}"
        named = set(re.findall(r"`([a-z_]+)`", rows[folder])) - {"__init__"}
        assert named & modules == modules, f"{folder}: modules missing from the README: {sorted(modules - named)}"
        assert not named - modules, f"{folder}: README names what is not there: {sorted(named - modules)}"


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def module_graph() -> dict[str, set[str]]:
    modules = {}
    for top in PACKAGES:
        for path in (ROOT / top).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return {name: {imported for imported in imports_of(path) if imported in modules} - {name}
            for name, path in modules.items()}


def test_no_module_of_a_layer_imports_the_command():
    offenders = {name: sorted(i for i in imported if i.split(".")[0] == "command")
                 for name, imported in module_graph().items() if name.split(".")[0] in LAYERS}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_import_graph_has_no_cycle():
    graph = module_graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                raise AssertionError("import cycle: " + " → ".join([*path[path.index(target):], target]))
            if target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


# ---- the repository root is the example unit, built the way a unit's folder is ---------------


def test_the_root_mkdocs_yml_is_the_one_ita_init_writes():
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8") == MKDOCS_YML


def test_the_root_content_is_the_shipped_example_while_it_names_the_example():
    if EXAMPLE_NAME not in (ROOT / "content" / "unit.yml").read_text(encoding="utf-8"):
        pytest.skip("content/ is a unit's own: the tests use generator/example/")
    assert tree_snapshot(ROOT / "content") == tree_snapshot(EXAMPLE_DIR), "run tools/make_example.py or copy the change"
