"""Whether a function may change an instance in memory before a point of it. Pure.

The lock helper (`lock_room_rows`) locks a row and reads every field of the instance again, so
that the decision after it, and a later `save()`, use the committed values. Whatever the
function changed on that instance before the lock and has not saved yet would be thrown away:

    room = Room.objects.get(pk=pk)
    room.notes = notes            # in memory only
    lock_room_rows(room)          # reads the row again: notes is the stored value again
    if room.is_occupied: ...
    room.save()                   # saves the old notes

So the migration locks before a decision only where nothing before it (in the function's
order, or anywhere in a loop around it that does not bind the instance anew) changes the
instance: no store to one of its attributes or to what they hold (`x.a = ...`, `x.a += ...`,
`del x.a`, `x.extra["k"] = ...`, `x.extra.update(...)`, `setattr(x, ...)`), no call of one of its
own methods other than the ones that only read or save it, and no form built on it
(`RoomForm(data, instance=room)`: its validation writes the cleaned values onto the instance).

A call the instance is passed to (`notify(room)`) may change it too, or, far more often, only
read it; nothing here can tell. Those calls are named in the verdict, for the migration's note
to say so, except the ones known to leave an instance alone: a query that filters on it,
logging, `str()` and the like.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import libcst as cst

from room_refactor.core.names import bound_names, dotted, target_leaves
from room_refactor.core.walk import walk

#: Methods of a model instance that do not change its fields in memory (or save what they change).
_KEEPING_METHODS = frozenset({
    "save", "refresh_from_db", "serializable_value", "get_deferred_fields", "validate_unique",
    "validate_constraints", "__str__", "__repr__",
})
_KEEPING_PREFIXES = ("get_", "is_", "has_")
#: Calls an instance can be passed to without being changed.
_KEEPING_CALLS = frozenset({
    "str", "repr", "print", "len", "bool", "id", "hash", "isinstance", "issubclass", "getattr", "hasattr",
    "type", "format", "sorted", "list", "tuple", "set", "frozenset", "dict", "Response", "JsonResponse",
    "HttpResponse", "render", "redirect", "get_object_or_404",
})
_LOGGING = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
#: Methods that change a list or a dict in place (not a related manager's add / remove / clear,
#: which write to the database and leave the instance's fields alone).
_MUTATORS = frozenset({"append", "extend", "insert", "update", "setdefault", "pop", "popitem", "sort", "reverse"})
#: Query methods: an instance passed to one is a value to filter or relate on.
_QUERY_METHODS = frozenset({
    "filter", "exclude", "get", "create", "get_or_create", "update_or_create", "count", "exists", "first", "last",
    "aggregate", "annotate", "values", "values_list", "order_by", "select_related", "prefetch_related", "all",
    "select_for_update", "bulk_create", "update", "in_bulk", "latest", "earliest", "none", "distinct", "only",
    "defer", "using",
})


@dataclass
class _Change:
    before: bool  # seen before the point
    loops: tuple[cst.CSTNode, ...]  # the loops around it that do not bind the instance anew
    passed_to: str | None = None  # a call it is passed to, which may or may not change it


@dataclass(frozen=True)
class Verdict:
    changed: bool  # changed in memory before the point (or nothing can be known)
    passed_to: tuple[str, ...] = ()  # the calls it is passed to before the point, by name


@dataclass
class _Finder(cst.CSTVisitor):
    receiver: str
    root: str | None
    point: cst.CSTNode
    ignored: Collection[cst.CSTNode]
    keeping: frozenset[str]
    changes: list[_Change] = field(default_factory=list)
    loops: list[cst.CSTNode] = field(default_factory=list)
    point_loops: tuple[cst.CSTNode, ...] | None = None
    statement: cst.CSTNode | None = None

    def __post_init__(self) -> None:
        super().__init__()

    def _is_receiver(self, node: cst.BaseExpression) -> bool:
        return dotted(node) == self.receiver

    def _found(self, passed_to: str | None = None) -> None:
        self.changes.append(_Change(self.point_loops is None, tuple(self.loops), passed_to))

    def on_visit(self, node: cst.CSTNode) -> bool:
        if node is self.point:
            self.point_loops = tuple(self.loops)
        kind = type(node)
        if kind in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
            return False  # runs when it is called, not here
        if isinstance(node, cst.BaseSmallStatement):
            self.statement = node
        if self.statement is not None and self.statement in self.ignored:
            return True
        if kind is cst.For:
            assert isinstance(node, cst.For)
            if self.root not in bound_names(node.target):
                self.loops.append(node)
        elif kind is cst.While:
            self.loops.append(node)
        elif kind is cst.AssignTarget:
            assert isinstance(node, cst.AssignTarget)
            self._target(node.target)
        elif kind is cst.AnnAssign or kind is cst.AugAssign:
            self._target(node.target)  # type: ignore[attr-defined]
        elif kind is cst.Del:
            assert isinstance(node, cst.Del)
            self._target(node.target)
        elif kind is cst.Call:
            assert isinstance(node, cst.Call)
            self._call(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if self.loops and self.loops[-1] is original_node:
            self.loops.pop()
        if original_node is self.statement:
            self.statement = None

    def _within(self, node: cst.BaseExpression) -> bool:
        """Whether `node` is the receiver or reached from it (`room.extra`, `room.extra["k"]`)."""
        while True:
            if self._is_receiver(node):
                return True
            if not isinstance(node, (cst.Attribute, cst.Subscript)):
                return False
            node = node.value

    def _target(self, target: cst.BaseExpression) -> None:
        for leaf in target_leaves(target):
            if isinstance(leaf, (cst.Attribute, cst.Subscript)) and self._within(leaf.value):
                self._found()

    def _call(self, call: cst.Call) -> None:
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if isinstance(func, cst.Attribute) and self._is_receiver(func.value):
            if not (name in _KEEPING_METHODS or name.startswith(_KEEPING_PREFIXES)):
                self._found()  # one of its own methods
            return
        if isinstance(func, cst.Attribute) and name in _MUTATORS and self._within(func.value):
            self._found()  # a list or dict it holds, changed in place (`room.extra.update(...)`)
            return
        if name in ("setattr", "delattr") and isinstance(func, cst.Name):
            if call.args and self._is_receiver(call.args[0].value):
                self._found()
            return
        passed = [arg for arg in call.args if self._is_receiver(arg.value)]
        if not passed:
            return
        if name.endswith("Form") or any(arg.keyword is not None and arg.keyword.value == "instance" for arg in passed):
            self._found()  # a form on it: validating it writes the cleaned values onto the instance
            return
        if name in _KEEPING_CALLS or name in self.keeping:
            return
        if isinstance(func, cst.Attribute):
            owner = dotted(func.value) or ""
            if name in _QUERY_METHODS or name in _LOGGING and owner.rpartition(".")[2] in ("logger", "log", "logging"):
                return
        self._found(dotted(func) or name or "a call")


def changed_before(
    function: cst.FunctionDef,
    receiver: cst.BaseExpression,
    point: cst.CSTNode,
    *,
    ignored: Collection[cst.CSTNode] = (),
    keeping: frozenset[str] = frozenset(),
) -> Verdict:
    """Whether `function` changes the instance `receiver` (a name or a dotted name) stands for in
    memory before `point` runs (before it in the function's order, or anywhere in a loop around
    it that does not bind the instance anew), and the calls it is passed to there. `ignored`:
    small statements whose changes are saved at once (the writes the migration turns into writer
    calls); `keeping`: more functions that leave an instance they are passed alone (the writer,
    the lock helper). A receiver that is not a dotted name may be changed anywhere."""
    text = dotted(receiver)
    if text is None:
        return Verdict(changed=True)
    finder = _Finder(text, text.partition(".")[0], point, ignored, keeping)
    walk(function.body, finder)
    if finder.point_loops is None:
        return Verdict(changed=True)  # the point is not in the function: nothing is known
    inside = set(map(id, finder.point_loops))
    earlier = [change for change in finder.changes if change.before or inside & set(map(id, change.loops))]
    passed_to = tuple(dict.fromkeys(change.passed_to for change in earlier if change.passed_to is not None))
    return Verdict(changed=any(change.passed_to is None for change in earlier), passed_to=passed_to)
