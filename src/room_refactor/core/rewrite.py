"""The rewrites of `rewrite-writes` and `add-atomic`, over one parsed module and its analysis.

Pure: a module and an analysis in, a new module and notes out.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from keyword import iskeyword
from typing import Sequence, Union, cast

import libcst as cst

from room_refactor.config import Config
from room_refactor.core import names as n
from room_refactor.core.codegen import code_for_node, generating
from room_refactor.core.memory_changes import changed_before
from room_refactor.core.layout import Place, layout_statement, layout_value
from room_refactor.core.analysis import (
    EXTERNAL_CALLS,
    Event,
    FuncInfo,
    ModuleAnalysis,
    RawSite,
    SaveCall,
    contains_call,
    handler_is_protected,
    handler_writes,
    node_code,
    receiver_root,
)
from room_refactor.core.deletes import ScanStops, binds, deleted_later, only_value_of
from room_refactor.core.persistence import in_memory_message
from room_refactor.core.walk import any_node, rebuild, walk
from room_refactor.model import Form, Kind, Note, Protection

Statement = Union[cst.BaseStatement, cst.BaseSmallStatement]
DEFAULT_LINE_LENGTH = 88


@dataclass(frozen=True)
class RewriteOptions:
    rewrite_writes: bool = True
    add_atomic: bool = True
    local_import: bool = False  # the import style resolved for this module
    line_length: int = DEFAULT_LINE_LENGTH
    first_party: frozenset[str] = frozenset()  # the project's own top-level packages (import sections)
    # The project configures its line length (or its formatter): lay out as black and ruff do,
    # trailing comments counted. Otherwise the limit is a guess, and a comment never moves a call.
    exact_line_length: bool = False
    actor_keyword: str | None = None  # the status setter's parameter for who acted (`changed_by`)
    save_signals: bool = False  # the model has pre_save/post_save receivers: a full save() may matter
    # the writer's parameters: `row_locked` and `full_save` are passed only to a writer that takes them
    writer_keywords: frozenset[str] = frozenset()


# The names a status setter gives the parameter for who made the change.
ACTOR_PARAMETERS = ("changed_by", "actor", "user", "performed_by", "acting_user", "updated_by", "modified_by")


def actor_keyword(setter_parameters: Sequence[str] | None) -> str | None:
    """The status setter's parameter for who acted, if it has one (never its first, the row)."""
    if not setter_parameters:
        return None
    return next((name for name in setter_parameters[1:] if name in ACTOR_PARAMETERS), None)


@dataclass
class _Lock:
    """Lock these receivers just before an `if` that decides on them; `wrap`: in a new atomic
    block, from `anchor` (the statement of the function's body that holds the `if`) to the end
    of the function, so that the lock covers the decision, the write and what they guard."""

    func: FuncInfo
    receivers: dict[str, cst.BaseExpression] = field(default_factory=dict)
    wrap: bool = True
    anchor: cst.BaseStatement | None = None


@dataclass
class _Plan:
    rewrite: dict[cst.CSTNode, RawSite] = field(default_factory=dict)  # by small statement
    save_edits: dict[cst.Call, list[str]] = field(default_factory=dict)
    save_removals: set[cst.CSTNode] = field(default_factory=set)  # small statements
    decorate: set[cst.FunctionDef] = field(default_factory=set)
    local_import: set[cst.FunctionDef] = field(default_factory=set)
    module_import: bool = False
    writer_names: dict[FuncInfo | None, str] = field(default_factory=dict)  # where an import already binds it
    locks: dict[cst.CSTNode, _Lock] = field(default_factory=dict)  # decisions to take under the row lock
    wraps: dict[cst.CSTNode, cst.BaseStatement] = field(default_factory=dict)  # function body -> first wrapped
    lock_local_import: set[cst.FunctionDef] = field(default_factory=set)
    save_adds: dict[cst.Call, list[str]] = field(default_factory=dict)  # plain save() -> update_fields
    # an update_fields list built before its save(): its literals -> the names they keep
    list_edits: dict[cst.CSTNode, list[str]] = field(default_factory=dict)
    list_paths: list[tuple[cst.CSTNode, ...]] = field(default_factory=list)  # where those edits sit
    actors: set[cst.CSTNode] = field(default_factory=set)  # writes that pass request.user to the setter
    on_commit: dict[cst.CSTNode, tuple[cst.CSTNode, ...]] = field(default_factory=dict)  # Expr -> its path
    query_locks: dict[cst.CSTNode, tuple[cst.CSTNode, ...]] = field(default_factory=dict)  # queryset -> path
    kept_orderings: dict[cst.CSTNode, cst.Call] = field(default_factory=dict)  # locked queryset -> its order_by
    whole_wraps: set[cst.CSTNode] = field(default_factory=set)  # function bodies wrapped whole (split pairs)
    lock_only: list[RawSite] = field(default_factory=list)  # writes kept as they are, decided under the lock
    kept_saves: dict[FuncInfo, list[tuple[SaveCall, int]]] = field(default_factory=dict)  # after the writer
    locked_writes: set[cst.CSTNode] = field(default_factory=set)  # writes under the function's own row lock
    full_saves: set[cst.CSTNode] = field(default_factory=set)  # writes right before a save() the writer does
    folded_saves: set[cst.CSTNode] = field(default_factory=set)  # those saves' statements, removed
    lock_module_import: bool = False
    notes: list[Note] = field(default_factory=list)


def plan_changes(analysis: ModuleAnalysis, config: Config, options: RewriteOptions) -> _Plan:
    plan = _Plan()
    path = ""
    model_names = _model_names(analysis, config)
    stops: ScanStops = {}  # what each statement scanned for a delete holds (core/deletes.py)
    # (function, field) of each bulk_update(): a write of that field in that function feeds it
    bulk_updates = {(id(other.func), other.field) for other in analysis.sites
                    if other.kind is Kind.BULK_UPDATE and other.func is not None}
    for raw in analysis.sites:
        site = raw.site
        assert site is not None
        path = site.path
        if not options.rewrite_writes or site.canonical or site.ignored:
            continue
        if raw.rewritable and raw.func is not None and raw.func.is_async:
            # The writer is synchronous ORM code: called from `async def` it raises
            # SynchronousOnlyOperation, so the write stays until someone wraps it by hand.
            plan.notes.append(
                Note(site.path, site.line, "async-function",
                     f"{raw.receiver}.{site.field} is written in async {raw.func.qualname}; the writer is "
                     "synchronous, so it was left as it is (call it through sync_to_async by hand)")
            )
            continue
        if raw.rewritable and _deleted_later(raw, options, model_names, stops):
            # Through the writer, the status setter would record the transition and announce it
            # once the transaction commits, for a row that is gone by then. In one transaction,
            # the write and the delete reach other connections together: the write stays.
            plan.notes.append(
                Note(site.path, site.line, "deleted-after-write",
                     f"{raw.receiver}.{site.field} is written just before {raw.receiver}.delete() in "
                     f"{raw.func.qualname if raw.func else 'this module'}, in one transaction; left as it is, "
                     "with the pragma, so that no status change is recorded or announced for a deleted row",
                     severity="review")
            )
            plan.lock_only.append(raw)  # the decision before it still needs the row lock
            continue
        if raw.rewritable and raw.func is not None and (id(raw.func), raw.field) in bulk_updates:
            # The writer would save each row at once, and the bulk_update() would then save the
            # instances' copies again: the assignments and the bulk write are one change.
            plan.notes.append(
                Note(site.path, site.line, "feeds-bulk-update",
                     f"{raw.receiver}.{site.field} feeds a bulk_update() of {site.field} in "
                     f"{raw.func.qualname if raw.func else 'this module'}; left as it is: migrate the "
                     "assignment and the bulk write together, by hand")
            )
            continue
        if raw.rewritable and site.in_memory is not None:
            # The writer saves at once: a write this function never saves would become a
            # database write for every caller that meant to keep it in memory.
            plan.notes.append(
                Note(site.path, site.line, "in-memory",
                     in_memory_message(raw.receiver, site.field, site.in_memory,
                                       raw.func.qualname if raw.func else "this module"))
            )
            continue
        if raw.rewritable:
            assert raw.statement is not None
            plan.rewrite[raw.statement] = raw
            if site.protection is Protection.LOCKED:
                plan.locked_writes.add(raw.statement)  # read with select_for_update() in this transaction
            continue
        reason = _left_alone(raw)
        if reason is not None:
            code, message = reason
            plan.notes.append(Note(site.path, site.line, code, message))

    rewritten_funcs: set[FuncInfo | None] = {raw.func for raw in plan.rewrite.values()}
    # Each function's sites and rewritten writes, grouped once (not searched for every function).
    sites_of: dict[int, list[RawSite]] = {}
    for raw in analysis.sites:
        sites_of.setdefault(id(raw.func), []).append(raw)
    rewritten_of: dict[int, list[RawSite]] = {}
    for raw in plan.rewrite.values():
        rewritten_of.setdefault(id(raw.func), []).append(raw)
    for func in analysis.funcs:
        _plan_saves(func, sites_of.get(id(func), []), rewritten_of.get(id(func), []), plan, config.fields, options)
    if plan.rewrite:
        module_alias = analysis.top_level_imports.local_name_for(config.service)
        local_aliases = _local_writer_aliases(analysis, config)
        needs_local: set[FuncInfo] = set()
        for rewritten_func in rewritten_funcs:
            # A local import in this function or an enclosing one is visible here.
            name = _enclosing_alias(rewritten_func, local_aliases) or module_alias
            if name is not None:
                plan.writer_names[rewritten_func] = name
            elif (
                rewritten_func is None
                or not options.local_import
                or rewritten_func.node.body.__class__ is not cst.IndentedBlock
            ):
                plan.module_import = True
            else:
                needs_local.add(rewritten_func)
        for func in needs_local:
            # One import at the top of the outermost function covers the functions nested in it.
            if not any(parent in needs_local for parent in _parents(func)):
                plan.local_import.add(func.node)
        # (function, receiver) of the writes whose call stands for the save() after them too
        saving = {(id(other.func), other.receiver) for other in plan.rewrite.values() if other.statement in plan.full_saves}
        for raw in plan.rewrite.values():
            site = raw.site
            assert site is not None
            field_label = site.field
            later_save = raw.func is not None and any(
                s.receiver == raw.receiver and s.order > raw.order and s.statement not in plan.folded_saves
                for s in raw.func.saves
            )
            if raw.func is not None and (id(raw.func), raw.receiver) in saving and not later_save:
                pass  # the writer does the save() that followed (save-folded)
            elif later_save:
                plan.notes.append(
                    Note(path, site.line, "persists-earlier",
                         f"{raw.receiver}.{field_label} is now saved by the writer at this line, "
                         "before the original save()", severity="review")
                )
            else:
                plan.notes.append(
                    Note(path, site.line, "now-persisted",
                         f"{raw.receiver}.{field_label} was not saved in this function; "
                         "the writer now saves it immediately", severity="review")
                )
            if site.field == config.status_field and config.status_setter:
                setter = config.status_setter.rpartition(".")[2]
                plan.notes.append(
                    Note(path, site.line, "status-validated",
                         f"the status change now goes through {setter}(), which may validate the "
                         "transition and raise", severity="review")
                )
    _plan_actors(plan, config, options)
    if options.add_atomic:
        _plan_atomic(analysis, config, plan, path)
    _plan_locks(plan, config, options)
    _plan_query_locks(plan, config)
    _plan_transactions(plan)
    plan.notes.sort(key=lambda note: (note.line, note.code))
    return plan


def _plan_actors(plan: _Plan, config: Config, options: RewriteOptions) -> None:
    """A status change in a view handler with a `request` names who acted, when the status
    setter takes it: its audit rows would otherwise never say who made the change."""
    keyword = options.actor_keyword
    if keyword is None or not config.status_setter:
        return
    for statement, raw in plan.rewrite.items():
        func = raw.func
        if raw.field != config.status_field or func is None or func.nearest_handler() is None:
            continue
        if "request" not in _parameter_names(func.node.params):
            continue
        plan.actors.add(statement)
        if raw.site is not None:
            plan.notes.append(
                Note(raw.site.path, raw.site.line, "actor-passed",
                     f"{keyword}=request.user is passed to {config.status_setter.rpartition('.')[2]}(), so that its "
                     "audit row names who made the change", severity="review")
            )


