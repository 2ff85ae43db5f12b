"""The two helpers every codemod test uses. Both go through `runner.process_source`, the same
path the CLI takes, and both dedent their inputs and compare exactly."""

from __future__ import annotations

import textwrap
from typing import Any

from room_refactor.config import Config, config_from_table
from room_refactor.model import FileResult, Status
from room_refactor.runner import CODEMODS, Task, process_source

DEFAULT_PATH = "rooms/views.py"


def make_config(**table: Any) -> Config:
    """A Config from TOML-style keys: make_config(**{"import-style": "local"})."""
    return config_from_table(table)


def run_source(
    source: str,
    *,
    path: str = DEFAULT_PATH,
    config: Config | None = None,
    codemods: tuple[str, ...] = ("rewrite-writes", "add-atomic"),
    cycle_modules: frozenset[str] = frozenset(),
    setter_available: bool = True,
    constraints_keyword: str | None = None,
    new_file: bool = False,
    setter_parameters: tuple[str, ...] | None = None,
    line_length: int | None = None,
    writer_parameters: tuple[str, ...] | None = None,
) -> FileResult:
    """`line_length`: the project configures it (as `[tool.ruff] line-length` would)."""
    lengths = {} if line_length is None else {"line_length": line_length, "line_length_known": True}
    task = Task(
        config=config or Config(),
        mode="migrate",
        codemods=frozenset(codemods),
        cycle_modules=cycle_modules,
        setter_available=setter_available,
        constraints_keyword=constraints_keyword,
        setter_parameters=setter_parameters,
        writer_parameters=writer_parameters,
        **lengths,  # type: ignore[arg-type]
    )
    return process_source(textwrap.dedent(source).encode("utf-8"), path, task, new_file=new_file)


def check_transformed(before: str, after: str, **options: Any) -> FileResult:
    """`before` becomes exactly `after`, which compiles, and a second run changes nothing."""
    result = run_source(before, **options)
    expected = textwrap.dedent(after)
    compile(expected, "<after>", "exec")
    assert result.status is Status.CHANGED, (result.status, result.error, result.notes)
    assert result.new_source == expected, "\n" + (result.new_source or "")
    again = run_source(expected, **{k: v for k, v in options.items() if k != "new_file"})
    assert again.status is Status.UNCHANGED, "not idempotent:\n" + (again.new_source or "")
    return result


def check_noop(source: str, **options: Any) -> FileResult:
    """`source` is left exactly as it is."""
    result = run_source(source, **options)
    assert result.status in (Status.UNCHANGED, Status.SKIPPED), (result.status, result.error, result.new_source)
    assert result.new_source is None
    return result


def codes(result: FileResult) -> list[str]:
    return [note.code for note in result.notes]


__all__ = ["CODEMODS", "check_noop", "check_transformed", "codes", "make_config", "run_source"]
