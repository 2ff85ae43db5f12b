"""Whether a function deletes a row it has just written: `room.delete()`, or a queryset
`delete()` that provably includes the row.

Through the writer, the status setter records and announces a transition; for a row the same
transaction deletes, that is an event about a room that is gone once it commits. A write is
"deleted later" when, after it and on every path that goes on from it, a statement of its own
block (or of a block around it) deletes its row:

- `room.delete()`, while `room` still names the written instance (not after a loop over
  `room`: there it names the last row only);
- `Room.objects.filter(pk=room.pk).delete()` (or `id=`, `room.id`), on the configured model;
- after a loop `for room in rooms:`, `Room.objects.filter(pk__in=deleted).delete()` where
  `deleted = [room.pk for room in rooms]` (or the comprehension inline), with no condition;
- after that loop, `rooms.delete()` itself, when `rooms` is bound once to a queryset whose
  filter does not read a field the loop writes (`QuerySet.delete()` runs the query again: a
  row the loop moved out of the filter would not be deleted), or the loop's own query written
  again (`for room in Room.objects.filter(hotel=hotel)` then
  `Room.objects.filter(hotel=hotel).delete()`), its names bound no more than once.

Anything else is not a delete of the row: another model's queryset, another filter (even one
that may include the row), a delete in another branch (inside an `if`, `else`, `try`), or
after a `return`, `break` or `continue` that can skip it.

Pure: nodes in, a boolean out.
"""

from __future__ import annotations

from typing import Callable, Sequence

import libcst as cst

from room_refactor.core import names as n
from room_refactor.core.walk import TOKENS, any_node, names_in, walk

PK_NAMES = frozenset({"pk", "id"})
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp)


def _is_scope(node: cst.CSTNode) -> bool:
    return isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda))


def binds(node: cst.CSTNode, name: str) -> bool:
    """Whether `node` binds `name` (an assignment, a loop, a `with ... as`, `:=`, `del`, an
    import), outside nested functions and classes."""
    return _any_in_scope(node, lambda current: _binds_itself(current, name))


_SKIPS_AHEAD = frozenset({cst.Return, cst.Break, cst.Continue})


def can_skip_ahead(node: cst.CSTNode) -> bool:
    """Whether running `node` may leave the block before its next statement: a `return`, or a
    `break`/`continue` (counted wherever they are: being unsure costs only a missed delete)."""
    return _any_in_scope(node, lambda current: type(current) in _SKIPS_AHEAD)


_SCOPES = frozenset({cst.FunctionDef, cst.ClassDef, cst.Lambda})


class _ScopeFinder:
    """Stops at the first node below `root` (outside nested scopes) that `predicate` holds for."""

    def __init__(self, root: cst.CSTNode, predicate: Callable[[cst.CSTNode], bool]) -> None:
        self.root, self.predicate, self.found = root, predicate, False

    def on_visit(self, current: cst.CSTNode) -> bool:
        if self.found:
            return False
        if current is not self.root and type(current) in _SCOPES:
            return False
        if self.predicate(current):
            self.found = True
            return False
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        pass


def _any_in_scope(node: cst.CSTNode, predicate: Callable[[cst.CSTNode], bool]) -> bool:
    """Whether `predicate` holds for `node` or a node below it, outside nested scopes (a
    read-only walk; names, literals and punctuation, which bind nothing, are skipped)."""
    finder = _ScopeFinder(node, predicate)
    walk(node, finder, TOKENS)
    return finder.found


