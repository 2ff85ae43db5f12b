"""The model index: what a Django engineer knows about a project's models before reading a write.

Built once per run from the project's sources with Python's own parser (`ast`), and only from
the files that can matter (`needles`): the ones that spell the state fields, the configured
model's class name, or the name of a class learnt to relate to it (a model with a ForeignKey to
the model, then a model with a ForeignKey to that one, and so on). Pure: it takes
`(module name, source, is_package)` triples and returns a picklable `ModelIndex`.

What it records:

- every class with the state fields (Django model fields, dataclass / annotated attributes,
  attributes set in `__init__`), abstract bases and mixins included, and which concrete models
  inherit the configured fields: the *target* models;
- every ForeignKey / OneToOneField / ManyToManyField, by class reference or `"app.Model"` /
  `"Model"` / `"self"` string, with its reverse accessor (`related_name`, else Django's
  default `<model>_set` or `<model>` for a one-to-one);
- custom managers and querysets (`objects = RoomManager()`, `RoomQuerySet.as_manager()`,
  `Manager.from_queryset(...)`), `Meta.db_table` (or Django's default table name);
- classes that work on a model: ModelSerializers and ModelForms (`Meta.model`), generic views
  and DRF views (`model`, `queryset`), admin classes (`@admin.register`, `site.register`),
  with the attributes that decide which fields they expose;
- signal receivers registered with `sender=` (decorator or `.connect`), and module-level
  functions that return an instance of a model (annotation or `return Model.objects.get(...)`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

DJANGO_MODEL_BASES = frozenset({"django.db.models.Model", "django.db.models.base.Model"})
RELATION_FIELDS = {"ForeignKey": "fk", "OneToOneField": "o2o", "ManyToManyField": "m2m", "ParentalKey": "fk"}
_SAVING_SIGNALS = frozenset({"pre_save"})
MANAGER_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager"})
# Queryset methods that return one instance, and the two that return (instance, created).
INSTANCE_METHODS = frozenset({"get", "first", "last", "latest", "earliest", "create"})
TUPLE_METHODS = frozenset({"get_or_create", "update_or_create", "aget_or_create", "aupdate_or_create"})
ASYNC_INSTANCE_METHODS = frozenset({"aget", "afirst", "alast", "alatest", "aearliest", "acreate"})
# Django's queryset methods that return a queryset of the same model (a manager has them too).
QUERYSET_CHAIN = frozenset({
    "all", "filter", "exclude", "annotate", "alias", "order_by", "reverse", "distinct", "select_related",
    "prefetch_related", "defer", "only", "using", "select_for_update", "none", "union", "intersection",
    "difference", "extra", "complex_filter", "get_queryset", "raw",
})
# Base classes by the kind of class they make. Matched on the last dotted component, after the
# module's imports resolved it, so `serializers.ModelSerializer` and an imported alias both count.
_SERIALIZER_BASES = frozenset({"ModelSerializer", "HyperlinkedModelSerializer"})
_FORM_BASES = frozenset({"ModelForm"})
_EDIT_VIEW_BASES = frozenset({"CreateView", "UpdateView", "FormView", "ModelFormMixin", "BaseCreateView", "BaseUpdateView"})
_ADMIN_BASES = frozenset({"ModelAdmin", "TabularInline", "StackedInline", "InlineModelAdmin", "GenericTabularInline", "GenericStackedInline"})
_NON_DATA_BASES = _SERIALIZER_BASES | _FORM_BASES | _ADMIN_BASES | frozenset(
    {"Serializer", "Form", "BaseForm", "FilterSet", "Field", "Enum", "TextChoices", "IntegerChoices", "Choices"}
)


@dataclass(frozen=True)
class Relation:
    """One end of a relation, seen from the model that has the accessor."""

    target: str  # the model it leads to
    many: bool  # a related manager (reverse FK, M2M) rather than one instance
    reverse: bool = False


@dataclass(frozen=True)
class Exposure:
    """A class that lets users set the model's fields without the writer: a ModelSerializer,
    a ModelForm, a generic edit view or an admin class."""

    module: str
    qualname: str  # Class or Outer.Class
    line: int
    kind: str  # "serializer" | "form" | "edit-view" | "admin"
    model: str
    fields: tuple[str, ...]  # the state fields it exposes
    how: str  # '"__all__"', 'fields', 'exclude', 'list_editable', 'default form'
    fix: str  # the exact change that closes it


@dataclass(frozen=True)
class ModelIndex:
    """Everything typing and the implicit-path checks ask about, resolved and picklable."""

    fields: tuple[str, ...] = ()
    targets: frozenset[str] = frozenset()  # concrete models that are "the model"
    # abstract models and mixins whose every concrete descendant is a target (`self` in them)
    target_bases: frozenset[str] = frozenset()
    models: frozenset[str] = frozenset()  # every Django model class found (abstract ones too)
    classes: frozenset[str] = frozenset()  # every class found, by qualified name
    # field -> the classes other than the targets (and their bases) that declare it
    other_owners: dict[str, tuple[str, ...]] = field(default_factory=dict)
    relations: dict[str, dict[str, Relation]] = field(default_factory=dict)
    managers: dict[str, str] = field(default_factory=dict)  # manager/queryset class -> model
    manager_attributes: dict[str, frozenset[str]] = field(default_factory=dict)  # model -> names
    # model -> custom manager/queryset method -> "instance" / "queryset" (what its returns give)
    manager_methods: dict[str, dict[str, str]] = field(default_factory=dict)
    returns: dict[str, str] = field(default_factory=dict)  # module.function -> model
    signal_receivers: dict[str, str] = field(default_factory=dict)  # module.function -> sender
    admin_actions: dict[str, str] = field(default_factory=dict)  # module.function -> model
    saving_receivers: frozenset[str] = frozenset()  # pre_save receivers: their instance is being saved
    class_models: dict[str, tuple[str, str]] = field(default_factory=dict)  # class -> (kind, model)
    init_attributes: dict[str, dict[str, str]] = field(default_factory=dict)  # class -> attr -> class
    db_tables: dict[str, str] = field(default_factory=dict)  # target model -> table
    exposures: tuple[Exposure, ...] = ()
    bases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # class -> resolved bases

    @property
    def built(self) -> bool:
        return bool(self.classes)

    def is_target(self, qualname: str) -> bool:
        return qualname in self.targets or qualname in self.target_bases

    @property
    def has_model(self) -> bool:
        """Whether the project defines the configured model: only then can an untyped receiver
        be the model by elimination (no other model declares the field)."""
        return bool(self.targets & self.classes or self.target_bases)

    @property
    def self_classes(self) -> frozenset[str]:
        """The names of the classes whose `self` can be the model (the prefilter's question)."""
        return frozenset(name.rpartition(".")[2] for name in (*self.targets, *self.target_bases))

    def is_model(self, qualname: str) -> bool:
        return qualname in self.models

    def ancestors(self, qualname: str) -> Iterator[str]:
        """The class and its bases that the index knows, nearest first."""
        seen: set[str] = set()
        stack = [qualname]
        while stack:
            current = stack.pop(0)
            if current in seen:
                continue
            seen.add(current)
            yield current
            stack.extend(self.bases.get(current, ()))

    def kind_of_class(self, qualname: str) -> tuple[str, str] | None:
        """("serializer" | "form" | "view" | "admin" | "manager", model) for a class that works on
        a model, looking through its bases."""
        for current in self.ancestors(qualname):
            found = self.class_models.get(current)
            if found is not None:
                return found
        return None

    def relation(self, model: str, attribute: str) -> Relation | None:
        for current in self.ancestors(model):
            found = self.relations.get(current, {}).get(attribute)
            if found is not None:
                return found
        return None

    def is_manager_attribute(self, model: str, attribute: str) -> bool:
        if attribute in MANAGER_ATTRIBUTES:
            return True
        return any(attribute in self.manager_attributes.get(current, ()) for current in self.ancestors(model))

    def shared_field_owners(self, field_name: str) -> tuple[str, ...]:
        return self.other_owners.get(field_name, ())


# -- per module ---------------------------------------------------------------------------------


@dataclass
class _Class:
    module: str
    qualname: str  # Class or Outer.Class inside the module
    line: int
    bases: list[str]  # resolved dotted names
    decorators: list[str]
    attributes: set[str] = field(default_factory=set)  # declared data attributes (fields)
    model_fields: set[str] = field(default_factory=set)  # Django Field() assignments
    relations: list[tuple[str, str, str | None, str]] = field(default_factory=list)  # (name, target ref, related_name, kind)
    managers: dict[str, str] = field(default_factory=dict)  # attribute -> manager/queryset class ref
    meta: dict[str, ast.expr] = field(default_factory=dict)
    values: dict[str, ast.expr] = field(default_factory=dict)  # class-level simple assignments
    init_attributes: dict[str, str] = field(default_factory=dict)  # self.x -> class ref from an annotation
    registered_models: list[str] = field(default_factory=list)  # @admin.register(Model, ...)
    queryset_of: str | None = None  # Manager.from_queryset(QS) -> QS
    method_returns: dict[str, str] = field(default_factory=dict)  # method -> "instance" / "queryset"

    @property
    def full(self) -> str:
        return f"{self.module}.{self.qualname}" if self.module else self.qualname


@dataclass
class _Module:
    name: str
    imports: dict[str, str]
    classes: list[_Class]
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]
    registrations: list[tuple[str, str | None]]  # (model ref, admin class ref) from site.register
    connections: list[tuple[str, str, str]]  # (function ref, sender ref, signal) from signal.connect
    defined: set[str]