def _plan_locks(plan: _Plan, config: Config, options: RewriteOptions) -> None:
    """Writes decided on an unlocked read of the row get the lock before the decision.

    `if room.guests.count() == 1: room.is_occupied = False` decides on a read that a concurrent
    request can change before the writer locks the row. The lock helper generated beside the
    writer (`lock_room_rows`) locks the row and refreshes every field of the instance, inside a
    transaction that lasts past the `if`, so that the decision and the write are one serialized
    step. When no transaction is open there, a new `transaction.atomic()` block holds the rest of
    the function: the decision, the write and the operation they guard (a `super().delete()`
    after the `if`). Every other row the function goes on to write through the writer, and that
    is already bound there, is locked in the same call, in primary key order, so that two
    requests never lock the same two rows in opposite orders.
    """
    from room_refactor.core.writer_templates import lock_helper_name

    lock_name = lock_helper_name(config)
    keeping = frozenset({lock_name, config.service_name})  # calls that leave an instance's fields as they are
    for raw in [*plan.rewrite.values(), *plan.lock_only]:
        site, decision, func = raw.site, raw.decision, raw.func
        assert site is not None
        if decision is None or site.protection is Protection.LOCKED or func is None:
            continue
        if raw in plan.lock_only and _locks_already(func, lock_name, raw.receiver):
            continue  # a write kept as it is, whose decision an earlier run locked
        node = decision.node
        root = receiver_root(raw.receiver_node)
        in_transaction = (
            decision.in_transaction
            or site.protection in (Protection.ATOMIC_DECORATOR, Protection.ATOMIC_REQUESTS)
            or func.node in plan.decorate
        )
        condition = "the check before this write" if decision.exits else "the condition around this write"
        reason = None
        if not isinstance(node, cst.If):
            reason = "the condition is a loop's"
        elif not decision.reads_first:
            reason = "the condition may not read it at all"
        elif contains_call(raw.receiver_node):
            reason = "the receiver is a call"
        elif not decision.exits and _rebinds(node, root):
            reason = "the receiver is rebound inside the condition's block"
        elif decision.exits and _bound_between(func, root, decision.order, raw.order):
            reason = "the receiver is bound again between the check and the write"
        elif decision.exits and not in_transaction:
            # A new atomic block around the check alone would end, and unlock, before the write.
            reason = "no transaction holds both the check and the write"
        memory = None
        if reason is None and not _held_before(plan, func, raw.receiver, root, node):
            memory = changed_before(func.node, raw.receiver_node, node, ignored=plan.rewrite, keeping=keeping)
            if memory.changed:
                # The lock reads every field again: what the function changed before it would be lost.
                reason = (f"{raw.receiver} may be changed in memory before it (reading the row again under the "
                          "lock would throw that change away)")
        if reason is not None:
            plan.notes.append(
                Note(site.path, site.line, "decided-before-lock",
                     f"{condition} reads {raw.receiver} before the writer locks the row, "
                     f"and {reason}, so it was not locked automatically: a concurrent request can change the "
                     "row in between; lock it (select_for_update) before deciding", severity="review")
            )
            continue
        assert isinstance(node, cst.If)
        lock = plan.locks.get(node)
        if lock is None:
            lock = plan.locks[node] = _Lock(func, wrap=not in_transaction)
            if lock.wrap:
                lock.anchor = _body_statement(func, raw)
                body = func.node.body
                earlier = plan.wraps.get(body)
                if lock.anchor is not None and (earlier is None or _index_in(body, lock.anchor) < _index_in(body, earlier)):
                    plan.wraps[body] = lock.anchor
            if options.local_import:
                plan.lock_local_import.add(([func, *_parents(func)])[-1].node)
            else:
                plan.lock_module_import = True
        if raw.statement is not None and raw.statement in plan.rewrite:
            plan.locked_writes.add(raw.statement)  # the lock before the decision holds the row here
        if raw.receiver in lock.receivers:
            continue
        lock.receivers[raw.receiver] = raw.receiver_node
        where = (
            "in a new transaction.atomic() block that lasts to the end of the function"
            if lock.wrap
            else "in the transaction already open there"
        )
        passed = ""
        if memory is not None and memory.passed_to:
            calls = ", ".join(f"{name}()" for name in memory.passed_to)
            passed = (f"; {raw.receiver} is passed to {calls} before that: if that changes the instance without "
                      "saving it, the fresh read drops the change")
        plan.notes.append(
            Note(site.path, site.line, "locked-before-decision",
                 f"{condition} reads {raw.receiver}: {lock_name}({raw.receiver}) now "
                 f"locks the row and reads it again just before it, {where}, so concurrent writers "
                 f"of the row wait until this decision is saved{passed}", severity="review")
        )
    for decision_node, lock in plan.locks.items():
        _lock_the_other_rows(plan, lock, decision_node, keeping)
    _drop_locks_held_already(plan, lock_name)
    _lock_the_loop_rows_together(plan, lock_name)


_REITERABLE = frozenset({"list", "sorted", "tuple"})


def _a_list(func: FuncInfo, name: str) -> bool:
    """Whether `name` is bound once in `func`, by a plain assignment, to a list or tuple (a
    display, a comprehension, `list(...)`, `sorted(...)`): a sequence that can be read twice,
    before a loop and by it, and gives the same instances both times."""
    value = only_value_of(func.node, name)
    if isinstance(value, (cst.List, cst.Tuple, cst.ListComp)):
        return True
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in _REITERABLE


def _lock_the_loop_rows_together(plan: _Plan, lock_name: str) -> None:
    """A lock of the loop's row before a decision in the loop body (`for room in rooms: if
    room.x: ...`) locks one row per turn, in the order of `rooms`: two requests holding the same
    rooms in different orders each lock one and wait for the other's. When `rooms` is a list
    of the function's own, one lock before the loop takes every row at once, in primary key
    order (`lock_room_rows(*rooms)`); otherwise the order is the caller's, and a note says so."""
    orders = _decision_orders(plan)
    for node, lock in list(plan.locks.items()):
        func = lock.func
        path = _path_to(func.node, node)
        if path is None:
            continue
        for receiver, receiver_node in list(lock.receivers.items()):
            if not isinstance(receiver_node, cst.Name):
                continue
            loop = next(
                (
                    step
                    for step in reversed(path)
                    if isinstance(step, cst.For) and isinstance(step.target, cst.Name)
                    and step.target.value == receiver
                ),
                None,
            )
            if loop is None or _bound_on_the_way(path[path.index(loop.body):], receiver):
                continue
            if (
                not isinstance(loop.iter, cst.Name)
                or not _a_list(func, loop.iter.value)
                # the loop may change the list, or stop before its end: rows locked up front
                # would miss what it adds, or hold rows it never decides on
                or _mentions(loop.body, loop.iter.value)
                or _may_stop_early(loop.body)
            ):
                line = next(
                    (raw.site.line for raw in [*plan.rewrite.values(), *plan.lock_only]
                     if raw.decision is not None and raw.decision.node is node and raw.site is not None),
                    None,
                )
                if line is not None and not any(note.code == "locked-in-loop-order" and note.line == line for note in plan.notes):
                    path_text = next((raw.site.path for raw in plan.rewrite.values() if raw.site is not None), "")
                    plan.notes.append(
                        Note(path_text, line, "locked-in-loop-order",
                             f"{lock_name}({receiver}) locks one row per turn of the loop, in the order the loop "
                             "gives them: requests that hold the same rows in different orders can deadlock; lock "
                             f"them together before the loop ({lock_name}(*rows), in primary key order) where the "
                             "rows are a list", severity="review")
                    )
                continue
            rows = loop.iter.value
            del lock.receivers[receiver]
            hoisted = plan.locks.get(loop)
            if hoisted is None:
                hoisted = plan.locks[loop] = _Lock(func, wrap=lock.wrap, anchor=lock.anchor)
            hoisted.receivers[f"*{rows}"] = cst.Name(rows)
            for raw in [*plan.rewrite.values(), *plan.lock_only]:
                if raw.decision is not None and raw.decision.node is node and raw.receiver == receiver:
                    _note_rows_locked_together(plan, raw, lock_name, rows)
            orders.setdefault(loop, orders.get(node, 0))
    _forget_empty_locks(plan)


def _mentions(node: cst.CSTNode, name: str) -> bool:
    return any_node(node, lambda current: isinstance(current, cst.Name) and current.value == name)


def _may_stop_early(body: cst.BaseSuite) -> bool:
    """Whether a loop body can end the loop before its last turn (`break`, `return`; a `break`
    of a loop nested in it counts too: being unsure keeps the lock in the loop)."""
    return any_node(body, lambda current: isinstance(current, (cst.Break, cst.Return)))


def _note_rows_locked_together(plan: _Plan, raw: RawSite, lock_name: str, rows: str) -> None:
    if raw.site is None:
        return
    for position, note in enumerate(plan.notes):
        if note.code == "locked-before-decision" and note.line == raw.site.line and f"{lock_name}({raw.receiver}) now" in note.message:
            plan.notes[position] = Note(
                note.path, note.line, note.code,
                f"the decision in the loop reads {raw.receiver}: {lock_name}(*{rows}) now locks every row of "
                f"{rows} before the loop, in one query, in primary key order, and reads them again, so that "
                "concurrent writers wait until the decisions are saved and two requests never lock these rows "
                "in opposite orders", severity=note.severity,
            )


def _decision_orders(plan: _Plan) -> dict[cst.CSTNode, int]:
    return {
        raw.decision.node: raw.decision.order
        for raw in [*plan.rewrite.values(), *plan.lock_only]
        if raw.decision is not None
    }


def _runs_before(first: tuple[cst.CSTNode, ...], second: tuple[cst.CSTNode, ...]) -> bool:
    """Whether the statement at the end of path `first` runs before the one at the end of path
    `second` on every way to it: it sits earlier in a block that holds `second` (or holds
    `second` itself), so that getting to `second` means having gone through `first`."""
    if len(first) < 2:
        return False
    block, statement = first[-2], first[-1]
    if block not in second:
        return False
    child = second[second.index(block) + 1]
    body = getattr(block, "body", None)
    if not isinstance(body, (list, tuple)) or statement not in body or child not in body:
        return False
    return body.index(statement) <= body.index(child)


def _drop_locks_held_already(plan: _Plan, lock_name: str) -> None:
    """A row locked by an earlier lock of the same function, on every way to a later decision,
    is still locked there (a row lock lasts until the transaction ends): locking it again costs
    a query and, worse, reads every field of the instance again, which drops what the function
    assigned to it in between. The later lock leaves it out; a lock left with no row goes."""
    orders = _decision_orders(plan)
    paths: dict[cst.CSTNode, tuple[cst.CSTNode, ...] | None] = {
        node: _path_to(lock.func.node, node) for node, lock in plan.locks.items()
    }
    ordered = sorted(plan.locks.items(), key=lambda item: orders.get(item[0], 0))
    for index, (later, lock) in enumerate(ordered):
        for earlier, held in ordered[:index]:
            if held.func is not lock.func:
                continue
            for receiver in list(lock.receivers):
                if receiver in held.receivers and _holds(lock.func, receiver_root(lock.receivers[receiver]),
                                                         earlier, later, paths, orders):
                    del lock.receivers[receiver]
                    _note_held_already(plan, later, receiver, lock_name, f"the earlier {lock_name}() of this function")
    _forget_empty_locks(plan)


def _holds(
    func: FuncInfo, root: str | None, earlier: cst.CSTNode, later: cst.CSTNode,
    paths: dict[cst.CSTNode, tuple[cst.CSTNode, ...] | None], orders: dict[cst.CSTNode, int],
) -> bool:
    """Whether a lock before decision `earlier` still holds, at decision `later`, a row it locked
    for `root`: it runs on every way to `later` and `root` is not bound again in between."""
    earlier_path, later_path = paths[earlier], paths[later]
    return (
        earlier_path is not None and later_path is not None and _runs_before(earlier_path, later_path)
        and not _bound_between(func, root, orders.get(earlier, 0), orders.get(later, 0))
    )


def _held_before(plan: _Plan, func: FuncInfo, receiver: str, root: str | None, decision: cst.CSTNode) -> bool:
    """Whether a lock planned already, before an earlier decision of `func`, holds `receiver`'s
    row at `decision` (`_drop_locks_held_already` then leaves it out of this decision's lock)."""
    earlier = [node for node, lock in plan.locks.items() if lock.func is func and receiver in lock.receivers]
    if not earlier:
        return False
    orders = _decision_orders(plan)
    paths = {node: _path_to(func.node, node) for node in [*earlier, decision]}
    return any(_holds(func, root, node, decision, paths, orders) for node in earlier if node is not decision)


def _note_held_already(
    plan: _Plan, decision: cst.CSTNode | None, receiver: str, lock_name: str, by: str, *, locked: str | None = None
) -> None:
    """The write's `locked-before-decision` note names the lock that holds its row now.
    `decision`: the write's decision (None: any); `locked`: what the note's lock call names."""
    lines = {
        raw.site.line
        for raw in [*plan.rewrite.values(), *plan.lock_only]
        if raw.decision is not None
        and (decision is None or raw.decision.node is decision)
        and raw.receiver == receiver
        and raw.site
    }
    call = f"{lock_name}({locked or receiver}) now"
    for position, note in enumerate(plan.notes):
        if note.code == "locked-before-decision" and note.line in lines and call in note.message:
            plan.notes[position] = Note(
                note.path, note.line, note.code,
                f"the decision on {receiver} before this write takes no lock of its own: {by} holds the row "
                "already, until the transaction ends; locking it again would cost a query and read every field "
                "again, dropping what the function assigned in between", severity=note.severity,
            )


def _forget_empty_locks(plan: _Plan) -> None:
    for node in [node for node, lock in plan.locks.items() if not lock.receivers]:
        del plan.locks[node]
    still = {([lock.func, *_parents(lock.func)])[-1].node for lock in plan.locks.values()}
    plan.lock_local_import &= still


# The visitors of the plan's questions are classes of the module, never of the function that
# asks: a class made per call is garbage only the cycle collector frees (with the nodes its
# closures hold), and core.walk keeps the hooks of every visitor class it meets.


class _LockCalls(cst.CSTVisitor):
    def __init__(self, lock_name: str, receiver: str) -> None:
        super().__init__()
        self.lock_name, self.receiver = lock_name, receiver
        self.found = False

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == self.lock_name:
            if any(n.dotted(arg.value) == self.receiver for arg in node.args):
                self.found = True


