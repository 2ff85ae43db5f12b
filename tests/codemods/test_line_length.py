"""The rewrites at the project's configured line length, laid out as black and ruff format lay
them out (core/layout.py): each shape where it changes at 79 columns and where it stays on one
line at 120. `check_transformed` also runs the result again: a second run changes nothing."""

from __future__ import annotations

import pytest

from tests.tools import check_transformed

DELETED = """\
    from django.db import transaction


    @transaction.atomic
    def retire(room):
        room.is_occupied = False
        room.room_status = "CHECKOUT_DIRTY"
        room.save()
        room.delete()
    """


def test_the_deleted_below_pragma_goes_above_a_write_it_does_not_fit_after() -> None:
    # The second run reads the pragma above the write and keeps it as it is.
    check_transformed(
        DELETED,
        """\
        from django.db import transaction


        @transaction.atomic
        def retire(room):
            room.is_occupied = False  # room-refactor: ignore (deleted below)
            # room-refactor: ignore (deleted below)
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
            room.delete()
        """,
        line_length=79,
    )


def test_the_deleted_below_pragma_stays_after_a_write_it_fits_after() -> None:
    check_transformed(
        DELETED,
        """\
        from django.db import transaction


        @transaction.atomic
        def retire(room):
            room.is_occupied = False  # room-refactor: ignore (deleted below)
            room.room_status = "CHECKOUT_DIRTY"  # room-refactor: ignore (deleted below)
            room.save()
            room.delete()
        """,
        line_length=120,
    )


GUEST = """\
    from django.db import models


    class Guest(models.Model):
        def delete(self, *args, **kwargs):
            if self.room is not None:
                if self.room.guests_in_room.count() == 1:
                    self.room.is_occupied = False
                    self.room.save(update_fields=["is_occupied"])
            return super().delete(*args, **kwargs)
    """
GUEST_AFTER = """\
    from django.db import models, transaction


    class Guest(models.Model):
        def delete(self, *args, **kwargs):
            {import}

            with transaction.atomic():
                if self.room is not None:
                    lock_room_rows(self.room)  # lock the row before deciding
                    if self.room.guests_in_room.count() == 1:
                        set_room_occupancy_and_status(self.room, is_occupied=False)
                return super().delete(*args, **kwargs)
    """


@pytest.mark.parametrize(
    ("length", "imported"),
    [
        pytest.param(
            79,
            "from housekeeping.services import (\n"
            "                lock_room_rows,\n"
            "                set_room_occupancy_and_status,\n"
            "            )",
            id="wrapped-at-79",
        ),
        pytest.param(120, "from housekeeping.services import lock_room_rows, set_room_occupancy_and_status", id="one-line-at-120"),
    ],
)
def test_the_function_local_import_is_wrapped_at_the_bodys_column(length: int, imported: str) -> None:
    # The line is 86 columns from the method body's 8: black's import layout past 79.
    check_transformed(GUEST, GUEST_AFTER.replace("{import}", imported), path="guests/models.py", line_length=length)


ON_COMMIT = """\
    from rest_framework.decorators import api_view


    @api_view(["POST"])
    def check_out(request, pk):
        room = Room.objects.get(pk=pk)
        room.is_occupied = False
        room.save()
        notification_manager.realtime_room_updated(room)
    """
ON_COMMIT_AFTER = """\
    from copy import copy
    from functools import partial

    from django.db import transaction
    from housekeeping.services import set_room_occupancy_and_status
    from rest_framework.decorators import api_view


    @api_view(["POST"])
    @transaction.atomic
    def check_out(request, pk):
        room = Room.objects.get(pk=pk)
        set_room_occupancy_and_status(room, is_occupied=False)
        {call}
    """


@pytest.mark.parametrize(
    ("length", "call"),
    [
        pytest.param(
            79,
            "transaction.on_commit(\n"
            "            partial(notification_manager.realtime_room_updated, copy(room))\n"
            "        )",
            id="hugged-at-79",
        ),
        pytest.param(
            120, "transaction.on_commit(partial(notification_manager.realtime_room_updated, copy(room)))", id="one-line-at-120"
        ),
    ],
)
def test_the_on_commit_call_is_laid_out_like_black(length: int, call: str) -> None:
    check_transformed(ON_COMMIT, ON_COMMIT_AFTER.replace("{call}", call), line_length=length)


LOOP = """\
    from django.db import transaction


    @transaction.atomic
    def close_floor(hotel):
        for room in Room.objects.filter(hotel=hotel, is_occupied=False):
            room.room_status = "OUT_OF_ORDER"
            room.save()
    """
LOOP_AFTER = """\
    from django.db import transaction
    from housekeeping.services import set_room_occupancy_and_status


    @transaction.atomic
    def close_floor(hotel):
        for room in {iterable}:
            set_room_occupancy_and_status(room, status="OUT_OF_ORDER")
    """


@pytest.mark.parametrize(
    ("length", "iterable"),
    [
        pytest.param(
            79,
            "(\n"
            "            Room.objects.filter(hotel=hotel, is_occupied=False)\n"
            '            .select_for_update(of=("self",))\n'
            '            .order_by("pk")\n'
            "        )",
            id="split-at-79",
        ),
        pytest.param(
            120, 'Room.objects.filter(hotel=hotel, is_occupied=False).select_for_update(of=("self",)).order_by("pk")',
            id="one-line-at-120",
        ),
    ],
)
def test_the_locked_queryset_of_a_loop_is_laid_out_like_black(length: int, iterable: str) -> None:
    check_transformed(LOOP, LOOP_AFTER.replace("{iterable}", iterable), codemods=("rewrite-writes",), line_length=length)


INSPECT = """\
    from housekeeping.services import set_room_occupancy_and_status


    def inspect(request, room, booking):
        room.room_status = next_status_after_the_inspection(room, request.user, booking.assigned_room)
        room.save(update_fields=["room_status"])
    """


def test_a_writer_call_whose_value_does_not_fit_splits_the_value_too() -> None:
    # One argument per line, and the value's own call split again at its brackets, as black does.
    check_transformed(
        INSPECT,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def inspect(request, room, booking):
            set_room_occupancy_and_status(
                room,
                status=next_status_after_the_inspection(
                    room, request.user, booking.assigned_room
                ),
            )
        """,
        codemods=("rewrite-writes",),
        line_length=79,
    )


def test_a_writer_call_whose_arguments_fit_on_one_line_keeps_the_value_whole() -> None:
    check_transformed(
        INSPECT,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def inspect(request, room, booking):
            set_room_occupancy_and_status(
                room, status=next_status_after_the_inspection(room, request.user, booking.assigned_room)
            )
        """,
        codemods=("rewrite-writes",),
        line_length=120,
    )
