"""A read-only walk over a libcst tree, in libcst's own order, without rebuilding it.

`node.visit(visitor)` rebuilds every node of the tree on the way back up, even for a read-only
`CSTVisitor`, and validates each new node: most of the cost of an analysis pass. `walk` calls
the same `on_visit` / `on_leave` hooks in the same order and builds nothing. The order of each
node class's fields is learned once, from libcst itself (the order in which its
`_visit_and_replace_children` announces them), so that it is libcst's order by construction
(tests/core/test_walk.py compares the two on real modules).
"""

from __future__ import annotations

import collections.abc
import dataclasses
import types
import typing
from typing import Any, Callable, Iterator, Protocol

import libcst as cst

_FIELDS: dict[type, tuple[str, ...]] = {}
class _NodeTypes(dict[type, bool]):
    """Whether a type is a CSTNode, learned once per type: `isinstance(value, cst.CSTNode)` goes
    through ABCMeta's __instancecheck__, in Python, for every field of every node."""

    def __missing__(self, kind: type) -> bool:
        is_node = self[kind] = cst.CSTNode in kind.__mro__
        return is_node


_IS_NODE = _NodeTypes()


def node_classes(*bases: type) -> frozenset[type]:
    """libcst's node classes derived from any of `bases`. By their MRO: `issubclass` on libcst's
    abstract classes goes through ABCMeta, tens of milliseconds at every start of a worker."""
    return frozenset(
        kind for kind in vars(cst).values()
        if isinstance(kind, type) and any(base in kind.__mro__ for base in bases)
    )


class Visitor(Protocol):
    def on_visit(self, node: cst.CSTNode) -> bool: ...

    def on_leave(self, original_node: cst.CSTNode) -> None: ...