def _locks_already(func: FuncInfo, lock_name: str, receiver: str) -> bool:
    finder = _LockCalls(lock_name, receiver)
    walk(func.node, finder)
    return finder.found


def _lock_the_other_rows(plan: _Plan, lock: _Lock, decision_node: cst.CSTNode, keeping: frozenset[str]) -> None:
    """Add to `lock` the other receivers its function writes through the writer after the
    decision, when they are bound by then, not bound again before their write and not changed
    in memory before the decision (the lock reads them again): one call then locks all of them
    in primary key order."""
    func = lock.func
    decision_order = next(
        (
            raw.decision.order
            for raw in [*plan.rewrite.values(), *plan.lock_only]
            if raw.decision is not None and raw.decision.node is decision_node
        ),
        None,
    )
    if decision_order is None:
        return
    parameters = set(_parameter_names(func.node.params))
    added: list[str] = []
    last: RawSite | None = None
    for raw in sorted(plan.rewrite.values(), key=lambda r: r.order):
        if raw.func is not func or raw.order < decision_order or raw.receiver in lock.receivers:
            continue
        if raw.site is None or raw.site.protection is Protection.LOCKED or contains_call(raw.receiver_node):
            continue
        root = receiver_root(raw.receiver_node)
        if root is None:
            continue
        bound_before = root in parameters or any(at < decision_order for at, _, _ in func.bindings.get(root, ()))
        if not bound_before or _bound_between(func, root, decision_order, raw.order):
            continue
        if changed_before(func.node, raw.receiver_node, decision_node, ignored=plan.rewrite, keeping=keeping).changed:
            continue
        lock.receivers[raw.receiver] = raw.receiver_node
        added.append(raw.receiver)
        last = raw
        # Locked now: the note that left this write's lock to a person no longer holds.
        plan.notes = [
            note
            for note in plan.notes
            if not (note.code == "decided-before-lock" and note.line == raw.site.line
                    and f" reads {raw.receiver} before" in note.message)
        ]
    if added and last is not None and last.site is not None:
        first = next(iter(lock.receivers))
        plan.notes.append(
            Note(last.site.path, last.site.line, "locked-in-pk-order",
                 f"{', '.join(added)} written later in {func.qualname} is locked together with {first}, "
                 "in primary key order, so that two requests never lock these rows in opposite orders",
                 severity="review")
        )


def _parameter_names(params: cst.Parameters) -> list[str]:
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    if isinstance(params.star_arg, cst.Param):
        every.append(params.star_arg)
    if params.star_kwarg is not None:
        every.append(params.star_kwarg)
    return [param.name.value for param in every]


def _body_statement(func: FuncInfo, raw: RawSite) -> cst.BaseStatement | None:
    """The statement of the function's own body that holds the write."""
    body = func.node.body
    if not isinstance(body, cst.IndentedBlock):
        return None
    for index, node in enumerate(raw.ancestors):
        if node is body and index + 1 < len(raw.ancestors):
            statement = raw.ancestors[index + 1]
            return statement if isinstance(statement, cst.BaseStatement) else None
    return None


def _index_in(body: cst.BaseSuite, statement: cst.BaseStatement) -> int:
    assert isinstance(body, cst.IndentedBlock)
    return next(i for i, s in enumerate(body.body) if s is statement)


def _deleted_later(raw: RawSite, options: RewriteOptions, model_names: frozenset[str], stops: ScanStops) -> bool:
    """Whether the function deletes the written row later (`room.delete()`, or a queryset
    delete that provably includes it: core/deletes.py), in a transaction (its own, or the one
    add-atomic gives a handler)."""
    func, site = raw.func, raw.site
    if func is None or site is None or raw.statement is None or not func.calls_delete:
        return False  # every delete deletes.py knows is a statement's `X.delete()`
    in_transaction = (
        func.protected_by_decorator
        or site.protection is not Protection.NONE
        or (options.add_atomic and func.handler is not None and func.mutating and not func.is_async)
    )
    if not in_transaction:
        return False
    return deleted_later(raw.ancestors, func.node, raw.receiver, model_names, stops)


def _model_names(analysis: ModuleAnalysis, config: Config) -> frozenset[str]:
    """The local names of the configured model in this module: imported, or defined here."""
    found = {local for local, full in analysis.imports.names.items() if full == config.model}
    if analysis.module_name and f"{analysis.module_name}.{config.model_name}" == config.model:
        found.add(config.model_name)
    return frozenset(found)


QUERYSET_METHODS = frozenset(
    {"filter", "exclude", "all", "order_by", "select_related", "prefetch_related", "distinct", "only", "defer"}
)


def _plan_query_locks(plan: _Plan, config: Config) -> None:
    """A loop over a filtered queryset decides in the query: `for room in
    Room.objects.filter(is_occupied=False)` (or over `rooms = list(qs.exclude(...))`) picks rows
    read before any lock. Inside a transaction, the deciding query itself takes the locks, in
    primary key order: `.select_for_update(of=("self",)).order_by("pk")`. Outside one, or when
    the query cannot be found, the lock is left to a person."""
    from room_refactor.core.writer_templates import lock_helper_name

    done: set[int] = set()
    for raw in [*plan.rewrite.values(), *plan.lock_only]:
        func, site = raw.func, raw.site
        if func is None or site is None or type(raw.receiver_node) is not cst.Name:
            continue
        loop = next(
            (
                node
                for node in reversed(raw.ancestors)
                if type(node) is cst.For
                and type(node.target) is cst.Name
                and node.target.value == raw.receiver_node.value
            ),
            None,
        )
        if loop is None or id(loop) in done:
            continue
        done.add(id(loop))
        query = _deciding_query(func, loop)
        if query is None:
            continue
        in_transaction = (
            func.protected_by_decorator
            or func.node in plan.decorate
            or site.protection in (Protection.ATOMIC_BLOCK, Protection.ATOMIC_REQUESTS)
        )
        if site.protection is Protection.LOCKED or "select_for_update" in node_code_text(query):
            continue
        if not in_transaction:
            plan.notes.append(
                Note(site.path, site.line, "decided-before-lock",
                     f"the loop over a queryset decides which rows {raw.receiver} is before any lock, and no "
                     "transaction holds the loop: lock the rows in the query (select_for_update) inside one",
                     severity="review")
            )
            continue
        path = _path_to(func.node, query)
        if path is None:
            continue
        plan.query_locks[query] = (*func.ancestors, *path)
        _drop_locks_of_the_loop_rows(plan, func, loop, raw.receiver_node.value, lock_helper_name(config))
        ordering = _own_ordering(query)
        if ordering is None:
            plan.notes.append(
                Note(site.path, site.line, "locked-in-query",
                     f"the queryset the loop over {raw.receiver} comes from now locks its rows, in primary key "
                     "order, so that a row changed since it matched is not overwritten", severity="review")
            )
            continue
        # The loop goes through the rows in the query's own order, which the code may rely on:
        # `.order_by("pk")` would replace it. The rows are locked in that order, made total by
        # the primary key, instead; other code locks them in primary key order.
        plan.kept_orderings[query] = ordering
        keys = ", ".join(node_code_text(arg.value) for arg in ordering.args)
        plan.notes.append(
            Note(site.path, site.line, "locked-in-query",
                 f"the queryset the loop over {raw.receiver} comes from now locks its rows, so that a row changed "
                 f"since it matched is not overwritten, in its own order ({keys}, then pk), which the loop keeps: "
                 "not in primary key order, as the other locks are; where two requests can lock the same rows "
                 "this way and in primary key order, order the query by pk", severity="review")
        )


def _ends_with_pk(order_by: cst.Call) -> bool:
    last = n.string_value(order_by.args[-1].value) if order_by.args else None
    return last is not None and last.lstrip("-") in ("pk", "id")


def _own_ordering(query: cst.Call) -> cst.Call | None:
    """The chain's `.order_by(...)` with keys, if any (the last one counts: Django replaces)."""
    node: cst.BaseExpression = query
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        if node.func.attr.value == "order_by":
            return node if node.args and all(arg.keyword is None and not arg.star for arg in node.args) else None
        node = node.func.value
    return None


def _drop_locks_of_the_loop_rows(plan: _Plan, func: FuncInfo, loop: cst.For, target: str, lock_name: str) -> None:
    """The loop's query locks every row it gives `target`: a lock of `target` before a decision
    in the loop body, with `target` not bound again before it, would lock the row a second time,
    and so would the lock of every row of the loop before it (see _lock_the_loop_rows_together)."""
    before = plan.locks.get(loop)
    if before is not None and isinstance(loop.iter, cst.Name):
        rows = f"*{loop.iter.value}"
        if before.receivers.pop(rows, None) is not None:
            _note_held_already(plan, None, target, lock_name, "the loop's query (select_for_update)", locked=rows)
    for node, lock in plan.locks.items():
        if lock.func is not func or lock.wrap or target not in lock.receivers:
            continue
        path = _path_to(loop.body, node)
        if path is None or _bound_on_the_way(path, target):
            continue
        del lock.receivers[target]
        _note_held_already(plan, node, target, lock_name, "the loop's query (select_for_update)")
    _forget_empty_locks(plan)


def _bound_on_the_way(path: tuple[cst.CSTNode, ...], name: str) -> bool:
    """Whether a statement before the end of `path`, in one of the blocks along it, binds `name`."""
    for block, child in zip(path, path[1:]):
        body = getattr(block, "body", None)
        if not isinstance(body, (list, tuple)) or child not in body:
            continue
        if any(binds(statement, name) for statement in body[: body.index(child)]):
            return True
    return False


_NO_MODULE = cst.Module(body=[])  # the indentation and line ends of a node generated on its own


def node_code_text(node: cst.CSTNode) -> str:
    return code_for_node(_NO_MODULE, node)


def _queryset_chain(node: cst.BaseExpression | None) -> cst.Call | None:
    """`X.objects.filter(...)...`, also inside `list(...)`: the outermost call of the chain."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "list" and node.args:
        return _queryset_chain(node.args[0].value)
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in QUERYSET_METHODS
    ):
        return node
    return None


class _AssignedValues(cst.CSTVisitor):
    """The values assigned to a name by plain `name = ...` statements."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.values: list[cst.BaseExpression] = []

    def visit_Assign(self, node: cst.Assign) -> None:
        if any(isinstance(t.target, cst.Name) and t.target.value == self.name for t in node.targets):
            self.values.append(node.value)


def _deciding_query(func: FuncInfo, loop: cst.For) -> cst.Call | None:
    direct = _queryset_chain(loop.iter)
    if direct is not None:
        return direct
    if not isinstance(loop.iter, cst.Name):
        return None
    name = loop.iter.value
    finder = _AssignedValues(name)
    walk(func.node, finder)
    values = finder.values
    if len(values) != 1 or len(func.bindings.get(name, ())) != 1:
        return None  # bound more than once: which query it holds is a person's call
    return _queryset_chain(values[0])


class _PathFinder(cst.CSTVisitor):
    def __init__(self, target: cst.CSTNode) -> None:
        super().__init__()
        self.target = target
        self.path: list[cst.CSTNode] = []
        self.found: tuple[cst.CSTNode, ...] | None = None

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.found is not None:
            return False
        self.path.append(node)
        if node is self.target:
            self.found = tuple(self.path)
            return False
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if self.path and self.path[-1] is original_node:
            self.path.pop()


def _path_to(root: cst.CSTNode, target: cst.CSTNode) -> tuple[cst.CSTNode, ...] | None:
    finder = _PathFinder(target)
    walk(root, finder)
    return finder.found


def _plan_transactions(plan: _Plan) -> None:
    """A function that writes through the writer and later saves the same instance runs in one
    transaction: the writer commits and unlocks at once otherwise, and the later save() writes
    the instance's copies over whatever committed in between."""
    for func, saves in plan.kept_saves.items():
        in_transaction = func.protected_by_decorator or func.node in plan.decorate or any(
            raw.site is not None and raw.site.protection is not Protection.NONE
            for raw in plan.rewrite.values()
            if raw.func is func
        )
        if in_transaction:
            continue
        body = func.node.body
        if not isinstance(body, cst.IndentedBlock):
            continue
        statements = list(body.body)
        first = 1 if len(statements) > 1 and _is_docstring(statements[0]) else 0
        plan.wraps[body] = statements[first]
        save, line = saves[0]
        path = next((raw.site.path for raw in plan.rewrite.values() if raw.site is not None), "")
        plan.notes.append(
            Note(path, line, "made-atomic",
                 f"{func.qualname} writes {save.receiver} through the writer and saves it again later: its body "
                 "now runs in one transaction.atomic() block, so that the later save() holds the row lock and "
                 "cannot write over a change committed in between", severity="review")
        )


def _bound_between(func: FuncInfo, name: str | None, start: int, end: int) -> bool:
    """Whether `name` is bound in `func` between two points of it (by analysis order)."""
    if name is None:
        return True
    return any(start < bound_at < end for bound_at, _, _ in func.bindings.get(name, ()))


def _rebinds(node: cst.CSTNode, name: str | None) -> bool:
    if name is None:
        return True
    facts = _Facts(frozenset())
    walk(node, facts)
    return name in facts.names_bound


def _parents(func: FuncInfo) -> list[FuncInfo]:
    out = []
    frame = func.parent
    while frame is not None:
        out.append(frame)
        frame = frame.parent
    return out


