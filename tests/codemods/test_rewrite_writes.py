"""`rewrite-writes`: direct writes of `is_occupied` / `room_status` become calls of the
canonical writer `set_room_occupancy_and_status(room, is_occupied=..., status=...)`.

Most examples already import the writer, so that each shows one rule; the imports have
their own section at the end.
"""

from __future__ import annotations

import pytest

from room_refactor.model import Status
from tests.tools import check_noop, check_transformed, codes, make_config, run_source

ONLY = ("rewrite-writes",)


# -- never touched -------------------------------------------------------------------------------


def test_canonical_module_is_never_rewritten() -> None:
    check_noop(
        """\
        def set_room_status(room, status):
            room.room_status = status
            room.save(update_fields=["room_status"])
        """,
        path="housekeeping/services.py",
        codemods=ONLY,
    )


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("tests/test_views.py", id="tests-directory"),
        pytest.param("rooms/tests/test_checkout.py", id="app-tests"),
        pytest.param("rooms/migrations/0002_backfill_status.py", id="migration"),
    ],
)
def test_test_files_and_migrations_are_skipped(path: str) -> None:
    result = check_noop(
        """\
        def check_out(room):
            room.is_occupied = False
        """,
        path=path,
        codemods=ONLY,
    )
    assert result.status is Status.SKIPPED


def test_ignored_line_is_never_rewritten() -> None:
    result = check_noop(
        """\
        def check_out(room):
            room.is_occupied = False  # room-refactor: ignore
            setattr(room, "room_status", "DIRTY")  # room-refactor: ignore
        """,
        codemods=ONLY,
    )
    assert codes(result) == []


def test_receiver_of_unknown_type_of_a_shared_field_is_untouched() -> None:
    # The Seat model has fields of the same names: an untyped `guest` is not proven to be a Room.
    check_noop(
        """\
        from django.db import models


        class Seat(models.Model):
            is_occupied = models.BooleanField(default=False)
            room_status = models.CharField(max_length=20)


        def check_out(guest):
            guest.is_occupied = False
            guest.room_status = "GONE"
        """,
        codemods=ONLY,
    )


@pytest.mark.parametrize("receivers", [pytest.param([".*"], id="every-name"), pytest.param([], id="none")])
def test_a_receiver_proven_to_be_another_class_is_never_rewritten(receivers: list[str]) -> None:
    """Whatever `receivers` says: the writer would lock and save the Room whose pk is the other
    object's pk."""
    check_noop(
        """\
        from dataclasses import dataclass
        from types import SimpleNamespace

        from django.db import models

        from rooms.models import Room


        class MeetingRoom(models.Model):
            is_occupied = models.BooleanField(default=False)
            room_status = models.CharField(max_length=20)


        class Booking(models.Model):
            hall = models.ForeignKey(MeetingRoom, on_delete=models.CASCADE)


        @dataclass
        class RoomSnapshot:
            room_status: str


        def close(pk, seat: MeetingRoom, booking: Booking):
            meeting_room = MeetingRoom.objects.get(pk=pk)
            meeting_room.is_occupied = False
            seat.room_status = "CLOSED"
            booking.hall.is_occupied = True
            snapshot = RoomSnapshot("x")
            snapshot.room_status = "CLOSED"
            data = {}
            data.update(is_occupied=True)
            namespace = SimpleNamespace()
            namespace.room_status = "x"
            for room in MeetingRoom.objects.filter(is_occupied=True):
                room.is_occupied = False
            Room.is_occupied = True
        """,
        codemods=ONLY,
        config=make_config(receivers=receivers),
    )


def test_create_is_initial_state_and_untouched_without_warning() -> None:
    result = check_noop(
        """\
        def add_room(hotel):
            return Room.objects.create(hotel=hotel, is_occupied=False, room_status="READY_FOR_GUEST")
        """,
        codemods=ONLY,
    )
    assert codes(result) == []


def test_setattr_inside_an_expression_is_left_with_a_warning() -> None:
    result = check_noop(
        """\
        def later(room):
            return lambda: setattr(room, "room_status", "DIRTY")
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["setattr-in-expression"]


def test_dynamic_field_name_is_left_with_a_warning() -> None:
    result = check_noop(
        """\
        def apply(room, field, value):
            setattr(room, field, value)
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["dynamic-field"]


def test_chained_target_is_left_with_a_warning() -> None:
    result = check_noop(
        """\
        def swap(a, b):
            a.room.is_occupied = b.room.is_occupied = True
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["chained-target", "chained-target"]


def test_tuple_target_is_left_with_a_warning() -> None:
    result = check_noop(
        """\
        def check_out(room):
            room.is_occupied, room.room_status = False, "DIRTY"
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["tuple-target", "tuple-target"]


def test_augmented_assignment_is_left_with_a_warning() -> None:
    result = check_noop(
        """\
        def mark(room):
            room.room_status += "_LATE"
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["augmented-assignment"]


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param('Room.objects.filter(floor=floor).update(room_status="DIRTY")', id="queryset-update"),
        pytest.param('Room.objects.bulk_update(rooms, ["room_status"])', id="bulk-update"),
    ],
)
def test_bulk_write_is_left_with_a_warning(statement: str) -> None:
    result = check_noop(
        f"""\
        def close_floor(floor, rooms):
            {statement}
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["bulk-write"]


def test_write_in_async_function_is_left_with_a_warning() -> None:
    # The writer is synchronous ORM code: inside `async def` it would raise
    # SynchronousOnlyOperation.
    result = check_noop(
        """\
        async def check_out(room):
            room.is_occupied = False
            await room.asave()
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["async-function"]


# -- single writes ---------------------------------------------------------------------------------


def test_status_write() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def start_cleaning(room):
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def start_cleaning(room):
            set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
        """,
        codemods=ONLY,
    )


def test_occupancy_write() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_in(room):
            room.is_occupied = True
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_in(room):
            set_room_occupancy_and_status(room, is_occupied=True)
        """,
        codemods=ONLY,
    )


def test_annotated_write() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_in(room):
            room.is_occupied: bool = True
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_in(room):
            set_room_occupancy_and_status(room, is_occupied=True)
        """,
        codemods=ONLY,
    )


def test_literal_setattr() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def mark_dirty(room):
            setattr(room, "room_status", "DIRTY")
            room.save(update_fields=["room_status"])
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def mark_dirty(room):
            set_room_occupancy_and_status(room, status="DIRTY")
        """,
        codemods=ONLY,
    )


def test_receivers_are_passed_through_unchanged() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def move(self, booking):
            self.room.is_occupied = False
            booking.assigned_room.room_status = "OCCUPIED"
            self.room.save()
            booking.assigned_room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def move(self, booking):
            set_room_occupancy_and_status(self.room, is_occupied=False)
            set_room_occupancy_and_status(booking.assigned_room, status="OCCUPIED")
        """,
        codemods=ONLY,
    )


def test_pair_whose_second_value_reads_the_first_field_is_not_merged_and_shares_one_transaction() -> None:
    # Merged, `is_occupied` would be computed from the status before the first write.
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def apply(room, data):
            room.room_status = data.get("s", room.room_status)
            room.is_occupied = room.room_status == "OCCUPIED"
            room.save()
        """,
        """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status


        def apply(room, data):
            with transaction.atomic():
                set_room_occupancy_and_status(room, status=data.get("s", room.room_status))
                set_room_occupancy_and_status(room, is_occupied=room.room_status == "OCCUPIED")
        """,
        codemods=ONLY,
    )


def test_pair_whose_second_value_reads_another_attribute_is_merged() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def apply(room, data):
            room.room_status = data["s"]
            room.is_occupied = room.number > 0
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def apply(room, data):
            set_room_occupancy_and_status(room, status=data["s"], is_occupied=room.number > 0)
        """,
        codemods=ONLY,
    )


