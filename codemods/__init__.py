"""The codemods, shipped as `room_refactor.codemods`. The registry drives --only/--skip and `list`.

Each also runs under libcst's own runner:
`python -m libcst.tool codemod -x room_refactor.codemods.rewrite_writes.RewriteStateWritesCommand --no-format PATH`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from libcst.codemod import CodemodCommand


def _registry() -> dict[str, type[CodemodCommand]]:
    from room_refactor.codemods.add_atomic import AddAtomicCommand
    from room_refactor.codemods.rewrite_writes import RewriteStateWritesCommand
    from room_refactor.codemods.scaffold_service import ScaffoldServiceCommand

    return {
        "rewrite-writes": RewriteStateWritesCommand,
        "add-atomic": AddAtomicCommand,
        "scaffold-service": ScaffoldServiceCommand,
    }


def __getattr__(name: str) -> dict[str, type[CodemodCommand]]:
    if name == "REGISTRY":
        return _registry()
    raise AttributeError(name)
