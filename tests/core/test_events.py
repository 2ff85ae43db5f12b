"""The events the analysis notes per function for the rewrite's save checks (core/analysis.py
`node_events`, `FuncInfo.events`): the same as a walk of each function on its own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst
import pytest

from room_refactor.config import Config
from room_refactor.core.analysis import Event, analyze_module, node_events
from room_refactor.core.walk import TOKENS, walk

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hotel"


def _walked_events(func: cst.FunctionDef) -> list[Event]:
    events: list[Event] = []

    class Finder:
        def on_visit(self, node: cst.CSTNode) -> bool:
            events.extend(node_events(node))
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            pass

    walk(func, Finder(), TOKENS)
    return events


def test_node_events_of_one_function() -> None:
    module = cst.parse_module(textwrap.dedent("""\
        def f(room, other):
            room.a, (other.b, c) = 1, 2
            room.d: int = 3; room.e += 4
            helper(room, key=other).run(room.f)
    """))
    func = module.body[0]
    assert isinstance(func, cst.FunctionDef)
    events = _walked_events(func)
    assert [event for event in events if event[0] == "target"] == [
        ("target", "room", "a", None), ("target", "other", "b", None),
        ("target", "room", "d", None), ("target", "room", "e", None),
    ]
    calls = [(event[2], event[3]) for event in events if event[0] == "call"]
    assert calls == [(("room.f",), (None, "run")), (("room",), None)]
    assert [len(event[1]) for event in events if event[0] == "line"] == [1, 2, 1]


@pytest.mark.parametrize("path", sorted(EXAMPLE.rglob("*.py")), ids=lambda path: str(path.relative_to(EXAMPLE)))
def test_the_analysis_notes_each_functions_events_as_a_walk_of_it_finds_them(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    module = cst.parse_module(source)
    analysis = analyze_module(module, Config(), path=str(path.relative_to(EXAMPLE)), source=source)
    for func in analysis.funcs:
        assert func.events == _walked_events(func.node), func.qualname
