"""`room-refactor migrate`: rewrite direct writes, add @transaction.atomic, scaffold the writer."""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, List, Optional

import typer

if TYPE_CHECKING:
    from room_refactor.cli.projects import Project
    from room_refactor.model import FileResult
    from room_refactor.project import Run
    from room_refactor.runner import Totals


def migrate(
    paths: List[Path] = typer.Argument(None, help="Files or directories (default: the current directory)."),
    write: bool = typer.Option(False, "--write", help="Apply the changes (default: print a diff)."),
    patch: Optional[Path] = typer.Option(None, "--patch", help="Write the diff to this file."),
    review: Optional[Path] = typer.Option(None, "--review", help="Write a Markdown review of every change."),
    interactive: bool = typer.Option(False, "--interactive", "-i", help="Choose hunk by hunk: y, n, a, q, d."),
    only: Optional[List[str]] = typer.Option(None, "--only", help="Run only these codemods (repeatable)."),
    skip: Optional[List[str]] = typer.Option(None, "--skip", help="Skip these codemods (repeatable)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: the number of cores)."),
    check: bool = typer.Option(False, "--check", help="Exit 1 when there is something to change."),
    allow_dirty: bool = typer.Option(False, "--allow-dirty", help="Write files that have uncommitted git changes."),
    no_scaffold: bool = typer.Option(False, "--no-scaffold", help="Do not create the canonical writer."),
    constraints: bool = typer.Option(False, "--constraints", help="Add the two CheckConstraints to the model's Meta."),
    django_version: Optional[str] = typer.Option(
        None, "--django-version", help="The project's Django version (default: read from its environment or requirements)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No status lines, only the summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show tracebacks of failed files."),
) -> None:
    """Rewrite every direct write into the canonical writer. A dry run unless --write.

    Exit codes: 0 nothing to change, or written; 1 with --check, files to change (or changed,
    with --write); 2 a usage or configuration error; 4 a file failed (1 and 4 add up).
    """
    from room_refactor.cli.common import EXIT_CHANGES, EXIT_FILE_FAILED, echo_err, fail, load_projects
    from room_refactor.runner import CODEMODS, Totals

    paths = list(paths or [Path(".")])
    for name in [*(only or []), *(skip or [])]:
        if name not in CODEMODS:
            fail(f"unknown codemod {name!r}; choose from {', '.join(CODEMODS)}")
    both = sorted(set(only or []) & set(skip or []))
    if both:
        fail(f"--only and --skip both name {', '.join(both)}")
    if no_scaffold and only and set(only) == {"scaffold-service"}:
        fail("--no-scaffold with --only scaffold-service leaves nothing to run")
    if interactive and patch is not None:
        fail("--interactive applies hunks as you choose them; it cannot also write --patch")
    selected = set(only) if only else set(CODEMODS)
    selected -= set(skip or [])
    if no_scaffold:
        selected.discard("scaffold-service")
    if interactive and not write:
        write = True  # interactive mode applies what the user accepts
    # The writer's module may be named before it exists (`--only scaffold-service path/to/writer.py`):
    # the run creates it. Any other missing path is an error, as everywhere.
    may_create = "scaffold-service" in selected
    projects = load_projects(paths, allow_missing=lambda path: may_create and path.suffix == ".py")
    for project in projects:
        _check_missing_paths(project)
    if django_version is not None and not constraints:
        fail("--django-version only applies with --constraints")
    options = _Options(write=write, patch=patch is not None, review=review is not None, interactive=interactive,
                       allow_dirty=allow_dirty, constraints=constraints, quiet=quiet, verbose=verbose,
                       jobs=jobs, selected=frozenset(selected), django_version=django_version)
    totals = Totals()
    review_codes: Counter[str] = Counter()
    reviewed: list[FileResult] = []
    patch_chunks: list[str] = []
    any_changed = False
    for project in projects:
        outcome = _migrate_project(project, options, totals=totals, review_codes=review_codes)
        any_changed = any_changed or outcome.changed
        reviewed.extend(outcome.reviewed)
        patch_chunks.extend(outcome.patch_chunks)
        if outcome.quit:
            break
    if patch is not None:
        patch.write_text("".join(patch_chunks), encoding="utf-8")
    if review is not None:
        from room_refactor.reports.review import render

        review.write_text(render(reviewed, summary=_summary(totals, review_codes)), encoding="utf-8")
    echo_err(_summary(totals, review_codes))
    code = EXIT_FILE_FAILED if totals.failed else 0
    if check and any_changed:
        code |= EXIT_CHANGES  # as django-upgrade: a --write --check run that rewrote files fails too
    raise typer.Exit(code)


def _check_missing_paths(project: Project) -> None:
    """A given path that does not exist must be the writer's module, which this run creates."""
    from room_refactor.cli.common import fail
    from room_refactor.files import module_path, relative

    writer_path = module_path(project.root, project.loaded.config.service_module).resolve()
    for path in project.paths:
        if not path.exists() and not path.is_symlink() and path.resolve() != writer_path:
            fail(f"{path}: no such file or directory (only the writer's module, "
                 f"{relative(writer_path, project.root.resolve())}, may be named before it exists)")


