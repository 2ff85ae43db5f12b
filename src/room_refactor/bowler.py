"""`room_refactor.bowler.query(paths)`: a Bowler `Query` that preselects the attribute writes of
the two state fields, for teams that already run Bowler pipelines.

Needs the optional extra: `pip install 'room-refactor[bowler]'`. Bowler parses with fissix
(lib2to3), so files using Python 3.10+ syntax are skipped by Bowler itself; room-refactor's own
commands do not have that limit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from room_refactor.config import Config, load_config


def _assignment_target(node: Any) -> bool:
    """Is this `power` node written to (plain, chained, tuple, augmented or annotated target)?"""
    from fissix.pygram import python_symbols as syms  # type: ignore[import-untyped]

    child = node
    parent = node.parent
    while parent is not None and parent.type in (syms.testlist_star_expr, syms.exprlist, syms.atom, syms.testlist_gexp):
        child, parent = parent, parent.parent
    if parent is None or parent.type != syms.expr_stmt:
        return False
    siblings = parent.children
    index = siblings.index(child)
    if index + 1 >= len(siblings):
        return False  # the value, not a target
    following = siblings[index + 1]
    return following.type == syms.annassign or following.value in ("=",) or following.value.endswith("=")


def query(paths: Sequence[str | Path], *, config: Config | None = None) -> Any:
    """A `bowler.Query` over `paths` selecting `<receiver>.<field> = ...` for the configured
    fields, whatever the receiver: Bowler cannot type receivers, so this is a preselection (the
    audit keeps only the receivers typed as the model). Chain your own `.modify(...)`,
    `.write()` or `.diff()` onto it."""
    from bowler import Query  # type: ignore[import-untyped]

    if config is None:
        config = load_config([Path(p) for p in paths]).config
    names = " | ".join(f"'{name}'" for name in config.fields)
    pattern = f"power< receiver=any+ trailer< '.' field=({names}) > >"

    def is_write(node: Any, capture: dict[str, Any], filename: str) -> bool:
        receiver = "".join(str(part) for part in node.children[:-1])[len(node.prefix):].strip()
        return _assignment_target(node) and bool(receiver)

    return Query([str(p) for p in paths]).select(pattern).filter(is_write)
