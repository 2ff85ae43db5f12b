"""`rewrite-writes`: a write decided on an unlocked read of the row gets the row lock first.

`if room.guests_in_room.count() == 1: room.is_occupied = False` reads the row, then writes it;
a concurrent request can change the row in between. The rewrite locks the row just before the
`if` with the lock helper generated beside the writer (`lock_room_rows(room)` locks the row and
reads every field of the instance again), inside a transaction that lasts past the `if`: unless
one is open there already, a new `with transaction.atomic()` block that holds the rest of the
function, so that the lock also covers what the decision guards (the `guest.delete()` below).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.tools import check_transformed, codes, make_config, run_source

ONLY = ("rewrite-writes",)


# -- what changes ---------------------------------------------------------------------------------


def test_an_unprotected_decision_is_locked_in_a_new_atomic_block_to_the_end_of_the_function() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        def delete_guest(guest):
            # Free the room when its last guest leaves.
            if guest.room.guests_in_room.count() == 1:  # the last one
                guest.room.is_occupied = False
                guest.room.save()
            guest.delete()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        def delete_guest(guest):
            # Free the room when its last guest leaves.
            with transaction.atomic():
                lock_room_rows(guest.room)  # lock the row before deciding
                if guest.room.guests_in_room.count() == 1:  # the last one
                    set_room_occupancy_and_status(guest.room, is_occupied=False)
                guest.delete()
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["locked-before-decision", "persists-earlier", "save-removed"]
    assert "new transaction.atomic() block" in result.notes[0].message


def test_the_transaction_import_is_added_for_the_new_block() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(room):
            if not room.guests_in_room.exists():
                room.is_occupied = False
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
        """,
        """\
        from django.db import transaction
        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        def release(room):
            with transaction.atomic():
                lock_room_rows(room)  # lock the row before deciding
                if not room.guests_in_room.exists():
                    set_room_occupancy_and_status(room, is_occupied=False, status="CHECKOUT_DIRTY")
        """,
        codemods=ONLY,
    )


def test_an_existing_atomic_alias_is_reused() -> None:
    check_transformed(
        """\
        from django.db.transaction import atomic

        from housekeeping.services import set_room_occupancy_and_status


        def release(room):
            if room.room_status == "OCCUPIED":
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
        """,
        """\
        from django.db.transaction import atomic

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        def release(room):
            with atomic():
                lock_room_rows(room)  # lock the row before deciding
                if room.room_status == "OCCUPIED":
                    set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")
        """,
        codemods=ONLY,
    )


def test_inside_an_atomic_function_the_lock_goes_just_before_the_decision() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def release(room):
            log(room)

            if room.is_occupied:
                room.is_occupied = False
                room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @transaction.atomic
        def release(room):
            log(room)

            lock_room_rows(room)  # lock the row before deciding
            if room.is_occupied:
                set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )
    assert "transaction already open" in result.notes[0].message
    # `log(room)` may only read the instance, or change it: the note says which call it was.
    assert result.notes[0].message.endswith(
        "room is passed to log() before that: if that changes the instance without saving it, the fresh read "
        "drops the change"
    )


def test_inside_an_atomic_block_the_lock_goes_just_before_the_decision() -> None:
    check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        def release(room):
            with transaction.atomic():
                if room.is_occupied:
                    room.is_occupied = False
                    room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        def release(room):
            with transaction.atomic():
                lock_room_rows(room)  # lock the row before deciding
                if room.is_occupied:
                    set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )


def test_a_handler_that_add_atomic_decorates_needs_no_new_block() -> None:
    check_transformed(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view

        from housekeeping.services import set_room_occupancy_and_status


        @api_view(["POST"])
        def start_cleaning(request, pk):
            room = get_room(pk)
            if room.room_status == "CHECKOUT_DIRTY":
                room.room_status = "CLEANING_IN_PROGRESS"
                room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @api_view(["POST"])
        @transaction.atomic
        def start_cleaning(request, pk):
            room = get_room(pk)
            lock_room_rows(room)  # lock the row before deciding
            if room.room_status == "CHECKOUT_DIRTY":
                set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
        """,
    )


def test_every_row_written_under_one_decision_is_locked_in_one_call() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        def release(room, to_room):
            if room.is_occupied and to_room.is_occupied:
                room.is_occupied = False
                log(room)
                room.room_status = "CHECKOUT_DIRTY"
                to_room.is_occupied = False
                room.save(update_fields=["is_occupied", "room_status"])
                to_room.save(update_fields=["is_occupied"])
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        def release(room, to_room):
            with transaction.atomic():
                lock_room_rows(room, to_room)  # lock the rows before deciding
                if room.is_occupied and to_room.is_occupied:
                    set_room_occupancy_and_status(room, is_occupied=False)
                    log(room)
                    set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")
                    set_room_occupancy_and_status(to_room, is_occupied=False)
        """,
        codemods=ONLY,
    )
    # `to_room` is read, but not first; it is written under the decision and bound before it, so
    # the one call locks both rows, in primary key order (never in source order: two requests
    # locking the same two rows in opposite orders would deadlock).
    assert codes(result).count("locked-before-decision") == 1
    assert codes(result).count("locked-in-pk-order") == 1
    assert "decided-before-lock" not in codes(result)