def _enclosing_alias(func: FuncInfo | None, aliases: dict[cst.FunctionDef, str]) -> str | None:
    if func is None:
        return None
    for frame in [func, *_parents(func)]:
        if frame.node in aliases:
            return aliases[frame.node]
    return None


def _local_writer_aliases(analysis: ModuleAnalysis, config: Config) -> dict[cst.FunctionDef, str]:
    """The name under which each function imports the writer itself, if it does."""
    finder = _WriterImports(analysis, config)
    if not any(func.imports_writer_locally for func in analysis.funcs):
        return finder.aliases
    for func in analysis.funcs:
        if func.parent is None:
            walk(func.node, finder)
    return finder.aliases


class _WriterImports(cst.CSTVisitor):
    def __init__(self, analysis: ModuleAnalysis, config: Config) -> None:
        super().__init__()
        self.analysis, self.config = analysis, config
        self.aliases: dict[cst.FunctionDef, str] = {}
        self.stack: list[cst.FunctionDef] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if not self.stack or isinstance(node.names, cst.ImportStar):
            return
        analysis, config = self.analysis, self.config
        source = n.absolute_module(
            n.import_module_text(node), analysis.module_name, is_package=analysis.imports.is_package
        )
        if source != config.service_module:
            return
        for alias in node.names:
            if n.dotted(alias.name) == config.service_name:
                local = config.service_name
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    local = alias.asname.name.value
                self.aliases.setdefault(self.stack[-1], local)


def _left_alone(raw: RawSite) -> tuple[str, str] | None:
    site = raw.site
    assert site is not None
    if raw.kind is Kind.DYNAMIC:
        return "dynamic-field", f"setattr({raw.receiver}, <dynamic name>, ...) left as it is: the field name is not a literal"
    if raw.kind in (Kind.QUERYSET_UPDATE, Kind.BULK_UPDATE):
        return "bulk-write", f"{site.kind.value} of {site.field} left as it is: bulk writes need a manual review"
    if raw.kind is Kind.SETATTR:
        return "setattr-in-expression", f"setattr({raw.receiver}, {site.field!r}, ...) is not a statement; left as it is"
    if raw.kind is Kind.ATTRIBUTE:
        labels = {
            Form.CHAINED: ("chained-target", "a chained assignment"),
            Form.TUPLE: ("tuple-target", "a tuple assignment"),
            Form.AUGMENTED: ("augmented-assignment", "an augmented assignment"),
        }
        if raw.form in labels:
            code, what = labels[raw.form]
            return code, f"{raw.receiver}.{site.field} is written in {what}; left as it is"
    return None


def _plan_saves(
    func: FuncInfo, sites: list[RawSite], rewritten: list[RawSite], plan: _Plan, fields: Sequence[str],
    options: RewriteOptions,
) -> None:
    """`sites`: the function's sites; `rewritten`: those of them the plan rewrites, in its order."""
    if not func.saves or not rewritten:
        return
    # Fields still written directly keep their place in update_fields; a dynamic setattr may
    # write either field.
    kept = {
        (raw.receiver, field_name)
        for raw in sites
        if raw.kind in (Kind.ATTRIBUTE, Kind.SETATTR, Kind.DYNAMIC) and raw.statement not in plan.rewrite
        for field_name in ([raw.field] if raw.kind is not Kind.DYNAMIC else fields)
    }
    events: list[_Event] | None = None  # one walk of the function, made for the first save that needs it
    for save in func.saves:
        migrated = {
            field_name
            for field_name in fields
            if (save.receiver, field_name) not in kept
            and _written_before(
                save,
                {
                    id(raw.statement)
                    for raw in rewritten
                    if raw.receiver == save.receiver and raw.field == field_name and raw.order < save.order
                },
            )
        }
        if not migrated:
            continue
        line = min(raw.site.line for raw in rewritten if raw.receiver == save.receiver and raw.site)
        if not save.literal and _trim_built_list(func, save, migrated, plan, rewritten[0].site.path if rewritten[0].site else "", line):
            continue
        if not save.literal:
            plan.notes.append(
                Note(rewritten[0].site.path if rewritten[0].site else "", line, "update-fields-dynamic",
                     f"{save.receiver}.save(update_fields=...) is not a literal list; it still names the "
                     "migrated fields and may save stale values")
            )
            continue
        path = rewritten[0].site.path if rewritten[0].site else ""
        if events is None:
            events = _receiver_events(func)
        use = _receiver_use(events, save, [raw for raw in rewritten if raw.receiver == save.receiver], fields)
        if save.fields is None:
            _plan_plain_save(func, save, use, plan, path, line, keep=options.save_signals, options=options)
            continue
        remaining = [name for name in save.fields if name not in migrated]
        if not use.opaque:
            # A field the function never assigns was loaded before the writer's lock: saving it
            # again writes that stale value back (and the writer already saved the auto-updated ones).
            remaining = [name for name in remaining if name in use.assigned or (save.receiver, name) in kept]
        if remaining == save.fields:
            continue
        if remaining:
            plan.save_edits[save.call] = remaining
            plan.notes.append(
                Note(path, line, "update-fields-changed",
                     f"{save.receiver}.save(update_fields=...) no longer names {', '.join(sorted(filter(None, migrated)))}: "
                     "the writer saved them", severity="review")
            )
        elif save.is_statement:
            statement = save.statement
            if statement is not None:
                plan.save_removals.add(statement)
                plan.notes.append(
                    Note(path, line, "save-removed",
                         f"{save.receiver}.save(update_fields=[...]) removed: the writer saved every field it named",
                         severity="review")
                )
        else:
            plan.notes.append(
                Note(path, line, "update-fields-dynamic",
                     f"{save.receiver}.save(update_fields=...) would become empty but is not a statement; left as it is")
            )


@dataclass
class _BuiltList:
    """`fields = [...]`, then `fields.append("x")`, `fields.extend([...])`, `fields += [...]`,
    then `obj.save(update_fields=fields)`: the literals that make up the list."""

    initial: cst.List | cst.Tuple
    added: list[tuple[cst.BaseSmallStatement, cst.BaseExpression]] = field(default_factory=list)  # statement, literal


