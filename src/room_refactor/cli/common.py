"""Helpers shared by the commands: loading the configuration, errors, progress."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NoReturn

import typer

from room_refactor.model import FileResult

if TYPE_CHECKING:
    from room_refactor.cli.projects import Project
    from room_refactor.config import LoadedConfig

#: Every exit code of every command, defined once (README, "Exit codes"). They add up: 1 + 4 = 5
#: is "violations found, and a file failed".
EXIT_OK = 0
EXIT_CHANGES = 1  # --check: violations found, or files to change (or changed, with --write --check)
EXIT_USAGE = 2  # a usage or configuration error (click's own code for a usage error); nothing ran
EXIT_FILE_FAILED = 4  # a file could not be read, parsed, rewritten or written; the others were processed
EXIT_CODES = {
    EXIT_OK: "success: nothing found, or everything asked for was done",
    EXIT_CHANGES: "with --check: violations found, or files to change (or changed, with --write)",
    EXIT_USAGE: "usage or configuration error: conflicting or unknown options, a bad [tool.room-refactor] "
                "table, a missing path; nothing was read or written",
    EXIT_FILE_FAILED: "a file failed (syntax error, undecodable, not writable); every other file was processed",
}


def fail(message: str, *, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"room-refactor: error: {message}", err=True)
    raise typer.Exit(code)


def load(paths: list[Path], *, one_group: bool = True):  # type: ignore[no-untyped-def]
    from room_refactor.config import ConfigError, load_config

    for path in paths:
        if not path.exists() and not path.is_symlink():
            fail(f"{path}: no such file or directory")
    try:
        loaded = load_config(paths)
    except ConfigError as exc:
        fail(str(exc))
    if one_group:
        refuse_several_groups(loaded)
    return loaded


def refuse_several_groups(loaded: LoadedConfig) -> None:
    """The configuration can describe several models; the engine runs one of them per run today."""
    if len(loaded.config.groups) > 1:
        fail(f"{loaded.pyproject}: {len(loaded.config.groups)} groups are configured ([[tool.room-refactor.groups]]); "
             "this version audits and migrates one model per run: keep the other groups out of this "
             "configuration for now")


def load_projects(paths: list[Path], *, allow_missing: Callable[[Path], bool] | None = None) -> list[Project]:
    """The given paths grouped by their nearest project, each with its configuration loaded.
    A missing path is an error unless `allow_missing` accepts it (the writer's module, which
    `migrate` creates)."""
    from room_refactor.cli.projects import group_by_project
    from room_refactor.config import ConfigError, load_config

    for path in paths:
        if not path.exists() and not path.is_symlink() and not (allow_missing and allow_missing(path)):
            fail(f"{path}: no such file or directory")
    try:
        projects = group_by_project(paths, load=load_config)
    except ConfigError as exc:
        fail(str(exc))
    for project in projects:
        refuse_several_groups(project.loaded)
    for project in projects:
        setup_cfg = project.root / "setup.cfg"
        if setup_cfg.is_file() and any(
            line.strip().lower() in ("[tool:room-refactor]", "[room-refactor]", "[tool.room-refactor]")
            for line in setup_cfg.read_text(encoding="utf-8", errors="replace").splitlines()
        ):
            echo_err(f"warning: {setup_cfg}: room-refactor does not read setup.cfg; move the settings to "
                     f"[tool.room-refactor] in {project.root / 'pyproject.toml'}")
    return projects


def echo_err(message: str) -> None:
    typer.echo(message, err=True)


def error_line(result: FileResult, *, verbose: bool, shown: Callable[[str], str] = str) -> str:
    assert result.error is not None
    where = f":{result.error.line}" if result.error.line else ""
    line = f"error: {shown(result.path)}{where}: {result.error.message}"
    if verbose and result.traceback:
        line += "\n" + result.traceback.rstrip()
    return line


def with_progress(results: Iterable[FileResult], *, total: int, label: str) -> Iterator[FileResult]:
    """A rich progress bar on stderr, only on a terminal and only for long runs."""
    if total < 200 or not sys.stderr.isatty():
        yield from results
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # rich's Progress redirects sys.stdout into its own console (stderr here) by default: the
    # diff of `migrate . > change.patch` would land on the terminal and the patch stay empty.
    # stdout carries the machine output, whatever stderr is.
    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(file=sys.stderr), transient=True, redirect_stdout=False, redirect_stderr=False,
    ) as progress:
        task = progress.add_task(label, total=total)
        for result in results:
            progress.advance(task)
            yield result
