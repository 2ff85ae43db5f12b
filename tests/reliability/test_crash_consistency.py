"""Crash consistency (issue 19): `migrate --write` killed with SIGKILL at chosen points of a real
tree (the benchmark's generator), then run again.

After each kill every file is either its original bytes or its complete result; the next run
leaves no temporary file behind, and its tree, `pyproject.toml` and its `migrated` list
included, is byte for byte the tree of a run that was never interrupted.

The kill points are the file system calls of the write phase (every `os.write`, `os.fsync`,
`os.replace`, `os.link`, `os.unlink`, `os.mkdir`, `os.fchmod`, `os.fchown`), counted in an
uninterrupted run; a seeded sample of them is tried (`ROOM_REFACTOR_CRASH_TRIALS`, default 8),
the first and the last always, plus one kill at a random moment of a run with two workers.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from room_refactor import files

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("ROOM_REFACTOR_CRASH_TRIALS", "8"))

CALLS = ("write", "fsync", "replace", "link", "unlink", "mkdir", "fchmod", "fchown")


def run_cli(root: Path, *, kill_at: int = 0, jobs: int = 1) -> tuple[int, int]:
    """`migrate --write` in a forked copy of this process (no interpreter start, no imports),
    which SIGKILLs itself at its `kill_at`-th file system call. Returns (the wait status's
    signal or exit code, the number of calls made)."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 3
        try:
            os.close(reader)
            count = 0
            originals = {name: getattr(os, name) for name in CALLS}

            def counted(function):  # type: ignore[no-untyped-def]
                def call(*args, **kwargs):  # type: ignore[no-untyped-def]
                    nonlocal count
                    count += 1
                    if count == kill_at:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return function(*args, **kwargs)
                return call

            for name, function in originals.items():
                setattr(os, name, counted(function))
            from typer.testing import CliRunner

            from room_refactor.cli.app import app

            result = CliRunner().invoke(app, ["migrate", "--write", "--allow-dirty", "--quiet", "--jobs", str(jobs),
                                              str(root)])
            for name, function in originals.items():
                setattr(os, name, function)
            os.write(writer, f"{count}\n{result.stderr}".encode())
            code = result.exit_code
        finally:
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader) as stream:
        report = stream.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status), 0
    calls, _, stderr = report.partition("\n")
    assert os.WEXITSTATUS(status) == 0, stderr
    return 0, int(calls)


def make_tree(path: Path) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    corpus.generate_hotel(path, apps=1)
    # One module of each kind the generator writes (views, services, models, plain): the kill
    # points are the same kinds of calls, at a third of the cost per trial.
    for app in (path / "hotel").iterdir():
        if app.is_dir():
            for name in ("tasks.py", "handlers.py", "admin_actions.py", "workflows.py", "serializers.py", "api.py"):
                (app / name).unlink()
    (path / "pyproject.toml").write_text('[project]\nname = "dense"\n\n[tool.room-refactor]\n')
    corpus._write(path / "rooms" / "models.py", corpus.ROOM_MODELS)
    corpus._write(path / "housekeeping" / "services.py", corpus.SERVICES)
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes], int]:
    base = make_tree(tmp_path_factory.mktemp("crash") / "original")
    original = snapshot(base)
    done = tmp_path_factory.mktemp("crash") / "reference"
    shutil.copytree(base, done)
    status, calls = run_cli(done)
    assert status == 0
    result = snapshot(done)
    assert b"migrated" in result["pyproject.toml"]
    assert sum(1 for rel in result if original.get(rel) != result[rel]) >= 4  # a real migration
    return base, original, result, calls


def check_after_kill(tree: Path, original: dict[str, bytes], result: dict[str, bytes]) -> None:
    for rel, data in snapshot(tree).items():
        if files._TEMP_NAME.match(rel.rpartition("/")[2]):
            continue  # a kill can leave one; the next run removes it
        assert data in (original.get(rel), result.get(rel)), f"{rel} is neither the original nor the result"
    for rel in original:
        assert (tree / rel).exists(), f"{rel} was lost"


def check_rerun(tree: Path, result: dict[str, bytes]) -> None:
    status, _ = run_cli(tree)
    assert status == 0
    after = snapshot(tree)
    assert not [rel for rel in after if files._TEMP_NAME.match(rel.rpartition("/")[2])]
    assert sorted(after) == sorted(result)
    differing = [rel for rel in after if after[rel] != result[rel]]
    assert differing == [], differing


def test_killed_at_chosen_system_calls_every_file_is_whole_and_the_rerun_completes(
    reference: tuple[Path, dict[str, bytes], dict[str, bytes], int], tmp_path: Path
) -> None:
    base, original, result, calls = reference
    rng = random.Random(19)
    points = sorted({1, calls, *rng.sample(range(2, calls), min(max(TRIALS - 2, 0), calls - 2))})
    killed = 0
    for point in points:
        tree = tmp_path / f"kill-{point}"
        shutil.copytree(base, tree)
        status, _ = run_cli(tree, kill_at=point)
        assert status == -signal.SIGKILL, (point, status)
        killed += 1
        check_after_kill(tree, original, result)
        check_rerun(tree, result)
    assert killed == len(points) >= min(TRIALS, calls)
    print(f"\ncrash consistency: {killed} SIGKILLs at system calls {points} of {calls}; all survived")


def test_killed_at_a_random_moment_with_workers(
    reference: tuple[Path, dict[str, bytes], dict[str, bytes], int], tmp_path: Path
) -> None:
    base, original, result, _ = reference
    tree = tmp_path / "timed"
    shutil.copytree(base, tree)
    command = [sys.executable, "-m", "room_refactor", "migrate", "--write", "--allow-dirty", "--quiet", "--jobs", "2",
               str(tree)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random(time.time_ns()).uniform(0.3, 2.0))
    process.kill()
    process.wait()
    check_after_kill(tree, original, result)
    check_rerun(tree, result)
