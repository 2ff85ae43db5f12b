"""libcst's code generation, without the per-node context manager it does not need here.

`CodegenState.record_syntactic_position` is a `@contextmanager` that does nothing outside
libcst's position provider, yet every expression enters it: one generator, one context object
and four calls per node. `State` returns one shared no-op context instead, and appends each
token with the list's own method; the generated code is the same (`Module.code_for_node` builds
a plain `CodegenState` the same way).
"""

from __future__ import annotations

from typing import Any

import libcst as cst
from libcst._nodes.internal import CodegenState


class _NoPosition:
    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NO_POSITION = _NoPosition()


class State(CodegenState):
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
    node._codegen(state)
    return "".join(state.tokens)
