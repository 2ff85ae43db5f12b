"""One run over a project: discovery, the files the codemods need besides the given paths,
the import graph, and the task the workers get. I/O, no printing."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from room_refactor import files
from room_refactor.config import TEST_EXCLUDE, Config, LoadedConfig
from room_refactor.model import FileError, FileResult, Status
from room_refactor.runner import CODEMODS, Task, read_items, run, settled_without_sites

if TYPE_CHECKING:
    from room_refactor.core.imports import SourceLookup


class RunError(Exception):
    """The run cannot start; nothing was read or written."""


@dataclass(frozen=True)
class Run:
    loaded: LoadedConfig
    paths: tuple[Path, ...]
    discovery: files.Discovery
    task: Task
    new_files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # run-level messages for stderr
    exclude: tuple[str, ...] = ()  # the run's exclude patterns, for the model index's own discovery

    @property
    def root(self) -> Path:
        return self.loaded.root

    def results(self, *, jobs: int) -> Iterator[FileResult]:
        for s in self.discovery.skipped:
            if s.error:  # could not be read: a failure, not a choice
                yield FileResult(path=s.rel, status=Status.FAILED, error=FileError(s.rel, s.reason, None))
            else:
                yield FileResult(path=s.rel, status=Status.SKIPPED, reason=s.reason)
        if not self.new_files:
            # A run where no file spells the fields costs what the byte search costs: each file
            # read once, no model index.
            settled = settled_without_sites(self.discovery.files, self.task)
            if settled is not None:
                yield from settled
                return
        # The workers start before the model index is built: they import libcst meanwhile.
        from room_refactor.pool import close_unused, prestart

        started = prestart(jobs)
        try:
            task = self.with_index(self.task)
        except BaseException:
            close_unused(started)
            raise
        yield from run(read_items(self.discovery.files, task, new_files=self.new_files), task, jobs=jobs,
                       started=started)

    def with_index(self, task: Task) -> Task:
        """The task with the project's model index; files the index knows to expose the fields
        (a serializer with `fields = "__all__"` that never spells one) are read even though the
        byte search would drop them."""
        from room_refactor.indexing import project_index

        root_files = self.discovery.files
        if any(self.root.resolve() != p.resolve() for p in self.paths):
            root_files = files.discover([self.root], root=self.root, exclude=self.exclude).files
        index = project_index(self.root, root_files, task.config)
        exposure_modules = {e.module for e in index.exposures}
        forced = {f.rel for f in self.discovery.files if files.module_name(f.rel) in exposure_modules}
        return replace(task, index=index, forced=task.forced | frozenset(forced))


def exclude_patterns(loaded: LoadedConfig, *, include_tests: bool) -> list[str]:
    patterns = [*loaded.config.exclude, *loaded.config.extend_exclude]
    if include_tests:
        patterns = [p for p in patterns if p not in TEST_EXCLUDE]
    return patterns


def prepare(
    loaded: LoadedConfig,
    paths: list[Path],
    *,
    mode: str,
    include_tests: bool = False,
    codemods: frozenset[str] = frozenset(CODEMODS),
    constraints: bool = False,
    diffs: bool = False,
    listings: dict[str, list[os.DirEntry[str]]] | None = None,
) -> Run:
    root = loaded.root
    config = loaded.config
    paths = paths or [root]
    excluded = exclude_patterns(loaded, include_tests=include_tests)
    # A path that does not exist yet is the writer's module that this run creates (the CLI
    # accepts no other): nothing to discover there.
    existing = [p for p in paths if p.exists() or p.is_symlink()]
    discovery = (
        files.discover(existing, root=root, exclude=excluded, listings=listings) if existing
        else files.Discovery(files=(), skipped=())
    )
    if mode == "audit":
        return Run(loaded, tuple(paths), discovery, Task(config=config, mode="audit"), exclude=tuple(excluded))

    notes: list[str] = []
    forced: set[str] = set()
    new_files: list[str] = []
    lookup = files.module_lookup(root)
    given = [Path(p).resolve() for p in paths]

    def within_given(path: Path) -> bool:
        resolved = path.resolve()
        return any(resolved == g or g in resolved.parents for g in given)

    service_path = files.module_path(root, config.service_module)
    service_rel = files.relative(service_path, root)
    if "scaffold-service" in codemods:
        if within_given(service_path):
            if service_path.is_file():
                forced.add(service_rel)
            else:
                new_files.append(service_rel)
        elif not _defines(lookup(config.service_module), config.service_name) and "rewrite-writes" in codemods:
            raise RunError(
                f"the writer {config.service} does not exist and {service_rel} is outside the given paths; "
                f"create it first with `room-refactor migrate --write --only scaffold-service {service_rel}`"
            )
    elif "rewrite-writes" in codemods and not _defines(lookup(config.service_module), config.service_name):
        raise RunError(
            f"the writer {config.service} does not exist and --no-scaffold was given; "
            "the rewritten calls would fail at run time"
        )
    model_path = files.module_path(root, config.model_module)
    constraints_keyword = None
    if constraints:
        if within_given(model_path) and model_path.is_file():
            forced.add(files.relative(model_path, root))
            constraints_keyword = django_check_keyword()
        else:
            notes.append(f"--constraints: {files.relative(model_path, root)} is not among the given paths; skipped")

    setter_available = False
    setter_parameters = None
    if config.status_setter:
        setter_module, _, setter_name = config.status_setter.rpartition(".")
        setter_available = _defines(lookup(setter_module), setter_name)
        setter_parameters = _parameters(lookup(setter_module), setter_name)
    if constraints_keyword is not None and not _defines(lookup(config.service_module), config.service_name):
        from room_refactor.core.scaffold import constraints_refusal

        refusal = constraints_refusal(config, setter_parameters)
        if refusal is not None:
            raise RunError(refusal)

    from room_refactor.core.imports import reachable_modules, with_planned

    cycle_modules: frozenset[str] = frozenset()
    planned = _planned_writer(
        lookup, config, codemods=codemods, setter_available=setter_available, setter_parameters=setter_parameters
    )
    if config.import_style == "auto":
        cycle_modules = frozenset(reachable_modules(config.service_module, with_planned(lookup, planned)))
    # The writer's parameters as this run leaves it: the rewrite passes `row_locked=` and
    # `full_save=` only to a writer that takes them.
    writer_parameters = _parameters(
        planned.get(config.service_module) or lookup(config.service_module), config.service_name
    )
    isolation_notes = tuple(_isolation_notes(root, lookup))
    notes.extend(isolation_notes)
    task = Task(
        config=config,
        mode="migrate",
        codemods=codemods,
        cycle_modules=cycle_modules,
        setter_available=setter_available,
        setter_parameters=setter_parameters,
        writer_parameters=writer_parameters,
        isolation_notes=isolation_notes,
        constraints_keyword=constraints_keyword,
        forced=frozenset(forced),
        diffs=diffs,
    )
    return Run(loaded, tuple(paths), discovery, task, tuple(new_files), tuple(notes), tuple(excluded))


def _planned_writer(
    lookup: SourceLookup,
    config: Config,
    *,
    codemods: frozenset[str],
    setter_available: bool,
    setter_parameters: tuple[str, ...] | None,
) -> dict[str, tuple[str, bool]]:
    """The writer's module as this run will leave it, when the run scaffolds the writer: the
    module (new or not) with the writer and its imports (the model's module, the status
    setter's). Rendered by the scaffold itself, so the graph sees exactly what will be written."""
    if "scaffold-service" not in codemods:
        return {}
    found = lookup(config.service_module)
    if _defines(found, config.service_name):
        return {}
    from room_refactor.core.parse import parse_module
    from room_refactor.core.scaffold import add_writer

    source, is_package = found if found is not None else ("", False)
    try:
        module = parse_module(source)
    except Exception:  # noqa: BLE001 - a writer's module that does not parse fails later, as a file
        return {}
    written = add_writer(module, config, setter_available=setter_available, setter_parameters=setter_parameters)
    return {config.service_module: (written.code, is_package)}


def _defines(found: tuple[str, bool] | None, name: str) -> bool:
    if found is None:
        return False
    import ast

    try:
        tree = ast.parse(found[0])
    except (SyntaxError, ValueError):
        return False
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name for node in tree.body)


