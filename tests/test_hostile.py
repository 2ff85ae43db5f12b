"""Hostile inputs: each gives one clear line naming the file (and the line) and the reason, the
other files are still processed, and nothing is left half-written."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app

runner = CliRunner()

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
    monkeypatch.chdir(project)  # printed paths are relative to the current directory: run from the project
    return project


def migrate(root: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["migrate", "--write", "--jobs", "1", *extra, str(root)])


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def assert_good_file_still_migrated(root: Path) -> None:
    assert (root / "app" / "good.py").read_text() == REWRITTEN


def test_python_2_syntax(root: Path) -> None:
    (root / "app" / "legacy.py").write_text("def f(room):\n    print 'room_status', room.room_status\n")
    result = migrate(root)
    assert result.exit_code == 4
    assert errors(result) == [
        "error: app/legacy.py:2: syntax error at line 2: Missing parentheses in call to 'print'. Did you mean print(...)?"
    ]
    assert_good_file_still_migrated(root)


def test_file_that_is_not_utf8(root: Path) -> None:
    (root / "app" / "latin.py").write_bytes(b"room_status = 'caf\xe9'\n")
    result = migrate(root)
    assert result.exit_code == 4
    assert errors(result) == ["error: app/latin.py:1: cannot decode as utf-8: invalid continuation byte at byte 18"]
    assert_good_file_still_migrated(root)


def test_declared_latin1_encoding_is_kept(root: Path) -> None:
    source = "# -*- coding: latin-1 -*-\n# caf\xe9\n" + WRITE
    (root / "app" / "declared.py").write_bytes(source.encode("latin-1"))
    result = migrate(root)
    assert result.exit_code == 0, result.output
    data = (root / "app" / "declared.py").read_bytes()
    assert data.startswith("# -*- coding: latin-1 -*-\n# caf\xe9\n".encode("latin-1"))
    assert "set_room_occupancy_and_status(room, status='READY_FOR_GUEST')".encode("latin-1") in data


def test_bom_is_kept(root: Path) -> None:
    (root / "app" / "bom.py").write_bytes(codecs.BOM_UTF8 + WRITE.encode())
    assert migrate(root).exit_code == 0
    assert (root / "app" / "bom.py").read_bytes() == codecs.BOM_UTF8 + REWRITTEN.encode()


def test_crlf_and_mixed_line_endings_are_kept(root: Path) -> None:
    (root / "app" / "crlf.py").write_bytes(WRITE.replace("\n", "\r\n").encode())
    mixed = "x = 1\r\ny = 2\n" + WRITE
    (root / "app" / "mixed.py").write_bytes(mixed.encode())
    assert migrate(root).exit_code == 0
    assert (root / "app" / "crlf.py").read_bytes() == REWRITTEN.replace("\n", "\r\n").encode()
    assert (root / "app" / "mixed.py").read_bytes().startswith(b"from housekeeping.services import set_room_occupancy_and_status\r\n\r\nx = 1\r\ny = 2\n")


def test_tab_indentation_is_kept(root: Path) -> None:
    (root / "app" / "tabs.py").write_text("def f(room):\n\tif room:\n\t\troom.room_status = 'A'\n\t\troom.save()\n")
    assert migrate(root).exit_code == 0
    assert "\t\tset_room_occupancy_and_status(room, status='A')\n" in (root / "app" / "tabs.py").read_text()


def test_form_feed_that_libcst_cannot_keep_is_a_clear_failure(root: Path) -> None:
    source = "x = 1\n\x0cdef f(room):\n    room.room_status = 'A'\n    room.save()\n"
    (root / "app" / "formfeed.py").write_text(source)
    result = migrate(root)
    assert result.exit_code == 4
    assert errors(result) == [
        "error: app/formfeed.py:2: libcst cannot reproduce this file byte for byte (form feed or other unusual "
        "whitespace); left untouched"
    ]
    assert (root / "app" / "formfeed.py").read_text() == source
    assert_good_file_still_migrated(root)


def test_form_feed_inside_a_block_is_kept(root: Path) -> None:
    (root / "app" / "formfeed.py").write_text("def f(room):\n    x = 1\n\x0c\n    room.room_status = 'A'\n    room.save()\n")
    assert migrate(root).exit_code == 0
    assert "\n\x0c\n    set_room_occupancy_and_status(room, status='A')\n" in (root / "app" / "formfeed.py").read_text()


def test_no_trailing_newline(root: Path) -> None:
    (root / "app" / "last.py").write_text(WRITE.rstrip("\n"))
    assert migrate(root).exit_code == 0
    assert (root / "app" / "last.py").read_text() == REWRITTEN.rstrip("\n")


def test_empty_file(root: Path) -> None:
    (root / "app" / "empty.py").write_bytes(b"")
    result = migrate(root)
    assert result.exit_code == 0
    assert (root / "app" / "empty.py").read_bytes() == b""


def test_very_large_file(root: Path) -> None:
    body = "".join(f"def f{n}(room):\n    room.room_status = 'S{n}'\n    room.save()\n    return {n}\n\n\n" for n in range(3000))
    (root / "app" / "large.py").write_text(body)
    result = migrate(root)
    assert result.exit_code == 0, result.output
    text = (root / "app" / "large.py").read_text()
    assert text.count("set_room_occupancy_and_status(room, status=") == 3000
    compile(text, "large.py", "exec")


def test_deeply_nested_expression(root: Path) -> None:
    (root / "app" / "deep.py").write_text("room_status = " + "(" * 400 + "1" + ")" * 400 + "\n")
    result = migrate(root)
    assert result.exit_code in (0, 4)
    if result.exit_code == 4:
        assert errors(result)[0].startswith("error: app/deep.py")
    assert_good_file_still_migrated(root)


def test_symlink_loop_and_symlink_out_of_root(root: Path, tmp_path: Path) -> None:
    (root / "app" / "loop").symlink_to(root / "app", target_is_directory=True)
    (root / "app" / "a.py").symlink_to(root / "app" / "b.py")
    (root / "app" / "b.py").symlink_to(root / "app" / "a.py")
    outside = tmp_path / "outside.py"
    outside.write_text(WRITE)
    (root / "app" / "escape.py").symlink_to(outside)
    result = migrate(root)
    assert result.exit_code == 0, result.output
    assert outside.read_text() == WRITE
    assert (root / "app" / "escape.py").is_symlink()
    assert_good_file_still_migrated(root)


def test_unreadable_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = root / "app" / "secret.py"
    secret.write_text(WRITE)
    if os.geteuid() != 0:
        os.chmod(secret, 0)
    else:  # root reads anything: simulate the permission error where the runner reads
        from room_refactor import files

        original = files.read_source

        def read_guarded(path: str) -> bytes:
            if str(path).endswith("secret.py"):
                raise PermissionError(13, "Permission denied")
            return original(path)

        monkeypatch.setattr(files, "read_source", read_guarded)
    result = migrate(root)
    assert result.exit_code == 4
    assert errors(result) == ["error: app/secret.py: cannot read: Permission denied"]
    assert_good_file_still_migrated(root)


def test_directory_named_like_a_python_file(root: Path) -> None:
    (root / "app" / "package.py").mkdir()
    (root / "app" / "package.py" / "inner.py").write_text(WRITE)
    result = migrate(root)
    assert result.exit_code == 0, result.output
    assert (root / "app" / "package.py" / "inner.py").read_text() == REWRITTEN


def test_read_only_file_under_write(root: Path) -> None:
    locked = root / "app" / "locked.py"
    locked.write_text(WRITE)
    os.chmod(locked, 0o444)
    result = migrate(root)
    assert result.exit_code == 4
    assert errors(result) == ["error: app/locked.py: not written: file is read-only"]
    assert locked.read_text() == WRITE
    assert_good_file_still_migrated(root)


def test_file_changed_between_reading_and_writing_is_not_overwritten(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import room_refactor.runner as runner_module

    racy = root / "app" / "racy.py"
    racy.write_text(WRITE)
    original = runner_module.process_source

    def process_then_edit(data, rel, task, **kwargs):  # type: ignore[no-untyped-def]
        result = original(data, rel, task, **kwargs)
        if rel == "app/racy.py":
            racy.write_text(WRITE + "# edited meanwhile\n")
        return result

    monkeypatch.setattr(runner_module, "process_source", process_then_edit)
    result = migrate(root)
    assert result.exit_code == 4
    assert errors(result) == ["error: app/racy.py: not written: file changed on disk since it was read; not overwritten"]
    assert racy.read_text() == WRITE + "# edited meanwhile\n"
    assert_good_file_still_migrated(root)


def test_internal_error_traceback_only_with_verbose(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import room_refactor.core.analysis as analysis

    original = analysis.analyze_module

    def explode(module, config, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("path") == "app/boom.py":
            raise RuntimeError("boom")
        return original(module, config, **kwargs)

    monkeypatch.setattr(analysis, "analyze_module", explode)
    (root / "app" / "boom.py").write_text(WRITE)
    quiet = runner.invoke(app, ["audit", "--jobs", "1", "--format", "json", str(root)])
    assert quiet.exit_code == 4
    assert quiet.stderr.splitlines() == ["error: app/boom.py: internal error: RuntimeError: boom"]
    loud = runner.invoke(app, ["audit", "--jobs", "1", "--format", "json", "--verbose", str(root)])
    assert "Traceback (most recent call last):" in loud.stderr
    assert 'raise RuntimeError("boom")' in loud.stderr


def test_nothing_is_half_written_when_the_write_fails(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os as os_module

    target = root / "app" / "good.py"

    def failing_replace(src: str, dst: str, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os_module, "replace", failing_replace)
    result = migrate(root)
    assert result.exit_code == 4
    assert "error: app/good.py: not written: [Errno 28] No space left on device" in result.stderr
    assert target.read_text() == WRITE
    assert sorted(p.name for p in target.parent.iterdir()) == ["good.py"]  # no temporary file left
