"""A small project for the reliability tests: the writer, one good file with one write."""

from __future__ import annotations

from pathlib import Path

import pytest

WRITE = "def f(room):\n    room.room_status = 'READY_FOR_GUEST'\n    room.save()\n"
WRITER = "def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):\n    pass\n"
REWRITTEN = (
    "from housekeeping.services import set_room_occupancy_and_status\n\n\n"
    "def f(room):\n    set_room_occupancy_and_status(room, status='READY_FOR_GUEST')\n"
)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = tmp_path / "project"
    (project / "app").mkdir(parents=True)
    (project / "housekeeping").mkdir()
    (project / "pyproject.toml").write_text("")
    (project / "housekeeping" / "services.py").write_text(WRITER)
    (project / "app" / "good.py").write_text(WRITE)
    monkeypatch.chdir(project)  # paths are shown relative to the current directory
    return project
