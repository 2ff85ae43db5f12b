"""The second prefilter: can this file hold a write site or a call of the writer at all?

The byte prefilter keeps every file in which a field name occurs anywhere: in a comment, a
docstring, a longer identifier (`abstractmethod` for `abstract`), a read, a write on an object
that is not a room. Python's own parser (`ast`, written in C) answers the sharper question
several times faster than libcst parses, so libcst is spent only on files that can change the
report or the code.

The answer is conservative: `True` whenever the analysis (`core.analysis`) could find something,
`False` only when every kind of site is impossible:

- an attribute write needs `<receiver>.<field>` stored or deleted, on any receiver (its type is
  for the analysis to find);
- `setattr(<receiver>, name, value)` needs such a receiver, and a literal field name or a computed
  one (a `dynamic` site);
- `.update()`, `.create()`, `.get_or_create()`, `.update_or_create()` need the field as a keyword
  or as a string key (`defaults={...}`), on any receiver;
- `.bulk_update()` needs the field as a string;
- a call of the writer needs its name: a name, an attribute or an imported name;
- an implicit write path needs a call of the model (`Room(**data)`), `bulk_create`, `**kwargs` or
  `defaults=<not a dict>` in `update` / `create`, `save(<field>=...)`, or a string naming the
  model's table and a field.

A file that `ast` cannot parse returns `True`: libcst then parses it and reports the error.
"""

from __future__ import annotations

import ast
import re
from typing import Callable, Iterable

CREATE_METHODS = frozenset({"create", "get_or_create", "update_or_create"})
_KEYWORD_METHODS = CREATE_METHODS | {"update"}


def may_have_sites(
    text: str, *, fields: Iterable[str], writer: str, model: str = "", tables: Iterable[str] = ()
) -> bool:
    names = frozenset(fields)
    if _obvious_write(names).search(text) is not None:
        return True  # the common case in a file with sites: no need to parse it twice
    table_names = tuple(tables)
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True

    def receiver_may_match(node: ast.expr) -> bool:
        return True  # any receiver may be typed as the model

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr == writer:
                return True
            if node.attr in names and not isinstance(node.ctx, ast.Load):
                return True
        elif isinstance(node, ast.Name):
            if node.id == writer:
                return True
        elif isinstance(node, ast.alias):
            if writer in (node.name.rpartition(".")[2], node.asname):
                return True
        elif isinstance(node, ast.Call):
            if _call_may_write(node, names, receiver_may_match) or _implicit_call(node, model, names):
                return True
        elif isinstance(node, ast.Constant) and table_names and isinstance(node.value, str):
            if any(table in node.value for table in table_names) and any(f in node.value for f in names):
                return True  # raw SQL on the model's table that names a field
    return False


def _implicit_call(node: ast.Call, model: str, names: frozenset[str]) -> bool:
    """A call that can write the fields without naming them: `Model(**data)`, `bulk_create(...)`,
    `update(**changes)` / `create(**data)` / `defaults=changes`, `serializer.save(field=...)`."""
    func = node.func
    if isinstance(func, ast.Name):
        return bool(model) and func.id == model
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr == "bulk_create" or (model and func.attr == model):
        return True
    if func.attr == "save":
        return any(k.arg in names for k in node.keywords)
    if func.attr in _KEYWORD_METHODS:
        return any(k.arg is None or (k.arg in ("defaults", "create_defaults") and not isinstance(k.value, ast.Dict)) for k in node.keywords)
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
    """`receiver.field =` on one line."""
    pattern = _PATTERNS.get(names)
    if pattern is None:
        alternatives = "|".join(re.escape(name) for name in sorted(names))
        pattern = re.compile(
            rf"(?<![\w.)\]])(?P<receiver>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.(?:{alternatives})[ \t]*=(?!=)"
        )
        _PATTERNS[names] = pattern
    return pattern
