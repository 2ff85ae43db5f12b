"""`setattr(obj, name, value)` in a loop over a tuple of field names defined in another module:
the module never spells a field, so the byte prefilter alone would never look at it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app
from room_refactor.core.prefilter import field_collections

FIELDS = ("unread", "deleted")


@pytest.mark.parametrize(
    "source, names",
    [
        pytest.param('STATE_FIELDS = ("unread", "deleted")\n', {b"STATE_FIELDS"}, id="tuple"),
        pytest.param("FLAGS = ['deleted']\n", {b"FLAGS"}, id="list-single-quotes"),
        pytest.param('FLAGS: tuple[str, ...] = ("unread",)\n', {b"FLAGS"}, id="annotated"),
        pytest.param('FLAGS = frozenset({"unread", "public"})\n', {b"FLAGS"}, id="frozenset"),
        pytest.param('FLAGS = (\n    "unread",\n    "deleted",\n)\n', {b"FLAGS"}, id="multi-line"),
        pytest.param('class Notification:\n    STATE = ("deleted",)\n', {b"STATE"}, id="class-attribute"),
        pytest.param('OTHER = ("public", "emailed")\n', set(), id="no-state-field"),
        pytest.param('NAME = "unread"\n', set(), id="a-single-string-is-not-a-collection"),
        pytest.param('FLAGS = ("unread_count",)\n', set(), id="longer-name"),
        pytest.param('if x == ("unread",):\n    pass\n', set(), id="a-comparison-is-not-a-binding"),
    ],
)
def test_field_collections(source: str, names: set[bytes]) -> None:
    assert field_collections(source.encode(), FIELDS) == names


CONFIG = """\
[tool.room-refactor]
model = "notes.models.Note"
fields = ["unread", "deleted"]
service = "notes.state.set_note_state"
receivers = ["note"]
"""


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def audit(root: Path) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["audit", "--format", "json", str(root)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_setattr_loop_over_fields_named_in_another_module_is_found(tmp_path: Path) -> None:
    root = project(tmp_path, {
        "notes/__init__.py": "",
        "notes/constants.py": 'STATE_FIELDS = ("unread", "deleted")\n',
        "notes/reset.py": (
            "from notes.constants import STATE_FIELDS\n\n\n"
            "def reset(note):\n"
            "    for name in STATE_FIELDS:\n"
            "        setattr(note, name, False)\n"
        ),
    })
    report = audit(root)
    sites = [(s["path"], s["line"], s["kind"], s["receiver"], s["field"]) for s in report["sites"]]
    assert sites == [("notes/reset.py", 6, "dynamic", "note", None)]
    assert report["summary"]["bypass"] == 1


def test_a_setattr_of_other_names_in_a_file_that_names_no_collection_is_not_parsed(tmp_path: Path) -> None:
    root = project(tmp_path, {
        "notes/__init__.py": "",
        "notes/constants.py": 'STATE_FIELDS = ("unread", "deleted")\nOTHER = ("title",)\n',
        "notes/other.py": (
            "from notes.constants import OTHER\n\n\n"
            "def copy(note):\n"
            "    for name in OTHER:\n"
            "        setattr(note, name, None)\n"
        ),
    })
    assert audit(root)["sites"] == []


def test_without_any_collection_a_dynamic_setattr_elsewhere_stays_a_known_blind_spot(tmp_path: Path) -> None:
    """The field names come from somewhere the tool cannot see (a setting, a database row)."""
    root = project(tmp_path, {
        "notes/__init__.py": "",
        "notes/reset.py": "def reset(note, names):\n    for name in names:\n        setattr(note, name, False)\n",
    })
    assert audit(root)["sites"] == []
