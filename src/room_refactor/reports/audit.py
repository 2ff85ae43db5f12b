"""The audit as data: every site, handler and error of a run, and the check's verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from room_refactor.config import Config
from room_refactor.files import module_name
from room_refactor.model import Dropped, FileError, FileResult, Handler, ImplicitPath, Status, WriteSite


def in_modules(path: str, modules: Iterable[str]) -> bool:
    """Is the file at `path` one of `modules` or inside one of them (an app or a package)?"""
    name = module_name(path)
    return any(name == m or name.startswith(m + ".") for m in modules)


@dataclass
class AuditReport:
    config: Config
    sites: list[WriteSite] = field(default_factory=list)
    handlers: list[Handler] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    implicit: list[ImplicitPath] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    files_scanned: int = 0
    check_all: bool = False  # --all: ignore the rollout ratchet
    explain: bool = False  # --explain: list the receivers that were not counted, and why

    def add(self, result: FileResult) -> None:
        if result.status is Status.SKIPPED:
            self.skipped.append((result.path, result.reason))
            return
        self.files_scanned += 1
        if result.error is not None:
            self.errors.append(result.error)
        self.sites.extend(result.analysis.sites)
        self.handlers.extend(result.analysis.handlers)
        self.implicit.extend(result.analysis.implicit)
        self.dropped.extend(result.analysis.dropped)

    @classmethod
    def from_results(
        cls, config: Config, results: Iterable[FileResult], *, check_all: bool = False, explain: bool = False
    ) -> AuditReport:
        report = cls(config=config, check_all=check_all, explain=explain)
        for result in results:
            report.add(result)
        return report

    # -- the verdict --------------------------------------------------------------------
    @property
    def ratchet(self) -> tuple[str, ...] | None:
        """The migrated modules the check is limited to, or None when it covers everything."""
        if self.check_all or self.config.migrated is None:
            return None
        return self.config.migrated

    def in_scope(self, path: str) -> bool:
        scope = self.ratchet
        return scope is None or in_modules(path, scope)

    @property
    def bypasses(self) -> list[WriteSite]:
        return [s for s in self.sites if s.bypass]

    @property
    def unprotected(self) -> list[Handler]:
        return [h for h in self.handlers if not h.protected]

    def violations(self) -> tuple[list[WriteSite], list[Handler]]:
        return (
            [s for s in self.bypasses if self.in_scope(s.path)],
            [h for h in self.unprotected if self.in_scope(h.path)],
        )

    @property
    def open_implicit(self) -> list[ImplicitPath]:
        """Implicit write paths not acknowledged with the pragma."""
        return [p for p in self.implicit if not p.ignored]

    def implicit_violations(self) -> list[ImplicitPath]:
        """The implicit paths that fail the check: with `check-implicit = true`, every one in
        scope that the pragma does not acknowledge."""
        if not self.config.check_implicit:
            return []
        return [p for p in self.open_implicit if self.in_scope(p.path)]

    @property
    def check_failed(self) -> bool:
        sites, handlers = self.violations()
        return bool(sites or handlers or self.implicit_violations())

    def summary(self) -> dict[str, Any]:
        return {
            "files_scanned": self.files_scanned,
            "sites": len(self.sites),
            "bypass": len(self.bypasses),
            "unprotected_handlers": len(self.unprotected),
            "errors": len(self.errors),
            "implicit": len(self.open_implicit),
            "uncertain": sum(1 for s in self.sites if s.uncertain),
        }


def site_dict(site: WriteSite) -> dict[str, Any]:
    return {
        "path": site.path,
        "line": site.line,
        "column": site.column,
        "field": site.field,
        "kind": site.kind.value,
        "receiver": site.receiver,
        "value": site.value,
        "scope": site.scope,
        "role": site.role.value,
        "protection": site.protection.value,
        "paired": site.paired,
        "canonical": site.canonical,
        "ignored": site.ignored,
        "bypass": site.bypass,
        "handler": (
            {"name": site.handler.name, "kind": site.handler.kind.value, "methods": list(site.handler.methods)}
            if site.handler is not None
            else None
        ),
        "event": {"emitted": site.event.emitted, "on_commit": site.event.on_commit},
        "form": site.form.value,
        "typed_by": site.typed_by,
        "model": site.model,
        "unsaved": site.unsaved,
        "in_memory": site.in_memory,
    }


def implicit_dict(path: ImplicitPath) -> dict[str, Any]:
    return {
        "path": path.path,
        "line": path.line,
        "kind": path.kind,
        "model": path.model,
        "fields": list(path.fields),
        "detail": path.detail,
        "fix": path.fix,
        "scope": path.scope,
        "ignored": path.ignored,
    }


def dropped_dict(dropped: Dropped) -> dict[str, Any]:
    return {"path": dropped.path, "line": dropped.line, "field": dropped.field, "kind": dropped.kind,
            "receiver": dropped.receiver, "reason": dropped.reason}


def handler_dict(handler: Handler) -> dict[str, Any]:
    return {
        "path": handler.path,
        "line": handler.line,
        "name": handler.name,
        "kind": handler.kind.value,
        "methods": list(handler.methods),
        "protected": handler.protected,
        "writes": handler.writes,
        "async": handler.is_async,
    }


def error_dict(error: FileError) -> dict[str, Any]:
    return {"path": error.path, "line": error.line, "message": error.message}


def to_json(report: AuditReport) -> dict[str, Any]:
    """JSON contract version 1 (SPEC section 5); extra keys are allowed by the contract."""
    sites, handlers = report.violations()
    implicit = report.implicit_violations()
    data: dict[str, Any] = {
        "version": 1,
        "sites": [site_dict(s) for s in report.sites],
        "handlers": [handler_dict(h) for h in report.handlers],
        "implicit": [implicit_dict(p) for p in report.implicit],
        "errors": [error_dict(e) for e in report.errors],
        "summary": report.summary(),
        "check": {
            "scope": list(report.ratchet) if report.ratchet is not None else "all",
            "failed": bool(sites or handlers or implicit),
            "bypass": len(sites),
            "unprotected_handlers": len(handlers),
            "implicit": len(implicit),
        },
    }
    if report.explain:
        data["dropped"] = [dropped_dict(d) for d in report.dropped]
    return data


def to_json_many(reports: list[tuple[str, AuditReport]]) -> dict[str, Any]:
    """One JSON document for the projects of one run, each given as (its root relative to the
    current directory, with `/`; its report). With one project it is exactly `to_json`; with
    several, each item of every list (sites, handlers, errors, implicit write paths...) also names
    its `project`, its `path` stays relative to that project's root, and the summary and the
    check's counts add up over the projects."""
    if len(reports) == 1:
        return to_json(reports[0][1])
    merged: dict[str, Any] = {"version": 1}
    summary: dict[str, int] = {}
    check: dict[str, Any] = {"scope": [], "failed": False}
    projects = []
    for project, report in reports:
        one = to_json(report)
        name = project.rstrip("/") or "."
        projects.append({"project": name, "summary": one["summary"], "check": one["check"]})
        for key, value in one.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(
                    {**item, "project": name} if isinstance(item, dict) else item for item in value
                )
        for key, value in one["summary"].items():
            summary[key] = summary.get(key, 0) + value
        for key, value in one["check"].items():
            if key == "scope":
                check["scope"].append({"project": name, "scope": value})
            elif key == "failed":
                check["failed"] = bool(check["failed"] or value)
            elif isinstance(value, int):
                check[key] = check.get(key, 0) + value
    merged["summary"] = summary
    merged["check"] = check
    merged["projects"] = projects
    return merged
