"""The audit as rich tables, for a terminal."""

from __future__ import annotations

from typing import TextIO

from room_refactor.reports.audit import AuditReport


def render(report: AuditReport, *, file: TextIO, color: bool | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file, force_terminal=color, highlight=False, width=160 if not file.isatty() else None)
    sites = Table(title=f"{len(report.sites)} write sites", show_lines=False, expand=False)
    for column in ("location", "scope", "field", "kind", "typed by", "protection", "flags"):
        sites.add_column(column, overflow="fold")
    for site in report.sites:
        flags = [name for name, on in (("bypass", site.bypass), ("paired", site.paired),
                                        ("canonical", site.canonical), ("ignored", site.ignored),
                                        (f"unsaved ({site.unsaved})", site.unsaved is not None)) if on]
        style = "red" if site.bypass and site.protection.value == "none" else None
        # An uncertain type (by elimination or by name) is marked, for review.
        typed = f"{site.typed_by}?" if site.uncertain else site.typed_by
        sites.add_row(f"{site.path}:{site.line}", site.scope, site.field or "<dynamic>", site.kind.value,
                      typed, site.protection.value, ", ".join(flags), style=style)
    console.print(sites)
    if report.implicit:
        implicit = Table(title=f"{len(report.implicit)} implicit write paths")
        for column in ("location", "kind", "fields", "what", "fix"):
            implicit.add_column(column, overflow="fold")
        for path in report.implicit:
            implicit.add_row(f"{path.path}:{path.line}", path.kind, ", ".join(path.fields) or "?",
                             path.detail + (" (acknowledged)" if path.ignored else ""), path.fix)
        console.print(implicit)
    if report.explain and report.dropped:
        dropped = Table(title=f"{len(report.dropped)} writes not counted as the model (--explain)")
        for column in ("location", "receiver", "field", "why"):
            dropped.add_column(column, overflow="fold")
        for entry in report.dropped:
            dropped.add_row(f"{entry.path}:{entry.line}", entry.receiver, entry.field or "<dynamic>", entry.reason)
        console.print(dropped)
    if report.handlers:
        handlers = Table(title=f"{len(report.handlers)} mutating view handlers that write")
        for column in ("location", "handler", "kind", "methods", "protected", "writes"):
            handlers.add_column(column)
        for handler in report.handlers:
            handlers.add_row(f"{handler.path}:{handler.line}", handler.name, handler.kind.value,
                             "/".join(handler.methods), "yes" if handler.protected else "NO", str(handler.writes),
                             style=None if handler.protected else "red")
        console.print(handlers)
    for error in report.errors:
        where = f":{error.line}" if error.line else ""
        console.print(f"[red]error[/red] {error.path}{where}: {error.message}")
    s = report.summary()
    console.print(f"{s['files_scanned']} files scanned, {s['sites']} sites ({s['uncertain']} of uncertain type), "
                  f"{s['bypass']} bypass, {s['unprotected_handlers']} unprotected handlers, "
                  f"{s['implicit']} implicit write paths, {s['errors']} errors")
