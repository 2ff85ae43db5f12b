"""One file in, one FileResult out, never an exception for a bad file; and the parallel pool.

`process_source` is the single path every caller takes: the CLI, the codemods' tests
(`tests/tools.py`) and the benchmark.
"""

from __future__ import annotations

import gc
import itertools
import os
import signal
import sys
import threading
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from room_refactor import files
from room_refactor.config import Config
from room_refactor.model import Analysis, FileError, FileResult, Note, Role, Status

if TYPE_CHECKING:  # libcst is imported only when a file needs it
    import libcst as cst

    from room_refactor.core.analysis import ModuleAnalysis
    from room_refactor.core.model_index import ModelIndex
    from room_refactor.pool import Slot

CODEMODS = ("rewrite-writes", "add-atomic", "scaffold-service")

#: Frames for one file: `core.parse.MAX_DEPTH` levels, a few dozen frames each at most.
RECURSION_LIMIT = 60_000


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to process files: picklable, no open handles."""

    config: Config
    mode: str = "audit"  # "audit" or "migrate"
    codemods: frozenset[str] = frozenset(CODEMODS)
    cycle_modules: frozenset[str] = frozenset()
    setter_available: bool = True
    setter_parameters: tuple[str, ...] | None = None  # the status setter's, when it is in another module
    writer_parameters: tuple[str, ...] | None = None  # the writer's, as the run leaves it (None: unknown)
    isolation_notes: tuple[str, ...] = ()  # databases configured above READ COMMITTED (core/isolation.py)
    constraints_keyword: str | None = None  # "condition" / "check" with --constraints
    forced: frozenset[str] = frozenset()  # files processed even when the prefilter says no
    line_length: int = 88
    line_length_known: bool = False  # the project configures it (style.py): never go past it
    first_party: frozenset[str] = frozenset()  # the project's own top-level packages, for import sections
    diffs: bool = False  # each changed file's unified diff, made by the worker that changed it
    #: A dry run that prints the diffs and counts the notes: results carry no sources and no
    #: analysis back from the worker (pickling the analysis was most of what a result cost).
    diff_only: bool = False
    index: ModelIndex | None = None  # the project's model index (core/model_index.py), once built
    file_timeout: float = field(default_factory=lambda: default_file_timeout())  # seconds; 0: none
    max_parse_bytes: int = field(default_factory=lambda: default_max_parse_bytes())

    @property
    def needles(self) -> tuple[bytes, ...]:
        names = (*self.config.fields, self.config.service_name, self.config.model_name)
        tables = tuple(self.index.db_tables.values()) if self.index is not None else ()
        return tuple(name.encode() for name in (*names, *tables))


def default_file_timeout() -> float:
    """`ROOM_REFACTOR_FILE_TIMEOUT` (seconds, 0 for none), else 300 s: a 10 MB file takes about
    a minute; a file that takes longer is stuck."""
    value = os.environ.get("ROOM_REFACTOR_FILE_TIMEOUT", "")
    try:
        return max(0.0, float(value)) if value else 300.0
    except ValueError:
        return 300.0


def default_max_parse_bytes() -> int:
    """`ROOM_REFACTOR_MAX_PARSE_MB` (megabytes), else 2 MB: with libcst's tree at about 300 bytes
    per byte of dense source, a file that size peaks well under 1 GB."""
    value = os.environ.get("ROOM_REFACTOR_MAX_PARSE_MB", "")
    try:
        return int(float(value) * 1_000_000) if value else 2_000_000
    except ValueError:
        return 2_000_000


@dataclass
class Totals:
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0

    def add(self, result: FileResult) -> None:
        if result.status is Status.CHANGED:
            self.changed += 1
        elif result.status is Status.UNCHANGED:
            self.unchanged += 1
        elif result.status is Status.SKIPPED:
            self.skipped += 1
        else:
            self.failed += 1
        self.warnings += sum(1 for note in result.notes if note.severity == "warning")

    def line(self) -> str:
        def plural(count: int, word: str) -> str:
            return f"{count} {word}" if count == 1 or word == "unchanged" or word == "skipped" or word == "failed" else f"{count} {word}s"

        return (
            f"{plural(self.changed, 'file')} changed, {self.unchanged} unchanged, {self.skipped} skipped, "
            f"{self.failed} failed, {plural(self.warnings, 'warning')}"
        )


def _failed(rel: str, message: str, line: int | None = None, tb: str = "") -> FileResult:
    return FileResult(path=rel, status=Status.FAILED, error=FileError(rel, message, line), traceback=tb)


_NO_ANALYSIS = Analysis()


def process_source(data: bytes, rel: str, task: Task, *, new_file: bool = False) -> FileResult:
    """Audit or migrate one file's bytes. Never raises because of the file's content."""
    # No cycle collection while a file is processed: a libcst tree has no cycles, and the
    # collector's passes over its hundreds of thousands of live nodes free nothing. Whatever
    # cycles the file's processing leaves are collected as usual afterwards.
    collecting = gc.isenabled()
    gc.disable()
    # The analysis, the rewrite and code generation recurse once or a few times per level of the
    # tree; `check_limits` bounds the levels, this gives them the frames. Python 3.11 keeps
    # Python-to-Python calls off the machine stack, so the frames cost memory only.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, RECURSION_LIMIT))
    try:
        result = _process(data, rel, task, new_file=new_file)
        if task.diff_only and (result.new_source is not None or result.analysis != _NO_ANALYSIS):
            result = replace(result, analysis=_NO_ANALYSIS, old_source=None, new_source=None)
        return result
    except RecursionError:
        return _failed(rel, "nested too deeply to process (recursion limit reached); left untouched",
                       tb=traceback.format_exc())
    except Exception as exc:  # noqa: BLE001 - the promise is one result per file, whatever happens
        return _failed(rel, f"internal error: {exc.__class__.__name__}: {exc}", tb=traceback.format_exc())
    finally:
        sys.setrecursionlimit(limit)
        if collecting:
            gc.enable()


def _process(data: bytes, rel: str, task: Task, *, new_file: bool) -> FileResult:
    try:
        decoded = files.decode(data)
    except files.DecodeError as exc:
        return _failed(rel, str(exc), exc.line)
    # Python's own parser, the second prefilter, needs about 100 bytes per byte too: a file over
    # the bound that holds a field's name is refused before either parser runs.
    if len(data) <= task.max_parse_bytes and not _may_change(decoded.text, rel, task, new_file=new_file):
        return FileResult(path=rel, status=Status.UNCHANGED)
    if len(data) > task.max_parse_bytes:
        # libcst's tree takes about 300 bytes of memory per byte of dense source: a 10 MB file
        # would need 3 GB or more. Refused with its size, before anything is built.
        return _failed(rel, f"file is {len(data) / 1e6:.1f} MB; files over {task.max_parse_bytes / 1e6:g} MB are not "
                            "parsed (libcst needs about 300 MB of memory per MB of source); left untouched, "
                            "ROOM_REFACTOR_MAX_PARSE_MB raises the bound")

    import libcst as cst

    from room_refactor.core.analysis import analyze_module
    from room_refactor.core.parse import TooComplex, check_limits, parse_module

    try:
        # libcst's native parser overflows the machine stack on deep nesting and kills the
        # process: such a file is refused before it gets there.
        line_ends = check_limits(decoded.text)
    except TooComplex as exc:
        return _failed(rel, f"{exc.message}; not parsed", exc.line)
    try:
        module = parse_module(decoded.text)
    except cst.ParserSyntaxError as exc:
        # Python's own message is the one people know ("Missing parentheses in call to 'print'").
        try:
            compile(decoded.text, rel, "exec", dont_inherit=True)
        except SyntaxError as python_error:
            if python_error.lineno:
                return _failed(rel, f"syntax error at line {python_error.lineno}: {python_error.msg}", python_error.lineno)
        except ValueError:
            pass
        return _failed(rel, f"syntax error at line {exc.raw_line}: {exc.message}", exc.raw_line)
    except RecursionError:
        return _failed(rel, "file is too deeply nested to parse")

    role = files.module_role(rel)
    module_name = files.module_name(rel)
    analysis = analyze_module(
        module, task.config, path=rel, module_name=module_name, role=role, source=decoded.text, index=task.index,
        line_ends=line_ends,
    )
    base = FileResult(
        path=rel,
        status=Status.UNCHANGED,
        analysis=analysis.public,
        encoding=decoded.encoding,
        bom=decoded.bom,
        new_file=new_file,
        role=role,
        module=module_name,
    )
    if task.mode == "audit":
        return base
    if role in (Role.TEST, Role.MIGRATION):
        return replace(base, status=Status.SKIPPED, reason=f"{role.value} files are reported, never rewritten")

    if module.default_indent.strip(" \t"):
        # libcst reuses the file's indentation for the statements it writes, and refuses one
        # with a form feed in it.
        return replace(base, status=Status.FAILED, error=FileError(
            rel, "a form feed in the indentation cannot be kept in rewritten code; left untouched",
            _first_line_with(decoded.text, "\x0c")))

    from room_refactor.core.rewrite import RewriteOptions, actor_keyword, migrate_module

    config = task.config
    notes: list[Note] = []
    applied: list[str] = []
    local_import = config.import_style == "local" or (
        config.import_style == "auto" and (role is Role.MODEL or module_name in task.cycle_modules)
    )
    options = RewriteOptions(
        rewrite_writes="rewrite-writes" in task.codemods,
        add_atomic="add-atomic" in task.codemods,
        local_import=local_import,
        line_length=(
            task.line_length if task.line_length_known else max(task.line_length, min(120, _longest_line(decoded.text)))
        ),
        first_party=task.first_party,
        exact_line_length=task.line_length_known,
        actor_keyword=actor_keyword(task.setter_parameters) if task.setter_available else None,
        writer_keywords=frozenset(task.writer_parameters or ()),
        save_signals=task.index is not None
        and any(task.index.is_target(sender) for sender in task.index.signal_receivers.values()),
    )
    new_module, rewrite_notes = migrate_module(module, analysis, config, options)
    notes.extend(rewrite_notes)
    notes.extend(_typing_notes(analysis.public, rel, rewriting="rewrite-writes" in task.codemods, index=task.index))
    if new_module is not module:
        applied.extend(name for name in ("rewrite-writes", "add-atomic") if name in task.codemods)
    if module_name == config.service_module and "scaffold-service" in task.codemods:
        from room_refactor.core.scaffold import add_writer, defines_function
        from room_refactor.core.writer_templates import lock_helper_name

        had_writer = defines_function(new_module, config.service_name)
        if not had_writer or not defines_function(new_module, lock_helper_name(config)):
            setter_here = config.status_setter is not None and config.status_setter.rpartition(".")[0] == module_name
            setter_available = (
                defines_function(new_module, config.status_setter.rpartition(".")[2])
                if setter_here and config.status_setter
                else task.setter_available
            )
            new_module = add_writer(
                new_module,
                config,
                setter_available=setter_available,
                setter_parameters=task.setter_parameters,
                first_party=task.first_party,
                line_length=task.line_length if task.line_length_known else 79,
            )
            applied.append("scaffold-service")
            created = lock_helper_name(config) + "()" if had_writer else f"{config.service_name}()"
            notes.append(Note(rel, 1, "writer-created",
                              f"{created} was missing and has been created here", severity="review"))
    if task.constraints_keyword is not None and module_name == config.model_module:
        from room_refactor.core.scaffold import add_constraints

        new_module, added = add_constraints(new_module, config, keyword=task.constraints_keyword)
        if added:
            applied.append("constraints")
            notes.append(Note(rel, 1, "constraints-added",
                              f"two CheckConstraints added to {config.model_name}.Meta: run "
                              "`python manage.py makemigrations` to create their migration", severity="review"))
    if not applied:
        return replace(base, notes=tuple(notes))
    if any(note.code in ("locked-before-decision", "made-atomic", "writer-created") for note in notes):
        notes.extend(Note(rel, 1, "isolation-level", message, severity="review") for message in task.isolation_notes)
    new_text, edits = _module_code(module, new_module, analysis)
    if new_text == decoded.text:
        return replace(base, notes=tuple(notes))
    original = analysis.code if analysis.code is not None else module.code
    if original != decoded.text:
        return replace(base, status=Status.FAILED, error=_unreproducible(rel, decoded.text, original), notes=tuple(notes))
    error = _compile_error(decoded.text, new_text, rel)
    # A local name can capture the rewritten call only where the file already spells the name
    # (the rewrite binds it only by importing the writer itself).
    if error is None and config.service_name in decoded.text and module_name != config.service_module:
        error = _writer_captured(new_text, config, original=decoded.text)
    if error is not None:
        return replace(
            base,
            status=Status.FAILED,
            error=FileError(rel, error[0] if error[0].startswith(("the original", "a local")) else
                            f"rewritten code would not compile, left untouched: {error[0]}", error[1]),
            notes=tuple(notes),
        )
    diff = None
    if task.diffs:
        from room_refactor.reports.diff import unified_diff

        diff = unified_diff(rel, decoded.text, new_text, new_file=new_file, bom=decoded.bom, edits=edits)
    return replace(
        base,
        status=Status.CHANGED,
        old_source=decoded.text,
        new_source=new_text,
        diff=diff,
        notes=tuple(notes),
        applied=tuple(dict.fromkeys(applied)),
    )


def _typing_notes(analysis: Analysis, rel: str, *, rewriting: bool, index: ModelIndex | None) -> list[Note]:
    """What the migration leaves to a person because of the receivers' types: implicit write
    paths (with their exact fix; changing what an API or a form accepts is the team's call),
    unsaved instances, and sites whose type is not proven."""
    notes = [
        Note(rel, path.line, "implicit-path", f"{path.kind} {path.detail} writes "
             f"{', '.join(path.fields) or 'the state fields'} around the writer; fix: {path.fix}", severity="review")
        for path in analysis.implicit
        if not path.ignored
    ]
    if not rewriting:
        return notes
    for site in analysis.sites:
        if site.canonical or site.ignored:
            continue
        if site.unsaved == "save" and site.kind.value in ("attribute", "setattr"):
            notes.append(Note(rel, site.line, "unsaved-instance",
                              f"{site.receiver}.{site.field} is set in the model's own save(), before super().save(): "
                              "left as it is, that save stores it (a lock or a refresh there would throw away the "
                              "values being saved, and the writer's own save() would run this method again)",
                              severity="warning"))
        elif site.unsaved is not None and site.kind.value in ("attribute", "setattr"):
            notes.append(Note(rel, site.line, "unsaved-instance",
                              f"{site.receiver}.{site.field} is set on an unsaved instance ({site.unsaved}): "
                              "left as it is, the code that follows saves it", severity="warning"))
        elif (
            site.typed_by == "name"
            and site.bypass
            and site.kind.value in ("attribute", "setattr")
            and index is not None
            and site.field is not None
            and index.shared_field_owners(site.field)
        ):
            # By elimination (field-owner), no other model has the field; by name alone, one does.
            notes.append(Note(rel, site.line, "type-uncertain",
                              f"{site.receiver} is counted as the model because the receivers setting matches "
                              "its name, while another model declares the same field", severity="review"))
    return notes


def _module_code(
    old: cst.Module, new: cst.Module, analysis: ModuleAnalysis
) -> tuple[str, list[tuple[int, int, str]] | None]:
    """The new module's code, spliced from the original text where nothing changed, and the
    edits of the original text that make it (None when it was generated whole)."""
    from room_refactor.core.splice import splice

    found = splice(old, new, analysis.layout) if analysis.layout is not None else None
    if found is None:
        return new.code, None
    code, edits = found
    if os.environ.get("ROOM_REFACTOR_VERIFY_SPLICE"):
        assert code == new.code, "the spliced code differs from the generated code"
    return code, edits


def _may_change(text: str, rel: str, task: Task, *, new_file: bool) -> bool:
    """Whether the file needs libcst: the second prefilter, except for the files that migrate
    may edit without a site in them (the writer's module, and the model's under --constraints)."""
    config = task.config
    if new_file or rel in task.forced:
        return True
    if task.mode == "migrate":
        module_name = files.module_name(rel)
        if module_name == config.service_module:
            return True
        if task.constraints_keyword is not None and module_name == config.model_module:
            return True
    from room_refactor.core.prefilter import may_have_sites

    index = task.index
    return may_have_sites(
        text,
        fields=config.fields,
        writer=config.service_name,
        model=config.model_name,
        tables=tuple(index.db_tables.values()) if index is not None else (),
        self_classes=index.self_classes if index is not None and index.built else None,
        # Without the model in the project, a receiver is the model only by name (or by a type
        # that names the model in this file).
        receiver_matches=(
            config.receiver_matches
            if index is not None and not index.has_model and config.model_name not in text
            else None
        ),
    )


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _compile_error(old: str, new: str, rel: str) -> tuple[str, int | None] | None:
    """Compile the rewritten file. When it does not compile, and neither does the original
    (`except E, e:`, `return` outside a function, syntax newer than this Python), nothing
    proves the rewrite right: the file is left untouched, with the original's own error."""
    try:
        compile(new, rel, "exec", dont_inherit=True)
        return None
    except (SyntaxError, ValueError) as exc:
        new_error = (str(getattr(exc, "msg", exc)), getattr(exc, "lineno", None))
    try:
        compile(old, rel, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        return (
            f"the original does not compile with Python {version} either ({getattr(exc, 'msg', exc)}), so the "
            "rewrite cannot be checked; left untouched (run room-refactor with the project's Python)",
            getattr(exc, "lineno", None),
        )
    return new_error


def _writer_captured(new: str, config: Config, *, original: str) -> tuple[str, int | None] | None:
    """A rewritten call of the writer that a local name would capture: a parameter, a nested
    `def`, an assignment or an import of the same name in an enclosing function, or a module-level
    one other than the import of the writer itself."""
    import ast

    name = config.service_name
    try:
        tree = ast.parse(new)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None

    bound: dict[int, int | None] = {}

    def binds(scope: ast.AST) -> int | None:
        if id(scope) not in bound:
            bound[id(scope)] = scope_binds(scope)
        return bound[id(scope)]

    def scope_binds(scope: ast.AST) -> int | None:
        """The line where `scope` binds `name` itself, or None."""
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = scope.args
            for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                             *(a for a in (arguments.vararg, arguments.kwarg) if a is not None)):
                if argument.arg == name:
                    return argument.lineno
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if node.name == name:
                    return node.lineno
                continue  # its own scope
            if isinstance(node, ast.Lambda):
                continue
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
                return node.lineno
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    is_writer = (
                        isinstance(node, ast.ImportFrom) and node.module == config.service_module and alias.name == name
                    )
                    if bound == name and not is_writer:
                        return node.lineno
            stack.extend(ast.iter_child_nodes(node))
        return None

    def visit(scope: ast.AST, enclosing: tuple[ast.AST, ...]) -> tuple[str, int | None] | None:
        chain = (*enclosing, scope)
        for node in ast.iter_child_nodes(scope):
            found = visit_node(node, chain)
            if found:
                return found
        return None

    def visit_node(node: ast.AST, chain: tuple[ast.AST, ...]) -> tuple[str, int | None] | None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return visit(node, chain)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
            for scope in reversed(chain):
                if isinstance(scope, ast.ClassDef):
                    continue
                if binds(scope) is not None:
                    where = f"{scope.name}()" if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) else (
                        "a lambda" if isinstance(scope, ast.Lambda) else "the module")
                    # The line in the file as it is: the binding is there already.
                    line = next((n for n, text in enumerate(original.splitlines(), 1) if name in text
                                 and not text.lstrip().startswith(("from ", "#"))), None)
                    return (f"a local name {name} in {where} would capture the rewritten call; "
                            "left untouched (rename it)", line)
                if isinstance(scope, ast.Module):
                    break
        for child in ast.iter_child_nodes(node):
            found = visit_node(child, chain)
            if found:
                return found
        return None

    return visit(tree, ())


