"""Implicit write paths in one call: writes of the state fields that no direct write site shows.

- `serializer-save`: `serializer.save(room_status=...)` on a serializer of the model (or of
  unknown type, when no other model declares the field);
- `bulk-create`: `Room.objects.bulk_create([...])`: rows inserted with whatever state they carry;
- `constructor`: `Room(room_status=...)` or `Room(**data)`: an instance born with a state, saved
  later;
- `update-kwargs`: `.update(**changes)`, `.create(**data)`, `defaults=changes` on a queryset of the
  model: keys that are not literal may be the fields;
- `related-manager`: `update` / `create` / `get_or_create` / `update_or_create` / `bulk_create`
  through a related manager (`building.rooms.update(room_status=...)`): rows of the model written
  from another object (the call is also a site when it names a field);
- `raw-sql`: `cursor.execute(...)`, `.raw(...)`, `RawSQL(...)`, `.extra(...)` with SQL that names
  the model's table and a field's column: a write (UPDATE / INSERT / MERGE) goes around the
  writer, a read decides on rows that no lock protects.

The class-level paths (serializers, forms, edit views and admin classes that expose the fields)
come from the model index (`core.model_index.Exposure`). Pure: libcst nodes in, tuples out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import libcst as cst

from room_refactor.core import names as n
from room_refactor.core.model_index import ModelIndex
from room_refactor.core.receiver_types import Typer

_SQL_CALLS = frozenset({"execute", "executemany", "raw", "extra"})
_SQL_WRITE = re.compile(r"\b(?:UPDATE|INSERT\s+INTO|MERGE\s+INTO|REPLACE\s+INTO)\b", re.IGNORECASE)
_KWARG_METHODS = frozenset({"update", "create", "get_or_create", "update_or_create", "bulk_create"})


@dataclass(frozen=True)
class Found:
    kind: str
    model: str
    fields: tuple[str, ...]
    detail: str
    fix: str


def _literal_sql(node: cst.BaseExpression, strings: dict[str, str]) -> str | None:
    if isinstance(node, cst.Name):
        return strings.get(node.value)
    value = n.string_value(node)
    if value is not None:
        return value
    if isinstance(node, cst.FormattedString):
        return "".join(part.value for part in node.parts if isinstance(part, cst.FormattedStringText))
    return None


def _sql_arguments(node: cst.Call, strings: dict[str, str]) -> list[str]:
    """The literal SQL a call passes: positional arguments, and `.extra()`'s where/select/tables."""
    found: list[str] = []
    for arg in node.args:
        value = arg.value
        if isinstance(value, (cst.List, cst.Tuple)):
            found.extend(s for e in value.elements if isinstance(e, cst.Element) and (s := _literal_sql(e.value, strings)))
        elif isinstance(value, cst.Dict):
            found.extend(
                s for e in value.elements if isinstance(e, cst.DictElement) and (s := _literal_sql(e.value, strings))
            )
        else:
            sql = _literal_sql(value, strings)
            if sql is not None:
                found.append(sql)
    return found


def call_path(
    node: cst.Call,
    *,
    typer: Typer,
    index: ModelIndex,
    fields: Sequence[str],
    writer: str,
    strings: dict[str, str],
) -> Found | None:
    """The implicit write path this call opens, if any."""
    func = node.func
    keywords = [a.keyword.value for a in node.args if a.keyword is not None]
    literal_fields = tuple(f for f in fields if f in keywords)
    star_kwargs = any(a.star == "**" for a in node.args)
    method = func.attr.value if type(func) is cst.Attribute else None

    sql_call = method in _SQL_CALLS or (n.dotted(func) or "").rpartition(".")[2] == "RawSQL"
    if sql_call and index.db_tables:
        for sql in _sql_arguments(node, strings):
            for model, table in index.db_tables.items():
                if re.search(rf"(?<![\w.]){re.escape(table)}(?!\w)", sql, re.IGNORECASE) is None:
                    continue
                named = tuple(f for f in fields if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", sql))
                if named:
                    shown = " ".join(sql.split())
                    shown = shown[:80] + ("..." if len(shown) > 80 else "")
                    if _SQL_WRITE.search(sql):
                        return Found("raw-sql", model, named, shown,
                                     f"write through {writer}() row by row, or lock the rows (select_for_update) in the same transaction")
                    return Found("raw-sql", model, named, f"reads: {shown}",
                                 "a decision on these rows is not locked: read them with select_for_update() "
                                 "in the transaction that writes")
        return None

    if type(func) is cst.Attribute and method is not None:
        owner = typer.infer(func.value)
        if owner is None:
            return None
        if method == "save" and owner.kind == "serializer" and index.is_target(owner.cls) and literal_fields:
            return Found("serializer-save", owner.cls, literal_fields, f"save({', '.join(f + '=...' for f in literal_fields)})",
                         f"save without {', '.join(literal_fields)}, then call {writer}() on serializer.instance")
        if owner.kind != "queryset" or not index.is_target(owner.cls) or method not in _KWARG_METHODS:
            return None
        related = owner.typed_by == "fk"
        if related:  # a related manager: rows of the model written from another object
            shown = f"{n.dotted(func) or method}(...)"
            return Found("related-manager", owner.cls, literal_fields, shown,
                         f"write {', '.join(fields)} through {writer}() on each row")
        if method == "bulk_create":
            return Found("bulk-create", owner.cls, (), "bulk_create(...)",
                         f"create the rows in their initial state; later changes through {writer}()")
        dynamic_defaults = any(
            a.keyword is not None and a.keyword.value in ("defaults", "create_defaults") and not isinstance(a.value, cst.Dict)
            for a in node.args
        )
        if star_kwargs or dynamic_defaults:
            shown = f"{method}(**...)" if star_kwargs else f"{method}(defaults=...)"
            return Found("update-kwargs", owner.cls, (), shown,
                         f"take {', '.join(fields)} out of the keys and write them through {writer}()")
        return None

    target = typer.infer(func)
    if target is not None and target.kind == "class" and index.is_target(target.cls) and (literal_fields or star_kwargs):
        shown = ", ".join(f"{f}=..." for f in literal_fields) or "**..."
        return Found("constructor", target.cls, literal_fields, f"{target.cls.rpartition('.')[2]}({shown})",
                     "an instance created with a state: initial state, saved by the code that follows")
    return None
