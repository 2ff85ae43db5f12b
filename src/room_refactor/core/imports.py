"""The static import graph, enough to know when a new top-level import would close a cycle.

Only imports that run at import time count: module-level statements (including those under
`if`/`try`), not imports inside functions, and not `if TYPE_CHECKING:` blocks. Parsing uses
`ast`, which is several times faster than libcst and needs no round trip.
"""

from __future__ import annotations

import ast
from typing import Callable, Iterable, Mapping

SourceLookup = Callable[[str], "tuple[str, bool] | None"]  # module -> (source, is_package)


def with_planned(lookup: SourceLookup, planned: Mapping[str, tuple[str, bool]]) -> SourceLookup:
    """The project as it will be after this run: `planned` modules (the writer's module as the
    scaffold will leave it, created or extended) replace what is on disk, so that their imports
    count in the cycle check before any import of them is placed."""
    if not planned:
        return lookup

    def planned_lookup(module: str) -> tuple[str, bool] | None:
        found = planned.get(module)
        return found if found is not None else lookup(module)

    return planned_lookup


def top_level_imports(source: str, *, module: str, is_package: bool) -> set[str]:
    """Every module that importing `module` imports in turn, resolved to absolute names."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    found: set[str] = set()
    package_parts = module.split(".") if is_package else module.split(".")[:-1]

    def visit(statements: Iterable[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    keep = len(package_parts) - (node.level - 1)
                    base = ".".join(package_parts[: max(keep, 0)])
                    target = ".".join(p for p in (base, node.module or "") if p)
                else:
                    target = node.module or ""
                if target:
                    found.add(target)
                    for alias in node.names:
                        found.add(f"{target}.{alias.name}")  # may be a submodule
            elif isinstance(node, ast.If):
                if not _is_type_checking(node.test):
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
                visit(node.orelse)
                visit(node.finalbody)
            elif isinstance(node, (ast.With, ast.ClassDef)):
                visit(node.body)

    visit(tree.body)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _with_parents(module: str) -> list[str]:
    """Importing a.b.c runs a/__init__, a/b/__init__ and a/b/c."""
    parts = module.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def reachable_modules(start: str, lookup: SourceLookup) -> set[str]:
    """Project modules that importing `start` imports, directly or not (`start` included)."""
    seen: set[str] = set()
    stack = _with_parents(start)
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        found = lookup(module)
        if found is None:
            continue  # not a project module (stdlib, third party), or a name inside a module
        seen.add(module)
        source, is_package = found
        for imported in top_level_imports(source, module=module, is_package=is_package):
            for candidate in _with_parents(imported):
                if candidate not in seen:
                    stack.append(candidate)
    return seen


def closes_cycle(importer: str, imported: str, lookup: SourceLookup) -> bool:
    """Would a top-level `import imported` in `importer` create an import cycle?"""
    return importer in reachable_modules(imported, lookup)
