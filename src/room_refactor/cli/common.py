"""Helpers shared by the commands: loading the configuration, errors, progress."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator, NoReturn

import typer

from room_refactor.model import FileResult

EXIT_CHANGES = 1
EXIT_FAILED = 2


def fail(message: str, *, code: int = EXIT_FAILED) -> NoReturn:
    typer.echo(f"room-refactor: error: {message}", err=True)
    raise typer.Exit(code)


def load(paths: list[Path]):  # type: ignore[no-untyped-def]
    from room_refactor.config import ConfigError, load_config

    for path in paths:
        if not path.exists() and not path.is_symlink():
            fail(f"{path}: no such file or directory")
    try:
        return load_config(paths)
    except ConfigError as exc:
        fail(str(exc))


def echo_err(message: str) -> None:
    typer.echo(message, err=True)


def error_line(result: FileResult, *, verbose: bool) -> str:
    assert result.error is not None
    where = f":{result.error.line}" if result.error.line else ""
    line = f"error: {result.path}{where}: {result.error.message}"
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
