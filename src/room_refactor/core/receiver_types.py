"""Receiver typing: what object a write's receiver holds, the way a Django engineer reads it.

The analysis' walk drives a `Typer` through a module in source order: it enters classes and
functions, reports every binding (assignments, loops, walrus, parameters), and asks for the
type of a receiver when it meets a write. The answer comes from the names' bindings so far in
the function (the latest binding wins), the module's imports and the project's model index
(`core.model_index`): annotations (`Optional[...]`, `X | None`, strings), constructors,
manager and queryset methods, `get_object_or_404`, loops and subscripts of querysets and of
lists made from them, relation accessors from a typed object, `self` in the model and in its
managers and querysets, helpers' return values, `self.x` set in `__init__` from an annotated
parameter, and Django's and DRF's conventions (`self.object`, `get_object()`,
`serializer.instance`, a ModelSerializer's `update`, `form.instance`, `form.save(commit=False)`,
`save_model`'s `obj`, admin actions' querysets, signal receivers' `instance`).

`decide()` is the policy: a receiver proven to be a target model is a site; one proven to be
anything else never is; one of unknown type is a site only when it matches the `receivers`
override (`name`) or when no other model of the project declares the field (`field-owner`).
Pure: libcst nodes in, small frozen values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

import libcst as cst

from room_refactor.core import names as n
from room_refactor.core.model_index import (
    ASYNC_INSTANCE_METHODS,
    INSTANCE_METHODS,
    QUERYSET_CHAIN,
    TUPLE_METHODS,
    ModelIndex,
)

# Queryset methods whose result is not a queryset of the same model.
_NOT_QUERYSETS = frozenset(
    {"update", "delete", "count", "exists", "aggregate", "values", "values_list", "bulk_update", "in_bulk",
     "explain", "contains", "acount", "aexists", "aupdate", "adelete", "dates", "datetimes"}
)
_LIST_BUILTINS = frozenset({"list", "sorted", "tuple", "reversed"})
_OTHER_BUILTINS = {
    "dict": "builtins.dict",
    "set": "builtins.set",
    "types.SimpleNamespace": "types.SimpleNamespace",
    "collections.namedtuple": "collections.namedtuple",
    "collections.defaultdict": "collections.defaultdict",
    "collections.OrderedDict": "collections.OrderedDict",
    "collections.Counter": "collections.Counter",
    "copy.copy": None,
    "copy.deepcopy": None,
}
_OPTIONAL_TEXT = re.compile(
    r"(?:(?:typing\.)?Optional\[\s*(?P<a>[\w.]+)\s*\]|(?P<b>[\w.]+)(?:\s*\|\s*None)?|None\s*\|\s*(?P<c>[\w.]+))"
)
_CONTAINER_TEXT = re.compile(r"(?P<outer>[\w.]+)\[\s*(?P<inner>[\w.]+)\s*\]")
_CONTAINERS = frozenset({"list", "List", "Sequence", "Iterable", "Iterator", "Collection", "tuple", "Tuple", "set", "Set"})
_QUERYSETS = frozenset({"QuerySet", "Manager", "BaseManager", "RelatedManager"})


@dataclass(frozen=True)
class RType:
    """What an expression holds. `kind`: "instance", "queryset" (a queryset or a manager),
    "list" (a list of instances), "tuple" (`get_or_create`'s pair), "class", "serializer",
    "form", "view" (`self` in a view of `cls`), "self" (`self` in another class) or "other".
    `unsaved` says why an instance is not in the database yet, or is being saved right now."""

    kind: str
    cls: str
    typed_by: str
    unsaved: str | None = None


@dataclass(frozen=True)
class Verdict:
    """The policy's answer for one write's receiver."""

    site: bool
    typed_by: str  # how the type was known; "other" or "unknown" for dropped receivers
    model: str | None = None
    unsaved: str | None = None
    reason: str = ""  # why a receiver was dropped, or why a site's type is uncertain

    @property
    def uncertain(self) -> bool:
        return self.typed_by in ("field-owner", "name")


@dataclass
class _Scope:
    names: dict[str, RType | None] = field(default_factory=dict)
    parent: _Scope | None = None
    cls: _ClassContext | None = None
    is_function: bool = True

    def lookup(self, name: str) -> tuple[bool, RType | None]:
        scope: _Scope | None = self
        while scope is not None:
            if name in scope.names:
                return True, scope.names[name]
            scope = scope.parent
        return False, None


@dataclass(frozen=True)
class _ClassContext:
    qualname: str  # module.Class
    role: tuple[str, str] | None  # index.kind_of_class(): (kind, model)
    is_model: bool


class Typer:
    def __init__(self, index: ModelIndex, imports: n.ImportTable, *, module_name: str, module: cst.Module) -> None:
        self.index = index
        self.imports = imports
        self.module_name = module_name
        self.defined = {
            statement.name.value
            for statement in module.body
            if type(statement) is cst.ClassDef or type(statement) is cst.FunctionDef
        }
        self.scope = _Scope(is_function=False)
        self._stack: list[_Scope] = []
        self.classes: list[_ClassContext] = []

    # -- names ----------------------------------------------------------------------------
    def qualify(self, node: cst.BaseExpression) -> str | None:
        text = n.dotted(node)
        if text is None:
            return None
        return self.qualify_text(text)

    def qualify_text(self, text: str) -> str:
        head, _, rest = text.partition(".")
        if head in self.defined and head not in self.imports.names:
            resolved = f"{self.module_name}.{head}" if self.module_name else head
            return f"{resolved}.{rest}" if rest else resolved
        resolved_head = self.imports.names.get(head, head)
        return f"{resolved_head}.{rest}" if rest else resolved_head

    # -- scopes -----------------------------------------------------------------------------
    def enter_class(self, node: cst.ClassDef) -> None:
        outer = [c.qualname.rpartition(".")[2] for c in self.classes]
        local = ".".join([*outer, node.name.value])
        qualname = f"{self.module_name}.{local}" if self.module_name else local
        context = _ClassContext(qualname, self.index.kind_of_class(qualname), self.index.is_model(qualname))
        self.classes.append(context)
        self._stack.append(self.scope)
        self.scope = _Scope(parent=self.scope, cls=context, is_function=False)

    def leave_class(self) -> None:
        self.classes.pop()
        self.scope = self._stack.pop()

    def enter_function(self, node: cst.FunctionDef) -> None:
        # A method's class is the class whose body holds it directly.
        cls = self.scope.cls if not self.scope.is_function and self.scope.cls is not None else None
        parent: _Scope | None = self.scope
        while parent is not None and not parent.is_function and parent.cls is not None:
            parent = parent.parent  # a method does not see its class body's names
        self._stack.append(self.scope)
        enclosing_cls = cls if cls is not None else (self.scope.cls if self.scope.is_function else None)
        self.scope = _Scope(parent=parent, cls=enclosing_cls)
        self._bind_parameters(node, cls)

    def leave_function(self) -> None:
        self.scope = self._stack.pop()

    def _bind_parameters(self, node: cst.FunctionDef, cls: _ClassContext | None) -> None:
        params = node.params
        positional = [*params.posonly_params, *params.params]
        everything = [*positional, *params.kwonly_params]
        is_static = any(n.dotted(d.decorator) == "staticmethod" for d in node.decorators)
        is_classmethod = any(n.dotted(d.decorator) == "classmethod" for d in node.decorators)
        for param in everything:
            annotated = self.annotation(param.annotation.annotation) if param.annotation is not None else None
            self.scope.names[param.name.value] = annotated
        name = node.name.value
        if cls is not None and positional and not is_static:
            first = positional[0].name.value
            self_type = self._self_type(cls, is_classmethod)
            if cls.is_model and name == "save" and not is_classmethod:
                # The model's own save(): until super().save(), `self` is being saved right
                # now, and a lock or a refresh would throw away the values it is saving.
                self_type = replace(self_type, unsaved="save")
            self.scope.names[first] = self_type
        role = cls.role if cls is not None else None
        rest = [p.name.value for p in positional[1:]] if cls is not None and not is_static else [p.name.value for p in positional]

        def bind(index: int, rtype: RType) -> None:
            if index < len(rest) and self.scope.names.get(rest[index]) is None:
                self.scope.names[rest[index]] = rtype

        def bind_named(param_name: str, rtype: RType) -> None:
            if param_name in self.scope.names and self.scope.names[param_name] is None:
                self.scope.names[param_name] = rtype

        if role is not None:
            kind, model = role
            if kind == "serializer" and name == "update":
                bind(0, RType("instance", model, "view"))
            elif kind == "admin":
                if name in ("save_model", "delete_model"):
                    bind(1, RType("instance", model, "admin", unsaved="save_model" if name == "save_model" else None))
                elif name in ("save_related", "save_formset"):
                    pass
                elif len(rest) >= 2 and rest[1] == "queryset":
                    bind(1, RType("queryset", model, "admin"))
            elif kind == "view":
                if name in ("perform_update", "perform_create"):
                    bind(0, RType("serializer", model, "view", unsaved="perform_create" if name == "perform_create" else None))
                elif name == "perform_destroy":
                    bind(0, RType("instance", model, "view"))
                elif name in ("form_valid",):
                    bind(0, RType("form", model, "view"))
        qualname = f"{self.module_name}.{name}" if cls is None else None
        if qualname is not None:
            sender = self.index.signal_receivers.get(qualname)
            if sender is not None:
                unsaved = "pre_save" if qualname in self.index.saving_receivers else None
                bind_named("instance", RType("instance", sender, "signal", unsaved=unsaved))
            action_model = self.index.admin_actions.get(qualname)
            if action_model is not None and len(positional) >= 3:
                self.scope.names[positional[2].name.value] = RType("queryset", action_model, "admin")

    def _self_type(self, cls: _ClassContext, is_classmethod: bool) -> RType:
        if is_classmethod:
            return RType("class", cls.qualname, "self")
        if cls.is_model:
            return RType("instance", cls.qualname, "self")
        if cls.role is not None:
            kind, model = cls.role
            if kind == "manager":
                return RType("queryset", model, "self")
            if kind in ("serializer", "form", "view"):
                return RType(kind if kind != "view" else "view", model, "view" if kind != "form" else "form")
        return RType("self", cls.qualname, "self")

    # -- bindings -------------------------------------------------------------------------------
    def bind(self, target: cst.BaseExpression, value: cst.BaseExpression | None, *, annotation: cst.BaseExpression | None = None) -> None:
        rtype = self.annotation(annotation) if annotation is not None else None
        if rtype is None and value is not None:
            rtype = self.infer(value)
        self._bind_target(target, rtype, value)

    def _bind_target(self, target: cst.BaseExpression, rtype: RType | None, value: cst.BaseExpression | None) -> None:
        if type(target) is cst.Name:
            self.scope.names[target.value] = rtype
        elif type(target) is cst.Tuple or type(target) is cst.List:
            elements = [e.value for e in target.elements if type(e) is cst.Element]
            if (type(value) is cst.Tuple or type(value) is cst.List) and len(value.elements) == len(elements):
                for element, inner in zip(elements, value.elements):
                    self._bind_target(element, self.infer(inner.value), inner.value)
                return
            for position, element in enumerate(elements):
                inner_type = None
                if rtype is not None and rtype.kind == "tuple" and position == 0:
                    inner_type = RType("instance", rtype.cls, rtype.typed_by)
                self._bind_target(element, inner_type, None)
        elif type(target) is cst.StarredElement:
            self._bind_target(target.value, None, None)

    def bind_loop(self, target: cst.BaseExpression, iterable: cst.BaseExpression) -> None:
        element = self.element_type(iterable)
        if element is None and isinstance(iterable, cst.Call) and n.dotted(iterable.func) == "enumerate" and iterable.args:
            inner = self.element_type(iterable.args[0].value)
            if isinstance(target, cst.Tuple) and len(target.elements) == 2:
                self._bind_target(target.elements[0].value, None, None)
                self._bind_target(target.elements[1].value, inner, None)
                return
        self._bind_target(target, element, None)

    def element_type(self, iterable: cst.BaseExpression) -> RType | None:
        rtype = self.infer(iterable)
        if rtype is not None and rtype.kind in ("queryset", "list"):
            return RType("instance", rtype.cls, rtype.typed_by if rtype.typed_by in ("admin", "view", "fk", "self") else "queryset")
        return None

    def saved(self, receiver: cst.BaseExpression) -> None:
        """`receiver.save()`: an instance that was not in the database is from now on."""
        if not isinstance(receiver, cst.Name):
            return
        scope: _Scope | None = self.scope
        while scope is not None:
            rtype = scope.names.get(receiver.value)
            if receiver.value in scope.names:
                if rtype is not None and rtype.unsaved is not None:
                    scope.names[receiver.value] = replace(rtype, unsaved=None)
                return
            scope = scope.parent

    def saved_all(self, reason: str) -> None:
        """`super().save_model(...)`: the instances that were being saved are saved."""
        for name, rtype in self.scope.names.items():
            if rtype is not None and rtype.unsaved == reason:
                self.scope.names[name] = replace(rtype, unsaved=None)

    # -- inference ------------------------------------------------------------------------------
    def annotation(self, node: cst.BaseExpression | None) -> RType | None:
        if node is None:
            return None
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            text = n.string_value(node)
            if text is None:
                return None
            text = text.strip()
            container = _CONTAINER_TEXT.fullmatch(text)
            if container is not None:
                return self._container(container["outer"], self.qualify_text(container["inner"]))
            match = _OPTIONAL_TEXT.fullmatch(text)
            if match is None:
                return None
            return self._annotated(self.qualify_text(match["a"] or match["b"] or match["c"]))
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            if isinstance(node.right, cst.Name) and node.right.value == "None":
                return self.annotation(node.left)
            if isinstance(node.left, cst.Name) and node.left.value == "None":
                return self.annotation(node.right)
            return None
        if isinstance(node, cst.Subscript):
            outer = self.qualify(node.value)
            elements = [e.slice.value for e in node.slice if isinstance(e.slice, cst.Index)]
            if outer is None or len(elements) != 1:
                return None
            last = outer.rpartition(".")[2]
            if last == "Optional":
                return self.annotation(elements[0])
            inner = self.qualify(elements[0])
            return self._container(last, inner) if inner is not None else None
        qualified = self.qualify(node)
        return self._annotated(qualified) if qualified is not None else None

    def _annotated(self, qualified: str) -> RType | None:
        if qualified in self.index.classes or qualified in self.index.targets:
            return RType("instance", qualified, "annotation")
        if qualified in _OTHER_BUILTINS or qualified in ("builtins.dict", "dict", "str", "int", "bool", "float", "list"):
            return RType("other", qualified, "annotation")
        return None

    def _container(self, outer: str, inner: str | None) -> RType | None:
        last = outer.rpartition(".")[2]
        if inner is None or not (inner in self.index.classes or inner in self.index.targets):
            return None
        if last in _QUERYSETS:
            return RType("queryset", inner, "annotation")
        if last in _CONTAINERS:
            return RType("list", inner, "annotation")
        return None

    def infer(self, node: cst.BaseExpression) -> RType | None:
        if type(node) is cst.Name:
            found, rtype = self.scope.lookup(node.value)
            if found:
                return rtype
            qualified = self.qualify_text(node.value)
            if qualified in self.index.classes or qualified in self.index.targets:
                return RType("class", qualified, "constructor")
            return None
        if type(node) is cst.Attribute:
            return self._attribute(node)
        if type(node) is cst.Call:
            return self._call(node)
        if type(node) is cst.Subscript:
            return self._subscript(node)
        if type(node) is cst.NamedExpr:
            return self.infer(node.value)
        if type(node) is cst.Await:
            return self.infer(node.expression)
        if type(node) is cst.Dict or type(node) is cst.DictComp:
            return RType("other", "builtins.dict", "constructor")
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer, cst.Float)):
            return RType("other", "builtins.str", "constructor")
        if isinstance(node, (cst.ListComp, cst.GeneratorExp)) and isinstance(node.elt, cst.Name):
            loop = node.for_in
            if isinstance(loop.target, cst.Name) and loop.target.value == node.elt.value and loop.inner_for_in is None:
                element = self.element_type(loop.iter)
                if element is not None:
                    return RType("list", element.cls, "queryset")
            return None
        if isinstance(node, (cst.List, cst.Tuple)):
            types = [self.infer(e.value) for e in node.elements if isinstance(e, cst.Element)]
            if types and all(t is not None and t.kind == "instance" and t.cls == types[0].cls for t in types):  # type: ignore[union-attr]
                first = types[0]
                assert first is not None
                return RType("list", first.cls, first.typed_by)
            return None
        return None

    def _attribute(self, node: cst.Attribute) -> RType | None:
        attribute = node.attr.value
        owner = self.infer(node.value)
        if owner is None:
            return None
        if owner.kind == "class":
            if self.index.is_model(owner.cls) or owner.cls in self.index.targets:
                if self.index.is_manager_attribute(owner.cls, attribute):
                    return RType("queryset", owner.cls, "manager")
            return None
        if owner.kind == "instance":
            relation = self.index.relation(owner.cls, attribute)
            if relation is not None:
                return RType("queryset" if relation.many else "instance", relation.target, "fk")
            return None
        if owner.kind == "serializer" and attribute == "instance":
            return RType("instance", owner.cls, "view", unsaved=owner.unsaved)
        if owner.kind == "form" and attribute == "instance":
            # After is_valid(), form.instance holds the submitted values until form.save().
            return RType("instance", owner.cls, "form", unsaved="form.instance")
        if owner.kind == "view" and attribute == "object":
            return RType("instance", owner.cls, "view")
        if owner.kind in ("self", "view", "serializer", "form"):
            class_name = self.scope.cls.qualname if self.scope.cls is not None else owner.cls
            for current in self.index.ancestors(class_name):
                found = self.index.init_attributes.get(current, {}).get(attribute)
                if found is not None:
                    if found in self.index.classes or found in self.index.targets:
                        return RType("instance", found, "init")
                    return None
        if owner.kind == "queryset" and attribute == "model":
            return RType("class", owner.cls, owner.typed_by)
        return None

    def _custom_method(self, model: str | None, method: str) -> str | None:
        """"instance" / "queryset" for a custom manager or queryset method of `model` (or of a
        model it inherits from), None when unknown."""
        if model is None:
            return None
        for current in self.index.ancestors(model):
            kind = self.index.manager_methods.get(current, {}).get(method)
            if kind is not None:
                return kind
        return None

    def _call(self, node: cst.Call) -> RType | None:
        func = node.func
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            owner = self.infer(func.value)
            if owner is None:
                return None
            if owner.kind == "queryset":
                if method in INSTANCE_METHODS or method in ASYNC_INSTANCE_METHODS:
                    typed_by = owner.typed_by if owner.typed_by in ("fk", "self", "admin", "view") else "manager"
                    return RType("instance", owner.cls, typed_by)
                if method in TUPLE_METHODS:
                    return RType("tuple", owner.cls, "manager")
                if method == "bulk_create":
                    return RType("list", owner.cls, "manager")
                if method in _NOT_QUERYSETS:
                    return None
                if method in QUERYSET_CHAIN:
                    return RType("queryset", owner.cls, owner.typed_by)
                # A custom method of the model's manager or queryset: what its own returns give
                # (`get_primary()` returns `self.get(...)`), else unknown, never a guess.
                custom = self._custom_method(owner.cls, method)
                if custom == "instance":
                    return RType("instance", owner.cls, "manager")
                if custom == "queryset":
                    return RType("queryset", owner.cls, owner.typed_by)
                return None
            if owner.kind == "view":
                if method == "get_object":
                    return RType("instance", owner.cls, "view")
                if method == "get_queryset":
                    return RType("queryset", owner.cls, "view")
                if method == "get_serializer":
                    return RType("serializer", owner.cls, "view")
                return None
            if owner.kind == "serializer" and method == "save":
                return RType("instance", owner.cls, "view")
            if owner.kind == "form" and method == "save":
                commit = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "commit"), None)
                unsaved = "commit=False" if isinstance(commit, cst.Name) and commit.value == "False" else None
                return RType("instance", owner.cls, "form", unsaved=unsaved)
            return None
        qualified = self.qualify(func)
        if qualified is None:
            return None
        last = qualified.rpartition(".")[2]
        if last == "get_object_or_404" and node.args:
            first = self.infer(node.args[0].value)
            if first is not None and first.kind in ("class", "queryset"):
                return RType("instance", first.cls, "manager")
            return None
        if qualified in _LIST_BUILTINS and node.args:
            inner = self.infer(node.args[0].value)
            if inner is not None and inner.kind in ("queryset", "list"):
                return RType("list", inner.cls, "queryset")
            return None
        if qualified in _OTHER_BUILTINS:
            other = _OTHER_BUILTINS[qualified]
            return RType("other", other, "constructor") if other is not None else None
        returned = self.index.returns.get(qualified)
        if returned is not None:
            return RType("instance", returned, "return")
        target = self.infer(func) if isinstance(func, cst.Name) else None
        if target is None and qualified in self.index.classes:
            target = RType("class", qualified, "constructor")
        if target is not None and target.kind == "class":
            if self.index.is_model(target.cls) or target.cls in self.index.targets:
                return RType("instance", target.cls, "constructor", unsaved="constructor")
            role = self.index.kind_of_class(target.cls)
            if role is not None and role[0] in ("serializer", "form"):
                return RType(role[0], role[1], "view" if role[0] == "serializer" else "form")
            return RType("other", target.cls, "constructor")
        return None

    def _subscript(self, node: cst.Subscript) -> RType | None:
        owner = self.infer(node.value)
        if owner is None or len(node.slice) != 1:
            return None
        index = node.slice[0].slice
        if owner.kind in ("queryset", "list"):
            if isinstance(index, cst.Slice):
                return owner
            return RType("instance", owner.cls, owner.typed_by if owner.typed_by in ("fk", "admin", "view", "self") else "queryset")
        if owner.kind == "tuple" and isinstance(index, cst.Index) and isinstance(index.value, cst.Integer) and index.value.value == "0":
            return RType("instance", owner.cls, owner.typed_by)
        return None

    # -- the policy -------------------------------------------------------------------------------
    def decide(
        self,
        receiver: cst.BaseExpression,
        *,
        field_name: str | None,
        receiver_text: str,
        collection: bool,
        receiver_matches: Callable[[str], bool],
    ) -> Verdict:
        rtype = self.infer(receiver)
        index = self.index
        if rtype is not None:
            wanted = "queryset" if collection else "instance"
            if rtype.kind == wanted and index.is_target(rtype.cls):
                return Verdict(True, rtype.typed_by, rtype.cls, rtype.unsaved)
            if rtype.kind == wanted and rtype.cls in index.target_bases:
                return Verdict(True, rtype.typed_by, rtype.cls, rtype.unsaved)
            what = {"instance": "a", "queryset": "a queryset of", "list": "a list of", "class": "the class"}.get(rtype.kind, "a")
            return Verdict(False, "other", rtype.cls, reason=f"typed as {what} {rtype.cls} (by {rtype.typed_by})")
        owners = index.shared_field_owners(field_name) if field_name is not None else ()
        # By elimination only where it means something: the project defines the model (or the
        # write is a queryset's, which no other class of the project can take for a field).
        if field_name is not None and not owners and (index.has_model or collection):
            return Verdict(True, "field-owner", None, reason=f"type unknown; no other model declares {field_name}")
        if receiver_matches(receiver_text):
            return Verdict(True, "name", None, reason="type unknown; matched by the receivers setting")
        if field_name is None:  # a computed name may be any attribute: only the name can tell
            return Verdict(False, "unknown", None, reason="type unknown and the field name is computed")
        if not owners:
            return Verdict(False, "unknown", None, reason=f"type unknown, and {index.targets and min(index.targets)} "
                           "is not defined in the project: nothing to tell it by")
        return Verdict(False, "unknown", None, reason=f"type unknown; {field_name} is also declared by {', '.join(owners)}")