def test_custom_receivers_setting_decides_an_unknown_receiver_of_a_shared_field() -> None:
    check_transformed(
        """\
        from django.db import models

        from housekeeping.services import set_room_occupancy_and_status


        class Hall(models.Model):
            room_status = models.CharField(max_length=20)


        def close(suite, room):
            suite.room_status = "CLOSED"
            room.room_status = "CLOSED"
            suite.save()
            room.save()
        """,
        """\
        from django.db import models

        from housekeeping.services import set_room_occupancy_and_status


        class Hall(models.Model):
            room_status = models.CharField(max_length=20)


        def close(suite, room):
            set_room_occupancy_and_status(suite, status="CLOSED")
            room.room_status = "CLOSED"
            room.save()
        """,
        config=make_config(receivers=["suite"]),
        codemods=ONLY,
    )


def test_bare_tuple_value_gets_parentheses() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def odd(room):
            room.room_status = "A", "B"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def odd(room):
            set_room_occupancy_and_status(room, status=("A", "B"))
        """,
        codemods=ONLY,
    )


def test_a_write_nothing_in_its_function_saves_is_left_in_memory() -> None:
    # Issue 17: the writer saves at once; a write the function never saves, hands on or returns
    # stays as it is (the caller decides whether it reaches the database).
    result = check_noop(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_in(room):
            room.is_occupied = True
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["in-memory"]
    assert result.notes[0].message.startswith("room.is_occupied is an in-memory write (no-save): ")
    assert result.analysis is not None
    assert [site.in_memory for site in result.analysis.sites] == ["no-save"]


# -- pairs ----------------------------------------------------------------------------------------


def test_pair_is_merged_in_source_order() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            room.is_occupied = False
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False, status="CHECKOUT_DIRTY")
        """,
        codemods=ONLY,
    )


def test_pair_in_reverse_order_keeps_its_order() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            room.room_status = "CHECKOUT_DIRTY"
            room.is_occupied = False
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY", is_occupied=False)
        """,
        codemods=ONLY,
    )


def test_pair_of_attribute_and_setattr_is_merged() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(self):
            self.room.is_occupied = False
            setattr(self.room, "room_status", "CHECKOUT_DIRTY")
            self.room.save(update_fields=["is_occupied", "room_status"])
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(self):
            set_room_occupancy_and_status(self.room, is_occupied=False, status="CHECKOUT_DIRTY")
        """,
        codemods=ONLY,
    )


def test_pair_split_by_unrelated_statement_is_merged() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            room.is_occupied = False
            reason = "checked out"
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
            return reason
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False, status="CHECKOUT_DIRTY")
            reason = "checked out"
            return reason
        """,
        codemods=ONLY,
    )


@pytest.mark.parametrize(
    "between",
    [
        pytest.param('was_dirty = other_room.room_status == "DIRTY"', id="reads-a-field"),
        pytest.param("log(room)", id="uses-the-receiver"),
        pytest.param('status = "READY_FOR_GUEST"', id="rebinds-the-second-value"),
        pytest.param("if status is None: return", id="returns"),
        pytest.param("if status is None: raise ValueError(status)", id="raises"),
    ],
)
def test_pair_split_by_unsafe_statement_is_not_merged_and_shares_one_transaction(between: str) -> None:
    check_transformed(
        f"""\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, other_room, status):
            room.is_occupied = False
            {between}
            room.room_status = status
            room.save(update_fields=["is_occupied", "room_status"])
        """,
        f"""\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, other_room, status):
            with transaction.atomic():
                set_room_occupancy_and_status(room, is_occupied=False)
                {between}
                set_room_occupancy_and_status(room, status=status)
        """,
        codemods=ONLY,
    )


def test_pair_split_by_a_write_of_another_room_is_not_merged_and_shares_one_transaction() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def move(room, other_room):
            room.is_occupied = False
            other_room.is_occupied = True
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
            other_room.save()
        """,
        """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status


        def move(room, other_room):
            with transaction.atomic():
                set_room_occupancy_and_status(room, is_occupied=False)
                set_room_occupancy_and_status(other_room, is_occupied=True)
                set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")
        """,
        codemods=ONLY,
    )


