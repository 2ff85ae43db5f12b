"""`libcst.parse_module`, without validating again every node that the parser builds.

Each libcst node checks itself when it is constructed (`CSTNode.__post_init__` calls
`_validate()`): right for nodes that code builds by hand, redundant for the nodes of a tree the
parser has just built from valid source, and a tenth of the parse's instructions. libcst's own
comment there says as much.

Each node class gets a plainer `__init__`, once per process: the one `dataclasses` writes for a
frozen class sets every field through `object.__setattr__`, looked up by name, and then calls
`__post_init__`; the plainer one stores each field through its slot, and calls `__post_init__`
unless the parser is running. Nodes the migration builds are validated as before. Counted by
valgrind over the dense benchmark tree, skipping the validation takes 10 % off the parse's
instructions and the two together 17 %. A class gets the plainer `__init__` only when its own
is the generated one, with the parameters its fields give; any other keeps its own. The
classes are changed once rather than around each parse: setting a class's `__init__` updates
its slots and those of its subclasses, and the interpreter's caches of every node class.

More than half the nodes are the whitespace between tokens (`SimpleWhitespace`), the ends of
lines (`Newline`) and the punctuation made of nothing else, of very few distinct values: while
the parser runs, each distinct value is built once and the node is shared wherever the value
occurs (6 % of the parse's instructions, and half the objects of a tree).

This relies on `CSTNode.__post_init__` doing nothing but `self._validate()`; when a libcst
version does something else there, the module is parsed the ordinary way. The test suite parses
real modules both ways and compares the trees (tests/core/test_parse.py).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
from typing import Any, Callable

import libcst as cst
from libcst._nodes.base import CSTNode

_CHECKING = CSTNode.__dict__.get("__post_init__")


def _only_validates(function: object) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and code.co_names == ("_validate",) and code.co_argcount == 1


SKIPS_VALIDATION = _only_validates(_CHECKING)


_NO_VALUE = object()  # a parameter left to its field's default_factory

#: Not empty while the parser runs: the plain `__init__`s then call no `__post_init__`.
_PARSING: list[None] = []


def plain_init(kind: type) -> Callable[..., None] | None:
    """An `__init__` for `kind` that stores its fields as its generated `__init__` does and calls
    `__post_init__` as it does, except while the parser runs; None when `kind`'s own `__init__`
    is not the generated one."""
    init = kind.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    if code is None or not dataclasses.is_dataclass(kind) or "__post_init__" not in code.co_names:
        return None
    if not set(code.co_names) <= {"__setattr__", "__post_init__"}:
        return None
    fields = dataclasses.fields(kind)
    parameters = code.co_varnames[1 : 1 + code.co_argcount - 1 + code.co_kwonlyargcount]
    if parameters != tuple(f.name for f in fields) or not all(f.init for f in fields):
        return None
    namespace: dict[str, Any] = {"_NO_VALUE": _NO_VALUE, "_PARSING": _PARSING}
    signature, body = [], []
    for position, f in enumerate(fields):
        slot = getattr(kind, f.name, None)
        if type(slot) is not types.MemberDescriptorType:
            return None
        if position == code.co_argcount - 1 and code.co_kwonlyargcount:
            signature.append("*")
        namespace[f"_set_{f.name}"] = slot.__set__
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{f.name}"] = f.default
            signature.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            signature.append(f"{f.name}=_NO_VALUE")
            body.append(f"    if {f.name} is _NO_VALUE:\n        {f.name} = _factory_{f.name}()")
        else:
            signature.append(f.name)
        body.append(f"    _set_{f.name}(self, {f.name})")
    body.append("    if not _PARSING:\n        self.__post_init__()")
    exec(f"def __init__(self, {', '.join(signature)}):\n" + "\n".join(body), namespace)  # noqa: S102
    made: Callable[..., None] = namespace["__init__"]
    made.__qualname__ = f"{kind.__qualname__}.__init__"
    return made


_INITS: list[tuple[type, Callable[..., None], Callable[..., None]]] | None = None


def _inits() -> list[tuple[type, Callable[..., None], Callable[..., None]]]:
    """(class, its plain __init__, the generated one it replaced) for every libcst node class
    that has a plain one; installed once per process."""
    global _INITS
    if _INITS is None:
        found = []
        for kind in vars(cst).values():
            if isinstance(kind, type) and CSTNode in kind.__mro__:
                plain = plain_init(kind)
                if plain is not None:
                    found.append((kind, plain, kind.__dict__["__init__"]))
        for kind, plain, _ in found:
            kind.__init__ = plain  # type: ignore[misc]
        _INITS = found
    return _INITS


def prepare() -> None:
    """Install the plain `__init__`s now (about 15 ms), not at the first parse."""
    if SKIPS_VALIDATION:
        _inits()


# The whitespace between tokens, the end of a line, and the punctuation and line ends built of
# nothing else (a comma, a dot, `=` of a keyword, a colon, parentheses, a line's end with no
# comment, an empty line): more than half the nodes of a tree, and of few distinct values. The
# native parser finds each node class by name on the `libcst` module as it builds each node, so
# while it runs those names are C-level caches of their class, keyed by the children (which are
# shared already, and hash by identity): one node per distinct value, shared wherever it occurs
# in the tree. libcst's nodes are immutable, and nothing here keys anything by the identity of
# a node of these classes.
_SHARED = tuple(
    (name, getattr(cst, name))
    for name in (
        "SimpleWhitespace", "Newline", "Comma", "Dot", "AssignEqual", "Colon", "LeftParen", "RightParen",
        "TrailingWhitespace", "EmptyLine",
    )
)


#: The caches of `_SHARED`, made once per process and emptied after each parse: a tree shares
#: nodes with no other tree, and nothing of one file stays in memory for the next.
_CACHES: tuple[tuple[str, Any], ...] | None = None


def parse_module(source: str | bytes) -> cst.Module:
    global _CACHES
    if not SKIPS_VALIDATION:
        return cst.parse_module(source)
    _inits()
    if _CACHES is None:
        _CACHES = tuple((name, functools.lru_cache(maxsize=None)(kind)) for name, kind in _SHARED)
    for name, cache in _CACHES:
        setattr(cst, name, cache)
    _PARSING.append(None)
    try:
        return cst.parse_module(source)
    finally:
        _PARSING.pop()
        for name, kind in _SHARED:
            setattr(cst, name, kind)
        for _, cache in _CACHES:
            cache.cache_clear()


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

_TOKEN_PATTERN = r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
    |(?P<open>[(\[{])
    |(?P<close>[)\]}])
    |(?P<continued>\\(?:\r\n|\r|\n))
    |(?P<newline>\r\n|\r|\n)
    |(?P<sep>[,;])
    |(?P<comment>\#[^\r\n]*)
"""
_STRING, _OPEN, _CLOSE, _CONTINUED, _NEWLINE, _SEP, _COMMENT, _STRAY, _END = range(1, 10)
# One match per token, with the code before it. The characters no token starts with are taken
# by the pattern, possessively (nothing to backtrack into), instead of by `finditer` trying each
# position in turn, which took most of the pass. A quote that opens no string and a backslash
# that ends no line are `stray`: code, as when `finditer` looks for the tokens alone. The empty
# match at the end stops the scan: without it, a last line with no token would be searched
# again from each of its positions.
_SCAN = re.compile(
    r"[^'\"()\[\]{}\\\r\n,;\#]*+(?:" + _TOKEN_PATTERN + r"|(?P<stray>['\"\\])|(?P<end>\Z))", re.X | re.S
)
_NESTED_BRACKET = re.compile(r"[(\[{]|[)\]}]")


