"""Whether a write persists in its own function, or stays an in-memory change.

The writer saves the row at once. That is right for a write the function goes on to save
(`room.x = v` ... `room.save()`), and for one it hands to other code that may save it (a
helper, a method of the instance). It is wrong for a write the function never saves: the
caller decides whether the change reaches the database, and making it persist turns a read
path, a dry run or a `commit=False` call into a database write. Such a write is in memory,
for one of three reasons (the `in_memory` of a site, in the audit's JSON):

- `commit-flag`: the function takes a `commit` parameter, and every save of the instance that
  follows the write depends on it (under `if commit:`, after `if not commit: return`, or a
  call that passes `commit` on). Whatever the flag's default, `commit=False` callers rely on
  the instance staying unsaved, and the writer cannot honour that: the write stays.
- `returned-copy`: nothing saves the instance after the write, and the function returns it (a
  copy with the field set, for the caller to read or to save).
- `no-save`: nothing in the function saves the instance, or hands it to code that may, after
  the write.

"Saves" is read the way a reviewer reads it: `obj.save(...)` (`super().save(...)` for `self`),
any other method call on the instance or on an object it is an attribute of (it may save it),
and any call that gets the instance (or its container) as an argument, except calls that
cannot save it: builtins, container methods (`addresses.append(a)`), logging and copies.

Pure: a function's node in, facts out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import libcst as cst

from room_refactor.core import names as n
from room_refactor.core.walk import TOKENS, names_in, node_classes, walk

COMMIT_FLAG = "commit"
COMMIT_FLAG_REASON = "commit-flag"
RETURNED_COPY = "returned-copy"
NO_SAVE = "no-save"
IN_MEMORY_REASONS = (COMMIT_FLAG_REASON, RETURNED_COPY, NO_SAVE)

# Methods of a model instance that read it or check it, and cannot save it.
READING_METHODS = frozenset({
    "full_clean", "clean", "clean_fields", "validate_unique", "validate_constraints", "refresh_from_db",
    "get_deferred_fields", "serializable_value", "natural_key", "__str__", "__repr__", "delete",
})
READING_PREFIXES = ("get_", "is_", "has_", "can_")
# Calls that take the instance as an argument and cannot save it.
HARMLESS_CALLS = frozenset({
    "print", "str", "repr", "len", "bool", "id", "hash", "type", "isinstance", "getattr", "hasattr", "format",
    "list", "tuple", "set", "frozenset", "sorted", "reversed", "enumerate", "zip", "iter", "next", "dict",
    "copy.copy", "copy.deepcopy", "copy", "deepcopy", "vars", "sum", "min", "max", "any", "all",
})
CONTAINER_METHODS = frozenset({
    "append", "appendleft", "extend", "insert", "add", "remove", "discard", "index", "count", "setdefault",
})
LOGGING_ROOTS = frozenset({"logger", "log", "logging", "warnings", "LOGGER", "_logger", "_log"})
#: The expressions the walk spells (`_Collector._text`): a call or `super()` is no instance.
EXPRESSIONS_WITH_TEXT = frozenset({cst.Name, cst.Attribute, cst.Subscript})


def in_memory_message(receiver: str, field_name: str | None, reason: str, scope: str) -> str:
    """The review note for a write left as it is because it stays in memory."""
    target = f"{receiver}.{field_name}" if field_name else receiver
    why = {
        COMMIT_FLAG_REASON: f"{scope} takes a commit flag and saves {receiver} only when it is true",
        RETURNED_COPY: f"no save of {receiver} follows in {scope}, which returns the modified instance",
        NO_SAVE: f"no save of {receiver} follows in {scope}, and nothing there is handed it that may save it",
    }[reason]
    fix = {
        COMMIT_FLAG_REASON: "route the committing path through the writer by hand "
                            "(the writer saves at once, so commit=False callers would get a database write)",
        RETURNED_COPY: "the caller decides whether it is saved; the writer would save it here",
        NO_SAVE: "the caller decides whether it is saved; the writer would save it here",
    }[reason]
    return f"{target} is an in-memory write ({reason}): {why}; left as it is: {fix}"


@dataclass(frozen=True)
class _Event:
    index: int
    kind: str  # "save", "method", "argument", "return"
    text: str  # the receiver saved or called, the argument passed, or "" for a return
    guards: tuple[cst.CSTNode, ...]  # the commit-flag `if`s (and calls passing the flag) around it
    loops: tuple[cst.CSTNode, ...] = ()  # the `for` and `while` loops around it
    name: str = ""  # the method called, for "method"
    callee: str = ""  # the function called, for "argument"
    returned: frozenset[str] = frozenset()  # the names a return hands back as themselves
    mentioned: frozenset[str] = frozenset()  # every name a return mentions (`list(by_email.values())`)


@dataclass
class FunctionFacts:
    """What happens in one function, in source order: saves, calls, returns, commit guards."""

    takes_commit: bool
    parameters: frozenset[str] = frozenset()  # the function's parameter names, `self` included
    # each write statement: where it ends (what follows it has a greater index), and the
    # commit-flag guards around it
    positions: dict[cst.CSTNode, tuple[int, tuple[cst.CSTNode, ...]]] = field(default_factory=dict)
    loops: dict[cst.CSTNode, tuple[cst.CSTNode, ...]] = field(default_factory=dict)  # around each write
    # the collections a name's instances come from or are put into (`for room in rooms`,
    # `changed.append(room)`): handing one on (`bulk_update(rooms, ...)`) may save the instance
    containers: dict[str, set[str]] = field(default_factory=dict)
    # the other names of an instance: `room = booking.room` makes `room` and `booking.room` one
    aliases: dict[str, set[str]] = field(default_factory=dict)
    events: list[_Event] = field(default_factory=list)
    exits_on_commit: list[int] = field(default_factory=list)  # `if not commit: return` ends, by index

    def reason(self, statement: cst.CSTNode, receiver: str) -> str | None:
        """Why the write in `statement` on `receiver` stays in memory, or None when the function
        persists it (or may)."""
        if statement not in self.positions:
            return None
        start, write_guards = self.positions[statement]
        write_loops = self.loops.get(statement, ())
        names = {receiver, *self.aliases.get(receiver, ())}
        held_in = set().union(*(self.containers.get(name.split(".", 1)[0], set()) for name in names))
        persisting = [
            event for event in self.events
            if (event.index > start or _in_a_loop_with(event, write_loops))
            and (any(_may_persist(event, name) for name in names) or _hands_on_a_container(event, held_in))
        ]
        guarded = [event for event in persisting if self._depends_on_commit(event, start, write_guards)]
        if self.takes_commit and len(guarded) == len(persisting):
            return COMMIT_FLAG_REASON
        if persisting:
            return None
        root = receiver.split(".", 1)[0]
        if any(
            event.kind == "return" and (root in event.returned or held_in & event.mentioned)
            for event in self.events
            if event.index > start
        ):
            return RETURNED_COPY
        return NO_SAVE

    def _depends_on_commit(self, event: _Event, start: int, write_guards: tuple[cst.CSTNode, ...]) -> bool:
        if any(guard not in write_guards for guard in event.guards):
            return True
        return any(start < exit_index < event.index for exit_index in self.exits_on_commit)


def _in_a_loop_with(event: _Event, loops: tuple[cst.CSTNode, ...]) -> bool:
    """Whether the event is in a loop around the write: it may run again after it (a save at
    the top of the loop's body saves the previous turn's write)."""
    return any(loop in loops for loop in event.loops)


def _hands_on_a_container(event: _Event, containers: set[str]) -> bool:
    """`Room.objects.bulk_update(rooms, [...])` after `for room in rooms: room.x = ...`."""
    if event.kind != "argument" or event.text not in containers:
        return False
    return not _cannot_save(event.callee)


def _cannot_save(callee: str) -> bool:
    """A call that gets the instance (or a collection of it) and cannot save it: a builtin, a
    container's method, logging."""
    head, _, last = callee.rpartition(".")
    if callee in HARMLESS_CALLS or (head and last in CONTAINER_METHODS):
        return True
    return callee.split(".", 1)[0] in LOGGING_ROOTS


