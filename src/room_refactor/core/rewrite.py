"""The rewrites of `rewrite-writes` and `add-atomic`, over one parsed module and its analysis.

Pure: a module and an analysis in, a new module and notes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, Union, cast

import libcst as cst

from room_refactor.config import Config
from room_refactor.core import names as n
from room_refactor.core.codegen import code_for_node, generating
from room_refactor.core.analysis import (
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
from room_refactor.core.walk import rebuild, walk
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


@dataclass
class _Lock:
    """Lock these receivers just before an `if` that decides on them; `wrap` in a new atomic block."""

    func: FuncInfo
    receivers: dict[str, cst.BaseExpression] = field(default_factory=dict)
    wrap: bool = True


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
    notes: list[Note] = field(default_factory=list)


def plan_changes(analysis: ModuleAnalysis, config: Config, options: RewriteOptions) -> _Plan:
    plan = _Plan()
    path = ""
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
        if raw.rewritable:
            assert raw.statement is not None
            plan.rewrite[raw.statement] = raw
            continue
        reason = _left_alone(raw)
        if reason is not None:
            code, message = reason
            plan.notes.append(Note(site.path, site.line, code, message))

    rewritten_funcs: set[FuncInfo | None] = {raw.func for raw in plan.rewrite.values()}
    for func in analysis.funcs:
        _plan_saves(func, analysis, plan, config.fields)
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
        for raw in plan.rewrite.values():
            site = raw.site
            assert site is not None
            field_label = site.field
            later_save = raw.func is not None and any(
                s.receiver == raw.receiver and s.order > raw.order for s in raw.func.saves
            )
            if later_save:
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
    if options.add_atomic:
        _plan_atomic(analysis, config, plan, path)
    _plan_locks(plan, config)
    plan.notes.sort(key=lambda note: (note.line, note.code))
    return plan


def _plan_locks(plan: _Plan, config: Config) -> None:
    """Writes decided on an unlocked read of the row get the lock before the decision.

    `if room.guests.count() == 1: room.is_occupied = False` decides on a read that a concurrent
    request can change before the writer locks the row. Calling the writer with no field first
    (it locks the row and copies both fields back onto the instance) inside a transaction that
    lasts past the `if` makes the decision and the write one serialized step.
    """
    for raw in plan.rewrite.values():
        site, decision, func = raw.site, raw.decision, raw.func
        assert site is not None
        if decision is None or site.protection is Protection.LOCKED or func is None:
            continue
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
        if raw.receiver in lock.receivers:
            continue
        lock.receivers[raw.receiver] = raw.receiver_node
        where = "in a new transaction.atomic() block" if lock.wrap else "in the transaction already open there"
        plan.notes.append(
            Note(site.path, site.line, "locked-before-decision",
                 f"{condition} reads {raw.receiver}: {config.service_name}({raw.receiver}) now "
                 f"locks the row just before it, {where}, so concurrent writers of the row wait until "
                 "this decision is saved", severity="review")
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
    aliases: dict[cst.FunctionDef, str] = {}
    stack: list[cst.FunctionDef] = []

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            stack.append(node)

        def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
            stack.pop()

        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            if not stack or isinstance(node.names, cst.ImportStar):
                return
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
                    aliases.setdefault(stack[-1], local)

    if not any(func.imports_writer_locally for func in analysis.funcs):
        return aliases
    for func in analysis.funcs:
        if func.parent is None:
            walk(func.node, Finder())
    return aliases


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


def _plan_saves(func: FuncInfo, analysis: ModuleAnalysis, plan: _Plan, fields: Sequence[str]) -> None:
    if not func.saves:
        return
    rewritten = [raw for raw in plan.rewrite.values() if raw.func is func]
    if not rewritten:
        return
    # Fields still written directly keep their place in update_fields; a dynamic setattr may
    # write either field.
    kept = {
        (raw.receiver, field_name)
        for raw in analysis.sites
        if raw.func is func and raw.kind in (Kind.ATTRIBUTE, Kind.SETATTR, Kind.DYNAMIC) and raw.statement not in plan.rewrite
        for field_name in ([raw.field] if raw.kind is not Kind.DYNAMIC else fields)
    }
    for save in func.saves:
        migrated = {
            raw.field
            for raw in rewritten
            if raw.receiver == save.receiver
            and raw.order < save.order
            and (raw.receiver, raw.field) not in kept
            and _always_runs_before(raw, save)
        }
        if not migrated:
            continue
        line = min(raw.site.line for raw in rewritten if raw.receiver == save.receiver and raw.site)
        if not save.literal:
            plan.notes.append(
                Note(rewritten[0].site.path if rewritten[0].site else "", line, "update-fields-dynamic",
                     f"{save.receiver}.save(update_fields=...) is not a literal list; it still names the "
                     "migrated fields and may save stale values")
            )
            continue
        if save.fields is None:
            continue  # a plain save() stays; the writer copied the new values onto the instance
        remaining = [name for name in save.fields if name not in migrated]
        if remaining == save.fields:
            continue
        path = rewritten[0].site.path if rewritten[0].site else ""
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


def _always_runs_before(raw: RawSite, save: SaveCall) -> bool:
    """Whether every path to `save` went through the write: the write's block encloses the
    save. Only then has the writer certainly saved the field, so that the save may drop it.
    A write in one branch of an `if` leaves a later save as it is."""
    block = raw.block
    if block is None:
        return False
    path = raw.ancestors
    index = next((i for i, node in enumerate(path) if node is block), None)
    if index is None:
        return False
    blocks = [block]
    # A `with` body always runs to its end (or raises), so it does not branch.
    while index >= 2 and isinstance(path[index - 1], cst.With):
        outer = path[index - 2]
        if not isinstance(outer, (cst.IndentedBlock, cst.Module)):
            break
        blocks.append(outer)
        index -= 2
    return any(node is candidate for node in save.ancestors for candidate in blocks)


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
        external = [c for c in dict.fromkeys(func.external_calls)]
        if external:
            plan.notes.append(
                Note(path, line, "atomic-external-call",
                     f"{func.qualname} is now atomic and calls {', '.join(external)} outside "
                     "transaction.on_commit: it may run even when the transaction rolls back", severity="review")
            )


# -- building nodes -------------------------------------------------------------------------------


def _parenthesize_if_needed(value: cst.BaseExpression) -> cst.BaseExpression:
    needs = isinstance(value, (cst.Yield, cst.NamedExpr)) or (
        isinstance(value, cst.Tuple) and not value.lpar
    )
    if needs and not value.lpar:
        return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return value


def writer_call(
    name: str, receiver: cst.BaseExpression, kwargs: Sequence[tuple[str, cst.BaseExpression]]
) -> cst.Call:
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if kwargs else cst.MaybeSentinel.DEFAULT
    args = [cst.Arg(value=receiver, comma=comma)]
    for index, (keyword, value) in enumerate(kwargs):
        last = index == len(kwargs) - 1
        args.append(
            cst.Arg(
                value=_parenthesize_if_needed(value),
                keyword=cst.Name(keyword),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
                ),
                comma=cst.MaybeSentinel.DEFAULT if last else cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
            )
        )
    return cst.Call(func=cst.Name(name), args=args)


def writer_call_code(module: cst.Module, call: cst.Call) -> str:
    """`code_for_node(module, call)` for a call that `writer_call` built, from the code of its
    name and values: the rest is the punctuation `writer_call` puts there."""
    parts = [node_code(module, call.func), "("]
    for arg in call.args:
        if arg.keyword is not None:
            parts.append(arg.keyword.value + "=")
        parts.append(node_code(module, arg.value))
        if isinstance(arg.comma, cst.Comma):
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
    for raw in plan.rewrite.values():
        spine.update(raw.ancestors)
    for func in analysis.funcs:
        if func.node in plan.decorate or func.node in plan.local_import:
            spine.update(func.ancestors)
        for save in func.saves:
            if save.call in plan.save_edits or save.statement in plan.save_removals:
                spine.update(save.ancestors)
    return spine


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
        body, footer = self._rewrite_statements(original_node.body, updated_node.body)
        self.indents.pop()
        if not body:
            body = [cst.SimpleStatementLine(body=[cst.Pass()])]
        return updated_node.with_changes(body=body, footer=[*footer, *updated_node.footer])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body, footer = self._rewrite_statements(original_node.body, updated_node.body)
        return updated_node.with_changes(body=body, footer=[*footer, *updated_node.footer])

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
                    group.append(self.plan.rewrite[original_node.body[partners[index]]])
                    group_updated.append(updated_node.body[partners[index]])
                new_small.append(self._call_statement(updated, group, group_updated))
            elif original in self.plan.save_removals:
                continue
            else:
                new_small.append(updated)
        if not new_small:
            new_small = [cst.Pass()]
        new_small[-1] = new_small[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(body=new_small)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
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
        code = self.module.code_for_node(collapsed)
        if "\n" in code or "#" in code:
            return call
        if len("".join(self.indents)) + len(code) > self.options.line_length:
            return call
        return collapsed

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        if original_node in self.plan.decorate:
            decorator = cst.Decorator(decorator=cst.parse_expression(self.atomic_expr))
            updated_node = updated_node.with_changes(decorators=[*updated_node.decorators, decorator])
        if original_node in self.plan.local_import and isinstance(updated_node.body, cst.IndentedBlock):
            body = list(updated_node.body.body)
            index = 1 if body and _is_docstring(body[0]) else 0
            statement = cst.SimpleStatementLine(
                body=[
                    cst.ImportFrom(
                        module=_attribute_chain(self.config.service_module),
                        names=[cst.ImportAlias(name=cst.Name(self.config.service_name))],
                    )
                ]
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
            isinstance(o, cst.SimpleStatementLine)
            and any(s in self.plan.rewrite or s in self.plan.save_removals for s in o.body)
            for o in originals
        ):
            if not any(o in self.plan.locks for o in originals):
                return list(updated), []
            out_locked: list[cst.BaseStatement] = []
            for orig, upd in zip(originals, updated):
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
                second = entries[partners[index]]
                group.append(self.plan.rewrite[second[2]])
                group_updated.append(second[3])
                if trailing is None and second[0] != at_line:
                    # the second line's comment moves onto this one (see trailing_from)
                    trailing = _trailing_comment(originals[second[0]], updated[second[0]])
            bucket.append(self._call_statement(small_upd, group, group_updated, comment_width=len(trailing or "")))

        out: list[cst.BaseStatement] = []
        pending: list[cst.EmptyLine] = []
        removed_by_line = dict(removed_comments)
        for position, new_line in enumerate(updated):
            old_line = originals[position]
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
        name = self.plan.writer_names.get(lock.func, self.config.service_name)
        depth = "".join(self.indents) + (self.module.default_indent if lock.wrap else "")
        lines: list[cst.BaseStatement] = [
            self._lock_line(writer_call(name, receiver.deep_clone(), []), indent=depth)
            for receiver in lock.receivers.values()
        ]
        if not lock.wrap:
            lines[0] = lines[0].with_changes(leading_lines=updated.leading_lines)  # type: ignore[attr-defined]  # every statement class has it
            return [*lines, updated.with_changes(leading_lines=[])]
        block = cst.With(
            items=[cst.WithItem(item=cst.parse_expression(f"{self.atomic_expr}()"))],
            body=cst.IndentedBlock(body=[*lines, updated.with_changes(leading_lines=[])]),
            leading_lines=updated.leading_lines,  # type: ignore[attr-defined]  # every statement class has it
        )
        return [block]

    def _lock_line(self, call: cst.Call, *, indent: str) -> cst.SimpleStatementLine:
        """`writer(room)  # lock the row before deciding`; the comment goes on a line of its own
        above the call when the two do not fit on one line."""
        comment = cst.Comment("# lock the row before deciding")
        code = writer_call_code(self.module, call)
        fits = len(indent) + len(code) + 2 + len(comment.value) <= self.options.line_length
        if fits or not self.options.exact_line_length:
            return cst.SimpleStatementLine(
                body=[cst.Expr(call)],
                trailing_whitespace=cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=comment),
            )
        saved, self.indents = self.indents, [indent]
        try:
            fitted = self._fit(call)
        finally:
            self.indents = saved
        return cst.SimpleStatementLine(body=[cst.Expr(fitted)], leading_lines=[cst.EmptyLine(comment=comment)])

    def _pair_up(self, statements: Sequence[cst.CSTNode]) -> tuple[dict[int, int], dict[int, int]]:
        """Which writes merge: (second -> first, first -> second), by index in `statements`."""
        merged_into: dict[int, int] = {}
        partners: dict[int, int] = {}
        for i, orig in enumerate(statements):
            raw = self.plan.rewrite.get(orig)
            if raw is None or i in merged_into:
                continue
            for k in range(i + 1, len(statements)):
                other = self.plan.rewrite.get(statements[k])
                if other is not None and other.receiver == raw.receiver:
                    between = statements[i + 1 : k]
                    if other.field != raw.field and merge_is_safe(raw, other, between, self.fields):
                        merged_into[k] = i
                        partners[i] = k
                    break
        return merged_into, partners

    def _call_statement(
        self, updated: cst.CSTNode, group: list[RawSite], group_updated: Sequence[cst.CSTNode],
        *, comment_width: int = 0,
    ) -> cst.BaseSmallStatement:
        receiver = _receiver_of(group_updated[0])
        kwargs = [
            (self.config.keyword_for(raw.field or ""), _value_of(node)) for raw, node in zip(group, group_updated)
        ]
        name = self.plan.writer_names.get(group[0].func, self.config.service_name)
        call = writer_call(name, receiver, kwargs)
        call = self._fit(call, comment_width=comment_width)
        semicolon = getattr(updated, "semicolon", cst.MaybeSentinel.DEFAULT)
        return cst.Expr(value=call, semicolon=semicolon)

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
        extra = self.module.default_indent
        # The hugged shape's lines: `name(`, the arguments as they are on one line, `)`.
        opening = len(node_code(self.module, call.func)) + 1
        lines = (code[:opening], extra + code[opening:-1], ")")
        if all(len(indent) + len(line) <= self.options.line_length for line in lines):
            return wrap_call(call, indent=indent, extra=extra, one_per_line=False)
        return wrap_call(call, indent=indent, extra=extra, one_per_line=True)


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


def _comment_lines(lines: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    return [line for line in lines if line.comment is not None]


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


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

    def _bind(self, target: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            self.names_bound.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value)

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


# -- entry point ----------------------------------------------------------------------------------


@generating()
def migrate_module(
    module: cst.Module, analysis: ModuleAnalysis, config: Config, options: RewriteOptions
) -> tuple[cst.Module, list[Note]]:
    """Rewrite the writes and decorate the handlers that the analysis found."""
    plan = plan_changes(analysis, config, options)
    if not (plan.rewrite or plan.save_edits or plan.save_removals or plan.decorate):
        return module, plan.notes
    atomic_expr, transaction_import = _atomic_spelling(analysis)
    migrator = _Migrator(module, analysis, config, plan, options, atomic_expr)
    new_module = migrator.run()
    imports: list[tuple[str, str, str | None]] = []
    if plan.module_import and plan.rewrite:
        imports.append((config.service_module, config.service_name, None))
    if (plan.decorate or any(lock.wrap for lock in plan.locks.values())) and transaction_import is not None:
        imports.append(transaction_import)
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
                new_lines.append(cast(cst.SimpleStatementLine, cst.parse_statement(
                    f"from {source} import "
                    + ", ".join(obj if alias is None else f"{obj} as {alias}" for obj, alias in group),
                    config=module.config_for_parsing,
                )))
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
        and isinstance(statement.body[0], (cst.Import, cst.ImportFrom))
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
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
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
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
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
