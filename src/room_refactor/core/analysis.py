"""Find every write of the two state fields in one parsed module, and everything around it:
scope, protection, pairing, view handlers, realtime events. Pure: no paths, no printing.

One visitor pass collects the facts; line numbers come from one cheap code-generation pass
that records positions only for the nodes we report (core/line_pass.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence, cast

import libcst as cst

from room_refactor.config import Config
from room_refactor.core import names as n
from room_refactor.core.codegen import code_for_node, generating
from room_refactor.core.implicit import call_path
from room_refactor.core.line_pass import Layout, line_pass
from room_refactor.core.model_index import ModelIndex, build_index
from room_refactor.core.persistence import EXPRESSIONS_WITH_TEXT, function_facts, saved_in_a_later_statement
from room_refactor.core.prefilter import CREATE_METHODS
from room_refactor.core.receiver_types import Typer, Verdict
from room_refactor.core.walk import TOKENS, WHITESPACE, any_node, hooks, iter_children, node_classes, walk
from room_refactor.model import (
    BYPASS_KINDS,
    Analysis,
    Dropped,
    EventInfo,
    Form,
    Handler,
    HandlerKind,
    HandlerRef,
    ImplicitPath,
    Kind,
    Protection,
    Role,
    WriteSite,
)

# `# room-refactor: ignore[RR001]` is a per-rule suppression of the check (cli/suppress.py), not this pragma.
PRAGMA = re.compile(r"#\s*room-refactor:\s*ignore\b(?!\s*\[)")
CLASS_VIEW_METHODS = {"post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE"}
VIEWSET_METHODS = {"create": "POST", "update": "PUT", "partial_update": "PATCH", "destroy": "DELETE"}
EXTERNAL_CALLS = re.compile(
    r"(?:\w+\.)*(?:send_mail|send_mass_mail|mail_admins|urlopen)"
    r"|(?:requests|httpx|urllib3|boto3|pusher\w*)\.\w+(?:\.\w+)*"
    r"|(?:\w+\.)+(?:delay|apply_async|send_message|publish)"
)


@dataclass(eq=False)
class ClassInfo:
    name: str
    is_view: bool
    is_viewset: bool
    atomic_methods: frozenset[str]  # from @method_decorator(transaction.atomic, name=...)


@dataclass(eq=False)
class SaveCall:
    call: cst.Call
    receiver: str
    fields: list[str] | None  # the literal update_fields, None when absent
    literal: bool  # False when update_fields is not a literal list
    order: int
    is_statement: bool = False
    statement: cst.BaseSmallStatement | None = None  # the small statement that holds the call
    ancestors: tuple[cst.CSTNode, ...] = ()  # from the module down to the call


#: What the rewrite needs to know of a function's use of a saved receiver (rewrite._receiver_use),
#: in source order: the small statements of each line ("line", their ids), each call ("call", the
#: call, its positional arguments and its method's receiver and name as dotted names) and each
#: attribute assigned ("target", the receiver as a dotted name, the attribute).
Event = tuple[str, Any, Any, Any]
_EVENT_KINDS = frozenset({cst.SimpleStatementLine, cst.Call, cst.AssignTarget, cst.AnnAssign, cst.AugAssign})


def node_events(node: cst.CSTNode) -> list[Event]:
    """The events (see `Event`) of `node` itself, not of the nodes below it."""
    kind = type(node)
    if kind is cst.SimpleStatementLine:
        return [("line", tuple(id(small) for small in node.body), None, None)]  # type: ignore[attr-defined]
    if kind is cst.Call:
        call = cast(cst.Call, node)
        positional = tuple(n.dotted(arg.value) for arg in call.args if arg.keyword is None)
        func_node = call.func
        method = (n.dotted(func_node.value), func_node.attr.value) if type(func_node) is cst.Attribute else None
        return [("call", call, positional, method)]
    if kind in _EVENT_KINDS:
        events: list[Event] = []
        _target_events(node.target, events)  # type: ignore[attr-defined]
        return events
    return []


def _target_events(node: cst.BaseExpression, events: list[Event]) -> None:
    if type(node) is cst.Attribute:
        events.append(("target", n.dotted(node.value), node.attr.value, None))
    elif type(node) is cst.Tuple or type(node) is cst.List:
        for element in node.elements:
            _target_events(element.value, events)


@dataclass(eq=False)
class FuncInfo:
    node: cst.FunctionDef
    name: str
    qualname: str
    parent: FuncInfo | None
    cls: ClassInfo | None
    decorated_atomic: bool
    class_atomic: bool
    handler: HandlerRef | None
    mutating: bool
    is_async: bool
    # name -> every binding of it in this function, in source order: (order, the relation paths
    # whose rows select_for_update() locked for it (empty when the value was not locked), the
    # outermost `with transaction.atomic()` block open at that point, if any)
    bindings: dict[str, list[tuple[int, frozenset[str], cst.With | None]]] = field(default_factory=dict)
    events_direct: int = 0
    events_on_commit: int = 0
    external_calls: list[str] = field(default_factory=list)
    writer_calls: list[tuple[cst.Call, bool]] = field(default_factory=list)  # (call, in atomic block)
    saves: list[SaveCall] = field(default_factory=list)
    imports_writer_locally: bool = False
    ancestors: tuple[cst.CSTNode, ...] = ()  # from the module down to the def
    self_calls: list[str] = field(default_factory=list)  # `self.<name>(...)` calls, in a method
    events: list[Event] = field(default_factory=list)  # of every node of the def, nested ones too
    calls_delete: bool = False  # an `X.delete()` somewhere in the def, nested defs included

    @property
    def protected_by_decorator(self) -> bool:
        return self.decorated_atomic or self.class_atomic

    def bind(
        self, names: Sequence[str], order: int, value: cst.CSTNode, block: cst.With | None, *, may_lock: bool = True
    ) -> None:
        """`may_lock`: False when the module never spells select_for_update, so no value locks."""
        paths = locked_paths(value) if may_lock else frozenset()
        for name in names:
            self.bindings.setdefault(name, []).append((order, paths, block))

    def is_locked_at(self, name: str, path: str, order: int, open_blocks: Sequence[cst.With]) -> bool:
        """Is the row at `path` ("self", or a relation such as "assigned_room") of what `name`
        holds at `order` locked by select_for_update()? Only the latest binding before that point
        counts: a write before the lock, or after the name was rebound, is not locked. A lock taken
        inside a `with transaction.atomic()` block ends with that block, unless the whole function
        runs in a transaction."""
        before = [(paths, block) for bound_at, paths, block in self.bindings.get(name, ()) if bound_at < order]
        if not before:
            return False
        paths, block = before[-1]
        return path in paths and (block is None or block in open_blocks or self.protected_by_decorator)

    def nearest_handler(self) -> FuncInfo | None:
        frame: FuncInfo | None = self
        while frame is not None:
            if frame.handler is not None:
                return frame
            frame = frame.parent
        return None


@dataclass(frozen=True, eq=False)
class Decision:
    """An `if`/`while` of the write's own function whose test reads the receiver's state: around
    the write, or before it (`exits`: an `if` with no `else` whose block ends in `return`,
    `raise`, `continue` or `break`, in a block that holds the write, so that the write runs only
    when the test was false). The earliest such test in the function is the decision.

    `reads_first`: the receiver is dereferenced by the first operand the test evaluates, so that
    locking the receiver just before the statement cannot fail where the test itself would not
    (`room is not None and room.x` does not qualify). `in_transaction`: a `with
    transaction.atomic()` of the function was open there. `order`: where the test sits among the
    function's bindings (`FuncInfo.bindings`).
    """

    node: cst.If | cst.While
    reads_first: bool
    in_transaction: bool
    exits: bool = False
    order: int = 0


@dataclass(eq=False)
class RawSite:
    kind: Kind
    form: Form
    field: str | None
    receiver: str
    receiver_node: cst.BaseExpression
    value_node: cst.BaseExpression | None
    anchor: cst.CSTNode  # the node whose position is reported
    statement: cst.BaseSmallStatement | None  # the small statement that holds the write
    block: cst.CSTNode | None  # the statement list the write sits in (for pairing)
    func: FuncInfo | None
    in_atomic_block: bool
    order: int
    call: cst.Call | None = None
    site: WriteSite | None = None  # filled in once positions are known
    verdict: Verdict | None = None  # how the receiver was typed (core/receiver_types.py)
    scope: str = "<module>"  # Class.method, outer.inner, a class body, or <module>
    atomic_blocks: tuple[cst.With, ...] = ()  # the `with transaction.atomic()` blocks around the write
    decision: Decision | None = None  # the outermost `if`/`while` around the write that reads the receiver
    ancestors: tuple[cst.CSTNode, ...] = ()  # from the module down to the node that holds the write

    @property
    def rewritable(self) -> bool:
        """A plain write we know how to turn into a writer call: on a saved instance of the
        model (an unsaved one keeps its in-memory write; the code that follows saves it)."""
        if self.site is None or self.site.canonical or self.site.ignored or self.site.unsaved is not None:
            return False
        if self.kind is Kind.ATTRIBUTE:
            return self.form in (Form.SIMPLE, Form.ANNOTATED) and isinstance(
                self.statement, (cst.Assign, cst.AnnAssign)
            )
        if self.kind is Kind.SETATTR:
            return isinstance(self.statement, cst.Expr) and self.statement.value is self.call
        return False


@dataclass(eq=False)
class ModuleAnalysis:
    """The full result, with node references, for the codemods. `public` is what reports see."""

    public: Analysis
    sites: list[RawSite]
    funcs: list[FuncInfo]
    imports: n.ImportTable
    top_level_imports: n.ImportTable
    module_level_writer_import: bool
    module_name: str
    role: Role
    canonical: bool
    code: str | None = None  # the module's code, when the line pass generated it anyway
    layout: Layout | None = None  # the statements' places in `code`


_EXITS = (cst.Return, cst.Raise, cst.Continue, cst.Break)


def _exits_early(node: cst.If) -> bool:
    """`if ...: return` (or raise, continue, break) with no `else`: what follows runs only when
    the test was false."""
    if node.orelse is not None:
        return False
    body = node.body
    if isinstance(body, cst.SimpleStatementSuite):
        return bool(body.body) and isinstance(body.body[-1], _EXITS)
    last = body.body[-1] if body.body else None
    return isinstance(last, cst.SimpleStatementLine) and bool(last.body) and isinstance(last.body[-1], _EXITS)


def _mentions_name(node: cst.CSTNode, name: str) -> bool:
    return any_node(node, lambda current: type(current) is cst.Name and current.value == name)


def locked_paths(value: cst.CSTNode) -> frozenset[str]:
    """The rows a `select_for_update()` in `value` locks: "self" for the queried model, plus the
    relations it also selects with select_related(), or exactly those named in `of=`. A relation
    that is not select_related() is fetched later by a query of its own, without a lock."""
    lock: cst.Call | None = None
    related: set[str] = set()
    stack: list[cst.CSTNode] = [value]
    while stack:
        current = stack.pop()
        if type(current) is cst.Call and type(current.func) is cst.Attribute:
            method = current.func.attr.value
            if method == "select_for_update" and lock is None:
                lock = current
            elif method == "select_related":
                for arg in current.args:
                    name = n.string_value(arg.value) if arg.keyword is None else None
                    if name:
                        parts = name.split("__")
                        related.update("__".join(parts[: i + 1]) for i in range(len(parts)))
        stack.extend(child for child in iter_children(current) if type(child) not in TOKENS)  # no call below a token
    if lock is None:
        return frozenset()
    for arg in lock.args:
        if arg.keyword is not None and arg.keyword.value == "of":
            of = n.string_list(arg.value)
            return frozenset(of) if of is not None else frozenset()  # unknown `of`: claim nothing
    return frozenset({"self", *related})


def receiver_path(receiver: cst.BaseExpression) -> tuple[str, str] | None:
    """(root name, relation path) of a receiver: `room` -> ("room", "self"),
    `booking.assigned_room` -> ("booking", "assigned_room"), `rooms[0]` -> ("rooms", "self").
    None when the receiver goes through a call, whose result we cannot follow."""
    parts: list[str] = []
    while type(receiver) is cst.Attribute or type(receiver) is cst.Subscript:
        if type(receiver) is cst.Attribute:
            parts.append(receiver.attr.value)
        receiver = receiver.value
    if not isinstance(receiver, cst.Name):
        return None
    return receiver.value, "__".join(reversed(parts)) or "self"


def receiver_root(receiver: cst.BaseExpression) -> str | None:
    while type(receiver) in _RECEIVER_LINKS:
        receiver = receiver.func if type(receiver) is cst.Call else receiver.value  # type: ignore[attr-defined]
    return receiver.value if type(receiver) is cst.Name else None


_RECEIVER_LINKS = frozenset({cst.Attribute, cst.Subscript, cst.Call})


def node_code(module: cst.Module, node: cst.CSTNode) -> str:
    """`module.code_for_node(node)`, without a code generation pass for the most common nodes
    (a name, a dotted name, a literal), whose code is their own text."""
    # By class (no node class derives from these): isinstance on libcst's classes goes through
    # ABCMeta's __instancecheck__, and this runs for every receiver, value and argument.
    parts: list[str] = []
    current = node
    while type(current) is cst.Attribute:
        dot = current.dot
        if (
            current.lpar
            or type(dot.whitespace_before) is not cst.SimpleWhitespace
            or type(dot.whitespace_after) is not cst.SimpleWhitespace
            or dot.whitespace_before.value
            or dot.whitespace_after.value
        ):
            return code_for_node(module, node)
        parts.append(current.attr.value)
        current = current.value
    if type(current) in _OWN_TEXT and not current.lpar:  # type: ignore[attr-defined]
        parts.append(current.value)  # type: ignore[attr-defined]
        return ".".join(reversed(parts))
    return code_for_node(module, node)


_OWN_TEXT = frozenset({cst.Name, cst.SimpleString, cst.Integer})


def _dereferences(test: cst.BaseExpression, receiver: str, code: Callable[[cst.CSTNode], str]) -> bool:
    """Whether `test` reads an attribute or item of `receiver` (not just `receiver is None`), other
    than its primary key: `room.pk` names the row, it is not a state a concurrent request changes."""
    return any_node(
        test,
        lambda current: isinstance(current, (cst.Attribute, cst.Subscript))
        and not _is_pk(current)
        and code(current.value) == receiver,
    )


def _is_pk(node: cst.Attribute | cst.Subscript) -> bool:
    return isinstance(node, cst.Attribute) and node.attr.value == "pk"


def _reads_first(test: cst.BaseExpression, receiver: str, code: Callable[[cst.CSTNode], str]) -> bool:
    """Whether the first operand that `test` evaluates dereferences `receiver`."""
    node: cst.CSTNode = test
    while True:
        if isinstance(node, cst.BooleanOperation):
            node = node.left
        elif isinstance(node, cst.UnaryOperation):
            node = node.expression
        elif isinstance(node, cst.Comparison):
            node = node.left
        elif isinstance(node, cst.BinaryOperation):
            node = node.left
        else:
            break
    while isinstance(node, (cst.Attribute, cst.Subscript, cst.Call)):
        inner = node.func if isinstance(node, cst.Call) else node.value
        if not isinstance(node, cst.Call) and code(inner) == receiver:
            return True
        node = inner
    return False


def contains_call(node: cst.CSTNode) -> bool:
    return any_node(node, lambda current: type(current) in _CALLS)


_CALLS = frozenset({cst.Call, cst.Await, cst.Yield})


_SMALL_KINDS = node_classes(cst.BaseSmallStatement)
_BLOCK_KINDS = frozenset({cst.Module, cst.IndentedBlock, cst.SimpleStatementSuite})
_PLANS: dict[type, tuple[Any, Any, int]] = {}  # _Collector's, by node class


class _Collector(cst.CSTVisitor):
    def __init__(
        self, module: cst.Module, config: Config, *, module_name: str, is_package: bool, index: ModelIndex
    ) -> None:
        super().__init__()
        self.module = module
        self.index = index
        self.config = config
        self.fields = frozenset(config.fields)
        self.module_name = module_name
        self.imports = n.ImportTable(module=module_name, is_package=is_package)
        self.top_imports = n.ImportTable(module=module_name, is_package=is_package)
        self.frames: list[FuncInfo | ClassInfo] = []
        self.funcs: list[FuncInfo] = []
        self.sites: list[RawSite] = []
        self.atomic_depth: list[int] = [0]
        self.atomic_withs: list[list[cst.With]] = [[]]  # the open atomic blocks, per function
        self.blocks: list[cst.CSTNode] = []
        # enclosing if/while: (function, node, atomic open there, order)
        self.guards: list[tuple[FuncInfo | None, cst.If | cst.While, bool, int]] = []
        # per open block, the early-exit `if`s already passed in it (same tuples)
        self.exit_guards: list[list[tuple[FuncInfo | None, cst.If | cst.While, bool, int]]] = []
        self.small: list[cst.BaseSmallStatement] = []
        self.path: list[cst.CSTNode] = []  # the node being visited and its ancestors
        self.on_commit_calls: list[cst.Call] = []
        self.view_classes: dict[str, ClassInfo] = {}
        self.order = 0
        self.module_level_writer_import = False
        self.pragma_comments: list[cst.Comment] = []
        self.in_service_module = module_name == config.service_module
        self.typer = Typer(index, self.imports, module_name=module_name, module=module)
        self.dropped: list[tuple[cst.CSTNode, str | None, Kind, str, str]] = []  # (anchor, field, kind, receiver, why)
        self.implicit: list[tuple[cst.CSTNode, str, str, tuple[str, ...], str, str, str]] = []
        self.sql_strings: list[dict[str, str]] = [{}]  # per function: name -> the SQL literal bound to it
        self.exposures = {e.qualname: e for e in index.exposures if e.module == module_name}
        # ids of the statement lines, and of the functions whose header, that hold a reported node
        self.touched_lines: set[int] = set()
        self.may_lock = True  # False when the source never spells select_for_update (see analyze_module)

    def touch(self) -> None:
        """The statement line (or the `def` line, with its decorators) being visited holds a
        node the analysis reports."""
        for node in reversed(self.path):
            kind = type(node)
            if kind is cst.SimpleStatementLine or kind is cst.FunctionDef:
                self.touched_lines.add(id(node))
                return
            if kind in _BLOCK_KINDS:
                return

    # -- helpers --------------------------------------------------------------------------
    def bind(self, func: FuncInfo, names: Sequence[str], order: int, value: cst.CSTNode) -> None:
        """`names` bound to `value` in `func` at `order`, in the `with` block open here."""
        func.bind(names, order, value, self.open_block(), may_lock=self.may_lock)

    @property
    def func(self) -> FuncInfo | None:
        for frame in reversed(self.frames):
            if isinstance(frame, FuncInfo):
                return frame
        return None

    def code(self, node: cst.CSTNode) -> str:
        return node_code(self.module, node)

    def open_block(self) -> cst.With | None:
        """The outermost open `with transaction.atomic()` of this function: the transaction, and
        so a row lock taken in it, lasts until that block ends (inner blocks are savepoints)."""
        return self.atomic_withs[-1][0] if self.atomic_withs[-1] else None

    def next_order(self) -> int:
        self.order += 1
        return self.order

    def add_site(
        self,
        *,
        kind: Kind,
        form: Form,
        field_name: str | None,
        receiver: cst.BaseExpression,
        value: cst.BaseExpression | None,
        anchor: cst.CSTNode,
        call: cst.Call | None = None,
        receiver_must_match: bool = True,
    ) -> None:
        self.touch()
        receiver_text = self.code(receiver)
        verdict = self.typer.decide(
            receiver,
            field_name=field_name,
            receiver_text=receiver_text,
            collection=not receiver_must_match,
            receiver_matches=self.config.receiver_matches,
        )
        if not verdict.site:
            self.dropped.append((anchor, field_name, kind, receiver_text, verdict.reason))
            return
        self.sites.append(
            RawSite(
                kind=kind,
                form=form,
                field=field_name,
                receiver=receiver_text,
                receiver_node=receiver,
                value_node=value,
                anchor=anchor,
                statement=self.small[-1] if self.small else None,
                block=self.blocks[-1] if self.blocks else None,
                func=self.func,
                in_atomic_block=self.atomic_depth[-1] > 0,
                order=self.next_order(),
                call=call,
                scope=".".join(frame.name for frame in self.frames) or "<module>",
                atomic_blocks=tuple(self.atomic_withs[-1]),
                decision=self._decision(receiver, receiver_text),
                ancestors=tuple(self.path),
                verdict=verdict,
            )
        )

    def _decision(self, receiver: cst.BaseExpression, receiver_text: str) -> Decision | None:
        root = receiver_root(receiver)
        func = self.func
        if root is None or func is None:
            return None
        passed = [guard for guards in self.exit_guards for guard in guards]
        candidates = sorted([*((g, False) for g in self.guards), *((g, True) for g in passed)], key=lambda c: c[0][3])
        for (owner, node, atomic_open, order), exits in candidates:  # the earliest first
            if owner is not func or not _mentions_name(node.test, root):
                continue
            if _dereferences(node.test, receiver_text, self.code):
                reads_first = _reads_first(node.test, receiver_text, self.code)
                return Decision(node, reads_first, atomic_open, exits=exits, order=order)
        return None

    def visit_If(self, node: cst.If) -> None:
        self.guards.append((self.func, node, self.atomic_depth[-1] > 0, self.next_order()))

    def leave_If(self, original_node: cst.If) -> None:
        guard = self.guards.pop()
        if _exits_early(original_node) and self.exit_guards:
            self.exit_guards[-1].append(guard)  # the block that holds the `if`

    def visit_While(self, node: cst.While) -> None:
        self.guards.append((self.func, node, self.atomic_depth[-1] > 0, self.next_order()))

    def leave_While(self, original_node: cst.While) -> None:
        self.guards.pop()

    # -- structure ------------------------------------------------------------------------
    # libcst looks up `visit_<Class>` and `visit_<Class>_<field>` by name on every node and every
    # field of it; most of the analysis time went there. The methods are looked up once per class
    # instead, and there are no per-field hooks.
    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = type(node)
        visit, _, stack = _PLANS.get(kind) or self._plan(kind)
        self.path.append(node)
        if kind in _EVENT_KINDS and self.frames:
            events = node_events(node)
            for frame in self.frames:
                if type(frame) is FuncInfo:
                    frame.events.extend(events)
        if stack == 1:
            self.small.append(node)  # type: ignore[arg-type]  # a small statement, by its class
        elif stack == 2:
            self.blocks.append(node)
            self.exit_guards.append([])
        if visit is None:
            return True
        return visit(self, node) is not False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        _, leave, stack = _PLANS.get(type(original_node)) or self._plan(type(original_node))
        if leave is not None:
            leave(self, original_node)
        if stack == 1:
            self.small.pop()
        elif stack == 2:
            self.blocks.pop()
            self.exit_guards.pop()
        self.path.pop()

    def _plan(self, kind: type) -> tuple[Any, Any, int]:
        """What `on_visit` / `on_leave` do for a node class: its hooks, and the stack it goes on
        (1: small statements, 2: blocks). Once per class: this runs on every node."""
        visit, leave = hooks(type(self), kind)
        plan = _PLANS[kind] = (visit, leave, 1 if kind in _SMALL_KINDS else 2 if kind in _BLOCK_KINDS else 0)
        return plan

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass

    def visit_Comment(self, node: cst.Comment) -> None:
        # Only a real comment counts: the same text inside a string literal is not a pragma.
        if PRAGMA.search(node.value):
            self.pragma_comments.append(node)

    def visit_Import(self, node: cst.Import) -> None:
        self.imports.add(node)
        if not self.frames:
            self.top_imports.add(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.add(node)
        if not self.frames:
            self.top_imports.add(node)
        if isinstance(node.names, cst.ImportStar):
            return
        source = n.absolute_module(
            n.import_module_text(node), self.module_name, is_package=self.imports.is_package
        )
        if source != self.config.service_module:
            return
        if any(n.dotted(alias.name) == self.config.service_name for alias in node.names):
            func = self.func
            if func is None:
                self.module_level_writer_import = True
            else:
                func.imports_writer_locally = True

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        base_names = []
        for arg in node.bases:
            text = n.dotted(arg.value)
            if text:
                base_names.append(text)
        last_parts = [b.rsplit(".", 1)[-1] for b in base_names]
        local_bases = [self.view_classes[b] for b in base_names if b in self.view_classes]
        is_viewset = (
            any("ViewSet" in part or (part.endswith("APIView") and part != "APIView") for part in last_parts)
            or any(base.is_viewset for base in local_bases)
            or node.name.value.endswith("ViewSet")
        )
        is_view = (
            is_viewset
            or any(part.endswith(("View", "APIView")) for part in last_parts)
            or bool(local_bases)
            or node.name.value.endswith("View")
        )
        atomic_methods: set[str] = set()
        for decorator in node.decorators:
            expression = decorator.decorator
            if not isinstance(expression, cst.Call) or not _method_decorator_wraps_atomic(expression, self.imports):
                continue
            for arg in expression.args[1:]:
                if arg.keyword is not None and arg.keyword.value == "name":
                    method = n.string_value(arg.value)
                    if method:
                        atomic_methods.add(method)
        info = ClassInfo(node.name.value, is_view, is_viewset, frozenset(atomic_methods))
        if is_view:
            self.view_classes[node.name.value] = info
        self.frames.append(info)
        self.typer.enter_class(node)
        local = ".".join(frame.name for frame in self.frames)
        exposure = self.exposures.get(local)
        if exposure is not None:
            self.implicit.append((node.name, exposure.kind, exposure.model, exposure.fields, exposure.how, exposure.fix, local))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.frames.pop()
        self.typer.leave_class()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        parent = self.func
        cls = self.frames[-1] if self.frames and isinstance(self.frames[-1], ClassInfo) else None
        name = node.name.value
        qualname = ".".join([f.name for f in self.frames] + [name])
        decorated_atomic = any(
            n.is_atomic(d.decorator, self.imports)
            # @method_decorator(transaction.atomic) on the method itself
            or (isinstance(d.decorator, cst.Call) and _method_decorator_wraps_atomic(d.decorator, self.imports))
            for d in node.decorators
        )
        class_atomic = cls is not None and ("dispatch" in cls.atomic_methods or name in cls.atomic_methods)
        handler, mutating = self._handler_for(node, cls)
        info = FuncInfo(
            node=node,
            name=name,
            qualname=qualname,
            parent=parent,
            cls=cls,
            decorated_atomic=decorated_atomic,
            class_atomic=class_atomic,
            handler=handler,
            mutating=mutating,
            is_async=node.asynchronous is not None,
            ancestors=tuple(self.path),
        )
        self.funcs.append(info)
        self.frames.append(info)
        self.atomic_depth.append(0)
        self.atomic_withs.append([])
        self.typer.enter_function(node)
        self.sql_strings.append({})

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.frames.pop()
        self.atomic_depth.pop()
        self.atomic_withs.pop()
        self.typer.leave_function()
        self.sql_strings.pop()

    def _handler_for(self, node: cst.FunctionDef, cls: ClassInfo | None) -> tuple[HandlerRef | None, bool]:
        name = node.name.value
        view_methods = set(self.config.view_methods)
        # A decorated function view mutates when one of its HTTP methods is in `view-methods`
        # (post, put, patch, delete by default), the same setting that names class-view methods.
        def mutates(methods: tuple[str, ...]) -> bool:
            return any(method.lower() in view_methods for method in methods)

        for decorator in node.decorators:
            expression = decorator.decorator
            qualified = self.imports.qualify(n.callee(expression))
            if qualified == n.API_VIEW:
                methods = _methods_argument(expression, keyword="http_method_names", default=("GET",))
                return HandlerRef(name, HandlerKind.API_VIEW, methods), mutates(methods)
            if qualified == n.ACTION and cls is not None:
                methods = _methods_argument(expression, keyword="methods", default=("GET",), positional=False)
                return HandlerRef(name, HandlerKind.ACTION, methods), mutates(methods)
            if qualified == n.REQUIRE_HTTP_METHODS:
                methods = _methods_argument(expression, keyword="request_method_list", default=())
                return HandlerRef(name, HandlerKind.REQUIRE_METHODS, methods), mutates(methods)
            if qualified in n.REQUIRE_FIXED:
                methods = n.REQUIRE_FIXED[qualified]
                return HandlerRef(name, HandlerKind.REQUIRE_METHODS, methods), mutates(methods)
        if cls is None or not cls.is_view or self.func is not None:
            return None, False
        if name in VIEWSET_METHODS and cls.is_viewset:
            return HandlerRef(name, HandlerKind.VIEWSET_ACTION, (VIEWSET_METHODS[name],)), name in view_methods
        if name in CLASS_VIEW_METHODS or name in view_methods:
            method = CLASS_VIEW_METHODS.get(name, VIEWSET_METHODS.get(name, name.upper()))
            return HandlerRef(name, HandlerKind.CLASS_VIEW, (method,)), name in view_methods
        if name == "get":
            return HandlerRef(name, HandlerKind.CLASS_VIEW, ("GET",)), False
        return None, False

    # -- blocks that protect ------------------------------------------------------------
    def visit_With(self, node: cst.With) -> None:
        if any(
            isinstance(item.item, cst.Call) and n.is_atomic(item.item, self.imports) for item in node.items
        ):
            self.atomic_depth[-1] += 1
            self.atomic_withs[-1].append(node)
        func = self.func
        if func is not None:
            for item in node.items:
                if item.asname is not None:
                    self.bind(func, n.bound_names(item.asname.name), self.next_order(), item.item)

    def leave_With(self, original_node: cst.With) -> None:
        if any(
            isinstance(item.item, cst.Call) and n.is_atomic(item.item, self.imports)
            for item in original_node.items
        ):
            self.atomic_depth[-1] -= 1
            self.atomic_withs[-1].pop()

    def visit_For(self, node: cst.For) -> None:
        func = self.func
        if func is not None:
            self.bind(func, n.bound_names(node.target), self.next_order(), node.iter)
        self.typer.bind_loop(node.target, node.iter)

    # -- writes -------------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        func = self.func
        if func is not None:
            order = self.next_order()
            for target in node.targets:
                self.bind(func, n.bound_names(target.target), order, node.value)
        chained = len(node.targets) > 1
        for target in node.targets:
            self._assignment_target(target.target, node.value, Form.CHAINED if chained else Form.SIMPLE)
        for target in node.targets:
            self.typer.bind(target.target, node.value)
            if type(target.target) is cst.Name:
                sql = n.string_value(node.value) if (type(node.value) is cst.SimpleString or type(node.value) is cst.ConcatenatedString) else None
                if sql is not None:
                    self.sql_strings[-1][target.target.value] = sql

    def _assignment_target(self, target: cst.BaseExpression, value: cst.BaseExpression, form: Form) -> None:
        if type(target) is cst.Attribute:
            if target.attr.value in self.fields:
                self.add_site(
                    kind=Kind.ATTRIBUTE,
                    form=form,
                    field_name=target.attr.value,
                    receiver=target.value,
                    value=value,
                    anchor=target,
                )
        elif type(target) is cst.Tuple or type(target) is cst.List:
            for element in target.elements:
                inner = element.value
                self._assignment_target(inner, value, Form.TUPLE)
        elif type(target) is cst.StarredElement:
            self._assignment_target(target.value, value, Form.TUPLE)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        func = self.func
        if func is not None and node.value is not None:
            self.bind(func, n.bound_names(node.target), self.next_order(), node.value)
        self.typer.bind(node.target, node.value, annotation=node.annotation.annotation)
        if node.value is not None and isinstance(node.target, cst.Attribute):
            if node.target.attr.value in self.fields:
                self.add_site(
                    kind=Kind.ATTRIBUTE,
                    form=Form.ANNOTATED,
                    field_name=node.target.attr.value,
                    receiver=node.target.value,
                    value=node.value,
                    anchor=node.target,
                )

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        func = self.func
        if func is not None:
            self.bind(func, n.bound_names(node.target), self.next_order(), node.value)
        self.typer.bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Attribute) and node.target.attr.value in self.fields:
            self.add_site(
                kind=Kind.ATTRIBUTE,
                form=Form.AUGMENTED,
                field_name=node.target.attr.value,
                receiver=node.target.value,
                value=node.value,
                anchor=node.target,
            )

    def visit_Call(self, node: cst.Call) -> None:
        func_node = node.func
        func = self.func
        if type(func_node) is cst.Name and func_node.value == "setattr":
            self._setattr(node)
        elif type(func_node) is cst.Attribute:
            method = func_node.attr.value
            if method == "update":
                self._keyword_sites(node, Kind.QUERYSET_UPDATE)
            elif method in CREATE_METHODS:
                self._keyword_sites(node, Kind.CREATE)
            elif method == "bulk_update":
                self._bulk_update(node)
            elif method == "save" and func is not None:
                self._save(node, func)
                self.typer.saved(func_node.value)
                if type(func_node.value) is cst.Call and n.dotted(func_node.value.func) == "super":
                    self.typer.saved_all("save")  # the model's own save() has saved `self`
            elif method == "save_model" and isinstance(func_node.value, cst.Call) and n.dotted(func_node.value.func) == "super":
                self.typer.saved_all("save_model")
            elif method == "delete" and not node.args:
                for frame in self.frames:
                    if type(frame) is FuncInfo:
                        frame.calls_delete = True
        found = call_path(
            node, typer=self.typer, index=self.index, fields=self.config.fields,
            writer=self.config.service_name, strings=self.sql_strings[-1],
        )
        if found is not None:
            self.touch()
            self.implicit.append((node, found.kind, found.model, found.fields, found.detail, found.fix,
                                  ".".join(frame.name for frame in self.frames) or "<module>"))
        elif type(func_node) is cst.Attribute and func_node.attr.value == "register" and len(node.args) == 1:
            model = self.typer.infer(node.args[0].value)
            if model is not None and model.kind == "class" and self.index.is_target(model.cls):
                for exposure in self.exposures.values():
                    if exposure.qualname.startswith("admin.site.register("):
                        self.touch()
                        self.implicit.append((node, exposure.kind, exposure.model, exposure.fields, exposure.how,
                                              exposure.fix, "<module>"))
                        break
        qualified = self.imports.qualify(func_node)
        if qualified == n.ON_COMMIT:
            self.on_commit_calls.append(node)
            for arg in node.args:
                text = n.dotted(arg.value)
                if text and self.config.is_event_call(text) and func is not None:
                    func.events_on_commit += 1
        if func is None:
            return
        if (
            func.cls is not None
            and isinstance(func_node, cst.Attribute)
            and isinstance(func_node.value, cst.Name)
            and func_node.value.value == "self"
        ):
            func.self_calls.append(func_node.attr.value)
        if qualified == self.config.service or (
            self.in_service_module and qualified == self.config.service_name
        ):
            func.writer_calls.append((node, self.atomic_depth[-1] > 0))
            self.order += 1
        text = n.dotted(func_node)
        if text is None:
            return
        on_commit = bool(self.on_commit_calls)
        if self.config.is_event_call(text):
            if on_commit:
                func.events_on_commit += 1
            else:
                func.events_direct += 1
                func.external_calls.append(text)
        elif not on_commit and EXTERNAL_CALLS.fullmatch(text):
            func.external_calls.append(text)

    def leave_Call(self, original_node: cst.Call) -> None:
        if self.on_commit_calls and self.on_commit_calls[-1] is original_node:
            self.on_commit_calls.pop()

    def _setattr(self, node: cst.Call) -> None:
        args = node.args
        if len(args) < 3 or any(a.keyword is not None or a.star for a in args[:3]):
            return
        name = n.string_value(args[1].value)
        if name is None:
            self.add_site(
                kind=Kind.DYNAMIC,
                form=Form.CALL,
                field_name=None,
                receiver=args[0].value,
                value=args[2].value,
                anchor=node,
                call=node,
            )
        elif name in self.fields:
            self.add_site(
                kind=Kind.SETATTR,
                form=Form.CALL,
                field_name=name,
                receiver=args[0].value,
                value=args[2].value,
                anchor=node,
                call=node,
            )

    def _keyword_sites(self, node: cst.Call, kind: Kind) -> None:
        assert isinstance(node.func, cst.Attribute)
        receiver = node.func.value
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword in self.fields:
                self.add_site(
                    kind=kind,
                    form=Form.CALL,
                    field_name=keyword,
                    receiver=receiver,
                    value=arg.value,
                    anchor=arg,
                    call=node,
                    receiver_must_match=False,
                )
            elif kind is Kind.CREATE and keyword in ("defaults", "create_defaults"):
                if isinstance(arg.value, cst.Dict):
                    for element in arg.value.elements:
                        if isinstance(element, cst.DictElement):
                            key = n.string_value(element.key)
                            if key in self.fields:
                                self.add_site(
                                    kind=kind,
                                    form=Form.CALL,
                                    field_name=key,
                                    receiver=receiver,
                                    value=element.value,
                                    anchor=element,
                                    call=node,
                                    receiver_must_match=False,
                                )

    def _bulk_update(self, node: cst.Call) -> None:
        assert isinstance(node.func, cst.Attribute)
        fields_arg: cst.BaseExpression | None = None
        positional = [a for a in node.args if a.keyword is None and not a.star]
        if len(positional) >= 2:
            fields_arg = positional[1].value
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "fields":
                fields_arg = arg.value
        if not isinstance(fields_arg, (cst.List, cst.Tuple, cst.Set)):
            return
        for element in fields_arg.elements:
            if isinstance(element, cst.Element):
                value = n.string_value(element.value)
                if value in self.fields:
                    self.add_site(
                        kind=Kind.BULK_UPDATE,
                        form=Form.CALL,
                        field_name=value,
                        receiver=node.func.value,
                        value=positional[0].value if positional else None,
                        anchor=element,
                        call=node,
                        receiver_must_match=False,
                    )

    def _save(self, node: cst.Call, func: FuncInfo) -> None:
        assert isinstance(node.func, cst.Attribute)
        fields_list: list[str] | None = None
        literal = True
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "update_fields":
                fields_list = n.string_list(arg.value)
                literal = fields_list is not None
        statement = self.small[-1] if self.small else None
        func.saves.append(
            SaveCall(
                call=node,
                receiver=self.code(node.func.value),
                fields=fields_list,
                literal=literal,
                order=self.next_order(),
                is_statement=isinstance(statement, cst.Expr) and statement.value is node,
                statement=statement,
                ancestors=tuple(self.path),
            )
        )


def _method_decorator_wraps_atomic(expression: cst.Call, imports: n.ImportTable) -> bool:
    """`method_decorator(transaction.atomic, ...)` or `method_decorator([login_required, atomic], ...)`."""
    if imports.qualify(expression.func) != n.METHOD_DECORATOR or not expression.args:
        return False
    wrapped = expression.args[0].value
    candidates = [e.value for e in wrapped.elements] if isinstance(wrapped, (cst.List, cst.Tuple)) else [wrapped]
    return any(n.is_atomic(c, imports) for c in candidates)


def _methods_argument(
    expression: cst.BaseExpression, *, keyword: str, default: tuple[str, ...], positional: bool = True
) -> tuple[str, ...]:
    if not isinstance(expression, cst.Call):
        return default
    for index, arg in enumerate(expression.args):
        if (arg.keyword is not None and arg.keyword.value == keyword) or (
            positional and index == 0 and arg.keyword is None
        ):
            values = n.string_list(arg.value)
            if values is not None:
                return tuple(v.upper() for v in values)
    return default


@generating()
def analyze_module(
    module: cst.Module,
    config: Config,
    *,
    path: str = "<string>",
    module_name: str = "",
    role: Role = Role.APP,
    source: str | None = None,
    index: ModelIndex | None = None,
    line_ends: Sequence[int] | None = None,
) -> ModuleAnalysis:
    """Every write site and every mutating handler that writes, in one module.

    `source`, the module's text, is only a hint: when it holds no pragma comment, the walk
    leaves out names, literals, punctuation and comments, which then matter to no hook.
    `line_ends`, where its logical lines end (what `parse.check_limits` returns), is another:
    with both, the line pass copies the statement lines that hold nothing it reports.
    """
    is_package = path.endswith("__init__.py")
    if index is None:  # a module on its own (tests, tools): the index of that one module
        index = build_index([(module_name, source if source is not None else module.code, is_package)],
                            model=config.model, fields=config.fields)
    collector = _Collector(module, config, module_name=module_name, is_package=is_package, index=index)
    collector.may_lock = source is None or "select_for_update" in source
    # The collector has no use for bare whitespace, and none for comments but the pragma.
    walk(module, collector, TOKENS if source is not None and PRAGMA.search(source) is None else WHITESPACE)
    canonical = config.is_canonical_module(module_name)

    sites = collector.sites
    handler_funcs = [f for f in collector.funcs if f.handler is not None and f.mutating]
    wanted: set[cst.CSTNode] = set()
    for raw in sites:
        wanted.add(raw.anchor)
        if raw.statement is not None:
            wanted.add(raw.statement)
    for func in handler_funcs:
        wanted.add(func.node.name)
        collector.touched_lines.add(id(func.node))
    for anchor, *_ in collector.implicit:
        wanted.add(anchor)
    for anchor, *_ in collector.dropped:
        wanted.add(anchor)
    if sites or collector.implicit:
        wanted.update(collector.pragma_comments)
    starts: dict[cst.CSTNode, tuple[int, int]] = {}
    ends: dict[cst.CSTNode, int] = {}
    pragma_lines: set[int] = set()
    pragma_above: set[int] = set()  # the lines just below a pragma on a line of its own
    code = None
    layout = None
    if wanted:
        # A pragma comment can sit in any line: with one, every line is generated.
        found = line_pass(module, wanted, source=source, line_ends=None if collector.pragma_comments else line_ends,
                          touched=collector.touched_lines)
        code, starts, ends, layout = found.code, found.starts, found.ends, found.layout
        pragma_lines = {starts[comment][0] for comment in collector.pragma_comments if comment in starts}
        # A pragma on a line of its own covers the line just below it (where the rewrite puts
        # one that does not fit after its statement).
        lines = code.splitlines() if pragma_lines else []
        pragma_above = {
            number + 1 for number in pragma_lines
            if 0 < number <= len(lines) and lines[number - 1].lstrip().startswith("#")
        }

    pairs = _pairs(sites)
    in_memory = _in_memory_reasons(module, sites)
    for raw in sites:
        line, column = starts.get(raw.anchor, (0, 0))
        end_line = ends.get(raw.statement, line) if raw.statement is not None else ends.get(raw.anchor, line)
        ignored = bool(pragma_lines) and (line in pragma_above or any(
            number in pragma_lines for number in (line, end_line, ends.get(raw.anchor, line))
        ))
        site_func = raw.func
        handler_frame = site_func.nearest_handler() if site_func is not None else None
        handler = handler_frame.handler if handler_frame is not None else None
        raw.site = WriteSite(
            path=path,
            line=line,
            column=column,
            field=raw.field,
            kind=raw.kind,
            form=raw.form,
            receiver=raw.receiver,
            value=node_code(module, raw.value_node) if raw.value_node is not None else None,
            scope=raw.scope,
            role=role,
            protection=_protection(raw, handler is not None, config),
            paired=raw in pairs,
            canonical=canonical,
            ignored=ignored,
            handler=handler,
            event=EventInfo(
                emitted=site_func is not None and (site_func.events_direct + site_func.events_on_commit) > 0,
                on_commit=site_func is not None and site_func.events_on_commit > 0 and site_func.events_direct == 0,
            ),
            end_line=end_line,
            typed_by=raw.verdict.typed_by if raw.verdict is not None else "name",
            model=raw.verdict.model if raw.verdict is not None else None,
            unsaved=raw.verdict.unsaved if raw.verdict is not None and raw.kind in BYPASS_KINDS else None,
            in_memory=in_memory.get(raw),
        )

    handlers = []
    for func in handler_funcs:
        counted, writer_calls = handler_writes(func, collector.funcs, sites)
        writes = len(counted) + len(writer_calls)
        if writes == 0:
            continue
        assert func.handler is not None
        handlers.append(
            Handler(
                path=path,
                line=starts.get(func.node.name, (0, 0))[0],
                name=func.qualname,
                kind=func.handler.kind,
                methods=func.handler.methods,
                protected=handler_is_protected(func, counted, writer_calls, config),
                writes=writes,
                is_async=func.is_async,
                external_calls=tuple(dict.fromkeys(func.external_calls)),
            )
        )
    implicit = []
    for anchor, kind, model, fields, detail, fix, scope in collector.implicit:
        line = starts.get(anchor, (0, 0))[0]
        end = ends.get(anchor, line)
        implicit.append(ImplicitPath(
            path=path, line=line, kind=kind, model=model, fields=fields, detail=detail, fix=fix, scope=scope,
            ignored=bool(pragma_lines) and (line in pragma_lines or end in pragma_lines or line in pragma_above),
        ))
    dropped = tuple(
        Dropped(path=path, line=starts.get(anchor, (0, 0))[0], field=field_name, kind=kind.value, receiver=receiver,
                reason=reason)
        for anchor, field_name, kind, receiver, reason in collector.dropped
    )
    public = Analysis(
        sites=tuple(r.site for r in sites if r.site is not None),
        handlers=tuple(handlers),
        writer_calls=sum(len(f.writer_calls) for f in collector.funcs),
        implicit=tuple(implicit),
        dropped=dropped,
    )
    return ModuleAnalysis(
        public=public,
        sites=sites,
        funcs=collector.funcs,
        imports=collector.imports,
        top_level_imports=collector.top_imports,
        module_level_writer_import=collector.module_level_writer_import,
        module_name=module_name,
        role=role,
        canonical=canonical,
        code=code,
        layout=layout,
    )


def _in_memory_reasons(module: cst.Module, sites: Sequence[RawSite]) -> dict[RawSite, str]:
    """The direct writes their function does not persist, and why (core/persistence.py). A
    write on an unsaved instance is left out: that is its own reason."""
    by_func: dict[FuncInfo, list[tuple[RawSite, cst.BaseSmallStatement]]] = {}
    for raw in sites:
        if (
            raw.kind in BYPASS_KINDS
            and raw.func is not None
            and raw.statement is not None
            and (raw.verdict is None or raw.verdict.unsaved is None)
        ):
            by_func.setdefault(raw.func, []).append((raw, raw.statement))
    found: dict[RawSite, str] = {}
    for func, writes in by_func.items():
        # Most writes are followed by a save of their instance: then the walk has nothing to add.
        saves = [(save.order, save.statement, save.receiver) for save in func.saves
                 if type(cast(cst.Attribute, save.call.func).value) in EXPRESSIONS_WITH_TEXT]
        if saved_in_a_later_statement(func.node, [(raw.order, statement, raw.receiver) for raw, statement in writes],
                                      saves):
            continue
        facts = function_facts(func.node, {statement for _, statement in writes}, lambda node: node_code(module, node))
        for raw, statement in writes:
            reason = facts.reason(statement, raw.receiver)
            if reason is not None:
                found[raw] = reason
    return found


def helper_methods(func: FuncInfo, funcs: Sequence[FuncInfo]) -> list[FuncInfo]:
    """The methods of the handler's own class that it calls as `self.<name>()`, directly or
    through each other: their writes run in the handler's request. A helper that is itself
    atomic protects its own writes, so it is left out."""
    if func.cls is None:
        return []
    methods = {f.name: f for f in funcs if f.cls is func.cls and f.parent is None}
    found: list[FuncInfo] = []
    stack = list(func.self_calls)
    seen = {func.name}
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        method = methods.get(name)
        if method is None or method.protected_by_decorator or method.handler is not None:
            continue  # not a method of the class, an atomic helper, or a handler on its own
        found.append(method)
        stack.extend(method.self_calls)
        stack.extend(f_name for f in funcs if f.parent is method for f_name in f.self_calls)
    return found


def handler_writes(
    func: FuncInfo, funcs: Sequence[FuncInfo], sites: Sequence[RawSite]
) -> tuple[list[RawSite], list[tuple[cst.Call, bool]]]:
    """The write sites (not ignored) and writer calls that run when the handler runs: its own
    and its nested functions', and those of the helper methods it calls (`self._apply()`)."""
    helpers = helper_methods(func, funcs)

    def runs_in_handler(f: FuncInfo | None) -> bool:
        while f is not None:
            if f is func or f in helpers:
                return True
            f = f.parent
        return False

    counted = [r for r in sites if runs_in_handler(r.func) and r.site is not None and not r.site.ignored]
    writer_calls = [call for f in funcs if runs_in_handler(f) for call in f.writer_calls]
    return counted, writer_calls


