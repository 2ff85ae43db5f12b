"""What the team's toolchain relies on: the JSON Schema of the audit's JSON contract, shipped in
the package; the pre-commit hooks (the check and the fixer); the libcst range CI tests."""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app

from tests.conftest import EXAMPLE, REPO

runner = CliRunner()


def _schema() -> dict[str, Any]:
    text = importlib.resources.files("room_refactor").joinpath("data/audit.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _validator():  # type: ignore[no-untyped-def]
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(_schema())
    return jsonschema.Draft202012Validator(_schema())


# -- the JSON Schema --------------------------------------------------------------------------------


def test_the_schema_ships_in_the_package_data() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/*.json"' in pyproject
    assert _schema()["title"].startswith("room-refactor audit --format json")


def test_the_example_audit_is_valid() -> None:
    result = runner.invoke(app, ["audit", "--format", "json", str(EXAMPLE)])
    assert [e.message for e in _validator().iter_errors(json.loads(result.stdout))] == []
    reviewed = json.loads((REPO / "tests" / "data" / "hotel-audit.json").read_text(encoding="utf-8"))
    assert [e.message for e in _validator().iter_errors(reviewed)] == []


def test_an_audit_of_two_projects_with_an_error_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("inn", "hotel"):
        (tmp_path / name / "rooms").mkdir(parents=True)
        (tmp_path / name / "pyproject.toml").write_text("")
        (tmp_path / name / "rooms" / "views.py").write_text("def f(room):\n    room.room_status = 'A'\n    room.save()\n")
    (tmp_path / "inn" / "rooms" / "legacy.py").write_text("print 'room_status'\n")
    monkeypatch.chdir(tmp_path)
    data = json.loads(runner.invoke(app, ["audit", "--format", "json", "inn", "hotel"]).stdout)
    assert data["errors"] and data["projects"]
    assert [e.message for e in _validator().iter_errors(data)] == []


def test_added_keys_are_valid_and_broken_documents_are_not() -> None:
    document = json.loads((REPO / "tests" / "data" / "hotel-audit.json").read_text(encoding="utf-8"))
    document["implicit"] = [{"path": "rooms/serializers.py", "line": 1}]
    document["sites"][0]["typed_by"] = "annotation"
    assert list(_validator().iter_errors(document)) == []
    broken = json.loads(json.dumps(document))
    broken["version"] = 2
    broken["sites"][0]["line"] = "119"
    broken["sites"][1]["path"] = "/abs/rooms/views.py"
    del broken["summary"]["bypass"]
    messages = [e.message for e in _validator().iter_errors(broken)]
    assert len(messages) == 4, messages


# -- pre-commit --------------------------------------------------------------------------------------


def test_both_hooks_are_defined() -> None:
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["room-refactor-audit"]["entry"] == "room-refactor audit --check"
    fixer = hooks["room-refactor-migrate"]
    assert fixer["entry"].split()[:3] == ["room-refactor", "migrate", "--write"]
    assert "--check" in fixer["entry"].split()
    assert fixer["types"] == ["python"] and fixer["language"] == "python"


VIEW = '''\
from rest_framework.decorators import api_view


@api_view(["POST"])
def start_cleaning(request, room):
    room.is_occupied = True
    room.save()
'''
WRITER = "def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):\n    pass\n"


@pytest.mark.slow
def test_the_fixer_hook_rewrites_and_fails_then_passes(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed")
    hook_repo = tmp_path / "hook-repo"
    shutil.copytree(REPO, hook_repo, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "build", "__pycache__", ".bench-cache", "bench", "examples", "tests"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "ci",
           "GIT_AUTHOR_EMAIL": "ci@example.com", "GIT_COMMITTER_NAME": "ci", "GIT_COMMITTER_EMAIL": "ci@example.com"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "hook"]):
        subprocess.run(["git", *args], cwd=hook_repo, check=True, env=env, capture_output=True)

    user = tmp_path / "user"
    (user / "rooms").mkdir(parents=True)
    (user / "housekeeping").mkdir()
    (user / "pyproject.toml").write_text("")
    (user / "housekeeping" / "services.py").write_text(WRITER)
    (user / "rooms" / "views.py").write_text(VIEW)
    subprocess.run(["git", "init", "-q"], cwd=user, check=True)
    subprocess.run(["git", "add", "."], cwd=user, check=True)
    first = subprocess.run([pre_commit, "try-repo", str(hook_repo), "room-refactor-migrate"], cwd=user,
                           capture_output=True, text=True, env=env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "set_room_occupancy_and_status(room, is_occupied=True)" in (user / "rooms" / "views.py").read_text()
    subprocess.run(["git", "add", "."], cwd=user, check=True)
    second = subprocess.run([pre_commit, "try-repo", str(hook_repo), "room-refactor-migrate"], cwd=user,
                            capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stdout + second.stderr


# -- the libcst range CI tests ------------------------------------------------------------------------


def test_ci_runs_the_oldest_and_newest_allowed_libcst() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'"libcst>=([0-9.]+),<([0-9.]+)"', pyproject)
    assert match, "pyproject declares a closed libcst range"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f"libcst=={match.group(1)}" in ci
    assert "libcst<" + match.group(2) in ci


def test_typer_is_not_capped() -> None:
    """`pip install room-refactor "typer>=0.29"` resolves: the dependency allows the current typer
    (the suite itself runs on whatever typer the test environment resolved, 0.29 today)."""
    from packaging.requirements import Requirement

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (typer_requirement,) = [Requirement(d) for d in dependencies if Requirement(d).name == "typer"]
    for version in ("0.29.0", "0.29.2", "0.30.0", "1.0.0"):
        assert typer_requirement.specifier.contains(version), version


@pytest.mark.parametrize("body, reason", [
    ("def f(room):\n    room.room_status = 'A'\n", "no-save"),
    ("def f(room):\n    room.room_status = 'A'\n    return room\n", "returned-copy"),
    ("def f(room, commit=True):\n    room.room_status = 'A'\n    if commit:\n        room.save()\n", "commit-flag"),
])
def test_every_in_memory_reason_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, reason: str) -> None:
    (tmp_path / "rooms").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "rooms" / "views.py").write_text(body)
    monkeypatch.chdir(tmp_path)
    data = json.loads(runner.invoke(app, ["audit", "--format", "json", "."]).stdout)
    assert [site["in_memory"] for site in data["sites"]] == [reason]
    assert [e.message for e in _validator().iter_errors(data)] == []
