"""Points 2 to 8 and 10 of issue 19: nothing outside the root, the dirty-tree refusal cannot be
bypassed, unreadable directories fail the check, owner and attributes are kept, an edit made
while the tool writes is kept, every file is written atomically, and no run ends in a traceback.

Each test reproduces the fault the issue found; the root-only ones are skipped elsewhere."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor import files
from room_refactor.cli.app import app
from room_refactor.cli.common import EXIT_FILE_FAILED, EXIT_USAGE
from tests.reliability.conftest import REWRITTEN, WRITE

runner = CliRunner()
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (CI runs as root)")


def migrate(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["migrate", "--write", "--jobs", "1", *args])


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.startswith(("error:", "room-refactor: error:"))]


def summary(result) -> str:  # type: ignore[no-untyped-def]
    return result.stderr.splitlines()[-1]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "protocol.file.allow=always", *args],
                          cwd=root, check=True, capture_output=True, text=True).stdout


def committed(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


# -- 2. nothing outside the root ----------------------------------------------------------------


def test_a_symlinked_directory_out_of_the_project_is_not_written(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "views.py").write_text(WRITE)
    (root / "app" / "extdir").symlink_to(outside, target_is_directory=True)
    result = migrate("--allow-dirty", str(root / "app" / "extdir"))
    assert (outside / "views.py").read_text() == WRITE
    assert sorted(p.name for p in outside.iterdir()) == ["views.py"]  # no pyproject.toml, no writer
    assert "symlink points outside the project root" in result.stderr or result.exit_code == 0


def test_a_symlink_planted_while_the_run_works_is_not_followed(root: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer's package is swapped for a link out of the project between the analysis and
    the write: the write goes nowhere."""
    (root / "housekeeping" / "services.py").unlink()
    (root / "housekeeping").rmdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    from room_refactor import project

    original = project.Run.results

    def plant(self, *, jobs):  # type: ignore[no-untyped-def]
        yield from original(self, jobs=jobs)
        (root / "housekeeping").symlink_to(outside, target_is_directory=True)

    monkeypatch.setattr(project.Run, "results", plant)
    result = migrate("--allow-dirty", str(root))
    assert list(outside.iterdir()) == []
    assert "error: housekeeping/services.py: not written: housekeeping/ is a symlink or not a directory" in result.stderr
    assert result.exit_code == EXIT_FILE_FAILED


def test_mode_is_set_on_the_descriptor_not_through_a_planted_path(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("secret")
    os.chmod(victim, 0o600)
    os.chmod(root / "app" / "good.py", 0o644)
    real_replace = os.replace

    def replace(src, dst, **kwargs):  # type: ignore[no-untyped-def]
        # Whatever a racing process does to the temp file's name, the mode was set on the open file.
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "chmod", lambda *a, **k: pytest.fail("chmod by path"))
    monkeypatch.setattr(os, "replace", replace)
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "app" / "good.py").stat().st_mode) == 0o644


# -- 3. the dirty-tree refusal ---------------------------------------------------------------------


def test_dirty_pyproject_is_refused(root: Path) -> None:
    committed(root)
    (root / "pyproject.toml").write_text("# edited\n")
    result = migrate(str(root))
    assert result.exit_code == EXIT_USAGE
    assert "error: pyproject.toml: has uncommitted changes; commit or stash them, or pass --allow-dirty" in result.stderr
    assert (root / "app" / "good.py").read_text() == WRITE