class _ListUses(cst.CSTVisitor):
    """How a function uses one name of a list: its assignments, what is added to it, and any
    other use (`broken`); `uses` counts the name's appearances, `accounted` those explained."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.uses = self.accounted = 0
        self.assigned: list[cst.BaseExpression] = []
        self.added: list[tuple[cst.BaseSmallStatement, cst.BaseExpression]] = []
        self.broken = False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.uses += 1

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value == self.name:
            self.uses -= 1  # `update_fields=`: a keyword, not a use of the name

    def visit_Assign(self, node: cst.Assign) -> None:
        if any(isinstance(t.target, cst.Name) and t.target.value == self.name for t in node.targets):
            if len(node.targets) != 1:
                self.broken = True
            self.assigned.append(node.value)
            self.accounted += 1

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name) and node.target.value == self.name:
            self.broken = True

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name) and node.target.value == self.name:
            if isinstance(node.operator, cst.AddAssign) and isinstance(node.value, (cst.List, cst.Tuple)):
                self.added.append((node, node.value))
                self.accounted += 1
            else:
                self.broken = True

    def visit_Expr(self, node: cst.Expr) -> None:
        call = node.value
        if (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and isinstance(call.func.value, cst.Name)
            and call.func.value.value == self.name
        ):
            method = call.func.attr.value
            if method in ("append", "extend") and len(call.args) == 1 and call.args[0].keyword is None:
                self.added.append((node, call.args[0].value))
                self.accounted += 1
            else:
                self.broken = True


def _built_update_fields(func: FuncInfo, save: SaveCall) -> _BuiltList | None:
    """The list a save's `update_fields=name` names, when the function builds it from literals
    alone: one assignment of a literal list, then only appends, extends and `+=` of literal
    strings, and no other use of the name (passed on, rebound, read) anywhere in the function."""
    argument = next((arg.value for arg in save.call.args if arg.keyword is not None
                     and arg.keyword.value == "update_fields"), None)
    if not isinstance(argument, cst.Name):
        return None
    name = argument.value
    uses = _ListUses(name)
    walk(func.node, uses)
    uses.accounted += 1  # the save's own argument
    if uses.broken or len(uses.assigned) != 1 or uses.uses != uses.accounted:
        return None
    initial = uses.assigned[0]
    added = uses.added
    if not isinstance(initial, (cst.List, cst.Tuple)) or n.string_list(initial) is None:
        return None
    for statement, literal in added:
        is_append = isinstance(statement, cst.Expr)
        if is_append and isinstance(statement.value, cst.Call) and statement.value.func.attr.value == "append":  # type: ignore[attr-defined]
            if n.string_value(literal) is None:
                return None
        elif not isinstance(literal, (cst.List, cst.Tuple)) or n.string_list(literal) is None:
            return None
    return _BuiltList(initial, added)


def _trim_built_list(func: FuncInfo, save: SaveCall, migrated: set[str], plan: _Plan, path: str, line: int) -> bool:
    """Drop the migrated fields from an update_fields list the function builds before the save
    (the writer saved them; saving the instance's copy again could write a stale value):
    from the initial literal, and each append of one of them; an extend or `+=` loses them from
    its literal, or goes when nothing is left. Whether it could be traced."""
    built = _built_update_fields(func, save)
    if built is None:
        return False
    dropped: list[str] = []

    def keep(container: cst.BaseExpression) -> list[str]:
        names = n.string_list(container) or []
        dropped.extend(name for name in names if name in migrated and name not in dropped)
        return [name for name in names if name not in migrated]

    targets: list[cst.CSTNode] = []
    remaining = keep(built.initial)
    if remaining != n.string_list(built.initial):
        plan.list_edits[built.initial] = remaining
        targets.append(built.initial)
    for statement, literal in built.added:
        if isinstance(literal, (cst.List, cst.Tuple)):
            left = keep(literal)
            if not left:
                plan.save_removals.add(statement)
                targets.append(statement)
            elif left != n.string_list(literal):
                plan.list_edits[literal] = left
                targets.append(literal)
        elif n.string_value(literal) in migrated:
            keep(cst.List([cst.Element(literal)]))
            plan.save_removals.add(statement)
            targets.append(statement)
    for target in targets:
        inner = _path_to(func.node, target)
        if inner is not None:
            plan.list_paths.append((*func.ancestors, *inner))
    if dropped:
        plan.notes.append(
            Note(path, line, "update-fields-changed",
                 f"the update_fields list built for {save.receiver}.save() no longer gets "
                 f"{', '.join(sorted(dropped))}: the writer saved them", severity="review")
        )
    return True


@dataclass
class _ReceiverUse:
    assigned: list[str] = field(default_factory=list)  # other attributes the function sets on it
    opaque: bool = False  # handed to other code between the writer and the save, which may set more


_Event = Event  # what `_receiver_use` needs of a function (core/analysis.py)


def _receiver_events(func: FuncInfo) -> list[_Event]:
    """The function's events, which the analysis noted on its walk of the module."""
    return func.events


def _receiver_use(events: Sequence[_Event], save: SaveCall, writes: Sequence[RawSite], fields: Sequence[str]) -> _ReceiverUse:
    """What the function does with the saved receiver besides the writes the writer now makes:
    the other attributes it assigns (anywhere), and whether the receiver is handed to other
    code between the first write and the save."""
    use = _ReceiverUse()
    receiver = save.receiver
    write_statements = {id(raw.statement) for raw in writes}
    after_write, before_save = False, True
    for kind, first, second, third in events:
        if kind == "line":
            if not after_write and any(small in write_statements for small in first):
                after_write = True
        elif kind == "call":
            if first is save.call:
                before_save = False
            elif after_write and before_save:
                if receiver in second:
                    use.opaque = True  # a helper may set attributes on it
                if third is not None and third[0] == receiver and third[1] not in (
                    "save", "refresh_from_db", "full_clean", "clean"
                ):
                    use.opaque = True
        elif first == receiver and second not in fields and second not in use.assigned:
            use.assigned.append(second)
    return use


def _next_after(block: cst.CSTNode | None, write: cst.CSTNode | None) -> cst.CSTNode | None:
    """The statement right after `write` in `block`: the next small statement on its line, or
    the first of the next line (a compound statement is itself the next one)."""
    if block is None or write is None:
        return None
    smalls: list[cst.CSTNode] = []
    for statement in getattr(block, "body", ()):
        smalls.extend(statement.body if isinstance(statement, cst.SimpleStatementLine) else [statement])
    for index, small in enumerate(smalls[:-1]):
        if small is write:
            return smalls[index + 1]
    return None


def _fold_into_the_writer(
    func: FuncInfo, save: SaveCall, plan: _Plan, options: RewriteOptions, path: str, line: int
) -> bool:
    """`room.x = v` then `room.save()` (plain, no argument), which must stay a full save (see
    _plan_plain_save): the writer takes it over (`full_save=True`), so that the row is locked and
    saved once, every field of the instance, as that save() did. Only for a writer that takes the
    keyword, and only when every rewritten write of the instance in the function comes right
    before the save, in a run: whichever call the run becomes, nothing but the run's own writes
    lies between it and the save it takes over."""
    if "full_save" not in options.writer_keywords or save.call.args or not save.is_statement:
        return False
    writes = [raw for raw in plan.rewrite.values() if raw.func is func and raw.receiver == save.receiver]
    if not writes:
        return False
    run = sorted(writes, key=lambda raw: raw.order)
    if any(raw.order > save.order for raw in run):
        return False
    for earlier, later in zip(run, run[1:]):
        if earlier.block is not later.block or _next_after(earlier.block, earlier.statement) is not later.statement:
            return False
    last = run[-1]
    if save.statement is None or _next_after(last.block, last.statement) is not save.statement:
        return False
    assert last.statement is not None and save.statement is not None
    plan.full_saves.add(last.statement)
    plan.folded_saves.add(save.statement)
    plan.save_removals.add(save.statement)
    plan.notes.append(
        Note(path, line, "save-folded",
             f"{save.receiver}.save() is now the writer's (full_save=True): every field of {save.receiver} is "
             "saved, as that save() did, once the row is locked, in one UPDATE", severity="review")
    )
    return True


def _plan_plain_save(
    func: FuncInfo, save: SaveCall, use: _ReceiverUse, plan: _Plan, path: str, line: int, *, keep: bool,
    options: RewriteOptions,
) -> None:
    """A plain `save()` after the writer: it would save every field again, state and stale
    ones. Trimmed to the fields the function assigned, removed when there are none; kept when
    the instance went through other code in between, or when the model has save signal
    receivers (a full save may be what they act on), or when the instance is `self`: a model
    method's caller may have set other fields in memory first (`address.set_verified(commit=False)`
    then `address.set_as_primary()`), which only this save() stores. The function then needs one
    transaction."""
    if keep or use.opaque or save.receiver == "self" or not save.is_statement or save.statement is None:
        if not _fold_into_the_writer(func, save, plan, options, path, line):
            plan.kept_saves.setdefault(func, []).append((save, line))
        return
    if use.assigned:
        plan.save_adds[save.call] = list(use.assigned)
        plan.notes.append(
            Note(path, line, "update-fields-changed",
                 f"{save.receiver}.save() now saves only {', '.join(use.assigned)}, the fields this function "
                 "assigns: the writer saved the state fields, and the others would be stale", severity="review")
        )
        return
    plan.save_removals.add(save.statement)
    plan.notes.append(
        Note(path, line, "save-removed",
             f"{save.receiver}.save() removed: the writer saved the state fields, and this function assigns "
             "no other field", severity="review")
    )


def _written_before(save: SaveCall, writes: set[int]) -> bool:
    """Whether every path to `save` went through one of `writes` (small statements, by id):
    only then has the writer certainly saved the field, so that the save may drop it. Each block
    around the save, up to its function, is searched for an earlier statement that always runs
    a write when it completes: a `with` whose body does, an `if` whose every branch does, a
    `match` with a catch-all case whose every case does, a `try` whose body and handlers do (or
    its `finally`). A loop may run zero times; a write in one branch only leaves the save as it is."""
    if not writes:
        return False
    path = save.ancestors
    for index in range(len(path) - 2, -1, -1):
        node, child = path[index], path[index + 1]
        kind = type(node)
        if kind is cst.FunctionDef or kind is cst.Lambda or kind is cst.ClassDef:
            return False
        siblings: Sequence[cst.CSTNode] = ()
        if kind is cst.IndentedBlock or kind is cst.Module or kind is cst.SimpleStatementLine:
            siblings = node.body  # type: ignore[attr-defined]
        for sibling in siblings:
            if sibling is child:
                break
            if _always_writes(sibling, writes):
                return True
    return False


def _always_writes(node: cst.CSTNode, writes: set[int]) -> bool:
    """Whether `node`, when it completes normally, has run one of `writes`."""
    if id(node) in writes:
        return True
    if type(node) is cst.SimpleStatementLine or type(node) is cst.SimpleStatementSuite:
        return any(id(small) in writes for small in node.body)
    if type(node) is cst.IndentedBlock:
        return any(_always_writes(statement, writes) for statement in node.body)
    if isinstance(node, (cst.Else, cst.Finally, cst.MatchCase, cst.ExceptHandler, cst.ExceptStarHandler)):
        return _always_writes(node.body, writes)
    if isinstance(node, cst.With):
        return _always_writes(node.body, writes)
    if isinstance(node, cst.If):
        return node.orelse is not None and _always_writes(node.body, writes) and _always_writes(node.orelse, writes)
    if isinstance(node, cst.Match):
        last = node.cases[-1] if node.cases else None
        catch_all = (
            last is not None
            and last.guard is None
            and isinstance(last.pattern, cst.MatchAs)
            and last.pattern.pattern is None
        )
        return catch_all and all(_always_writes(case.body, writes) for case in node.cases)
    if isinstance(node, (cst.Try, cst.TryStar)):
        if node.finalbody is not None and _always_writes(node.finalbody, writes):
            return True
        handlers_write = all(_always_writes(handler.body, writes) for handler in node.handlers)
        body_writes = _always_writes(node.body, writes) or (
            node.orelse is not None and _always_writes(node.orelse, writes)
        )
        return body_writes and handlers_write
    return False


def _plan_atomic(analysis: ModuleAnalysis, config: Config, plan: _Plan, path: str) -> None:
    if config.atomic_requests:
        return
    for func in analysis.funcs:
        if func.handler is None or not func.mutating or func.protected_by_decorator:
            continue
        sites, writer_calls = handler_writes(func, analysis.funcs, analysis.sites)
        if not sites and not writer_calls:
            continue
        if handler_is_protected(func, sites, writer_calls, config):
            continue
        line = sites[0].site.line if sites and sites[0].site else 0
        if func.is_async:
            plan.notes.append(
                Note(path, line, "async-handler",
                     f"{func.qualname} is async: transaction.atomic is not async-safe, so it was not decorated")
            )
            continue
        plan.decorate.add(func.node)
        moved = _plan_on_commit(func, config, plan)
        if moved:
            plan.notes.append(
                Note(path, line, "moved-to-on-commit",
                     f"{func.qualname} is now atomic: {', '.join(moved)} now runs in transaction.on_commit(), "
                     "once the transaction commits (never for work that rolls back, and not while the row "
                     "lock is held), with copies of the values it is given", severity="review")
            )
        left = list(func.external_calls)
        for text in moved:
            if text in left:
                left.remove(text)
        external = list(dict.fromkeys(left))
        moved = list(dict.fromkeys(moved))
        if external:
            plan.notes.append(
                Note(path, line, "atomic-external-call",
                     f"{func.qualname} is now atomic and calls {', '.join(external)} outside "
                     "transaction.on_commit: it may run even when the transaction rolls back", severity="review")
            )


class _OnCommitCalls(cst.CSTVisitor):
    def __init__(self, config: Config, plan: _Plan) -> None:
        super().__init__()
        self.config, self.plan = config, plan
        self.moved: list[str] = []
        self.path: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        path = self.path
        if path and isinstance(node, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return False
        path.append(node)
        if isinstance(node, cst.Expr) and isinstance(node.value, cst.Call):
            text = n.dotted(node.value.func)
            if text is not None and (self.config.is_event_call(text) or EXTERNAL_CALLS.fullmatch(text)):
                if not text.endswith("on_commit"):
                    self.plan.on_commit[node] = tuple(path)
                    self.moved.append(text)
            return False
        return not isinstance(node, cst.BaseExpression)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if self.path and self.path[-1] is original_node:
            self.path.pop()


def _plan_on_commit(func: FuncInfo, config: Config, plan: _Plan) -> list[str]:
    """The event and external calls of a handler that add-atomic decorates, each a statement of
    its own: they move into `transaction.on_commit(...)` (see _Migrator._on_commit). A call
    inside another expression, a nested function or an on_commit already stays where it is."""
    finder = _OnCommitCalls(config, plan)
    walk(func.node, finder)
    return finder.moved


# -- building nodes -------------------------------------------------------------------------------


def _parenthesize_if_needed(value: cst.BaseExpression) -> cst.BaseExpression:
    needs = (type(value) is cst.Yield or type(value) is cst.NamedExpr) or (
        type(value) is cst.Tuple and not value.lpar
    )
    if needs and not value.lpar:
        return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return value


# The punctuation of the writer's calls: immutable nodes, made (and validated) once.
_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
_EQUAL = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


@functools.lru_cache(maxsize=256)
def _name(value: str) -> cst.Name:
    """The writer's name and its keywords: immutable too, made once per name."""
    return cst.Name(value)


def writer_call(
    name: str, receiver: cst.BaseExpression, kwargs: Sequence[tuple[str, cst.BaseExpression]]
) -> cst.Call:
    args = [cst.Arg(value=receiver, comma=_COMMA if kwargs else cst.MaybeSentinel.DEFAULT)]
    for index, (keyword, value) in enumerate(kwargs):
        last = index == len(kwargs) - 1
        args.append(
            cst.Arg(
                value=_parenthesize_if_needed(value),
                keyword=_name(keyword),
                equal=_EQUAL,
                comma=cst.MaybeSentinel.DEFAULT if last else _COMMA,
            )
        )
    return cst.Call(func=_name(name), args=args)


def writer_call_code(module: cst.Module, call: cst.Call) -> str:
    """`code_for_node(module, call)` for a call that `writer_call` built, from the code of its
    name and values: the rest is the punctuation `writer_call` puts there."""
    parts = [node_code(module, call.func), "("]
    for arg in call.args:
        if arg.keyword is not None:
            parts.append(arg.keyword.value + "=")
        parts.append(node_code(module, arg.value))
        if type(arg.comma) is cst.Comma:
            parts.append(", ")
    parts.append(")")
    return "".join(parts)


def wrap_call(call: cst.Call, *, indent: str, extra: str, one_per_line: bool) -> cst.Call:
    """Black's shapes: the arguments on one indented line, or one argument per line."""

    def newline_then(spaces: str) -> cst.ParenthesizedWhitespace:
        return cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(), empty_lines=[], indent=True, last_line=cst.SimpleWhitespace(spaces)
        )

    args = list(call.args)
    new_args = []
    for index, arg in enumerate(args):
        last = index == len(args) - 1
        if one_per_line:
            comma = cst.Comma(whitespace_after=newline_then("" if last else extra))
        elif last:
            new_args.append(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=newline_then("")))
            continue
        else:
            comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        new_args.append(arg.with_changes(comma=comma))
    return call.with_changes(args=new_args, whitespace_before_args=newline_then(extra))


# -- the transformer ----------------------------------------------------------------------------


def _spine(analysis: ModuleAnalysis, plan: _Plan) -> set[cst.CSTNode]:
    """The nodes that change, and every node above them."""
    spine: set[cst.CSTNode] = set()
    for raw in [*plan.rewrite.values(), *plan.lock_only]:
        spine.update(raw.ancestors)
    for func in analysis.funcs:
        if func.node in plan.decorate or func.node in plan.local_import or func.node in plan.lock_local_import:
            spine.update(func.ancestors)
        for save in func.saves:
            if save.call in plan.save_edits or save.call in plan.save_adds or save.statement in plan.save_removals:
                spine.update(save.ancestors)
    for ancestors in [*plan.on_commit.values(), *plan.query_locks.values(), *plan.list_paths]:
        spine.update(ancestors)
    return spine


DELETED_PRAGMA = "# room-refactor: ignore (deleted below)"


