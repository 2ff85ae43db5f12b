"""`room-refactor migrate`: rewrite direct writes, add @transaction.atomic, scaffold the writer."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

if TYPE_CHECKING:
    from room_refactor.model import FileResult
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
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No status lines, only the summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show tracebacks of failed files."),
) -> None:
    """Rewrite every direct write into the canonical writer. A dry run unless --write.

    Exit codes: 0 nothing to change or written; 1 changes found with --check; 2 a file failed.
    """
    from room_refactor.cli.common import EXIT_CHANGES, EXIT_FAILED, echo_err, error_line, fail, load, with_progress
    from room_refactor.files import atomic_write, encode, WriteError
    from room_refactor.model import Status
    from room_refactor.project import dirty_files, prepare
    from room_refactor.runner import CODEMODS, Totals, default_jobs

    paths = list(paths or [Path(".")])
    for name in [*(only or []), *(skip or [])]:
        if name not in CODEMODS:
            fail(f"unknown codemod {name!r}; choose from {', '.join(CODEMODS)}")
    selected = set(only) if only else set(CODEMODS)
    selected -= set(skip or [])
    if no_scaffold:
        selected.discard("scaffold-service")
    if interactive and not write:
        write = True  # interactive mode applies what the user accepts
    loaded = load(paths)
    from room_refactor.project import RunError

    try:
        run = prepare(
            loaded, paths, mode="migrate", codemods=frozenset(selected), constraints=constraints,
            diffs=not write or patch is not None,
        )
    except RunError as exc:
        fail(str(exc))
    for message in run.notes:
        echo_err(f"note: {message}")

    totals = Totals()
    # A dry run streams: each diff is printed as its result arrives and then dropped, so memory
    # stays flat however large the tree. Only --write, --patch and --review keep what they need.
    changed = []
    any_changed = False
    reviewed = []
    review_codes: Counter[str] = Counter()
    patch_chunks: list[str] = []
    results = run.results(jobs=jobs or default_jobs())
    for result in with_progress(results, total=len(run.discovery.files), label="migrating"):
        totals.add(result)
        if result.status is Status.FAILED:
            echo_err(error_line(result, verbose=verbose))
        for note in result.notes:
            if note.severity == "warning":
                echo_err(f"{note.path}:{note.line}: warning: {note.code}: {note.message}")
            elif note.severity == "review":
                review_codes[note.code] += 1
        if result.status is Status.CHANGED:
            any_changed = True
            if write:
                changed.append(result)
            assert result.old_source is not None and result.new_source is not None
            if not write and not quiet:
                echo_err(f"Would rewrite {result.path}")
            if not write or patch is not None:
                text = result.diff  # made by the worker, in parallel (the task asked for diffs)
                assert text is not None
                if patch is not None:
                    patch_chunks.append(text)
                else:
                    sys.stdout.write(text)
        if review is not None and (result.notes or result.status is not Status.UNCHANGED):
            reviewed.append(result)
    sys.stdout.flush()
    if patch is not None:
        patch.write_text("".join(patch_chunks), encoding="utf-8")

    root = run.root
    failed_writes = 0
    written = []
    if write and changed:
        rels = [r.path for r in changed if not r.new_file]
        dirty = None if allow_dirty else dirty_files(root, rels)
        if dirty:
            for rel in sorted(dirty):
                echo_err(f"error: {rel}: has uncommitted changes; commit or stash them, or pass --allow-dirty")
            fail(f"--write refused: {len(dirty)} file(s) with uncommitted changes; nothing was written")
        selections = _interactive(changed) if interactive else {r.path: r.new_source for r in changed}
        for result in changed:
            new_text = selections.get(result.path)
            if new_text is None or new_text == result.old_source:
                continue
            target = root / result.path
            if interactive:
                try:
                    compile(new_text, result.path, "exec", dont_inherit=True)
                except (SyntaxError, ValueError) as exc:
                    failed_writes += 1
                    echo_err(f"error: {result.path}:{getattr(exc, 'lineno', '?')}: the accepted hunks alone would "
                             f"not compile ({getattr(exc, 'msg', exc)}); not written")
                    continue
            try:
                data = encode(new_text, encoding=result.encoding, bom=result.bom)
                if result.new_file:
                    if target.exists():
                        raise WriteError("file appeared on disk since the run started; not overwritten")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                else:
                    assert result.old_source is not None
                    expected = encode(result.old_source, encoding=result.encoding, bom=result.bom)
                    atomic_write(target, data, expected=expected)
            except (WriteError, OSError, UnicodeEncodeError) as exc:
                failed_writes += 1
                echo_err(f"error: {result.path}: not written: {exc}")
                continue
            written.append(result)
            if not quiet:
                echo_err(f"Rewriting {result.path}")
        if written and not interactive:
            from room_refactor.rollout import record_migrated

            recorded = record_migrated(run, written)
            if recorded:
                echo_err(f"Recorded as migrated in {loaded.pyproject or 'pyproject.toml'}: {', '.join(recorded)}")

    if review is not None:
        from room_refactor.reports.review import render

        review.write_text(render(reviewed, summary=_summary(totals, review_codes)), encoding="utf-8")
    totals.failed += failed_writes
    totals.changed -= failed_writes
    echo_err(_summary(totals, review_codes))
    code = EXIT_FAILED if totals.failed else 0
    if check and any_changed and not write:
        code |= EXIT_CHANGES
    raise typer.Exit(code)


def _summary(totals: Totals, reviews: Counter[str]) -> str:
    line = totals.line()
    if reviews:
        detail = ", ".join(f"{count} {code}" for code, count in sorted(reviews.items()))
        line += f", {sum(reviews.values())} review notes ({detail})"
    return line


def _interactive(changed: list[FileResult]) -> dict[str, str]:
    """Ask hunk by hunk, like `git add -p`. Returns path -> the text to write."""
    from room_refactor.reports.diff import apply_hunks, hunks, unified_diff

    chosen: dict[str, str] = {}
    accept_rest_everywhere = False
    for result in changed:
        old, new = result.old_source or "", result.new_source or ""  # set on every changed file
        pieces = hunks(old, new)
        accepted: set[int] = set()
        typer.echo(f"diff --git a/{result.path} b/{result.path}")
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
                f"({index + 1}/{len(pieces)}) Apply this hunk to {result.path} [y,n,a,q,d,?]", default="n",
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
        if accepted:
            chosen[result.path] = apply_hunks(old, new, accepted)
        if quit_all:
            break
    return chosen
