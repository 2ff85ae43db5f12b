"""Property-based tests of the rewrite rules: for generated functions with room writes, reads
and saves in random order, the migrated code compiles, is idempotent, and against a fake
writer gives the same final field values (and the same reads along the way) as the original."""

from __future__ import annotations

import os
import sys
import textwrap
import types
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from room_refactor.model import Status
from tests.tools import run_source

RECEIVERS = ("room", "self.room", "booking.assigned_room")
VALUES = {"is_occupied": ("True", "False", "flag", "not flag"), "room_status": ('"A"', '"B"', "label", "label + '!'")}


class FakeRoom:
    def __init__(self) -> None:
        self.is_occupied = False
        self.room_status = "INITIAL"
        self.hotel = "H"
        self.saved: dict[str, Any] = {}

    def save(self, update_fields: list[str] | None = None) -> None:
        for name in update_fields or ("is_occupied", "room_status"):
            self.saved[name] = getattr(self, name)


def fake_writer(room: FakeRoom, *, is_occupied: Any = None, status: Any = None) -> FakeRoom:
    if is_occupied is not None:
        room.is_occupied = is_occupied
        room.saved["is_occupied"] = is_occupied
    if status is not None:
        room.room_status = status
        room.saved["room_status"] = status
    return room


def statement(draw: st.DrawFn, depth: int = 0) -> str:
    receiver = draw(st.sampled_from(RECEIVERS))
    kind = draw(st.sampled_from(["write", "write", "write", "setattr", "read", "save", "save_fields", "rebind", "if"]))
    if kind == "if" and depth < 1:
        body = [statement(draw, depth + 1) for _ in range(draw(st.integers(1, 3)))]
        orelse = [statement(draw, depth + 1) for _ in range(draw(st.integers(0, 2)))]
        text = "if flag:\n" + textwrap.indent("\n".join(body), "    ")
        if orelse:
            text += "\nelse:\n" + textwrap.indent("\n".join(orelse), "    ")
        return text
    field = draw(st.sampled_from(sorted(VALUES)))
    if kind == "setattr":
        return f'setattr({receiver}, "{field}", {draw(st.sampled_from(VALUES[field]))})'
    if kind == "read":
        return f"seen.append({receiver}.{field})"
    if kind == "save":
        return f"{receiver}.save()"
    if kind == "save_fields":
        names = draw(st.lists(st.sampled_from(["is_occupied", "room_status", "hotel"]), min_size=1, max_size=3, unique=True))
        return f"{receiver}.save(update_fields={names!r})"
    if kind == "rebind":
        return draw(st.sampled_from(['label = "C"', "flag = not flag", 'label = label + "?"']))
    return f"{receiver}.{field} = {draw(st.sampled_from(VALUES[field]))}"


@st.composite
def functions(draw: st.DrawFn) -> str:
    body = [statement(draw) for _ in range(draw(st.integers(1, 8)))]
    return (
        "def scenario(self, room, booking, flag, label, seen):\n"
        + textwrap.indent("\n".join(body), "    ")
        + "\n    return seen\n"
    )


def execute(source: str, flag: bool) -> tuple[list[Any], list[tuple[Any, Any]]]:
    import contextlib
    from unittest import mock

    module = types.ModuleType("housekeeping.services")
    module.set_room_occupancy_and_status = fake_writer  # type: ignore[attr-defined]
    module.lock_room_rows = lambda *rooms: list(rooms)  # type: ignore[attr-defined]
    sys.modules.setdefault("housekeeping", types.ModuleType("housekeeping"))
    sys.modules["housekeeping.services"] = module
    namespace: dict[str, Any] = {}
    exec(compile(source, "<scenario>", "exec"), namespace)
    room, self_room, assigned = FakeRoom(), FakeRoom(), FakeRoom()
    owner = types.SimpleNamespace(room=self_room)
    booking = types.SimpleNamespace(assigned_room=assigned)
    # A transaction the migration adds changes no value here: the fakes have no database.
    with mock.patch("django.db.transaction.atomic", lambda *args, **kwargs: contextlib.nullcontext()):
        seen = namespace["scenario"](owner, room, booking, flag, "L", [])
    return seen, [(r.is_occupied, r.room_status) for r in (room, self_room, assigned)]


@settings(max_examples=int(os.environ.get("ROOM_REFACTOR_EXAMPLES", "150")), deadline=None)
@given(source=functions(), flag=st.booleans())
def test_migration_compiles_is_idempotent_and_preserves_final_values(source: str, flag: bool) -> None:
    result = run_source(source, path="app/logic.py", codemods=("rewrite-writes",))
    assert result.status in (Status.CHANGED, Status.UNCHANGED), (result.error, source)
    migrated = result.new_source if result.status is Status.CHANGED else source
    assert migrated is not None
    compile(migrated, "<migrated>", "exec")

    again = run_source(migrated, path="app/logic.py", codemods=("rewrite-writes",))
    assert again.status is Status.UNCHANGED, (source, migrated, again.new_source)

    before_seen, before_rooms = execute(source, flag)
    after_seen, after_rooms = execute(migrated, flag)
    assert after_rooms == before_rooms, (source, migrated)
    assert after_seen == before_seen, (source, migrated)
