"""`core.codegen`: the same code as libcst's own generation, hooks called for exactly the nodes a
state asks about, and libcst's own behaviour for every other state."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import libcst as cst
import pytest
from libcst._nodes import expression
from libcst._nodes.base import CSTNode
from libcst.metadata import MetadataWrapper, PositionProvider

from room_refactor.core import codegen
from room_refactor.core.codegen import State, code_for_node, generating, state_for
from room_refactor.core.parse import parse_module

from tests.core.test_parse import _sources

PARENTHESIZED = "x = ((a) + [b, (c)])[{d: (e,)}['k']]  # c\ny = {*s, (t)}\nprint((yield))\n"
CASES = [*_sources(), ("parentheses", PARENTHESIZED)]


def test_the_installed_libcst_gets_the_fast_path() -> None:
    assert codegen.FAST  # otherwise generating() changes nothing, and code generation is slower


@pytest.mark.parametrize(("name", "source"), CASES, ids=[name for name, _ in CASES])
def test_same_code_as_libcst(name: str, source: str) -> None:
    module = parse_module(source)
    state = state_for(module)
    with generating():
        module._codegen(state)
    assert "".join(state.tokens) == module.code == source


def test_hooks_only_for_the_nodes_and_kinds_asked_for() -> None:
    module = cst.parse_module("def f():\n    room.is_occupied = (True)\n    return [room]\n")
    assign = module.body[0].body.body[0].body[0]  # type: ignore[attr-defined]
    seen: list[tuple[str, str]] = []

    class Recording(State):
        hooked_kinds = frozenset({cst.Return})

        def before_codegen(self, node: cst.CSTNode) -> None:
            seen.append(("before", type(node).__name__))

        def after_codegen(self, node: cst.CSTNode) -> None:
            seen.append(("after", type(node).__name__))

    state = Recording(default_indent="    ", default_newline="\n")
    state.hooked_ids = {id(assign.value)}
    with generating():
        module._codegen(state)
    assert seen == [("before", "Name"), ("after", "Name"), ("before", "Return"), ("after", "Return")]
    assert "".join(state.tokens) == module.code


@contextmanager
def _libcst_s_own_methods() -> Iterator[None]:
    """libcst's methods for the block, the replacements again after it."""
    for owner, name, _replacement, original in codegen._REPLACEMENTS:
        setattr(owner, name, original)
    try:
        yield
    finally:
        for owner, name, replacement, _original in codegen._REPLACEMENTS:
            setattr(owner, name, replacement)


def test_the_replacements_are_installed_once_and_stay() -> None:
    with generating():
        assert codegen.installed()
        with generating():
            assert CSTNode._codegen is codegen._codegen
    assert codegen.installed()  # left in place: setting them again would cost every class its caches
    assert expression._BaseParenthesizedNode._parenthesize is codegen._parenthesize
    with _libcst_s_own_methods():
        assert not codegen.installed()
        with generating():
            assert codegen.installed()


def test_other_states_get_libcst_behaviour_inside_the_block() -> None:
    source = "value = (room.is_occupied)\n"
    module = cst.parse_module(source)
    with generating():
        assert module.code == source
        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    name = module.body[0].body[0].value  # type: ignore[attr-defined]
    # The position provider still sees the parentheses as outside the attribute's syntax.
    assert positions[name].start == cst.metadata.CodePosition(1, 9)


def test_code_for_node() -> None:
    module = cst.parse_module("x = f( a , (b) )\n")
    assert code_for_node(module, module.body[0].body[0].value) == "f( a , (b) )"  # type: ignore[attr-defined]


def test_a_state_generates_the_same_code_with_libcst_s_own_methods() -> None:
    # What a State generates before the first `generating()` block of the process.
    source = PARENTHESIZED
    module = parse_module(source)
    state = state_for(module)
    with _libcst_s_own_methods():
        module._codegen(state)  # libcst's methods, hooks and context managers
    assert "".join(state.tokens) == source


def test_threads_share_the_installation() -> None:
    from concurrent.futures import ThreadPoolExecutor

    sources = [source for _, source in CASES[:40]]
    modules = [parse_module(source) for source in sources]

    def generate(module: cst.Module) -> str:
        state = state_for(module)
        with generating():
            module._codegen(state)
        return "".join(state.tokens)

    with _libcst_s_own_methods(), ThreadPoolExecutor(4) as pool:
        assert list(pool.map(generate, modules * 3)) == sources * 3
    assert codegen.installed()


def test_the_installed_libcst_gets_the_leaf_shortcut() -> None:
    assert cst.Name in codegen._PARENTHESIZED_LEAVES and cst.SimpleWhitespace in codegen._BARE_LEAVES


