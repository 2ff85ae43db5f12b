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
    text: str,
    *,
    fields: Iterable[str],
    writer: str,
    model: str = "",
    tables: Iterable[str] = (),
    self_classes: frozenset[str] | None = None,
    receiver_matches: Callable[[str], bool] | None = None,
) -> bool:
    """`self_classes`: the names of the classes whose `self` can be the model (the targets and
    their abstract bases, from the model index); `self.<field> = ...` in any other class's method
    is a write on another object. None when that is not known: every `self` counts.

    `receiver_matches`: given when no receiver of this file can be typed as the model (the project
    does not define it and the file never names it): an attribute write then counts only on a
    receiver the `receivers` setting accepts, as the analysis decides."""
    names = frozenset(fields)
    for match in _obvious_write(names).finditer(text):
        receiver = match["receiver"]
        if receiver_matches is not None and not receiver_matches(receiver):
            continue
        if self_classes is None or receiver.partition(".")[0] != "self":
            return True  # the common case in a file with sites: no need to parse it twice
    table_names = tuple(tables)
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True

    def receiver_may_match(node: ast.expr) -> bool:
        if receiver_matches is None:
            return True  # any receiver may be typed as the model
        segment = ast.get_source_segment(text, node)
        # libcst's receiver text keeps the parentheses around it, ast's does not.
        return segment is None or receiver_matches(segment) or receiver_matches(f"({segment})")

    # (node, the name `self` has there when it is another class's instance, else None)
    stack: list[tuple[ast.AST, str | None]] = [(tree, None)]
    while stack:
        node, foreign_self = stack.pop()
        if isinstance(node, ast.ClassDef):
            owns = self_classes is None or node.name in self_classes
            for member in node.body:
                positional = [*member.args.posonlyargs, *member.args.args] if isinstance(
                    member, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
                if positional and not owns:
                    assert isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef))
                    # A method of another class: its body, with `self` known to be that class's.
                    stack.extend((statement, positional[0].arg) for statement in member.body)
                    stack.extend((expression, None) for expression in (*member.decorator_list, *member.args.defaults))
                else:
                    stack.append((member, None))
            for expression in (*node.bases, *node.keywords, *node.decorator_list):
                stack.append((expression, foreign_self))
            continue
        if isinstance(node, ast.Attribute):
            if node.attr == writer:
                return True
            if node.attr in names and not isinstance(node.ctx, ast.Load):
                receiver = node.value
                if not (isinstance(receiver, ast.Name) and receiver.id == foreign_self) and receiver_may_match(receiver):
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
            if receiver_matches is None and _implicit_call(node, model, names):
                return True  # (no implicit path where nothing can be typed as the model)
        elif isinstance(node, ast.Constant) and table_names and isinstance(node.value, str):
            if any(table in node.value for table in table_names) and any(f in node.value for f in names):
                return True  # raw SQL on the model's table that names a field
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and foreign_self is not None:
            params = node.args
            if any(a.arg == foreign_self for a in (*params.posonlyargs, *params.args, *params.kwonlyargs)):
                foreign_self = None  # a nested function's own parameter of that name
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.For)) and foreign_self:
            if foreign_self in _bound(_targets(node)):
                return True  # `self` rebound: no longer known; let the analysis decide
        for child in ast.iter_child_nodes(node):
            stack.append((child, foreign_self))
    return False


def _bound(target: ast.AST) -> set[str]:
    """The names an assignment target binds (not the names inside `a.b` or `a[i]`)."""
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, (ast.Tuple, ast.List)):
        return {name for element in target.elts for name in _bound(element)}
    if isinstance(target, ast.Starred):
        return _bound(target.value)
    return set()


def _targets(node: ast.AST) -> ast.AST:
    if isinstance(node, ast.Assign):
        return ast.Tuple(elts=list(node.targets), ctx=ast.Store())
    if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.For)):
        return node.target
    return node


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


# -- names of field-name collections -----------------------------------------------------------

_COLLECTION = re.compile(
    rb"(?m)^[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:(?:frozenset|set|tuple|list)\([ \t]*)?"
    rb"[\(\[\{](?P<body>[^\)\]\}]*)[\)\]\}]"
)


def field_collections(data: bytes, fields: Iterable[str]) -> set[bytes]:
    """Names bound to a literal collection of strings that holds a state field's name:
    `STATE_FIELDS = ("unread", "deleted")`, `FIELDS: tuple[str, ...] = ["status"]`.

    A module that loops over such a name (`for name in STATE_FIELDS: setattr(obj, name, v)`)
    never spells a field, so the byte prefilter would skip it; the names found here, in the
    modules that do spell the fields, widen the prefilter for it. Conservative (a superset):
    a name found here only makes a file be looked at."""
    found: set[bytes] = set()
    quoted = [(b'"' + name.encode() + b'"', b"'" + name.encode() + b"'") for name in fields]
    for match in _COLLECTION.finditer(data):
        body = match["body"]
        if any(double in body or single in body for double, single in quoted):
            found.add(match["name"])
    return found
