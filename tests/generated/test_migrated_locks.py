"""The locks `migrate` adds, run: functions migrated by the real rewrite, executed against the
example's database with the generated writer and lock helper (SQLite here; under
scripts/with-postgres, tests/postgres/test_generated_code.py runs them again, where every
`SELECT ... FOR UPDATE` is counted).

Issue 16, defect 9 ("new locks deadlock"; lock only when the decision needs it): each of these
fails on the rewrite before the fix, which locked a row the function held already (and so read
its fields again, dropping an assignment made in between), locked the rows of a list one per
turn of the loop, in the list's order, and locked again in the loop the rows its query had
locked.
"""

from __future__ import annotations

import textwrap
from typing import Any, Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from room_refactor.model import Status
from tests.generated.rendered import rendered
from tests.tools import run_source

pytestmark = pytest.mark.django_db


def migrated(source: str, name: str) -> tuple[Callable[..., Any], list[tuple[Any, ...]], str]:
    """`name` from `source` after `migrate`, bound to the generated writer and a lock helper that
    records the rows each call locks (their pks, in the order given)."""
    result = run_source(source, path="rooms/services.py", codemods=("rewrite-writes", "add-atomic"))
    assert result.status is Status.CHANGED, (result.status, result.error)
    code = result.new_source or ""
    module = rendered("without-setter")
    calls: list[tuple[Any, ...]] = []

    def lock_room_rows(*rooms: Any) -> Any:
        calls.append(tuple(room.pk for room in rooms))
        return module.lock_room_rows(*rooms)

    namespace: dict[str, Any] = {"lock_room_rows": lock_room_rows, "set_room_occupancy_and_status": module.write}
    kept = "\n".join(line for line in code.splitlines() if not line.startswith("from housekeeping.services import"))
    exec(compile(kept, "<migrated>", "exec"), namespace)
    return namespace[name], calls, code


def row_locks(queries: Any) -> list[str]:
    """The statements that lock rows (none on SQLite, which has no row locks)."""
    return [query["sql"] for query in queries if "FOR UPDATE" in query["sql"].upper()]


@pytest.fixture
def hotel(db: Any) -> Any:
    from hotel.models import Hotel

    return Hotel.objects.create(name="Harbour View", slug="harbour-view")


def make(hotel: Any, number: str, **fields: Any) -> Any:
    from rooms.models import Room

    return Room.objects.create(hotel=hotel, room_number=number, **fields)


def test_a_row_locked_before_one_decision_is_not_locked_again_before_the_next(hotel: Any) -> None:
    from rooms.models import Room

    close, calls, code = migrated(
        textwrap.dedent(
            """\
            from django.db import transaction


            @transaction.atomic
            def close(room):
                if room.is_occupied:
                    room.is_occupied = False
                room.is_active = False  # retired: assigned between the two decisions
                if room.room_status != "OUT_OF_ORDER":
                    room.room_status = "OUT_OF_ORDER"
                room.save()
            """
        ),
        "close",
    )
    assert code.count("lock_room_rows(room)") == 1, code
    room = make(hotel, "101", is_occupied=True, room_status="OCCUPIED")

    with CaptureQueriesContext(connection) as queries:
        close(Room.objects.get(pk=room.pk))

    assert calls == [(room.pk,)]
    if connection.features.has_select_for_update:
        assert len(row_locks(queries)) == 3  # the lock before the first decision, and each writer call's
    room.refresh_from_db()
    # A second lock read every field again: is_active=False was dropped, and the trimmed save()
    # wrote the committed True back.
    assert (room.is_occupied, room.room_status, room.is_active) == (False, "OUT_OF_ORDER", False)


def test_the_rows_of_a_list_decided_in_a_loop_are_locked_in_one_query_in_pk_order(hotel: Any) -> None:
    from rooms.models import Room

    release, calls, code = migrated(
        textwrap.dedent(
            """\
            from django.db import transaction

            from rooms.models import Room


            @transaction.atomic
            def release(numbers):
                rooms = [Room.objects.get(room_number=number) for number in numbers]
                for room in rooms:
                    if not room.guests_in_room.exists():
                        room.is_occupied = False
                        room.save()
                return rooms
            """
        ),
        "release",
    )
    assert "lock_room_rows(*rooms)" in code, code
    first, second, third = (make(hotel, number, is_occupied=True, room_status="OCCUPIED") for number in "123")

    with CaptureQueriesContext(connection) as queries:
        release(["3", "1", "2"])  # not in pk order

    assert calls == [(third.pk, first.pk, second.pk)]  # one call, before the loop
    if connection.features.has_select_for_update:
        locks = row_locks(queries)
        assert len(locks) == 1 + 3, locks  # the rows together, then each writer call's
        assert "ORDER BY" in locks[0].upper() and " IN (" in locks[0].upper()
    assert not Room.objects.filter(is_occupied=True).exists()


def test_the_rows_a_loop_s_query_locked_are_not_locked_again_in_the_loop(hotel: Any) -> None:
    from rooms.models import Room

    reopen, calls, code = migrated(
        textwrap.dedent(
            """\
            from django.db import transaction

            from rooms.models import Room


            @transaction.atomic
            def reopen(hotel):
                for room in Room.objects.filter(hotel=hotel):
                    if room.room_status == "OUT_OF_ORDER":
                        room.room_status = "CHECKOUT_DIRTY"
                        room.save()
            """
        ),
        "reopen",
    )
    assert ".select_for_update(" in code and "lock_room_rows(" not in code.split("def reopen")[1], code
    make(hotel, "1", room_status="OUT_OF_ORDER")
    make(hotel, "2", room_status="OUT_OF_ORDER")

    with CaptureQueriesContext(connection) as queries:
        reopen(hotel)

    assert calls == []
    if connection.features.has_select_for_update:
        assert len(row_locks(queries)) == 1 + 2  # the query, then each writer call's
    assert set(Room.objects.values_list("room_status", flat=True)) == {"CHECKOUT_DIRTY"}


def test_a_guest_without_a_room_locks_nothing(hotel: Any) -> None:
    """Guest.delete() as the example migrates it: without a room there is no decision, and no lock."""
    delete, calls, code = migrated(
        textwrap.dedent(
            """\
            def delete_guest(guest):
                if guest.room is not None:
                    if guest.room.guests_in_room.count() == 1:
                        guest.room.is_occupied = False
                        guest.room.save(update_fields=["is_occupied", "updated_at"])
                return guest.delete()
            """
        ),
        "delete_guest",
    )
    from guests.models import Guest

    guest = Guest.objects.create(name="Ada Lovelace")
    with CaptureQueriesContext(connection) as queries:
        delete(guest)
    assert calls == [] and row_locks(queries) == []
    assert not Guest.objects.exists()
