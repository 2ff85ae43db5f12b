"""The transaction isolation level a Django project configures, read from its settings
statically (ast; the project is never imported).

The writer and the lock helper lock a row and then read it again: that is right under READ
COMMITTED, Django's default on PostgreSQL, MySQL and Oracle, where the locked read sees the
latest committed row. Under REPEATABLE READ or SERIALIZABLE, PostgreSQL refuses to lock a row
that another transaction changed since this one took its snapshot (a serialization failure,
an HTTP 500 unless the request is retried). Pure: source text in, facts out.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

READ_COMMITTED = "READ COMMITTED"
_LEVELS = {
    "READ_UNCOMMITTED": "READ UNCOMMITTED",
    "READ_COMMITTED": READ_COMMITTED,
    "REPEATABLE_READ": "REPEATABLE READ",
    "SERIALIZABLE": "SERIALIZABLE",
}


@dataclass(frozen=True)
class Isolation:
    alias: str  # the DATABASES key
    level: str  # READ COMMITTED, REPEATABLE READ, SERIALIZABLE, or the source text when unknown
    line: int

    @property
    def holds(self) -> bool:
        """Whether the writer's assumption (READ COMMITTED or weaker) holds."""
        return self.level in (READ_COMMITTED, "READ UNCOMMITTED")


def settings_module(text: str) -> str | None:
    """The `DJANGO_SETTINGS_MODULE` that a manage.py sets by default, or a pyproject.toml's
    pytest-django section names."""
    found = re.search(r"""DJANGO_SETTINGS_MODULE['"]?\s*[,=:]\s*['"]([\w.]+)['"]""", text)
    return found.group(1) if found else None


def isolation_levels(source: str) -> list[Isolation]:
    """Every `isolation_level` the settings give a database in `OPTIONS`, literal dicts and
    `DATABASES["default"]["OPTIONS"]["isolation_level"] = ...` assignments alike."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    found: list[Isolation] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == "DATABASES":
                    found.extend(_from_databases(node.value))
                path = _subscript_path(target)
                if path and path[0] == "DATABASES":
                    found.extend(_from_path(path[1:], node.value, node.lineno))
    return found


def _from_databases(value: ast.expr) -> list[Isolation]:
    out: list[Isolation] = []
    if not isinstance(value, ast.Dict):
        return out
    for key, database in zip(value.keys, value.values):
        alias = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else "?"
        options = _dict_item(database, "OPTIONS")
        level = _dict_item(options, "isolation_level") if options is not None else None
        if level is not None:
            out.append(Isolation(alias, _level(level), level.lineno))
    return out


def _from_path(path: list[str], value: ast.expr, line: int) -> list[Isolation]:
    # DATABASES["default"]["OPTIONS"]["isolation_level"] = X, or ["OPTIONS"] = {...}
    if len(path) == 3 and path[1:] == ["OPTIONS", "isolation_level"]:
        return [Isolation(path[0], _level(value), line)]
    if len(path) == 2 and path[1] == "OPTIONS":
        level = _dict_item(value, "isolation_level")
        return [Isolation(path[0], _level(level), line)] if level is not None else []
    if len(path) == 1:
        options = _dict_item(value, "OPTIONS")
        level = _dict_item(options, "isolation_level") if options is not None else None
        return [Isolation(path[0], _level(level), line)] if level is not None else []
    return []


def _subscript_path(node: ast.expr) -> list[str]:
    keys: list[str] = []
    while isinstance(node, ast.Subscript):
        if not (isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
            return []
        keys.append(node.slice.value)
        node = node.value
    if isinstance(node, ast.Name) and keys:
        return [node.id, *reversed(keys)]
    return []


def _dict_item(node: ast.expr | None, key: str) -> ast.expr | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        return next((kw.value for kw in node.keywords if kw.arg == key), None)
    if not isinstance(node, ast.Dict):
        return None
    for item_key, item_value in zip(node.keys, node.values):
        if isinstance(item_key, ast.Constant) and item_key.value == key:
            return item_value
    return None


def _level(node: ast.expr) -> str:
    """psycopg's IsolationLevel.X, psycopg2's ISOLATION_LEVEL_X, MySQL's "repeatable read"."""
    text = ast.unparse(node)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    normal = re.sub(r"[\s-]+", "_", text.upper())
    for key, level in _LEVELS.items():
        if normal.endswith(key):
            return level
    return text


def review_message(settings_path: str, isolation: Isolation) -> str:
    return (
        f"{settings_path}:{isolation.line} sets the {isolation.alias!r} database's isolation_level "
        f"to {isolation.level}: the writer and lock_*_rows() lock a row, then read it again, which "
        "assumes READ COMMITTED; under REPEATABLE READ or SERIALIZABLE, locking a row that another "
        "transaction changed since this one began raises a serialization failure (HTTP 500). Retry "
        "those transactions, or run them under READ COMMITTED"
    )