def test_the_outermost_decision_is_locked() -> None:
    check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        def release(room):
            if room.is_occupied:
                if room.guests_in_room.count() == 0:
                    room.is_occupied = False
                    room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        def release(room):
            with transaction.atomic():
                lock_room_rows(room)  # lock the row before deciding
                if room.is_occupied:
                    if room.guests_in_room.count() == 0:
                        set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )


def test_a_none_check_around_the_decision_is_not_locked_but_the_block_holds_it() -> None:
    check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        class Guest:
            def delete(self):
                if self.room is not None:
                    if self.room.guests_in_room.count() == 1:
                        self.room.is_occupied = False
                        self.room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        class Guest:
            def delete(self):
                with transaction.atomic():
                    if self.room is not None:
                        lock_room_rows(self.room)  # lock the row before deciding
                        if self.room.guests_in_room.count() == 1:
                            set_room_occupancy_and_status(self.room, is_occupied=False)
        """,
        codemods=ONLY,
    )


# -- what must not change -------------------------------------------------------------------------


def test_a_none_check_alone_is_not_a_decision() -> None:
    result = check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(booking):
            room = booking.assigned_room
            if room is not None:
                room.is_occupied = False
                room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(booking):
            room = booking.assigned_room
            if room is not None:
                set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["persists-earlier", "save-removed"]


def test_a_row_already_locked_gets_no_second_lock() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def delete_guest(room_id):
            room = Room.objects.select_for_update().get(pk=room_id)
            if room.guests_in_room.count() == 1:
                room.is_occupied = False
                room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def delete_guest(room_id):
            room = Room.objects.select_for_update().get(pk=room_id)
            if room.guests_in_room.count() == 1:
                set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["persists-earlier", "save-removed"]


def _left_for_review(source: str, **options: Any) -> str:
    result = run_source(source, codemods=ONLY, **options)
    assert result.new_source is not None
    assert "lock the row before deciding" not in result.new_source
    assert "locked-before-decision" not in codes(result)
    assert "decided-before-lock" in codes(result)
    return next(note.message for note in result.notes if note.code == "decided-before-lock")


def test_a_receiver_read_after_another_operand_is_left_for_review() -> None:
    # With `flag` false the original never touches `room`: a lock before the `if` might fail.
    message = _left_for_review(
        """\
        def release(room, flag):
            if flag and room.is_occupied:
                room.is_occupied = False
                room.save()
        """
    )
    assert "may not read it at all" in message


def test_a_receiver_that_is_a_call_is_left_for_review() -> None:
    _left_for_review(
        """\
        def release(booking):
            if booking.get_room().is_occupied:
                booking.get_room().is_occupied = False
                booking.close()
        """,
        config=make_config(receivers=[r".*room\(\)"]),
    )


def test_a_receiver_rebound_under_the_decision_is_left_for_review() -> None:
    _left_for_review(
        """\
        def release(room):
            if room.is_occupied:
                room = room.next_room
                room.is_occupied = False
                room.save()
        """
    )


def test_a_loop_condition_is_left_for_review() -> None:
    message = _left_for_review(
        """\
        def drain(room):
            while room.guests_in_room.exists():
                room.is_occupied = True
                room.save()
        """
    )
    assert "loop" in message


@pytest.mark.parametrize(
    "change",
    ["room.room_number = number", "form = RoomForm(data, instance=room)\n            form.is_valid()", "room.extra['k'] = 1"],
    ids=["a field", "a form on it", "a json field's key"],
)
def test_an_instance_changed_in_memory_before_the_decision_is_left_for_review(change: str) -> None:
    # The lock helper reads every field again: the change before it would be lost, and the
    # save() after the decision would store the old value.
    message = _left_for_review(
        f"""\
        from django.db import transaction


        @transaction.atomic
        def release(pk, number, data):
            room = Room.objects.get(pk=pk)
            {change}
            if room.is_occupied:
                room.is_occupied = False
                room.room_status = "CHECKOUT_DIRTY"
            room.save()
        """
    )
    assert "may be changed in memory before it" in message


def test_an_instance_changed_only_after_the_decision_is_still_locked() -> None:
    result = run_source(
        """\
        from django.db import transaction


        @transaction.atomic
        def release(pk, number):
            room = Room.objects.get(pk=pk)
            if room.is_occupied:
                room.is_occupied = False
                room.room_status = "CHECKOUT_DIRTY"
            room.room_number = number
            room.save()
        """,
        codemods=ONLY,
    )
    assert "lock_room_rows(room)  # lock the row before deciding" in (result.new_source or "")
    assert "locked-before-decision" in codes(result)


def test_another_row_changed_in_memory_before_the_decision_is_not_locked_with_it() -> None:
    result = run_source(
        """\
        from django.db import transaction


        @transaction.atomic
        def move(room, to_room, note):
            to_room.note = note
            if room.is_occupied:
                room.is_occupied = False
                to_room.is_occupied = True
                room.save()
                to_room.save()
        """,
        codemods=ONLY,
    )
    assert "lock_room_rows(room)  # lock the row before deciding" in (result.new_source or "")
    assert "locked-in-pk-order" not in codes(result)


def test_a_decision_in_an_enclosing_function_is_not_this_function_s() -> None:
    result = run_source(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def outer(room):
            if room.is_occupied:
                def later():
                    room.is_occupied = False
                    room.save()
                return later
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert "lock the row" not in result.new_source
    assert "decided-before-lock" not in codes(result)


# -- a check before the write, that leaves early -------------------------------------------------


def test_an_early_exit_check_in_a_transaction_is_locked_before_the_check() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def check_in(room):
            if room.is_occupied:
                return False
            room.is_occupied = True
            room.room_status = "OCCUPIED"
            room.save()
            return True
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @transaction.atomic
        def check_in(room):
            lock_room_rows(room)  # lock the row before deciding
            if room.is_occupied:
                return False
            set_room_occupancy_and_status(room, is_occupied=True, status="OCCUPIED")
            return True
        """,
        codemods=ONLY,
    )
    assert codes(result).count("locked-before-decision") == 1
    assert "the check before this write" in result.notes[0].message


