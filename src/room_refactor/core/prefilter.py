"""The second prefilter: can this file hold a write site or a call of the writer at all?

The byte prefilter keeps every file in which a field name occurs anywhere: in a comment, a
docstring, a longer identifier (`abstractmethod` for `abstract`), a read, a write on an object
that is not a room. Python's own parser (`ast`, written in C) answers the sharper question
several times faster than libcst parses, so libcst is spent only on files that can change the
report or the code.

The answer is conservative: `True` whenever the analysis (`core.analysis`) could find something,
`False` only when every kind of site is impossible:

- an attribute write needs `<receiver>.<field>` stored or deleted, with a receiver that the
  `receivers` setting accepts;
- `setattr(<receiver>, name, value)` needs such a receiver, and a literal field name or a computed
  one (a `dynamic` site);
- `.update()`, `.create()`, `.get_or_create()`, `.update_or_create()` need the field as a keyword
  or as a string key (`defaults={...}`), on any receiver;
- `.bulk_update()` needs the field as a string;
- a call of the writer needs its name: a name, an attribute or an imported name.

A file that `ast` cannot parse returns `True`: libcst then parses it and reports the error.
"""

from __future__ import annotations

import ast
import re
from typing import Callable, Iterable

CREATE_METHODS = frozenset({"create", "get_or_create", "update_or_create"})
_KEYWORD_METHODS = CREATE_METHODS | {"update"}


def may_have_sites(
    text: str, *, fields: Iterable[str], writer: str, receiver_matches: Callable[[str], bool]
) -> bool:
    names = frozenset(fields)
    for match in _obvious_write(names).finditer(text):
        if receiver_matches(match["receiver"]):
            return True  # the common case in a file with sites: no need to parse it twice
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True

    def receiver_may_match(node: ast.expr) -> bool:
        segment = ast.get_source_segment(text, node)
        # libcst's receiver text keeps the parentheses around it, ast's does not.
        return segment is None or receiver_matches(segment) or receiver_matches(f"({segment})")

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr == writer:
                return True
            if node.attr in names and not isinstance(node.ctx, ast.Load) and receiver_may_match(node.value):
                return True
        elif isinstance(node, ast.Name):
            if node.id == writer:
                return True
        elif isinstance(node, ast.alias):
            if writer in (node.name.rpartition(".")[2], node.asname):
                return True
        elif isinstance(node, ast.Call):
            if _call_may_write(node, names, receiver_may_match):
                return True
    return False


def _call_may_write(node: ast.Call, names: frozenset[str], receiver_may_match: Callable[[ast.expr], bool]) -> bool:
    func = node.func
    if isinstance(func, ast.Name) and func.id == "setattr":
        if len(node.args) < 2:
            return False
        name = node.args[1]
        if isinstance(name, ast.Constant) and isinstance(name.value, str) and name.value not in names:
            return False  # a literal name of another attribute
        return receiver_may_match(node.args[0])
    if isinstance(func, ast.Attribute):
        if func.attr in _KEYWORD_METHODS:
            if any(keyword.arg in names for keyword in node.keywords):
                return True
            return _mentions_string(node, names)
        if func.attr == "bulk_update":
            return _mentions_string(node, names)
    return False


def _mentions_string(node: ast.Call, names: frozenset[str]) -> bool:
    return any(
        isinstance(inner, ast.Constant) and isinstance(inner.value, str) and inner.value in names
        for argument in (*node.args, *(keyword.value for keyword in node.keywords))
        for inner in ast.walk(argument)
    )


_PATTERNS: dict[frozenset[str], re.Pattern[str]] = {}


def _obvious_write(names: frozenset[str]) -> re.Pattern[str]:
    """`receiver.field =` on one line, the receiver a plain dotted name."""
    pattern = _PATTERNS.get(names)
    if pattern is None:
        alternatives = "|".join(re.escape(name) for name in sorted(names))
        pattern = re.compile(
            rf"(?<![\w.)\]])(?P<receiver>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.(?:{alternatives})[ \t]*=(?!=)"
        )
        _PATTERNS[names] = pattern
    return pattern
