"""Black's layout (and ruff format's, which follows it) for the expressions the rewrite builds:
the `transaction.on_commit(partial(...))` calls, and the querysets that now end in
`.select_for_update(of=("self",)).order_by("pk")`. Pure: a node and where it sits in, a node out.

The expression is first put back on one line (`flatten`), as black joins a logical line before
it splits it; then it is split the way black splits it, for the node classes below:

- a line that fits (the indentation, what comes before and after it on the line counted), and
  has no magic trailing comma, stays on one line;
- a call that does not fit gets its arguments on one indented line between `name(` and `)`
  (black's right-hand split), or, when they do not fit there either, one argument per line with
  a trailing comma; a lone argument that does not fit is split again by the same rules;
- a method chain with two or more calls followed by a dot (`qs.filter(a).exclude(b).first()`)
  that does not fit in its brackets is split before each of those dots (black's "fluent
  interface": `Room.objects.filter(...)` stays together, a dot after a name is no delimiter);
- a value that sits in black's invisible parentheses (a `for` loop's iterable, the value of an
  assignment) and is such a chain gets real parentheses around it, one level deeper; a value
  that is a plain call (`list(...)`) keeps the call's own brackets instead;
- list and tuple literals that must be split are exploded, one element per line.

Anything else (operators, comprehensions, lambdas, subscripts, a comment or a multi-line string
inside) is left as it is: `layout_*` gives back the node unchanged rather than guess.
tests/core/test_layout.py shows each rule at 79 and 120 columns and compares with black.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence, TypeVar, cast

import libcst as cst

from room_refactor.core.codegen import code_for_node
from room_refactor.core.walk import any_node, field_order, is_node

_EMPTY = cst.Module(body=[])
Node = TypeVar("Node", bound=cst.CSTNode)


@dataclass(frozen=True)
class Place:
    """Where a line starts: `block` columns of the block's indentation; `unit` is one more level."""

    block: int
    line_length: int
    unit: str = "    "


def text(node: cst.CSTNode) -> str:
    return code_for_node(_EMPTY, node)


def newline(depth: str) -> cst.ParenthesizedWhitespace:
    """A line break inside brackets, the next line `depth` deeper than the block."""
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), empty_lines=[], indent=True, last_line=cst.SimpleWhitespace(depth)
    )


# -- one line -------------------------------------------------------------------------------------

# Whitespace that is empty when the line is joined: inside brackets, around a dot, before a
# comma, after a star or the keyword's `=`. Any other break joins as one space.
_TIGHT = {
    (cst.LeftParen, "whitespace_after"), (cst.RightParen, "whitespace_before"),
    (cst.LeftSquareBracket, "whitespace_after"), (cst.RightSquareBracket, "whitespace_before"),
    (cst.LeftCurlyBrace, "whitespace_after"), (cst.RightCurlyBrace, "whitespace_before"),
    (cst.Call, "whitespace_after_func"), (cst.Call, "whitespace_before_args"),
    (cst.Arg, "whitespace_after_star"), (cst.Arg, "whitespace_after_arg"),
    (cst.Comma, "whitespace_before"), (cst.Dot, "whitespace_before"), (cst.Dot, "whitespace_after"),
    (cst.AssignEqual, "whitespace_before"), (cst.AssignEqual, "whitespace_after"),
    (cst.Subscript, "whitespace_after_value"), (cst.Colon, "whitespace_before"),
}


