"""libcst's code generation, without the per-node machinery it does not need here.

Three costs of libcst's own code generation buy nothing for a plain `CodegenState`:

- `CodegenState.record_syntactic_position` is a `@contextmanager` that does nothing outside
  libcst's position provider, yet every expression enters it;
- every expression enters `_parenthesize` too, another `@contextmanager` (a generator, a context
  object and four calls per node), to write parentheses that most expressions do not have; lists,
  sets and dicts enter `_bracketize` / `_braceize` the same way;
- `CSTNode._codegen` calls `before_codegen` and `after_codegen` around every node, two calls
  that do nothing unless a state wants to know where some node starts and ends.

`State` generates the same code without them: while `generating()` is active, those methods of
libcst's classes are replaced by versions that, for a `State`, write the parentheses directly and
call the two hooks only for the node classes in `State.hooked_kinds` and the nodes whose ids are in
`State.hooked_ids`. For any other state they call libcst's own methods, so code generation
elsewhere in the process (libcst's position provider, `Module.code`) is unaffected. The
replacements are only installed when libcst's methods are the ones this was written against
(`FAST`); tests/core/test_codegen.py compares the output with `Module.code` on real modules.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import libcst as cst
from libcst._nodes import expression
from libcst._nodes.base import CSTNode
from libcst._nodes.internal import CodegenState


class _NoPosition:
    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NO_POSITION = _NoPosition()


class State(CodegenState):
    hooked_kinds: frozenset[type] = frozenset()
    hooked_ids: frozenset[int] | set[int] = frozenset()

    def __init__(self, default_indent: str, default_newline: str) -> None:
        super().__init__(default_indent=default_indent, default_newline=default_newline)
        self.add_token = self.tokens.append  # type: ignore[method-assign,assignment]  # a C call per token

    def record_syntactic_position(self, node: cst.CSTNode, **_: Any) -> _NoPosition:  # type: ignore[override]
        return _NO_POSITION


def state_for(module: cst.Module) -> State:
    return State(default_indent=module.default_indent, default_newline=module.default_newline)


def code_for_node(module: cst.Module, node: cst.CSTNode) -> str:
    """`module.code_for_node(node)`."""
    state = state_for(module)
    if _depth:  # inside a block already (the analysis, the rewrite): no context manager per call
        node._codegen(state)
    else:
        with generating():
            node._codegen(state)
    return "".join(state.tokens)


# -- the replacements ---------------------------------------------------------------------------


class _Around:
    """Writes the nodes of `before` on entry and those of `after` on exit."""

    __slots__ = ("before", "after", "state")

    def __init__(self, before: Any, after: Any, state: State) -> None:
        self.before, self.after, self.state = before, after, state

    def __enter__(self) -> None:
        for node in self.before:
            node._codegen(self.state)

    def __exit__(self, *exc: object) -> None:
        for node in self.after:
            node._codegen(self.state)


def _method(owner: type, name: str) -> Any:
    return owner.__dict__.get(name)


def _names(function: Any) -> tuple[str, ...] | None:
    code = getattr(getattr(function, "__wrapped__", function), "__code__", None)
    return None if code is None else code.co_names


_CODEGEN = _method(CSTNode, "_codegen")
_PARENTHESIZE = _method(expression._BaseParenthesizedNode, "_parenthesize")
_BRACKETIZE = _method(expression.BaseList, "_bracketize")
_BRACEIZE = _method(expression._BaseSetOrDict, "_braceize")

FAST = (
    _names(_CODEGEN) == ("before_codegen", "_codegen_impl", "after_codegen")
    and _names(_PARENTHESIZE) == ("lpar", "_codegen", "record_syntactic_position", "rpar")
    and _names(_BRACKETIZE) == ("lbracket", "_codegen", "rbracket")
    and _names(_BRACEIZE) == ("lbrace", "_codegen", "rbrace")
)


# The leaves whose `_codegen_impl` writes their `value` alone (a name, a literal, inside its
# parentheses if any; whitespace): the most common nodes, written here without the three or
# four calls of their own code generation.
_VALUE_IN_PARENTHESES = ("_parenthesize", "add_token", "value")
_PARENTHESIZED_LEAVES = frozenset(
    kind for kind in (cst.Name, cst.SimpleString, cst.Integer, cst.Float, cst.Imaginary)
    if _names(getattr(kind, "_codegen_impl", None)) == _VALUE_IN_PARENTHESES
)
_BARE_LEAVES = frozenset(
    kind for kind in (cst.SimpleWhitespace,) if _names(getattr(kind, "_codegen_impl", None)) == ("add_token", "value")
)


def _codegen(self: CSTNode, state: CodegenState, **kwargs: Any) -> None:
    if isinstance(state, State):
        kind = self.__class__
        if kind in state.hooked_kinds or id(self) in state.hooked_ids:
            state.before_codegen(self)
            self._codegen_impl(state, **kwargs)
            state.after_codegen(self)
        elif kind in _BARE_LEAVES or (kind in _PARENTHESIZED_LEAVES and not self.lpar and not self.rpar):  # type: ignore[attr-defined]
            state.add_token(self.value)  # type: ignore[attr-defined]
        else:
            self._codegen_impl(state, **kwargs)
    else:
        _CODEGEN(self, state, **kwargs)


def _parenthesize(self: Any, state: CodegenState) -> Any:
    if isinstance(state, State):
        return _Around(self.lpar, self.rpar, state) if self.lpar or self.rpar else _NO_POSITION
    return _PARENTHESIZE(self, state)


def _bracketize(self: Any, state: CodegenState) -> Any:
    if isinstance(state, State):
        return _Around((self.lbracket,), (self.rbracket,), state)
    return _BRACKETIZE(self, state)


def _braceize(self: Any, state: CodegenState) -> Any:
    if isinstance(state, State):
        return _Around((self.lbrace,), (self.rbrace,), state)
    return _BRACEIZE(self, state)


_REPLACEMENTS: tuple[tuple[type, str, Callable[..., Any], Any], ...] = (
    (CSTNode, "_codegen", _codegen, _CODEGEN),
    (expression._BaseParenthesizedNode, "_parenthesize", _parenthesize, _PARENTHESIZE),
    (expression.BaseList, "_bracketize", _bracketize, _BRACKETIZE),
    (expression._BaseSetOrDict, "_braceize", _braceize, _BRACEIZE),
)
_depth = 0
_depth_lock = threading.Lock()


@contextmanager
def generating() -> Iterator[None]:
    """Code generation for a `State` without the per-node machinery, while the block runs.

    Re-entrant, and counted across threads: the originals are back when the last block ends.
    A `State` generates the same code with libcst's own methods, only more slowly, so nothing
    depends on the replacements being in place."""
    global _depth
    if not FAST:
        yield
        return
    with _depth_lock:
        if _depth == 0:
            for owner, name, replacement, _original in _REPLACEMENTS:
                setattr(owner, name, replacement)
        _depth += 1
    try:
        yield
    finally:
        with _depth_lock:
            _depth -= 1
            if _depth == 0:
                for owner, name, _replacement, original in _REPLACEMENTS:
                    setattr(owner, name, original)
