"""The optional Bowler extra: `room_refactor.bowler.query(paths)` preselects the write sites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app

pytest.importorskip("bowler")


def test_query_selects_exactly_the_audits_attribute_sites(hotel: Path) -> None:
    from room_refactor.bowler import query

    selected: set[tuple[str, int]] = set()

    def record(node, capture, filename):  # type: ignore[no-untyped-def]
        selected.add((Path(filename).resolve().relative_to(hotel.resolve()).as_posix(), node.get_lineno()))

    query([str(hotel / app_name) for app_name in ("rooms", "guests", "hotel", "housekeeping", "room_bookings")]).modify(
        record
    ).silent()
    audit = json.loads(CliRunner().invoke(app, ["audit", "--format", "json", str(hotel)]).stdout)
    expected = {(s["path"], s["line"]) for s in audit["sites"] if s["kind"] == "attribute"}
    # Bowler walks every file it is given (tests and migrations too); the example keeps none there.
    assert selected == expected
    assert len(expected) == 33


def test_query_leaves_reads_and_other_attributes_alone(tmp_path: Path) -> None:
    from room_refactor.bowler import query

    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "views.py").write_text(
        "def f(room, guest):\n"
        "    if room.is_occupied:\n"
        "        guest.room_status = 'x'\n"
        "    room.room_status_label = 'y'\n"
        "    print(room.room_status)\n"
        "    room.room_status = 'OCCUPIED'\n"
    )
    lines: list[int] = []
    query([str(tmp_path)]).modify(lambda node, capture, filename: lines.append(node.get_lineno())).silent()
    # Bowler cannot type a receiver: every attribute write of the fields is preselected.
    assert lines == [3, 6]