def _joined(node: cst.CSTNode) -> cst.CSTNode:
    """`node` with its line breaks inside brackets joined (see _TIGHT) and no space after a
    trailing comma; the subtrees that hold neither are kept as they are."""
    kind = type(node)
    changes: dict[str, Any] = {}
    for name in field_order(node):
        value = getattr(node, name)
        if type(value) is tuple or type(value) is list:
            items = [_joined(item) if is_node(item) else item for item in value]
            if any(new is not old for new, old in zip(items, value)):
                changes[name] = items
        elif type(value) is cst.ParenthesizedWhitespace:
            changes[name] = cst.SimpleWhitespace("" if (kind, name) in _TIGHT else " ")
        elif is_node(value):
            new = _joined(value)
            if new is not value:
                changes[name] = new
    joined = node.with_changes(**changes) if changes else node
    # the trailing comma's space before the closing bracket (by class: no node class derives
    # from these, and isinstance on libcst's classes goes through ABCMeta)
    if type(joined) is cst.Call and joined.args:
        joined = joined.with_changes(args=_untrail(joined.args))
    elif type(joined) in _ATOMS and joined.elements:  # type: ignore[attr-defined]
        joined = joined.with_changes(elements=_untrail(joined.elements))  # type: ignore[attr-defined]
    return joined


_ATOMS = frozenset({cst.List, cst.Tuple, cst.Set})


def _untrail(items: Sequence[Any]) -> list[Any]:
    last = items[-1]
    if isinstance(last.comma, cst.Comma):
        last = last.with_changes(comma=last.comma.with_changes(whitespace_after=cst.SimpleWhitespace("")))
    return [*items[:-1], last]


# A trailing comma with a space before its closing bracket (or a string that looks like one).
_SPACED_TRAILING_COMMA = re.compile(r",\s+[)\]}]")


def flatten(node: Node, *, code: Callable[[cst.CSTNode], str] = text) -> Node | None:
    """`node` on one line, as black joins it (a new node, even when nothing changed); None when
    it cannot be (a comment or a multi-line string inside, a backslash continuation). `code`
    gives a node's text."""
    if any_node(node, lambda current: type(current) is cst.Comment):
        return None  # a comment inside the brackets keeps them as they are
    flat = _joined(node)
    if flat is node:
        flat = node.with_changes()
    if "\n" in code(flat):
        return None
    return cast(Node, flat)


def _is_one_tuple(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Tuple) and len(node.elements) == 1


def _has_trailing_comma(node: cst.CSTNode) -> bool:
    items: Sequence[Any] = ()
    kind = type(node)
    if kind is cst.Call:
        items = node.args  # type: ignore[attr-defined]
    elif kind is cst.List or kind is cst.Set or kind is cst.Dict or (kind is cst.Tuple and not _is_one_tuple(node)):
        items = node.elements  # type: ignore[attr-defined]
    return bool(items) and isinstance(items[-1].comma, cst.Comma)


def has_magic_comma(node: cst.CSTNode) -> bool:
    """A trailing comma that black keeps exploded (a one-tuple's comma is not one)."""
    return any_node(node, _has_trailing_comma)


# -- the split ------------------------------------------------------------------------------------


def _chain_delimiters(expr: cst.BaseExpression) -> list[cst.Attribute] | None:
    """The attributes of a method chain whose dot follows a closing bracket (black's DOT
    delimiters), outermost first; None when the expression has other delimiters at its top."""
    if expr.lpar:
        return []
    found: list[cst.Attribute] = []
    node: cst.BaseExpression = expr
    while True:
        if node is not expr and node.lpar:
            return found
        if isinstance(node, cst.Call):
            node = node.func
        elif isinstance(node, cst.Subscript):
            node = node.value
        elif isinstance(node, cst.Attribute):
            value = node.value
            if isinstance(value, (cst.Call, cst.Subscript)) or value.lpar:
                found.append(node)
            node = value
        elif isinstance(node, (cst.Name, cst.SimpleString, cst.ConcatenatedString, cst.FormattedString,
                               cst.Integer, cst.Float, cst.List, cst.Tuple, cst.Set, cst.Dict)):
            if node is expr and isinstance(node, cst.Tuple) and not node.lpar:
                return None  # a bare tuple: commas at the top
            return found
        else:
            return None


