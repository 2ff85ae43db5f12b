"""The audit as data: every site, handler and error of a run, and the check's verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from room_refactor.config import Config
from room_refactor.files import module_name
from room_refactor.model import FileError, FileResult, Handler, Status, WriteSite


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
    files_scanned: int = 0
    check_all: bool = False  # --all: ignore the rollout ratchet

    def add(self, result: FileResult) -> None:
        if result.status is Status.SKIPPED:
            self.skipped.append((result.path, result.reason))
            return
        self.files_scanned += 1
        if result.error is not None:
            self.errors.append(result.error)
        self.sites.extend(result.analysis.sites)
        self.handlers.extend(result.analysis.handlers)

    @classmethod
    def from_results(cls, config: Config, results: Iterable[FileResult], *, check_all: bool = False) -> AuditReport:
        report = cls(config=config, check_all=check_all)
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
    def check_failed(self) -> bool:
        sites, handlers = self.violations()
        return bool(sites or handlers)

    def summary(self) -> dict[str, Any]:
        return {
            "files_scanned": self.files_scanned,
            "sites": len(self.sites),
            "bypass": len(self.bypasses),
            "unprotected_handlers": len(self.unprotected),
            "errors": len(self.errors),
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
    }


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
    return {
        "version": 1,
        "sites": [site_dict(s) for s in report.sites],
        "handlers": [handler_dict(h) for h in report.handlers],
        "errors": [error_dict(e) for e in report.errors],
        "summary": report.summary(),
        "check": {
            "scope": list(report.ratchet) if report.ratchet is not None else "all",
            "failed": bool(sites or handlers),
            "bypass": len(sites),
            "unprotected_handlers": len(handlers),
        },
    }
