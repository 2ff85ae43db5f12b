"""Where a new import goes: in its isort/ruff section, in sorted order, as `ruff check --select I`
and `isort --profile black` want it. Pure: statements in, statements out.

Sections, in order: `from __future__`, the standard library, third party, first party (the
project's own top-level packages, given by the caller), and local (relative) imports; one blank
line between two sections. Within a section, `import x` lines come before `from x import y`
lines, each sorted by module name, case-insensitively (isort's and ruff's defaults, which the
black profile keeps). Names merged into an existing `from` line go where isort puts them
(CONSTANTS, then Classes, then the rest), and a line that grows past the line length is
wrapped as black wraps it: one name per line, in parentheses, with a trailing comma.

An import block that is not sorted to begin with gets the new line before the first line of its
section that sorts after it: what was not clean stays as it was, and nothing else moves.
"""

from __future__ import annotations

import sys
from typing import Sequence

import libcst as cst

from room_refactor.core import names as n
from room_refactor.core.codegen import code_for_node

FUTURE, STDLIB, THIRD_PARTY, FIRST_PARTY, LOCAL = range(5)

if sys.version_info >= (3, 10):
    _STDLIB = frozenset(sys.stdlib_module_names)
else:  # pragma: no cover
    _STDLIB = frozenset(sys.builtin_module_names)


def section_of(module: str | None, *, relative: bool, first_party: frozenset[str]) -> int:
    if relative:
        return LOCAL
    top = (module or "").split(".")[0]
    if top == "__future__":
        return FUTURE
    if top in first_party:
        return FIRST_PARTY
    if top in _STDLIB:
        return STDLIB
    return THIRD_PARTY


def _statement_key(statement: cst.BaseStatement, first_party: frozenset[str]) -> tuple[int, int, str, int]:
    """(section, straight before from, module, plain names before a line of aliases) of a
    one-import line."""
    assert isinstance(statement, cst.SimpleStatementLine)
    node = statement.body[0]
    if type(node) is cst.Import:
        name = n.dotted(node.names[0].name) or ""
        return section_of(name, relative=False, first_party=first_party), 0, name.lower(), 0
    assert isinstance(node, cst.ImportFrom)
    module = n.dotted(node.module) if node.module is not None else ""
    dots = "." * len(node.relative)
    aliases_only = not isinstance(node.names, cst.ImportStar) and all(a.asname is not None for a in node.names)
    section = section_of(module, relative=bool(node.relative), first_party=first_party)
    return section, 1, (dots + (module or "")).lower(), int(aliases_only)


def is_import_line(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and (type(statement.body[0]) is cst.Import or type(statement.body[0]) is cst.ImportFrom)
    )


def _blank_prefix(lines: Sequence[cst.EmptyLine]) -> tuple[list[cst.EmptyLine], list[cst.EmptyLine]]:
    """Split leading lines into the blank lines before the first comment, and the rest."""
    index = 0
    while index < len(lines) and lines[index].comment is None:
        index += 1
    return list(lines[:index]), list(lines[index:])


def _with_leading(statement: cst.BaseStatement, lines: Sequence[cst.EmptyLine]) -> cst.BaseStatement:
    return statement.with_changes(leading_lines=list(lines))


def insert_sorted(
    body: Sequence[cst.BaseStatement],
    start: int,
    end: int,
    new: cst.SimpleStatementLine,
    *,
    first_party: frozenset[str],
) -> list[cst.BaseStatement]:
    """`body` with `new` (a one-import line) inserted into the import block `body[start:end]`,
    which is not empty, at its place by section and order."""
    statements = list(body)
    key = _statement_key(new, first_party)
    keys = [_statement_key(statements[i], first_party) if is_import_line(statements[i]) else None
            for i in range(start, end)]
    same = [start + k for k, item in enumerate(keys) if item is not None and item[0] == key[0]]
    one_blank = [cst.EmptyLine(indent=False)]
    if same:
        after = [i for i in same if keys[i - start] is not None and keys[i - start] > key]  # type: ignore[operator]
        if after:
            at = after[0]
            if at == same[0]:
                # the new line opens the section: it takes the blank lines that separate it
                blanks, rest = _blank_prefix(statements[at].leading_lines)  # type: ignore[attr-defined]
                statements[at] = _with_leading(statements[at], rest)
                statements.insert(at, _with_leading(new, blanks))
            else:
                statements.insert(at, _with_leading(new, []))
        else:
            statements.insert(same[-1] + 1, _with_leading(new, []))
        return statements
    # A section of its own, between the sections before it and the ones after it.
    later = [start + k for k, item in enumerate(keys) if item is not None and item[0] > key[0]]
    if later:
        at = later[0]
        blanks, rest = _blank_prefix(statements[at].leading_lines)  # type: ignore[attr-defined]
        statements[at] = _with_leading(statements[at], [*one_blank, *rest])
        statements.insert(at, _with_leading(new, blanks if at == start else one_blank))
        return statements
    statements.insert(end, _with_leading(new, one_blank))
    return statements


def wrap_from_import(
    line: cst.BaseStatement, *, indent: str, line_length: int, column: int = 0
) -> cst.BaseStatement:
    """Black's layout for a `from x import a, b` longer than the line: one name per line,
    each `indent` deeper than the line itself, which starts at `column`."""
    if not is_import_line(line):
        return line
    assert isinstance(line, cst.SimpleStatementLine)
    node = line.body[0]
    if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar) or node.lpar:
        return line
    alone = cst.Module(body=[line.with_changes(leading_lines=[])])
    text = code_for_node(alone, alone).rstrip("\r\n")
    if "\n" in text or column + len(text) <= line_length:
        return line
    return explode_from_import(line, indent=indent)


def explode_from_import(line: cst.SimpleStatementLine, *, indent: str) -> cst.SimpleStatementLine:
    """`from x import (` one name per line, `indent` deeper, a trailing comma, `)`."""
    node = line.body[0]
    assert isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar)
    newline = cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), empty_lines=[], indent=True,
        last_line=cst.SimpleWhitespace(indent),
    )
    closing = cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), empty_lines=[], indent=True, last_line=cst.SimpleWhitespace("")
    )
    names = list(node.names)
    wrapped = [
        alias.with_changes(comma=cst.Comma(whitespace_after=closing if i == len(names) - 1 else newline))
        for i, alias in enumerate(names)
    ]
    return line.with_changes(body=[node.with_changes(
        names=wrapped,
        lpar=cst.LeftParen(whitespace_after=newline),
        rpar=cst.RightParen(),
    )])