def _may_persist(event: _Event, receiver: str) -> bool:
    within = receiver.startswith(event.text + ".")  # the event is about an object holding the instance
    if event.kind == "save":
        return event.text == receiver or event.text == f"{receiver}.save"
    if event.kind == "method":
        if event.text != receiver and not within:
            return False
        return event.name not in READING_METHODS and not event.name.startswith(READING_PREFIXES)
    if event.kind == "argument":
        if event.text == f"{receiver}.save":
            return True  # `transaction.on_commit(room.save)`
        if event.text != receiver and not within:
            return False
        return not _cannot_save(event.callee)
    return False


def parameter_names(func: cst.FunctionDef) -> frozenset[str]:
    params = func.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    names = {param.name.value for param in every}
    for star in (params.star_arg, params.star_kwarg):
        if type(star) is cst.Param:
            names.add(star.name.value)
    return frozenset(names)


def saved_in_a_later_statement(
    func: cst.FunctionDef,
    writes: Iterable[tuple[int, cst.CSTNode, str]],
    saves: Iterable[tuple[int, cst.CSTNode | None, str]],
) -> bool:
    """Whether `FunctionFacts.reason` is None for each of `writes` for a reason the analysis has
    already seen, so that the walk is not needed: the function takes no commit flag, and a
    statement after the write's calls `<receiver>.save(...)` on the write's receiver, spelled the
    same. `writes`: (order, statement, receiver) of each write; `saves`: (order, statement,
    receiver) of each `.save()` call of the function's own, the receiver spelled (one of
    `EXPRESSIONS_WITH_TEXT`); orders are those of the analysis' walk, in source order."""
    if COMMIT_FLAG in parameter_names(func):
        return False
    by_receiver: dict[str, list[tuple[int, cst.CSTNode | None]]] = {}
    for order, statement, receiver in saves:
        by_receiver.setdefault(receiver, []).append((order, statement))
    return all(
        any(order > write_order and statement is not write_statement
            for order, statement in by_receiver.get(receiver, ()))
        for write_order, write_statement, receiver in writes
    )


