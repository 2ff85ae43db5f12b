"""stdout carries only the machine output (the diff, the report), whatever stderr is: a real
pseudo-terminal on stderr turns the progress bar on, and the patch must still be whole."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")

SERVICE = '''\
def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):
    pass
'''


def _tree(root: Path, count: int) -> Path:
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    (root / "housekeeping").mkdir(parents=True)
    (root / "housekeeping" / "services.py").write_text(SERVICE)
    app = root / "app"
    app.mkdir()
    for index in range(count):
        (app / f"m{index:03}.py").write_text(f'def f{index}(room):\n    room.room_status = "S{index}"\n    room.save()\n')
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def _run_with_stderr_on_a_pty(args: list[str], *, cwd: Path, stdout_path: Path) -> tuple[int, bytes]:
    master, slave = os.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the slave side closed (EIO on Linux)
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        with stdout_path.open("wb") as stdout:
            env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
            process = subprocess.run(args, cwd=cwd, stdout=stdout, stderr=slave, stdin=subprocess.DEVNULL, env=env)
    finally:
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    return process.returncode, b"".join(chunks)


@pytest.mark.slow
def test_dry_run_patch_is_whole_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    count = 210  # above the progress bar's threshold of 200 files
    root = _tree(tmp_path / "proj", count)
    patch = tmp_path / "change.patch"
    code, terminal = _run_with_stderr_on_a_pty(
        [sys.executable, "-m", "room_refactor", "migrate", ".", "--jobs", "1", "--no-scaffold"],
        cwd=root,
        stdout_path=patch,
    )
    text = patch.read_text(encoding="utf-8")
    assert code == 0, terminal.decode(errors="replace")
    assert text.count("\n+++ b/app/m") == count
    assert b"+++ b/app/" not in terminal  # the diff never reaches the terminal
    assert b"files changed" in terminal  # the summary does
    # the patch applies as it is
    subprocess.run(["git", "apply", "--check", str(patch)], cwd=root, check=True)


@pytest.mark.slow
def test_audit_json_is_whole_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    import json

    root = _tree(tmp_path / "proj", 205)
    out = tmp_path / "audit.json"
    code, terminal = _run_with_stderr_on_a_pty(
        [sys.executable, "-m", "room_refactor", "audit", ".", "--jobs", "1", "--format", "json"],
        cwd=root,
        stdout_path=out,
    )
    assert code == 0, terminal.decode(errors="replace")
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["sites"] == 205
