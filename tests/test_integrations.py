"""The integration points, for real: libcst's own runner on an installed copy, and the
pre-commit hook through `pre-commit try-repo` on a throwaway repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

VIEW = '''\
from rest_framework.decorators import api_view


@api_view(["POST"])
def start_cleaning(request, room):
    room.is_occupied = False
    room.room_status = "CLEANING_IN_PROGRESS"
    room.save(update_fields=["is_occupied", "room_status"])
'''
SERVICE = "def set_room_status(room, status, **kwargs):\n    pass\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv with a plain `pip install .` of this checkout."""
    home = tmp_path_factory.mktemp("installed")
    source = home / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build", "__pycache__", ".bench-cache", "bench"))
    env_dir = home / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The dependencies (libcst, typer, ...) come from the running environment: a .pth line adds
    # its site-packages after the new venv's own, without running that environment's .pth hooks,
    # so the editable install of this checkout is not visible.
    new_site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    import site

    Path(new_site, "_running_env.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(source)], check=True, cwd=home)
    shutil.rmtree(source)  # only the installed copy is left
    return python


def project(root: Path) -> Path:
    (root / "rooms").mkdir(parents=True)
    (root / "housekeeping").mkdir()
    (root / "pyproject.toml").write_text("")
    (root / "rooms" / "views.py").write_text(VIEW)
    (root / "housekeeping" / "services.py").write_text(SERVICE)
    return root


def test_the_installed_copy_is_the_one_imported(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run([installed, "-c", "import room_refactor.codemods.rewrite_writes as m; print(m.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert str(installed.parent.parent) in where


@pytest.mark.parametrize(
    "command, expected",
    [
        ("room_refactor.codemods.rewrite_writes.RewriteStateWritesCommand",
         # 89 characters on one line: black's hugged shape instead.
         '    set_room_occupancy_and_status(\n        room, is_occupied=False, status="CLEANING_IN_PROGRESS"\n    )\n'),
        ("room_refactor.codemods.add_atomic.AddAtomicCommand", '@api_view(["POST"])\n@transaction.atomic\ndef start_cleaning'),
    ],
)
def test_codemods_run_under_libcst_tool(installed: Path, tmp_path: Path, command: str, expected: str) -> None:
    root = project(tmp_path / "proj")
    completed = subprocess.run(
        [installed, "-m", "libcst.tool", "codemod", "-x", command, "--no-format", str(root / "rooms")],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    assert expected in (root / "rooms" / "views.py").read_text()


def test_scaffold_runs_under_libcst_tool(installed: Path, tmp_path: Path) -> None:
    root = project(tmp_path / "proj")
    completed = subprocess.run(
        [installed, "-m", "libcst.tool", "codemod", "-x",
         "room_refactor.codemods.scaffold_service.ScaffoldServiceCommand", "--no-format", str(root)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    text = (root / "housekeeping" / "services.py").read_text()
    assert "def set_room_occupancy_and_status(\n    room, *, is_occupied=None, status=None, **kwargs\n):" in text
    assert "changed = set_room_status(locked, status, **kwargs)" in text
    assert "def lock_room_rows(*rooms):" in text
    assert (root / "rooms" / "views.py").read_text() == VIEW


def test_installed_console_script(installed: Path, tmp_path: Path) -> None:
    root = project(tmp_path / "proj")
    script = installed.parent / "room-refactor"
    completed = subprocess.run([script, "migrate", str(root)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("diff --git a/housekeeping/services.py b/housekeeping/services.py\n")
    assert "diff --git a/rooms/views.py b/rooms/views.py\n" in completed.stdout


def test_pre_commit_hook_with_try_repo(tmp_path: Path) -> None:
    if shutil.which("pre-commit") is None and not (Path(sys.executable).parent / "pre-commit").exists():
        pytest.skip("pre-commit is not installed")
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    hook_repo = tmp_path / "hook-repo"
    shutil.copytree(REPO, hook_repo, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build", "__pycache__", ".bench-cache", "bench", "examples"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "ci", "GIT_AUTHOR_EMAIL": "ci@example.com",
           "GIT_COMMITTER_NAME": "ci", "GIT_COMMITTER_EMAIL": "ci@example.com"}
    if not (hook_repo / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=hook_repo, check=True)
        subprocess.run(["git", "add", "."], cwd=hook_repo, check=True)
        subprocess.run(["git", "commit", "-qm", "hook"], cwd=hook_repo, check=True, env=env)

    user = project(tmp_path / "user")
    (user / "rooms" / "views.py").write_text("def ok(room):\n    return room.is_occupied\n")
    subprocess.run(["git", "init", "-q"], cwd=user, check=True)
    subprocess.run(["git", "add", "."], cwd=user, check=True)
    clean = subprocess.run([pre_commit, "try-repo", str(hook_repo), "room-refactor-audit"], cwd=user,
                           capture_output=True, text=True, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    (user / "rooms" / "views.py").write_text(VIEW)
    subprocess.run(["git", "add", "."], cwd=user, check=True)
    dirty = subprocess.run([pre_commit, "try-repo", str(hook_repo), "room-refactor-audit"], cwd=user,
                           capture_output=True, text=True, env=env)
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "rooms/views.py:6:5: RR001 room.is_occupied is written directly in start_cleaning" in dirty.stdout
