"""`room-refactor config`: the effective configuration and where each value came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def config(
    path: Optional[Path] = typer.Argument(None, help="A file or directory of the project (default: the current directory)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of TOML-like lines."),
) -> None:
    """Print the effective configuration, each value with its source (default or file)."""
    from room_refactor.cli.common import load
    from room_refactor.config import describe

    loaded = load([path] if path else [Path.cwd()], one_group=False)
    rows = describe(loaded)
    if as_json:
        typer.echo(json.dumps({
            "root": str(loaded.root),
            "pyproject": str(loaded.pyproject) if loaded.pyproject else None,
            "values": {key: {"value": value, "source": source} for key, value, source in rows},
        }, indent=2))
        return
    typer.echo(f"# project root: {loaded.root}")
    typer.echo(f"# configuration file: {loaded.pyproject or '(none)'}")
    typer.echo("[tool.room-refactor]")
    for key, value, source in rows:
        shown = "(absent)" if value is None else json.dumps(value)
        typer.echo(f"{key} = {shown}  # {source}")
