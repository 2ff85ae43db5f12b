"""`room-refactor list`: the codemods, as --only/--skip name them."""

from __future__ import annotations

import typer


def list_codemods() -> None:
    """List the codemods with their descriptions."""
    from room_refactor.codemods import REGISTRY  # type: ignore[import-not-found]  # codemods/, mapped in at run time

    for name, command in REGISTRY.items():
        typer.echo(f"{name:18} {command.DESCRIPTION}")