class TooComplex(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def check_limits(text: str) -> list[int]:
    """Raise `TooComplex` when `text` nests deeper than libcst can parse safely; else the offsets
    just after each line break outside brackets, strings and backslash continuations (the ends
    of the logical lines, blank and comment lines included), which the analysis's line pass uses
    to copy unchanged statement lines instead of generating them again.

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
    line_ends: list[int] = []
    for match in _SCAN.finditer(text):
        kind = match.lastindex or _END  # every alternative is a group: never None
        if kind == _STRAY:
            continue
        if kind == _END:
            break
        start = match.start(kind)
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
            if kind == _NEWLINE:
                line_ends.append(end)
        elif kind == _STRING:
            chain[-1] += 1
            running += 1
            # A prefix is the end of the code before the quote; an `f` there may be one.
            if "f" in text[max(0, start - 2) : start].lower():
                inner = _fstring_depth(match.group(kind))
                if depth + inner > MAX_BRACKETS:
                    raise TooComplex(f"too many nested brackets (more than {MAX_BRACKETS})", _line(text, start))
                running += inner
                chain[-1] += inner
    gap = len(text) - end
    if running + gap + depth > deepest:
        deepest, deepest_at = running + gap + depth, end
    if deepest <= MAX_DEPTH and text.count("elif") <= MAX_DEPTH:
        return line_ends
    try:
        exact = _ast_depth(text)
    except TooComplex as exc:
        exc.line = _line(text, deepest_at) if deepest > MAX_DEPTH else exc.line
        raise
    if exact is None:
        if deepest > MAX_DEPTH:
            raise TooComplex(f"nested too deeply to parse safely (more than {MAX_DEPTH} levels)", _line(text, deepest_at))
        return line_ends
    if exact[0] > MAX_DEPTH:
        raise TooComplex(f"nested too deeply to parse safely (more than {MAX_DEPTH} levels)", exact[1])
    return line_ends


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