def test_a_leaf_asked_about_still_gets_its_hooks() -> None:
    module = cst.parse_module("room = other  # c\n")
    assign = module.body[0].body[0]  # type: ignore[attr-defined]
    seen: list[tuple[str, str]] = []

    class Recording(State):
        def before_codegen(self, node: cst.CSTNode) -> None:
            seen.append(("before", node.value))  # type: ignore[attr-defined]

        def after_codegen(self, node: cst.CSTNode) -> None:
            seen.append(("after", node.value))  # type: ignore[attr-defined]

    state = Recording(default_indent="    ", default_newline="\n")
    state.hooked_ids = {id(assign.value), id(assign.targets[0].whitespace_before_equal)}
    with generating():
        module._codegen(state)
    assert "".join(state.tokens) == module.code
    assert seen == [("before", " "), ("after", " "), ("before", "other"), ("after", "other")]


def test_the_common_nodes_are_written_inline_on_the_installed_libcst() -> None:
    for kind in (cst.Dot, cst.Comma, cst.AssignEqual, cst.Colon, cst.Add, cst.Newline, cst.TrailingWhitespace,
                 cst.Attribute, cst.Arg):
        assert kind in codegen._INLINE, kind
    assert cst.NotEqual not in codegen._INLINE  # its token is its value (`!=` or `<>`)


INLINED = (
    "x = room.status  # c\n"
    "f(a, b=c, *d, **e)\n"
    "g(key = value , other=(v))\n"
    "(a).b.c\n"
    "h(x.y, z=w.v,)\n"
    "if a != b: pass\n"
    "def k(p, q=1, *r, s: int = 2, **t): return p; x\n"
    "# the end\n"
)


@pytest.mark.parametrize(
    "pick", ["attr", "keyword", "value", "comma", "equal", "dot", "comment", "arg", "target", "param", "param-name",
             "space", "newline", "empty-line"],
)
def test_a_hooked_child_of_an_inlined_node_is_still_hooked(pick: str) -> None:
    # libcst's own parse: each whitespace node occurs once (core.parse shares equal ones, and
    # nothing hooks those by id)
    module = cst.parse_module(INLINED)
    line = module.body[1].body[0].value  # type: ignore[attr-defined]  # f(a, b=c, *d, **e)
    chosen = {
        "attr": module.body[0].body[0].value.attr,  # type: ignore[attr-defined]
        "keyword": line.args[1].keyword,
        "value": line.args[1].value,
        "comma": line.args[0].comma,
        "equal": line.args[1].equal,
        "dot": module.body[0].body[0].value.dot,  # type: ignore[attr-defined]
        "comment": module.body[0].trailing_whitespace.comment,  # type: ignore[attr-defined]
        "arg": line.args[2],
        "target": module.body[0].body[0].targets[0].target,  # type: ignore[attr-defined]
        "param": module.body[6].params.params[1],  # type: ignore[attr-defined]
        "param-name": module.body[6].params.star_arg.name,  # type: ignore[attr-defined]
        "space": line.args[1].comma.whitespace_after,
        "newline": module.body[0].trailing_whitespace.newline,  # type: ignore[attr-defined]
        "empty-line": module.footer[0],
    }[pick]
    seen: list[tuple[str, int]] = []

    class Recording(State):
        def before_codegen(self, node: cst.CSTNode) -> None:
            seen.append(("before", len(self.tokens)))

        def after_codegen(self, node: cst.CSTNode) -> None:
            seen.append(("after", len(self.tokens)))

    state = Recording(default_indent="    ", default_newline="\n")
    state.hooked_ids = {id(chosen)}
    with generating():
        module._codegen(state)
    code = "".join(state.tokens)
    assert code == module.code
    assert [kind for kind, _ in seen] == ["before", "after"]
    start, end = seen[0][1], seen[1][1]
    assert "".join(state.tokens[start:end]) == module.code_for_node(chosen)


def test_a_state_hooking_names_by_class_gets_no_inline_writing() -> None:
    module = parse_module(INLINED)
    names: list[str] = []

    class Names(State):
        hooked_kinds = frozenset({cst.Name})

        def before_codegen(self, node: cst.CSTNode) -> None:
            names.append(node.value)  # type: ignore[attr-defined]

    state = Names(default_indent="    ", default_newline="\n")
    with generating():
        module._codegen(state)
    assert state.inline == {}
    assert "".join(state.tokens) == module.code == INLINED
    assert names == ["x", "room", "status", "f", "a", "b", "c", "d", "e", "g", "key", "value", "other", "v",
                     "a", "b", "c", "h", "x", "y", "z", "w", "v", "a", "b", "k", "p", "q", "r", "s", "int", "t",
                     "p", "x"]
