"""examples/resort, the acceptance fixture for typed receivers (issue 15).

Its code carries its own expected audit (tests/resort_markers.py reads the markers): the audit must
find exactly the marked Room writes, each typed the way its marker says, exactly the marked
implicit write paths, and none of the traps. Its own Django tests must pass before and after
`room-refactor migrate --write`.

The audit and migration tests are strict xfails until the typed-receiver engine lands: remove the
marks once they pass (strict, so an unexpected pass fails the suite and says so).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app
from tests.resort_markers import (
    IMPLICIT_KINDS,
    RESORT,
    ExpectedImplicit,
    ExpectedSite,
    MarkerError,
    Trap,
    audited_files,
    parse_comment,
    read_markers,
)

runner = CliRunner()
pytestmark = pytest.mark.slow

ENGINE = pytest.mark.slow  # the typed-receiver engine has landed
WRITER = "rooms/state.py"  # the service module of the resort's configuration: migrate creates it


def copy_resort(destination: Path) -> Path:
    shutil.copytree(
        RESORT,
        destination,
        ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3", ".pytest_cache"),
    )
    return destination


@pytest.fixture
def resort(tmp_path: Path) -> Path:
    """A private copy of examples/resort."""
    return copy_resort(tmp_path / "resort")


def run_resort_tests(root: Path) -> int:
    """Run the project's own tests (its own settings, in a subprocess); the number passed."""
    # The settings module is the resort's own (its pyproject.toml): the one this process runs
    # under (the hotel's, set in the environment by pytest-django) would take precedence.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-3000:]
    summary = completed.stdout.strip().splitlines()[-1]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
    return int(summary.split(" passed")[0].split()[-1])


def audit(root: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["audit", "--format", "json", str(root)])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["errors"] == []
    return report


def site_keys(report: dict[str, Any]) -> set[tuple[str, int, str | None]]:
    return {(site["path"], site["line"], site["field"]) for site in report["sites"]}


def expected_site_keys(report: dict[str, Any]) -> set[tuple[str, int, str | None]]:
    """The markers' sites; a marker without `fields=` stands for what the audit found on its line."""
    markers = read_markers()
    keys: set[tuple[str, int, str | None]] = set()
    for site in markers.sites:
        if site.field is not None:
            keys.add((site.path, site.line, site.field))
            continue
        found = {key for key in site_keys(report) if key[:2] == (site.path, site.line)}
        keys |= found or {(site.path, site.line, None)}
    return keys


def assert_audit_matches_the_markers(report: dict[str, Any]) -> None:
    markers = read_markers()
    expected = expected_site_keys(report)
    found = site_keys(report)
    assert sorted(found - expected, key=str) == [], "reported, not marked (precision)"
    assert sorted(expected - found, key=str) == [], "marked, not reported (recall)"

    typed_by = {(s.path, s.line): s.typed_by for s in markers.sites}
    wrong = sorted(
        (site["path"], site["line"], site["field"], site.get("typed_by"), typed_by[site["path"], site["line"]])
        for site in report["sites"]
        if site.get("typed_by") != typed_by[site["path"], site["line"]]
    )
    assert wrong == [], "(path, line, field, reported typed_by, marked typed_by)"

    implicit = {(entry["path"], entry["line"], entry["kind"]) for entry in report.get("implicit", [])}
    assert sorted(implicit - markers.implicit_keys()) == [], "implicit paths reported, not marked"
    assert sorted(markers.implicit_keys() - implicit) == [], "implicit paths marked, not reported"

    reported_lines = {(s["path"], s["line"]) for s in report["sites"]}
    reported_lines |= {(e["path"], e["line"]) for e in report.get("implicit", [])}
    assert sorted(reported_lines & {(t.path, t.line) for t in markers.traps}) == [], "traps reported"


def trap_lines(root: Path) -> dict[str, list[str]]:
    """Per file, the text of every trap line, in order (line numbers move when imports are added)."""
    traps = read_markers().traps
    lines: dict[str, list[str]] = {}
    for trap in sorted(traps):
        lines.setdefault(trap.path, [])
    for path in lines:
        text = (root / path).read_bytes().decode("utf-8").splitlines(keepends=True)
        lines[path] = [line for line in text if "# trap:" in line]
    return lines


