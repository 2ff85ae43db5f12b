from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _run_from_the_temporary_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands run from the test's own directory, as a user runs them from the project:
    printed paths are relative to the current directory."""
    monkeypatch.chdir(tmp_path)
