from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from room_refactor.config import DEFAULT_EXCLUDE
from room_refactor.files import (
    DecodeError,
    WriteError,
    atomic_write,
    decode,
    discover,
    encode,
    module_name,
    module_role,
)
from room_refactor import files
from room_refactor.model import Role


def tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def rels(root: Path, paths: list[Path] | None = None, exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> list[str]:
    return [f.rel for f in discover(paths or [root], root=root, exclude=exclude).files]


def test_discovery_is_sorted_relative_and_posix(tmp_path: Path) -> None:
    tree(tmp_path, {"b/views.py": "", "a/models.py": "", "a/sub/services.py": "", "README.md": ""})
    assert rels(tmp_path) == ["a/models.py", "a/sub/services.py", "b/views.py"]


def test_default_excludes(tmp_path: Path) -> None:
    tree(tmp_path, {
        "app/views.py": "",
        "app/migrations/0001_initial.py": "",
        "app/tests/test_views.py": "",
        "app/tests.py": "",
        "app/test_models.py": "",
        "conftest.py": "",
        "app/__pycache__/views.py": "",
        ".venv/lib/site.py": "",
        "env/pyvenv.cfg": "",
        "env/lib/thing.py": "",
    })
    assert rels(tmp_path) == ["app/views.py"]


def test_include_tests_lifts_only_test_and_migration_excludes(tmp_path: Path) -> None:
    from room_refactor.config import load_config
    from room_refactor.project import exclude_patterns

    tree(tmp_path, {"app/views.py": "", "app/tests/test_views.py": "", "app/migrations/0001.py": "", "app/__pycache__/x.py": ""})
    (tmp_path / ".git").mkdir()
    loaded = load_config([tmp_path])
    patterns = tuple(exclude_patterns(loaded, include_tests=True))
    assert rels(tmp_path, exclude=patterns) == ["app/migrations/0001.py", "app/tests/test_views.py", "app/views.py"]


def test_gitignore_is_respected_at_every_level(tmp_path: Path) -> None:
    tree(tmp_path, {
        ".gitignore": "generated/\n*_pb2.py\n",
        "app/.gitignore": "local_settings.py\n",
        "app/views.py": "",
        "app/local_settings.py": "",
        "app/api_pb2.py": "",
        "generated/models.py": "",
        "other/local_settings.py": "",
    })
    assert rels(tmp_path) == ["app/views.py", "other/local_settings.py"]


def test_user_exclude_patterns(tmp_path: Path) -> None:
    tree(tmp_path, {"legacy/views.py": "", "app/views.py": ""})
    assert rels(tmp_path, exclude=("legacy/",)) == ["app/views.py"]


def test_explicit_file_is_still_excluded(tmp_path: Path) -> None:
    tree(tmp_path, {"app/tests/test_x.py": "", "app/views.py": ""})
    assert rels(tmp_path, [tmp_path / "app/tests/test_x.py", tmp_path / "app/views.py"]) == ["app/views.py"]


def test_symlink_out_of_root_is_skipped_with_a_reason(tmp_path: Path) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    tree(root, {"app/views.py": ""})
    tree(outside, {"secret.py": "", "pkg/mod.py": ""})
    (root / "app/link.py").symlink_to(outside / "secret.py")
    (root / "linked_pkg").symlink_to(outside / "pkg", target_is_directory=True)
    discovery = discover([root], root=root, exclude=DEFAULT_EXCLUDE)
    assert [f.rel for f in discovery.files] == ["app/views.py"]
    reasons = {s.rel: s.reason for s in discovery.skipped}
    assert reasons == {
        "app/link.py": "symlink points outside the project root",
        "linked_pkg": "symlink points outside the project root",
    }


def test_symlink_inside_root_is_followed_once(tmp_path: Path) -> None:
    tree(tmp_path, {"app/views.py": ""})
    (tmp_path / "alias").symlink_to(tmp_path / "app", target_is_directory=True)
    assert rels(tmp_path) == ["app/views.py"]  # the second way into app/ is not walked again


def test_symlinked_file_inside_root_is_skipped_for_its_target(tmp_path: Path) -> None:
    tree(tmp_path, {"app/views.py": ""})
    (tmp_path / "app/alias.py").symlink_to(tmp_path / "app/views.py")
    discovery = discover([tmp_path], root=tmp_path, exclude=DEFAULT_EXCLUDE)
    assert [f.rel for f in discovery.files] == ["app/views.py"]
    assert [(s.rel, s.reason) for s in discovery.skipped] == [
        ("app/alias.py", "symlink to app/views.py; the target is processed instead")
    ]


def test_symlink_loop_is_cut(tmp_path: Path) -> None:
    tree(tmp_path, {"app/views.py": ""})
    (tmp_path / "app/loop").symlink_to(tmp_path / "app", target_is_directory=True)
    (tmp_path / "a.py").symlink_to(tmp_path / "b.py")
    (tmp_path / "b.py").symlink_to(tmp_path / "a.py")
    discovery = discover([tmp_path], root=tmp_path, exclude=DEFAULT_EXCLUDE)
    assert [f.rel for f in discovery.files] == ["app/views.py"]
    assert {s.rel for s in discovery.skipped} == {"a.py", "b.py"}


def test_directory_named_like_a_python_file_is_walked_not_read(tmp_path: Path) -> None:
    tree(tmp_path, {"weird.py/inner.py": ""})
    assert rels(tmp_path) == ["weird.py/inner.py"]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    discovery = discover([tmp_path / "nope.py"], root=tmp_path, exclude=())
    assert [(s.rel, s.reason) for s in discovery.skipped] == [("nope.py", "no such file")]


@pytest.mark.parametrize(
    "rel, expected",
    [
        ("rooms/views.py", "rooms.views"),
        ("rooms/__init__.py", "rooms"),
        ("src/rooms/services/checkout.py", "rooms.services.checkout"),
        ("manage.py", "manage"),
    ],
)
def test_module_name(rel: str, expected: str) -> None:
    assert module_name(rel) == expected


@pytest.mark.parametrize(
    "rel, role",
    [
        ("rooms/views.py", Role.VIEW),
        ("hotel/staff_views.py", Role.VIEW),
        ("rooms/views/detail.py", Role.VIEW),
        ("api/viewsets.py", Role.VIEW),
        ("guests/models.py", Role.MODEL),
        ("guests/models/guest.py", Role.MODEL),
        ("housekeeping/services.py", Role.SERVICE),
        ("room_bookings/services/checkout.py", Role.SERVICE),
        ("rooms/migrations/0001_initial.py", Role.MIGRATION),
        ("rooms/tests/test_views.py", Role.TEST),
        ("rooms/tests.py", Role.TEST),
        ("conftest.py", Role.TEST),
        ("manage.py", Role.SCRIPT),
        ("rooms/management/commands/sync.py", Role.SCRIPT),
        ("rooms/utils.py", Role.APP),
    ],
)
def test_module_role(rel: str, role: Role) -> None:
    assert module_role(rel) is role


def test_decode_keeps_bom_cookie_and_line_endings() -> None:
    decoded = decode(codecs.BOM_UTF8 + b"x = 1\r\ny = 2\n")
    assert (decoded.text, decoded.encoding, decoded.bom) == ("x = 1\r\ny = 2\n", "utf-8", True)
    assert encode(decoded.text, encoding=decoded.encoding, bom=decoded.bom) == codecs.BOM_UTF8 + b"x = 1\r\ny = 2\n"
    latin = "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n".encode("latin-1")
    decoded = decode(latin)
    assert decoded.encoding == "iso-8859-1" and "café" in decoded.text
    assert encode(decoded.text, encoding=decoded.encoding, bom=False) == latin


def test_undecodable_bytes_name_the_line() -> None:
    with pytest.raises(DecodeError) as info:
        decode(b"x = 1\ny = '\xff\xfe'\n")
    assert info.value.line == 2
    assert str(info.value) == "cannot decode as utf-8: invalid start byte at byte 11"


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "views.py"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o640)
    atomic_write(path, b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["views.py"]  # no temporary file left behind


def test_atomic_write_refuses_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "views.py"
    path.write_bytes(b"changed by someone else\n")
    with pytest.raises(WriteError, match="changed on disk since it was read; not overwritten"):
        atomic_write(path, b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"changed by someone else\n"


def test_atomic_write_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "views.py"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o444)
    with pytest.raises(WriteError, match="file is read-only"):
        atomic_write(path, b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"old\n"


def test_discovery_uses_the_listings_of_the_nested_search_once_and_finds_the_same(tmp_path: Path) -> None:
    """The search for nested projects lists the tree first; discovery takes those listings
    instead of listing again, and finds exactly what it finds alone."""
    from room_refactor.cli.projects import _nested_roots

    for rel in ("app/a.py", "app/sub/b.py", "app/migrations/0001.py", "inner/pyproject.toml", "inner/c.py", "d.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    root = tmp_path.resolve()
    listings: dict = {}
    assert _nested_roots(root, root, listings) == [root / "inner"]
    assert str(root / "app" / "sub") in listings
    alone = files.discover([root], root=root, exclude=["migrations/", "/inner/"])
    shared = files.discover([root], root=root, exclude=["migrations/", "/inner/"], listings=listings)
    assert shared == alone
    assert [f.rel for f in shared.files] == ["app/a.py", "app/sub/b.py"]
    assert str(root / "app" / "sub") not in listings  # used once, then dropped
