"""The package type-checks under `mypy --strict` (the settings in pyproject.toml), as it is
installed: `src/room_refactor` with `codemods/` as its `room_refactor.codemods` subpackage."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_strict_passes_on_the_installed_layout(tmp_path: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "src" / "room_refactor", tmp_path / "room_refactor", ignore=ignore)
    shutil.copytree(ROOT / "codemods", tmp_path / "room_refactor" / "codemods", ignore=ignore)
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", "room_refactor"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    checked = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "room_refactor").rglob("*.py"))
    assert "room_refactor/codemods/rewrite_writes.py" in checked
    assert f"Success: no issues found in {len(checked)} source files" in completed.stdout


def test_mypy_strict_passes_on_src_alone() -> None:
    """What `mypy` from the project's root checks (an editable install's import hook is invisible
    to mypy, so codemods/ is not found there): it must not fail for that reason."""
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "src/room_refactor"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