class _FieldOrder(cst.CSTVisitor):
    """Records the fields of one node in the order libcst visits them; goes no deeper."""

    def __init__(self, parent: cst.CSTNode) -> None:
        super().__init__()
        self.parent = parent
        self.names: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        pass

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if node is self.parent and attribute not in self.names:
            self.names.append(attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass


def _field_order(node: cst.CSTNode) -> tuple[str, ...]:
    kind = type(node)
    names = _FIELDS.get(kind)
    if names is None:
        recorder = _FieldOrder(node)
        node._visit_and_replace_children(recorder)
        recorded = recorder.names
        # Any field libcst did not announce comes last (there are none in libcst 1.x).
        rest = [f.name for f in dataclasses.fields(node) if f.name not in recorded]
        names = _FIELDS[kind] = (*recorded, *rest)
    return names


def _hash_by_identity_in_c() -> None:
    """libcst's nodes are equal only to themselves, and hash by `id(self)` through a Python
    method: a call into Python for every node put in a dict or a set. `object.__hash__` is the
    same identity hash in C. Each node class gets it, when its hash is libcst's `return id(self)`."""
    own = cst.CSTNode.__dict__.get("__hash__")
    code = getattr(own, "__code__", None)
    if code is None or code.co_names != ("id",) or code.co_argcount != 1:
        return
    stack: list[type] = [cst.CSTNode]
    while stack:
        kind = stack.pop()
        if kind.__dict__.get("__hash__") is own:
            kind.__hash__ = object.__hash__  # type: ignore[assignment,method-assign]
        stack.extend(kind.__subclasses__())


_hash_by_identity_in_c()


def is_node(value: object) -> bool:
    """`isinstance(value, cst.CSTNode)`, without ABCMeta's __instancecheck__."""
    return _IS_NODE[type(value)]


def field_order(node: cst.CSTNode) -> tuple[str, ...]:
    """The names of `node`'s fields, in the order libcst visits them."""
    return _FIELDS.get(type(node)) or _field_order(node)


def iter_children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The direct children of `node`, in source order, as `node.children` gives them."""
    for name in _FIELDS.get(type(node)) or _field_order(node):
        value = getattr(node, name)
        kind = type(value)
        if kind is tuple or kind is list:
            for item in value:
                if _IS_NODE[type(item)]:
                    yield item
        elif _IS_NODE[kind]:
            yield value


def any_node(node: cst.CSTNode, predicate: Callable[[cst.CSTNode], bool]) -> bool:
    """Whether `node` or any node below it satisfies `predicate` (in no particular order)."""
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if predicate(current):
            return True
        stack.extend(iter_children(current))
    return False


def names_in(node: cst.CSTNode) -> set[str]:
    """Every `Name` at or below `node`: the names an expression mentions."""
    found: set[str] = set()
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if type(current) is cst.Name:
            found.add(current.value)
        stack.extend(iter_children(current))
    return found


_HOOKS: dict[tuple[type, type], tuple[Any, Any]] = {}


def hooks(visitor: type, kind: type) -> tuple[Any, Any]:
    """The `visit_<Class>` and `leave_<Class>` functions of `visitor` for nodes of `kind`.

    libcst looks them up by name on every node, and `visit_<Class>_<field>` on every field of
    it; here they are looked up once per class, and there are no per-field hooks.
    """
    found = _HOOKS.get((visitor, kind))
    if found is None:
        name = kind.__name__
        found = (
            _unless_stub(getattr(visitor, f"visit_{name}", None)),
            _unless_stub(getattr(visitor, f"leave_{name}", None)),
        )
        # A class made inside a function is made again on every call: kept here, each would
        # stay alive for good, with whatever its methods' closures hold.
        if "<locals>" not in visitor.__qualname__:
            _HOOKS[(visitor, kind)] = found
    return found


def _unless_stub(function: Any) -> Any:
    """None for one of libcst's own empty hooks (`@mark_no_op`: a visitor's `visit_` and `leave_`
    return None, a transformer's `leave_` its updated node), which every visitor inherits for
    every node class: calling them changes nothing."""
    return None if getattr(function, "_is_no_op", False) else function


def rebuild(node: cst.CSTNode, transformer: cst.CSTTransformer, spine: set[int]) -> cst.CSTNode:
    """`node.visit(transformer)` when only the nodes whose ids are in `spine` (each with every
    node above it) are visited: the others are kept as they are, unvisited.

    The transformer's `visit_<Class>` and `leave_<Class>(original, updated)` hooks are called on
    the spine in libcst's order; a `leave_` hook returns a node (no removal or flattening). A
    node none of whose children changed reaches its `leave_` hook as its own `updated` node.
    """
    kind = type(node)
    visit, leave = hooks(type(transformer), kind)
    if visit is not None:
        visit(transformer, node)
    changes: dict[str, Any] = {}
    for name in _FIELDS.get(kind) or _field_order(node):
        value = getattr(node, name)
        if type(value) is tuple or type(value) is list:
            items = None
            for index, item in enumerate(value):
                if id(item) in spine:
                    new = rebuild(item, transformer, spine)
                    if new is not item:
                        if items is None:
                            items = list(value)
                        items[index] = new
            if items is not None:
                changes[name] = tuple(items)
        elif id(value) in spine:
            new = rebuild(value, transformer, spine)
            if new is not value:
                changes[name] = new
    updated = with_changes(node, changes) if changes else node
    if leave is not None:
        updated = leave(transformer, node, updated)
    return updated


#: Each node class's fields, all of them parameters of its constructor (None: some are not).
_INIT_FIELDS: dict[type, tuple[str, ...] | None] = {}


def with_changes(node: cst.CSTNode, changes: dict[str, Any]) -> cst.CSTNode:
    """`node.with_changes(**changes)`: the same constructor call (validation included), without
    `dataclasses.replace` going through the class's field objects on every call."""
    kind = type(node)
    try:
        names = _INIT_FIELDS[kind]
    except KeyError:
        found = dataclasses.fields(kind)
        names = _INIT_FIELDS[kind] = tuple(f.name for f in found) if all(f.init for f in found) else None
    if names is None or type(node).with_changes is not _WITH_CHANGES:
        return node.with_changes(**changes)
    values = {name: getattr(node, name) for name in names}
    values.update(changes)
    return kind(**values)


_WITH_CHANGES = cst.CSTNode.with_changes


_PLAIN_HOOKS = (cst.CSTVisitor.on_visit, cst.CSTVisitor.on_leave)


def _declared(annotation: Any) -> set[type] | None:
    """The classes a field's annotation admits (through unions, optionals and sequences); None
    when it is not one of those shapes."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType or origin in (collections.abc.Sequence, list, tuple):
        found: set[type] = set()
        for argument in typing.get_args(annotation):
            if argument is Ellipsis:
                continue
            inner = _declared(argument)
            if inner is None:
                return None
            found |= inner
        return found
    if origin is typing.Literal:
        return set()  # strings
    if isinstance(annotation, type):
        return {annotation}
    return None


_DERIVED: dict[type, frozenset[type]] = {}


def _derived(kind: type) -> frozenset[type]:
    """`kind` and libcst's node classes derived from it (once per class)."""
    found = _DERIVED.get(kind)
    if found is None:
        found = _DERIVED[kind] = frozenset({kind, *node_classes(kind)})
    return found


def _is_abstract(kind: type) -> bool:
    return bool(getattr(kind, "__abstractmethods__", None))


def _only_skipped(annotation: Any, skip: frozenset[type]) -> bool:
    """Whether a field so annotated can hold no node to walk: none at all (a string, a flag),
    or only nodes of classes in `skip`."""
    declared = _declared(annotation)
    if declared is None:
        return False
    for kind in declared:
        if not _IS_NODE[kind]:
            continue  # str, bool, None, MaybeSentinel: never walked
        # the class itself and every class derived from it, but for abstract ones
        if any(found not in skip and not _is_abstract(found) for found in _derived(kind)):
            return False
    return True


def _walked_fields(node: cst.CSTNode, skip: frozenset[type]) -> tuple[str, ...]:
    """`node`'s fields in libcst's order, less those whose declared type admits no node to walk
    past `skip`: most of a node's fields hold whitespace, parentheses or a comma."""
    names = _FIELDS.get(type(node)) or _field_order(node)
    try:
        hints = typing.get_type_hints(type(node))
    except Exception:  # noqa: BLE001 - an annotation that does not resolve: every field is walked
        return names
    return tuple(name for name in names if name not in hints or not _only_skipped(hints[name], skip))


_WALKED: dict[frozenset[type], dict[type, tuple[str, ...]]] = {}


def walk(node: cst.CSTNode, visitor: Visitor, skip: frozenset[type] = frozenset()) -> None:
    """`node.visit(visitor)` for a read-only visitor: the same calls, in the same order, except
    that nodes of a class in `skip` (and what is below them) are left out."""
    kind = type(visitor)
    fields = _WALKED.get(skip)
    if fields is None:
        fields = _WALKED[skip] = {}
    if (getattr(kind, "on_visit", None), getattr(kind, "on_leave", None)) == _PLAIN_HOOKS:
        # libcst's own on_visit / on_leave look up `visit_<Class>` by name on every node: the
        # hooks are looked up once per class instead, and libcst's empty ones are not called.
        _walk_hooks(node, visitor, kind, skip, fields)
    else:
        _walk(node, visitor, skip, fields)


def _walk_hooks(
    node: cst.CSTNode, visitor: Any, kind: type, skip: frozenset[type], fields: dict[type, tuple[str, ...]]
) -> None:
    visit, leave = _HOOKS.get((kind, type(node))) or hooks(kind, type(node))
    if visit is None or visit(visitor, node) is not False:
        names = fields.get(type(node))
        if names is None:
            names = fields[type(node)] = _walked_fields(node, skip)
        for name in names:
            value = getattr(node, name)
            value_kind = type(value)
            if value_kind is tuple or value_kind is list:
                for item in value:
                    if _IS_NODE[type(item)] and type(item) not in skip:
                        _walk_hooks(item, visitor, kind, skip, fields)
            elif _IS_NODE[value_kind] and value_kind not in skip:
                _walk_hooks(value, visitor, kind, skip, fields)
    if leave is not None:
        leave(visitor, node)


def _walk(node: cst.CSTNode, visitor: Visitor, skip: frozenset[type], fields: dict[type, tuple[str, ...]]) -> None:
    if visitor.on_visit(node):
        names = fields.get(type(node))
        if names is None:
            names = fields[type(node)] = _walked_fields(node, skip)
        for name in names:
            value = getattr(node, name)
            kind = type(value)
            if kind is tuple or kind is list:
                for item in value:
                    if _IS_NODE[type(item)] and type(item) not in skip:
                        _walk(item, visitor, skip, fields)
            elif _IS_NODE[kind] and kind not in skip:
                _walk(value, visitor, skip, fields)
    visitor.on_leave(node)


# Leaves that hold nothing but whitespace: no comment, no code.
WHITESPACE = frozenset({cst.SimpleWhitespace, cst.Newline})

# Nodes that hold nothing but their own text, whitespace and comments: names, literals,
# punctuation, operators. Below them there is no statement, no call, no other expression.
_OPERATORS = (cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp, cst.BaseAugOp)
TOKENS = WHITESPACE | frozenset(
    {
        cst.Comment, cst.EmptyLine, cst.TrailingWhitespace, cst.ParenthesizedWhitespace,
        cst.Comma, cst.Dot, cst.Colon, cst.Semicolon, cst.AssignEqual, cst.ImportStar, cst.Asynchronous,
        cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
        cst.LeftCurlyBrace, cst.RightCurlyBrace,
        cst.Name, cst.SimpleString, cst.Integer, cst.Float, cst.Imaginary, cst.Ellipsis,
    }
    | node_classes(*_OPERATORS)
)