# The markers themselves: these pass today, and keep the fixture honest.


def test_the_markers_cover_what_the_issue_asks() -> None:
    markers = read_markers()
    lines = {(s.path, s.line) for s in markers.sites}
    assert len(lines) >= 30, len(lines)
    assert len(markers.traps) >= 15, len(markers.traps)
    assert {i.kind for i in markers.implicit} == IMPLICIT_KINDS
    by_key = Counter(s.typed_by for s in markers.sites)
    assert "name" not in by_key, "receivers = [] in the resort: nothing can be typed by name"
    for key in ("annotation", "constructor", "manager", "queryset", "fk", "self", "return", "init",
                "view", "form", "admin", "signal", "field-owner"):
        assert by_key[key] > 0, key
    # Traps of every family the issue names.
    reasons = " ".join(t.why for t in markers.traps)
    for family in ("MeetingRoom", "Seat", "dataclass", "SimpleNamespace", "dict.update", "read", "lookup",
                   "named room", "raw SQL on another table", "read-only", "serializer on MeetingRoom"):
        assert family in reasons, family


def test_every_marker_is_on_a_line_of_code() -> None:
    """A marker on a comment-only or blank line would expect a site where none can be."""
    markers = read_markers()
    marked = [*markers.sites, *markers.implicit, *markers.traps]
    for item in marked:
        line = (RESORT / item.path).read_text(encoding="utf-8").splitlines()[item.line - 1]
        code = line.split("#", 1)[0].strip()
        assert code, f"{item.path}:{item.line}: {line!r}"
    assert {path.relative_to(RESORT).as_posix() for path in audited_files(RESORT)} >= {m.path for m in marked}


def test_the_resort_has_no_writer_yet() -> None:
    """migrate scaffolds it: the configured service module must not exist in the fixture."""
    assert not (RESORT / WRITER).exists()
    table = tomllib.loads((RESORT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["room-refactor"]
    assert table["service"] == "rooms.state.set_room_occupancy_and_status"
    assert table["canonical"] == ["rooms.state"]
    assert table["receivers"] == []  # nothing is matched by name: every site is found by its type


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        pytest.param(
            "# expect: site typed_by=fk fields=is_occupied,room_status",
            ([ExpectedSite("m.py", 3, "is_occupied", "fk"), ExpectedSite("m.py", 3, "room_status", "fk")], [], []),
            id="site-two-fields",
        ),
        pytest.param(
            "# expect: site typed_by=manager",
            ([ExpectedSite("m.py", 3, None, "manager")], [], []),
            id="site-every-field",
        ),
        pytest.param(
            "# expect: site typed_by=fk fields=room_status; expect: implicit kind=related-manager",
            ([ExpectedSite("m.py", 3, "room_status", "fk")], [ExpectedImplicit("m.py", 3, "related-manager")], []),
            id="site-and-implicit",
        ),
        pytest.param("# trap: a Seat", ([], [], [Trap("m.py", 3, "a Seat")]), id="trap"),
        pytest.param("# noqa: F401", ([], [], []), id="other-comment"),
    ],
)
def test_marker_comments(comment: str, expected: tuple[list[Any], list[Any], list[Any]]) -> None:
    assert parse_comment(comment, path="m.py", line=3) == expected


@pytest.mark.parametrize(
    "comment",
    [
        pytest.param("# expect: site typed_by=guess", id="unknown-typed-by"),
        pytest.param("# expect: site fields=room_status", id="no-typed-by"),
        pytest.param("# expect: site typed_by=fk fields=occupied", id="unknown-field"),
        pytest.param("# expect: implicit kind=magic", id="unknown-kind"),
        pytest.param("# expect: implicit kind=form extra=1", id="unknown-key"),
        pytest.param("# expect: write typed_by=fk", id="unknown-marker"),
        pytest.param("# trap:", id="trap-without-reason"),
        pytest.param("# see below; expect: site typed_by=fk", id="marker-not-first"),
    ],
)
def test_malformed_markers_are_errors(comment: str) -> None:
    with pytest.raises(MarkerError):
        parse_comment(comment, path="m.py", line=3)