def _delete_call(statement: cst.CSTNode) -> cst.Call | None:
    """The `X.delete()` a simple statement line runs as a whole: an expression, a `return`, or
    the value of an assignment (`count, _ = rooms.delete()`)."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return None
    for small in statement.body:
        value: cst.BaseExpression | None = None
        if type(small) is cst.Expr or type(small) is cst.Return or type(small) is cst.Assign:
            value = small.value
        if (
            type(value) is cst.Call
            and type(value.func) is cst.Attribute
            and value.func.attr.value == "delete"
            and not value.args
        ):
            return value
    return None


class RowDeletes:
    """The facts about one write that decide whether a later statement deletes its row.

    `receiver`: the written instance's text (`room`, `booking.assigned_room`); `model_names`:
    the local names of the configured model in this module; `loop`: the innermost `for` around
    the write whose target is the receiver's name (`for room in rooms`), if any; `written`: the
    fields the loop body assigns on the receiver; `function`: the write's function body.
    """

    def __init__(
        self,
        *,
        receiver: str,
        model_names: frozenset[str],
        loop: cst.For | None,
        written: frozenset[str],
        function: cst.FunctionDef,
    ) -> None:
        self.receiver = receiver
        self.root = receiver.split(".")[0].split("[")[0]
        self.model_names = model_names
        self.loop = loop
        self.written = written
        self.function = function

    # -- the row, while the receiver names it --------------------------------------------------

    def deletes_the_instance(self, statement: cst.CSTNode) -> bool:
        call = _delete_call(statement)
        if call is None:
            return False
        assert isinstance(call.func, cst.Attribute)
        target = call.func.value
        if n.dotted(target) == self.receiver:
            return True
        keyword = self._single_filter(target)
        if keyword is None or keyword.keyword is None or keyword.keyword.value not in PK_NAMES:
            return False
        value = keyword.value
        return (
            isinstance(value, cst.Attribute)
            and value.attr.value in PK_NAMES
            and n.dotted(value.value) == self.receiver
        )

    # -- every row of the loop, after it -------------------------------------------------------

    def deletes_every_row_of_the_loop(self, statement: cst.CSTNode) -> bool:
        loop = self.loop
        if loop is None or self.receiver != self.root:
            return False
        call = _delete_call(statement)
        if call is None:
            return False
        assert isinstance(call.func, cst.Attribute)
        target = call.func.value
        query = loop.iter if not isinstance(loop.iter, cst.Name) else self._only_value_of(loop.iter.value)
        if (
            query is not None
            and _is_queryset(query)
            and _code(query) == _code(target)
            and not self._reads_written_fields(query)
            and all(_times_bound(self.function, name) <= 1 for name in names_in(query))
        ):
            return True  # the loop's own query again (`Room.objects.filter(hotel=hotel).delete()`)
        if not isinstance(loop.iter, cst.Name):
            return False
        iterable = loop.iter.value
        if isinstance(target, cst.Name) and target.value == iterable:
            query = self._only_value_of(iterable)
            return query is not None and _is_queryset(query) and not self._reads_written_fields(query)
        keyword = self._single_filter(target)
        if keyword is None or keyword.keyword is None:
            return False
        if keyword.keyword.value not in {f"{name}__in" for name in PK_NAMES}:
            return False
        keys = keyword.value
        if isinstance(keys, cst.Name):
            if keys.value == iterable:
                return False  # instances, or a queryset run again: not the pks the loop saw
            bound = self._only_value_of(keys.value)
            if bound is None:
                return False
            keys = bound
        return _pks_of(keys, iterable) and self._only_value_of(iterable) is not None

    # -- helpers -------------------------------------------------------------------------------

    def _single_filter(self, target: cst.BaseExpression) -> cst.Arg | None:
        """`Model.<manager>.filter(<one keyword>)` (an `.all()` around it allowed): the keyword."""
        keyword: cst.Arg | None = None
        node = target
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            if method == "all" and not node.args:
                pass
            elif method == "filter" and keyword is None and len(node.args) == 1 and node.args[0].keyword is not None:
                keyword = node.args[0]
            else:
                return None
            node = node.func.value
        if keyword is None or not isinstance(node, cst.Attribute) or not isinstance(node.value, cst.Name):
            return None
        return keyword if node.value.value in self.model_names else None

    def _only_value_of(self, name: str) -> cst.BaseExpression | None:
        return only_value_of(self.function, name)

    def _reads_written_fields(self, query: cst.BaseExpression) -> bool:
        fields = self.written
        return any_node(
            query,
            lambda current: (
                isinstance(current, cst.Arg)
                and current.keyword is not None
                and bool(set(current.keyword.value.split("__")) & fields)
            )
            or (isinstance(current, cst.SimpleString) and bool(set((n.string_value(current) or "").split("__")) & fields))
            or (isinstance(current, cst.Name) and current.value in fields),
        )


def only_value_of(function: cst.FunctionDef, name: str) -> cst.BaseExpression | None:
    """The value `name` is bound to, when `function` binds it exactly once, by a plain
    assignment (a parameter, or a name bound twice, could hold anything)."""
    values: list[cst.BaseExpression] = []
    bindings = 0

    def predicate(current: cst.CSTNode) -> bool:
        nonlocal bindings
        if _binds_itself(current, name):
            bindings += 1
        if (
            isinstance(current, cst.Assign)
            and len(current.targets) == 1
            and isinstance(current.targets[0].target, cst.Name)
            and current.targets[0].target.value == name
        ):
            values.append(current.value)
        return False

    _any_in_scope(function.body, predicate)
    params = function.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    if isinstance(params.star_arg, cst.Param):
        every.append(params.star_arg)
    if params.star_kwarg is not None:
        every.append(params.star_kwarg)
    if any(param.name.value == name for param in every) or bindings != 1:
        return None
    return values[0] if len(values) == 1 else None


def _code(node: cst.CSTNode) -> str:
    return "".join(cst.Module(body=[]).code_for_node(node).split())


def _times_bound(function: cst.FunctionDef, name: str) -> int:
    """How often `function` binds `name` (its parameters count once)."""
    count = 0

    def predicate(current: cst.CSTNode) -> bool:
        nonlocal count
        if _binds_itself(current, name):
            count += 1
        return False

    _any_in_scope(function.body, predicate)
    params = function.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    return count + sum(1 for param in every if param.name.value == name)


_BINDERS = frozenset({cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For, cst.AsName, cst.Del,
                      cst.ImportAlias})


def _binds_itself(node: cst.CSTNode, name: str) -> bool:
    """Whether `node` itself (not a child of it) binds `name`."""
    return name in _names_bound_by(node)


def _names_bound_by(node: cst.CSTNode) -> list[str]:
    """The names `node` itself (not a child of it) binds."""
    if type(node) not in _BINDERS:
        return []  # the common case, without isinstance on libcst's abstract classes
    if isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For, cst.Del)):
        return n.bound_names(node.target)
    if isinstance(node, cst.AsName):
        return n.bound_names(node.name) if isinstance(node.name, cst.BaseExpression) else []
    if isinstance(node, cst.ImportAlias):
        local = node.asname.name if node.asname is not None else node.name
        return [local.value] if isinstance(local, cst.Name) else []
    return []


def _is_queryset(node: cst.BaseExpression) -> bool:
    """A call chain of queryset methods (`X.objects.filter(...)`, `self.get_queryset().exclude(...)`):
    not a list of it, which has no delete()."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in QUERYSET_METHODS
    )


