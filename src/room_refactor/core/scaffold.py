"""The canonical writer itself, and the database checks that back it. Pure."""

from __future__ import annotations

import libcst as cst

from room_refactor.config import Config
from room_refactor.core import names as n
from room_refactor.core.rewrite import add_imports


def defines_function(module: cst.Module, name: str) -> bool:
    return any(isinstance(s, cst.FunctionDef) and s.name.value == name for s in module.body)


def function_parameters(module: cst.Module, name: str) -> tuple[str, ...] | None:
    """The parameter names of the module-level function `name`, or None when it is missing."""
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return parameter_names(statement.params)
    return None


def parameter_names(params: cst.Parameters) -> tuple[str, ...]:
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    return tuple(param.name.value for param in every)


def setter_occupancy_keyword(config: Config, parameters: tuple[str, ...] | None) -> str | None:
    """The status setter's own keyword for the occupancy field, when it takes one: then the
    setter saves both fields in one UPDATE (see core/writer_templates.py)."""
    if not parameters:
        return None
    for candidate in (config.keyword_for(config.occupancy_field), config.occupancy_field):
        if candidate in parameters[1:]:
            return candidate
    return None


def constraints_refusal(config: Config, setter_parameters: tuple[str, ...] | None) -> str | None:
    """Why `--constraints` cannot be combined with this status setter, or None when it can.

    With the two checks on the pair, a check-in from READY_FOR_GUEST to (occupied, OCCUPIED)
    has no order of two UPDATEs that passes both: occupancy first is (occupied,
    READY_FOR_GUEST), the status first is (not occupied, OCCUPIED). PostgreSQL cannot defer a
    CHECK constraint. So the one UPDATE that writes both fields must be the setter's own, and
    the setter must take the occupancy: the writer cannot save the pair itself without
    skipping the setter's validation and audit rows.
    """
    if not config.status_setter or setter_parameters is None:
        return None
    if setter_occupancy_keyword(config, setter_parameters) is not None:
        return None
    setter = config.status_setter.rpartition(".")[2]
    keyword = config.keyword_for(config.occupancy_field)
    return (
        f"--constraints needs the status setter {config.status_setter} to take "
        f"`{keyword}=` and save it in the same UPDATE as the status: with the two checks on "
        f"the pair, no order of two UPDATEs passes both for a check-in (READY_FOR_GUEST to "
        f"OCCUPIED), and a writer that saved the pair itself would skip {setter}()'s "
        f"validation and audit rows. Add a `{keyword}=None` keyword to {setter}() that it saves "
        "with the status, or set `status-setter = \"\"`, then run again"
    )


def writer_source(config: Config, *, setter: str | None) -> str:
    """The writer's text for this configuration (`core/writer_templates.py`), four-space indented."""
    from room_refactor.core import writer_templates as t

    return t.render_writer(config, setter=setter)


def add_writer(
    module: cst.Module,
    config: Config,
    *,
    setter_available: bool,
    setter_parameters: tuple[str, ...] | None = None,
    first_party: frozenset[str] = frozenset(),
    line_length: int = 79,
) -> cst.Module:
    """Append the writer and the lock helper, whichever is missing, to the service module
    (which may be empty), with their imports. `setter_parameters` are the status setter's
    parameter names when it is known (it is read here when it lives in this module)."""
    from room_refactor.core import writer_templates as t

    lock_name = t.lock_helper_name(config)
    missing_writer = not defines_function(module, config.service_name)
    missing_lock = not defines_function(module, lock_name)
    if not (missing_writer or missing_lock):
        return module
    imports: list[tuple[str, str, str | None]] = [("django.db", "transaction", None)] if missing_writer else []
    texts: list[str] = []
    if missing_writer:
        setter_name = None
        if config.status_setter and setter_available:
            setter_module, _, setter_name = config.status_setter.rpartition(".")
            if setter_module != config.service_module:
                imports.append((setter_module, setter_name, None))
            else:
                setter_parameters = function_parameters(module, setter_name)
        occupancy_keyword = setter_occupancy_keyword(config, setter_parameters) if setter_name else None
        texts.append(
            t.render_writer(
                config, setter=setter_name, setter_occupancy_keyword=occupancy_keyword, line_length=line_length
            )
        )
    if missing_lock:
        texts.append(t.render_lock_helper(config))
    if not defines_function(module, t.deleted_helper_name(config)):
        imports.append(("django.http", "Http404", None))
        texts.append(t.render_row_deleted(config))
    body = list(module.body)
    for text in texts:
        function = cst.parse_statement(t.reindent(text, module.default_indent))
        function = function.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()] if body else [])
        body.append(function)
    # An empty (new) file has no trailing newline to keep; the module ends with one.
    module = module.with_changes(body=body, has_trailing_newline=True)
    if not imports:
        return module
    return add_imports(module, imports, separate_new_block=True, first_party=first_party)


