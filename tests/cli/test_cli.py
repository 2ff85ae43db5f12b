from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app

runner = CliRunner()


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("audit", "migrate", "rollout", "config", "list"):
        assert command in result.stdout


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("room-refactor ")


def test_list_shows_every_codemod_with_its_description() -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["rewrite-writes", "add-atomic", "scaffold-service"]
    assert all(len(line.split(None, 1)[1]) > 20 for line in lines)


def test_config_in_the_example_prints_defaults_with_their_source(hotel: Path) -> None:
    result = runner.invoke(app, ["config", str(hotel)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"# project root: {hotel.resolve()}"
    assert lines[1] == f"# configuration file: {hotel.resolve() / 'pyproject.toml'}"
    assert 'occupancy-field = "is_occupied"  # default' in lines
    assert 'status-field = "room_status"  # default' in lines
    assert 'service = "housekeeping.services.set_room_occupancy_and_status"  # default' in lines
    assert "migrated = (absent)  # default" in lines
    assert all(line.endswith("# default") for line in lines[3:])


def test_config_shows_the_file_a_value_came_from(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.room-refactor]\natomic-requests = true\n')
    result = runner.invoke(app, ["config", str(tmp_path), "--json"])
    assert result.exit_code == 0
    values = json.loads(result.stdout)["values"]
    assert values["atomic-requests"] == {"value": True, "source": str(tmp_path.resolve() / "pyproject.toml")}
    assert values["model"]["source"] == "default"


@pytest.mark.parametrize("command", ["config", "audit", "migrate", "rollout"])
def test_unknown_key_is_a_one_line_error_with_exit_2(tmp_path: Path, command: str) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.room-refactor]\nfeatures = ["a"]\n')
    result = runner.invoke(app, [command, str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"room-refactor: error: {tmp_path.resolve() / 'pyproject.toml'}: unknown key 'features' in [tool.room-refactor]\n"
    )


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr == f"room-refactor: error: {tmp_path / 'nope'}: no such file or directory\n"


def test_python_dash_m_entry_point_runs() -> None:
    completed = subprocess.run([sys.executable, "-m", "room_refactor", "--help"], capture_output=True, text=True)
    assert completed.returncode == 0
    assert "migrate" in completed.stdout


@pytest.mark.parametrize("argv", [["--help"], ["config"], ["audit", "--help"], ["migrate", "--help"]])
def test_start_up_never_imports_libcst(argv: list[str], tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    code = (
        "import sys\n"
        "from room_refactor.cli.app import app\n"
        f"try:\n    app({argv!r}, standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "print('LIBCST' if any(m == 'libcst' or m.startswith('libcst.') for m in sys.modules) else 'CLEAN')\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert completed.stdout.strip().splitlines()[-1] == "CLEAN", completed.stderr


def test_audit_of_a_tree_without_the_field_names_never_imports_libcst(tmp_path: Path) -> None:
    """Nothing to parse: no libcst, no process pool, and no pydantic (typer 0.29 converts every
    option through it; cli/fastparams.py converts them itself)."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "app.py").write_text("x = 1\n")
    code = (
        "import sys\n"
        "from room_refactor.cli.app import app\n"
        "try:\n    app(['audit', '.', '--format', 'json', '--jobs', '2'], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('libcst', 'concurrent.futures', 'multiprocessing', 'pydantic') if m in sys.modules))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert completed.stdout.strip().splitlines()[-1] == "[]", completed.stderr
    assert '"files_scanned": 1,' in completed.stdout, completed.stdout
