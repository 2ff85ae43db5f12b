"""The package type-checks under `mypy --strict` (the settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_strict_passes_on_the_package() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "src/room_refactor"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Success" in completed.stdout