def _absolute(module_text: str, level: int, current: str, is_package: bool) -> str:
    if level == 0:
        return module_text
    parts = current.split(".") if current else []
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        parts = parts[: max(0, len(parts) - (level - 1))]
    return ".".join([*parts, module_text] if module_text else parts)


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


class _Resolver:
    def __init__(self, module: str, imports: dict[str, str], defined: set[str]) -> None:
        self.module = module
        self.imports = imports
        self.defined = defined

    def name(self, node: ast.expr) -> str | None:
        text = _dotted(node)
        if text is None:
            return None
        return self.text(text)

    def text(self, text: str) -> str:
        head, _, rest = text.partition(".")
        if head in self.defined:
            resolved = f"{self.module}.{head}" if self.module else head
        else:
            resolved = self.imports.get(head, head)
        return f"{resolved}.{rest}" if rest else resolved


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _string(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _strings(node: ast.expr | None) -> tuple[str, ...] | None:
    """A literal list/tuple/set of strings (fieldsets' nested tuples flattened), else None."""
    if node is None:
        return None
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        out: list[str] = []
        for element in node.elts:
            value = _string(element)
            if value is not None:
                out.append(value)
                continue
            nested = _strings(element)
            if nested is None:
                return None
            out.extend(nested)
        return tuple(out)
    return None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _field_call_kind(call: ast.Call, resolver: _Resolver) -> str | None:
    """"fk"/"o2o"/"m2m" for a relation field, "field" for another model field, else None."""
    dotted = resolver.name(call.func)
    if dotted is None:
        return None
    last = dotted.rpartition(".")[2]
    if last in RELATION_FIELDS:
        return RELATION_FIELDS[last]
    if last.endswith("Field") and not last.startswith("Serializer"):
        return "field"
    return None


def _read_module(name: str, source: str, is_package: bool) -> _Module | None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    imports: dict[str, str] = {}
    defined: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            defined.add(statement.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imports[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    imports.setdefault(head, head)
        elif isinstance(node, ast.ImportFrom):
            source_module = _absolute(node.module or "", node.level, name, is_package)
            for alias in node.names:
                if alias.name == "*":
                    continue
                imports[alias.asname or alias.name] = f"{source_module}.{alias.name}" if source_module else alias.name
    resolver = _Resolver(name, imports, defined)
    module = _Module(name, imports, [], {}, [], [], defined)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            _read_class(node, module, resolver, prefix="")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            module.functions[node.name] = node
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            _read_module_call(node.value, module, resolver)
    return module


def _read_module_call(call: ast.Call, module: _Module, resolver: _Resolver) -> None:
    func = call.func
    if not isinstance(func, ast.Attribute):
        if isinstance(func, ast.Name) and func.id == "register" and call.args:
            _register(call, module, resolver)
        return
    if func.attr == "register" and call.args:
        _register(call, module, resolver)
    elif func.attr == "connect" and call.args:
        sender = _keyword(call, "sender")
        target = resolver.name(call.args[0])
        sender_name = resolver.name(sender) if sender is not None else None
        if target is not None and sender_name is not None:
            module.connections.append((target, sender_name, (_dotted(func.value) or "").rpartition(".")[2]))


def _register(call: ast.Call, module: _Module, resolver: _Resolver) -> None:
    first = call.args[0]
    admin = resolver.name(call.args[1]) if len(call.args) > 1 else None
    models = first.elts if isinstance(first, (ast.List, ast.Tuple)) else [first]
    for model in models:
        resolved = resolver.name(model)
        if resolved is not None:
            module.registrations.append((resolved, admin))


def _read_class(node: ast.ClassDef, module: _Module, resolver: _Resolver, *, prefix: str) -> None:
    bases: list[str] = []
    queryset_of = None
    for base in node.bases:
        if isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute) and base.func.attr == "from_queryset":
            resolved = resolver.name(base.func.value)
            if resolved is not None:
                bases.append(resolved)
            if base.args:
                queryset_of = resolver.name(base.args[0])
            continue
        if isinstance(base, ast.Subscript):
            base = base.value
        resolved = resolver.name(base)
        if resolved is not None:
            bases.append(resolved)
    decorators: list[str] = []
    info = _Class(module.name, prefix + node.name, node.lineno, bases, decorators, queryset_of=queryset_of)
    for decorator in node.decorator_list:
        callee = decorator.func if isinstance(decorator, ast.Call) else decorator
        resolved = resolver.name(callee)
        if resolved is not None:
            decorators.append(resolved)
            if resolved.rpartition(".")[2] == "register" and isinstance(decorator, ast.Call):
                for argument in decorator.args:
                    model = resolver.name(argument)
                    if model is not None:
                        info.registered_models.append(model)
    for statement in node.body:
        if isinstance(statement, ast.ClassDef):
            if statement.name == "Meta":
                for inner in statement.body:
                    if isinstance(inner, ast.Assign):
                        for target in inner.targets:
                            if isinstance(target, ast.Name):
                                info.meta[target.id] = inner.value
            else:
                _read_class(statement, module, resolver, prefix=f"{info.qualname}.")
            continue
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    _read_class_value(info, target.id, statement.value, resolver)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            info.attributes.add(statement.target.id)
            if statement.value is not None:
                _read_class_value(info, statement.target.id, statement.value, resolver)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if statement.name == "__init__":
                _read_init(statement, info, resolver)
            returned = _method_returns(statement)
            if returned is not None:
                info.method_returns[statement.name] = returned
    module.classes.append(info)


def _method_returns(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """What a manager's or queryset's own method returns, read from its `return` statements:
    "instance" when each one (but `return None`) ends in `.get(...)`, `.first()` and the like
    (`return self.get(user=user, primary=True)`), "queryset" when each one ends in a queryset
    method (`return self.filter(...)`); None for anything else, or a mix."""
    kinds: set[str] = set()
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Return):
            value = node.value
            if value is None or (isinstance(value, ast.Constant) and value.value is None):
                continue
            if isinstance(value, ast.Await):
                value = value.value
            method = value.func.attr if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) else None
            if method in INSTANCE_METHODS or method in ASYNC_INSTANCE_METHODS:
                kinds.add("instance")
            elif method in QUERYSET_CHAIN:
                kinds.add("queryset")
            else:
                return None
            continue
        pending.extend(ast.iter_child_nodes(node))
    return kinds.pop() if len(kinds) == 1 else None


def _read_class_value(info: _Class, name: str, value: ast.expr, resolver: _Resolver) -> None:
    info.values[name] = value
    if not isinstance(value, ast.Call):
        return
    kind = _field_call_kind(value, resolver)
    if kind == "field":
        info.model_fields.add(name)
        info.attributes.add(name)
        return
    if kind is not None:
        target = value.args[0] if value.args else _keyword(value, "to")
        target_ref = _string(target) if target is not None else None
        if target_ref is None and target is not None:
            target_ref = resolver.name(target)
        related = _string(_keyword(value, "related_name"))
        if target_ref is not None:
            info.relations.append((name, target_ref, related, kind))
        info.model_fields.add(name)
        return
    # objects = RoomManager() / RoomQuerySet.as_manager() / Manager.from_queryset(QS)()
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr == "as_manager":
        manager = resolver.name(func.value)
    elif isinstance(func, ast.Call) and isinstance(func.func, ast.Attribute) and func.func.attr == "from_queryset":
        manager = resolver.name(func.args[0]) if func.args else None
    else:
        manager = resolver.name(func)
    if manager is not None and (manager.endswith("Manager") or manager.endswith("QuerySet") or "Manager" in manager or "QuerySet" in manager):
        info.managers[name] = manager


def _annotation_ref(node: ast.expr | None, resolver: _Resolver) -> str | None:
    """The class an annotation names: `Room`, `Optional[Room]`, `Room | None`, `"Room"`."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value.strip()
        match = re.fullmatch(r"(?:(?:typing\.)?Optional\[\s*([\w.]+)\s*\]|([\w.]+)(?:\s*\|\s*None)?|None\s*\|\s*([\w.]+))", text)
        if match is None:
            return None
        return resolver.text(next(group for group in match.groups() if group))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = node.left, node.right
        if isinstance(right, ast.Constant) and right.value is None:
            return _annotation_ref(left, resolver)
        if isinstance(left, ast.Constant) and left.value is None:
            return _annotation_ref(right, resolver)
        return None
    if isinstance(node, ast.Subscript):
        outer = resolver.name(node.value)
        if outer is not None and outer.rpartition(".")[2] == "Optional":
            return _annotation_ref(node.slice, resolver)
        return None
    return resolver.name(node)


def _read_init(function: ast.FunctionDef | ast.AsyncFunctionDef, info: _Class, resolver: _Resolver) -> None:
    annotated = {
        argument.arg: ref
        for argument in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)
        if (ref := _annotation_ref(argument.annotation, resolver)) is not None
    }
    for node in ast.walk(function):
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
            ref = _annotation_ref(node.annotation, resolver)
            if isinstance(node.target, ast.Attribute) and ref is not None:
                info.init_attributes[node.target.attr] = ref
        for target in targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                info.attributes.add(target.attr)
                if isinstance(value, ast.Name) and value.id in annotated:
                    info.init_attributes.setdefault(target.attr, annotated[value.id])


# -- the whole project ------------------------------------------------------------------------


def _app_label(module: str) -> str:
    parts = module.split(".")
    if "models" in parts:
        index = parts.index("models")
        return parts[index - 1] if index > 0 else parts[0]
    return parts[-2] if len(parts) > 1 else parts[0]


def _queryset_method_return(node: ast.expr, resolver: _Resolver, models: set[str]) -> str | None:
    """The model of `Model.objects....get(...)` / `get_object_or_404(Model, ...)`, else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name) or (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr == "get_object_or_404"):
        name = resolver.name(func)
        if name is not None and name.rpartition(".")[2] == "get_object_or_404" and node.args:
            first = node.args[0]
            while isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute):
                first = first.func.value
            if isinstance(first, ast.Attribute):
                first = first.value
            resolved = resolver.name(first)
            return resolved if resolved in models else None
        return None
    if not isinstance(func, ast.Attribute) or func.attr not in INSTANCE_METHODS | ASYNC_INSTANCE_METHODS:
        return None
    current: ast.expr = func.value
    while isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
        current = current.func.value
    if isinstance(current, ast.Attribute):
        resolved = resolver.name(current.value)
        return resolved if resolved in models else None
    return None