class _Migrator(cst.CSTTransformer):
    def __init__(self, module: cst.Module, analysis: ModuleAnalysis, config: Config, plan: _Plan,
                 options: RewriteOptions, atomic_expr: str) -> None:
        super().__init__()
        self.module = module
        self.analysis = analysis
        self.config = config
        self.plan = plan
        self.options = options
        self.atomic_expr = atomic_expr
        self.indents: list[str] = []
        self.fields = frozenset(config.fields)
        self.on_commit_expr = atomic_expr[: -len("atomic")] + "on_commit" if atomic_expr.endswith(".atomic") else "on_commit"
        self.merged_late: set[int] = set()  # pairs emitted at their second write (see _pair_up)
        self.anchor: cst.BaseStatement | None = None  # the statement the current block wraps from
        self.anchor_at: int | None = None  # its index in the block's new statements
        # The statements that hold a value the rewrite built (an on_commit call, a locked
        # queryset): laid out as black would once rebuilt (core/layout.py).
        self.to_lay_out = {id(_innermost_statement(path)) for path in [*plan.on_commit.values(), *plan.query_locks.values()]}

    # Only the nodes on the way to a change are visited (`rebuild`): rebuilding the rest of the
    # tree would give back the same code at most of the cost of the whole run.
    def run(self) -> cst.Module:
        spine = {id(node) for node in _spine(self.analysis, self.plan)}
        spine.add(id(self.module))
        return rebuild(self.module, self, spine)  # type: ignore[return-value]

    # indentation, for line-length decisions
    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.indents.append(node.indent if node.indent is not None else self.module.default_indent)

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        # The block's statements are rewritten at the block's own indentation.
        anchor = self.plan.wraps.get(original_node)
        self.anchor_at = None
        self.anchor = anchor
        body, footer = self._rewrite_statements(original_node.body, updated_node.body)
        start = self.anchor_at if anchor is not None else None
        if original_node in self.plan.whole_wraps:
            start = 1 if len(body) > 1 and _is_docstring(body[0]) else 0
        if start is not None and start < len(body):
            body = self._wrapped(original_node, body, start)
        self.indents.pop()
        if not body:
            body = [cst.SimpleStatementLine(body=[cst.Pass()])]
        return updated_node.with_changes(body=body, footer=[*footer, *updated_node.footer])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body, footer = self._rewrite_statements(original_node.body, updated_node.body)
        return updated_node.with_changes(body=body, footer=[*footer, *updated_node.footer])

    def _place(self) -> Place:
        return Place(block=len("".join(self.indents)), line_length=self.options.line_length,
                     unit=self.module.default_indent)

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        if id(original_node) not in self.to_lay_out:
            return updated_node
        return layout_statement(updated_node, self._place(), comments=self.options.exact_line_length)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        """A write kept for a delete below (see _deleted_later) says so with the pragma, unless
        the line has a comment of its own (the write then stays a bypass, with the note). The
        pragma goes on a line of its own just above the write when the two do not fit on one
        line (the analysis reads it there too)."""
        if id(original_node) in self.to_lay_out:
            updated_node = layout_statement(updated_node, self._place(), comments=self.options.exact_line_length)
        kept = {id(raw.statement) for raw in self.plan.lock_only}
        if not any(id(small) in kept for small in original_node.body):
            return updated_node
        if updated_node.trailing_whitespace.comment is not None:
            return updated_node
        pragma = cst.Comment(DELETED_PRAGMA)
        last_line = code_for_node(self.module, updated_node.with_changes(leading_lines=[])).rstrip("\r\n")
        last_line = last_line.splitlines()[-1] if last_line else ""
        width = len("".join(self.indents)) + len(last_line) + 2 + len(DELETED_PRAGMA)
        if self.options.exact_line_length and width > self.options.line_length:
            return updated_node.with_changes(leading_lines=[*updated_node.leading_lines, cst.EmptyLine(comment=pragma)])
        return updated_node.with_changes(
            trailing_whitespace=cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=pragma)
        )

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.Expr:
        if original_node not in self.plan.on_commit:
            return updated_node
        return updated_node.with_changes(value=self._on_commit(updated_node.value))

    def _on_commit(self, call: cst.BaseExpression) -> cst.Call:
        """`f(a, b=c)` -> `on_commit(partial(f, copy(a), b=copy(c)))`: the call runs once the
        transaction commits, with copies of the values it was given here (a later `delete()` or
        change of the instance does not reach it)."""
        assert isinstance(call, cst.Call)
        args = [cst.Arg(value=call.func, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))]
        for index, arg in enumerate(call.args):
            value = arg.value
            literal = (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString, cst.Dict, cst.List, cst.Tuple)
            if not isinstance(value, literal) and arg.star == "":
                value = cst.Call(func=cst.Name("copy"), args=[cst.Arg(value=value)])
            last = index == len(call.args) - 1
            args.append(arg.with_changes(
                value=value,
                comma=cst.MaybeSentinel.DEFAULT if last else cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
            ))
        if len(args) == 1:
            args[0] = args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        partial = cst.Call(func=cst.Name("partial"), args=args)
        return cst.Call(func=_attribute_chain(self.on_commit_expr), args=[cst.Arg(value=partial)])

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        new_small = []
        merged_into, partners = self._pair_up(original_node.body)
        for index, (original, updated) in enumerate(zip(original_node.body, updated_node.body)):
            raw = self.plan.rewrite.get(original)
            if index in merged_into:
                continue
            if raw is not None:
                group, group_updated = [raw], [updated]
                if index in partners:
                    at = 0 if index in self.merged_late else len(group)
                    group.insert(at, self.plan.rewrite[original_node.body[partners[index]]])
                    group_updated.insert(at, updated_node.body[partners[index]])
                new_small.append(self._call_statement(updated, group, group_updated))
            elif original in self.plan.save_removals:
                continue
            else:
                new_small.append(updated)
        if not new_small:
            new_small = [cst.Pass()]
        new_small[-1] = new_small[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(body=new_small)

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.BaseExpression:
        keep = self.plan.list_edits.get(original_node)
        return updated_node if keep is None else _kept_elements(updated_node, keep)

    def leave_Tuple(self, original_node: cst.Tuple, updated_node: cst.Tuple) -> cst.BaseExpression:
        keep = self.plan.list_edits.get(original_node)
        return updated_node if keep is None else _kept_elements(updated_node, keep)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if original_node in self.plan.kept_orderings.values() and not _ends_with_pk(original_node):
            last = updated_node.args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            updated_node = updated_node.with_changes(
                args=[*updated_node.args[:-1], last, cst.Arg(value=cst.SimpleString('"pk"'))]
            )
        if original_node in self.plan.query_locks:
            locked = cst.Call(
                func=cst.Attribute(value=updated_node, attr=cst.Name("select_for_update")),
                args=[cst.Arg(value=cst.Tuple([cst.Element(cst.SimpleString('"self"'), comma=cst.Comma())]), keyword=cst.Name("of"),
                              equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                                    whitespace_after=cst.SimpleWhitespace("")))],
            )
            if original_node in self.plan.kept_orderings:
                return locked
            return cst.Call(
                func=cst.Attribute(value=locked, attr=cst.Name("order_by")),
                args=[cst.Arg(value=cst.SimpleString('"pk"'))],
            )
        added = self.plan.save_adds.get(original_node)
        if added is not None:
            value = cst.parse_expression("[" + ", ".join(f'"{name}"' for name in added) + "]")
            keyword = cst.Arg(
                value=value,
                keyword=cst.Name("update_fields"),
                equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
            )
            args = list(updated_node.args)
            if args:
                args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            return updated_node.with_changes(args=[*args, keyword])
        remaining = self.plan.save_edits.get(original_node)
        if remaining is None:
            return updated_node
        new_args = []
        for arg in updated_node.args:
            if arg.keyword is not None and arg.keyword.value == "update_fields" and isinstance(
                arg.value, (cst.List, cst.Tuple, cst.Set)
            ):
                arg = arg.with_changes(value=_filter_elements(arg.value, remaining))
            new_args.append(arg)
        return self._collapse_if_it_fits(updated_node.with_changes(args=new_args))

    def _collapse_if_it_fits(self, call: cst.Call) -> cst.Call:
        """A `save(\n    update_fields=[...]\n)` that black exploded because it was too long goes
        back on one line once it fits, as black and ruff would put it (no magic trailing comma)."""
        if not isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace) or not call.args:
            return call
        last = call.args[-1]
        if isinstance(last.comma, cst.Comma):
            return call  # a magic trailing comma: black keeps it exploded
        collapsed = call.with_changes(
            whitespace_before_args=cst.SimpleWhitespace(""),
            args=[*call.args[:-1], last.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))],
        )
        code = code_for_node(self.module, collapsed)
        if "\n" in code or "#" in code:
            return call
        if len("".join(self.indents)) + len(code) > self.options.line_length:
            return call
        return collapsed

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        if original_node in self.plan.decorate:
            decorator = cst.Decorator(decorator=_attribute_chain(self.atomic_expr))
            updated_node = updated_node.with_changes(decorators=[*updated_node.decorators, decorator])
        names = []
        if original_node in self.plan.lock_local_import:
            from room_refactor.core.writer_templates import lock_helper_name

            names.append(lock_helper_name(self.config))
        if original_node in self.plan.local_import:
            names.append(self.config.service_name)
        if names and isinstance(updated_node.body, cst.IndentedBlock):
            body = list(updated_node.body.body)
            index = 1 if body and _is_docstring(body[0]) else 0
            aliases = [
                cst.ImportAlias(
                    name=cst.Name(name),
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if i < len(names) - 1 else cst.MaybeSentinel.DEFAULT,
                )
                for i, name in enumerate(sorted(names))
            ]
            statement = cst.SimpleStatementLine(
                body=[cst.ImportFrom(module=_attribute_chain(self.config.service_module), names=aliases)]
            )
            from room_refactor.core.import_placement import wrap_from_import

            body_indent = updated_node.body.indent if updated_node.body.indent is not None else self.module.default_indent
            statement = wrap_from_import(  # type: ignore[assignment]  # a line in, a line out
                statement, indent=self.module.default_indent, line_length=self.options.line_length,
                column=len("".join(self.indents)) + len(body_indent),
            )
            body.insert(index, statement)
            following = index + 1
            if following < len(body) and not _is_import_line(body[following]):
                # isort and ruff want a blank line between an import block and the code after it
                body[following] = _with_blank_lines(body[following], 1)
            updated_node = updated_node.with_changes(body=updated_node.body.with_changes(body=body))
        return updated_node

    # -- statement lists ------------------------------------------------------------------
    def _rewrite_statements(
        self, originals: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement]
    ) -> tuple[list[cst.BaseStatement], list[cst.EmptyLine]]:
        if not any(
            type(o) is cst.SimpleStatementLine
            and any(s in self.plan.rewrite or s in self.plan.save_removals for s in o.body)
            for o in originals
        ):
            if not any(o in self.plan.locks or o is self.anchor for o in originals):
                return list(updated), []
            out_locked: list[cst.BaseStatement] = []
            for orig, upd in zip(originals, updated):
                if orig is self.anchor:
                    self.anchor_at = len(out_locked)
                out_locked.extend(self._locked(orig, upd))
            return out_locked, []
        # Flatten to (line index, small index) entries so pairs can span lines.
        entries: list[tuple[int, int | None, cst.CSTNode, cst.CSTNode]] = []
        for line_index, (orig, upd) in enumerate(zip(originals, updated)):
            if isinstance(orig, cst.SimpleStatementLine) and isinstance(upd, cst.SimpleStatementLine):
                for small_index, (o, u) in enumerate(zip(orig.body, upd.body)):
                    entries.append((line_index, small_index, o, u))
            else:
                entries.append((line_index, None, orig, upd))
        merged_into, partners = self._pair_up([entry[2] for entry in entries])
        # Rebuild the lines.
        new_small: dict[int, list[cst.BaseSmallStatement]] = {}
        carried: dict[int, list[cst.EmptyLine]] = {}  # line index -> comment lines carried onto it
        trailing_from: dict[int, cst.TrailingWhitespace] = {}
        removed_comments: list[tuple[int, list[cst.EmptyLine]]] = []
        for index, (at_line, at_small, small_orig, small_upd) in enumerate(entries):
            if at_small is None:
                continue
            bucket = new_small.setdefault(at_line, [])
            if index in merged_into:
                first_line = entries[merged_into[index]][0]
                line_orig = originals[at_line]
                assert isinstance(line_orig, cst.SimpleStatementLine)
                if len(line_orig.body) == 1 and first_line != at_line:
                    upd_line = updated[at_line]
                    assert isinstance(upd_line, cst.SimpleStatementLine)
                    carried.setdefault(first_line, []).extend(_comment_lines(upd_line.leading_lines))
                    comment = upd_line.trailing_whitespace.comment
                    if comment is not None:
                        trailing_from[first_line] = upd_line.trailing_whitespace
                continue
            if small_orig in self.plan.save_removals:
                line_orig = originals[at_line]
                assert isinstance(line_orig, cst.SimpleStatementLine)
                if len(line_orig.body) == 1:
                    upd_line = updated[at_line]
                    assert isinstance(upd_line, cst.SimpleStatementLine)
                    lines = _comment_lines(upd_line.leading_lines)
                    if upd_line.trailing_whitespace.comment is not None:
                        lines.append(cst.EmptyLine(comment=upd_line.trailing_whitespace.comment))
                    removed_comments.append((at_line, lines))
                continue
            raw = self.plan.rewrite.get(small_orig)
            if raw is None:
                bucket.append(small_upd)  # type: ignore[arg-type]
                continue
            group, group_updated = [raw], [small_upd]
            trailing = _trailing_comment(originals[at_line], updated[at_line])
            if index in partners:
                other_entry = entries[partners[index]]
                at = 0 if index in self.merged_late else len(group)  # keywords in source order
                group.insert(at, self.plan.rewrite[other_entry[2]])
                group_updated.insert(at, other_entry[3])
                if trailing is None and other_entry[0] != at_line and index not in self.merged_late:
                    # the second line's comment moves onto this one (see trailing_from)
                    trailing = _trailing_comment(originals[other_entry[0]], updated[other_entry[0]])
            bucket.append(self._call_statement(small_upd, group, group_updated, comment_width=len(trailing or "")))

        out: list[cst.BaseStatement] = []
        pending: list[cst.EmptyLine] = []
        removed_by_line = dict(removed_comments)
        for position, new_line in enumerate(updated):
            old_line = originals[position]
            if old_line is self.anchor:
                self.anchor_at = len(out)
            if not isinstance(old_line, cst.SimpleStatementLine) or not isinstance(new_line, cst.SimpleStatementLine):
                if pending:
                    new_line = new_line.with_changes(leading_lines=[*pending, *new_line.leading_lines])  # type: ignore[attr-defined]  # every statement class has it
                    pending = []
                out.extend(self._locked(old_line, new_line))
                continue
            smalls = new_small.get(position, [])
            if not smalls:
                pending.extend(removed_by_line.get(position, []))
                continue
            smalls[-1] = smalls[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT) if len(smalls) < len(
                old_line.body
            ) else smalls[-1]
            extra = trailing_from.get(position)
            if (
                not pending
                and position not in carried
                and extra is None
                and len(smalls) == len(new_line.body)
                and all(a is b for a, b in zip(smalls, new_line.body))
            ):
                out.append(new_line)  # untouched: the same node, so that its text can be reused
                continue
            leading = [*pending, *new_line.leading_lines, *carried.get(position, [])]
            pending = []
            line = new_line.with_changes(body=smalls, leading_lines=leading)
            if extra is not None:
                if line.trailing_whitespace.comment is None:
                    line = line.with_changes(trailing_whitespace=extra)
                else:
                    line = line.with_changes(
                        leading_lines=[*line.leading_lines, cst.EmptyLine(comment=extra.comment)]
                    )
            out.append(line)
        return out, pending

    def _locked(self, original: cst.BaseStatement, updated: cst.BaseStatement) -> list[cst.BaseStatement]:
        """`updated`, preceded by the lock of the rows its condition reads (see _plan_locks)."""
        lock = self.plan.locks.get(original)
        if lock is None:
            return [updated]
        from room_refactor.core.writer_templates import lock_helper_name

        receivers = [(text, receiver.deep_clone()) for text, receiver in lock.receivers.items()]
        call = cst.Call(
            func=cst.Name(lock_helper_name(self.config)),
            args=[
                cst.Arg(
                    value=receiver,
                    star="*" if text.startswith("*") else "",
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                    if index < len(receivers) - 1
                    else cst.MaybeSentinel.DEFAULT,
                )
                for index, (text, receiver) in enumerate(receivers)
            ],
        )
        what = "row" if len(receivers) == 1 and not receivers[0][0].startswith("*") else "rows"
        depth = "".join(self.indents) + (self.module.default_indent if lock.wrap else "")
        line = self._lock_line(call, indent=depth, comment=f"# lock the {what} before deciding")
        line = line.with_changes(
            leading_lines=[*updated.leading_lines, *line.leading_lines],  # type: ignore[attr-defined]  # every statement class has it
        )
        return [line, updated.with_changes(leading_lines=[])]

    def _wrapped(self, original: cst.IndentedBlock, body: list[cst.BaseStatement], start: int) -> list[cst.BaseStatement]:
        """`body[start:]` in a new `with transaction.atomic():` block (see _Lock)."""
        inner = body[start:]
        first = inner[0]
        block = cst.With(
            items=[cst.WithItem(item=cst.Call(func=_attribute_chain(self.atomic_expr)))],
            body=cst.IndentedBlock(body=[first.with_changes(leading_lines=[]), *inner[1:]]),
            leading_lines=first.leading_lines,  # type: ignore[attr-defined]  # every statement class has it
        )
        return [*body[:start], block]

    def _lock_line(
        self, call: cst.Call, *, indent: str, comment: str = "# lock the row before deciding"
    ) -> cst.SimpleStatementLine:
        """`lock_room_rows(room)  # lock the row before deciding`; the comment goes on a line of
        its own above the call when the two do not fit on one line."""
        comment_node = cst.Comment(comment)
        code = writer_call_code(self.module, call)
        fits = len(indent) + len(code) + 2 + len(comment_node.value) <= self.options.line_length
        if fits or not self.options.exact_line_length:
            return cst.SimpleStatementLine(
                body=[cst.Expr(call)],
                trailing_whitespace=cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=comment_node),
            )
        saved, self.indents = self.indents, [indent]
        try:
            fitted = self._fit(call)
        finally:
            self.indents = saved
        return cst.SimpleStatementLine(body=[cst.Expr(fitted)], leading_lines=[cst.EmptyLine(comment=comment_node)])

    def _pair_up(self, statements: Sequence[cst.CSTNode]) -> tuple[dict[int, int], dict[int, int]]:
        """Which writes merge: (second -> first, first -> second), by index in `statements`."""
        merged_into: dict[int, int] = {}
        partners: dict[int, int] = {}
        self.merged_late = set()
        for i, orig in enumerate(statements):
            raw = self.plan.rewrite.get(orig)
            if raw is None or i in merged_into or i in partners:
                continue
            for k in range(i + 1, len(statements)):
                other = self.plan.rewrite.get(statements[k])
                if other is not None and other.receiver == raw.receiver:
                    between = statements[i + 1 : k]
                    if other.field != raw.field and merge_is_safe(raw, other, between, self.fields):
                        merged_into[k] = i
                        partners[i] = k
                    elif other.field != raw.field and merge_at_second_is_safe(raw, other, between, self.fields):
                        # The statements between hand the row on by key only (`filter(room=room)`):
                        # one call at the second write, where the original saved the pair.
                        merged_into[i] = k
                        partners[k] = i
                        self.merged_late.add(k)
                    elif other.field != raw.field:
                        self._split_pair(raw, other)
                    break
        return merged_into, partners

    def _split_pair(self, first: RawSite, second: RawSite) -> None:
        """A pair that cannot be one call is two commits outside a transaction: other
        connections would see the half-written pair (and a check on the pair would reject the
        first write). The function then runs in one `transaction.atomic()` block."""
        func = first.func
        if func is None or not isinstance(func.node.body, cst.IndentedBlock):
            return
        in_transaction = (
            func.protected_by_decorator
            or func.node in self.plan.decorate
            or any(raw.site is not None and raw.site.protection is not Protection.NONE for raw in (first, second))
        )
        if in_transaction or func.node.body in self.plan.whole_wraps:
            return
        self.plan.whole_wraps.add(func.node.body)
        if first.site is not None:
            self.plan.notes.append(
                Note(first.site.path, first.site.line, "split-pair-atomic",
                     f"{first.receiver}.{first.field} and .{second.field} are written apart (the statements between "
                     f"use them), so they stay two writer calls: {func.qualname} now runs in one "
                     "transaction.atomic() block, so that no other connection sees half of the pair",
                     severity="review")
            )

    def _call_statement(
        self, updated: cst.CSTNode, group: list[RawSite], group_updated: Sequence[cst.CSTNode],
        *, comment_width: int = 0,
    ) -> cst.BaseSmallStatement:
        receiver = _receiver_of(group_updated[0])
        kwargs = [
            (self.config.keyword_for(raw.field or ""), _value_of(node)) for raw, node in zip(group, group_updated)
        ]
        actor = self._actor(group)
        if actor is not None:
            kwargs.append(actor)
        statements = [raw.statement for raw in group]
        if "row_locked" in self.options.writer_keywords and all(
            statement in self.plan.locked_writes for statement in statements
        ):
            kwargs.append(("row_locked", cst.Name("True")))
        if any(statement in self.plan.full_saves for statement in statements):
            kwargs.append(("full_save", cst.Name("True")))
        name = self.plan.writer_names.get(group[0].func, self.config.service_name)
        call = writer_call(name, receiver, kwargs)
        call = self._fit(call, comment_width=comment_width)
        semicolon = getattr(updated, "semicolon", cst.MaybeSentinel.DEFAULT)
        return cst.Expr(value=call, semicolon=semicolon)

    def _actor(self, group: list[RawSite]) -> tuple[str, cst.BaseExpression] | None:
        """`changed_by=request.user` for a status change in a view handler that has the request,
        when the status setter records who acted (see _plan_actors)."""
        raw = group[0]
        if raw.statement is None or raw.statement not in self.plan.actors:
            return None
        keyword = self.options.actor_keyword
        assert keyword is not None
        return keyword, _attribute_chain("request.user")

    def _fit(self, call: cst.Call, *, comment_width: int = 0) -> cst.Call:
        """Black's layout: one line when it fits, with the line's trailing comment (black and
        ruff count it, and leave the comment after the closing parenthesis when they split),
        else the arguments hugged on one indented line, else one argument per line."""
        code = writer_call_code(self.module, call)
        if "\n" in code:
            return call
        indent = "".join(self.indents)
        if not self.options.exact_line_length:
            comment_width = 0
        if len(indent) + len(code) + comment_width <= self.options.line_length:
            return call
        laid = layout_value(call, self._place(), before=0, after=comment_width, optional_parens=False)
        if laid is not call and isinstance(laid, cst.Call):
            return laid
        extra = self.module.default_indent
        # The hugged shape's lines: `name(`, the arguments as they are on one line, `)`.
        opening = len(node_code(self.module, call.func)) + 1
        lines = (code[:opening], extra + code[opening:-1], ")")
        if all(len(indent) + len(line) <= self.options.line_length for line in lines):
            return wrap_call(call, indent=indent, extra=extra, one_per_line=False)
        return wrap_call(call, indent=indent, extra=extra, one_per_line=True)