class _Layout:
    def __init__(self, place: Place) -> None:
        self.place = place
        self.unit = place.unit
        # A node's text and whether it has a magic comma, asked several times for the same
        # node as the split goes down; each entry keeps its node, so no id is reused meanwhile.
        self._texts: dict[int, tuple[cst.CSTNode, str]] = {}
        self._magic: dict[int, tuple[cst.CSTNode, bool]] = {}

    def text(self, node: cst.CSTNode) -> str:
        known = self._texts.get(id(node))
        if known is None:
            known = self._texts[id(node)] = (node, text(node))
        return known[1]

    def know(self, node: cst.CSTNode, code: str) -> None:
        self._texts[id(node)] = (node, code)

    def magic(self, node: cst.CSTNode) -> bool:
        known = self._magic.get(id(node))
        if known is None:
            known = self._magic[id(node)] = (node, has_magic_comma(node))
        return known[1]

    def fits(self, node: cst.CSTNode, depth: str, before: int, after: int) -> bool:
        width = self.place.block + len(depth) + before + len(self.text(node)) + after
        return width <= self.place.line_length and not self.magic(node)

    def line(self, expr: cst.BaseExpression, depth: str, before: int, after: int, *, inside: bool,
             optional_parens: bool = False) -> cst.BaseExpression:
        """`expr` on a line `depth` deeper than the block, after `before` characters of the line
        and followed by `after` more."""
        if self.fits(expr, depth, before, after):
            return expr
        delimiters = _chain_delimiters(expr)
        if delimiters is None:
            return expr
        if inside and len(delimiters) >= 2:
            return self.chain(expr, delimiters, depth, before, after)
        if optional_parens and len(delimiters) >= 2:
            inner = self.line(expr, depth + self.unit, 0, 0, inside=True)
            return inner.with_changes(
                lpar=[cst.LeftParen(whitespace_after=newline(depth + self.unit))],
                rpar=[cst.RightParen(whitespace_before=newline(depth))],
            )
        return self.right_hand(expr, depth, before, after)

    def right_hand(self, expr: cst.BaseExpression, depth: str, before: int, after: int) -> cst.BaseExpression:
        """Split at the expression's last brackets: `head(`, the body one level deeper, `)`."""
        if expr.lpar:
            return expr
        if isinstance(expr, cst.Call):
            return self.call(expr, depth, before + len(self.text(expr.func)) + 1)
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)) and (not isinstance(expr, cst.Tuple) or expr.lpar):
            return self.elements(expr, depth)
        return expr

    def call(self, call: cst.Call, depth: str, head: int) -> cst.Call:
        args = list(call.args)
        if not args or self.place.block + len(depth) + head > self.place.line_length:
            return call  # black would look for another bracket to split at: left alone
        inner = depth + self.unit
        magic = isinstance(args[-1].comma, cst.Comma)
        body = self.text(call)[len(self.text(call.func)) + 1 : -1]
        if not magic and self.place.block + len(inner) + len(body) <= self.place.line_length and not any(
            self.magic(arg) for arg in args
        ):
            # hugged: the arguments on one line of their own
            args[-1] = args[-1].with_changes(whitespace_after_arg=newline(depth))
            return call.with_changes(args=args, whitespace_before_args=newline(inner))
        if len(args) == 1 and not magic:
            arg = args[0]
            value = self.line(arg.value, inner, _prefix(arg), 0, inside=True)
            args = [arg.with_changes(value=value, whitespace_after_arg=newline(depth))]
            return call.with_changes(args=args, whitespace_before_args=newline(inner))
        if any(arg.star for arg in args):
            return call  # a trailing comma after *args depends on the target versions
        exploded = []
        for index, arg in enumerate(args):
            last = index == len(args) - 1
            value = self.line(arg.value, inner, _prefix(arg), 1, inside=True)
            comma = cst.Comma(whitespace_after=newline(depth if last else inner))
            exploded.append(arg.with_changes(value=value, comma=comma, whitespace_after_arg=cst.SimpleWhitespace("")))
        return call.with_changes(args=exploded, whitespace_before_args=newline(inner))

    def elements(self, atom: cst.List | cst.Tuple | cst.Set, depth: str) -> cst.BaseExpression:
        items = list(atom.elements)
        if not items or any(not isinstance(item, cst.Element) for item in items):
            return atom
        inner = depth + self.unit
        opening = atom.lbracket if isinstance(atom, cst.List) else atom.lbrace if isinstance(atom, cst.Set) else atom.lpar[-1]
        if len(items) == 1 and not isinstance(items[0].comma, cst.Comma):
            value = self.line(items[0].value, inner, 0, 0, inside=True)
            items = [items[0].with_changes(value=value)]
            closing_space = newline(depth)
            return cast(cst.BaseExpression, _with_brackets(
                atom, items, opening.with_changes(whitespace_after=newline(inner)), closing_space
            ))
        # an atom's elements are always one per line once split (black's should_split_line)
        exploded = []
        for index, item in enumerate(items):
            last = index == len(items) - 1
            value = self.line(item.value, inner, 0, 1, inside=True)
            exploded.append(item.with_changes(value=value, comma=cst.Comma(whitespace_after=newline(depth if last else inner))))
        return cast(cst.BaseExpression, _with_brackets(
            atom, exploded, opening.with_changes(whitespace_after=newline(inner)), None
        ))

    def chain(self, expr: cst.BaseExpression, delimiters: list[cst.Attribute], depth: str, before: int,
              after: int) -> cst.BaseExpression:
        """One line per segment of the chain, each segment split at its own call if needed."""
        return self.segment(expr, {id(node) for node in delimiters}, depth, before, after)

    def segment(self, node: cst.BaseExpression, wanted: set[int], depth: str, first_before: int,
                tail: int) -> cst.BaseExpression:
        """The chain down from `node`, the segment that ends in `node` on a line of its own. (A
        method: a closure that calls itself is a reference cycle, which would hold `_texts`'s
        nodes for the cycle collector.)"""
        # The spine from `node` down to the dot that starts its segment (or the bottom).
        path: list[cst.BaseExpression] = []
        current = node
        while True:
            path.append(current)
            if isinstance(current, cst.Attribute) and id(current) in wanted:
                break
            inner = current.func if isinstance(current, cst.Call) else (
                current.value if isinstance(current, (cst.Subscript, cst.Attribute)) else None
            )
            if inner is None:
                break
            current = inner
        start = path[-1]
        starts_with_dot = isinstance(start, cst.Attribute) and id(start) in wanted
        if not starts_with_dot:  # the first segment: `Room.objects.filter(...)`
            return self.line(node, depth, first_before, tail, inside=True)
        base = self.segment(start.value, wanted, depth, first_before, 0)  # type: ignore[attr-defined]
        base_width = len(self.text(start.value))  # type: ignore[attr-defined]
        laid: cst.BaseExpression = node
        width = len(self.text(node)) - base_width
        if isinstance(node, cst.Call) and self.place.block + len(depth) + width + tail > self.place.line_length:
            laid = self.call(node, depth, len(self.text(node.func)) - base_width + 1)
        elif self.magic(node) and isinstance(node, cst.Call):
            laid = self.call(node, depth, len(self.text(node.func)) - base_width + 1)
        # rebuild the spine: the new start with the newline before its dot, then upwards
        rebuilt: cst.BaseExpression = start.with_changes(
            value=base, dot=cst.Dot(whitespace_before=newline(depth), whitespace_after=cst.SimpleWhitespace(""))
        )
        for outer in reversed(path[:-1]):
            source = laid if outer is node else outer
            if isinstance(source, cst.Call):
                rebuilt = source.with_changes(func=rebuilt)
            else:
                rebuilt = source.with_changes(value=rebuilt)
        return rebuilt


