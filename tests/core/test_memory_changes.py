"""`core.memory_changes`: whether a function may change an instance in memory before the `if`
that decides on it (where the lock helper would read the row again and lose the change)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from room_refactor.core.memory_changes import Verdict, changed_before
from room_refactor.core.walk import walk


def _verdict(body: str, receiver: str = "room", *, ignored_lines: tuple[int, ...] = ()) -> Verdict:
    """`body`: a function's body, with one `if ...:  # decision` line."""
    module = cst.parse_module("def f(room, rooms, request, self):\n" + textwrap.indent(textwrap.dedent(body), "    "))
    function = module.body[0]
    assert isinstance(function, cst.FunctionDef)

    class Find(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.decision: cst.If | None = None
            self.smalls: list[cst.BaseSmallStatement] = []

        def visit_If(self, node: cst.If) -> None:
            header = node.body.header if isinstance(node.body, cst.IndentedBlock) else None
            if header is not None and header.comment is not None and "decision" in header.comment.value:
                self.decision = node

        def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
            self.smalls.append(node.body[0])

    found = Find()
    walk(function, found)
    assert found.decision is not None
    ignored = {found.smalls[line - 1] for line in ignored_lines}
    receiver_node = cst.parse_expression(receiver)
    return changed_before(function, receiver_node, found.decision, ignored=ignored,
                          keeping=frozenset({"lock_room_rows", "set_room_occupancy_and_status"}))


CHANGED = {
    "a field set before": "room.notes = 'x'\nif room.is_occupied:  # decision\n    pass\n",
    "augmented": "room.count += 1\nif room.is_occupied:  # decision\n    pass\n",
    "annotated": "room.notes: str = 'x'\nif room.is_occupied:  # decision\n    pass\n",
    "in a tuple target": "a, room.notes = 1, 2\nif room.is_occupied:  # decision\n    pass\n",
    "deleted": "del room.notes\nif room.is_occupied:  # decision\n    pass\n",
    "setattr": "setattr(room, 'notes', 'x')\nif room.is_occupied:  # decision\n    pass\n",
    "a json field's key": "room.extra['k'] = 1\nif room.is_occupied:  # decision\n    pass\n",
    "a json field updated": "room.extra.update(k=1)\nif room.is_occupied:  # decision\n    pass\n",
    "one of its methods": "room.mark_dirty()\nif room.is_occupied:  # decision\n    pass\n",
    "a form on it": "form = RoomForm(request.POST, instance=room)\nform.is_valid()\nif room.is_occupied:  # decision\n    pass\n",
    "in an earlier branch": "if request.x:\n    room.notes = 'x'\nif room.is_occupied:  # decision\n    pass\n",
    "later in the loop around it": (
        "while True:\n    if room.is_occupied:  # decision\n        pass\n    room.notes = 'x'\n"
    ),
    "a dotted receiver": "self.room.notes = 'x'\nif self.room.is_occupied:  # decision\n    pass\n",
}

UNCHANGED = {
    "nothing before": "if room.is_occupied:  # decision\n    room.notes = 'x'\n",
    "after the decision": "if room.is_occupied:  # decision\n    pass\nroom.notes = 'x'\n",
    "another instance": "other.notes = 'x'\nif room.is_occupied:  # decision\n    pass\n",
    "reads": "print(room.notes)\nx = room.is_occupied\nif room.is_occupied:  # decision\n    pass\n",
    "a query on it": "n = Booking.objects.filter(room=room).count()\nif room.is_occupied:  # decision\n    pass\n",
    "logging": "logger.info('room %s', room)\nif room.is_occupied:  # decision\n    pass\n",
    "a related manager": "room.guests.add(guest)\nroom.guests.count()\nif room.is_occupied:  # decision\n    pass\n",
    "a getter": "room.get_status_display()\nroom.save()\nif room.is_occupied:  # decision\n    pass\n",
    "the writer": "set_room_occupancy_and_status(room, is_occupied=True)\nif room.is_occupied:  # decision\n    pass\n",
    "a nested function": "def later():\n    room.notes = 'x'\nif room.is_occupied:  # decision\n    pass\n",
    "a loop that binds it anew": (
        "for room in rooms:\n    if room.is_occupied:  # decision\n        pass\n    room.notes = 'x'\n"
    ),
    "rebinding the name itself": "room = Room.objects.get(pk=1)\nif room.is_occupied:  # decision\n    pass\n",
}


@pytest.mark.parametrize("body", CHANGED.values(), ids=CHANGED.keys())
def test_changed(body: str) -> None:
    receiver = "self.room" if "self.room" in body else "room"
    assert _verdict(body, receiver).changed


@pytest.mark.parametrize("body", UNCHANGED.values(), ids=UNCHANGED.keys())
def test_unchanged(body: str) -> None:
    assert _verdict(body) == Verdict(changed=False)


def test_a_call_it_is_passed_to_is_named_not_taken_for_a_change() -> None:
    body = ("apply_changes(room, request.data)\nnotify.send(room)\napply_changes(room)\n"
            "if room.is_occupied:  # decision\n    pass\nlater(room)\n")
    assert _verdict(body) == Verdict(changed=False, passed_to=("apply_changes", "notify.send"))


def test_a_write_the_migration_saves_at_once_does_not_count() -> None:
    body = "room.is_occupied = True\nif room.room_status == 'X':  # decision\n    pass\n"
    assert _verdict(body).changed
    assert not _verdict(body, ignored_lines=(1,)).changed


def test_a_receiver_that_is_not_a_dotted_name_may_be_changed_anywhere() -> None:
    assert _verdict("if rooms[0].is_occupied:  # decision\n    pass\n", "rooms[0]").changed