def function_facts(
    func: cst.FunctionDef, statements: set[cst.CSTNode], code: Callable[[cst.CSTNode], str]
) -> FunctionFacts:
    """The facts of `func`, with the position of each of `statements` (the writes' statements);
    `code` gives an expression's source text, as the sites' receivers are spelled."""
    names = parameter_names(func)
    facts = FunctionFacts(takes_commit=COMMIT_FLAG in names, parameters=names)
    walk(func.body, _Collector(facts, statements, code), TOKENS)  # tokens hold no call, guard or return
    return facts


def _handed_values(value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What an argument hands the callee: itself, and the elements of a list, tuple or set it
    builds, or the values of a dict (`save_all([room])`, `*[room]`, `**{"room": room}`)."""
    found: list[cst.BaseExpression] = []
    pending = [value]
    while pending:
        current = pending.pop()
        found.append(current)
        kind = type(current)
        if kind is cst.List or kind is cst.Tuple or kind is cst.Set:
            pending.extend(element.value for element in current.elements)  # type: ignore[attr-defined]
        elif kind is cst.Dict:
            pending.extend(element.value for element in current.elements if isinstance(element, cst.DictElement))  # type: ignore[attr-defined]
    return found


def _reads_commit(node: cst.CSTNode) -> bool:
    return COMMIT_FLAG in names_in(node)


def _exits(body: cst.BaseSuite) -> bool:
    statements = body.body
    if not statements:
        return False
    last = statements[-1]
    smalls = last.body if isinstance(last, cst.SimpleStatementLine) else (
        statements if isinstance(body, cst.SimpleStatementSuite) else ()
    )
    return any(isinstance(small, (cst.Return, cst.Raise)) for small in smalls)


class _Collector(cst.CSTVisitor):
    def __init__(
        self, facts: FunctionFacts, statements: set[cst.CSTNode], code: Callable[[cst.CSTNode], str]
    ) -> None:
        super().__init__()
        self.facts = facts
        self.statement_ids = {id(statement) for statement in statements}
        self.code = code
        self.index = 0
        self.guards: list[cst.CSTNode] = []
        self.loops: list[cst.CSTNode] = []
        self.takes_commit = facts.takes_commit

    # `index` orders what happens: each event, the end of each write's statement and each
    # `if not commit: return` take the next number. Only its order is compared.
    def leave_small_statement(self, original_node: cst.CSTNode) -> None:
        if id(original_node) in self.statement_ids:
            # Calls inside the write's own statement (its value) run before the write.
            self.index += 1
            self.facts.positions[original_node] = (self.index, tuple(self.guards))
            self.facts.loops[original_node] = tuple(self.loops)

    def _text(self, node: cst.BaseExpression) -> str | None:
        if type(node) in EXPRESSIONS_WITH_TEXT:
            return self.code(node)
        return None

    def _event(self, kind: str, text: str, **extra: object) -> None:
        self.index += 1
        self.facts.events.append(
            _Event(self.index, kind, text, tuple(self.guards), tuple(self.loops), **extra)  # type: ignore[arg-type]
        )

    def visit_For(self, node: cst.For) -> None:
        self.loops.append(node)
        source = self._text(node.iter)
        if isinstance(node.target, cst.Name) and source is not None:
            self.facts.containers.setdefault(node.target.value, set()).add(source)

    def leave_For(self, original_node: cst.For) -> None:
        self.loops.pop()

    def visit_While(self, node: cst.While) -> None:
        self.loops.append(node)

    def leave_While(self, original_node: cst.While) -> None:
        self.loops.pop()

    def visit_If(self, node: cst.If) -> None:
        if self.takes_commit and _reads_commit(node.test):
            self.guards.append(node)

    def leave_If(self, original_node: cst.If) -> None:
        if self.guards and self.guards[-1] is original_node:
            self.guards.pop()
            if original_node.orelse is None and _exits(original_node.body):
                self.index += 1
                self.facts.exits_on_commit.append(self.index)

    def visit_IfExp(self, node: cst.IfExp) -> None:
        if self.takes_commit and _reads_commit(node.test):
            self.guards.append(node)

    def leave_IfExp(self, original_node: cst.IfExp) -> None:
        if self.guards and self.guards[-1] is original_node:
            self.guards.pop()

    def visit_Call(self, node: cst.Call) -> None:
        passes_flag = self.takes_commit and any(
            isinstance(arg.value, cst.Name) and arg.value.value == COMMIT_FLAG for arg in node.args
        )
        if passes_flag:
            self.guards.append(node)
        func = node.func
        if type(func) is cst.Attribute:
            method = func.attr.value
            owner = func.value
            target = (
                "self"
                if type(owner) is cst.Call and n.dotted(owner.func) == "super"
                else self._text(owner)
            )
            if target is not None:
                self._event("save" if method == "save" else "method", target, name=method)
                if method in CONTAINER_METHODS:
                    for arg in node.args:
                        element = self._text(arg.value)
                        if element is not None:
                            self.facts.containers.setdefault(element.split(".", 1)[0], set()).add(target)
        callee = n.dotted(func) or ""
        for arg in node.args:
            for value in _handed_values(arg.value):
                text = self._text(value)
                if text is not None:
                    self._event("argument", text, callee=callee)

    def leave_Call(self, original_node: cst.Call) -> None:
        if self.guards and self.guards[-1] is original_node:
            self.guards.pop()

    def _returned(self, value: cst.BaseExpression | None) -> None:
        """The names the function hands back as themselves: the value, or an element of the
        tuple, list, set or dict it builds (`return room`, `return room, created`); an attribute
        or a call of it (`return room.pk`) is not the modified instance."""
        if value is None:
            return
        mentioned: set[str] = set()
        pending: list[cst.BaseExpression] = [value]
        while pending:
            current = pending.pop()
            if isinstance(current, cst.Name):
                mentioned.add(current.value)
            elif isinstance(current, (cst.Tuple, cst.List, cst.Set)):
                pending.extend(element.value for element in current.elements)
            elif isinstance(current, cst.Dict):
                pending.extend(element.value for element in current.elements if isinstance(element, cst.DictElement))
        self._event("return", "", returned=frozenset(mentioned), mentioned=frozenset(names_in(value)))

    def visit_Assign(self, node: cst.Assign) -> None:
        """`by_email[key] = address`: the dict holds the instance from here on; `room =
        booking.room`: two names of one instance (flow-insensitive: before or after the write)."""
        element = self._text(node.value)
        if element is None:
            return
        for target in node.targets:
            if type(target.target) is cst.Name and type(node.value) is not cst.Subscript:
                name = target.target.value
                self.facts.aliases.setdefault(name, set()).add(element)
                self.facts.aliases.setdefault(element, set()).add(name)
            elif type(target.target) is cst.Subscript:
                holder = self._text(target.target.value)
                if holder is not None:
                    self.facts.containers.setdefault(element.split(".", 1)[0], set()).add(holder)

    def visit_Return(self, node: cst.Return) -> None:
        self._returned(node.value)

    def visit_Yield(self, node: cst.Yield) -> None:
        value = node.value
        self._returned(value if isinstance(value, cst.BaseExpression) else None)


# A write's statement is a small statement (core/analysis.py): its end is noted by a `leave_`
# hook of each small statement class, which core/walk.py calls without an `on_leave` per node.
for _kind in node_classes(cst.BaseSmallStatement):
    assert f"leave_{_kind.__name__}" not in _Collector.__dict__
    setattr(_Collector, f"leave_{_kind.__name__}", _Collector.leave_small_statement)
