"""Real projects nobody here wrote: their own tests pass before and after one
`room-refactor migrate --write .`, every changed file compiles, a second run changes nothing.

- By default (and so in CI): the CI-sized subset, a few tests of the smaller package
  (django-notifications-hq) that exercise the rewritten writes, under a minute once the
  package's virtualenv is cached.
- ``ROOM_REFACTOR_REAL_PROJECTS=1 python -m pytest -m realproject``: every package, every run.
- ``ROOM_REFACTOR_REAL_PROJECTS_REPORT=FILE``: the per-package figures as JSON.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from tests.realprojects.harness import HarnessError, Offline, Report, run_package
from tests.realprojects.packages import BY_ID, PACKAGES, Package

pytestmark = pytest.mark.realproject

FULL = os.environ.get("ROOM_REFACTOR_REAL_PROJECTS", "").strip() not in ("", "0")


def _save(report: Report) -> None:
    target = os.environ.get("ROOM_REFACTOR_REAL_PROJECTS_REPORT")
    if not target:
        return
    path = Path(target)
    existing = json.loads(path.read_text()) if path.exists() else []
    existing = [entry for entry in existing if entry["package"] != report.package or entry["runs"].keys() != report.runs.keys()]
    path.write_text(json.dumps([*existing, asdict(report)], indent=2) + "\n")


def _run(package: Package, tmp_path: Path, runs=None) -> Report:  # type: ignore[no-untyped-def]
    try:
        report = run_package(package, tmp_path, runs=runs)
    except Offline as exc:
        pytest.skip(str(exc))
    except HarnessError as exc:
        pytest.fail(str(exc))
    _save(report)
    return report


def _assert_migration_held(report: Report, run_id: str) -> None:
    assert report.migrate_exit == 0, report.migrate_summary
    assert report.files_changed, "the migration changed nothing: the configuration found no write"
    assert report.compile_errors == []
    assert report.second_run_changes == [], "a second run still changed files"
    figures = report.runs[run_id]
    assert figures["passed_before"] > 0
    assert figures["lost"] == [], f"tests that passed before and fail after:\n{figures['tail_after']}"
    _assert_the_cost_held(figures)


def _assert_the_cost_held(figures: dict[str, Any]) -> None:
    """Each probed operation costs at most what it cost before plus one locked read per row it
    writes (issue 17), the savepoint statements apart: an atomic block the migration adds (to hold
    a lock over a decision) costs a SAVEPOINT and a RELEASE inside the test's transaction, none
    outside one."""
    before = {line["operation"]: line for line in figures["probe_before"]}
    after = {line["operation"]: line for line in figures["probe_after"]}
    assert before and before.keys() == after.keys(), (before, after)
    for operation, was in before.items():
        now = after[operation]
        cost = now["queries"] - now.get("savepoints", 0)
        assert cost <= was["queries"] - was.get("savepoints", 0) + was.get("rows", 1), (operation, was, now)


def test_ci_subset_of_django_notifications(tmp_path: Path) -> None:
    package = BY_ID["notifications"]
    assert package.ci_run is not None
    report = _run(package, tmp_path, runs=(package.ci_run,))
    _assert_migration_held(report, "ci")
    # What the configuration found: the abstract base's own methods, the view, the queryset methods.
    assert report.sites_by_kind == {"attribute": 3, "queryset-update": 5}
    assert report.files_changed == ["notifications/base/models.py", "notifications/state.py", "notifications/views.py"]
    assert report.runs["ci"]["passed_before"] == 7  # five of the package's tests and the two probes


def _full_cases() -> list[object]:
    cases = []
    for package in PACKAGES:
        for run in package.runs:
            marks = [pytest.mark.skipif(not FULL, reason="set ROOM_REFACTOR_REAL_PROJECTS=1 for the full runs")]
            if run.id in package.known_failures:
                marks.append(pytest.mark.xfail(reason=package.known_failures[run.id], strict=True))
            cases.append(pytest.param(package, run, id=f"{package.id}-{run.id}", marks=marks))
    return cases


@pytest.mark.parametrize("package, run", _full_cases())
def test_full_run(package: Package, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = _run(package, tmp_path, runs=(run,))
    _assert_migration_held(report, run.id)
    if report.num_queries_test is not None:
        assert report.num_queries_test["before"] == report.num_queries_test["after"] == "passed"