def build_index(
    modules: Iterable[tuple[str, str, bool]],
    *,
    model: str,
    fields: Sequence[str],
) -> ModelIndex:
    """The index of the given modules, for the configured model and fields."""
    read = [m for m in (_read_module(name, source, is_package) for name, source, is_package in modules) if m is not None]
    by_full: dict[str, _Class] = {}
    for module in read:
        for info in module.classes:
            by_full[info.full] = info
    short: dict[str, list[str]] = {}
    for full in by_full:
        short.setdefault(full.rpartition(".")[2], []).append(full)

    bases = {full: tuple(info.bases) for full, info in by_full.items()}

    def ancestors(full: str) -> list[str]:
        out: list[str] = []
        stack = [full]
        while stack:
            current = stack.pop(0)
            if current in out:
                continue
            out.append(current)
            stack.extend(bases.get(current, ()))
        return out

    def is_model(full: str) -> bool:
        return any(b in DJANGO_MODEL_BASES for a in ancestors(full) for b in bases.get(a, ()))

    models = {full for full in by_full if is_model(full)}
    abstract = {full for full in models if _is_true(by_full[full].meta.get("abstract"))}

    def resolve_ref(ref: str, owner: _Class) -> str | None:
        """A relation's target: a dotted class name, "app_label.Model", "Model" or "self"."""
        if ref == "self":
            return owner.full
        if ref in by_full:
            return ref
        if "." in ref:
            label, _, name = ref.rpartition(".")
            for candidate in short.get(name, ()):
                if candidate in models and _app_label(by_full[candidate].module) == label.rpartition(".")[2]:
                    return candidate
            return None
        same_app = [c for c in short.get(ref, ()) if c in models and _app_label(by_full[c].module) == _app_label(owner.module)]
        if same_app:
            return same_app[0]
        found = [c for c in short.get(ref, ()) if c in models]
        return found[0] if len(found) == 1 else None

    # Which class defines each configured field, for the configured model: its concrete
    # descendants that inherit that definition are the targets.
    def defines(full: str, name: str) -> bool:
        info = by_full.get(full)
        return info is not None and name in info.model_fields

    targets: set[str] = set()
    definers: set[str] = set()
    if model in by_full:
        for name in fields:
            for ancestor in ancestors(model):
                if defines(ancestor, name):
                    definers.add(ancestor)
                    break
        if not definers:
            definers.add(model)
        for full in models:
            if full in abstract:
                continue
            if any(d in ancestors(full) for d in definers):
                targets.add(full)
        if model not in abstract:
            targets.add(model)
    else:
        targets.add(model)

    target_bases: set[str] = set()
    for full in abstract:
        descendants = [c for c in models if c not in abstract and c != full and full in ancestors(c)]
        if descendants and all(c in targets for c in descendants):
            target_bases.add(full)
    # The other models that define a field of the same name: an untyped receiver may be one of
    # them (a dataclass or a plain class is told apart only when its type is known).
    target_lineage = {a for t in targets for a in ancestors(t)}
    other_owners: dict[str, list[str]] = {}
    for full in models:
        if full in target_lineage or full in abstract and any(full in ancestors(t) for t in targets):
            continue
        inherited = {name for a in ancestors(full) if a in by_full for name in by_full[a].model_fields}
        for name in fields:
            if name in inherited:
                other_owners.setdefault(name, []).append(full)

    # Relations, both ways; a relation on an abstract model belongs to each concrete child.
    relations: dict[str, dict[str, Relation]] = {}
    for full in models:
        info = by_full[full]
        for name, ref, related, kind in info.relations:
            target = resolve_ref(ref, info)
            if target is None:
                continue
            relations.setdefault(full, {})[name] = Relation(target, many=kind == "m2m")
            owners = [c for c in models if c not in abstract and full in ancestors(c)] if full in abstract else [full]
            for owner in owners:
                owner_name = owner.rpartition(".")[2].lower()
                if related == "+" or (related or "").endswith("+"):
                    continue
                accessor = related.replace("%(class)s", owner_name).replace(
                    "%(app_label)s", _app_label(by_full[owner].module)
                ) if related else (owner_name if kind == "o2o" else f"{owner_name}_set")
                relations.setdefault(target, {})[accessor] = Relation(owner, many=kind != "o2o", reverse=True)

    managers: dict[str, str] = {}
    manager_attributes: dict[str, set[str]] = {}
    for full in models:
        for attribute, ref in by_full[full].managers.items():
            resolved = ref if ref in by_full else next((c for c in short.get(ref.rpartition(".")[2], ())), ref)
            managers[resolved] = full
            manager_attributes.setdefault(full, set()).add(attribute)
            manager = by_full.get(resolved)
            if manager is not None and manager.queryset_of is not None:
                managers[manager.queryset_of] = full

    class_models: dict[str, tuple[str, str]] = {}
    for manager_name, owner in managers.items():
        class_models[manager_name] = ("manager", owner)
    # The custom methods of each model's managers and querysets that return an instance or a
    # queryset of it; a name two of them read differently is left out.
    manager_methods: dict[str, dict[str, str]] = {}
    dropped_methods: set[tuple[str, str]] = set()
    for manager_name, owner in managers.items():
        manager_info = by_full.get(manager_name)
        if manager_info is None:
            continue
        known = manager_methods.setdefault(owner, {})
        for method, kind in manager_info.method_returns.items():
            if known.get(method, kind) != kind:
                dropped_methods.add((owner, method))
            known[method] = kind
    for owner, method in dropped_methods:
        manager_methods[owner].pop(method, None)
    exposures: list[Exposure] = []
    admin_for: dict[str, list[str]] = {}
    plain_registrations: list[tuple[_Module, str]] = []
    for module in read:
        for model_ref, admin_ref in module.registrations:
            if model_ref in models:
                if admin_ref is not None:
                    admin_for.setdefault(admin_ref, []).append(model_ref)
                else:
                    plain_registrations.append((module, model_ref))
        for info in module.classes:
            for registered in info.registered_models:
                if registered in models:
                    admin_for.setdefault(info.full, []).append(registered)

    def class_value_model(info: _Class) -> str | None:
        for full in ancestors(info.full):
            current = by_full.get(full)
            if current is None:
                continue
            value = current.values.get("model")
            if value is not None:
                resolved = _Resolver(current.module, _imports_of(current.module), _defined_of(current.module)).name(value)
                if resolved in models:
                    return resolved
            queryset = current.values.get("queryset")
            if queryset is not None:
                found = _queryset_model(queryset, current, models)
                if found is not None:
                    return found
            for attribute in ("serializer_class", "form_class"):
                worker = current.values.get(attribute)
                if worker is not None:
                    resolved = _Resolver(current.module, _imports_of(current.module), _defined_of(current.module)).name(worker)
                    role = serializer_models.get(resolved or "")
                    if role is not None:
                        return role
        return None

    serializer_models: dict[str, str] = {}

    module_by_name = {m.name: m for m in read}

    def _imports_of(name: str) -> dict[str, str]:
        found = module_by_name.get(name)
        return found.imports if found is not None else {}

    def _defined_of(name: str) -> set[str]:
        found = module_by_name.get(name)
        return found.defined if found is not None else set()

    def _queryset_model(node: ast.expr, owner: _Class, known: set[str]) -> str | None:
        resolver = _Resolver(owner.module, _imports_of(owner.module), _defined_of(owner.module))
        current = node
        while isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
            current = current.func.value
        if isinstance(current, ast.Attribute):
            resolved = resolver.name(current.value)
            if resolved in known:
                return resolved
        return None

    pending_views: list[tuple[str, _Class, set[str]]] = []
    for full, info in by_full.items():
        kinds = {b.rpartition(".")[2] for a in ancestors(full) for b in bases.get(a, ())}
        meta_model = info.meta.get("model")
        resolver = _Resolver(info.module, _imports_of(info.module), _defined_of(info.module))
        if meta_model is not None and kinds & (_SERIALIZER_BASES | _FORM_BASES):
            model_ref = resolver.name(meta_model) or ""
            if model_ref in models:
                kind = "serializer" if kinds & _SERIALIZER_BASES else "form"
                class_models[full] = (kind, model_ref)
                if model_ref in targets:
                    exposure = _exposure_of_meta(info, kind, model_ref, fields)
                    if exposure is not None:
                        exposures.append(exposure)
                continue
        if full in admin_for or kinds & _ADMIN_BASES:
            admin_models = admin_for.get(full) or ([m] if (m := class_value_model(info)) else [])
            for admin_model in admin_models:
                class_models[full] = ("admin", admin_model)
                if admin_model in targets:
                    exposure = _exposure_of_admin(info, admin_model, fields)
                    if exposure is not None:
                        exposures.append(exposure)
            continue
        pending_views.append((full, info, kinds))
    for full, (kind, model_ref) in class_models.items():
        if kind in ("serializer", "form"):
            serializer_models[full] = model_ref
    for full, info, kinds in pending_views:  # after the serializers: a view's serializer_class names its model
        view_model = class_value_model(info)
        if view_model is not None and full not in models:
            class_models[full] = ("view", view_model)
            if kinds & _EDIT_VIEW_BASES and view_model in targets and "form_class" not in info.values:
                exposure = _exposure_of_view(info, view_model, fields)
                if exposure is not None:
                    exposures.append(exposure)
    admin_actions: dict[str, str] = {}
    for full, (kind, admin_model) in list(class_models.items()):
        if kind != "admin":
            continue
        info = by_full[full]
        actions = info.values.get("actions")
        if isinstance(actions, (ast.List, ast.Tuple)):
            resolver = _Resolver(info.module, _imports_of(info.module), _defined_of(info.module))
            for element in actions.elts:
                action = resolver.name(element)
                if action is not None:
                    admin_actions[action] = admin_model
    for module, model_ref in plain_registrations:
        if model_ref in targets:
            exposures.append(
                Exposure(module.name, f"admin.site.register({model_ref.rpartition('.')[2]})", 0, "admin", model_ref,
                         tuple(fields), "default form",
                         f"register it with a ModelAdmin whose readonly_fields = {list(fields)!r}")
            )

    returns: dict[str, str] = {}
    signal_receivers: dict[str, str] = {}
    saving_receivers: set[str] = set()
    for module in read:
        resolver = _Resolver(module.name, module.imports, module.defined)
        for name, function in module.functions.items():
            full = f"{module.name}.{name}"
            returned = _annotation_ref(function.returns, resolver)
            if returned is not None and returned in models:
                returns[full] = returned
            else:
                for node in ast.walk(function):
                    if isinstance(node, ast.Return) and node.value is not None:
                        found = _queryset_method_return(node.value, resolver, models)
                        if found is not None:
                            returns[full] = found
                            break
            for decorator in function.decorator_list:
                if isinstance(decorator, ast.Call):
                    sender = _keyword(decorator, "sender")
                    sender_ref = resolver.name(sender) if sender is not None else None
                    if sender_ref is not None and sender_ref in models:
                        signal_receivers[full] = sender_ref
                        signal = _dotted(decorator.args[0]) if decorator.args else None
                        if signal is not None and signal.rpartition(".")[2] in _SAVING_SIGNALS:
                            saving_receivers.add(full)
        for function_ref, sender_ref, signal_name in module.connections:
            if sender_ref in models:
                signal_receivers[function_ref] = sender_ref
                if signal_name in _SAVING_SIGNALS:
                    saving_receivers.add(function_ref)

    init_attributes: dict[str, dict[str, str]] = {}
    for full, info in by_full.items():
        if info.init_attributes:
            init_attributes[full] = {
                attribute: (ref if ref in by_full else next(iter(short.get(ref.rpartition(".")[2], ())), ref))
                for attribute, ref in info.init_attributes.items()
            }

    db_tables: dict[str, str] = {}
    for target in targets:
        target_info = by_full.get(target)
        if target_info is None:
            continue
        table = _string(target_info.meta.get("db_table"))
        label = _string(target_info.meta.get("app_label")) or _app_label(target_info.module)
        db_tables[target] = table or f"{label}_{target_info.qualname.rpartition('.')[2].lower()}"

    return ModelIndex(
        fields=tuple(fields),
        targets=frozenset(targets),
        target_bases=frozenset(target_bases),
        models=frozenset(models),
        classes=frozenset(by_full),
        other_owners={name: tuple(sorted(owners)) for name, owners in other_owners.items()},
        relations=relations,
        managers=managers,
        manager_attributes={name: frozenset(values) for name, values in manager_attributes.items()},
        manager_methods=manager_methods,
        returns=returns,
        signal_receivers=signal_receivers,
        admin_actions=admin_actions,
        saving_receivers=frozenset(saving_receivers),
        class_models=class_models,
        init_attributes=init_attributes,
        db_tables=db_tables,
        exposures=tuple(sorted(exposures, key=lambda e: (e.module, e.line))),
        bases=bases,
    )


