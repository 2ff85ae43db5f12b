from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Every rewritten file is also generated in full and compared with the spliced text
# (room_refactor/core/splice.py); subprocesses and worker processes inherit it.
os.environ.setdefault("ROOM_REFACTOR_VERIFY_SPLICE", "1")

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "hotel"


def copy_example(destination: Path) -> Path:
    shutil.copytree(
        EXAMPLE,
        destination,
        ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3", ".pytest_cache"),
    )
    return destination


@pytest.fixture
def hotel(tmp_path: Path) -> Path:
    """A private copy of examples/hotel."""
    return copy_example(tmp_path / "hotel")
