"""core/deletes.py: `scan_stops` finds in one walk what `can_skip_ahead` and `binds` find."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from room_refactor.core.deletes import binds, can_skip_ahead, scan_stops


@pytest.mark.parametrize(
    ("source", "skips", "names"),
    [
        pytest.param("room.save()", False, set(), id="a-call"),
        pytest.param("room = other", False, {"room"}, id="an-assignment"),
        pytest.param("a, (b, *c) = d = e", False, {"a", "b", "c", "d"}, id="unpacking-and-chained"),
        pytest.param("x: int = 1\ny += 2", False, {"x", "y"}, id="annotated-and-augmented"),
        pytest.param("if (n := f()):\n    return n", True, {"n"}, id="walrus-then-return"),
        pytest.param("for i, j in pairs:\n    continue", True, {"i", "j"}, id="loop-target-continue"),
        pytest.param("while x:\n    break", True, set(), id="break"),
        pytest.param("with open(p) as fh:\n    del room", False, {"fh", "room"}, id="with-as-and-del"),
        pytest.param("import a.b, c as d\nfrom e import f", False, {"d", "f"}, id="imports"),
        pytest.param("if x:\n    def inner():\n        room = 1\n        return room", False, set(), id="nested-function-left-out"),
        pytest.param("rows = [r for r in rooms]", False, {"rows"}, id="comprehension"),
        pytest.param("obj.attr = 1\nitems[0] = 2", False, set(), id="attribute-and-item-targets"),
    ],
)
def test_scan_stops_agrees_with_can_skip_ahead_and_binds(source: str, skips: bool, names: set[str]) -> None:
    module = cst.parse_module(textwrap.dedent(source) + "\n")
    candidates = {"room", "a", "b", "c", "d", "e", "f", "x", "y", "n", "i", "j", "fh", "rows", "r", "obj", "items",
                  "inner", "p", "pairs"}
    for statement in module.body:
        found_skips, found_names = scan_stops(statement)
        assert found_skips == can_skip_ahead(statement)
        assert found_names & candidates == {name for name in candidates if binds(statement, name)}
    # the expected values, over the whole snippet
    assert any(scan_stops(statement)[0] for statement in module.body) == skips
    assert set().union(*(scan_stops(statement)[1] for statement in module.body)) == names


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("def f(room):\n    room.is_occupied = True\n    room.save()\n", {"f": False}, id="no-delete"),
        pytest.param("def f(room):\n    room.is_occupied = True\n    room.delete()\n", {"f": True}, id="instance-delete"),
        pytest.param("def f(room):\n    room.is_occupied = True\n    n, _ = Room.objects.filter(pk=room.pk).delete()\n",
                     {"f": True}, id="queryset-delete-assigned"),
        pytest.param("def f(room):\n    room.is_occupied = True\n    cache.delete(room.pk)\n", {"f": False},
                     id="a-delete-with-arguments-is-not-one"),
        pytest.param("def f(room):\n    def g():\n        room.delete()\n    room.is_occupied = True\n",
                     {"f": True, "g": True}, id="nested-def-marks-both"),
        pytest.param("def f(room):\n    room.is_occupied = True\ndef g(room):\n    room.delete()\n",
                     {"f": False, "g": True}, id="a-sibling-function"),
    ],
)
def test_a_function_that_calls_delete_is_marked(source: str, expected: dict[str, bool]) -> None:
    # The rewrite looks for a later delete of a written row only in a marked function: every
    # delete deletes.py recognises is a statement's `X.delete()` with no arguments.
    from room_refactor.config import Config
    from room_refactor.core.analysis import analyze_module

    analysis = analyze_module(cst.parse_module(source), Config(), source=source)
    assert {func.name: func.calls_delete for func in analysis.funcs} == expected
