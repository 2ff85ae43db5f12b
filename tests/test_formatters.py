"""The rewritten code passes the project's own lint and format checks: a copy of the example is
made clean under ruff (check --select I,E,F,W, and format), or under black + isort (profile
black), at line lengths 79, 88 and 120, configured in its pyproject.toml the way the team would;
`migrate --write` then adds no complaint at all.

"Clean" is what the tools can make of the example: the fixable complaints are fixed and the
code is formatted. The long docstrings and comments that no tool can rewrite stay as they are
(E501), and are compared line by line: a complaint is new when its file, code and source line
were not complained about before.

The generated writer (`housekeeping/services.py`) is checked apart: its text comes from the
scaffold (issue 16 fits it to 79 columns); where it is not clean yet, its test is a strict
xfail, so that it fails as soon as it passes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app

from tests.conftest import copy_example

pytestmark = pytest.mark.slow
WRITER = "housekeeping/services.py"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (the test extra pins it)")
    return found


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=root, check=True,
                   capture_output=True)


def _ruff_complaints(root: Path) -> Counter[tuple[str, str, str]]:
    completed = _run(_tool("ruff"), "check", "--select", "I,E,F,W", "--output-format", "json", ".", cwd=root)
    found: Counter[tuple[str, str, str]] = Counter()
    for item in json.loads(completed.stdout or "[]"):
        rel = Path(item["filename"]).resolve().relative_to(root.resolve()).as_posix()
        lines = (root / rel).read_text(encoding="utf-8").splitlines()
        row = item["location"]["row"]
        text = lines[row - 1].strip() if 0 < row <= len(lines) else ""
        found[(rel, item["code"], text)] += 1
    completed = _run(_tool("ruff"), "format", "--check", "--output-format", "concise", ".", cwd=root)
    for line in (completed.stdout + completed.stderr).splitlines():
        if ": unformatted: " in line:
            found[(Path(line.split(":", 1)[0]).as_posix(), "format", "")] += 1
    assert completed.returncode in (0, 1), completed.stderr
    return found


def _black_isort_complaints(root: Path) -> Counter[tuple[str, str, str]]:
    found: Counter[tuple[str, str, str]] = Counter()
    completed = _run(_tool("black"), "--check", ".", cwd=root)
    for line in completed.stderr.splitlines():
        if line.startswith("would reformat "):
            path = Path(line.removeprefix("would reformat ").strip()).resolve()
            found[(path.relative_to(root.resolve()).as_posix(), "black", "")] += 1
    completed = _run(_tool("isort"), "--check-only", ".", cwd=root)
    for line in completed.stderr.splitlines():
        if line.startswith("ERROR: ") and "Imports are incorrectly sorted" in line:
            path = Path(line.removeprefix("ERROR: ").split(" Imports are")[0].strip()).resolve()
            found[(path.relative_to(root.resolve()).as_posix(), "isort", "")] += 1
    return found


def _ruff_clean(root: Path, length: int) -> None:
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f"\n[tool.ruff]\nline-length = {length}\n")
    _run(_tool("ruff"), "check", "--select", "I,E,F,W", "--fix", ".", cwd=root)
    _run(_tool("ruff"), "format", ".", cwd=root)


def _black_isort_clean(root: Path, length: int) -> None:
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[tool.black]\nline-length = {length}\n\n[tool.isort]\nprofile = "black"\nline_length = {length}\n')
    _run(_tool("isort"), ".", cwd=root)
    _run(_tool("black"), ".", cwd=root)


TOOLS = {"ruff": (_ruff_clean, _ruff_complaints), "black+isort": (_black_isort_clean, _black_isort_complaints)}
# Where the generated writer is not clean yet (its text belongs to the scaffold, issue 16).
WRITER_NOT_CLEAN: set[tuple[str, int]] = set()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """(tool, length) -> (complaints before, complaints after), each run once."""
    cache: dict[tuple[str, int], tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str, str]]]] = {}

    def get(tool: str, length: int) -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str, str]]]:
        if (tool, length) not in cache:
            clean, complaints = TOOLS[tool]
            root = copy_example(tmp_path_factory.mktemp(f"{tool}-{length}") / "hotel")
            clean(root, length)
            _git(root, "init", "-q")
            _git(root, "add", ".")
            _git(root, "commit", "-qm", "clean")
            before = complaints(root)
            result = CliRunner().invoke(app, ["migrate", "--write", "--jobs", "1", str(root)])
            assert result.exit_code == 0, result.output
            assert "9 files changed" in result.stderr.splitlines()[-1]
            cache[(tool, length)] = (before, complaints(root))
        return cache[(tool, length)]

    return get


def _new(before: Counter[tuple[str, str, str]], after: Counter[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return sorted((after - before).elements())


@pytest.mark.parametrize("tool", list(TOOLS))
def test_the_complaint_parsers_see_complaints(tool: str, tmp_path: Path) -> None:
    """The comparison below means something: an unsorted, unformatted file is complained about."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "bad.py").write_text("import sys\nimport os\nx=[1,\n2]\nprint(os, sys, x)\n")
    kinds = {code for _, code, _ in TOOLS[tool][1](tmp_path)}
    assert kinds >= ({"I001", "format"} if tool == "ruff" else {"black", "isort"})


@pytest.mark.parametrize("length", [79, 88, 120])
@pytest.mark.parametrize("tool", list(TOOLS))
def test_migrate_adds_no_complaint_of_the_projects_own_tools(migrated, tool: str, length: int) -> None:  # type: ignore[no-untyped-def]
    before, after = migrated(tool, length)
    assert not [c for c in before if c[1] in ("I001", "format", "black", "isort", "F401", "F811")]
    assert [c for c in _new(before, after) if c[0] != WRITER] == []


@pytest.mark.parametrize(
    ("tool", "length"),
    [
        pytest.param(tool, length, marks=[pytest.mark.xfail(strict=True, reason="the scaffold's writer text (issue 16)")]
                     if (tool, length) in WRITER_NOT_CLEAN else [], id=f"{tool}-{length}")
        for tool in TOOLS for length in (79, 88, 120)
    ],
)
def test_the_generated_writer_is_clean_too(migrated, tool: str, length: int) -> None:  # type: ignore[no-untyped-def]
    before, after = migrated(tool, length)
    assert [c for c in _new(before, after) if c[0] == WRITER] == []


def test_the_line_length_is_read_and_changes_the_output(tmp_path: Path) -> None:
    """The same write at 79 and at 120 columns: wrapped at one, on one line at the other."""
    view = (
        "def f(booking):\n"
        "    if booking:\n"
        "        booking.assigned_room.room_status = \"CHECKOUT_DIRTY_AWAITING_INSPECTION\"\n"
        "        booking.assigned_room.save()\n"
    )
    outputs = {}
    for length in (79, 120):
        root = tmp_path / str(length)
        (root / "app").mkdir(parents=True)
        (root / "pyproject.toml").write_text(f"[tool.ruff]\nline-length = {length}\n")
        (root / "app" / "views.py").write_text(view)
        (root / "housekeeping").mkdir()
        (root / "housekeeping" / "services.py").write_text(
            "def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):\n    pass\n"
        )
        result = CliRunner().invoke(app, ["migrate", "--jobs", "1", "--no-scaffold", str(root)])
        outputs[length] = result.stdout
    assert "+        set_room_occupancy_and_status(\n" in outputs[79]
    assert (
        '+        set_room_occupancy_and_status(booking.assigned_room, status="CHECKOUT_DIRTY_AWAITING_INSPECTION")\n'
        in outputs[120]
    )