def _innermost_statement(path: Sequence[cst.CSTNode]) -> cst.CSTNode | None:
    """The statement nearest to the end of an ancestor path: the line or `for` that holds it."""
    return next((node for node in reversed(path) if isinstance(node, (cst.SimpleStatementLine, cst.For))), None)


def _trailing_comment(original: cst.BaseStatement, updated: cst.BaseStatement) -> str | None:
    """`  # comment` of a line with one small statement, as it is written after the code."""
    if not isinstance(original, cst.SimpleStatementLine) or len(original.body) != 1:
        return None
    if not isinstance(updated, cst.SimpleStatementLine) or updated.trailing_whitespace.comment is None:
        return None
    trailing = updated.trailing_whitespace
    return trailing.whitespace.value + trailing.comment.value  # type: ignore[union-attr]


def _filter_elements(container: cst.List | cst.Tuple | cst.Set, keep: list[str]) -> cst.BaseExpression:
    elements = [e for e in container.elements if isinstance(e, cst.Element) and n.string_value(e.value) in keep]
    if not elements:
        return container
    last_comma = container.elements[-1].comma
    if isinstance(container, cst.Tuple) and len(elements) == 1:
        last_comma = cst.Comma()
    elements[-1] = elements[-1].with_changes(comma=last_comma)
    return container.with_changes(elements=elements)


def _kept_elements(container: cst.List | cst.Tuple, keep: list[str]) -> cst.BaseExpression:
    """The literal with only the strings in `keep`; empty brackets when none is left."""
    if not keep:
        return cst.List([]) if isinstance(container, cst.List) else cst.Tuple([])
    return _filter_elements(container, keep)


def _comment_lines(lines: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    return [line for line in lines if line.comment is not None]


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def from_import_line(source: str, names: Sequence[tuple[str, str | None]]) -> cst.SimpleStatementLine:
    """`from source import obj, other as alias` on a line of its own, as libcst parses it (the
    module's own newline at its end)."""
    if not all(part.isidentifier() and not iskeyword(part) for part in source.split(".")):
        return cast(cst.SimpleStatementLine, cst.parse_statement(
            f"from {source} import " + ", ".join(obj if alias is None else f"{obj} as {alias}" for obj, alias in names)
        ))
    aliases = [
        cst.ImportAlias(
            name=cst.Name(obj),
            asname=None if alias is None else cst.AsName(name=cst.Name(alias)),
            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if index < len(names) - 1 else cst.MaybeSentinel.DEFAULT,
        )
        for index, (obj, alias) in enumerate(names)
    ]
    return cst.SimpleStatementLine(body=[cst.ImportFrom(module=_attribute_chain(source), names=aliases)])


def _attribute_chain(dotted_name: str) -> cst.Attribute | cst.Name:
    parts = dotted_name.split(".")
    node: cst.Attribute | cst.Name = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


def _receiver_of(statement: cst.CSTNode) -> cst.BaseExpression:
    if isinstance(statement, cst.Assign):
        target = statement.targets[0].target
        assert isinstance(target, cst.Attribute)
        return target.value
    if isinstance(statement, cst.AnnAssign):
        assert isinstance(statement.target, cst.Attribute)
        return statement.target.value
    assert isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call)
    return statement.value.args[0].value


def _value_of(statement: cst.CSTNode) -> cst.BaseExpression:
    if isinstance(statement, (cst.Assign, cst.AnnAssign)):
        assert statement.value is not None
        return statement.value
    assert isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call)
    return statement.value.args[2].value


# -- merge safety ---------------------------------------------------------------------------------


