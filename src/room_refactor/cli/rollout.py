"""`room-refactor rollout`: per-module progress of the migration, and what to do next."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Sequence

import typer

if TYPE_CHECKING:
    from room_refactor.rollout import ModuleRow


def rollout(
    paths: List[Path] = typer.Argument(None, help="Files or directories (default: the current directory)."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="Worker processes (default: the number of cores)."),
) -> None:
    """Show bypass sites and unprotected handlers per app and module, and the next module to migrate."""
    from room_refactor.cli.common import echo_err, fail, load
    from room_refactor.project import prepare
    from room_refactor.reports.audit import AuditReport
    from room_refactor.rollout import module_rows, next_module
    from room_refactor.runner import default_jobs

    if format not in ("table", "json"):
        fail(f"unknown format {format!r}; choose table or json")
    paths = list(paths or [Path(".")])
    loaded = load(paths)
    run = prepare(loaded, paths, mode="audit")
    report = AuditReport.from_results(loaded.config, run.results(jobs=jobs or default_jobs()))
    rows = module_rows(report, run.root, [f.rel for f in run.discovery.files])
    suggestion = next_module(rows)
    if format == "json":
        payload = {
            "modules": [row.__dict__ | {"done": row.done} for row in rows],
            "apps": _apps(rows),
            "next": suggestion.module if suggestion else None,
            "next_command": f"room-refactor migrate --write {suggestion.path}" if suggestion else None,
        }
        typer.echo(json.dumps(payload, indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        console = Console(file=sys.stdout, highlight=False, width=None if sys.stdout.isatty() else 140)
        apps = Table(title="Per app")
        for column in ("app", "modules", "bypass", "unprotected handlers", "migrated modules"):
            apps.add_column(column)
        for app, info in _apps(rows).items():
            apps.add_row(app, str(info["modules"]), str(info["bypass"]), str(info["unprotected_handlers"]),
                         f"{info['migrated']}/{info['modules']}")
        console.print(apps)
        table = Table(title="Per module")
        for column in ("module", "path", "sites", "bypass", "unprotected handlers", "dependencies", "status"):
            table.add_column(column)
        for row in rows:
            status = "migrated" if row.migrated else ("clean" if row.done else "to do")
            table.add_row(row.module, row.path, str(row.sites), str(row.bypass), str(row.unprotected_handlers),
                          str(row.dependencies), status)
        console.print(table)
        if suggestion is not None:
            console.print(f"Next: {suggestion.module} ({suggestion.bypass} bypass, {suggestion.unprotected_handlers} "
                          f"unprotected handlers, {suggestion.dependencies} cross-module dependencies): "
                          f"room-refactor migrate --write {suggestion.path}")
        else:
            console.print("Nothing left to migrate.")
    for error in report.errors:
        echo_err(f"error: {error.path}: {error.message}")
    raise typer.Exit(2 if report.errors else 0)


def _apps(rows: Sequence[ModuleRow]) -> dict[str, dict[str, int]]:
    apps: dict[str, dict[str, int]] = {}
    for row in rows:
        info = apps.setdefault(row.app, {"modules": 0, "bypass": 0, "unprotected_handlers": 0, "migrated": 0})
        info["modules"] += 1
        info["bypass"] += row.bypass
        info["unprotected_handlers"] += row.unprotected_handlers
        info["migrated"] += row.migrated
    return apps