def add_constraints(module: cst.Module, config: Config, *, keyword: str) -> tuple[cst.Module, bool]:
    """Add the two CheckConstraints of the write map to the model's Meta.constraints.

    Returns the module and whether anything was added. `keyword` is `condition` (Django 5.1+)
    or `check` (earlier). The constraints are written as black writes them, one argument per
    line, so that no line grows past the limit.
    """
    model_lower = config.model_name.lower()
    names = (
        f"{model_lower}_occupied_status_requires_occupancy",
        f"{model_lower}_occupancy_excludes_ready_status",
    )
    gathered = _Gather()
    module.visit(gathered)
    models_alias = gathered.models_alias
    prefix = f"{models_alias or 'models'}."
    occ, status = config.occupancy_field, config.status_field
    constraints = [
        # Each forbids one combination: OCCUPIED while not occupied; occupied while READY_FOR_GUEST.
        (
            f"{prefix}CheckConstraint",
            f'{keyword}=~{prefix}Q({status}="OCCUPIED", {occ}=False)',
            f'name="{names[0]}"',
        ),
        (
            f"{prefix}CheckConstraint",
            f'{keyword}=~{prefix}Q({occ}=True, {status}="READY_FOR_GUEST")',
            f'name="{names[1]}"',
        ),
    ]
    if any(name in module.code for name in names):
        return module, False
    transformer = _AddConstraints(config.model_name, constraints, module.default_indent)
    new_module = module.visit(transformer)
    if not transformer.added:
        return module, False
    if models_alias is None:
        new_module = add_imports(new_module, [("django.db", "models", None)])
    return new_module, True


class _Gather(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.table = n.ImportTable()

    def visit_Import(self, node: cst.Import) -> None:
        self.table.add(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.table.add(node)

    @property
    def models_alias(self) -> str | None:
        return self.table.local_name_for("django.db.models")


def _newline_then(spaces: str) -> cst.ParenthesizedWhitespace:
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), empty_lines=[], indent=True, last_line=cst.SimpleWhitespace(spaces)
    )


