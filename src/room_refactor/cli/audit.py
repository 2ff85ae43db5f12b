"""`room-refactor audit`: the write map."""

from __future__ import annotations

import enum
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

if TYPE_CHECKING:
    from room_refactor.cli.projects import Project
    from room_refactor.reports.audit import AuditReport


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"
    concise = "concise"
    github = "github"


def audit(
    paths: List[Path] = typer.Argument(None, help="Files or directories (default: the current directory)."),
    format: Optional[Format] = typer.Option(
        None, "--format", "--output-format", "-f",
        help="table (default on a terminal), json (default otherwise), markdown, sarif, concise (one line per "
             "finding) or github (workflow annotations).",
    ),
    check: bool = typer.Option(False, "--check", help="Exit 1 on a bypass or an unprotected mutating handler."),
    check_all: bool = typer.Option(False, "--all", help="With --check: check every module, not only the migrated ones."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="With --check: exit 0 even when there are violations."),
    include_tests: bool = typer.Option(False, "--include-tests", help="Report test and migration files too."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: the number of cores)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show tracebacks of failed files."),
    explain: bool = typer.Option(
        False, "--explain", help="Also list the writes whose receiver was not counted as the model, and why."
    ),
) -> None:
    """Print every write of the two state fields, its protection, and the unprotected handlers.

    Exit codes: 0 clean; 1 with --check when there are violations; 2 a usage or configuration
    error; 4 a file could not be read or parsed (1 and 4 add up).
    """
    from room_refactor.cli.common import EXIT_CHANGES, EXIT_FILE_FAILED, echo_err, error_line, fail, load_projects
    from room_refactor.cli.common import with_progress
    from room_refactor.project import prepare
    from room_refactor.reports.audit import AuditReport
    from room_refactor.runner import default_jobs

    if check_all and not check and format not in (Format.json, Format.sarif):
        fail("--all only applies with --check (or to the check of --format json or sarif)")
    if exit_zero and not check:
        fail("--exit-zero only applies with --check")
    paths = list(paths or [Path(".")])
    projects = load_projects(paths)
    reports: list[tuple[Project, AuditReport]] = []
    for project in projects:
        run = prepare(project.loaded, list(project.paths), mode="audit", include_tests=include_tests,
                      listings=project.listings)
        report = AuditReport(config=project.loaded.config, check_all=check_all, explain=explain)
        results = run.results(jobs=jobs or default_jobs())
        for result in with_progress(results, total=len(run.discovery.files), label="auditing"):
            report.add(result)
            if result.error is not None:
                echo_err(error_line(result, verbose=verbose, shown=project.shown))
        reports.append((project, report))

    if format is None and not (check and output is None):
        if sys.stdout.isatty() or output is not None:
            format = Format.table
        else:
            format = Format.json
            echo_err("note: stdout is not a terminal, so the report is JSON; pass --format table to keep the table")
    if format is not None:
        _emit(format, reports, output=output, check=check)

    code = EXIT_FILE_FAILED if any(report.errors for _, report in reports) else 0
    if check:
        counts: Counter[str] = Counter()
        outside = 0
        open_implicit = 0
        ratcheted = False
        check_implicit = any(project.loaded.config.check_implicit for project, _ in reports)
        for project, report in reports:
            lines = _check_lines(project, report)
            counts.update(rule for rule, _ in lines)
            if report.ratchet is not None:
                ratcheted = True
                outside += len(report.bypasses) - len(report.violations()[0])
            if not project.loaded.config.check_implicit:
                open_implicit += len(report.open_implicit)
            # --format concise/github already printed the findings to stdout
            if format in (Format.concise, Format.github):
                continue
            for _, line in lines:
                if format is None:
                    typer.echo(line)
                else:
                    echo_err(line)
        implicit = counts["RR003"]
        scope = "migrated modules" if ratcheted else "all modules"
        echo_err(
            f"{counts['RR001']} bypass, {counts['RR002']} unprotected handlers"
            + (f", {implicit} implicit write path{'s' if implicit != 1 else ''}" if check_implicit else "")
            + f" in {scope}"
            + (f"; {outside} bypass outside them not checked" if ratcheted else "")
            + (f"; {open_implicit} implicit write path{'s' if open_implicit != 1 else ''} reported, not checked "
               "(check-implicit = false)" if open_implicit else "")
        )
        if sum(counts.values()) and not exit_zero:
            code |= EXIT_CHANGES
    raise typer.Exit(code)


