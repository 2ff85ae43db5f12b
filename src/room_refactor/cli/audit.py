"""`room-refactor audit`: the write map."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"


def audit(
    paths: List[Path] = typer.Argument(None, help="Files or directories (default: the current directory)."),
    format: Optional[Format] = typer.Option(
        None, "--format", "-f", help="table (default on a terminal), json (default otherwise), markdown, sarif."
    ),
    check: bool = typer.Option(False, "--check", help="Exit 1 on a bypass or an unprotected mutating handler."),
    check_all: bool = typer.Option(False, "--all", help="With --check: check every module, not only the migrated ones."),
    include_tests: bool = typer.Option(False, "--include-tests", help="Report test and migration files too."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: the number of cores)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show tracebacks of failed files."),
    explain: bool = typer.Option(
        False, "--explain", help="Also list the writes whose receiver was not counted as the model, and why."
    ),
) -> None:
    """Print every write of the two state fields, its protection, and the unprotected handlers.

    Exit codes: 0 clean; 1 with --check when there are violations; 2 when a file failed (bitmask).
    """
    from room_refactor.cli.common import EXIT_CHANGES, EXIT_FAILED, echo_err, error_line, load, with_progress
    from room_refactor.project import prepare
    from room_refactor.reports.audit import AuditReport, to_json
    from room_refactor.runner import default_jobs

    paths = list(paths or [Path(".")])
    loaded = load(paths)
    run = prepare(loaded, paths, mode="audit", include_tests=include_tests)
    report = AuditReport(config=loaded.config, check_all=check_all, explain=explain)
    results = run.results(jobs=jobs or default_jobs())
    for result in with_progress(results, total=len(run.discovery.files), label="auditing"):
        report.add(result)
        if result.error is not None:
            echo_err(error_line(result, verbose=verbose))

    if format is None and not (check and output is None):
        format = Format.table if sys.stdout.isatty() and output is None else Format.json
    if format is not None:
        if format is Format.json:
            text = json.dumps(to_json(report), indent=2) + "\n"
        elif format is Format.sarif:
            from room_refactor.reports.sarif import to_sarif

            text = json.dumps(to_sarif(report), indent=2) + "\n"
        elif format is Format.markdown:
            from room_refactor.reports.markdown import render

            text = render(report)
        else:
            text = ""
        if output is not None:
            if format is Format.table:
                with output.open("w", encoding="utf-8") as handle:
                    from room_refactor.reports.table import render as render_table

                    render_table(report, file=handle, color=False)
            else:
                output.write_text(text, encoding="utf-8")
        elif format is Format.table:
            from room_refactor.reports.table import render as render_table

            render_table(report, file=sys.stdout)
        else:
            typer.echo(text, nl=False)

    code = EXIT_FAILED if report.errors else 0
    if check:
        sites, handlers = report.violations()
        lines = []
        for site in sites:
            lines.append(
                f"{site.path}:{site.line}:{site.column + 1}: RR001 {site.receiver}.{site.field or '<dynamic>'} "
                f"is written directly in {site.scope}; fix: room-refactor migrate {site.path}"
            )
        for handler in handlers:
            lines.append(
                f"{handler.path}:{handler.line}:1: RR002 {handler.name} ({'/'.join(handler.methods)}) writes room "
                f"state without a transaction; fix: room-refactor migrate {handler.path}"
            )
        implicit = report.implicit_violations()
        for path in implicit:
            lines.append(f"{path.path}:{path.line}:1: RR003 {path.kind} {path.detail} writes "
                         f"{', '.join(path.fields) or 'the state fields'} around the writer; fix: {path.fix}")
        for line in lines:
            if format is None:
                typer.echo(line)
            else:
                echo_err(line)
        scope = "migrated modules" if report.ratchet is not None else "all modules"
        open_implicit = len(report.open_implicit)
        echo_err(
            f"{len(sites)} bypass, {len(handlers)} unprotected handlers"
            + (f", {len(implicit)} implicit write path{'s' if len(implicit) != 1 else ''}"
               if loaded.config.check_implicit else "")
            + f" in {scope}"
            + (f"; {len(report.bypasses) - len(sites)} bypass outside them not checked" if report.ratchet is not None else "")
            + (f"; {open_implicit} implicit write path{'s' if open_implicit != 1 else ''} reported, not checked "
               "(check-implicit = false)" if open_implicit and not loaded.config.check_implicit else "")
        )
        if sites or handlers or implicit:
            code |= EXIT_CHANGES
    raise typer.Exit(code)