def _exposure_of_meta(info: _Class, kind: str, model: str, fields: Sequence[str]) -> Exposure | None:
    declared_fields = info.meta.get("fields")
    exclude = _strings(info.meta.get("exclude")) or ()
    read_only = set(_strings(info.meta.get("read_only_fields")) or ())
    extra = info.meta.get("extra_kwargs")
    if isinstance(extra, ast.Dict):
        for key, value in zip(extra.keys, extra.values):
            name = _string(key) if key is not None else None
            if name is not None and isinstance(value, ast.Dict):
                for inner_key, inner_value in zip(value.keys, value.values):
                    if _string(inner_key) == "read_only" and isinstance(inner_value, ast.Constant) and inner_value.value is True:
                        read_only.add(name)
    for name, value in info.values.items():  # a declared serializer/form field overrides the model's
        if isinstance(value, ast.Call) and any(
            k.arg == "read_only" and isinstance(k.value, ast.Constant) and k.value.value is True for k in value.keywords
        ):
            read_only.add(name)
    all_fields = _string(declared_fields) == "__all__"
    listed = _strings(declared_fields)
    if all_fields:
        exposed, how = [f for f in fields if f not in exclude], '"__all__"'
    elif listed is not None:
        exposed, how = [f for f in fields if f in listed], "fields"
    elif declared_fields is None and "exclude" in info.meta:
        exposed, how = [f for f in fields if f not in exclude], "exclude"
    else:
        return None
    exposed = [f for f in exposed if f not in read_only]
    if not exposed:
        return None
    if kind == "serializer":
        fix = f"add {exposed!r} to {info.qualname}.Meta.read_only_fields"
    else:
        fix = f"add {exposed!r} to {info.qualname}.Meta.exclude (or leave them out of fields)"
    return Exposure(info.module, info.qualname, info.line, kind, model, tuple(exposed), how, fix)