@dataclass(frozen=True)
class _Options:
    write: bool
    patch: bool
    review: bool
    interactive: bool
    allow_dirty: bool
    constraints: bool
    quiet: bool
    verbose: bool
    jobs: int | None
    selected: frozenset[str]
    django_version: str | None = None


@dataclass
class _Outcome:
    changed: bool = False  # something to change (dry run) or written
    reviewed: list[FileResult] = field(default_factory=list)
    patch_chunks: list[str] = field(default_factory=list)
    quit: bool = False  # --interactive: the user quit


def _migrate_project(project: Project, options: _Options, *, totals: Totals, review_codes: Counter[str]) -> _Outcome:
    from room_refactor.cli.common import echo_err, error_line, fail, with_progress
    from room_refactor.files import WriteError, write_lock
    from room_refactor.model import Status
    from room_refactor.project import RunError, prepare
    from room_refactor.reports.diff import with_prefix
    from room_refactor.runner import default_jobs

    loaded = project.loaded
    write = options.write
    shown = project.shown
    try:
        run = prepare(
            loaded, list(project.paths), mode="migrate", codemods=options.selected, constraints=options.constraints,
            diffs=not write or options.patch, listings=project.listings,
        )
    except RunError as exc:
        fail(str(exc))
    style = project.style
    run = replace(run, task=replace(
        run.task,
        line_length=style.line_length or run.task.line_length,
        line_length_known=style.line_length is not None and style.formatter != "none",
        first_party=frozenset(style.first_party),
        diff_only=not write and not options.review,
    ))
    if run.task.constraints_keyword is not None:
        from room_refactor.django_version import detect

        found = detect(project.root, option=options.django_version, setting=loaded.config.django_version,
                       setting_source=str(loaded.pyproject or ""))
        run = replace(run, task=replace(run.task, constraints_keyword=found.check_keyword))
        echo_err(f"note: --constraints: {found.describe()}")
    for message in run.notes:
        echo_err(f"note: {message}")

    outcome = _Outcome()
    # A dry run streams: each diff is printed as its result arrives and then dropped, so memory
    # stays flat however large the tree. Only --write, --patch and --review keep what they need.
    changed = []
    settled: list[FileResult] = []  # migrated before (an interrupted run): the ratchet comes from the code
    results = run.results(jobs=options.jobs or default_jobs())
    for result in with_progress(results, total=len(run.discovery.files), label="migrating"):
        totals.add(result)
        if result.status is Status.FAILED:
            echo_err(error_line(result, verbose=options.verbose, shown=shown))
        for note in result.notes:
            if note.severity == "warning":
                echo_err(f"{shown(note.path)}:{note.line}: warning: {note.code}: {note.message}")
            elif note.severity == "review":
                review_codes[note.code] += 1
        if write and result.status is Status.UNCHANGED and result.analysis.writer_calls:
            settled.append(result)
        if result.status is Status.CHANGED:
            if not write:
                outcome.changed = True
            else:
                changed.append(result)
            if not write and not options.quiet:
                echo_err(f"Would rewrite {shown(result.path)}")
            if not write or options.patch:
                text = result.diff  # made by the worker, in parallel (the task asked for diffs)
                assert text is not None
                # paths in the patch as seen from here, so that `git apply` works from here too
                text = with_prefix(text, result.path, project.prefix)
                if options.patch:
                    outcome.patch_chunks.append(text)
                else:
                    sys.stdout.write(text)
        if options.review and (result.notes or result.status is not Status.UNCHANGED):
            outcome.reviewed.append(result)
    sys.stdout.flush()

    root = run.root
    if not write:
        return outcome
    lock = ExitStack()
    try:
        lock.enter_context(write_lock(root))  # one --write at a time on a project
    except (WriteError, OSError) as exc:
        fail(f"--write refused: {exc}")
    with lock:
        return _write_project(run, project, options, changed, settled, outcome, totals=totals)