def _first_line_with(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _unreproducible(rel: str, text: str, generated: str) -> FileError:
    if "\r" in text and "\n" not in text:
        return FileError(rel, "old Mac line endings (a carriage return alone ends each line) cannot be kept by "
                              "libcst; left untouched (convert them to LF or CRLF)", 1)
    line = next((n for n, (a, b) in enumerate(zip(text.splitlines(True), generated.splitlines(True)), 1) if a != b), None)
    return FileError(rel, "libcst cannot reproduce this file byte for byte (form feed or other unusual "
                          "whitespace); left untouched", line)


# -- reading and the pool -----------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    rel: str
    data: bytes
    new_file: bool = False


def read_items(sources: Iterable[files.SourceFile], task: Task, *, new_files: Iterable[str] = ()) -> Iterator[Item | FileResult]:
    """Read each file once and apply the byte prefilter; unreadable files become results.

    A file that spells no field but calls `setattr` waits until every file has been read: it
    is looked at when it names a collection of field names that another module defines
    (`for name in STATE_FIELDS: setattr(obj, name, value)`, core.prefilter.field_collections)."""
    from room_refactor.core.prefilter import field_collections

    needles = task.needles
    collections: set[bytes] = set()
    waiting: list[files.SourceFile] = []
    for rel in new_files:
        yield Item(rel=rel, data=b"", new_file=True)
    for source in sources:
        data = _read(source)
        if isinstance(data, FileResult):
            yield data
        elif source.rel in task.forced or files.prefilter(data, needles):
            collections |= field_collections(data, task.config.fields)
            yield Item(rel=source.rel, data=data)
        elif b"setattr" in data:
            waiting.append(source)
        else:
            yield FileResult(path=source.rel, status=Status.UNCHANGED)
    names = tuple(sorted(collections))
    for source in waiting:
        data = _read(source) if names else b""
        if isinstance(data, FileResult):
            yield data
        elif names and files.prefilter(data, names):
            yield Item(rel=source.rel, data=data)
        else:
            yield FileResult(path=source.rel, status=Status.UNCHANGED)


def settled_without_sites(sources: Iterable[files.SourceFile], task: Task) -> list[FileResult] | None:
    """Every file's result, each file read once, when none of them can hold a site (no file is
    forced and none spells a needle: then no `setattr` file can name a field collection either);
    None as soon as one can, and the run reads them again with the model index."""
    settled: list[FileResult] = []
    for source in sources:
        data = _read(source)
        if isinstance(data, FileResult):
            settled.append(data)
        elif source.rel in task.forced or files.prefilter(data, task.needles):
            return None
        else:
            settled.append(FileResult(path=source.rel, status=Status.UNCHANGED))
    return settled


def _read(source: files.SourceFile) -> bytes | FileResult:
    try:
        return files.read_source(source.path)
    except IsADirectoryError:
        return FileResult(path=source.rel, status=Status.SKIPPED, reason="a directory, not a file")
    except files.NotRegular as exc:
        return FileResult(path=source.rel, status=Status.SKIPPED, reason=str(exc))
    except OSError as exc:
        return _failed(source.rel, f"cannot read: {exc.strerror or exc}")


def run(
    items: Iterable[Item | FileResult],
    task: Task,
    *,
    jobs: int,
    batch_bytes: int = 64 * 1024,
    started: list[Slot] | None = None,
) -> Iterator[FileResult]:
    """Results in input order, whatever `jobs` is. Files are streamed: at most a few batches
    per worker are in flight, so memory does not grow with the size of the tree.

    With `jobs` > 1 a file that kills its worker (a crash in the native parser, the kernel's
    out-of-memory killer) or runs past `task.file_timeout` is reported as failed, its worker is
    replaced, and every other file is processed as usual."""
    if jobs <= 1:
        for item in items:
            if isinstance(item, FileResult):
                yield item
            else:
                result: FileResult | None = None
                with _time_limit(task.file_timeout) as expired:
                    result = process_source(item.data, item.rel, task, new_file=item.new_file)
                yield _timed_out(item.rel, task.file_timeout) if expired() or result is None else result
        return
    # The pool starts with the first file to parse (or takes the workers `started` early): a run
    # the prefilter empties uses none.
    from room_refactor.pool import close_unused, run_pool

    items = iter(items)
    try:
        for item in items:
            if isinstance(item, FileResult):
                yield item
            else:
                yield from run_pool(itertools.chain((item,), items), task, jobs=jobs, batch_bytes=batch_bytes,
                                    started=started)
                started = None
                return
    finally:
        if started:
            close_unused(started)


def _timed_out(rel: str, seconds: float) -> FileResult:
    return _failed(rel, f"took longer than {seconds:g} s (the per-file time limit); left untouched")


class _Expired(BaseException):
    """Raised by the per-file alarm; a BaseException, so that no `except Exception` keeps it."""


#: The fired flag of each file being timed (innermost last); the alarm's handler sets the last.
_TIMING: list[list[bool]] = []
#: Whether `_on_alarm` handles SIGALRM for the whole process (a pool worker's, set once).
_ALARM_INSTALLED = False


def _on_alarm(signum: int, frame: object) -> None:
    if _TIMING:  # a signal that arrives after its file is done interrupts nothing
        _TIMING[-1][0] = True
        raise _Expired()


def install_alarm() -> None:
    """Handle SIGALRM with `_on_alarm` for the rest of the process: a worker's files then only
    set the timer (setting the handler twice per file was half a percent of a migration)."""
    global _ALARM_INSTALLED
    signal.signal(signal.SIGALRM, _on_alarm)
    _ALARM_INSTALLED = True


@contextmanager
def _time_limit(seconds: float) -> Iterator[Callable[[], bool]]:
    """An alarm that interrupts the Python code of one file after `seconds`; in the main thread
    of a POSIX process only (elsewhere nothing is timed: the pool's workers time themselves).
    Outside a worker the handler is set for the file and put back after it."""
    installed = _ALARM_INSTALLED
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and (installed or signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None))
    )
    if not usable:
        yield lambda: False
        return
    fired = [False]
    previous = None if installed else signal.signal(signal.SIGALRM, _on_alarm)
    _TIMING.append(fired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        try:
            yield lambda: fired[0]
        except _Expired:
            pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _TIMING.pop()
        if not installed:
            signal.signal(signal.SIGALRM, previous)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def empty_analysis() -> Analysis:
    return Analysis()


def project_path(root: Path, rel: str) -> Path:
    return root / rel
