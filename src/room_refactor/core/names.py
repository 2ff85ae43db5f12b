"""Qualified names from a module's own imports: `@atomic` is `django.db.transaction.atomic`
only when the module imported it so. Cheaper than libcst's QualifiedNameProvider, which
resolves every name in the module; we resolve only the few we ask about."""

from __future__ import annotations

import libcst as cst

ATOMIC = "django.db.transaction.atomic"
ON_COMMIT = "django.db.transaction.on_commit"
TRANSACTION = "django.db.transaction"
METHOD_DECORATOR = "django.utils.decorators.method_decorator"
API_VIEW = "rest_framework.decorators.api_view"
ACTION = "rest_framework.decorators.action"
REQUIRE_HTTP_METHODS = "django.views.decorators.http.require_http_methods"
REQUIRE_FIXED = {
    "django.views.decorators.http.require_POST": ("POST",),
    "django.views.decorators.http.require_GET": ("GET",),
    "django.views.decorators.http.require_safe": ("GET", "HEAD"),
}
# Names a star import from these modules is known to bring in.
_STAR_EXPORTS = {
    "django.db": ("transaction", "models"),
    "django.db.transaction": ("atomic", "on_commit"),
    "rest_framework.decorators": ("api_view", "action", "permission_classes"),
    "django.views.decorators.http": ("require_POST", "require_GET", "require_safe", "require_http_methods"),
}


def dotted(node: cst.BaseExpression) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    # By class (no node class derives from these two): isinstance on libcst's classes goes
    # through ABCMeta's __instancecheck__, and this runs for most calls and attributes.
    parts: list[str] = []
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)
        node = node.value
    if type(node) is cst.Name:
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


def target_leaves(target: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What an assignment target stores to, through tuples, lists and `*`: `a, (b.c, *d)` gives
    `a`, `b.c` and `d`."""
    kind = type(target)
    if kind is cst.Tuple or kind is cst.List:
        return [leaf for element in target.elements for leaf in target_leaves(element.value)]  # type: ignore[attr-defined]
    if kind is cst.StarredElement:
        return target_leaves(target.value)  # type: ignore[attr-defined]
    return [target]


def bound_names(target: cst.BaseExpression) -> list[str]:
    """The names an assignment target binds."""
    return [leaf.value for leaf in target_leaves(target) if type(leaf) is cst.Name]


def import_module_text(node: cst.ImportFrom) -> str:
    base = dotted(node.module) if node.module is not None else ""
    return "." * len(node.relative) + (base or "")


def absolute_module(module_text: str, current: str, *, is_package: bool) -> str:
    """Resolve `..x.y` against the dotted name of the importing module."""
    level = len(module_text) - len(module_text.lstrip("."))
    if level == 0:
        return module_text
    rest = module_text[level:]
    parts = current.split(".") if current else []
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        parts = parts[: len(parts) - (level - 1)] if level - 1 <= len(parts) else []
    return ".".join([*parts, rest] if rest else parts)


class ImportTable:
    """Local name -> qualified name, from every import statement in the module."""

    def __init__(self, *, module: str = "", is_package: bool = False) -> None:
        self.names: dict[str, str] = {}
        self.module = module
        self.is_package = is_package

    def add(self, node: cst.Import | cst.ImportFrom) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted(alias.name) or ""
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.names[alias.asname.name.value] = full
                else:
                    head = full.split(".")[0]
                    self.names[head] = head
            return
        source = absolute_module(import_module_text(node), self.module, is_package=self.is_package)
        if isinstance(node.names, cst.ImportStar):
            for name in _STAR_EXPORTS.get(source, ()):
                self.names[name] = f"{source}.{name}"
            return
        for alias in node.names:
            name = dotted(alias.name) or ""
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.names[local] = f"{source}.{name}" if source else name

    def qualify(self, node: cst.BaseExpression) -> str | None:
        text = dotted(node)
        if text is None:
            return None
        head, _, rest = text.partition(".")
        resolved = self.names.get(head)
        if resolved is None:
            return text
        return f"{resolved}.{rest}" if rest else resolved

    def local_name_for(self, qualified: str) -> str | None:
        """A name already bound to `qualified` in this module, if any."""
        for local, full in self.names.items():
            if full == qualified:
                return local
        return None


def callee(node: cst.BaseExpression) -> cst.BaseExpression:
    """The decorator's function: `atomic` for `@atomic` and for `@atomic(using="x")`."""
    return node.func if type(node) is cst.Call else node


def is_atomic(node: cst.BaseExpression, imports: ImportTable) -> bool:
    return imports.qualify(callee(node)) == ATOMIC


def literal_text(literal: str) -> str | None:
    """The value of a string literal's source text, when reading it needs no evaluation: a plain,
    `u` or raw literal whose text holds no escape and no carriage return. None otherwise.

    `SimpleString.evaluated_value` compiles the literal (`ast.literal_eval`), which is most of what
    the analysis spends on field names spelled as strings.
    """
    start = 0
    while start < len(literal) and literal[start] not in "'\"":
        start += 1
    prefix = literal[:start].lower()
    if prefix not in ("", "u", "r"):
        return None
    quote = literal[start : start + 3] if literal[start : start + 3] in ('"""', "'''") else literal[start : start + 1]
    if not quote or len(literal) < start + 2 * len(quote):
        return None
    body = literal[start + len(quote) : len(literal) - len(quote)]
    if "\r" in body or (prefix != "r" and "\\" in body):
        return None
    return body


def string_value(node: cst.BaseExpression) -> str | None:
    """The value of a plain string literal (no f-strings), else None."""
    if isinstance(node, cst.SimpleString):
        text = literal_text(node.value)
        if text is not None:
            return text
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        joined = node.evaluated_value
        return joined if isinstance(joined, str) else None
    return None


def string_list(node: cst.BaseExpression) -> list[str] | None:
    """["a", "b"] / ("a",) / {"a"} of plain strings, else None."""
    if not isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return None
    out = []
    for element in node.elements:
        if not isinstance(element, cst.Element):
            return None
        value = string_value(element.value)
        if value is None:
            return None
        out.append(value)
    return out