def handler_is_protected(
    func: FuncInfo, sites: Sequence[RawSite], writer_calls: Sequence[tuple[cst.Call, bool]], config: Config
) -> bool:
    if func.protected_by_decorator or config.atomic_requests:
        return True
    # A row locked with `select_for_update()` is not a transaction (Django refuses the lock
    # outside one): only an atomic block protects. Counting the lock would make a second run
    # decorate the handler once its locked write has become a writer call (issue 19).
    every_site_inside = all(r.site is not None and r.in_atomic_block for r in sites)
    return every_site_inside and all(in_block for _, in_block in writer_calls)


def _protection(raw: RawSite, in_handler: bool, config: Config) -> Protection:
    func = raw.func
    if func is None:
        return Protection.NONE
    where = receiver_path(raw.receiver_node)
    if (
        raw.kind in (Kind.ATTRIBUTE, Kind.SETATTR, Kind.DYNAMIC)
        and where is not None
        and func.is_locked_at(where[0], where[1], raw.order, raw.atomic_blocks)
    ):
        return Protection.LOCKED
    if raw.in_atomic_block:
        return Protection.ATOMIC_BLOCK
    if func.protected_by_decorator:
        return Protection.ATOMIC_DECORATOR
    if config.atomic_requests and in_handler:
        return Protection.ATOMIC_REQUESTS
    return Protection.NONE


def _pairs(sites: Sequence[RawSite]) -> set[RawSite]:
    """Sites whose receiver also gets the other field in the same block."""
    by_key: dict[tuple[int, str], set[str | None]] = {}
    for raw in sites:
        if raw.kind in (Kind.ATTRIBUTE, Kind.SETATTR) and raw.block is not None:
            by_key.setdefault((id(raw.block), raw.receiver), set()).add(raw.field)
    return {
        raw
        for raw in sites
        if raw.kind in (Kind.ATTRIBUTE, Kind.SETATTR)
        and raw.block is not None
        and len(by_key.get((id(raw.block), raw.receiver), set())) > 1
    }
