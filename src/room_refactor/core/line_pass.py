"""The analysis's line pass: the module's code generated once, noting where the nodes we report
start and end (lines and columns) and where each statement's text sits (`Layout`, which
core/splice.py reuses for the statements a migration leaves alone). Pure.

libcst's PositionProvider records every node and costs about twice the parse; this records
only the nodes asked about, and every statement.

A statement line with none of those nodes in it is not generated at all when the source and
the ends of its logical lines are at hand (`check_limits` finds them in the scan it makes
anyway): its text is the source from where it starts to the end of its logical line, after one
line per line above it that belongs to it (blank lines and comments). So is the header of a
function (its decorators and its `def` line) with none of them in it: its body is generated (or
copied) line by line as usual. The code is then the source itself. When the copies and the
generated code do not add up to the source exactly (the scan read a line otherwise than the
parser did), or a wanted node was in a copied line after all, the pass runs again and
generates every statement. A file with a carriage return or a form feed is generated whole.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Collection, Sequence, cast

import libcst as cst

from room_refactor.core.codegen import State, generating
from room_refactor.core.walk import node_classes

STATEMENT_KINDS = node_classes(cst.BaseStatement)
_SPAN_KINDS = STATEMENT_KINDS | {cst.Decorator}
_LINE = cst.SimpleStatementLine
_DEF = cst.FunctionDef
# The body of a function whose header was copied is generated as IndentedBlock generates it,
# less its header (the end of the `def` line): only where its code is the one this was
# written against.
_BLOCK_CODEGEN = (
    "header", "_codegen", "indent", "increase_indent", "default_indent", "body", "record_syntactic_position",
    "add_indent_tokens", "add_token", "default_newline", "footer", "decrease_indent",
)
_COPIES_HEADERS = getattr(cst.IndentedBlock._codegen_impl, "__code__", None) is not None and (
    cst.IndentedBlock._codegen_impl.__code__.co_names == _BLOCK_CODEGEN
)


@dataclass(eq=False)
class Layout:
    """Where each statement of the original module sits in its generated code (token indexes),
    and its indentation: what core/splice.py needs to reuse the text of unchanged statements."""

    tokens: list[str]
    spans: dict[cst.CSTNode, list[int]] = field(default_factory=dict)
    indents: dict[cst.CSTNode, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Lines:
    """What the line pass found: the module's code, where each wanted node starts (line,
    column) and the line where it ends, and the statements' layout."""

    code: str
    starts: dict[cst.CSTNode, tuple[int, int]]
    ends: dict[cst.CSTNode, int]
    layout: Layout
    copied: int = 0  # the statement lines copied from the source


@generating()
def line_pass(
    module: cst.Module,
    wanted: set[cst.CSTNode],
    *,
    source: str | None = None,
    line_ends: Sequence[int] | None = None,
    touched: Collection[int] = (),
) -> Lines:
    """The positions of `wanted` in `module`'s code. With `source` (the text `module` was
    parsed from) and its `line_ends`, the statement lines whose ids are not in `touched` (the
    lines that hold a wanted node) are copied from the source instead of generated (with
    core.codegen's replacements; libcst's own code generation generates every line)."""
    # A form feed is whitespace libcst may not write back (`\x0cdef f():` loses it): a copy
    # would keep it where libcst's code would not, and hide that the file cannot be reproduced.
    copying = (
        source is not None and bool(line_ends) and module.has_trailing_newline and "\r" not in source
        and "\x0c" not in source
    )
    state = _LineState(module, wanted)
    if copying:
        assert source is not None and line_ends is not None
        state.copy_from(source, line_ends, touched)
    module._codegen(state)
    code = "".join(state.tokens)
    if state.copies and (code != source or len(state.start_at) < len(state.hooked_ids)):
        # The copies do not add up to the source, or a wanted node was in a copied line.
        state = _LineState(module, wanted)
        module._codegen(state)
        code = "".join(state.tokens)
    starts, ends = state.positions(code)
    return Lines(code, starts, ends, state.layout, state.copies)