def test_pair_whose_second_value_calls_across_a_statement_is_not_merged_and_shares_one_transaction() -> None:
    # Moving next_status() up past `attempts += 1` could change what it sees.
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, attempts):
            room.is_occupied = False
            attempts += 1
            room.room_status = next_status(attempts)
            room.save()
        """,
        """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, attempts):
            with transaction.atomic():
                set_room_occupancy_and_status(room, is_occupied=False)
                attempts += 1
                set_room_occupancy_and_status(room, status=next_status(attempts))
        """,
        codemods=ONLY,
    )


def test_pair_is_never_merged_across_branches() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(room, inspected):
            if inspected:
                room.is_occupied = False
                room.save()
            else:
                room.room_status = "NEEDS_INSPECTION"
                room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(room, inspected):
            if inspected:
                set_room_occupancy_and_status(room, is_occupied=False)
            else:
                set_room_occupancy_and_status(room, status="NEEDS_INSPECTION")
        """,
        codemods=ONLY,
    )


def test_receiver_with_a_call_is_never_merged_and_shares_one_transaction() -> None:
    # Two calls of pick() may pick two different rooms. (A call as the whole receiver,
    # `get_room().is_occupied = ...`, is in memory: persistence does not see `get_room().save()`.)
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(rooms):
            rooms[pick()].is_occupied = False
            rooms[pick()].room_status = "DIRTY"
            rooms[pick()].save()
        """,
        """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status


        def release(rooms):
            with transaction.atomic():
                set_room_occupancy_and_status(rooms[pick()], is_occupied=False)
                set_room_occupancy_and_status(rooms[pick()], status="DIRTY")
        """,
        config=make_config(receivers=[r"rooms\[pick\(\)\]"]),
        codemods=ONLY,
    )


def test_same_field_twice_is_not_merged() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def clean(room):
            room.room_status = "CLEANING_IN_PROGRESS"
            room.room_status = "READY_FOR_GUEST"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def clean(room):
            set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
            set_room_occupancy_and_status(room, status="READY_FOR_GUEST")
        """,
        codemods=ONLY,
    )


# -- persisting: save(update_fields=...) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param('["room_status", "notes"]', '["notes"]', id="list"),
        pytest.param('("notes", "room_status")', '("notes",)', id="tuple"),
        pytest.param('["room_status", "notes",]', '["notes",]', id="trailing-comma"),
    ],
)
def test_save_loses_the_migrated_fields(before: str, after: str) -> None:
    result = check_transformed(
        f"""\
        from housekeeping.services import set_room_occupancy_and_status


        def clean(room):
            room.room_status = "READY_FOR_GUEST"
            room.notes = "cleaned"
            room.save(update_fields={before})
        """,
        f"""\
        from housekeeping.services import set_room_occupancy_and_status


        def clean(room):
            set_room_occupancy_and_status(room, status="READY_FOR_GUEST")
            room.notes = "cleaned"
            room.save(update_fields={after})
        """,
        codemods=ONLY,
    )
    assert "update-fields-changed" in codes(result)


def test_save_spread_over_lines_loses_the_migrated_fields() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def clean(room):
            room.room_status = "READY_FOR_GUEST"
            room.notes = "cleaned"
            room.save(
                update_fields=[
                    "room_status",
                    "notes",
                ]
            )
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def clean(room):
            set_room_occupancy_and_status(room, status="READY_FOR_GUEST")
            room.notes = "cleaned"
            room.save(
                update_fields=[
                    "notes",
                ]
            )
        """,
        codemods=ONLY,
    )


def test_save_left_empty_is_removed_and_its_comments_kept() -> None:
    result = check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            room.is_occupied = False
            room.room_status = "CHECKOUT_DIRTY"
            # Both fields in one query.
            room.save(update_fields=["is_occupied", "room_status"])  # see #412
            return room
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False, status="CHECKOUT_DIRTY")
            # Both fields in one query.
            # see #412
            return room
        """,
        codemods=ONLY,
    )
    assert "save-removed" in codes(result)


def test_save_after_an_atomic_block_is_removed() -> None:
    check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        def clean(room):
            with transaction.atomic():
                room.room_status = "READY_FOR_GUEST"
            room.save(update_fields=["room_status"])
        """,
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        def clean(room):
            with transaction.atomic():
                set_room_occupancy_and_status(room, status="READY_FOR_GUEST")
        """,
        codemods=ONLY,
    )


def test_save_after_a_branch_that_wrote_keeps_its_fields() -> None:
    # When `inspected` is false the writer never ran, and the save is still what stores the field.
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(room, inspected):
            if inspected:
                room.room_status = "READY_FOR_GUEST"
            room.save(update_fields=["room_status"])
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(room, inspected):
            if inspected:
                set_room_occupancy_and_status(room, status="READY_FOR_GUEST")
            room.save(update_fields=["room_status"])
        """,
        codemods=ONLY,
    )


@pytest.mark.parametrize(
    "kept_write",
    [
        pytest.param("room.is_occupied = False  # room-refactor: ignore", id="ignored"),
        pytest.param("room.is_occupied = other_room.is_occupied = False", id="chained"),
    ],
)
def test_save_keeps_a_field_still_written_directly(kept_write: str) -> None:
    check_transformed(
        f"""\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, other_room):
            room.room_status = "CHECKOUT_DIRTY"
            {kept_write}
            room.save(update_fields=["is_occupied", "room_status"])
        """,
        f"""\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, other_room):
            set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")
            {kept_write}
            room.save(update_fields=["is_occupied"])
        """,
        codemods=ONLY,
    )


def test_save_after_a_dynamic_setattr_keeps_every_field() -> None:
    # setattr(room, field, ...) may have written either field since.
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, field):
            room.room_status = "CHECKOUT_DIRTY"
            setattr(room, field, False)
            room.save(update_fields=["is_occupied", "room_status"])
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, field):
            set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")
            setattr(room, field, False)
            room.save(update_fields=["is_occupied", "room_status"])
        """,
        codemods=ONLY,
    )