def _exposure_of_admin(info: _Class, model: str, fields: Sequence[str]) -> Exposure | None:
    read_only = set(_strings(info.values.get("readonly_fields")) or ())
    exclude = set(_strings(info.values.get("exclude")) or ())
    editable = set(_strings(info.values.get("list_editable")) or ())
    listed = _strings(info.values.get("fields"))
    fieldsets = _strings(info.values.get("fieldsets"))
    in_form: set[str]
    if listed is not None:
        in_form = set(listed)
    elif fieldsets is not None:
        in_form = set(fieldsets)
    elif "form" in info.values or "fields" in info.values or "fieldsets" in info.values or "get_fields" in info.values:
        in_form = set()  # a custom form or computed fields: its own ModelForm is reported if it exposes them
    else:
        in_form = set(fields)  # Django's default change form has every editable field
    exposed = [f for f in fields if (f in editable or (f in in_form and f not in exclude)) and f not in read_only]
    if not exposed:
        return None
    how = "list_editable" if any(f in editable for f in exposed) else ("fields" if listed or fieldsets else "default form")
    fix = f"add {exposed!r} to {info.qualname}.readonly_fields" + (" and remove them from list_editable" if how == "list_editable" else "")
    return Exposure(info.module, info.qualname, info.line, "admin", model, tuple(exposed), how, fix)