def test_markers_in_strings_do_not_count(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text('TEXT = "# expect: site typed_by=fk"\nx = 1  # trap: a real one\n')
    markers = read_markers(tmp_path)
    assert markers.sites == frozenset() and markers.traps == frozenset({Trap("m.py", 2, "a real one")})


def marked_report() -> dict[str, Any]:
    """The report an exact audit gives, built from the markers (fields=... is on every marker)."""
    markers = read_markers()
    assert all(site.field is not None for site in markers.sites)
    return {
        "sites": [
            {"path": s.path, "line": s.line, "field": s.field, "typed_by": s.typed_by} for s in sorted(markers.sites)
        ],
        "implicit": [{"path": i.path, "line": i.line, "kind": i.kind} for i in sorted(markers.implicit)],
    }


def a_trap() -> dict[str, Any]:
    trap = min(read_markers().traps)
    return {"path": trap.path, "line": trap.line}


def test_the_check_accepts_exactly_the_marked_map() -> None:
    assert_audit_matches_the_markers(marked_report())


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda r: r["sites"].pop(), id="a-site-missed"),
        pytest.param(lambda r: r["implicit"].pop(), id="an-implicit-path-missed"),
        pytest.param(lambda r: r["sites"][0].update(typed_by="field-owner"), id="a-site-typed-otherwise"),
        pytest.param(lambda r: r["sites"][0].update(field="is_occupied" if r["sites"][0]["field"] == "room_status" else "room_status"), id="another-field"),
        pytest.param(lambda r: r["sites"].append({**r["sites"][0], **a_trap()}), id="a-trap-reported"),
        pytest.param(lambda r: r["implicit"].append({"kind": "serializer", **a_trap()}), id="a-trap-reported-as-implicit"),
    ],
)
def test_the_check_rejects_any_other_map(spoil: Any) -> None:
    report = marked_report()
    spoil(report)
    with pytest.raises(AssertionError):
        assert_audit_matches_the_markers(report)


# (a) The project's own tests.


def test_the_resorts_own_tests_pass(resort: Path) -> None:
    assert run_resort_tests(resort) >= 60


# (b) The audit's precision and recall on the resort: 100 %.


@ENGINE
def test_audit_finds_exactly_the_marked_writes() -> None:
    assert_audit_matches_the_markers(audit(RESORT))


# (c) Migrate follows the types: the tests still pass, nothing is left, the traps are untouched.


@ENGINE
def test_migration_preserves_the_resorts_behaviour(resort: Path) -> None:
    before_report = audit(resort)
    assert_audit_matches_the_markers(before_report)  # the migration below starts from the exact map
    before_traps = trap_lines(resort)
    before = run_resort_tests(resort)

    result = runner.invoke(app, ["migrate", "--write", str(resort)])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stderr.splitlines()[-1]
    assert (resort / WRITER).is_file()

    after = run_resort_tests(resort)
    assert after == before

    report = audit(resort)
    # Left, with its warning: the loop whose assignments feed a bulk_update() of the same field
    # (rewriting them would save each row twice; issue 16).
    migrated_lines = (resort / "rooms" / "services.py").read_text(encoding="utf-8").splitlines()
    left = next(
        number for number, text in enumerate(migrated_lines, 1)
        if text.strip().startswith("room.room_status = RoomStatus.READY") and "typed_by=queryset" in text
    )
    assert [(s["path"], s["line"], s["field"], s["kind"]) for s in report["sites"] if s["bypass"]] == [
        ("rooms/services.py", left, "room_status", "attribute")
    ]
    assert "warning: feeds-bulk-update: room.room_status feeds a bulk_update() of room_status in mark_ready" in result.output
    assert report["summary"]["bypass"] == 1
    assert trap_lines(resort) == before_traps

    again = runner.invoke(app, ["migrate", "--check", str(resort)])
    assert again.exit_code == 0, again.output
    assert again.stdout == ""