def test_plain_save_after_the_writer_is_removed() -> None:
    # The writer saved the state fields; the function assigns nothing else, so the save() would
    # only write values loaded before the writer's lock back over the row (and a second UPDATE).
    result = check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            room.is_occupied = False
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )
    assert "save-removed" in codes(result)


def test_plain_save_after_the_writer_keeps_the_fields_the_function_assigns() -> None:
    result = check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def retire(room, note):
            room.is_active = False
            room.room_status = "OUT_OF_ORDER"
            room.note = note
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def retire(room, note):
            room.is_active = False
            set_room_occupancy_and_status(room, status="OUT_OF_ORDER")
            room.note = note
            room.save(update_fields=["is_active", "note"])
        """,
        codemods=ONLY,
    )
    assert "update-fields-changed" in codes(result)


def test_update_fields_lose_the_fields_the_function_never_assigns() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            room.is_occupied = False
            room.save(update_fields=["is_occupied", "updated_at"])
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False)
        """,
        codemods=ONLY,
    )


def test_a_save_after_the_instance_went_through_other_code_makes_the_function_atomic() -> None:
    # `touch(room)` may set any field: the save() stays, and the function now runs in one
    # transaction, so that the writer's row lock lasts until that save().
    result = check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            \"\"\"Free the room.\"\"\"
            room.is_occupied = False
            touch(room)
            room.save()
            return room
        """,
        """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            \"\"\"Free the room.\"\"\"
            with transaction.atomic():
                set_room_occupancy_and_status(room, is_occupied=False)
                touch(room)
                room.save()
                return room
        """,
        codemods=ONLY,
    )
    assert "made-atomic" in codes(result)


def test_a_save_kept_in_an_atomic_function_adds_no_block() -> None:
    check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def check_out(room):
            room.is_occupied = False
            touch(room)
            room.save()
        """,
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False)
            touch(room)
            room.save()
        """,
        codemods=ONLY,
    )


def test_save_with_dynamic_update_fields_stays_with_a_warning() -> None:
    result = check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, fields):
            room.is_occupied = False
            room.save(update_fields=fields)
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room, fields):
            set_room_occupancy_and_status(room, is_occupied=False)
            room.save(update_fields=fields)
        """,
        codemods=ONLY,
    )
    assert "update-fields-dynamic" in codes(result)


def test_save_of_another_receiver_is_untouched() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def move(room, other_room):
            room.is_occupied = False
            other_room.save(update_fields=["is_occupied"])
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def move(room, other_room):
            set_room_occupancy_and_status(room, is_occupied=False)
            other_room.save(update_fields=["is_occupied"])
        """,
        codemods=ONLY,
    )


def test_save_before_the_write_is_untouched() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def reopen(room):
            room.save(update_fields=["room_status"])
            room.room_status = "READY_FOR_GUEST"
            room.save(update_fields=["room_status"])
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def reopen(room):
            room.save(update_fields=["room_status"])
            set_room_occupancy_and_status(room, status="READY_FOR_GUEST")
        """,
        codemods=ONLY,
    )


# -- comments and layout ----------------------------------------------------------------------------


def test_comments_of_a_single_write_are_kept() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def start_cleaning(room):
            # Housekeeping has the key now.
            room.room_status = "CLEANING_IN_PROGRESS"  # see the seed report
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def start_cleaning(room):
            # Housekeeping has the key now.
            set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")  # see the seed report
        """,
        codemods=ONLY,
    )


def test_comments_of_both_lines_of_a_merged_pair_are_kept() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            # The guest has left.
            room.is_occupied = False  # keys returned
            # Housekeeping picks it up from here.
            room.room_status = "CHECKOUT_DIRTY"  # not inspected yet
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            # The guest has left.
            # Housekeeping picks it up from here.
            # not inspected yet
            set_room_occupancy_and_status(room, is_occupied=False, status="CHECKOUT_DIRTY")  # keys returned
        """,
        codemods=ONLY,
    )


def test_trailing_comment_of_the_second_line_moves_onto_the_call() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            room.is_occupied = False
            room.room_status = "CHECKOUT_DIRTY"  # not inspected yet
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False, status="CHECKOUT_DIRTY")  # not inspected yet
        """,
        codemods=ONLY,
    )


def test_long_call_hugs_its_arguments() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        class CheckoutView(APIView):
            def finish(self):
                self.reservation.assigned_room.room_status = "CHECKOUT_DIRTY_AWAITING_INSPECTION"
                self.reservation.assigned_room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        class CheckoutView(APIView):
            def finish(self):
                set_room_occupancy_and_status(
                    self.reservation.assigned_room, status="CHECKOUT_DIRTY_AWAITING_INSPECTION"
                )
        """,
        codemods=ONLY,
    )


def test_longer_call_puts_one_argument_per_line() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        class CheckoutView(APIView):
            def finish(self):
                self.reservation.assigned_room.is_occupied = False
                self.reservation.assigned_room.room_status = "CHECKOUT_DIRTY_AWAITING_INSPECTION"
                self.reservation.assigned_room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        class CheckoutView(APIView):
            def finish(self):
                set_room_occupancy_and_status(
                    self.reservation.assigned_room,
                    is_occupied=False,
                    status="CHECKOUT_DIRTY_AWAITING_INSPECTION",
                )
        """,
        codemods=ONLY,
    )


def test_semicolon_separated_statements() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def reopen(room):
            count = 1; room.room_status = "READY_FOR_GUEST"; done = True
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def reopen(room):
            count = 1; set_room_occupancy_and_status(room, status="READY_FOR_GUEST"); done = True
        """,
        codemods=ONLY,
    )


def test_pair_on_one_line_is_merged() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            room.is_occupied = False; room.room_status = "DIRTY"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False, status="DIRTY")
        """,
        codemods=ONLY,
    )


def test_one_line_suite() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def reopen(room, clean):
            if clean: room.room_status = "READY_FOR_GUEST"; room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def reopen(room, clean):
            if clean: set_room_occupancy_and_status(room, status="READY_FOR_GUEST"); room.save()
        """,
        codemods=ONLY,
    )