class _LineState(State):
    """Code generation that notes where the nodes we ask about, and every statement, start and
    end (as token indexes); `positions` turns the first into lines and columns afterwards."""

    hooked_kinds = _SPAN_KINDS

    def __init__(self, module: cst.Module, wanted: set[cst.CSTNode]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.hooked_ids = {id(node) for node in wanted}  # ids, as core.codegen looks them up
        self.start_at: dict[cst.CSTNode, int] = {}
        self.end_at: dict[cst.CSTNode, int] = {}
        self.layout = Layout(self.tokens)
        self.copies = 0
        self.source: str | None = None  # set by copy_from
        self.line_ends: Sequence[int] = ()
        self.touched: Collection[int] = ()
        self.offset = 0  # the length of the first `counted` tokens
        self.counted = 0

    def copy_from(self, source: str, line_ends: Sequence[int], touched: Collection[int]) -> None:
        """Copy the statement lines whose ids are not in `touched` from `source`."""
        self.source, self.line_ends, self.touched = source, line_ends, touched

    # With core.codegen's replacements in place these run only for hooked nodes; without them
    # (another libcst version), for every node.
    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.hooked_ids:
            self.start_at[node] = len(self.tokens)
        if type(node) in self.hooked_kinds:
            self.layout.spans[node] = [len(self.tokens), -1]
            self.layout.indents[node] = tuple(self.indent_tokens)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.hooked_ids:
            self.end_at[node] = len(self.tokens)
        if type(node) in self.hooked_kinds:
            self.layout.spans[node][1] = len(self.tokens)

    def copied(self, node: cst.CSTNode) -> bool:
        """A statement line with no wanted node in it: its text from the source, one token. A
        function with none in its header: the header's text, then its body generated."""
        kind = type(node)
        if self.source is None or id(node) in self.touched:
            return False
        # (the decorator or None, how many logical lines): the pieces copied one token each
        pieces: list[tuple[cst.Decorator | None, int]]
        if kind is _LINE:
            pieces = [(None, len(node.leading_lines) + 1)]  # type: ignore[attr-defined]
        elif kind is _DEF and _COPIES_HEADERS and type(node.body) is cst.IndentedBlock:  # type: ignore[attr-defined]
            function = cast(cst.FunctionDef, node)
            pieces = [
                (None, len(function.leading_lines)),
                *((decorator, len(decorator.leading_lines) + 1) for decorator in function.decorators),
                (None, len(function.lines_after_decorators) + 1),
            ]
        else:
            return False
        tokens = self.tokens
        start = self.offset + sum(map(len, tokens[self.counted:]))
        index = bisect_right(self.line_ends, start)
        if index + sum(count for _, count in pieces) > len(self.line_ends):
            self.offset, self.counted = start, len(tokens)
            return False
        for decorator, count in pieces:
            if not count:
                continue
            index += count
            end = self.line_ends[index - 1]
            if decorator is not None:  # its span, as its own code generation notes it
                self.layout.spans[decorator] = [len(tokens), len(tokens) + 1]
                self.layout.indents[decorator] = tuple(self.indent_tokens)
            tokens.append(self.source[start:end])
            start = end
        self.offset, self.counted = start, len(tokens)
        self.copies += 1
        if kind is _DEF:
            self._body(cast(cst.IndentedBlock, node.body))  # type: ignore[attr-defined]
        return True

    def _body(self, block: cst.IndentedBlock) -> None:
        """`block`'s code without its header, as `IndentedBlock._codegen_impl` writes it."""
        self.increase_indent(self.default_indent if block.indent is None else block.indent)
        if block.body:
            for statement in block.body:
                statement._codegen(self)
        else:
            self.add_indent_tokens()
            self.add_token("pass")
            self.add_token(self.default_newline)
        for line in block.footer:
            line._codegen(self)
        self.decrease_indent()

    def positions(self, code: str) -> tuple[dict[cst.CSTNode, tuple[int, int]], dict[cst.CSTNode, int]]:
        """(line, column) where each wanted node starts, and the line where it ends. A token
        with a `\\n` counts its `\\n`s as line breaks, any other its `\\r`s."""
        offsets = list(accumulate(map(len, self.tokens), initial=0))
        if "\r" in code:
            breaks = list(accumulate(
                (token.count("\n") or token.count("\r") for token in self.tokens), initial=0
            ))

            def line(index: int) -> int:
                return breaks[index] + 1
        else:
            # Lines counted once, from one asked-for index to the next in order.
            lines = {}
            count, previous = 1, 0
            for index in sorted({*self.start_at.values(), *self.end_at.values()}):
                count += code.count("\n", previous, offsets[index])
                previous = offsets[index]
                lines[index] = count

            def line(index: int) -> int:
                return lines[index]

        carriage = "\r" in code
        starts = {}
        for node, index in self.start_at.items():
            offset = offsets[index]
            line_break = code.rfind("\n", 0, offset)
            if carriage:
                line_break = max(line_break, code.rfind("\r", 0, offset))
            starts[node] = (line(index), offset - line_break - 1)
        return starts, {node: line(index) for node, index in self.end_at.items()}
