"""`walk` / `iter_children` against libcst's own `visit` / `children`: the same nodes, in the
same order, on every module of the example and on a module that uses most of the grammar."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from room_refactor.core.walk import (
    with_changes,
    TOKENS,
    WHITESPACE,
    _walked_fields,
    hooks,
    is_node,
    iter_children,
    walk,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hotel"
GRAMMAR = '''\
"""Docstring."""
from __future__ import annotations
import os.path as osp, sys
from . import sibling
from ..pkg import (a as b, c)
from x import *

@decorator(arg)
@other.attr
class C(Base, metaclass=Meta):
    x: int = 1
    async def m(self, /, a, *args, b=2, **kwargs) -> "C":
        async with lock as held, other():
            async for item in aiter():
                await item
        return [i async for i in gen() if i]

def f(a, b=lambda x, *, y=1: x + y):
    global g
    nonlocal_value = 1
    try:
        pass
    except* ValueError as exc:
        raise RuntimeError("x") from exc
    else:
        pass
    finally:
        del a
    while (n := next(it)) is not None:
        continue
    for i, (j, k) in enumerate(zip(x, y)):
        break
    else:
        pass
    match command:
        case [Point(x=0, y=0), *rest] if rest:
            pass
        case {"k": v, **others} | str() as s:
            pass
        case _:
            pass
    assert a, "message"
    x = y = z[1:2, ::3]
    x += 1; y @= m
    v = {**d, "k": [1, *l], (t,): {s for s in set()}}
    w = f"{a!r:>{width}} {b=}" "tail"
    u = not a and b or c if d else -e ** ~f
    t = a < b <= c != d is not e not in f
    with open(p) as fh:  # trailing comment
        # leading comment
        print(*fh, sep="", **kw)
    yield from g
    return (yield)

type Alias[T] = list[T]
def generic[T: int, *Ts, **P](x: T) -> T: ...
x = 1 if True else 2
'''


class _Recorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.events.append(("visit", id(node)))
        return not isinstance(node, cst.Lambda)  # a pruned subtree, too

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.events.append(("leave", id(original_node)))


def _sources() -> list[tuple[str, str]]:
    found = [("grammar", GRAMMAR)]
    for path in sorted(EXAMPLE.rglob("*.py")):
        found.append((str(path.relative_to(EXAMPLE)), path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize(("name", "source"), _sources(), ids=[name for name, _ in _sources()])
def test_walk_visits_what_libcst_visits_in_the_same_order(name: str, source: str) -> None:
    module = cst.parse_module(source)
    theirs, ours = _Recorder(), _Recorder()
    module.visit(theirs)
    walk(module, ours)
    assert len(ours.events) == len(theirs.events) > 0
    assert ours.events == theirs.events


def test_iter_children_equals_children() -> None:
    module = cst.parse_module(GRAMMAR)
    stack: list[cst.CSTNode] = [module]
    seen = 0
    while stack:
        node = stack.pop()
        expected = list(node.children)
        assert [id(child) for child in iter_children(node)] == [id(child) for child in expected]
        stack.extend(expected)
        seen += 1
    assert seen > 500


class _HookRecorder(cst.CSTVisitor):
    """libcst's own on_visit / on_leave, so that `walk` dispatches to the hooks itself."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.events.append(("visit Name", id(node)))

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self.events.append(("visit Lambda", id(node)))
        return False  # a pruned subtree

    def visit_Call(self, node: cst.Call) -> bool:
        self.events.append(("visit Call", id(node)))
        return True

    def leave_Call(self, original_node: cst.Call) -> None:
        self.events.append(("leave Call", id(original_node)))

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.events.append(("leave Lambda", id(original_node)))


@pytest.mark.parametrize(("name", "source"), _sources(), ids=[name for name, _ in _sources()])
def test_walk_calls_a_plain_visitors_hooks_as_libcst_does(name: str, source: str) -> None:
    module = cst.parse_module(source)
    theirs, ours = _HookRecorder(), _HookRecorder()
    module.visit(theirs)
    walk(module, ours)
    assert ours.events == theirs.events
    assert ours.events or name != "grammar"