def test_pair_in_a_one_line_suite_is_merged() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(room, gone):
            if gone: room.is_occupied = False; room.room_status = "DIRTY"; room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(room, gone):
            if gone: set_room_occupancy_and_status(room, is_occupied=False, status="DIRTY"); room.save()
        """,
        codemods=ONLY,
    )


# -- imports ---------------------------------------------------------------------------------------


VIEW_BEFORE = """\
from rooms.models import Room


def start_cleaning(room):
    room.room_status = "CLEANING_IN_PROGRESS"
    room.save()
"""

VIEW_WITH_MODULE_IMPORT = """\
from housekeeping.services import set_room_occupancy_and_status
from rooms.models import Room


def start_cleaning(room):
    set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
"""

VIEW_WITH_LOCAL_IMPORT = """\
from rooms.models import Room


def start_cleaning(room):
    from housekeeping.services import set_room_occupancy_and_status

    set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
"""


def test_import_style_module_adds_a_top_level_import() -> None:
    check_transformed(
        VIEW_BEFORE, VIEW_WITH_MODULE_IMPORT, config=make_config(**{"import-style": "module"}), codemods=ONLY
    )


def test_import_style_local_imports_inside_the_function() -> None:
    check_transformed(
        VIEW_BEFORE, VIEW_WITH_LOCAL_IMPORT, config=make_config(**{"import-style": "local"}), codemods=ONLY
    )


def test_import_style_auto_is_top_level_in_a_view_module() -> None:
    check_transformed(VIEW_BEFORE, VIEW_WITH_MODULE_IMPORT, path="rooms/views.py", codemods=ONLY)


def test_import_style_auto_is_local_in_a_models_module() -> None:
    check_transformed(VIEW_BEFORE, VIEW_WITH_LOCAL_IMPORT, path="rooms/models.py", codemods=ONLY)


def test_import_style_auto_is_local_when_a_top_level_import_would_close_a_cycle() -> None:
    check_transformed(
        VIEW_BEFORE, VIEW_WITH_LOCAL_IMPORT, path="rooms/views.py", cycle_modules=frozenset({"rooms.views"}),
        codemods=ONLY,
    )


def test_import_style_module_wins_over_models_module() -> None:
    check_transformed(
        VIEW_BEFORE, VIEW_WITH_MODULE_IMPORT, path="rooms/models.py",
        config=make_config(**{"import-style": "module"}), codemods=ONLY,
    )


def test_local_import_goes_after_the_docstring() -> None:
    check_transformed(
        """\
        def start_cleaning(room):
            "Hand the room to housekeeping."
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        """\
        def start_cleaning(room):
            "Hand the room to housekeeping."
            from housekeeping.services import set_room_occupancy_and_status

            set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
        """,
        config=make_config(**{"import-style": "local"}),
        codemods=ONLY,
    )


def test_local_import_in_the_enclosing_function_covers_nested_ones() -> None:
    check_transformed(
        """\
        def on_checkout(room):
            from housekeeping.services import set_room_occupancy_and_status

            def release():
                room.is_occupied = False
                room.save()
            return release
        """,
        """\
        def on_checkout(room):
            from housekeeping.services import set_room_occupancy_and_status

            def release():
                set_room_occupancy_and_status(room, is_occupied=False)
            return release
        """,
        config=make_config(**{"import-style": "local"}),
        codemods=ONLY,
    )


def test_existing_local_import_is_not_duplicated_at_top_level() -> None:
    check_transformed(
        """\
        def start_cleaning(room):
            from housekeeping.services import set_room_occupancy_and_status

            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        """\
        def start_cleaning(room):
            from housekeeping.services import set_room_occupancy_and_status

            set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
        """,
        codemods=ONLY,
    )


def test_existing_top_level_import_is_not_duplicated_locally() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def start_cleaning(room):
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def start_cleaning(room):
            set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
        """,
        path="rooms/models.py",
        codemods=ONLY,
    )


