"""`spliced_code`: the text of a rewritten module, generated only where it changed, equals the
code that libcst generates for the whole new tree."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from room_refactor.config import Config
from room_refactor.core.analysis import analyze_module
from room_refactor.core.rewrite import RewriteOptions, migrate_module
from room_refactor.core.splice import spliced_code
from room_refactor.model import Role

CASES = {
    "function-view": """\
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False  # keep this comment
            room.room_status = "CHECKOUT_DIRTY"
            room.save(update_fields=["is_occupied", "room_status"])
            return Response()
        """,
    "method-without-decorators": """\
        from rest_framework.views import APIView


        class CleanView(APIView):
            '''Docs.'''

            # a comment above the method
            def post(self, request, pk):
                room = Room.objects.get(pk=pk)
                room.room_status = "CLEANING_IN_PROGRESS"
                room.save()
        """,
    "elif-and-else": """\
        def sync(room, flag):
            if flag == 1:
                log(room)
            elif flag == 2:
                room.is_occupied = True
            else:
                room.room_status = "OCCUPIED"
            notify(room)
        """,
    "lock-wrap-and-tabs": "def delete(guest):\n\tif guest.room.guests_in_room.count() == 1:\n\t\tguest.room.is_occupied = False\n\t\tguest.room.save()\n\treturn 1\n",
    "try-and-with": """\
        def run(room):
            try:
                with lock():
                    room.is_occupied = False
                    room.save()
            except Error:
                room.room_status = "OUT_OF_ORDER"
                room.save()
            finally:
                done()
        """,
    "crlf": "def f(room):\r\n    room.is_occupied = True\r\n    room.save()\r\n",
    "module-level": "room = get()\nroom.room_status = 'READY_FOR_GUEST'\nprint(room)\n",
}


def _migrate(source: str) -> tuple[cst.Module, cst.Module, object]:
    module = cst.parse_module(source)
    analysis = analyze_module(module, Config(), path="rooms/views.py", module_name="rooms.views", role=Role.VIEW)
    new, _ = migrate_module(module, analysis, Config(), RewriteOptions())
    return module, new, analysis.layout


@pytest.mark.parametrize("source", list(CASES.values()), ids=list(CASES))
def test_spliced_code_equals_generated_code(source: str) -> None:
    source = textwrap.dedent(source) if not source.startswith("def delete") else source
    old, new, layout = _migrate(source)
    assert new is not old, "the case must change something"
    assert layout is not None
    spliced = spliced_code(old, new, layout)
    assert spliced is not None
    assert spliced == new.code


def test_a_module_without_a_trailing_newline_is_generated_in_full() -> None:
    old, new, layout = _migrate("def f(room):\n    room.is_occupied = True\n    room.save()")
    assert new is not old
    assert spliced_code(old, new, layout) is None  # the caller then uses new.code


def test_only_the_changed_statements_are_generated() -> None:
    from room_refactor.core.splice import _Splicer

    source = "x = 1\n\n\ndef f(room):\n    log(room)\n    room.is_occupied = True\n    notify(room)\n"
    old, new, layout = _migrate(source)
    splicer = _Splicer(layout, new)
    splicer.block(old.body, new.body)
    rendered = [text for _, _, text in splicer.edits]
    # The new import line (with `x = 1`, which gained a blank line above it) and the one
    # rewritten statement: nothing else is generated again.
    assert sorted(rendered) == [
        "    set_room_occupancy_and_status(room, is_occupied=True)\n",
        "from housekeeping.services import set_room_occupancy_and_status\n\nx = 1\n",
    ]
    assert splicer.apply() == new.code
