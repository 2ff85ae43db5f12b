"""The conventions of ruff and django-upgrade: projects in a monorepo, paths from where the
command runs, exit codes, conflicting flags, per-rule suppressions, output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app
from room_refactor.cli.common import EXIT_CHANGES, EXIT_CODES, EXIT_FILE_FAILED, EXIT_OK, EXIT_USAGE

runner = CliRunner()

VIEW = '''\
from rest_framework.decorators import api_view


@api_view(["POST"])
def start_cleaning(request, room):
    room.room_status = "CLEANING_IN_PROGRESS"
    room.save()
'''
SERVICE = '''\
def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):
    pass
'''


def project(root: Path, files: dict[str, str], *, config: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(config)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


# -- point 2: each file belongs to its nearest project ------------------------------------------


def test_files_of_two_projects_are_all_audited_each_with_its_own_configuration(tmp_path: Path) -> None:
    project(tmp_path / "inn", {"rooms/views.py": VIEW})
    project(tmp_path / "hotel", {"suites/views.py": VIEW.replace("room_status", "state")},
            config='[tool.room-refactor]\nstatus-field = "state"\n')
    for order in (["inn/rooms/views.py", "hotel/suites/views.py"], ["hotel/suites/views.py", "inn/rooms/views.py"]):
        result = invoke("audit", "--check", *order)
        assert result.exit_code == EXIT_CHANGES
        assert sorted(line.split(":")[0] for line in result.stdout.splitlines()) == [
            "hotel/suites/views.py", "hotel/suites/views.py", "inn/rooms/views.py", "inn/rooms/views.py"
        ]
        assert result.stderr.splitlines()[-1] == "2 bypass, 2 unprotected handlers in all modules"


def test_json_of_two_projects_names_the_project_of_each_site(tmp_path: Path) -> None:
    project(tmp_path / "inn", {"rooms/views.py": VIEW})
    project(tmp_path / "hotel", {"rooms/views.py": VIEW})
    data = json.loads(invoke("audit", "--format", "json", "inn", "hotel").stdout)
    assert [(s["project"], s["path"]) for s in data["sites"]] == [("hotel", "rooms/views.py"), ("inn", "rooms/views.py")]
    assert data["summary"]["sites"] == 2
    assert [p["project"] for p in data["projects"]] == ["hotel", "inn"]


def test_migrate_of_two_projects_gives_one_patch_that_applies_from_here(tmp_path: Path) -> None:
    import subprocess

    project(tmp_path / "inn", {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    project(tmp_path / "hotel", {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    result = invoke("migrate", "--jobs", "1", "inn/rooms/views.py", "hotel/rooms/views.py")
    assert result.exit_code == EXIT_OK, result.output
    assert "+++ b/hotel/rooms/views.py" in result.stdout and "+++ b/inn/rooms/views.py" in result.stdout
    assert result.stderr.splitlines()[:2] == ["Would rewrite hotel/rooms/views.py", "Would rewrite inn/rooms/views.py"]
    (tmp_path / "change.patch").write_text(result.stdout)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", "change.patch"], cwd=tmp_path, check=True)
    assert "set_room_occupancy_and_status(room" in (tmp_path / "inn/rooms/views.py").read_text()
    assert "set_room_occupancy_and_status(room" in (tmp_path / "hotel/rooms/views.py").read_text()


def test_a_project_nested_in_a_directory_is_audited_with_its_own_configuration(tmp_path: Path) -> None:
    project(tmp_path / "mono", {"rooms/views.py": VIEW})
    project(tmp_path / "mono" / "inn", {"suites/views.py": VIEW.replace("room_status", "state")},
            config='[tool.room-refactor]\nstatus-field = "state"\n')
    data = json.loads(invoke("audit", "--format", "json", "mono").stdout)
    assert sorted((s["project"], s["path"], s["field"]) for s in data["sites"]) == [
        ("mono", "rooms/views.py", "room_status"),
        ("mono/inn", "suites/views.py", "state"),
    ]


# -- point 3: printed paths and fixes work from the current directory ---------------------------


def test_check_from_the_repository_root_prints_paths_from_there(tmp_path: Path) -> None:
    project(tmp_path / "backend", {"rooms/views.py": VIEW})
    result = invoke("audit", "--check", "backend/rooms/views.py")
    assert result.stdout.splitlines()[0] == (
        "backend/rooms/views.py:6:5: RR001 room.room_status is written directly in start_cleaning; "
        "fix: room-refactor migrate backend/rooms/views.py"
    )


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    import subprocess

    project(tmp_path / "backend", {"rooms/views.py": VIEW})
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    sarif = json.loads(invoke("audit", "--format", "sarif", "backend").stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"backend/rooms/views.py"}
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 6, "startColumn": 5, "endLine": 6, "endColumn": len(VIEW.splitlines()[5]) + 1}


# -- point 6: exit codes, conflicting flags ------------------------------------------------------


def test_every_exit_code_is_defined_once_and_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert (EXIT_OK, EXIT_CHANGES, EXIT_USAGE, EXIT_FILE_FAILED) == (0, 1, 2, 4)
    for code in EXIT_CODES:
        assert f"| {code} |" in readme, code


def test_write_check_that_rewrote_files_exits_1(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    result = invoke("migrate", "--jobs", "1", "--write", "--check", "--allow-dirty", str(root))
    assert result.exit_code == EXIT_CHANGES, result.output
    again = invoke("migrate", "--jobs", "1", "--write", "--check", str(root))
    assert again.exit_code == EXIT_OK, again.output


def test_a_failed_file_is_not_a_usage_error(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {"rooms/legacy.py": "print 'room_status'\n"})
    assert invoke("audit", str(root), "--format", "json").exit_code == EXIT_FILE_FAILED
    assert invoke("audit", str(tmp_path / "missing")).exit_code == EXIT_USAGE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["migrate", "--only", "add-atomic", "--skip", "add-atomic"],
                     "--only and --skip both name add-atomic", id="only-and-skip"),
        pytest.param(["migrate", "--no-scaffold", "--only", "scaffold-service"],
                     "--no-scaffold with --only scaffold-service leaves nothing to run", id="no-scaffold-only-scaffold"),
        pytest.param(["audit", "--all"], "--all only applies with --check", id="all-without-check"),
        pytest.param(["audit", "--exit-zero"], "--exit-zero only applies with --check", id="exit-zero-without-check"),
        pytest.param(["migrate", "--interactive", "--patch", "x.patch"], "cannot also write --patch",
                     id="interactive-and-patch"),
    ],
)
def test_conflicting_flags_are_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    project(tmp_path / "p", {"rooms/views.py": VIEW})
    result = invoke(*args, str(tmp_path / "p"))
    assert result.exit_code == EXIT_USAGE
    assert message in result.stderr
    assert result.stdout == ""


def test_exit_zero_reports_but_does_not_fail(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {"rooms/views.py": VIEW})
    result = invoke("audit", "--check", "--exit-zero", str(root))
    assert result.exit_code == EXIT_OK
    assert "RR001" in result.stdout


# -- per-rule suppressions ----------------------------------------------------------------------


@pytest.mark.parametrize("comment", ["# noqa: RR001", "# room-refactor: ignore[RR001]", "# noqa: E501, RR001"])
def test_a_per_rule_suppression_quiets_that_rule_on_that_line(tmp_path: Path, comment: str) -> None:
    view = VIEW.replace('"CLEANING_IN_PROGRESS"', f'"CLEANING_IN_PROGRESS"  {comment}')
    root = project(tmp_path / "p", {"rooms/views.py": view})
    result = invoke("audit", "--check", str(root))
    codes = [line.split()[1] for line in result.stdout.splitlines()]
    assert codes == ["RR002"]  # the handler is still unprotected


def test_a_suppression_of_another_rule_keeps_the_finding(tmp_path: Path) -> None:
    view = VIEW.replace('"CLEANING_IN_PROGRESS"', '"CLEANING_IN_PROGRESS"  # noqa: RR002')
    root = project(tmp_path / "p", {"rooms/views.py": view})
    codes = [line.split()[1] for line in invoke("audit", "--check", str(root)).stdout.splitlines()]
    assert codes == ["RR001", "RR002"]


def test_rr002_is_suppressed_on_the_handler_line(tmp_path: Path) -> None:
    view = VIEW.replace("def start_cleaning(request, room):", "def start_cleaning(request, room):  # noqa: RR002")
    root = project(tmp_path / "p", {"rooms/views.py": view})
    codes = [line.split()[1] for line in invoke("audit", "--check", str(root)).stdout.splitlines()]
    assert codes == ["RR001"]


# -- output formats -----------------------------------------------------------------------------


def test_concise_format_is_one_line_per_finding(tmp_path: Path) -> None:
    project(tmp_path / "p", {"rooms/views.py": VIEW})
    result = invoke("audit", "--output-format", "concise", "p")
    assert result.stdout.splitlines() == [
        "p/rooms/views.py:6:5: RR001 room.room_status is written directly in start_cleaning",
        "p/rooms/views.py:5:1: RR002 start_cleaning (POST) writes room state without a transaction",
    ]


def test_github_format_is_workflow_annotations(tmp_path: Path) -> None:
    project(tmp_path / "p", {"rooms/views.py": VIEW})
    result = invoke("audit", "--format", "github", "--check", "p")
    assert result.exit_code == EXIT_CHANGES
    assert result.stdout.splitlines()[0] == (
        "::error file=p/rooms/views.py,line=6,endLine=6,col=5,title=RR001::"
        "RR001 room.room_status is written directly in start_cleaning"
    )


def test_json_because_stdout_is_not_a_terminal_says_so(tmp_path: Path) -> None:
    project(tmp_path / "p", {"rooms/views.py": VIEW})
    result = invoke("audit", "p")
    assert json.loads(result.stdout)["version"] == 1
    assert "stdout is not a terminal, so the report is JSON; pass --format table" in result.stderr
    assert "not a terminal" not in invoke("audit", "--format", "json", "p").stderr


def test_table_never_cuts_a_location(tmp_path: Path) -> None:
    deep = "a_rather_long_package_name/" * 5 + "views.py"
    project(tmp_path / "p", {deep: VIEW})
    result = invoke("audit", "--format", "table", "p")
    assert f"p/{deep}:6" in result.stdout
    assert f"p/{deep}:5" in result.stdout


def test_shell_completion_is_offered() -> None:
    assert "--install-completion" in invoke("--help").stdout


# -- --interactive ------------------------------------------------------------------------------


def test_quitting_interactive_at_the_first_hunk_changes_nothing_and_says_so(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    result = runner.invoke(app, ["migrate", "--jobs", "1", "-i", "--allow-dirty", str(root)], input="q\n")
    assert result.exit_code == EXIT_OK, result.output
    assert (root / "rooms/views.py").read_text() == VIEW
    assert result.stderr.splitlines()[-1].startswith("0 files changed, 2 unchanged")


def test_accepting_only_the_import_hunk_leaves_no_unused_import() -> None:
    from room_refactor.reports.diff import Hunk, imports_in_use

    pieces = [
        Hunk(0, (), "@@ -1,2 +1,3 @@\n from x import y\n+from housekeeping.services import set_room_occupancy_and_status\n"),
        Hunk(1, (), "@@ -5,1 +6,1 @@\n-    room.room_status = 1\n+    set_room_occupancy_and_status(room, status=1)\n"),
    ]
    assert imports_in_use(pieces, {0}) == set()
    assert imports_in_use(pieces, {0, 1}) == {0, 1}
    assert imports_in_use(pieces, {1}) == {1}


def test_git_info_exclude_is_respected(tmp_path: Path) -> None:
    import subprocess

    root = project(tmp_path / "p", {"rooms/views.py": VIEW, "scratch/try.py": VIEW})
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("scratch/\n")
    data = json.loads(invoke("audit", "--format", "json", str(root)).stdout)
    assert {s["path"] for s in data["sites"]} == {"rooms/views.py"}


def test_configuration_in_setup_cfg_is_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {"rooms/views.py": VIEW, "setup.cfg": "[tool:room-refactor]\nmodel = a.B\n"})
    result = invoke("audit", "--format", "json", str(root))
    assert "room-refactor does not read setup.cfg; move the settings to [tool.room-refactor]" in result.stderr