def test_existing_alias_of_the_writer_is_reused() -> None:
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status as set_state


        def start_cleaning(room):
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status as set_state


        def start_cleaning(room):
            set_state(room, status="CLEANING_IN_PROGRESS")
        """,
        codemods=ONLY,
    )


def test_local_alias_is_used_only_where_it_is_imported() -> None:
    check_transformed(
        """\
        from rooms.models import Room


        def start_cleaning(room):
            from housekeeping.services import set_room_occupancy_and_status as set_state

            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()


        def finish_cleaning(room):
            room.room_status = "READY_FOR_GUEST"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        def start_cleaning(room):
            from housekeeping.services import set_room_occupancy_and_status as set_state

            set_state(room, status="CLEANING_IN_PROGRESS")


        def finish_cleaning(room):
            set_room_occupancy_and_status(room, status="READY_FOR_GUEST")
        """,
        codemods=ONLY,
    )


def test_new_import_block_is_separated_like_black() -> None:
    check_transformed(
        """\
        def start_cleaning(room):
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def start_cleaning(room):
            set_room_occupancy_and_status(room, status="CLEANING_IN_PROGRESS")
        """,
        codemods=ONLY,
    )


def test_every_rewrite_gets_a_review_note() -> None:
    result = run_source(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def start_cleaning(room):
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["persists-earlier", "save-removed", "status-validated"]


@pytest.mark.parametrize("width", [88, 89])
def test_the_hugged_arguments_line_may_be_exactly_the_line_length(width: int) -> None:
    # Two writes merged: the call's arguments are longer than either original line, which stay
    # under the limit. The arguments go one indent further in than the method's body.
    hugged = '            self.reservation.assigned_room, is_occupied=False, status=""'
    padding = "X" * (width - len(hugged))
    hugged = hugged[:-1] + padding + '"'
    result = run_source(
        f"""\
        from housekeeping.services import set_room_occupancy_and_status


        class CheckoutView(APIView):
            def finish(self):
                self.reservation.assigned_room.is_occupied = False
                self.reservation.assigned_room.room_status = "{padding}"
                self.reservation.assigned_room.save()
        """,
        codemods=ONLY,
    )
    assert max(len(line) for line in result.old_source.splitlines()) <= 88
    assert len(hugged) == width
    assert (hugged + "\n" in result.new_source) is (width <= 88)
    if width > 88:
        assert "            self.reservation.assigned_room,\n" in result.new_source


def test_assignments_that_feed_a_bulk_update_are_left_with_it() -> None:
    # Rewriting the loop's assignments would save each row at once, and the bulk_update() would
    # then write the instances' copies again.
    result = check_noop(
        """\
        from rooms.models import Room


        def mark_dirty(rooms):
            for room in rooms:
                room.room_status = "CHECKOUT_DIRTY"
            Room.objects.bulk_update(rooms, ["room_status"])
        """,
        codemods=ONLY,
    )
    assert "feeds-bulk-update" in codes(result)


def test_assignments_of_another_field_than_the_bulk_update_are_rewritten() -> None:
    check_transformed(
        """\
        from rooms.models import Room


        def mark_dirty(rooms, room):
            room.is_occupied = False
            Room.objects.bulk_update(rooms, ["room_status"])
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        def mark_dirty(rooms, room):
            set_room_occupancy_and_status(room, is_occupied=False)
            Room.objects.bulk_update(rooms, ["room_status"])
        """,
        codemods=ONLY,
    )


# -- update_fields after writes in every kind of block (defect 14 of issue 16) -----------------


@pytest.mark.parametrize(
    ("body", "trimmed"),
    [
        pytest.param(
            """\
            match kind:
                case "out":
                    room.room_status = "OUT_OF_ORDER"
                case _:
                    room.room_status = "CHECKOUT_DIRTY"
            """,
            True,
            id="match-every-case-writes",
        ),
        pytest.param(
            """\
            match kind:
                case "out":
                    room.room_status = "OUT_OF_ORDER"
                case "dirty":
                    room.room_status = "CHECKOUT_DIRTY"
            """,
            False,
            id="match-without-catch-all",
        ),
        pytest.param(
            """\
            if kind:
                room.room_status = "OUT_OF_ORDER"
            elif other:
                room.room_status = "CHECKOUT_DIRTY"
            else:
                room.room_status = "MAINTENANCE_REQUIRED"
            """,
            True,
            id="if-elif-else-every-branch-writes",
        ),
        pytest.param(
            """\
            if kind:
                room.room_status = "OUT_OF_ORDER"
            elif other:
                room.room_status = "CHECKOUT_DIRTY"
            """,
            False,
            id="if-elif-without-else",
        ),
        pytest.param(
            """\
            try:
                room.room_status = "OUT_OF_ORDER"
            except ValueError:
                room.room_status = "CHECKOUT_DIRTY"
            """,
            True,
            id="try-and-its-handler-write",
        ),
        pytest.param(
            """\
            try:
                room.room_status = "OUT_OF_ORDER"
            except ValueError:
                log(kind)
            """,
            False,
            id="try-whose-handler-does-not-write",
        ),
        pytest.param(
            """\
            try:
                log(kind)
            finally:
                room.room_status = "OUT_OF_ORDER"
            """,
            True,
            id="finally-writes",
        ),
        pytest.param(
            """\
            with lock(kind):
                room.room_status = "OUT_OF_ORDER"
            """,
            True,
            id="with",
        ),
        pytest.param(
            """\
            for _ in kind:
                room.room_status = "OUT_OF_ORDER"
            """,
            False,
            id="for-may-run-zero-times",
        ),
        pytest.param(
            """\
            def later():
                room.room_status = "OUT_OF_ORDER"
                room.save()
            """,
            False,
            id="nested-function-may-never-run",
        ),
    ],
)
def test_update_fields_after_writes_in_blocks(body: str, trimmed: bool) -> None:
    import textwrap

    source = (
        "def release(room, kind, other, note):\n"
        "    room.note = note\n"
        + textwrap.indent(textwrap.dedent(body), "    ")
        + '    room.save(update_fields=["room_status", "note"])\n'
    )
    result = run_source(source, codemods=ONLY)
    assert result.new_source is not None
    expected = 'room.save(update_fields=["note"])' if trimmed else 'room.save(update_fields=["room_status", "note"])'
    assert expected in result.new_source, result.new_source
    compile(result.new_source, "<after>", "exec")


# -- who acted (defect 13 of issue 16) ---------------------------------------------------------

SETTER_WITH_ACTOR = ("room", "to_status", "changed_by", "note")


def test_a_status_change_in_a_handler_names_the_user_who_acted() -> None:
    result = check_transformed(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @transaction.atomic
        def close_room(request, pk):
            room = get_room(pk)
            room.room_status = "OUT_OF_ORDER"
            room.save()
        """,
        """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @transaction.atomic
        def close_room(request, pk):
            room = get_room(pk)
            set_room_occupancy_and_status(room, status="OUT_OF_ORDER", changed_by=request.user)
        """,
        codemods=ONLY,
        setter_parameters=SETTER_WITH_ACTOR,
    )
    assert "actor-passed" in codes(result)


@pytest.mark.parametrize(
    ("source", "parameters"),
    [
        pytest.param(
            """\
            def close_room(room):
                room.room_status = "OUT_OF_ORDER"
                room.save()
            """,
            SETTER_WITH_ACTOR,
            id="not-a-handler",
        ),
        pytest.param(
            """\
            from rest_framework.decorators import api_view


            @api_view(["POST"])
            def close_room(request, pk):
                room = get_room(pk)
                room.is_occupied = False
                room.save()
            """,
            SETTER_WITH_ACTOR,
            id="occupancy-only",
        ),
        pytest.param(
            """\
            from rest_framework.decorators import api_view


            @api_view(["POST"])
            def close_room(request, pk):
                room = get_room(pk)
                room.room_status = "OUT_OF_ORDER"
                room.save()
            """,
            ("room", "to_status", "note"),
            id="setter-without-an-actor",
        ),
    ],
)
def test_no_actor_is_passed(source: str, parameters: tuple[str, ...]) -> None:
    result = run_source(source, codemods=ONLY, setter_parameters=parameters)
    assert result.new_source is not None
    assert "request.user" not in result.new_source
    assert "actor-passed" not in codes(result)


