"""The rollout: which modules are migrated, which is next, and the ratchet in pyproject.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from room_refactor import files
from room_refactor.model import FileResult, Role, Status
from room_refactor.reports.audit import AuditReport, in_modules

#: Warnings that mean a bypass is still in the file after the rewrite.
UNFINISHED = frozenset({
    "dynamic-field", "chained-target", "tuple-target", "augmented-assignment", "setattr-in-expression", "async-handler",
    "async-function", "feeds-bulk-update",
})


def fully_migrated(result: FileResult) -> bool:
    return (
        result.status is Status.CHANGED
        and bool({"rewrite-writes", "add-atomic"} & set(result.applied))
        and not any(note.code in UNFINISHED for note in result.notes)
    )


def migrated_in_code(result: FileResult, *, canonical: Iterable[str] = ()) -> bool:
    """A module that an earlier run migrated (it calls the writer) and that has nothing left to
    migrate: no bypass, no unprotected handler that writes. An interrupted run's re-run finds
    such modules unchanged; they belong in the ratchet all the same."""
    analysis = result.analysis
    return (
        result.status is Status.UNCHANGED
        and analysis.writer_calls > 0
        and bool(result.module)
        and result.module not in set(canonical)
        and result.role not in (Role.TEST, Role.MIGRATION)
        and not any(site.bypass for site in analysis.sites)
        and all(handler.protected or not handler.writes for handler in analysis.handlers)
    )


def record_migrated(run: Any, written: Iterable[FileResult], settled: Iterable[FileResult] = ()) -> list[str]:
    """Add to `migrated` the modules that `migrate --write` fully migrated, and those the code
    shows were migrated before (`migrated_in_code`), keeping the file's formatting and comments
    (tomlkit). Returns the modules added."""
    config = run.loaded.config
    canonical = (*config.canonical, config.service_module)
    modules = sorted(
        {r.module for r in written if fully_migrated(r) and r.module and not r.new_file}
        | {r.module for r in settled if migrated_in_code(r, canonical=canonical)}
    )
    if not modules:
        return []
    root: Path = run.root
    pyproject = run.loaded.pyproject or (root / "pyproject.toml")
    return add_migrated(pyproject, modules, root=root)


def add_migrated(pyproject: Path, modules: Sequence[str], *, root: Path | None = None) -> list[str]:
    """Written atomically, like every file the tool touches. A `pyproject.toml` that is a
    symlink to a file inside the project is written through (the link stays a link)."""
    import tomlkit

    root = root if root is not None else pyproject.parent
    target = pyproject
    if pyproject.is_symlink():
        real = pyproject.resolve()
        real_root = root.resolve()
        if real_root not in real.parents:
            raise files.WriteError(f"{pyproject.name} is a symlink out of the project root; not written through")
        target, root = real, real_root
    exists = target.exists()
    original = target.read_bytes() if exists else b""
    document = tomlkit.parse(original.decode("utf-8")) if original else tomlkit.document()
    tool = document.get("tool")
    if tool is None:
        tool = tomlkit.table(is_super_table=True)
        document["tool"] = tool
    section = tool.get("room-refactor")
    if section is None:
        section = tomlkit.table()
        tool["room-refactor"] = section
    current = section.get("migrated")
    existing = [str(m) for m in current] if current is not None else []
    added = [m for m in modules if m not in existing]
    if not added and current is not None:
        return []
    if current is None:
        array = tomlkit.array()
        array.multiline(True)
        for module in sorted(added):
            array.append(module)
        section["migrated"] = array
    else:
        for module in added:
            current.append(module)
    data = tomlkit.dumps(document).encode("utf-8")
    if exists:
        files.atomic_write(target, data, expected=original, root=root)
    else:
        files.create_file(root, files.relative(target, root), data)
    return added


@dataclass(frozen=True)
class ModuleRow:
    app: str
    module: str
    path: str
    sites: int
    bypass: int
    unprotected_handlers: int
    migrated: bool
    dependencies: int

    @property
    def done(self) -> bool:
        return self.bypass == 0 and self.unprotected_handlers == 0


def module_rows(report: AuditReport, root: Path, scanned: Sequence[str]) -> list[ModuleRow]:
    """One row per module that has write sites or unprotected handlers."""
    from room_refactor.core.imports import top_level_imports

    migrated = report.config.migrated or ()
    paths = sorted({s.path for s in report.sites} | {h.path for h in report.handlers})
    project_modules = {files.module_name(rel): rel for rel in scanned}
    imports_of: dict[str, set[str]] = {}
    for module, rel in project_modules.items():
        try:
            decoded = files.decode(files.read_source(str(root / rel)))
        except (OSError, files.DecodeError, files.NotRegular):
            continue
        found = top_level_imports(decoded.text, module=module, is_package=rel.endswith("__init__.py"))
        imports_of[module] = {m for m in found if m in project_modules and m != module}
    imported_by: dict[str, set[str]] = {}
    for module, targets in imports_of.items():
        for target in targets:
            imported_by.setdefault(target, set()).add(module)
    rows = []
    for path in paths:
        module = files.module_name(path)
        sites = [s for s in report.sites if s.path == path]
        rows.append(ModuleRow(
            app=module.split(".")[0],
            module=module,
            path=path,
            sites=len(sites),
            bypass=sum(1 for s in sites if s.bypass),
            unprotected_handlers=sum(1 for h in report.handlers if h.path == path and not h.protected),
            migrated=in_modules(path, migrated),
            dependencies=len(imports_of.get(module, set()) | imported_by.get(module, set())),
        ))
    return rows


def next_module(rows: Sequence[ModuleRow]) -> ModuleRow | None:
    """Fewest cross-module dependencies first, then the most sites."""
    candidates = [r for r in rows if not r.migrated and not r.done]
    if not candidates:
        return None
    return min(candidates, key=lambda r: (r.dependencies, -r.sites, r.module))