def _exposure_of_view(info: _Class, model: str, fields: Sequence[str]) -> Exposure | None:
    declared = info.values.get("fields")
    if _string(declared) == "__all__":
        exposed, how = list(fields), '"__all__"'
    else:
        listed = _strings(declared)
        if listed is None:
            return None
        exposed, how = [f for f in fields if f in listed], "fields"
    if not exposed:
        return None
    return Exposure(info.module, info.qualname, info.line, "edit-view", model, tuple(exposed), how,
                    f"remove {exposed!r} from {info.qualname}.fields")


# -- which files to read -------------------------------------------------------------------------


class Selection:
    """Whether a file's bytes matter to the index: a class, a relation, a manager, a view,
    serializer, form or admin attribute, a signal sender, a registration, an annotation or a
    return that names one of `names`; or a model field of a state field's name
    (`name = models.BooleanField(...)`). Anchored on the names, so
    that a tree full of models that never mention the configured one costs a byte search; each
    occurrence of a name is judged by the text before it on its line."""

    _BEFORE = re.compile(
        rb"(?:"
        rb"^class\s+"
        rb"|^class\s+\w+\([^)]*"
        rb"|(?:ForeignKey|OneToOneField|ManyToManyField|ParentalKey)\(\s*['\"]?"
        rb"|\b(?:model|queryset|to|sender)\s*=\s*['\"]?"
        rb"|register\(\s*\[?"
        rb"|(?:->|:)\s*['\"]?(?:Optional\[)?"
        rb"|return\s+(?:get_object_or_404\(\s*)?"
        rb")(?:\w+\.)*['\"]?$"
    )

    def __init__(self, names: Iterable[str], fields: Sequence[str]) -> None:
        self.names = sorted({name.encode() for name in names})
        alternatives = b"|".join(re.escape(name) for name in self.names)
        self.occurrence = re.compile(rb"\b(?:" + alternatives + rb")\b")
        declared = b"|".join(re.escape(name.encode()) for name in sorted(set(fields)))
        # A model field: `name = models.XField(` / `ForeignKey(` (only models count against an
        # untyped receiver; a dataclass attribute is told apart by its type when it is known).
        self.declaration = re.compile(
            rb"^[ \t]+(?:" + declared + rb")\s*=\s*(?:\w+\.)*\w*(?:Field|ForeignKey|Key)\(", re.MULTILINE
        )
        self.fields = [name.encode() for name in fields]

    def wants(self, data: bytes) -> bool:
        if any(name in data for name in self.fields) and self.declaration.search(data):
            return True
        if not any(name in data for name in self.names):
            return False
        for match in self.occurrence.finditer(data):
            end = match.start()
            start = data.rfind(b"\n", 0, end) + 1
            if data[start : start + 5] == b"class":
                return True  # `class Room(...)`, `class Suite(Room)`
            if data[end - 1 : end] not in b"\t\n ('\".[=:>":
                continue
            # The line so far, and the one before it when the call opened there:
            # `models.ForeignKey(\n        "rooms.Room",`.
            bare = data[start:end].strip(b" \t'\"").replace(b".", b"")
            continued = not bare or bare.replace(b"_", b"").isalnum()  # only a quote or `app.` before it
            window = data.rfind(b"\n", 0, max(start - 1, 0)) + 1 if continued else start
            if self._BEFORE.search(data[window:end]):
                return True
        return False


