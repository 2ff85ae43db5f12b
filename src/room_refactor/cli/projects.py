"""Which project each given path belongs to, and how its paths are shown from where the tool runs.

A path belongs to its nearest project (the nearest `pyproject.toml` above it), and is audited or
migrated with that project's configuration: `audit --check inn/a.py hotel/b.py` (what pre-commit
passes in a monorepo) runs twice, once per project, and drops nothing. Paths inside a project stay
relative to its root in the JSON contract; what is printed for a person (check lines, status lines,
warnings) is relative to the current directory, as ruff prints it, so that a printed fix works
from where the command ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from room_refactor.config import LoadedConfig

if TYPE_CHECKING:
    from room_refactor.style import Style


@dataclass(frozen=True)
class Project:
    loaded: LoadedConfig
    paths: tuple[Path, ...]
    cwd: Path
    #: The directory listings the search for nested projects made, for discovery to use once
    #: instead of listing the same directories again (files.discover pops what it uses).
    listings: dict[str, list[Any]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def root(self) -> Path:
        return self.loaded.root

    @cached_property
    def prefix(self) -> str:
        """The project root relative to the current directory, with `/` and a trailing `/`;
        "" when it is the current directory or not below it."""
        return _prefix(self.root, self.cwd)

    @cached_property
    def _resolved(self) -> tuple[Path, Path]:
        """The root and the current directory, resolved once: `shown` runs for every file."""
        return self.root.resolve(), self.cwd.resolve()

    @property
    def style(self) -> Style:
        from room_refactor.style import read_style

        config = self.loaded.config
        return read_style(self.root, line_length=config.line_length, formatter=config.formatter,
                          pyproject=self.loaded.pyproject)

    def shown(self, rel: str) -> str:
        """A project-relative path as a person types it from the current directory."""
        root, here = self._resolved
        return _relative(root / rel, here)


def _prefix(root: Path, cwd: Path) -> str:
    root, cwd = root.resolve(), cwd.resolve()
    if root == cwd or cwd not in root.parents:
        return ""
    return root.relative_to(cwd).as_posix() + "/"


def shown_path(root: Path, rel: str, *, cwd: Path | None = None) -> str:
    """`rel` (relative to `root`, with `/`) relative to `cwd`, as ruff shows it; the absolute
    path when the file is not below `cwd`."""
    return _relative(root.resolve() / rel, (cwd or Path.cwd()).resolve())


def _relative(target: Path, here: Path) -> str:
    try:
        return target.relative_to(here).as_posix()
    except ValueError:
        return target.as_posix()


def group_by_project(paths: list[Path], *, load: Callable[[list[Path]], LoadedConfig] | None = None) -> list[Project]:
    """One Project per nearest project root, in the order of the roots (not of the arguments),
    each with its own paths in the order given. A directory that holds another project (a
    `pyproject.toml` further down, as in a monorepo) leaves that subtree to it."""
    from room_refactor.config import find_project_root, load_config

    loader = load or load_config
    cwd = Path.cwd()
    groups: dict[Path, list[Path]] = {}
    pending = list(paths)
    nested_of: dict[Path, list[Path]] = {}
    listings: dict[str, list[Any]] = {}
    while pending:
        path = pending.pop(0)
        root, _ = find_project_root(path)
        members = groups.setdefault(root, [])
        if path in members:
            continue
        members.append(path)
        if path.is_dir():
            for nested in _nested_roots(path.resolve(), root, listings):
                nested_of.setdefault(root, []).append(nested)
                pending.append(nested)
    projects = []
    for root in sorted(groups, key=lambda p: p.as_posix()):
        loaded = loader(groups[root])
        inner = sorted({n for n in nested_of.get(root, []) if n != root})
        if inner:
            from dataclasses import replace

            anchored = tuple("/" + n.relative_to(root).as_posix() + "/" for n in inner)
            loaded = replace(loaded, config=replace(loaded.config,
                                                    extend_exclude=(*loaded.config.extend_exclude, *anchored)))
        projects.append(Project(loaded=loaded, paths=tuple(groups[root]), cwd=cwd, listings=listings))
    return projects


_NEVER_PROJECTS = {"node_modules", "__pycache__", "site-packages", "build", "dist"}


def _nested_roots(directory: Path, root: Path, listings: dict[str, list[Any]]) -> list[Path]:
    """The directories below `directory` that hold a `pyproject.toml` of their own (the outermost
    ones), virtualenvs and hidden directories left out. Strings and `os.scandir` only: this walks
    the whole tree before discovery does (Django's 2,444 directories), on every run; what it
    lists goes into `listings`, so that discovery does not list it again."""
    import os

    start, top = str(directory), str(root)
    found: list[Path] = []
    stack = [start]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError:
            continue  # discovery reports what cannot be listed
        listings[current] = entries
        names = {entry.name for entry in entries}
        if current != start:
            if current != top and "pyproject.toml" in names:
                found.append(Path(current))
                continue
            if "pyvenv.cfg" in names:
                continue  # a virtualenv
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name in _NEVER_PROJECTS:
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
            except OSError:
                continue
    return sorted(found)
