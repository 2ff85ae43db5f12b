"""Rollout end to end on a copy of examples/hotel: migrate one app, the ratchet records it,
`audit --check` passes, a new direct write in that app fails it, and the other apps are
reported without failing the check until they are migrated."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app

runner = CliRunner()
pytestmark = pytest.mark.slow


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci", *args], cwd=root, check=True,
                   capture_output=True)


@pytest.fixture
def repo(hotel: Path) -> Path:
    (hotel / "pyproject.toml").write_text(
        "# The example's own settings.\n" + (hotel / "pyproject.toml").read_text()
    )
    git(hotel, "init", "-q")
    git(hotel, "add", ".")
    git(hotel, "commit", "-qm", "before the rollout")
    return hotel


def test_rollout_of_one_app_with_the_ratchet(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)  # the check prints paths relative to where it runs
    before = runner.invoke(app, ["rollout", "--format", "json", str(repo)])
    assert before.exit_code == 0, before.output
    table = json.loads(before.stdout)
    assert table["next"] is not None
    assert {row["app"] for row in table["modules"]} >= {"rooms", "hotel", "guests", "housekeeping", "room_bookings"}

    # Day one: no rollout yet, the check covers everything and fails.
    assert runner.invoke(app, ["audit", "--check", str(repo)]).exit_code == 1

    # The writer has to exist before any module calls it.
    service = repo / "housekeeping" / "services.py"
    refused = runner.invoke(app, ["migrate", "--write", str(repo / "rooms")])
    assert refused.exit_code == 2
    assert "--only scaffold-service housekeeping/services.py" in refused.stderr
    scaffold = runner.invoke(app, ["migrate", "--write", "--only", "scaffold-service", str(service)])
    assert scaffold.exit_code == 0, scaffold.output
    git(repo, "commit", "-qam", "add the canonical writer")

    result = runner.invoke(app, ["migrate", "--write", str(repo / "rooms")])
    assert result.exit_code == 0, result.output
    pyproject = (repo / "pyproject.toml").read_text()
    assert pyproject.startswith("# The example's own settings.\n")  # comments and formatting kept
    assert "[tool.pytest.ini_options]" in pyproject
    assert '[tool.room-refactor]\nmigrated = [\n    "rooms.views",\n]\n' in pyproject
    git(repo, "commit", "-qam", "migrate rooms")

    check = runner.invoke(app, ["audit", "--check", str(repo)])
    assert check.exit_code == 0, check.output
    assert "0 bypass, 0 unprotected handlers in migrated modules" in check.stderr
    assert "bypass outside them not checked" in check.stderr

    # The other apps are still reported, and fail the check with --all.
    report = json.loads(runner.invoke(app, ["audit", "--format", "json", str(repo)]).stdout)
    assert any(site["bypass"] and site["path"].startswith("hotel/") for site in report["sites"])
    assert runner.invoke(app, ["audit", "--check", "--all", str(repo)]).exit_code == 1

    rollout = json.loads(runner.invoke(app, ["rollout", "--format", "json", str(repo)]).stdout)
    rooms_row = next(row for row in rollout["modules"] if row["module"] == "rooms.views")
    assert rooms_row["migrated"] and rooms_row["bypass"] == 0
    assert rollout["next"] != "rooms.views"

    # A new direct write in the migrated app fails the check, naming the file, the line and the fix.
    views = repo / "rooms" / "views.py"
    text = views.read_text()
    views.write_text(text + "\n\ndef reopen(room):\n    room.room_status = 'READY_FOR_GUEST'\n")
    line = text.count("\n") + 4
    failing = runner.invoke(app, ["audit", "--check", str(repo)])
    assert failing.exit_code == 1
    assert failing.stdout.splitlines() == [
        f"rooms/views.py:{line}:5: RR001 room.room_status is written directly in reopen; "
        "fix: room-refactor migrate rooms/views.py"
    ]


def test_rollout_table_names_the_next_module(repo: Path) -> None:
    result = runner.invoke(app, ["rollout", str(repo)])
    assert result.exit_code == 0, result.output
    assert "Per app" in result.stdout and "Per module" in result.stdout
    assert "Next: " in result.stdout and "room-refactor migrate --write " in result.stdout


def test_partial_migration_is_not_recorded(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")
    (tmp_path / "rooms").mkdir()
    (tmp_path / "housekeeping").mkdir()
    (tmp_path / "housekeeping" / "services.py").write_text("def set_room_occupancy_and_status(room, **kw):\n    pass\n")
    (tmp_path / "rooms" / "views.py").write_text(
        "def f(room, name):\n    room.room_status = 'A'\n    setattr(room, name, 'B')\n"
    )
    assert runner.invoke(app, ["migrate", "--write", "--no-scaffold", str(tmp_path)]).exit_code == 0
    assert "migrated" not in (tmp_path / "pyproject.toml").read_text()
