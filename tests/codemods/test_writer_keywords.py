"""`rewrite-writes` and the writer's `row_locked=` and `full_save=` (the variants without a status
setter take them): a migrated write costs the original path plus one locked read.

- `row_locked=True` where the function already holds the row lock: the lock the rewrite takes
  before a decision (`lock_room_rows(room)`, which also reads the instance again), or a row read
  with `select_for_update()` in the same transaction. The writer then takes no second lock.
- `full_save=True` where a plain `save()` of the instance comes right after its writes and has
  to stay a full save (the instance is `self`, whose caller may have set other fields in memory,
  or the model has save signal receivers): the writer does that save, every field, under its
  lock, instead of saving the state fields and leaving the full save to follow.

Both only for a writer whose parameters have them: a team's own writer without them gets the
calls it got before.
"""

from __future__ import annotations

import textwrap

import pytest

from tests.tools import check_transformed, codes, make_config, run_source

ONLY = ("rewrite-writes",)
KEYWORDS = ("room", "is_occupied", "status", "row_locked", "full_save")
NO_SETTER = make_config(**{"status-setter": ""})


def migrated(source: str, **options: object) -> str:
    result = run_source(source, config=NO_SETTER, codemods=ONLY, writer_parameters=KEYWORDS, **options)  # type: ignore[arg-type]
    assert result.new_source is not None, (result.status, result.error, result.notes)
    return result.new_source


# -- what changes ---------------------------------------------------------------------------------


def test_a_write_after_the_lock_before_its_decision_takes_no_second_lock() -> None:
    result = check_transformed(
        """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status


        @transaction.atomic
        def release(room):
            if room.guests_in_room.count() == 0:
                room.is_occupied = False
                room.save(update_fields=["is_occupied"])
        """,
        """\
        from django.db import transaction

        from housekeeping.services import lock_room_rows, set_room_occupancy_and_status


        @transaction.atomic
        def release(room):
            lock_room_rows(room)  # lock the row before deciding
            if room.guests_in_room.count() == 0:
                set_room_occupancy_and_status(room, is_occupied=False, row_locked=True)
        """,
        config=NO_SETTER, codemods=ONLY, writer_parameters=KEYWORDS,
    )
    assert "locked-before-decision" in codes(result)


def test_a_row_read_with_select_for_update_in_the_transaction_takes_no_second_lock() -> None:
    source = """\
        from django.db import transaction

        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        def release(pk):
            with transaction.atomic():
                room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = False
                room.save(update_fields=["is_occupied"])
        """
    assert "set_room_occupancy_and_status(room, is_occupied=False, row_locked=True)" in migrated(source)


def test_the_save_of_self_right_after_the_write_is_the_writer_s() -> None:
    """The model method's caller may have set other fields in memory: the full save stays, as
    the writer's own, so that the row is locked and written once."""
    result = check_transformed(
        """\
        from django.db import models


        class Room(models.Model):
            is_occupied = models.BooleanField(default=False)

            def release(self):
                from housekeeping.services import set_room_occupancy_and_status

                self.is_occupied = False
                self.save()
        """,
        """\
        from django.db import models


        class Room(models.Model):
            is_occupied = models.BooleanField(default=False)

            def release(self):
                from housekeeping.services import set_room_occupancy_and_status

                set_room_occupancy_and_status(self, is_occupied=False, full_save=True)
        """,
        path="rooms/models.py", config=NO_SETTER, codemods=ONLY, writer_parameters=KEYWORDS,
    )
    assert codes(result) == ["save-folded"]  # no made-atomic: one save, in the writer's transaction


def test_a_pair_right_before_the_save_folds_it_into_one_call() -> None:
    source = """\
        from django.db import models


        class Room(models.Model):
            is_occupied = models.BooleanField(default=False)

            def check_in(self):
                from housekeeping.services import set_room_occupancy_and_status

                self.is_occupied = True
                self.room_status = "OCCUPIED"
                self.save()
        """
    out = migrated(source, path="rooms/models.py")
    assert "set_room_occupancy_and_status(\n" in out or "full_save=True)" in out
    assert "full_save=True" in out and "self.save()" not in out


def test_lock_then_decide_then_save_of_self_is_one_lock_and_one_save() -> None:
    """`mark_as_read()`: the lock before the decision holds the row, the writer does the save."""
    check_transformed(
        """\
        from django.db import models


        class Room(models.Model):
            is_occupied = models.BooleanField(default=False)

            def release(self):
                from housekeeping.services import set_room_occupancy_and_status

                if self.is_occupied:
                    self.is_occupied = False
                    self.save()
        """,
        """\
        from django.db import models, transaction


        class Room(models.Model):
            is_occupied = models.BooleanField(default=False)

            def release(self):
                from housekeeping.services import lock_room_rows
                from housekeeping.services import set_room_occupancy_and_status

                with transaction.atomic():
                    lock_room_rows(self)  # lock the row before deciding
                    if self.is_occupied:
                        set_room_occupancy_and_status(
                            self, is_occupied=False, row_locked=True, full_save=True
                        )
        """,
        path="rooms/models.py", config=NO_SETTER, codemods=ONLY, writer_parameters=KEYWORDS,
    )


# -- what must not change -------------------------------------------------------------------------


def test_a_writer_without_the_keywords_gets_the_calls_it_got_before() -> None:
    source = """\
        from django.db import models


        class Room(models.Model):
            is_occupied = models.BooleanField(default=False)

            def release(self):
                from housekeeping.services import set_room_occupancy_and_status

                if self.is_occupied:
                    self.is_occupied = False
                    self.save()
        """
    result = run_source(source, path="rooms/models.py", config=NO_SETTER, codemods=ONLY,
                        writer_parameters=("room", "is_occupied", "status"))
    assert result.new_source is not None
    assert "row_locked" not in result.new_source and "full_save" not in result.new_source
    assert "self.save()" in result.new_source


def test_an_unlocked_write_gets_no_row_locked() -> None:
    out = migrated(
        """\
        from housekeeping.services import set_room_occupancy_and_status


        def release(room):
            room.is_occupied = False
            room.save(update_fields=["is_occupied"])
        """
    )
    assert "row_locked" not in out


MODEL_METHOD = """\
from django.db import models


class Room(models.Model):
    is_occupied = models.BooleanField(default=False)

    def release(self, *args):
        from housekeeping.services import set_room_occupancy_and_status

"""


@pytest.mark.parametrize(
    "body, kept",
    [
        pytest.param("self.is_occupied = False\nself.note = args[0]\nself.save()\n", "self.save()",
                     id="another-statement-between"),
        pytest.param('self.is_occupied = False\nself.save(using="replica")\n', 'self.save(using="replica")',
                     id="a-save-with-arguments"),
        pytest.param('self.room_status = "CHECKOUT_DIRTY"\nif args:\n    self.is_occupied = False\nself.save()\n',
                     "self.save()", id="a-write-in-another-block"),
    ],
)
def test_a_save_that_is_not_right_after_the_writes_is_not_folded(body: str, kept: str) -> None:
    out = migrated(MODEL_METHOD + textwrap.indent(body, "        "), path="rooms/models.py")
    assert "full_save" not in out and kept in out


def test_a_plain_save_of_a_local_instance_is_still_removed_not_folded() -> None:
    """Without signals and not `self`: the writer saved the state fields and the function set no
    other, so the save goes (a full save would write the instance's stale copies back)."""
    result = run_source(
        """\
        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        def release(pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        config=NO_SETTER, codemods=ONLY, writer_parameters=KEYWORDS,
    )
    assert result.new_source is not None and "full_save" not in result.new_source
    assert "save-removed" in codes(result)