_CLASS_LINE = re.compile(rb"^class\s+(\w+)\s*(?:\(([^)]*)\))?", re.MULTILINE)
_RELATION_TARGET = re.compile(rb"(?:ForeignKey|OneToOneField|ManyToManyField|ParentalKey)\(\s*['\"]?(?:\w+\.)*(\w+)")


def learnt_names(data: bytes, known: set[str]) -> set[str]:
    """Names to look for next, from one selected file: the bases of a known class (an abstract
    model or mixin that defines the fields), the models a known class relates to, and the
    classes that hold a relation to a known class (`device.unit.room` needs Unit, which Room
    relates to, and Device, whose module spells neither). A byte-level reading: it only widens
    the selection; the facts come from `build_index`."""
    found: set[str] = set()
    classes = list(_CLASS_LINE.finditer(data))
    for position, match in enumerate(classes):
        name = match.group(1).decode()
        bases = match.group(2) or b""
        if name in known:
            for base in re.findall(rb"(\w+)\s*(?:,|$)", bases):
                found.add(base.decode())
        end = classes[position + 1].start() if position + 1 < len(classes) else len(data)
        if name in known:
            for target in _RELATION_TARGET.finditer(data, match.end(), end):
                found.add(target.group(1).decode())
        if name not in known:
            for target in _RELATION_TARGET.finditer(data, match.end(), end):
                if target.group(1).decode() in known:
                    found.add(name)
                    break
        if any(base.decode() in known for base in re.findall(rb"(\w+)\s*(?:,|$)", bases)):
            found.add(name)  # a subclass of the model (multi-table or proxy)
    return found - known - {"Model", "object", "models"}
