"""SARIF 2.1.0 for GitHub code scanning: one result per bypass, per unprotected handler and per
implicit write path not acknowledged with the pragma."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, Callable, Sequence

from room_refactor import __version__
from room_refactor.reports.audit import AuditReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/your-org/room-refactor"
#: A line's length, for a region's end column: (project-relative path, line) -> length, or None.
LineLength = Callable[[str, int], "int | None"]
RULES = [
    {
        "id": "RR001",
        "name": "DirectStateWrite",
        "shortDescription": {"text": "Direct write of a room state field that bypasses the canonical writer"},
        "fullDescription": {"text": "The field is written directly instead of through the canonical writer, "
                                    "which locks the row and keeps both fields consistent."},
        "help": {"text": "Run `room-refactor migrate PATH` to route the write through the canonical writer.",
                 "markdown": "Run `room-refactor migrate PATH` to route the write through the canonical writer."},
        "helpUri": INFORMATION_URI + "#room-refactor-migrate-paths",
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["concurrency", "django"], "precision": "high"},
    },
    {
        "id": "RR002",
        "name": "UnprotectedMutatingHandler",
        "shortDescription": {"text": "Mutating view handler writes room state without a transaction"},
        "fullDescription": {"text": "A POST/PUT/PATCH/DELETE handler writes room state outside any "
                                    "transaction; concurrent requests can interleave its writes."},
        "help": {"text": "Run `room-refactor migrate PATH` to add @transaction.atomic.",
                 "markdown": "Run `room-refactor migrate PATH` to add `@transaction.atomic`."},
        "helpUri": INFORMATION_URI + "#room-refactor-migrate-paths",
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["concurrency", "django"], "precision": "high"},
    },
    {
        "id": "RR003",
        "name": "ImplicitStateWritePath",
        "shortDescription": {"text": "An implicit path writes room state around the canonical writer"},
        "fullDescription": {"text": "A serializer, form, edit view or admin class exposes a state field, or a "
                                    "bulk create, constructor, update(**kwargs) or raw SQL writes it, without "
                                    "going through the canonical writer."},
        "help": {"text": "Apply the fix in the message, or acknowledge it with `# room-refactor: ignore`.",
                 "markdown": "Apply the fix in the message, or acknowledge it with `# room-refactor: ignore`."},
        "helpUri": INFORMATION_URI + "#room-refactor-audit-paths",
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["concurrency", "django"], "precision": "medium"},
    },
]


def _location(uri: str, line: int, column: int, *, end_line: int | None = None,
              end_column: int | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(line, 1), "startColumn": column + 1}
    if end_line is not None and end_line >= region["startLine"]:
        region["endLine"] = end_line
    if end_column is not None and end_column >= 1:
        if region.get("endLine", region["startLine"]) > region["startLine"] or end_column > region["startColumn"]:
            region["endColumn"] = end_column
    return {"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}, "region": region}}


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\0".join(str(p) for p in parts).encode()).hexdigest()[:32]


def _no_lengths(path: str, line: int) -> int | None:
    return None


def to_sarif(report: AuditReport, *, prefix: str = "", line_length: LineLength = _no_lengths) -> dict[str, Any]:
    """SARIF for one project. `prefix` is the project root relative to the repository root (git's
    top level), with a trailing `/`, so that the URIs are repository-relative, as code scanning
    wants them."""
    return to_sarif_many([(prefix, report, line_length)])


def _results(report: AuditReport, prefix: str, line_length: LineLength) -> tuple[list[Any], list[Any]]:
    results = []
    # Two writes of one field on one receiver in one function (the two branches of an if) are two
    # alerts: the occurrence number keeps their fingerprints apart, and unlike the line number it
    # does not change when code above them moves.
    occurrences: Counter[tuple[str, str, str | None, str]] = Counter()
    for site in sorted(report.bypasses, key=lambda s: (s.path, s.line, s.column)):
        key = (site.path, site.scope, site.field, site.receiver)
        occurrence = occurrences[key]
        occurrences[key] += 1
        end_line = max(site.end_line, site.line)
        end_length = line_length(site.path, end_line)
        results.append({
            "ruleId": "RR001",
            "ruleIndex": 0,
            "level": "error" if report.in_scope(site.path) else "warning",
            "message": {"text": f"{site.receiver}.{site.field or '<dynamic>'} is written directly in {site.scope} "
                                f"({site.kind.value}, protection: {site.protection.value}); "
                                f"use {report.config.service_name}()"},
            "locations": [_location(prefix + site.path, site.line, site.column, end_line=end_line,
                                    end_column=None if end_length is None else end_length + 1)],
            # the project-relative key, so that moving the project in the repository keeps the alerts
            "partialFingerprints": {"roomRefactor/v1": _fingerprint(*key, *([occurrence] if occurrence else []))},
        })
    for handler in report.unprotected:
        length = line_length(handler.path, handler.line)
        results.append({
            "ruleId": "RR002",
            "ruleIndex": 1,
            "level": "error" if report.in_scope(handler.path) else "warning",
            "message": {"text": f"{handler.name} ({'/'.join(handler.methods)}) writes room state "
                                f"{handler.writes} time(s) without a transaction"},
            "locations": [_location(prefix + handler.path, handler.line, 0, end_line=handler.line,
                                    end_column=None if length is None else length + 1)],
            "partialFingerprints": {"roomRefactor/v1": _fingerprint(handler.path, handler.name)},
        })
    for path in report.open_implicit:
        length = line_length(path.path, path.line)
        results.append({
            "ruleId": "RR003",
            "ruleIndex": 2,
            "level": "error" if report.config.check_implicit and report.in_scope(path.path) else "warning",
            "message": {"text": f"{path.kind} {path.detail} writes {', '.join(path.fields) or 'the state fields'} "
                                f"around {report.config.service_name}(); fix: {path.fix}"},
            "locations": [_location(prefix + path.path, path.line, 0, end_line=path.line,
                                    end_column=None if length is None else length + 1)],
            "partialFingerprints": {"roomRefactor/v1": _fingerprint(path.path, path.scope, path.kind, path.detail)},
        })
    notifications = [
        {"level": "error", "message": {"text": e.message}, "locations": [_location(prefix + e.path, e.line or 1, 0)]}
        for e in report.errors
    ]
    return results, notifications


def to_sarif_many(reports: Sequence[tuple[str, AuditReport, LineLength]]) -> dict[str, Any]:
    """One SARIF run for the projects of one invocation, each (its prefix in the repository,
    its report, its line lengths)."""
    results: list[Any] = []
    notifications: list[Any] = []
    for prefix, report, line_length in reports:
        more, failed = _results(report, prefix, line_length)
        results.extend(more)
        notifications.extend(failed)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "room-refactor",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": RULES,
            }},
            "results": results,
            "invocations": [{
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }],
        }],
    }
