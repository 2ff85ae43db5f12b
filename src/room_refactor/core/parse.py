"""`libcst.parse_module`, without validating again every node that the parser builds.

Each libcst node checks itself when it is constructed (`CSTNode.__post_init__` calls
`_validate()`): right for nodes that code builds by hand, redundant for the nodes of a tree the
parser has just built from valid source, and about a sixth of the cost of parsing. libcst's own
comment there says as much. While the parser runs, `__post_init__` does nothing; it is put
back before the tree is used, and nodes the migration builds are validated as usual.

This relies on `CSTNode.__post_init__` doing nothing but `self._validate()`; when a libcst
version does something else there, the module is parsed the ordinary way. The test suite parses
real modules both ways and compares the trees (tests/core/test_parse.py).
"""

from __future__ import annotations

import re

import libcst as cst
from libcst._nodes.base import CSTNode

_CHECKING = CSTNode.__dict__.get("__post_init__")


def _only_validates(function: object) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and code.co_names == ("_validate",) and code.co_argcount == 1


SKIPS_VALIDATION = _only_validates(_CHECKING)


def _unchecked(self: CSTNode) -> None:
    return None


def parse_module(source: str | bytes) -> cst.Module:
    if not SKIPS_VALIDATION:
        return cst.parse_module(source)
    CSTNode.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        CSTNode.__post_init__ = _CHECKING  # type: ignore[method-assign,assignment]


# -- the bounds checked before libcst parses ---------------------------------------------------
#
# libcst's native parser recurses on the machine stack: about 1,280 nested brackets, 5,000
# nested lambdas or 20,000 `elif`s overflow it and kill the process (SIGSEGV), and its time grows
# quadratically with a chain's length (`a.b.b...`, `'a' + 'a' + ...`). CPython itself refuses
# more than 200 nested brackets and expressions nested about 3,000 deep. `check_limits` rejects
# such a file in one linear pass before libcst sees it, with the line where the bound is crossed.

#: CPython's own limit (MAXLEVEL in its tokenizer): no Python accepts more.
MAX_BRACKETS = 200
#: How deep an expression or a chain of `elif`s may nest; CPython compiles about 3,000.
MAX_DEPTH = 1000

_TOKENS = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
    |(?P<open>[(\[{])
    |(?P<close>[)\]}])
    |(?P<continued>\\(?:\r\n|\r|\n))
    |(?P<newline>\r\n|\r|\n)
    |(?P<sep>[,;])
    |(?P<comment>\#[^\r\n]*)
    """,
    re.X | re.S,
)
_STRING, _OPEN, _CLOSE, _CONTINUED, _NEWLINE, _SEP, _COMMENT = range(1, 8)
_NESTED_BRACKET = re.compile(r"[(\[{]|[)\]}]")


class TooComplex(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def check_limits(text: str) -> None:
    """Raise `TooComplex` when `text` nests deeper than libcst can parse safely.

    One pass of a regular expression over the text, strings and comments skipped whole: the
    bracket depth, and an upper bound of how deep the expression being read can nest (the
    characters of code, the strings and the opening brackets since the last `,` or `;` at each
    open bracket level, or since the end of the logical line). Only a file over that bound (a
    logical line of more than a thousand characters without a comma, or more than a thousand
    `elif`s) is parsed by Python's `ast`, which tells exactly how deep it nests.
    """
    depth = 0
    chain = [0]
    running = 0
    deepest = 0
    deepest_at = 0
    end = 0
    for match in _TOKENS.finditer(text):
        start = match.start()
        kind = match.lastindex
        # The code between two tokens: each character may be one more operator or trailer.
        gap = start - end
        end = match.end()
        chain[-1] += gap
        running += gap
        if running + depth > deepest:
            deepest, deepest_at = running + depth, start
        if kind == _OPEN:
            chain[-1] += 1
            depth += 1
            chain.append(0)
            running += 1
            if depth > MAX_BRACKETS:
                raise TooComplex(f"too many nested brackets (more than {MAX_BRACKETS})", _line(text, start))
        elif kind == _CLOSE:
            if depth:
                depth -= 1
                running -= chain.pop()
        elif kind == _SEP or (kind == _NEWLINE and depth == 0):
            running -= chain[-1]
            chain[-1] = 0
            continue
        elif kind == _STRING:
            chain[-1] += 1
            running += 1
            # A prefix is the end of the code before the quote; an `f` there may be one.
            if "f" in text[max(0, start - 2) : start].lower():
                inner = _fstring_depth(match.group())
                if depth + inner > MAX_BRACKETS:
                    raise TooComplex(f"too many nested brackets (more than {MAX_BRACKETS})", _line(text, start))
                running += inner
                chain[-1] += inner
    gap = len(text) - end
    if running + gap + depth > deepest:
        deepest, deepest_at = running + gap + depth, end
    if deepest <= MAX_DEPTH and text.count("elif") <= MAX_DEPTH:
        return
    try:
        exact = _ast_depth(text)
    except TooComplex as exc:
        exc.line = _line(text, deepest_at) if deepest > MAX_DEPTH else exc.line
        raise
    if exact is None:
        if deepest > MAX_DEPTH:
            raise TooComplex(f"nested too deeply to parse safely (more than {MAX_DEPTH} levels)", _line(text, deepest_at))
        return
    if exact[0] > MAX_DEPTH:
        raise TooComplex(f"nested too deeply to parse safely (more than {MAX_DEPTH} levels)", exact[1])


def _fstring_depth(literal: str) -> int:
    """The deepest bracket nesting inside an f-string's replacement fields (an upper bound)."""
    depth = deepest = 0
    for match in _NESTED_BRACKET.finditer(literal):
        if match.group() in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def _ast_depth(text: str) -> tuple[int, int] | None:
    """(the depth of Python's syntax tree, the line where it is deepest); None when Python
    cannot say (newer syntax, a syntax error); raises `TooComplex` when Python itself refuses
    the nesting."""
    import ast

    try:
        tree = ast.parse(text)
    except (RecursionError, MemoryError) as exc:
        raise TooComplex("nested too deeply to parse safely (Python's own parser gives up too)", 1) from exc
    except SyntaxError as exc:
        if "too many nested" in str(exc.msg) or "too complex" in str(exc.msg):
            raise TooComplex(f"nested too deeply to parse safely ({exc.msg})", exc.lineno or 1) from exc
        return None
    except ValueError:
        return None
    deepest, line = 0, 1
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, level = stack.pop()
        if level > deepest:
            deepest, line = level, getattr(node, "lineno", line)
        stack.extend((child, level + 1) for child in ast.iter_child_nodes(node))
    return deepest, line


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + (text.count("\r", 0, offset) if "\n" not in text else 0) + 1