def _isolation_notes(root: Path, lookup: Callable[[str], tuple[str, bool] | None]) -> list[str]:
    """A review note for each database the settings put under an isolation level stronger than
    READ COMMITTED (the settings module named by manage.py or pyproject.toml, read with ast)."""
    from room_refactor.core.isolation import isolation_levels, review_message, settings_module

    module = None
    for name in ("manage.py", "pyproject.toml"):
        candidate = root / name
        if candidate.is_file():
            try:
                module = settings_module(candidate.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                module = None
            if module:
                break
    if not module:
        return []
    found = lookup(module)
    if found is None:
        return []
    path = files.relative(files.module_path(root, module), root)
    return [review_message(path, level) for level in isolation_levels(found[0]) if not level.holds]


def _parameters(found: tuple[str, bool] | None, name: str) -> tuple[str, ...] | None:
    """The parameter names of the module-level function `name`, read with ast; None when missing."""
    if found is None:
        return None
    import ast

    try:
        tree = ast.parse(found[0])
    except (SyntaxError, ValueError):
        return None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            arguments = node.args
            return tuple(a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs])
    return None


def django_check_keyword() -> str:
    """`condition=` from Django 5.1, `check=` before; 5.1+ is assumed when Django is not installed."""
    from importlib import metadata

    try:
        version = metadata.version("django")
    except metadata.PackageNotFoundError:
        return "condition"
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return "condition" if tuple(parts) >= (5, 1) else "check"