def _check_lines(project: Project, report: AuditReport) -> list[tuple[str, str]]:
    """(rule, line) for each violation in the check's scope, as ruff prints them: the path
    relative to the current directory, and a fix that works from there. A `# noqa: RR001` or
    `# room-refactor: ignore[RR002]` on the line keeps that rule quiet there."""
    from room_refactor.cli.suppress import Suppressions

    sites, handlers = report.violations()
    suppressed = Suppressions(project.root)
    lines = []
    for site in sites:
        if suppressed.has(site.path, (site.line, site.end_line), "RR001"):
            continue
        shown = project.shown(site.path)
        lines.append(("RR001",
            f"{shown}:{site.line}:{site.column + 1}: RR001 {site.receiver}.{site.field or '<dynamic>'} "
            f"is written directly in {site.scope}; fix: room-refactor migrate {shown}"
        ))
    for handler in handlers:
        if suppressed.has(handler.path, (handler.line,), "RR002"):
            continue
        shown = project.shown(handler.path)
        lines.append(("RR002",
            f"{shown}:{handler.line}:1: RR002 {handler.name} ({'/'.join(handler.methods)}) writes room "
            f"state without a transaction; fix: room-refactor migrate {shown}"
        ))
    for path in report.implicit_violations():
        if suppressed.has(path.path, (path.line,), "RR003"):
            continue
        lines.append(("RR003",
            f"{project.shown(path.path)}:{path.line}:1: RR003 {path.kind} {path.detail} writes "
            f"{', '.join(path.fields) or 'the state fields'} around the writer; fix: {path.fix}"
        ))
    return lines


def _emit(format: Format, reports: list[tuple[Project, AuditReport]], *, output: Path | None, check: bool) -> None:
    if format is Format.table:
        from room_refactor.reports.table import render as render_table

        if output is not None:
            with output.open("w", encoding="utf-8") as handle:
                for project, report in reports:
                    render_table(report, file=handle, color=False, shown=project.shown, title=_title(reports, project))
        else:
            for project, report in reports:
                render_table(report, file=sys.stdout, shown=project.shown, title=_title(reports, project))
        return
    if format is Format.json:
        from room_refactor.reports.audit import to_json_many

        text = json.dumps(to_json_many([(project.prefix or ".", report) for project, report in reports]), indent=2)
        text += "\n"
    elif format is Format.sarif:
        from room_refactor.cli.repository import line_lengths, repository_prefix
        from room_refactor.reports.sarif import to_sarif_many

        text = json.dumps(to_sarif_many([
            (repository_prefix(project.root), report, line_lengths(project.root)) for project, report in reports
        ]), indent=2) + "\n"
    elif format is Format.markdown:
        from room_refactor.reports.markdown import render

        text = "\n".join(render(report) for _, report in reports)
    else:
        text = "".join(line + "\n" for project, report in reports for line in _finding_lines(format, project, report, check=check))
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)


def _title(reports: list[tuple[Project, AuditReport]], project: Project) -> str | None:
    return None if len(reports) == 1 else f"project {project.prefix.rstrip('/') or '.'}"


def _finding_lines(format: Format, project: Project, report: AuditReport, *, check: bool) -> list[str]:
    """Every bypass and unprotected handler (with --check, the check's violations), one line
    each: `concise` as ruff's concise format, `github` as workflow commands (annotations on the
    pull request)."""
    from room_refactor.cli.suppress import Suppressions

    suppressed = Suppressions(project.root)
    sites, handlers = report.violations() if check else (report.bypasses, report.unprotected)
    sites = [s for s in sites if not suppressed.has(s.path, (s.line, s.end_line), "RR001")]
    handlers = [h for h in handlers if not suppressed.has(h.path, (h.line,), "RR002")]
    lines = []
    for site in sites:
        shown = project.shown(site.path)
        message = f"{site.receiver}.{site.field or '<dynamic>'} is written directly in {site.scope}"
        level = "error" if report.in_scope(site.path) else "warning"
        lines.append(_finding(format, shown, site.line, site.column + 1, "RR001", message, level,
                              end_line=max(site.end_line, site.line)))
    for handler in handlers:
        shown = project.shown(handler.path)
        message = f"{handler.name} ({'/'.join(handler.methods)}) writes room state without a transaction"
        level = "error" if report.in_scope(handler.path) else "warning"
        lines.append(_finding(format, shown, handler.line, 1, "RR002", message, level, end_line=handler.line))
    return lines


def _finding(format: Format, path: str, line: int, column: int, rule: str, message: str, level: str,
             *, end_line: int) -> str:
    if format is Format.concise:
        return f"{path}:{line}:{column}: {rule} {message}"
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    def escape(text: str, *, prop: bool) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    props = f"file={escape(path, prop=True)},line={line},endLine={end_line},col={column},title={rule}"
    return f"::{level} {props}::{escape(f'{rule} {message}', prop=False)}"