def test_hooks_leave_out_libcsts_empty_hooks() -> None:
    assert hooks(_HookRecorder, cst.Name) == (_HookRecorder.visit_Name, None)
    assert hooks(_HookRecorder, cst.Integer) == (None, None)
    assert hooks(_HookRecorder, cst.Lambda) == (_HookRecorder.visit_Lambda, _HookRecorder.leave_Lambda)


def test_hooks_of_a_class_made_inside_a_function_are_not_kept() -> None:
    from room_refactor.core import walk as walk_module

    def made_here() -> type:
        class Names(cst.CSTVisitor):
            def __init__(self) -> None:
                super().__init__()
                self.names: list[str] = []

            def visit_Name(self, node: cst.Name) -> None:
                self.names.append(node.value)

        return Names

    for _ in range(3):
        visitor = made_here()()
        walk(cst.parse_module("a = b\n"), visitor)
        assert visitor.names == ["a", "b"]  # type: ignore[attr-defined]
    assert not [kind for kind, _ in walk_module._HOOKS if "<locals>" in kind.__qualname__]
    hooks(_HookRecorder, cst.Name)
    assert (_HookRecorder, cst.Name) in walk_module._HOOKS  # a class of a module: looked up once


class _Outside(_Recorder):
    """libcst's visit, recording only the nodes outside the classes in `skip`."""

    def __init__(self, skip: frozenset[type]) -> None:
        super().__init__()
        self.skip = skip

    def on_visit(self, node: cst.CSTNode) -> bool:
        if type(node) in self.skip:
            return False
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if type(original_node) not in self.skip:
            super().on_leave(original_node)


@pytest.mark.parametrize("skip", [TOKENS, WHITESPACE], ids=["tokens", "whitespace"])
@pytest.mark.parametrize(("name", "source"), _sources(), ids=[name for name, _ in _sources()])
def test_walk_with_skip_visits_what_libcst_visits_outside_those_classes(
    name: str, source: str, skip: frozenset[type]
) -> None:
    # walk leaves out the fields whose declared type admits only skipped classes
    module = cst.parse_module(source)
    theirs, ours = _Outside(skip), _Recorder()
    module.visit(theirs)
    walk(module, ours, skip)
    assert ours.events == theirs.events


def test_walked_fields_leave_out_whitespace_and_punctuation_only() -> None:
    call = cst.parse_expression("f(a, *b)")
    assert _walked_fields(call, TOKENS) == ("func", "args")
    assert _walked_fields(call, WHITESPACE) == ("lpar", "func", "whitespace_after_func", "whitespace_before_args",
                                                "args", "rpar")
    assert _walked_fields(cst.parse_expression("x"), frozenset()) == ("lpar", "rpar")  # not the str value


def test_is_node_is_isinstance_of_cstnode() -> None:
    for value in (cst.Name("x"), cst.SimpleWhitespace(" "), cst.MaybeSentinel.DEFAULT, "x", None, ()):
        assert is_node(value) == isinstance(value, cst.CSTNode)


def test_nodes_hash_by_identity_in_c() -> None:
    # every node class, the exported ones and the bases below CSTNode
    stack: list[type] = [cst.CSTNode]
    seen = 0
    while stack:
        kind = stack.pop()
        if "__hash__" in kind.__dict__:
            assert kind.__dict__["__hash__"] is object.__hash__, kind
            seen += 1
        stack.extend(kind.__subclasses__())
    assert seen >= 200
    first, second = cst.Name("x"), cst.Name("x")
    assert first.deep_equals(second)
    assert len({first, second, first}) == 2  # equal only to themselves, as before
    assert {first: 1}.get(second) is None


def test_with_changes_is_libcsts_with_changes() -> None:
    module = cst.parse_module("def f(a, b=1):\n    return (a + b)  # c\n")
    function = module.body[0]
    assert isinstance(function, cst.FunctionDef)
    statement = function.body.body[0]
    cases = [
        (function, {"name": cst.Name("g")}),
        (function.body, {"body": [statement, statement]}),
        (module, {"body": [function, function], "header": []}),
        (statement, {}),
    ]
    for node, changes in cases:
        ours = with_changes(node, dict(changes))
        assert ours is not node and type(ours) is type(node)
        assert ours.deep_equals(node.with_changes(**changes))
    with pytest.raises(cst.CSTValidationError):  # validated as libcst's is
        with_changes(function.name, {"value": ""})
