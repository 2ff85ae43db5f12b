"""`room-refactor list`: the codemods, as --only/--skip name them."""

from __future__ import annotations

import typer


def list_codemods() -> None:
    """List the codemods with their descriptions."""
    # codemods/, mapped in by the install (tests/test_types.py checks the two together)
    from room_refactor.codemods import REGISTRY  # type: ignore[import-not-found,unused-ignore]

    for name, command in REGISTRY.items():
        typer.echo(f"{name:18} {command.DESCRIPTION}")
