"""The audit as rich tables, for a terminal."""

from __future__ import annotations

from typing import Callable, TextIO

from room_refactor.reports.audit import AuditReport


def render(report: AuditReport, *, file: TextIO, color: bool | None = None,
           shown: Callable[[str], str] = str, title: str | None = None) -> None:
    """`shown` turns a project-relative path into the path printed (relative to the current
    directory). Locations are never cut: the location column is as wide as its longest entry."""
    from rich.console import Console
    from rich.table import Table

    locations = [f"{shown(s.path)}:{s.line}" for s in report.sites]
    handler_locations = [f"{shown(h.path)}:{h.line}" for h in report.handlers]
    other_locations = [f"{shown(p.path)}:{p.line}" for p in report.implicit]
    other_locations += [f"{shown(d.path)}:{d.line}" for d in report.dropped] if report.explain else []
    widest = max((len(text) for text in [*locations, *handler_locations, *other_locations]), default=8)
    width = None if file.isatty() else max(160, widest + 100)
    console = Console(file=file, force_terminal=color, highlight=False, width=width)
    if title:
        console.print(title)
    sites = Table(title=f"{len(report.sites)} write sites", show_lines=False, expand=False)
    sites.add_column("location", no_wrap=True, min_width=widest)
    for column in ("scope", "field", "kind", "typed by", "protection", "flags"):
        sites.add_column(column, overflow="fold")
    for location, site in zip(locations, report.sites):
        flags = [name for name, on in (("bypass", site.bypass), ("paired", site.paired),
                                        ("canonical", site.canonical), ("ignored", site.ignored),
                                        (f"unsaved ({site.unsaved})", site.unsaved is not None),
                                        (f"in memory ({site.in_memory})", site.in_memory is not None)) if on]
        style = "red" if site.bypass and site.protection.value == "none" else None
        # An uncertain type (by elimination or by name) is marked, for review.
        typed = f"{site.typed_by}?" if site.uncertain else site.typed_by
        sites.add_row(location, site.scope, site.field or "<dynamic>", site.kind.value,
                      typed, site.protection.value, ", ".join(flags), style=style)
    console.print(sites)
    if report.implicit:
        implicit = Table(title=f"{len(report.implicit)} implicit write paths")
        implicit.add_column("location", no_wrap=True, min_width=widest)
        for column in ("kind", "fields", "what", "fix"):
            implicit.add_column(column, overflow="fold")
        for path in report.implicit:
            implicit.add_row(f"{shown(path.path)}:{path.line}", path.kind, ", ".join(path.fields) or "?",
                             path.detail + (" (acknowledged)" if path.ignored else ""), path.fix)
        console.print(implicit)
    if report.explain and report.dropped:
        dropped = Table(title=f"{len(report.dropped)} writes not counted as the model (--explain)")
        dropped.add_column("location", no_wrap=True, min_width=widest)
        for column in ("receiver", "field", "why"):
            dropped.add_column(column, overflow="fold")
        for entry in report.dropped:
            dropped.add_row(f"{shown(entry.path)}:{entry.line}", entry.receiver, entry.field or "<dynamic>", entry.reason)
        console.print(dropped)
    if report.handlers:
        handlers = Table(title=f"{len(report.handlers)} mutating view handlers that write")
        handlers.add_column("location", no_wrap=True, min_width=widest)
        for column in ("handler", "kind", "methods", "protected", "writes"):
            handlers.add_column(column)
        for location, handler in zip(handler_locations, report.handlers):
            handlers.add_row(location, handler.name, handler.kind.value,
                             "/".join(handler.methods), "yes" if handler.protected else "NO", str(handler.writes),
                             style=None if handler.protected else "red")
        console.print(handlers)
    for error in report.errors:
        where = f":{error.line}" if error.line else ""
        console.print(f"[red]error[/red] {shown(error.path)}{where}: {error.message}")
    s = report.summary()
    console.print(f"{s['files_scanned']} files scanned, {s['sites']} sites ({s['uncertain']} of uncertain type), "
                  f"{s['bypass']} bypass, {s['unprotected_handlers']} unprotected handlers, "
                  f"{s['implicit']} implicit write paths, {s['errors']} errors")