def test_without_git_on_path_the_write_is_refused(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    committed(root)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = migrate(str(root))
    assert result.exit_code == EXIT_USAGE
    assert errors(result) == [
        "room-refactor: error: --write refused: cannot check for uncommitted changes: git cannot run "
        "(No such file or directory); pass --allow-dirty to write anyway; nothing was written"
    ]
    assert (root / "app" / "good.py").read_text() == WRITE
    assert migrate("--allow-dirty", str(root)).exit_code == 0


@AS_ROOT
def test_dubious_ownership_is_refused_not_ignored(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    committed(root)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    os.chown(root, 4321, 4321)
    result = migrate(str(root))
    assert result.exit_code == EXIT_USAGE
    assert "--write refused: cannot check for uncommitted changes: detected dubious ownership" in result.stderr
    assert (root / "app" / "good.py").read_text() == WRITE


def test_a_dirty_file_inside_a_submodule_is_refused(root: Path, tmp_path: Path) -> None:
    library = tmp_path / "library"
    (library / "app").mkdir(parents=True)
    (library / "app" / "inner.py").write_text(WRITE)
    committed(library)
    committed(root)
    git(root, "submodule", "add", "-q", str(library), "vendor")
    git(root, "commit", "-qm", "submodule")
    (root / "vendor" / "app" / "inner.py").write_text(WRITE + "# local edit\n")
    result = migrate(str(root))
    assert result.exit_code == EXIT_USAGE
    assert "error: vendor/app/inner.py: has uncommitted changes" in result.stderr
    assert (root / "vendor" / "app" / "inner.py").read_text() == WRITE + "# local edit\n"


def test_the_repositorys_fsmonitor_hook_is_not_run(root: Path, tmp_path: Path) -> None:
    committed(root)
    marker = tmp_path / "hook-ran"
    hook = tmp_path / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    git(root, "config", "core.fsmonitor", str(hook))
    result = migrate(str(root))
    assert result.exit_code == 0, result.output
    assert not marker.exists()


# -- 4. unreadable directories ------------------------------------------------------------------


def test_an_unlistable_directory_fails_the_check(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hidden = root / "app" / "hidden"
    hidden.mkdir()
    (hidden / "bypass.py").write_text(WRITE)
    (root / "app" / "good.py").unlink()
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("hidden"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(files.os, "scandir", scandir)
    result = runner.invoke(app, ["audit", "--check", "--format", "json", "--jobs", "1", str(root)])
    assert result.exit_code & EXIT_FILE_FAILED
    report = json.loads(result.stdout)
    assert report["errors"] == [{"path": "app/hidden", "line": None, "message": "cannot list directory: Permission denied"}]
    assert "error: app/hidden: cannot list directory: Permission denied" in result.stderr


# -- 5. owner, group, extended attributes, hard links -------------------------------------------


@AS_ROOT
def test_owner_group_and_mode_are_kept(root: Path) -> None:
    good = root / "app" / "good.py"
    os.chown(good, 4321, 4322)
    os.chmod(good, 0o640)
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == 0, result.output
    info = good.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 4322, 0o640)
    assert good.read_text() == REWRITTEN


def test_extended_attributes_are_kept(root: Path) -> None:
    good = root / "app" / "good.py"
    try:
        os.setxattr(good, "user.origin", b"review-42")
    except OSError:
        pytest.skip("this file system has no user extended attributes")
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == 0, result.output
    assert os.getxattr(good, "user.origin") == b"review-42"


def test_a_hard_linked_file_is_refused_not_split(root: Path, tmp_path: Path) -> None:
    twin = root / "app" / "twin.txt"
    os.link(root / "app" / "good.py", twin)
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == EXIT_FILE_FAILED
    assert errors(result) == [
        "error: app/good.py: not written: file has 2 hard links; replacing it would split them, so it is not written"
    ]
    assert twin.read_text() == WRITE and (root / "app" / "good.py").read_text() == WRITE


# -- 6. an edit made while the tool writes ------------------------------------------------------


@pytest.mark.parametrize("edit", ["append", "delete"])
def test_an_edit_just_before_the_rename_is_kept(root: Path, monkeypatch: pytest.MonkeyPatch, edit: str) -> None:
    good = root / "app" / "good.py"
    original = files._copy_xattrs_to

    def meanwhile(tmp: str, source: str, dir_fd: int) -> None:
        original(tmp, source, dir_fd)
        if source != "good.py":
            return
        if edit == "append":
            with good.open("a") as stream:
                stream.write("# typed while the tool wrote\n")
        else:
            good.unlink()

    monkeypatch.setattr(files, "_copy_xattrs_to", meanwhile)
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == EXIT_FILE_FAILED
    if edit == "append":
        assert good.read_text() == WRITE + "# typed while the tool wrote\n"
        assert errors(result) == ["error: app/good.py: not written: file changed on disk while it was being written; not overwritten"]
    else:
        assert not good.exists()
        assert errors(result) == ["error: app/good.py: not written: file was deleted since it was read; not re-created"]
    assert sorted(p.name for p in good.parent.iterdir()) == ([] if edit == "delete" else ["good.py"])
    assert " 1 failed" in summary(result)


# -- 7. every file the tool creates is written atomically --------------------------------------


def test_the_created_writer_module_is_never_seen_half_written(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "housekeeping" / "services.py").unlink()
    real_write = os.write
    seen: list[bool] = []

    def write(fd: int, data):  # type: ignore[no-untyped-def]
        if b"def set_room_occupancy_and_status(" in bytes(data):
            seen.append((root / "housekeeping" / "services.py").exists())
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == 0, result.output
    assert seen and not any(seen)  # while bytes were written, the name did not exist yet
    assert "def set_room_occupancy_and_status" in (root / "housekeeping" / "services.py").read_text()
    assert not [p for p in root.rglob(".room-refactor-*")]


def test_a_symlinked_pyproject_stays_a_symlink(root: Path) -> None:
    real = root / "config" / "pyproject.toml"
    real.parent.mkdir()
    (root / "pyproject.toml").rename(real)
    (root / "pyproject.toml").symlink_to(Path("config") / "pyproject.toml")
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == 0, result.output
    assert (root / "pyproject.toml").is_symlink()
    assert "app.good" in real.read_text()


# -- 8. the ratchet after an interrupted run, and stale temp files -----------------------------


def test_modules_migrated_before_an_interruption_are_recorded(root: Path) -> None:
    (root / "app" / "other.py").write_text(WRITE)
    # An interrupted run: good.py was written, the ratchet never recorded.
    (root / "app" / "good.py").write_text(REWRITTEN)
    (root / "app" / f"{files.TEMP_PREFIX}0123456789abcdef{files.TEMP_SUFFIX}").write_text("half")
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == 0, result.output
    assert "app.good" in (root / "pyproject.toml").read_text()
    assert "app.other" in (root / "pyproject.toml").read_text()
    assert not [p for p in root.rglob(".room-refactor-*")]
    assert "note: removed 1 temporary file(s) left by an interrupted run" in result.stderr


def test_a_second_write_run_at_the_same_time_is_refused(root: Path) -> None:
    with files.write_lock(root):
        result = migrate("--allow-dirty", str(root))
    assert result.exit_code == EXIT_USAGE
    assert errors(result) == ["room-refactor: error: --write refused: another `room-refactor migrate --write` is "
                              "running on this project; nothing was written"]
    assert (root / "app" / "good.py").read_text() == WRITE


# -- 10. hangs and tracebacks --------------------------------------------------------------------


def test_a_fifo_and_a_device_named_py_are_skipped_without_blocking(root: Path) -> None:
    os.mkfifo(root / "app" / "pipe.py")
    (root / "app" / "zero.py").symlink_to("/dev/zero")  # a link out of the root: skipped as such
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == 0, result.output
    assert (root / "app" / "good.py").read_text() == REWRITTEN
    read = files.read_source
    with pytest.raises(files.NotRegular, match="a FIFO, not a regular file"):
        read(str(root / "app" / "pipe.py"))
    with pytest.raises(files.NotRegular, match="a character device"):
        read("/dev/zero")


def test_a_read_only_pyproject_is_one_error_line_and_exit_2(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("room_refactor.rollout.add_migrated", full)
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == EXIT_FILE_FAILED
    assert errors(result) == ["error: pyproject.toml: the ratchet was not recorded: No space left on device"]
    assert "Traceback" not in result.stderr
    assert " 1 failed" in summary(result) and "Rewriting app/good.py" in result.stderr


def test_a_file_name_that_is_not_utf8_is_one_line(root: Path) -> None:
    name = os.fsencode(str(root / "app")) + b"/caf\xe9.py"
    with open(name, "w") as stream:
        stream.write(WRITE)
    result = migrate("--allow-dirty", str(root))
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, EXIT_FILE_FAILED)
    assert summary(result).endswith("warnings") or "review notes" in summary(result)


def test_a_255_byte_file_name_can_be_written(root: Path) -> None:
    name = "v" * 252 + ".py"
    (root / "app" / name).write_text(WRITE)
    result = migrate("--allow-dirty", str(root))
    assert result.exit_code == 0, result.output
    assert (root / "app" / name).read_text() == REWRITTEN