def _prefix(arg: cst.Arg) -> int:
    """The width of `keyword=` or `*` before an argument's value."""
    if arg.keyword is not None:
        return len(arg.keyword.value) + 1
    return len(arg.star)


def _with_brackets(atom: Any, items: list[Any], opening: Any, closing_space: cst.BaseParenthesizableWhitespace | None) -> Any:
    """`atom` with these elements and brackets; `closing_space` before the closing one."""
    space = closing_space or cst.SimpleWhitespace("")
    if isinstance(atom, cst.List):
        return atom.with_changes(elements=items, lbracket=opening, rbracket=atom.rbracket.with_changes(whitespace_before=space))
    if isinstance(atom, cst.Set):
        return atom.with_changes(elements=items, lbrace=opening, rbrace=atom.rbrace.with_changes(whitespace_before=space))
    closing = atom.rpar[0].with_changes(whitespace_before=space)
    return atom.with_changes(elements=items, lpar=[*atom.lpar[:-1], opening], rpar=[closing, *atom.rpar[1:]])


# -- entry points ---------------------------------------------------------------------------------


def layout_value(
    expr: cst.BaseExpression, place: Place, *, before: int, after: int = 0, optional_parens: bool = True
) -> cst.BaseExpression:
    """The value of a statement line: `before` characters of the line precede it (`for room in `,
    `rooms = `), `after` follow it (`:` and a trailing comment). `optional_parens`: the value
    sits where black may add parentheses (an iterable, an assigned or returned value); a bare
    expression statement has none."""
    layout = _Layout(place)
    whole = layout.text(expr)
    if "\n" not in whole and _SPACED_TRAILING_COMMA.search(whole) is None:
        # On one line already, with no space to take out after a trailing comma: what flatten
        # would give, without rebuilding the tree to find that out.
        copy = expr.with_changes()
        layout.know(copy, whole)
        flat: cst.BaseExpression | None = copy
    else:
        flat = flatten(expr, code=layout.text)
    if flat is None:
        return expr
    return layout.line(flat, "", before, after, inside=False, optional_parens=optional_parens)