def test_the_handler_add_atomic_decorates_gets_the_lock_before_its_check() -> None:
    check_transformed(
        """\
        from rest_framework.decorators import api_view

        from housekeeping.services import set_room_occupancy_and_status


        @api_view(["POST"])
        def start_cleaning(request, pk):
            room = get_room(pk)
            if room.room_status != "CHECKOUT_DIRTY":
                raise Conflict()
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @api_view(["POST"])
        @transaction.atomic
        def start_cleaning(request, pk):
            room = get_room(pk)
            lock_room_rows(room)  # lock the row before deciding
            if room.room_status != "CHECKOUT_DIRTY":
                raise Conflict()
            set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
        """,
    )


def test_a_continue_check_in_a_loop_is_locked_inside_the_loop() -> None:
    check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def release_all(rooms):
            for room in rooms:
                if not room.is_occupied: continue
                room.is_occupied = False
                room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @transaction.atomic
        def release_all(rooms):
            for room in rooms:
                lock_room_rows(room)  # lock the row before deciding
                if not room.is_occupied: continue
                set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )


def test_an_early_exit_check_outside_a_transaction_is_left_for_review() -> None:
    result = run_source(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_in(room):
            if room.is_occupied:
                return False
            room.is_occupied = True
            room.save()
        """,
        codemods=ONLY,
    )
    assert "lock the row before deciding" not in result.new_source
    notes = [note for note in result.notes if note.code == "decided-before-lock"]
    assert len(notes) == 1
    assert "no transaction holds both the check and the write" in notes[0].message


def test_a_receiver_bound_again_after_the_check_is_left_for_review() -> None:
    result = run_source(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def check_in(room, pk):
            if room.is_occupied:
                return False
            room = Room.objects.get(pk=pk)
            room.is_occupied = True
            room.save()
        """,
        codemods=ONLY,
    )
    assert "lock the row before deciding" not in result.new_source
    assert any("bound again between the check and the write" in note.message for note in result.notes)