QUERYSET_METHODS = frozenset(
    {"filter", "exclude", "all", "order_by", "select_related", "prefetch_related", "distinct", "only", "defer",
     "select_for_update"}
)


def _pks_of(node: cst.BaseExpression, iterable: str) -> bool:
    """`[room.pk for room in rooms]` (a list, set or generator; `.id` too), with no condition."""
    if not isinstance(node, _COMPREHENSIONS):
        return False
    clause = node.for_in
    if clause.ifs or clause.inner_for_in is not None or not isinstance(clause.target, cst.Name):
        return False
    if not isinstance(clause.iter, cst.Name) or clause.iter.value != iterable:
        return False
    element = node.elt
    return (
        isinstance(element, cst.Attribute)
        and element.attr.value in PK_NAMES
        and isinstance(element.value, cst.Name)
        and element.value.value == clause.target.value
    )


#: Per statement (by id), what ends the scan for a delete there: whether it may skip ahead
#: (`can_skip_ahead`), and the names it binds (`binds`). Kept by the caller for one module.
ScanStops = dict[int, tuple[bool, frozenset[str]]]


def scan_stops(statement: cst.CSTNode) -> tuple[bool, frozenset[str]]:
    """`can_skip_ahead(statement)`, and every name `binds(statement, name)` holds for, in one walk."""
    skips = False
    bound: set[str] = set()

    def predicate(current: cst.CSTNode) -> bool:
        nonlocal skips
        if type(current) in _SKIPS_AHEAD:
            skips = True
        bound.update(_names_bound_by(current))
        return False

    _any_in_scope(statement, predicate)
    return skips, frozenset(bound)


def deleted_later(
    ancestors: Sequence[cst.CSTNode],
    function: cst.FunctionDef,
    receiver: str,
    model_names: frozenset[str],
    stops: ScanStops | None = None,
) -> bool:
    """Whether, after the write at the end of `ancestors` (from the module down to the write's
    small statement), the function deletes the written row (see the module docstring).
    `stops`: what `scan_stops` found for the statements already scanned, filled in here."""
    if stops is None:
        stops = {}
    root = receiver.split(".")[0].split("[")[0]
    loop = next(
        (
            node
            for node in reversed(ancestors)
            if type(node) is cst.For and type(node.target) is cst.Name and node.target.value == root
        ),
        None,
    )
    written: frozenset[str] = frozenset()
    if loop is not None:
        written = frozenset(_fields_assigned(loop.body, root))
    facts = RowDeletes(receiver=receiver, model_names=model_names, loop=loop, written=written, function=function)
    past_loop = False  # the scan has left the loop over the receiver: it names the last row only
    path = list(ancestors)
    for index in range(len(path) - 2, -1, -1):
        node, child = path[index], path[index + 1]
        if node is function:
            return False
        if node is loop:
            past_loop = True
            continue
        if type(node) is not cst.IndentedBlock:
            continue
        after = False
        for sibling in node.body:
            if sibling is child:
                after = True
                continue
            if not after:
                continue
            if past_loop:
                if facts.deletes_every_row_of_the_loop(sibling):
                    return True
            elif facts.deletes_the_instance(sibling):
                return True
            found = stops.get(id(sibling))
            if found is None:
                found = stops[id(sibling)] = scan_stops(sibling)
            if found[0] or root in found[1]:
                return False
    return False


def _fields_assigned(node: cst.CSTNode, root: str) -> set[str]:
    """The attributes assigned on `root` inside `node`: `room.is_active = False` gives is_active."""
    found: set[str] = set()

    def predicate(current: cst.CSTNode) -> bool:
        targets: list[cst.BaseExpression] = []
        if type(current) is cst.AssignTarget:
            targets.append(current.target)
        elif type(current) is cst.AnnAssign or type(current) is cst.AugAssign:
            targets.append(current.target)
        elif (
            type(current) is cst.Call
            and isinstance(current.func, cst.Name)
            and current.func.value == "setattr"
            and len(current.args) >= 2
        ):
            value = n.string_value(current.args[1].value)
            if isinstance(current.args[0].value, cst.Name) and current.args[0].value.value == root and value:
                found.add(value)
        for target in targets:
            if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == root:
                found.add(target.attr.value)
        return False

    _any_in_scope(node, predicate)
    return found
