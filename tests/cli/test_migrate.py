from __future__ import annotations

import codecs
import os
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app

runner = CliRunner()

VIEW = '''\
from rest_framework.decorators import api_view


@api_view(["POST"])
def start_cleaning(request, room):
    room.room_status = "CLEANING_IN_PROGRESS"  # housekeeping starts
    room.save()
'''
VIEW_AFTER = '''\
from django.db import transaction
from rest_framework.decorators import api_view

from housekeeping.services import set_room_occupancy_and_status


@api_view(["POST"])
@transaction.atomic
def start_cleaning(request, room):
    set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")  # housekeeping starts
'''
SERVICE = '''\
def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):
    pass


def lock_room_rows(*rooms):
    pass
'''


def project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pyproject.toml").write_text("")
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp_path


def migrate(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["migrate", "--jobs", "1", *args])


def test_dry_run_prints_only_the_diff_on_stdout_and_changes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    result = migrate(str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("diff --git a/rooms/views.py b/rooms/views.py\n--- a/rooms/views.py\n+++ b/rooms/views.py\n")
    assert '+    set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")  # housekeeping starts\n' in result.stdout
    assert result.stderr.splitlines() == [
        "Would rewrite rooms/views.py",
        "1 file changed, 1 unchanged, 0 skipped, 0 failed, 0 warnings, 3 review notes "
        "(1 persists-earlier, 1 save-removed, 1 status-validated)",
    ]
    assert (root / "rooms/views.py").read_text() == VIEW


def test_check_exits_1_when_there_are_changes_and_0_when_clean(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    assert migrate("--check", str(root)).exit_code == 1
    (root / "rooms/views.py").write_text(VIEW_AFTER)
    result = migrate("--check", str(root))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_write_applies_and_a_second_run_finds_nothing(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    result = migrate("--write", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Rewriting rooms/views.py" in result.stderr.splitlines()
    assert (root / "rooms/views.py").read_text() == VIEW_AFTER
    again = migrate("--check", str(root))
    assert again.exit_code == 0 and again.stdout == ""


def test_patch_file_applies_with_git_apply_to_the_write_result(tmp_path: Path) -> None:
    dry, wet = project(tmp_path / "dry", {"rooms/views.py": VIEW}), project(tmp_path / "wet", {"rooms/views.py": VIEW})
    patch = tmp_path / "change.patch"
    assert migrate("--patch", str(patch), str(dry)).exit_code == 0
    assert migrate("--write", str(wet)).exit_code == 0
    # The patch names the files as seen from where the command ran (the tests run from tmp_path).
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", str(patch)], cwd=tmp_path, check=True)
    for rel in ("rooms/views.py", "housekeeping/services.py"):
        assert (dry / rel).read_bytes() == (wet / rel).read_bytes(), rel


def test_review_file_lists_every_change_with_risk_notes(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    review = tmp_path / "review.md"
    assert migrate("--review", str(review), str(root)).exit_code == 0
    text = review.read_text()
    assert text.startswith("# room-refactor migration review\n")
    assert "## rooms/views.py" in text
    assert "`persists-earlier`" in text and "`status-validated`" in text
    assert "```diff" in text


def test_only_and_skip_choose_codemods(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    only_atomic = migrate("--only", "add-atomic", str(root))
    assert "+@transaction.atomic" in only_atomic.stdout
    assert "set_room_occupancy_and_status(room" not in only_atomic.stdout
    skip_atomic = migrate("--skip", "add-atomic", str(root))
    assert "+@transaction.atomic" not in skip_atomic.stdout
    assert "set_room_occupancy_and_status(room" in skip_atomic.stdout


def test_unknown_codemod_is_an_error(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW})
    result = migrate("--only", "rewrite", str(root))
    assert result.exit_code == 2
    assert result.stderr == (
        "room-refactor: error: unknown codemod 'rewrite'; choose from rewrite-writes, add-atomic, scaffold-service\n"
    )


def test_missing_writer_is_scaffolded_unless_no_scaffold(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "housekeeping/__init__.py": ""})
    result = migrate(str(root))
    assert "diff --git a/housekeeping/services.py b/housekeeping/services.py\nnew file mode 100644\n--- /dev/null\n" in result.stdout
    assert "+def set_room_occupancy_and_status(\n+    room, *, is_occupied=None, status=None, row_locked=False, full_save=False\n+):" in result.stdout
    no_scaffold = migrate("--no-scaffold", str(root))
    assert "housekeeping/services.py" not in no_scaffold.stdout
    assert migrate("--write", str(root)).exit_code == 0
    assert "select_for_update()" in (root / "housekeeping/services.py").read_text()


def test_crlf_and_bom_and_permissions_are_preserved(tmp_path: Path) -> None:
    crlf = codecs.BOM_UTF8 + VIEW.replace("\n", "\r\n").encode()
    root = project(tmp_path, {"rooms/views.py": crlf, "housekeeping/services.py": SERVICE})
    os.chmod(root / "rooms/views.py", 0o640)
    assert migrate("--write", str(root)).exit_code == 0
    data = (root / "rooms/views.py").read_bytes()
    assert data == codecs.BOM_UTF8 + VIEW_AFTER.replace("\n", "\r\n").encode()
    assert stat.S_IMODE((root / "rooms/views.py").stat().st_mode) == 0o640


def test_unchanged_files_stay_byte_identical(tmp_path: Path) -> None:
    odd = b"# -*- coding: latin-1 -*-\r\nname = 'caf\xe9'\t# room_status is mentioned\n\x0cx = 1"
    root = project(tmp_path, {"rooms/other.py": odd, "rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    assert migrate("--write", str(root)).exit_code == 0
    assert (root / "rooms/other.py").read_bytes() == odd


def test_output_that_would_not_compile_leaves_the_file_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import libcst as cst

    import room_refactor.core.rewrite as rewrite

    original = rewrite.migrate_module

    def broken(module, analysis, config, options):  # type: ignore[no-untyped-def]
        new_module, notes = original(module, analysis, config, options)
        return new_module.with_changes(body=[*new_module.body, cst.parse_statement("return 1\n")]), notes

    monkeypatch.setattr(rewrite, "migrate_module", broken)
    root = project(tmp_path, {"rooms/views.py": VIEW, "rooms/other_views.py": VIEW, "housekeeping/services.py": SERVICE})
    result = migrate("--write", str(root))
    assert result.exit_code == 4
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert [
        f"error: rooms/{name}.py:{VIEW_AFTER.count(chr(10)) + 1}: rewritten code would not compile, left untouched: "
        "'return' outside function"
        for name in ("other_views", "views")
    ] == errors[1:]
    assert errors[0] == (
        "error: housekeeping/services.py:7: rewritten code would not compile, left untouched: 'return' outside function"
    )
    assert (root / "rooms/views.py").read_text() == VIEW
    assert (root / "rooms/other_views.py").read_text() == VIEW


def test_a_failing_file_never_stops_the_others(tmp_path: Path) -> None:
    root = project(tmp_path, {
        "rooms/legacy.py": "print 'room_status'\n",
        "rooms/views.py": VIEW,
        "housekeeping/services.py": SERVICE,
    })
    result = migrate("--write", str(root))
    assert result.exit_code == 4
    assert "error: rooms/legacy.py:1: syntax error at line 1: " in result.stderr
    assert (root / "rooms/views.py").read_text() == VIEW_AFTER
    assert result.stderr.splitlines()[-1].startswith("1 file changed, 1 unchanged, 0 skipped, 1 failed")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_write_refuses_a_dirty_tree_unless_allow_dirty(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init")
    (root / "rooms/views.py").write_text(VIEW + "\n# local edit\n")
    result = migrate("--write", str(root))
    assert result.exit_code == 2
    assert "error: rooms/views.py: has uncommitted changes; commit or stash them, or pass --allow-dirty" in result.stderr
    assert (root / "rooms/views.py").read_text() == VIEW + "\n# local edit\n"
    assert migrate("--write", "--allow-dirty", str(root)).exit_code == 0
    assert "set_room_occupancy_and_status(room" in (root / "rooms/views.py").read_text()


def test_nothing_outside_the_given_paths_is_touched(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "hotel/views.py": VIEW, "housekeeping/services.py": SERVICE})
    assert migrate("--write", str(root / "rooms")).exit_code == 0
    assert (root / "hotel/views.py").read_text() == VIEW
    assert (root / "housekeeping/services.py").read_text() == SERVICE


def test_interactive_applies_only_the_accepted_hunks(tmp_path: Path) -> None:
    filler = "".join(f"LIMIT_{n} = {n}\n" for n in range(8))
    two = VIEW + "\n\n" + filler + '''

@api_view(["POST"])
def complete_cleaning(request, room):
    room.room_status = "CLEANED_UNINSPECTED"
    room.save()
'''
    root = project(tmp_path, {"rooms/views.py": two, "housekeeping/services.py": SERVICE})
    result = runner.invoke(app, ["migrate", "-j", "1", "--interactive", str(root)], input="?\nd\ny\nn\n")
    assert result.exit_code == 0, result.output
    assert "y - apply this hunk" in result.stdout
    text = (root / "rooms/views.py").read_text()
    assert 'set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")' in text
    assert 'room.room_status = "CLEANED_UNINSPECTED"' in text


def test_interactive_quit_writes_nothing_more(tmp_path: Path) -> None:
    root = project(tmp_path, {"rooms/views.py": VIEW, "housekeeping/services.py": SERVICE})
    result = runner.invoke(app, ["migrate", "-j", "1", "--interactive", str(root)], input="q\n")
    assert result.exit_code == 0
    assert (root / "rooms/views.py").read_text() == VIEW


def test_jobs_1_and_jobs_2_give_the_same_bytes(hotel: Path) -> None:
    one = runner.invoke(app, ["migrate", "--jobs", "1", str(hotel)])
    two = runner.invoke(app, ["migrate", "--jobs", "2", str(hotel)])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout
    assert one.stderr == two.stderr
    audit_one = runner.invoke(app, ["audit", "--jobs", "1", "--format", "json", str(hotel)])
    audit_two = runner.invoke(app, ["audit", "--jobs", "2", "--format", "json", str(hotel)])
    assert audit_one.stdout == audit_two.stdout