def test_a_check_with_an_else_or_after_the_write_is_not_a_decision_before_it() -> None:
    result = run_source(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def check_in(room, to_room):
            if room.is_occupied:
                return False
            else:
                log(room)
            room.is_occupied = True
            if to_room.is_occupied:
                return False
            to_room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
            to_room.save()
            if room.room_status == "OCCUPIED":
                return True
        """,
        codemods=ONLY,
    )
    # `room`: its check has an `else`, and the check after the write decides nothing before it;
    # `to_room`: an early exit before its write, which is locked.
    assert result.new_source.count("lock the row before deciding") == 1
    assert "lock_room_rows(to_room)  # lock the row before deciding" in result.new_source
    assert not any(note.code == "decided-before-lock" for note in result.notes)


def test_a_check_of_the_primary_key_alone_decides_nothing() -> None:
    check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def move(room, other):
            if room.pk == other.pk:
                raise ValueError("same room")
            log(room)
            if room.is_occupied:
                return False
            room.is_occupied = True
            room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @transaction.atomic
        def move(room, other):
            if room.pk == other.pk:
                raise ValueError("same room")
            log(room)
            lock_room_rows(room)  # lock the row before deciding
            if room.is_occupied:
                return False
            set_room_occupancy_and_status(room, is_occupied=True)
        """,
        codemods=ONLY,
    )


def test_a_check_of_the_primary_key_and_the_state_is_still_a_decision() -> None:
    result = run_source(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def move(room, other):
            if room.pk == other.pk or room.room_status == "OUT_OF_ORDER":
                raise ValueError("not this room")
            room.is_occupied = True
            room.save()
        """,
        codemods=ONLY,
    )
    lock = "lock_room_rows(room)  # lock the row before deciding"
    assert result.new_source.index(lock) < result.new_source.index("if room.pk == other.pk")


# -- a decision made in a queryset filter (defect 2 of issue 16) -------------------------------


def test_a_loop_over_a_filtered_queryset_locks_in_the_query() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def send_to_housekeeping(hotel):
            for room in Room.objects.filter(hotel=hotel, is_occupied=False):
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def send_to_housekeeping(hotel):
            for room in (
                Room.objects.filter(hotel=hotel, is_occupied=False)
                .select_for_update(of=("self",))
                .order_by("pk")
            ):
                set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")
        """,
        codemods=ONLY,
    )
    assert "locked-in-query" in codes(result)


def test_a_list_of_a_queryset_bound_once_locks_in_the_query() -> None:
    check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        def release(ids):
            with transaction.atomic():
                rooms = list(Room.objects.filter(pk__in=ids).exclude(guests_in_room__isnull=False))
                for room in rooms:
                    room.is_occupied = False
                    room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        def release(ids):
            with transaction.atomic():
                rooms = list(
                    Room.objects.filter(pk__in=ids)
                    .exclude(guests_in_room__isnull=False)
                    .select_for_update(of=("self",))
                    .order_by("pk")
                )
                for room in rooms:
                    set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )


def test_a_loop_over_a_queryset_outside_a_transaction_is_left_to_a_person() -> None:
    result = run_source(
        """\
        def send_to_housekeeping(hotel):
            for room in Room.objects.filter(hotel=hotel, is_occupied=False):
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None and "select_for_update" not in result.new_source
    assert "decided-before-lock" in codes(result)


def test_a_loop_over_a_name_bound_twice_or_a_locked_query_is_not_changed() -> None:
    for source in (
        """\
        from django.db import transaction


        @transaction.atomic
        def release(ids, more):
            rooms = list(Room.objects.filter(pk__in=ids))
            if more:
                rooms = more
            for room in rooms:
                room.is_occupied = False
                room.save()
        """,
        """\
        from django.db import transaction


        @transaction.atomic
        def release(ids):
            for room in Room.objects.select_for_update().filter(pk__in=ids):
                room.is_occupied = False
                room.save()
        """,
    ):
        result = run_source(source, codemods=ONLY)
        assert result.new_source is not None
        assert result.new_source.count("select_for_update") == source.count("select_for_update")
        assert "locked-in-query" not in codes(result)


def test_a_room_bound_after_the_decision_is_not_locked_with_it() -> None:
    # `other_room` is not bound yet where the lock goes: its writer call locks it on its own.
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def move(room, booking):
            if room.is_occupied:
                return False
            other_room = booking.assigned_room
            other_room.is_occupied = False
            room.is_occupied = True
            other_room.save()
            room.save()
            return True
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @transaction.atomic
        def move(room, booking):
            lock_room_rows(room)  # lock the row before deciding
            if room.is_occupied:
                return False
            other_room = booking.assigned_room
            set_room_occupancy_and_status(other_room, is_occupied=False)
            set_room_occupancy_and_status(room, is_occupied=True)
            return True
        """,
        codemods=ONLY,
    )
    assert "locked-in-pk-order" not in codes(result)


