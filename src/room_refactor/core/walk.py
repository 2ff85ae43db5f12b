"""A read-only walk over a libcst tree, in libcst's own order, without rebuilding it.

`node.visit(visitor)` rebuilds every node of the tree on the way back up, even for a read-only
`CSTVisitor`, and validates each new node: most of the cost of an analysis pass. `walk` calls
the same `on_visit` / `on_leave` hooks in the same order and builds nothing. The order of each
node class's fields is learned once, from libcst itself (the order in which its
`_visit_and_replace_children` announces them), so that it is libcst's order by construction
(tests/core/test_walk.py compares the two on real modules).
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterator, Protocol

import libcst as cst

_FIELDS: dict[type, tuple[str, ...]] = {}


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


def iter_children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The direct children of `node`, in source order, as `node.children` gives them."""
    for name in _FIELDS.get(type(node)) or _field_order(node):
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            yield value
        elif isinstance(value, (tuple, list)):
            for item in value:
                if isinstance(item, cst.CSTNode):
                    yield item


def any_node(node: cst.CSTNode, predicate: Callable[[cst.CSTNode], bool]) -> bool:
    """Whether `node` or any node below it satisfies `predicate` (in no particular order)."""
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if predicate(current):
            return True
        stack.extend(iter_children(current))
    return False


def walk(node: cst.CSTNode, visitor: Visitor, skip: frozenset[type] = frozenset()) -> None:
    """`node.visit(visitor)` for a read-only visitor: the same calls, in the same order, except
    that nodes of a class in `skip` (and what is below them) are left out."""
    if visitor.on_visit(node):
        for name in _FIELDS.get(type(node)) or _field_order(node):
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                if type(value) not in skip:
                    walk(value, visitor, skip)
            elif isinstance(value, (tuple, list)):
                for item in value:
                    if isinstance(item, cst.CSTNode) and type(item) not in skip:
                        walk(item, visitor, skip)
    visitor.on_leave(node)


# Leaves that hold nothing but whitespace: no comment, no code.
WHITESPACE = frozenset({cst.SimpleWhitespace, cst.Newline})