def _comment_width(trailing: cst.TrailingWhitespace) -> int:
    if trailing.comment is None:
        return 0
    return len(trailing.whitespace.value) + len(trailing.comment.value)


def layout_statement(statement: Node, place: Place, *, comments: bool = True) -> Node:
    """A statement whose value the rewrite built, laid out as black would: an expression
    statement, `target = value`, `return value`, or the iterable of a `for` loop. Any other
    statement, and a line of several statements, is given back as it is. `comments`: the
    line's trailing comment counts in its length (black and ruff count it)."""
    if isinstance(statement, cst.For):
        if statement.asynchronous is not None or not isinstance(statement.body, cst.IndentedBlock):
            return statement
        before = len("for ") + len(text(statement.target)) + len(" in ")
        after = 1 + (_comment_width(statement.body.header) if comments else 0)
        iterable = layout_value(statement.iter, place, before=before, after=after)
        return cast(Node, statement.with_changes(iter=iterable)) if iterable is not statement.iter else statement
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return statement
    small = statement.body[0]
    after = _comment_width(statement.trailing_whitespace) if comments else 0
    new: cst.BaseSmallStatement = small
    if isinstance(small, cst.Expr):
        new = small.with_changes(value=layout_value(small.value, place, before=0, after=after, optional_parens=False))
    elif isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(
        small.targets[0].target, (cst.Name, cst.Attribute)
    ):
        before = len(text(small.targets[0].target)) + len(" = ")
        new = small.with_changes(value=layout_value(small.value, place, before=before, after=after))
    elif isinstance(small, cst.Return) and small.value is not None:
        new = small.with_changes(value=layout_value(small.value, place, before=len("return "), after=after))
    if new is small:
        return statement
    return cast(Node, statement.with_changes(body=[new]))