def test_a_split_pair_in_an_atomic_function_adds_no_block() -> None:
    check_transformed(
        """\
        from django.db import transaction


        @transaction.atomic
        def check_out(room):
            room.is_occupied = False
            log(room)
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
        """,
        """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def check_out(room):
            set_room_occupancy_and_status(room, is_occupied=False)
            log(room)
            set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")
            room.save()
        """,
        codemods=ONLY,
    )


def test_pair_split_by_a_use_of_the_row_s_key_is_merged_at_the_second_write() -> None:
    # `update(room=room)` hands the row on by its key: it reads no state. One call, where the
    # original's pair was complete: never two commits with half of the pair in between.
    check_transformed(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_in(room, booking):
            room.is_occupied = True
            Guest.objects.filter(booking=booking).update(room=room)
            room.room_status = "OCCUPIED"
            room.save()
        """,
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def check_in(room, booking):
            Guest.objects.filter(booking=booking).update(room=room)
            set_room_occupancy_and_status(room, is_occupied=True, status="OCCUPIED")
        """,
        codemods=ONLY,
    )


@pytest.mark.parametrize(
    "between",
    [
        pytest.param("Guest.objects.filter(booking=booking).update(room=room, name=room.name)", id="reads-the-row"),
        pytest.param("notify(room)", id="hands-the-row-to-a-call"),
        pytest.param("flag = Guest.objects.filter(booking=booking).update(room=room)", id="rebinds-the-first-value"),
    ],
)
def test_pair_split_by_more_than_the_row_s_key_is_not_merged_late(between: str) -> None:
    result = run_source(
        f"""\
        def check_in(room, booking, flag):
            room.is_occupied = flag
            {between}
            room.room_status = "OCCUPIED"
            room.save()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert "set_room_occupancy_and_status(room, is_occupied=flag)" in result.new_source
    assert "split-pair-atomic" in codes(result)


# -- a row deleted in the same request (defect 11 of issue 16) ----------------------------------


def test_writes_just_before_the_row_is_deleted_in_a_transaction_are_left() -> None:
    # Through the writer, the status setter would record and announce (on commit) a transition
    # of a row that is gone by then; in one transaction the write and the delete land together.
    result = check_transformed(
        """\
        from django.db import transaction


        @transaction.atomic
        def retire(room):
            room.is_occupied = False
            room.room_status = "CHECKOUT_DIRTY"  # for the tablets
            room.save()
            notify(room)
            room.delete()
        """,
        """\
        from django.db import transaction


        @transaction.atomic
        def retire(room):
            room.is_occupied = False  # room-refactor: ignore (deleted below)
            room.room_status = "CHECKOUT_DIRTY"  # for the tablets
            room.save()
            notify(room)
            room.delete()
        """,
        codemods=ONLY,
    )
    # A line with a comment of its own keeps it: that write stays a bypass, with the note.
    assert codes(result).count("deleted-after-write") == 2


def test_writes_before_a_delete_outside_a_transaction_are_rewritten() -> None:
    result = run_source(
        """\
        def retire(room):
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
            room.delete()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert 'set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")' in result.new_source
    assert "deleted-after-write" not in codes(result)


def test_a_decision_before_writes_kept_for_a_delete_is_locked_once() -> None:
    check_transformed(
        """\
        from django.db import transaction


        @transaction.atomic
        def retire(room):
            if room.guests_in_room.exists():
                return False
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
            room.delete()
            return True
        """,
        """\
        from django.db import transaction
        from housekeeping.services import lock_room_rows


        @transaction.atomic
        def retire(room):
            lock_room_rows(room)  # lock the row before deciding
            if room.guests_in_room.exists():
                return False
            room.room_status = "CHECKOUT_DIRTY"  # room-refactor: ignore (deleted below)
            room.save()
            room.delete()
            return True
        """,
        codemods=ONLY,
    )


# -- a queryset delete of the written rows (defect 11 of issue 16) -------------------------------


def test_writes_in_a_loop_whose_rows_a_pk_filter_deletes_after_it_are_left() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from rooms.models import Room


        @transaction.atomic
        def close_all(ids):
            rooms = list(Room.objects.filter(pk__in=ids))
            for room in rooms:
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
                notify(room)
            deleted = [room.pk for room in rooms]
            Room.objects.filter(pk__in=deleted).delete()
            return deleted
        """,
        """\
        from django.db import transaction

        from rooms.models import Room


        @transaction.atomic
        def close_all(ids):
            rooms = list(
                Room.objects.filter(pk__in=ids).select_for_update(of=("self",)).order_by("pk")
            )
            for room in rooms:
                room.room_status = "CHECKOUT_DIRTY"  # room-refactor: ignore (deleted below)
                room.save()
                notify(room)
            deleted = [room.pk for room in rooms]
            Room.objects.filter(pk__in=deleted).delete()
            return deleted
        """,
        codemods=ONLY,
    )
    # The rows the query picked are still locked in it: what the loop decides guards the delete.
    assert codes(result) == ["deleted-after-write", "locked-in-query"]


_LOOP_THEN_DELETE = """\
    from django.db import transaction

    from guests.models import Guest
    from rooms.models import Room


    @transaction.atomic
    def close_all(hotel, ids, other_ids, confirm):
        rooms = {rooms}
        for room in rooms:
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
        {between}
        {delete}
    """


@pytest.mark.parametrize(
    ("rooms", "between", "delete"),
    [
        pytest.param("list(Room.objects.filter(pk__in=ids))", "", "Room.objects.filter(pk__in=[r.pk for r in rooms]).delete()",
                     id="inline-pks"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "", "Room.objects.filter(id__in={r.id for r in rooms}).delete()",
                     id="a-set-of-ids"),
        pytest.param("Room.objects.filter(hotel=hotel)", "", "rooms.delete()", id="the-loop-s-queryset"),
        pytest.param("Room.objects.filter(hotel=hotel)", "", "count, _ = rooms.delete()", id="its-count-kept"),
        pytest.param("Room.objects.filter(hotel=hotel)", "notify(hotel)", "return rooms.delete()", id="returned"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "done = [room.pk for room in rooms]",
                     "Room.objects.all().filter(pk__in=done).delete()", id="through-all"),
    ],
)
def test_a_queryset_delete_of_the_loop_s_rows_is_recognised(rooms: str, between: str, delete: str) -> None:
    result = run_source(_LOOP_THEN_DELETE.format(rooms=rooms, between=between or "pass", delete=delete), codemods=ONLY)
    assert result.new_source is not None
    assert 'room.room_status = "CHECKOUT_DIRTY"  # room-refactor: ignore (deleted below)' in result.new_source
    assert "set_room_occupancy_and_status" not in result.new_source
    assert "deleted-after-write" in codes(result)


@pytest.mark.parametrize(
    ("rooms", "between", "delete"),
    [
        pytest.param("list(Room.objects.filter(pk__in=ids))", "deleted = [room.pk for room in rooms]",
                     "Guest.objects.filter(pk__in=deleted).delete()", id="another-model"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "", "Room.objects.filter(pk__in=other_ids).delete()",
                     id="another-filter"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "", "Room.objects.filter(hotel=hotel).delete()",
                     id="a-filter-that-may-include-them"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "deleted = [room.pk for room in rooms]",
                     "Room.objects.filter(pk__in=deleted, is_active=True).delete()", id="a-narrower-filter"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "deleted = [room.pk for room in rooms if room.is_active]",
                     "Room.objects.filter(pk__in=deleted).delete()", id="only-some-pks"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "deleted = [room.pk for room in rooms]",
                     "if confirm: Room.objects.filter(pk__in=deleted).delete()", id="in-another-branch"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "if confirm: return",
                     "Room.objects.filter(pk__in=[r.pk for r in rooms]).delete()", id="after-a-return"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "", "room.delete()", id="the-last-row-only"),
        pytest.param("Room.objects.filter(room_status='CLEANED')", "", "rooms.delete()",
                     id="a-queryset-that-reads-the-written-field"),
        pytest.param("list(Room.objects.filter(pk__in=ids))", "", "rooms.delete()", id="a-list-has-no-delete"),
        pytest.param("Room.objects.filter(hotel=hotel)", "rooms = Room.objects.filter(pk__in=other_ids)",
                     "rooms.delete()", id="rebound"),
    ],
)
def test_a_delete_that_may_not_include_the_loop_s_rows_is_not_recognised(rooms: str, between: str, delete: str) -> None:
    result = run_source(_LOOP_THEN_DELETE.format(rooms=rooms, between=between or "pass", delete=delete), codemods=ONLY)
    assert result.new_source is not None
    assert 'set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")' in result.new_source
    assert "deleted below" not in result.new_source
    assert "deleted-after-write" not in codes(result)


def test_a_pk_filter_delete_of_the_written_row_is_recognised() -> None:
    result = run_source(
        """\
        from django.db import transaction

        from rooms.models import Room


        @transaction.atomic
        def retire(room):
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
            Room.objects.filter(pk=room.pk).delete()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert 'room.room_status = "CHECKOUT_DIRTY"  # room-refactor: ignore (deleted below)' in result.new_source


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param("Room.objects.filter(pk=other.pk).delete()", id="another-row"),
        pytest.param("Room.objects.filter(pk=room.pk, is_active=False).delete()", id="a-narrower-filter"),
        pytest.param("Room.objects.exclude(pk=room.pk).delete()", id="exclude"),
        pytest.param("Booking.objects.filter(pk=room.pk).delete()", id="another-model"),
    ],
)
def test_a_delete_of_something_else_than_the_written_row_is_not_recognised(delete: str) -> None:
    result = run_source(
        f"""\
        from django.db import transaction

        from room_bookings.models import Booking
        from rooms.models import Room


        @transaction.atomic
        def retire(room, other):
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
            {delete}
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert 'set_room_occupancy_and_status(room, status="CHECKOUT_DIRTY")' in result.new_source
    assert "deleted-after-write" not in codes(result)


def test_the_loop_s_own_query_written_again_and_deleted_is_recognised() -> None:
    result = run_source(
        """\
        from django.db import transaction

        from rooms.models import Room


        @transaction.atomic
        def close_hotel(hotel):
            for room in Room.objects.filter(hotel=hotel):
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
            Room.objects.filter(hotel=hotel).delete()
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert 'room.room_status = "CHECKOUT_DIRTY"  # room-refactor: ignore (deleted below)' in result.new_source


@pytest.mark.parametrize(
    ("loop", "between", "delete"),
    [
        pytest.param("Room.objects.filter(hotel=hotel)", "hotel = other", "Room.objects.filter(hotel=hotel).delete()",
                     id="a-name-of-the-query-bound-again"),
        pytest.param("Room.objects.filter(room_status='OCCUPIED')", "pass",
                     "Room.objects.filter(room_status='OCCUPIED').delete()", id="the-query-reads-the-written-field"),
        pytest.param("Room.objects.filter(hotel=hotel)", "pass", "Room.objects.filter(hotel=other).delete()",
                     id="another-filter"),
    ],
)
def test_the_loop_s_query_is_not_taken_for_another_delete(loop: str, between: str, delete: str) -> None:
    result = run_source(
        f"""\
        from django.db import transaction

        from rooms.models import Room


        @transaction.atomic
        def close_hotel(hotel, other):
            for room in {loop}:
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
            {between}
            {delete}
        """,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert "deleted below" not in result.new_source