class _Facts(cst.CSTVisitor):
    """What a stretch of statements reads, binds and how it may leave."""

    def __init__(self, fields: frozenset[str]) -> None:
        super().__init__()
        self.fields = fields
        self.names_used: set[str] = set()
        self.names_bound: set[str] = set()
        self.touches_fields = False
        self.exits = False
        self.calls = False

    def visit_Name(self, node: cst.Name) -> None:
        self.names_used.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in self.fields:
            self.touches_fields = True

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if n.string_value(node) in self.fields:
            self.touches_fields = True  # getattr(room, "is_occupied"), update_fields=[...]

    def visit_Call(self, node: cst.Call) -> None:
        self.calls = True

    def _bind(self, target: cst.BaseExpression) -> None:
        self.names_bound.update(n.bound_names(target))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._bind(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._bind(node.name)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is not None:
            self._bind(node.asname.name)
        else:
            self.names_bound.add((n.dotted(node.name) or "").split(".")[0])

    def visit_Del(self, node: cst.Del) -> None:
        self._bind(node.target)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.names_bound.add(node.name.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.names_bound.add(node.name.value)

    def visit_Global(self, node: cst.Global) -> None:
        self.exits = True  # rebinding through global/nonlocal: too clever to reason about

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.exits = True

    def visit_Return(self, node: cst.Return) -> None:
        self.exits = True

    def visit_Raise(self, node: cst.Raise) -> None:
        self.exits = True

    def visit_Break(self, node: cst.Break) -> None:
        self.exits = True

    def visit_Continue(self, node: cst.Continue) -> None:
        self.exits = True

    def visit_Yield(self, node: cst.Yield) -> None:
        self.exits = True

    def visit_Await(self, node: cst.Await) -> None:
        self.exits = True


def _names_in(node: cst.CSTNode | None) -> set[str]:
    if node is None:
        return set()
    facts = _Facts(frozenset())
    walk(node, facts)
    return facts.names_used


def merge_is_safe(first: RawSite, second: RawSite, between: Sequence[cst.CSTNode], fields: frozenset[str]) -> bool:
    """Two writes on one receiver may become one call only if nothing in between can tell."""
    if contains_call(first.receiver_node):
        return False  # `get_room().x = ...` twice may be two different objects
    if second.value_node is not None:
        reads = _Facts(fields)
        walk(second.value_node, reads)
        if reads.touches_fields:
            return False  # `room.is_occupied = room.room_status == X` reads what the first write set
    if not between:
        return True
    facts = _Facts(fields)
    for node in between:
        walk(node, facts)
    root = receiver_root(first.receiver_node)
    second_needs = _names_in(second.value_node) | _names_in(second.receiver_node)
    return not (
        facts.touches_fields
        or facts.exits
        or (root is not None and root in facts.names_used)
        or (facts.names_bound & second_needs)
        or (second.value_node is not None and contains_call(second.value_node))
    )


def merge_at_second_is_safe(
    first: RawSite, second: RawSite, between: Sequence[cst.CSTNode], fields: frozenset[str]
) -> bool:
    """A pair split by statements that use the receiver only as a keyword argument's value
    (`Guest.objects.filter(booking=booking).update(room=room)`: the row's key, not its state)
    may become one call at the second write, when the first value can wait until then."""
    if contains_call(first.receiver_node) or not isinstance(first.receiver_node, cst.Name):
        return False
    if first.value_node is None or contains_call(first.value_node):
        return False
    root = first.receiver_node.value
    facts = _Facts(fields)
    uses = _KeywordOnlyUse(root)
    for node in between:
        walk(node, facts)
        walk(node, uses)
    needed = _names_in(first.value_node) | _names_in(second.value_node) | {root}
    return not (
        facts.touches_fields
        or facts.exits
        or uses.other_use
        or (facts.names_bound & needed)
        or (second.value_node is not None and contains_call(second.value_node))
    )


class _KeywordOnlyUse(cst.CSTVisitor):
    """Whether `name` is used anywhere but as the value of a keyword argument."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.keyword_values: set[int] = set()
        self.other_use = False

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.keyword_values.add(id(node.keyword))  # `room=` names a parameter, not the row
            if isinstance(node.value, cst.Name) and node.value.value == self.name:
                self.keyword_values.add(id(node.value))

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name and id(node) not in self.keyword_values:
            self.other_use = True


# -- entry point ----------------------------------------------------------------------------------


@generating()
def migrate_module(
    module: cst.Module, analysis: ModuleAnalysis, config: Config, options: RewriteOptions
) -> tuple[cst.Module, list[Note]]:
    """Rewrite the writes and decorate the handlers that the analysis found."""
    plan = plan_changes(analysis, config, options)
    if not (plan.rewrite or plan.save_edits or plan.save_adds or plan.save_removals or plan.decorate or plan.on_commit
            or plan.list_edits
            or plan.query_locks or plan.locks or plan.lock_only):
        return module, plan.notes
    atomic_expr, transaction_import = _atomic_spelling(analysis)
    migrator = _Migrator(module, analysis, config, plan, options, atomic_expr)
    new_module = migrator.run()
    plan.notes.sort(key=lambda note: (note.line, note.code))
    imports: list[tuple[str, str, str | None]] = []
    if plan.module_import and plan.rewrite:
        imports.append((config.service_module, config.service_name, None))
    if plan.lock_module_import and plan.locks:
        from room_refactor.core.writer_templates import lock_helper_name

        imports.append((config.service_module, lock_helper_name(config), None))
    if (plan.decorate or plan.wraps or plan.whole_wraps) and transaction_import is not None:
        imports.append(transaction_import)
    if plan.on_commit:
        imports.extend([("copy", "copy", None), ("functools", "partial", None)])
        if not atomic_expr.endswith(".atomic"):
            imports.append(("django.db.transaction", "on_commit", None))
    if imports:
        new_module = add_imports(
            new_module, imports, separate_new_block=True, first_party=options.first_party,
            line_length=options.line_length,
        )
    return new_module, plan.notes


def _atomic_spelling(analysis: ModuleAnalysis) -> tuple[str, tuple[str, str, str | None] | None]:
    top = analysis.top_level_imports
    alias = top.local_name_for(n.TRANSACTION)
    if alias is not None:
        return f"{alias}.atomic", None
    alias = top.local_name_for(n.ATOMIC)
    if alias is not None:
        return alias, None
    taken = top.names.get("transaction")
    if taken is not None and taken != n.TRANSACTION:
        return "db_transaction.atomic", ("django.db", "transaction", "db_transaction")
    return "transaction.atomic", ("django.db", "transaction", None)


def add_imports(
    module: cst.Module,
    imports: Sequence[tuple[str, str, str | None]],
    *,
    separate_new_block: bool = False,
    first_party: frozenset[str] = frozenset(),
    line_length: int = DEFAULT_LINE_LENGTH,
) -> cst.Module:
    """Make sure `from module import obj [as alias]` holds for each item, where isort and ruff
    put it (core/import_placement.py; tests/core/test_add_imports.py checks it against libcst's
    AddImportsVisitor followed by isort).

    Only the top of the module counts: an optional docstring, then the block of import lines. A
    name already imported there is left alone; a module already imported from gets the name
    in its first `from` line; any other module gets a new line in its section of the block.
    The visitor would walk the whole tree three times and inspect its own methods on every
    construction, for a result that depends on those few statements only.
    """
    from room_refactor.core.import_placement import insert_sorted, wrap_from_import

    had_imports = any(_is_import_line(statement) for statement in module.body)
    body = list(module.body)
    start = 1 if body and _is_header(body[0]) else 0
    end = start
    while end < len(body) and _is_single_import(body[end]):
        end += 1

    wanted: dict[str, list[tuple[str, str | None]]] = {}
    for module_name, obj, alias in imports:
        items = wanted.setdefault(module_name, [])
        if (obj, alias) not in items:
            items.append((obj, alias))
    for index in range(start, end):
        node = cast(cst.ImportFrom, cast(cst.SimpleStatementLine, body[index]).body[0])
        source = _absolute_from(node)
        if source not in wanted:
            continue
        if isinstance(node.names, cst.ImportStar):
            # A star import brings every plain name, but not a name under another alias.
            wanted[source] = [item for item in wanted[source] if item[1] is not None]
            if not wanted[source]:
                del wanted[source]
            continue
        have = {
            (n.dotted(alias.name), alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else None)
            for alias in node.names
        }
        wanted[source] = [item for item in wanted[source] if item not in have]
        if not wanted[source]:
            del wanted[source]
    if not wanted:
        return module
    merged: set[int] = set()
    for index in range(start, end):
        node = cast(cst.ImportFrom, cast(cst.SimpleStatementLine, body[index]).body[0])
        source = _absolute_from(node)
        if source not in wanted or isinstance(node.names, cst.ImportStar):
            continue
        if all(alias.asname is not None for alias in node.names):
            continue  # a line of aliases only: isort keeps plain names on a line of their own
        items = wanted.pop(source)
        # An aliased name gets a line of its own, as isort and ruff write it (combine-as-imports off).
        aliased_items = [item for item in items if item[1] is not None]
        if aliased_items:
            wanted[source] = aliased_items
        plain = [cst.ImportAlias(name=cst.Name(obj)) for obj, alias in sorted(i for i in items if i[1] is None)]
        if not plain:
            continue
        line = body[index]
        body[index] = line.with_changes(body=[node.with_changes(names=[*plain, *node.names])])
        merged.add(index)
    added = {(module_name, obj) for module_name, obj, _ in imports}

    def finish(head: cst.Module, touched: set[int]) -> cst.Module:
        head = _sort_merged_names(head, added)
        statements: list[cst.BaseStatement] = list(head.body)
        for index in touched:
            statements[index] = wrap_from_import(statements[index], indent=head.default_indent, line_length=line_length)
        return head.with_changes(body=statements)

    if not wanted:
        return finish(module.with_changes(body=body), merged)
    order = sorted(m for m, items in wanted.items() if any(a is not None for _, a in items))
    order += sorted(m for m in wanted if m not in order)
    new_lines = []
    for source in order:
        items = _alias_order(wanted[source])
        groups = [[item for item in items if item[1] is None]] + [[item] for item in items if item[1] is not None]
        for group in groups:
            if group:
                new_lines.append(from_import_line(source, group))
    if end == start:
        # No import block yet: the first new line opens one, right below the header.
        after = body[end:]
        if after:
            first = after[0]
            if not first.leading_lines:
                after[0] = first.with_changes(leading_lines=[cst.EmptyLine()])
            elif first.leading_lines[0].comment is not None:
                after[0] = first.with_changes(leading_lines=[cst.EmptyLine(), *first.leading_lines])
        body = [*body[:end], new_lines.pop(0), *after]
        end += 1
        if not module.body:
            module = module.with_changes(has_trailing_newline=True)
    for line in new_lines:
        before = len(body)
        body = insert_sorted(body, start, end, line, first_party=first_party)  # type: ignore[assignment]
        end += len(body) - before
    touched = {
        index for index in range(start, end)
        if _is_import_line(body[index]) and any(
            (_absolute_from(cast(cst.SimpleStatementLine, body[index]).body[0]), obj) in added for _, obj, _ in imports
        )
    }
    new_module = finish(module.with_changes(body=body), touched)
    if had_imports or not separate_new_block:
        return new_module
    # A new import block: separate it from the docstring above and the code below, as
    # isort and black would (two blank lines before a def or class, one otherwise).
    statements: list[cst.BaseStatement] = list(new_module.body)
    indexes = [index for index, statement in enumerate(statements) if _is_import_line(statement)]
    if not indexes:
        return new_module
    first_index, last_index = indexes[0], indexes[-1]
    if first_index > 0 and _is_docstring(statements[first_index - 1]):
        statements[first_index] = _with_blank_lines(statements[first_index], 1)
    if last_index + 1 < len(statements):
        following = statements[last_index + 1]
        blank_lines = 2 if isinstance(following, (cst.FunctionDef, cst.ClassDef)) else 1
        statements[last_index + 1] = _with_blank_lines(following, blank_lines)
    return new_module.with_changes(body=statements)


def _alias_order(items: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    return sorted(items, key=lambda item: (item[0], item[1] or ""))


def _is_header(statement: cst.BaseStatement) -> bool:
    """A docstring or a `__strict__ = ...` flag: new imports go below it."""
    if not isinstance(statement, cst.SimpleStatementLine) or not statement.body:
        return False
    first = statement.body[0]
    if isinstance(first, cst.Expr):
        return isinstance(first.value, cst.SimpleString)
    return (
        isinstance(first, cst.Assign)
        and len(first.targets) == 1
        and isinstance(first.targets[0].target, cst.Name)
        and first.targets[0].target.value == "__strict__"
    )


def _is_single_import(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and (type(statement.body[0]) is cst.Import or type(statement.body[0]) is cst.ImportFrom)
    )


def _absolute_from(node: cst.CSTNode) -> str | None:
    """The module of an absolute `from module import ...`; None for anything else."""
    if not isinstance(node, cst.ImportFrom) or node.relative or node.module is None:
        return None
    return n.dotted(node.module)


def _isort_key(name: str) -> tuple[int, str]:
    """isort's default order of imported names: CONSTANTS, then Classes, then the rest."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name.lower()


def _sort_merged_names(head: cst.Module, added: set[tuple[str, str]]) -> cst.Module:
    """A name merged into an existing `from x import a, b` comes first; put it where isort
    would, when the names there were in isort's order and on one line."""
    body = list(head.body)
    for index, line in enumerate(body):
        if type(line) is not cst.SimpleStatementLine or len(line.body) != 1:
            continue
        node = line.body[0]
        if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
            continue
        module_name = n.dotted(node.module) if node.module is not None else None
        names = [n.dotted(alias.name) or "" for alias in node.names]
        new = {name for name in names if (module_name, name) in added}
        old = [name for name in names if name not in new]
        if not new or not old or old != sorted(old, key=_isort_key):
            continue
        ordered = sorted(node.names, key=lambda alias: _isort_key(n.dotted(alias.name) or ""))
        if ordered == list(node.names):
            continue
        if node.lpar:
            # black's layout of a parenthesised import: one name per line, a trailing comma
            from room_refactor.core.import_placement import explode_from_import

            exploded = line.with_changes(body=[node.with_changes(names=ordered)])
            body[index] = explode_from_import(exploded, indent=head.default_indent)
            continue
        last = node.names[-1].comma
        aliases = [
            alias.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            for alias in ordered[:-1]
        ]
        aliases.append(ordered[-1].with_changes(comma=last))
        body[index] = line.with_changes(body=[node.with_changes(names=aliases)])
    return head.with_changes(body=body)


def _is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        (type(small) is cst.Import or type(small) is cst.ImportFrom) for small in statement.body
    )


def _with_blank_lines(statement: cst.BaseStatement, count: int) -> cst.BaseStatement:
    leading = list(statement.leading_lines)  # type: ignore[attr-defined]  # every statement class has it
    blank = 0
    while blank < len(leading) and leading[blank].comment is None:
        blank += 1
    if blank >= count:
        return statement
    blanks = [cst.EmptyLine(indent=False) for _ in range(count - blank)]
    return statement.with_changes(leading_lines=[*blanks, *leading])
