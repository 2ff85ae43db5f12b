"""libcst's code generation, without the per-node machinery it does not need here.

Three costs of libcst's own code generation buy nothing for a plain `CodegenState`:

- `CodegenState.record_syntactic_position` is a `@contextmanager` that does nothing outside
  libcst's position provider, yet every expression enters it;
- every expression enters `_parenthesize` too, another `@contextmanager` (a generator, a context
  object and four calls per node), to write parentheses that most expressions do not have; lists,
  sets and dicts enter `_bracketize` / `_braceize` the same way;
- `CSTNode._codegen` calls `before_codegen` and `after_codegen` around every node, two calls
  that do nothing unless a state wants to know where some node starts and ends.

`State` generates the same code without them: from the first `generating()` block on, those
methods of libcst's classes are replaced (once per process) by versions that, for a `State`, write
the parentheses directly and call the two hooks only for the node classes in `State.hooked_kinds`
and the nodes whose ids are in `State.hooked_ids`. For any other state they call libcst's own
methods, so code generation elsewhere in the process (libcst's position provider, `Module.code`)
generates what it did. The
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
from libcst._nodes.op import _BaseOneTokenOp
from libcst._maybe_sentinel import MaybeSentinel


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
    #: For a hooked node, after `before_codegen`: True when the state wrote the node's code
    #: itself (a copy of the source), so it is not generated; see core/line_pass.py.
    copied: Callable[[CSTNode], bool] | None = None

    def __init__(self, default_indent: str, default_newline: str) -> None:
        super().__init__(default_indent=default_indent, default_newline=default_newline)
        self.add_token = self.tokens.append  # type: ignore[method-assign,assignment]  # a C call per token
        # The node classes written inline (see _INLINE) are hooked by id only, never by class.
        self.inline = {} if self.hooked_kinds & _INLINED_KINDS else _INLINE

    def record_syntactic_position(self, node: cst.CSTNode, **_: Any) -> _NoPosition:  # type: ignore[override]
        return _NO_POSITION


def state_for(module: cst.Module) -> State:
    return State(default_indent=module.default_indent, default_newline=module.default_newline)


def code_for_node(module: cst.Module, node: cst.CSTNode) -> str:
    """`module.code_for_node(node)`."""
    state = state_for(module)
    if FAST and not installed():
        with generating():
            pass
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
            if state.copied is None or not state.copied(self):
                self._codegen_impl(state, **kwargs)
            state.after_codegen(self)
        elif kind in _BARE_LEAVES or (kind in _PARENTHESIZED_LEAVES and not self.lpar and not self.rpar):  # type: ignore[attr-defined]
            state.add_token(self.value)  # type: ignore[attr-defined]
        else:
            inline = state.inline.get(kind)
            if inline is not None:
                inline(self, state, **kwargs)
            else:
                self._codegen_impl(state, **kwargs)
    else:
        _CODEGEN(self, state, **kwargs)


# -- the most common nodes, written inline --------------------------------------------------------
#
# An operator (`.`, `,`, `=`), a line's end, an attribute and a call's argument make most of the
# calls of code generation: each generates two or three children that are a bare name or plain
# whitespace. These write such children directly, in the order libcst's own `_codegen_impl`
# does, and hand any other child (or one whose id is hooked) to its own code generation. Each
# is used only when its class's `_codegen_impl` is the one it was written against.

_SPACE = cst.SimpleWhitespace
_NAME = cst.Name
_NEWLINE = cst.Newline


def _op(node: Any, state: State) -> None:
    add = state.add_token
    hooked = state.hooked_ids
    before = node.whitespace_before
    if type(before) is _SPACE and id(before) not in hooked:
        add(before.value)
    else:
        before._codegen(state)
    add(_OP_TOKENS[type(node)])
    after = node.whitespace_after
    if type(after) is _SPACE and id(after) not in hooked:
        add(after.value)
    else:
        after._codegen(state)


def _newline(node: Any, state: State) -> None:
    value = node.value
    state.add_token(state.default_newline if value is None else value)


def _trailing_whitespace(node: Any, state: State) -> None:
    _space_or_node(node.whitespace, state)
    comment = node.comment
    if comment is not None:
        comment._codegen(state)
    _newline_or_node(node.newline, state)


def _space_or_node(node: Any, state: State) -> None:
    if type(node) is _SPACE and id(node) not in state.hooked_ids:
        state.add_token(node.value)
    else:
        node._codegen(state)


def _newline_or_node(node: Any, state: State) -> None:
    if type(node) is _NEWLINE and id(node) not in state.hooked_ids:
        value = node.value
        state.add_token(state.default_newline if value is None else value)
    else:
        node._codegen(state)


def _name_or_node(node: Any, state: State) -> None:
    if type(node) is _NAME and not node.lpar and not node.rpar and id(node) not in state.hooked_ids:
        state.add_token(node.value)
    else:
        node._codegen(state)


def _op_or_node(node: Any, state: State) -> None:
    if type(node) in _OP_TOKENS and id(node) not in state.hooked_ids:
        _op(node, state)
    else:
        node._codegen(state)


def _op_or_default(value: Any, kind: type, default: str | None, state: State) -> None:
    """A field that holds an operator of `kind` or MaybeSentinel.DEFAULT (an argument's `=` and
    `,`): the operator, or for DEFAULT the `default` text, if any. DEFAULT is tested first:
    `isinstance` of a libcst class is quick when it holds and goes through ABCMeta when not."""
    if value is MaybeSentinel.DEFAULT:
        if default is not None:
            state.add_token(default)
    elif isinstance(value, kind):
        _op_or_node(value, state)


def _attribute(node: Any, state: State) -> None:
    if node.lpar or node.rpar:
        node._codegen_impl(state)
        return
    _name_or_node(node.value, state)
    _op_or_node(node.dot, state)
    _name_or_node(node.attr, state)


def _arg(node: Any, state: State, default_comma: bool = False) -> None:
    state.add_token(node.star)
    _space_or_node(node.whitespace_after_star, state)
    keyword = node.keyword
    if keyword is not None:
        _name_or_node(keyword, state)
    _op_or_default(node.equal, cst.AssignEqual, " = " if keyword is not None else None, state)
    _name_or_node(node.value, state)
    _op_or_default(node.comma, cst.Comma, ", " if default_comma else None, state)
    _space_or_node(node.whitespace_after_arg, state)


def _call(node: Any, state: State) -> None:
    if node.lpar or node.rpar:
        node._codegen_impl(state)
        return
    _name_or_node(node.func, state)
    _space_or_node(node.whitespace_after_func, state)
    state.add_token("(")
    _space_or_node(node.whitespace_before_args, state)
    args = node.args
    last = len(args) - 1
    hooked = state.hooked_ids
    for index, arg in enumerate(args):
        if type(arg) is cst.Arg and id(arg) not in hooked and _ARG_INLINE:
            _arg(arg, state, index != last)
        else:
            arg._codegen(state, default_comma=(index != last))
    state.add_token(")")


def _assign_target(node: Any, state: State) -> None:
    _name_or_node(node.target, state)
    _space_or_node(node.whitespace_before_equal, state)
    state.add_token("=")
    _space_or_node(node.whitespace_after_equal, state)


def _semicolon(node: Any, state: State, default_semicolon: bool) -> None:
    semicolon = node.semicolon
    if isinstance(semicolon, MaybeSentinel):
        if default_semicolon:
            state.add_token("; ")
    elif isinstance(semicolon, cst.Semicolon):
        semicolon._codegen(state)


def _assign(node: Any, state: State, default_semicolon: bool = False) -> None:
    for target in node.targets:
        target._codegen(state)
    node.value._codegen(state)
    _semicolon(node, state, default_semicolon)


def _expr(node: Any, state: State, default_semicolon: bool = False) -> None:
    node.value._codegen(state)
    _semicolon(node, state, default_semicolon)


def _empty_line(node: Any, state: State) -> None:
    if node.indent:
        state.add_indent_tokens()
    _space_or_node(node.whitespace, state)
    comment = node.comment
    if comment is not None:
        comment._codegen(state)
    _newline_or_node(node.newline, state)


def _param(node: Any, state: State, default_star: str | None = None, default_comma: bool = False) -> None:
    star = node.star
    if isinstance(star, MaybeSentinel):
        if default_star is None:
            node._codegen_impl(state, default_star=default_star, default_comma=default_comma)  # libcst's error
            return
        star = default_star
    if isinstance(star, str):
        state.add_token(star)
    _space_or_node(node.whitespace_after_star, state)
    _name_or_node(node.name, state)
    annotation = node.annotation
    if annotation is not None:
        annotation._codegen(state, default_indicator=":")
    default = node.default
    _op_or_default(node.equal, cst.AssignEqual, " = " if default is not None else None, state)
    if default is not None:
        default._codegen(state)
    _op_or_default(node.comma, cst.Comma, ", " if default_comma else None, state)
    _space_or_node(node.whitespace_after_param, state)


def _constant_token(kind: type) -> str | None:
    """The token of an operator class whose `_get_token` returns a constant (all but `!=`)."""
    code = None
    for owner in kind.__mro__:
        if "_get_token" in owner.__dict__:
            code = owner.__dict__["_get_token"].__code__
            break
    if code is None or code.co_names or code.co_argcount != 1:
        return None
    token = kind._get_token(None)  # type: ignore[attr-defined]
    return token if isinstance(token, str) else None


_OP_IMPL = _method(_BaseOneTokenOp, "_codegen_impl")
_OP_TOKENS: dict[type, str] = {}
if _names(_OP_IMPL) == (
    "whitespace_before", "_codegen", "record_syntactic_position", "add_token", "_get_token", "whitespace_after"
):
    for _kind in vars(cst).values():
        if isinstance(_kind, type) and _BaseOneTokenOp in _kind.__mro__ and getattr(_kind, "_codegen_impl", None) is _OP_IMPL:
            _token = _constant_token(_kind)
            if _token is not None:
                _OP_TOKENS[_kind] = _token

_EXPECTED: tuple[tuple[type, tuple[str, ...], Callable[..., None]], ...] = (
    (cst.Newline, ("value", "add_token", "default_newline"), _newline),
    (cst.TrailingWhitespace, ("whitespace", "_codegen", "comment", "newline"), _trailing_whitespace),
    (cst.Attribute, ("_parenthesize", "value", "_codegen", "dot", "attr"), _attribute),
    (cst.Arg, ("record_syntactic_position", "add_token", "star", "whitespace_after_star", "_codegen", "keyword",
               "equal", "MaybeSentinel", "DEFAULT", "isinstance", "AssignEqual", "value", "comma", "Comma",
               "whitespace_after_arg"), _arg),
    (cst.Call, ("_parenthesize", "func", "_codegen", "whitespace_after_func", "add_token", "whitespace_before_args",
                "len", "args", "enumerate"), _call),
    (cst.AssignTarget, ("record_syntactic_position", "target", "_codegen", "whitespace_before_equal", "add_token",
                        "whitespace_after_equal"), _assign_target),
    (cst.Assign, ("record_syntactic_position", "targets", "_codegen", "value", "semicolon", "isinstance",
                  "MaybeSentinel", "add_token", "Semicolon"), _assign),
    (cst.Expr, ("record_syntactic_position", "value", "_codegen", "semicolon", "isinstance", "MaybeSentinel",
                "add_token", "Semicolon"), _expr),
    (cst.EmptyLine, ("indent", "add_indent_tokens", "whitespace", "_codegen", "comment", "newline"), _empty_line),
    (cst.Param, ("record_syntactic_position", "star", "isinstance", "MaybeSentinel", "CSTCodegenError", "str",
                 "add_token", "whitespace_after_star", "_codegen", "name", "annotation", "equal", "DEFAULT",
                 "default", "AssignEqual", "comma", "Comma", "whitespace_after_param"), _param),
)
_INLINE: dict[type, Callable[..., None]] = {kind: _op for kind in _OP_TOKENS}
_INLINE.update(
    (kind, function) for kind, names, function in _EXPECTED
    if _names(_method(kind, "_codegen_impl")) == names
)
_INLINED_KINDS = frozenset(_INLINE) | {_NAME, _SPACE}
_ARG_INLINE = _INLINE.get(cst.Arg) is _arg  # a call writes its arguments inline only then


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
_install_lock = threading.Lock()


def installed() -> bool:
    return CSTNode.__dict__.get("_codegen") is _codegen


@contextmanager
def generating() -> Iterator[None]:
    """Code generation for a `State` without the per-node machinery, in the block and after it.

    The replacements are installed at the first block and stay for the life of the process:
    setting a method on `CSTNode` invalidates the interpreter's attribute caches of every node
    class below it, and doing so around each of a file's code generations (three per changed
    file) cost 2 % of a migration's instructions. Any state other than a `State` gets libcst's
    own methods through them, so code generation elsewhere in the process is unchanged."""
    if FAST and not installed():
        with _install_lock:
            if not installed():
                for owner, name, replacement, _original in _REPLACEMENTS:
                    setattr(owner, name, replacement)
    yield