def _write_project(run: Run, project: Project, options: _Options, changed: list[FileResult], settled: list[FileResult],
                   outcome: _Outcome, *, totals: Totals) -> _Outcome:
    from room_refactor.cli.common import echo_err, fail
    from room_refactor.files import WriteError, atomic_write, create_file, encode, remove_stale_temp_files
    from room_refactor.project import DirtyCheckError, dirty_files, pyproject_rel

    root, loaded, shown = run.root, project.loaded, project.shown
    removed = remove_stale_temp_files(
        root,
        {f.rel.rpartition("/")[0] for f in run.discovery.files}
        | {rel.rpartition("/")[0] for rel in run.new_files}
        | {(pyproject_rel(run) or "").rpartition("/")[0]},
    )
    if removed:
        echo_err(f"note: removed {len(removed)} temporary file(s) left by an interrupted run: "
                 f"{', '.join(shown(rel) for rel in removed)}")
    if not (changed or settled):
        return outcome
    rels = [r.path for r in changed if not r.new_file]
    ratchet_file = pyproject_rel(run)
    if not options.interactive and ratchet_file is not None:
        rels.append(ratchet_file)  # the ratchet is recorded there
    try:
        dirty = None if options.allow_dirty else dirty_files(root, rels)
    except DirtyCheckError as exc:
        fail(f"--write refused: {exc}; nothing was written")
    if dirty:
        for rel in sorted(dirty):
            echo_err(f"error: {shown(rel)}: has uncommitted changes; commit or stash them, or pass --allow-dirty")
        fail(f"--write refused: {len(dirty)} file(s) with uncommitted changes; nothing was written")
    if options.interactive:
        selections, outcome.quit = _interactive(changed, shown=shown)
    else:
        selections = {r.path: r.new_source for r in changed if r.new_source is not None}
    written = []
    failed_writes = 0
    for result in changed:
        new_text = selections.get(result.path)
        if new_text is None or new_text == result.old_source:
            continue
        if options.interactive:
            try:
                compile(new_text, result.path, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as exc:
                failed_writes += 1
                echo_err(f"error: {shown(result.path)}:{getattr(exc, 'lineno', '?')}: the accepted hunks alone "
                         f"would not compile ({getattr(exc, 'msg', exc)}); not written")
                continue
        try:
            data = encode(new_text, encoding=result.encoding, bom=result.bom)
            if result.new_file:
                create_file(root, result.path, data)
            else:
                assert result.old_source is not None
                expected = encode(result.old_source, encoding=result.encoding, bom=result.bom)
                atomic_write(root / result.path, data, expected=expected, root=root)
        except (WriteError, OSError, UnicodeEncodeError) as exc:
            failed_writes += 1
            echo_err(f"error: {shown(result.path)}: not written: {exc}")
            continue
        written.append(result)
        if not options.quiet:
            echo_err(f"Rewriting {shown(result.path)}")
    outcome.changed = bool(written)
    # The summary counts what was written: files declined in --interactive are unchanged.
    totals.failed += failed_writes
    totals.changed -= len(changed) - len(written)
    totals.unchanged += len(changed) - len(written) - failed_writes
    if (written or settled) and not options.interactive:
        from room_refactor.rollout import record_migrated

        try:
            recorded = record_migrated(run, written, settled)
        except (WriteError, OSError, ValueError) as exc:
            totals.failed += 1  # the source files were written: only the ratchet failed
            echo_err(f"error: {shown(ratchet_file or 'pyproject.toml')}: the ratchet was not recorded: "
                     f"{getattr(exc, 'strerror', None) or exc}")
            recorded = []
        if recorded:
            echo_err(f"Recorded as migrated in {loaded.pyproject or 'pyproject.toml'}: {', '.join(recorded)}")
    return outcome


def _summary(totals: Totals, reviews: Counter[str]) -> str:
    line = totals.line()
    if reviews:
        detail = ", ".join(f"{count} {code}" for code, count in sorted(reviews.items()))
        line += f", {sum(reviews.values())} review notes ({detail})"
    return line


def _interactive(changed: list[FileResult], *, shown: Callable[[str], str] = str) -> tuple[dict[str, str], bool]:
    """Ask hunk by hunk, like `git add -p`. Returns (path -> the text to write, whether the
    user quit). A hunk that only adds imports follows the hunks that use them: accepted alone,
    it would leave an unused import."""
    from room_refactor.reports.diff import apply_hunks, hunks, imports_in_use, unified_diff

    chosen: dict[str, str] = {}
    accept_rest_everywhere = False
    for result in changed:
        old, new = result.old_source or "", result.new_source or ""  # set on every changed file
        pieces = hunks(old, new)
        accepted: set[int] = set()
        typer.echo(f"diff --git a/{shown(result.path)} b/{shown(result.path)}")
        index = 0
        accept_file = accept_rest_everywhere
        quit_all = False
        while index < len(pieces):
            hunk = pieces[index]
            if accept_file:
                accepted.add(hunk.index)
                index += 1
                continue
            typer.echo(hunk.text, nl=False)
            answer = typer.prompt(
                f"({index + 1}/{len(pieces)}) Apply this hunk to {shown(result.path)} [y,n,a,q,d,?]", default="n",
                show_default=False,
            ).strip().lower()
            if answer == "y":
                accepted.add(hunk.index)
            elif answer == "n":
                pass
            elif answer == "a":
                accept_file = True
                continue
            elif answer == "q":
                quit_all = True
                break
            elif answer == "d":
                typer.echo(unified_diff(result.path, old, new), nl=False)
                continue
            else:
                typer.echo("y - apply this hunk\nn - do not apply this hunk\na - apply this hunk and the rest of "
                           "the file\nq - quit; do not apply this hunk or any later one\nd - show the whole diff of the file")
                continue
            index += 1
        accepted = imports_in_use(pieces, accepted)
        if accepted:
            chosen[result.path] = apply_hunks(old, new, accepted)
        if quit_all:
            return chosen, True
    return chosen, False