class DirtyCheckError(Exception):
    """git cannot say whether the files have uncommitted changes: `--write` must not guess."""


def pyproject_rel(run: Run) -> str | None:
    """The project's `pyproject.toml`, relative to the root, when it exists."""
    pyproject = run.loaded.pyproject
    return files.relative(pyproject, run.root) if pyproject is not None and pyproject.exists() else None


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # The target repository's own configuration must not run anything: no fsmonitor hook
    # (`core.fsmonitor` names a command), no writing of the index (optional locks).
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    return subprocess.run(
        ["git", "-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", *args],
        cwd=cwd, capture_output=True, text=True, env=env,
    )


def dirty_files(root: Path, rels: list[str]) -> set[str] | None:
    """Files among `rels` with uncommitted changes, inside submodules too; None when `root` is
    not in a git work tree. Raises `DirtyCheckError` when git cannot answer (not installed, the
    repository refused as of dubious ownership, ...): the refusal is never skipped silently."""
    try:
        probe = _git(["rev-parse", "--show-toplevel"], root)
    except OSError as exc:
        raise DirtyCheckError(
            f"cannot check for uncommitted changes: git cannot run ({exc.strerror or exc}); "
            "pass --allow-dirty to write anyway"
        ) from exc
    if probe.returncode != 0:
        lines = probe.stderr.strip().splitlines() or ["git failed"]
        message = next((line for line in lines if line.startswith("fatal:")), lines[0])
        if "not a git repository" in message and "dubious" not in probe.stderr:
            return None
        raise DirtyCheckError(f"cannot check for uncommitted changes: {message.removeprefix('fatal: ')}")
    top = Path(probe.stdout.strip())
    changed: set[str] = set()
    real_root = root.resolve()
    _collect_changes(top, real_root, changed, depth=0)
    return {rel for rel in rels if rel in changed}


def _collect_changes(top: Path, root: Path, changed: set[str], *, depth: int) -> None:
    status = _git(["status", "--porcelain=v2", "-z", "--untracked-files=all", "--ignore-submodules=none"], top)
    if status.returncode != 0:
        message = (status.stderr.strip().splitlines() or ["git status failed"])[-1]
        raise DirtyCheckError(f"cannot check for uncommitted changes: {message.removeprefix('fatal: ')}")
    entries = status.stdout.split("\0")
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if not entry:
            continue
        kind = entry[0]
        if kind in "12":
            fields = entry.split(" ", 9 if kind == "2" else 8)
            path = fields[-1]
            submodule = fields[2]
            if kind == "2":
                index += 1  # the original path of a rename follows
        elif kind in "?u":
            fields = entry.split(" ")
            path = entry[2:] if kind == "?" else entry.split(" ", 10)[-1]
            submodule = fields[2] if kind == "u" else "N..."
        else:
            continue
        if submodule.startswith("S") and (submodule[2] == "M" or submodule[3] == "U") and depth < 8:
            # Changes inside a submodule show in the parent only as "modified content".
            _collect_changes(top / path, root, changed, depth=depth + 1)
        changed.add(files.relative(top / path, root))


