"""The house rules of the package's structure, checked on every module's imports.

Every ``import`` of every module is read with `ast` (imports inside functions
and under ``TYPE_CHECKING`` included) and checked for: import cycles between
modules, imports of another package's private module, imports against the
layers, and modules over 500 lines that do not say why in their docstring.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
ROOT = "govinfo_report"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("_format", "_values", "_xmltext"),
    ("_findings", "_labels"),
    ("_rules",),
    ("_model", "_limits", "_atomic", "exceptions"),
    ("_build", "_validate"),
    ("_exchange", "_analysis", "_readers", "_ooxml", "_examples", "_archives"),
    ("_read", "_publish"),
    ("_word", "_web"),
    ("__init__",),
    ("_cli", "__main__"),
)
"""Bottom to top: a unit may import its own layer's units and lower ones only."""

LAYER = {unit: n for n, units in enumerate(LAYERS) for unit in units}

MAX_LINES = 500
LONG_MARKER = re.compile(r"^\s*Over 500 lines: \S", re.MULTILINE)
"""The docstring line a module over `MAX_LINES` lines gives its reason on."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {
    _module_name(p): p for p in sorted((SRC / ROOT).rglob("*.py"))
}
PACKAGES = {_module_name(p) for p in MODULES.values() if p.name == "__init__.py"}


def _target(module: str, base: str, level: int, importer: str) -> str:
    if level:
        package = importer if importer in PACKAGES else importer.rpartition(".")[0]
        for _ in range(level - 1):
            package = package.rpartition(".")[0]
        return f"{package}.{base}" if base else package
    return base


def _imports(name: str) -> Iterator[tuple[str, int]]:
    """The package's modules ``name`` imports, with the line of each import."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == ROOT or alias.name.startswith(ROOT + "."):
                    yield _known(alias.name), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = _target("", node.module or "", node.level, name)
            if base != ROOT and not base.startswith(ROOT + "."):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield (sub if sub in MODULES else _known(base)), node.lineno


def _known(dotted: str) -> str:
    """The deepest module of the package that ``dotted`` names."""
    while dotted not in MODULES and "." in dotted:
        dotted = dotted.rpartition(".")[0]
    return dotted


GRAPH: dict[str, list[tuple[str, int]]] = {
    name: [(t, line) for t, line in _imports(name) if t != name] for name in MODULES
}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_scan_sees_the_package() -> None:
    # guards against a scan that silently finds nothing
    assert f"{ROOT}._readers._items" in MODULES
    assert f"{ROOT}._readers" in {t for t, _ in GRAPH[ROOT]}
    assert sum(len(edges) for edges in GRAPH.values()) > 100


def test_every_unit_has_a_layer() -> None:
    missing = sorted({_unit(m) for m in MODULES} - LAYER.keys())
    assert missing == [], f"add these to LAYERS: {missing}"


def test_no_import_cycles() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target, _line in GRAPH[node]:
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for name in MODULES:
        if name not in state:
            visit(name)
    assert cycles == []


def test_no_module_reaches_into_another_packages_private_module() -> None:
    reaches = []
    for name, edges in GRAPH.items():
        for target, line in edges:
            parts = target.split(".")
            if len(parts) < 3 or not parts[2].startswith("_"):
                continue
            package = ".".join(parts[:2])
            if name != package and not name.startswith(package + "."):
                reaches.append(f"{name}:{line} → {target}")
    assert reaches == []


def test_imports_follow_the_layers() -> None:
    against = []
    for name, edges in GRAPH.items():
        for target, line in edges:
            if LAYER[_unit(name)] < LAYER[_unit(target)]:
                against.append(f"{name}:{line} → {target}")
    assert against == []


def test_long_modules_say_why() -> None:
    unexplained = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= MAX_LINES:
            continue
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if not LONG_MARKER.search(docstring):
            unexplained.append(f"{name} ({text.count(chr(10))} lines)")
    assert unexplained == [], (
        "a module over 500 lines needs a docstring line 'Over 500 lines: <why>'"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from govinfo_report._readers._cells import parse_value", "_readers._cells"),
        ("from govinfo_report._ooxml import _xml", "_ooxml._xml"),
        ("from govinfo_report._readers import read_text", "_readers"),
        ("import govinfo_report._word._writer", "_word._writer"),
        ("def f():\n    from govinfo_report import _read", "_read"),
    ],
)
def test_the_scan_resolves_imports(
    source: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "probe.py"
    fake.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "probe", fake)
    assert [t for t, _ in _imports("probe")] == [f"{ROOT}.{expected}"]