class _AddConstraints(cst.CSTTransformer):
    def __init__(self, model: str, constraints: list[tuple[str, str, str]], indent: str) -> None:
        super().__init__()
        self.model = model
        self.constraints = constraints
        self.indent = indent
        self.depth = 0
        self.in_model = False
        self.done = False
        self.added = False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.depth += 1
        if self.depth == 1 and node.name.value == self.model:
            self.in_model = True
        return True

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self.depth -= 1
        if self.depth == 1 and self.in_model and updated_node.name.value == "Meta" and not self.done:
            self.done = True
            return self._extend_meta(updated_node)
        if self.depth == 0 and self.in_model:
            self.in_model = False
            if not self.done:
                self.done = True
                self.added = True
                meta = cst.parse_statement(
                    f"class Meta:\n{self.indent}constraints = [\n"
                    + "".join(self._element_text(self.indent * 2, c) + ",\n" for c in self.constraints)
                    + f"{self.indent}]\n",
                    config=cst.PartialParserConfig(default_indent=self.indent),
                )
                meta = meta.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
                body = updated_node.body
                assert isinstance(body, cst.IndentedBlock)
                return updated_node.with_changes(body=body.with_changes(body=[*body.body, meta]))
        return updated_node

    def _element_text(self, outer: str, constraint: tuple[str, str, str]) -> str:
        """One constraint, exploded as black does; `outer` is the indentation of its first line."""
        call, *args = constraint
        inner = outer + self.indent
        return f"{outer}{call}(\n" + "".join(f"{inner}{arg},\n" for arg in args) + f"{outer})"

    def _new_elements(self, outer: str) -> list[cst.Element]:
        text = "x = [\n" + "".join(self._element_text(outer, c) + ",\n" for c in self.constraints) + "]\n"
        statement = cst.parse_statement(text, config=cst.PartialParserConfig(default_indent=self.indent))
        assert isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Assign)
        container = statement.body[0].value
        assert isinstance(container, cst.List)
        return [element for element in container.elements if isinstance(element, cst.Element)]

    def _extend_meta(self, meta: cst.ClassDef) -> cst.ClassDef:
        body = meta.body
        assert isinstance(body, cst.IndentedBlock)
        statements = list(body.body)
        for index, statement in enumerate(statements):
            if (
                isinstance(statement, cst.SimpleStatementLine)
                and isinstance(statement.body[0], cst.Assign)
                and isinstance(statement.body[0].targets[0].target, cst.Name)
                and statement.body[0].targets[0].target.value == "constraints"
            ):
                assign = statement.body[0]
                if not isinstance(assign.value, (cst.List, cst.Tuple)):
                    return meta  # computed constraints: adding to them by hand is the reader's call
                self.added = True
                new_value = self._extended(assign.value)
                new_assign = assign.with_changes(value=new_value)
                statements[index] = statement.with_changes(body=[new_assign, *statement.body[1:]])
                return meta.with_changes(body=body.with_changes(body=statements))
        self.added = True
        addition = cst.parse_statement(
            "constraints = [\n" + "".join(self._element_text(self.indent, c) + ",\n" for c in self.constraints) + "]\n",
            config=cst.PartialParserConfig(default_indent=self.indent),
        )
        return meta.with_changes(body=body.with_changes(body=[*statements, addition]))

    def _extended(self, container: cst.List | cst.Tuple) -> cst.BaseExpression:
        """The list or tuple with the new constraints appended, one element per line."""
        if isinstance(container, cst.List):
            open_ws, close_ws = container.lbracket.whitespace_after, container.rbracket.whitespace_before
        elif container.lpar:
            open_ws, close_ws = container.lpar[0].whitespace_after, container.rpar[-1].whitespace_before
        else:
            container = container.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
            open_ws, close_ws = cst.SimpleWhitespace(""), cst.SimpleWhitespace("")
        elements = list(container.elements)
        if isinstance(open_ws, cst.ParenthesizedWhitespace) and isinstance(close_ws, cst.ParenthesizedWhitespace):
            # Already one element per line: keep the existing layout and comments.
            outer = open_ws.last_line.value
            if elements:
                last = elements[-1]
                comma = last.comma if isinstance(last.comma, cst.Comma) else cst.Comma()
                elements[-1] = last.with_changes(comma=comma.with_changes(whitespace_after=close_ws.with_changes(
                    last_line=cst.SimpleWhitespace(outer))))
            close_ws = close_ws.with_changes(
                first_line=cst.TrailingWhitespace(), empty_lines=[]
            )
        else:
            # On one line: explode it, as black would once the new elements make it too long.
            outer = self.indent
            open_ws = _newline_then(outer)
            close_ws = _newline_then("")
            elements = [
                element.with_changes(comma=cst.Comma(whitespace_after=_newline_then(outer))) for element in elements
            ]
        new = self._new_elements(outer)
        for position, element in enumerate(new):
            is_last = position == len(new) - 1
            comma = cst.Comma() if is_last else cst.Comma(whitespace_after=_newline_then(outer))
            new[position] = element.with_changes(comma=comma)
        elements.extend(new)
        if isinstance(container, cst.List):
            return container.with_changes(
                elements=elements,
                lbracket=container.lbracket.with_changes(whitespace_after=open_ws),
                rbracket=container.rbracket.with_changes(whitespace_before=close_ws),
            )
        return container.with_changes(
            elements=elements,
            lpar=[container.lpar[0].with_changes(whitespace_after=open_ws), *container.lpar[1:]],
            rpar=[*container.rpar[:-1], container.rpar[-1].with_changes(whitespace_before=close_ws)],
        )
