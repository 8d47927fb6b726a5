"""The shape of the code, as a maintainer relies on it: packages by concern, no import cycle (lazy imports
included), core/ free of reportlab and click, small modules, no per-build cache hidden in a global."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mallette_print.core.validate import load_game
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions
from mallette_print.pipeline.registry import default_registry
from mallette_print.pipeline.run import run_build

PACKAGE = Path(__file__).resolve().parent.parent / "mallette_print"
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every project module this one imports, at the top or inside a function (TYPE_CHECKING blocks excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in found if m in modules and m != name}


def test_no_import_cycle_lazy_imports_included() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    # A package importing its own submodules (to register them, or to re-export) is not a cycle.
    for name in graph:
        graph[name] = {m for m in graph[name] if not m.startswith(name + ".")}
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        seen[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in seen:
                visit(nxt)
        stack.pop()
        seen[node] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name)


def test_core_imports_neither_reportlab_nor_click() -> None:
    for name, path in _modules().items():
        if name.startswith("mallette_print.core"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                mods = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                )
                for mod in mods:
                    assert mod.split(".")[0] not in {"reportlab", "click", "svglib"}, f"{name} imports {mod}"


def test_only_the_cli_knows_click() -> None:
    for name, path in _modules().items():
        if not name.startswith("mallette_print.cli"):
            assert "import click" not in path.read_text(encoding="utf-8"), name


def test_modules_are_small_and_few_at_the_top() -> None:
    for name, path in _modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, f"{name}: {lines} lines"
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 8, top


def test_no_cache_hidden_in_globals_contextvars_or_foreign_objects() -> None:
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name):
                assert node.id != "ContextVar", f"{name}:{node.lineno} uses a ContextVar"
            elif isinstance(node, ast.Attribute):
                assert node.attr not in {"ContextVar", "__dict__"}, f"{name}:{node.lineno} uses {node.attr}"


def test_one_context_per_build_shares_the_layouts_between_outputs(project: Path, tmp_path: Path) -> None:
    data = load_game(project)
    opts = BuildOptions(out=tmp_path / "out", lang="fr")
    ctx = BuildContext()
    run_build(data, opts, default_registry(opts), ctx=ctx)
    # The card sheets fitted every deck once; the rulebook's anatomy figure drew from the same layouts.
    kept = ctx.per_game(data, "icon_index", lambda: pytest.fail("the icon index was not kept"))
    assert kept
    fitted = []
    for deck in data.decks:
        fitted.append(ctx.per_game(data, ("layouts", deck.id, "fr", _poker(), _fam()), lambda: None))
    assert all(isinstance(f, dict) for f in fitted)
    # A second build without that context starts from nothing.
    fresh = BuildContext()
    assert fresh.per_game(data, "icon_index", lambda: "new") == "new"


def _poker():  # type: ignore[no-untyped-def]
    from mallette_print.core.cardsize import PRESETS

    return PRESETS["poker"]


def _fam():  # type: ignore[no-untyped-def]
    from mallette_print.draw.fonts import register_family

    return register_family()
