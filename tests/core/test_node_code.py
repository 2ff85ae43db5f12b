"""`node_code` is `code_for_node` without code generation for simple nodes: same text, always."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from room_refactor.core.analysis import node_code
from room_refactor.core.rewrite import writer_call, writer_call_code

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hotel"
TRICKY = '''\
a = room . room_status
b = (room).is_occupied
c = (room.is_occupied)
d = self.room.guests_in_room
e = "OCCUPIED"
f = ("x")
g = b"raw"
h = 0x1F
i = "a" "b"
j = obj.attr[0].name
k = (
    booking
    .assigned_room
)
'''


class _All(cst.CSTVisitor):
    def __init__(self) -> None:
        self.nodes: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.BaseExpression):
            self.nodes.append(node)
        return True


def _sources() -> list[tuple[str, str]]:
    found = [("tricky", TRICKY)]
    for path in sorted(EXAMPLE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "=" in text:  # a module with expressions in it (not an empty __init__.py)
            found.append((str(path.relative_to(EXAMPLE)), text))
    return found


@pytest.mark.parametrize(("name", "source"), _sources(), ids=[name for name, _ in _sources()])
def test_node_code_equals_code_for_node(name: str, source: str) -> None:
    module = cst.parse_module(source)
    collector = _All()
    module.visit(collector)
    assert collector.nodes
    for node in collector.nodes:
        assert node_code(module, node) == module.code_for_node(node)


@pytest.mark.parametrize(("name", "source"), _sources(), ids=[name for name, _ in _sources()])
def test_writer_call_code_equals_code_for_node(name: str, source: str) -> None:
    """The migration measures a new call from its pieces: every expression of the module as the
    receiver and as a value, with zero, one and two keywords, gives libcst's own text."""
    module = cst.parse_module(source)
    collector = _All()
    module.visit(collector)
    assert collector.nodes
    for node in collector.nodes:
        for kwargs in ([], [("occupied", node)], [("occupied", node), ("status", cst.Name("OCCUPIED"))]):
            call = writer_call("set_room_occupancy_and_status", node, kwargs)  # type: ignore[arg-type]
            assert writer_call_code(module, call) == module.code_for_node(call)