# -- lock only when the decision needs it, in one order (issue 16, defect 9) ----------------------


def test_a_row_locked_before_an_earlier_decision_is_not_locked_again() -> None:
    # The row lock lasts until the transaction ends; a second lock_room_rows() would read every
    # field again and drop `room.is_active = False`.
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def close(room):
            if room.is_occupied:
                room.is_occupied = False
            room.is_active = False
            if room.room_status != "OUT_OF_ORDER":
                room.room_status = "OUT_OF_ORDER"
            room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @transaction.atomic
        def close(room):
            lock_room_rows(room)  # lock the row before deciding
            if room.is_occupied:
                set_room_occupancy_and_status(room, is_occupied=False)
            room.is_active = False
            if room.room_status != "OUT_OF_ORDER":
                set_room_occupancy_and_status(room, status="OUT_OF_ORDER")
            room.save()
        """,
        codemods=ONLY,
    )
    held = [note for note in result.notes if note.code == "locked-before-decision"]
    assert len(held) == 2 and "takes no lock of its own" in held[1].message


def test_a_row_locked_again_when_the_earlier_lock_may_not_have_run() -> None:
    result = run_source(
        """\
        from django.db import transaction


        @transaction.atomic
        def close(room, flag):
            if flag:
                if room.is_occupied:
                    room.is_occupied = False
                    room.save()
            if room.room_status != "OUT_OF_ORDER":
                room.room_status = "OUT_OF_ORDER"
                room.save()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert result.new_source.count("lock_room_rows(room)") == 2


def test_a_row_bound_again_after_its_lock_is_locked_again() -> None:
    result = run_source(
        """\
        from django.db import transaction

        from rooms.models import Room


        @transaction.atomic
        def close(room, pk):
            if room.is_occupied:
                room.is_occupied = False
                room.save()
            room = Room.objects.get(pk=pk)
            if room.room_status != "OUT_OF_ORDER":
                room.room_status = "OUT_OF_ORDER"
                room.save()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert result.new_source.count("lock_room_rows(room)") == 2


def test_a_lock_in_an_atomic_block_that_ended_is_taken_again() -> None:
    result = run_source(
        """\
        from django.db import transaction


        def close(room):
            with transaction.atomic():
                if room.is_occupied:
                    room.is_occupied = False
                    room.save()
            with transaction.atomic():
                if room.room_status != "OUT_OF_ORDER":
                    room.room_status = "OUT_OF_ORDER"
                    room.save()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert result.new_source.count("lock_room_rows(room)") == 2


def test_the_rows_of_a_list_decided_in_a_loop_are_locked_together_before_it() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        @transaction.atomic
        def release(numbers):
            rooms = [Room.objects.get(room_number=number) for number in numbers]
            for room in rooms:
                if not room.guests_in_room.exists():
                    room.is_occupied = False
                    room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status
        from rooms.models import Room


        @transaction.atomic
        def release(numbers):
            rooms = [Room.objects.get(room_number=number) for number in numbers]
            lock_room_rows(*rooms)  # lock the rows before deciding
            for room in rooms:
                if not room.guests_in_room.exists():
                    set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )
    assert "locked-in-loop-order" not in codes(result)
    assert "in primary key order" in next(n.message for n in result.notes if n.code == "locked-before-decision")


def test_the_rows_of_a_list_are_locked_together_in_a_new_atomic_block() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(first, second):
            rooms = [first, second]
            for room in rooms:
                if not room.guests_in_room.exists():
                    room.is_occupied = False
                    room.save()
        """,
        """\
        from django.db import transaction
        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        def release(first, second):
            rooms = [first, second]
            with transaction.atomic():
                lock_room_rows(*rooms)  # lock the rows before deciding
                for room in rooms:
                    if not room.guests_in_room.exists():
                        set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )


