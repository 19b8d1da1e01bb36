"""The shape of the house (docs/architecture.md): no import circle in ``src/``, and
no module so long that it must hold several jobs.

Imports inside functions count too: a lazy import that closes a circle still ties
two modules that should not know each other.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Each module of ``src/`` and the modules of ``src/`` it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[name] |= {alias.name for alias in node.names if alias.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    if target in modules:
                        graph[name].add(target)  # a module: `from pkg import module`
                    elif base in modules:
                        graph[name].add(base)
    for name in graph:
        graph[name].discard(name)
    return graph


def test_no_import_circle() -> None:
    try:
        tuple(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as error:
        circle = " -> ".join(error.args[1])
        raise AssertionError(f"an import circle: {circle}") from None


def test_the_circle_check_sees_a_circle() -> None:
    graph = import_graph()
    graph["supportnet.text"].add("supportnet.cli.people")  # text.py is imported by the CLI
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        return
    raise AssertionError("a circle was added and not seen")


#: The most lines a module of ``src/`` may have: beyond it, it holds several jobs.
MAX_MODULE_LINES = 600


def test_no_module_over_600_lines() -> None:
    long = {
        str(path.relative_to(SRC)): lines
        for path in SRC.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"split by job (at most {MAX_MODULE_LINES} lines a module): {long}"


def _outside_imports() -> dict[str, set[str]]:
    """Each top-level module from outside the standard library that ``src/`` imports
    (at the top of a module or inside a function), with the modules importing it."""
    import sys

    found: dict[str, set[str]] = {}
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.partition(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                tops = [node.module.partition(".")[0]]
            else:
                continue
            for top in tops:
                if top not in sys.stdlib_module_names and top not in ("__future__", "supportnet"):
                    found.setdefault(top, set()).add(name)
    return found


def _requirement_name(text: str) -> str:
    import re

    return re.split(r"[\s;<>=!~\[(]", text.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_every_library_src_imports_is_installed_with_supportnet() -> None:
    """A fresh `pip install .` has what the code imports: declared, or required by what
    is (SQLModel brings pydantic and SQLAlchemy, pydantic brings pydantic-core).
    typer 0.28 carries its own copy of click, so `import click` crashed `help-now edit`
    where only the test dependencies had brought click."""
    from importlib import metadata

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    pyproject = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {_requirement_name(r) for r in pyproject["project"]["dependencies"]}
    installed, waiting = set(), list(declared)
    while waiting:  # what they require, and what that requires
        name = waiting.pop()
        if name in installed:
            continue
        installed.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:  # tomli on Python 3.11 and later
            continue
        waiting += [_requirement_name(r) for r in requires if "extra ==" not in r]
    providers = metadata.packages_distributions()
    missing = {
        module: sorted(importers)
        for module, importers in _outside_imports().items()
        if not {_requirement_name(d) for d in providers.get(module, [module])} & installed
    }
    assert not missing, f"imported but not installed by `pip install .`: {missing}"