@pytest.mark.parametrize(
    "rooms",
    [
        pytest.param("", id="a-parameter"),
        pytest.param("rooms = iter(rooms)", id="an-iterator"),
        pytest.param("rooms = list(rooms)\n            rooms = rooms[1:]", id="bound-twice"),
    ],
)
def test_rows_that_may_not_be_a_list_are_locked_per_turn_with_a_note(rooms: str) -> None:
    result = run_source(
        f"""\
        from django.db import transaction


        @transaction.atomic
        def release(rooms):
            {rooms or "pass"}
            for room in rooms:
                if not room.guests_in_room.exists():
                    room.is_occupied = False
                    room.save()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert "lock_room_rows(room)" in result.new_source and "*rooms" not in result.new_source
    assert "locked-in-loop-order" in codes(result)


def test_a_row_bound_again_in_the_loop_before_the_decision_is_locked_per_turn() -> None:
    result = run_source(
        """\
        from django.db import transaction


        @transaction.atomic
        def release(first, second):
            rooms = [first, second]
            for room in rooms:
                room = room.partner
                if not room.guests_in_room.exists():
                    room.is_occupied = False
                    room.save()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert "*rooms" not in result.new_source


def test_the_rows_a_loop_s_query_locks_get_no_lock_in_the_loop() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        @transaction.atomic
        def reopen(hotel):
            rooms = list(Room.objects.filter(hotel=hotel))
            for room in rooms:
                if room.room_status == "OUT_OF_ORDER":
                    room.room_status = "CHECKOUT_DIRTY"
                    room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        @transaction.atomic
        def reopen(hotel):
            rooms = list(
                Room.objects.filter(hotel=hotel).select_for_update(of=("self",)).order_by("pk")
            )
            for room in rooms:
                if room.room_status == "OUT_OF_ORDER":
                    set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")
        """,
        codemods=ONLY,
    )
    held = next(note for note in result.notes if note.code == "locked-before-decision")
    assert "the loop's query (select_for_update) holds the row already" in held.message


def test_a_query_with_an_order_of_its_own_keeps_it_and_breaks_ties_by_pk() -> None:
    # `.order_by("pk")` appended would replace the order the loop goes through the rows in.
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        @transaction.atomic
        def close_floor(hotel):
            closed = []
            for room in Room.objects.filter(hotel=hotel, is_occupied=False).order_by("-room_number"):
                room.room_status = "OUT_OF_ORDER"
                room.save()
                closed.append(room.room_number)
            return closed
        """,
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        @transaction.atomic
        def close_floor(hotel):
            closed = []
            for room in (
                Room.objects.filter(hotel=hotel, is_occupied=False)
                .order_by("-room_number", "pk")
                .select_for_update(of=("self",))
            ):
                set_room_occupancy_and_status(room, status="OUT_OF_ORDER")
                closed.append(room.room_number)
            return closed
        """,
        codemods=ONLY,
    )
    note = next(note for note in result.notes if note.code == "locked-in-query")
    assert '("-room_number", then pk)' in note.message


def test_a_query_ordered_by_pk_already_is_not_given_a_second_pk() -> None:
    result = run_source(
        """\
        from django.db import transaction

        from rooms.models import Room


        @transaction.atomic
        def close_floor(hotel):
            for room in Room.objects.filter(hotel=hotel).order_by("room_number", "-pk"):
                room.room_status = "OUT_OF_ORDER"
                room.save()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert '\n        .order_by("room_number", "-pk")\n        .select_for_update(of=("self",))\n    ):' in result.new_source


@pytest.mark.parametrize(
    "after",
    [
        pytest.param("break", id="a-first-match-search"),
        pytest.param("return room.pk", id="returned"),  # not the instance: a returned copy stays in memory
        pytest.param("rooms.append(room.partner)", id="the-loop-grows-the-list"),
    ],
)
def test_a_loop_that_may_stop_early_or_change_its_list_keeps_its_lock_per_turn(after: str) -> None:
    # Locking every row up front would hold rows the loop never decides on, or miss those it adds.
    result = run_source(
        f"""\
        from django.db import transaction


        @transaction.atomic
        def take_a_free_room(first, second):
            rooms = [first, second]
            for room in rooms:
                if not room.is_occupied:
                    room.is_occupied = True
                    room.save()
                    {after}
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert "lock_room_rows(room)" in result.new_source and "*rooms" not in result.new_source
    assert "locked-in-loop-order" in codes(result)
