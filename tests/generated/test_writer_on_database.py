"""The generated writer and lock helper, run against the example project's database (SQLite
here; tests/postgres/test_generated_code.py runs the concurrency cases on PostgreSQL).

Each test names the defect of issue 16 it pins; each fails on the writer the scaffold generated
before (the pair saved in one UPDATE before the setter, `pk is None`, `Room.objects`, no
copy-back of `updated_at`, three UPDATEs for a pair).
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from tests.generated.rendered import rendered

pytestmark = pytest.mark.django_db

WITH_A_SETTER = ["with-setter", "setter-of-both"]
EVERY_VARIANT = ["without-setter", *WITH_A_SETTER]


@pytest.fixture
def make_room(db):
    from hotel.models import Hotel
    from rooms.models import Room

    hotel = Hotel.objects.create(name="Harbour View", slug="harbour-view")

    def make(number="101", *, is_occupied=False, room_status="READY_FOR_GUEST"):
        return Room.objects.create(hotel=hotel, room_number=number, is_occupied=is_occupied, room_status=room_status)

    return make


def _state(room):
    room.refresh_from_db()
    return room.is_occupied, room.room_status


def _statements(queries, verb: str) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(verb)]


# -- defect 1: the setter runs first, on the locked row, with the real from-status -------------


@pytest.mark.parametrize("variant", WITH_A_SETTER)
def test_a_pair_cannot_make_a_forbidden_transition(variant, make_room) -> None:
    room = make_room(room_status="CHECKOUT_DIRTY")
    with pytest.raises(ValueError, match="cannot go from CHECKOUT_DIRTY to OCCUPIED"):
        rendered(variant).write(room, is_occupied=True, status="OCCUPIED")
    assert _state(room) == (False, "CHECKOUT_DIRTY")


@pytest.mark.parametrize("variant", WITH_A_SETTER)
def test_a_pair_records_the_real_transition(variant, make_room, django_capture_on_commit_callbacks) -> None:
    from hotel.models import RealtimeEvent
    from housekeeping.models import RoomStatusEvent

    room = make_room()
    with django_capture_on_commit_callbacks(execute=True):
        rendered(variant).write(room, is_occupied=True, status="OCCUPIED")
    assert _state(room) == (True, "OCCUPIED")
    events = RoomStatusEvent.objects.filter(room=room)
    assert [(e.from_status, e.to_status) for e in events] == [("READY_FOR_GUEST", "OCCUPIED")]
    pushed = RealtimeEvent.objects.get(event="room-status-changed")
    assert (pushed.payload["from_status"], pushed.payload["to_status"]) == ("READY_FOR_GUEST", "OCCUPIED")


# -- defect 15: a new instance with a preset pk -------------------------------------------------


@pytest.mark.parametrize("variant", EVERY_VARIANT)
def test_a_new_instance_with_a_preset_pk_is_set_in_memory(variant, make_room) -> None:
    from rooms.models import Room

    hotel = make_room().hotel
    room = Room(pk=4242, hotel=hotel, room_number="999")
    with CaptureQueriesContext(connection) as queries:
        returned = rendered(variant).write(room, is_occupied=True, status="OCCUPIED")
    assert returned is room and len(queries) == 0
    room.save()
    assert _state(room) == (True, "OCCUPIED")


# -- defect 12: every field the writer or the setter saved is copied back ----------------------


@pytest.mark.parametrize("variant", EVERY_VARIANT)
@pytest.mark.parametrize("kwargs", [{"is_occupied": True}, {"is_occupied": True, "status": "OCCUPIED"}])
def test_the_caller_gets_the_saved_updated_at(variant, kwargs, make_room) -> None:
    from rooms.models import Room

    room = make_room()
    Room.objects.filter(pk=room.pk).update(updated_at=room.updated_at.replace(year=2001))
    room.refresh_from_db()
    rendered(variant).write(room, **kwargs)
    stored = Room.objects.get(pk=room.pk)
    assert stored.updated_at.year != 2001, "the writer did not save the auto_now field"
    assert room.updated_at == stored.updated_at
    assert (room.is_occupied, room.room_status) == (stored.is_occupied, stored.room_status)


# -- defect 10: the writer's own cost ----------------------------------------------------------


@pytest.mark.parametrize("kwargs", [{"is_occupied": False}, {"status": "CHECKOUT_DIRTY"},
                                    {"is_occupied": False, "status": "CHECKOUT_DIRTY"}])
def test_without_a_setter_the_writer_is_one_locked_read_and_one_update(kwargs, make_room) -> None:
    room = make_room(is_occupied=True, room_status="OCCUPIED")
    saved = []
    post_save.connect(receiver := lambda sender, instance, **_: saved.append(instance), weak=False)
    try:
        with CaptureQueriesContext(connection) as queries:
            rendered("without-setter").write(room, **kwargs)
    finally:
        post_save.disconnect(receiver)
    assert len(_statements(queries, "SELECT")) == 1
    assert len(_statements(queries, "UPDATE")) == 1
    assert len(saved) == 1


@pytest.mark.parametrize("variant", ["without-setter", "one-field"])
def test_without_a_setter_the_writer_opens_no_savepoint_in_the_caller_s_transaction(variant, make_room) -> None:
    """As save() does not: in a transaction (a request under ATOMIC_REQUESTS, a TestCase), the
    writer costs its locked read and its UPDATE, nothing else."""
    room = make_room(is_occupied=True, room_status="OCCUPIED")
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        rendered(variant).write(room, status="CHECKOUT_DIRTY")
    assert [q["sql"].split()[0].upper() for q in queries] == ["SELECT", "UPDATE"]
    assert _state(room)[1] == "CHECKOUT_DIRTY"


@pytest.mark.parametrize("variant", [*EVERY_VARIANT, "one-field"])
def test_a_caller_that_catches_a_deleted_row_keeps_a_usable_transaction(variant, make_room) -> None:
    from rooms.models import Room

    room = make_room()
    Room.objects.filter(pk=room.pk).delete()
    with transaction.atomic():
        with pytest.raises(Room.DoesNotExist):
            rendered(variant).write(room, status="CHECKOUT_DIRTY")
        assert not transaction.get_connection().needs_rollback
        assert Room.objects.filter(pk=room.pk).count() == 0  # the transaction still answers


def _setter_cost(make_room, number: str, setter_call) -> int:
    room = make_room(number, is_occupied=True, room_status="OCCUPIED")
    with CaptureQueriesContext(connection) as queries:
        setter_call(room)
    return len([q for q in queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))])


def _cost(queries) -> int:
    return len([q for q in queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))])


def test_with_a_setter_a_pair_costs_the_setter_plus_one_locked_read_and_one_update(make_room) -> None:
    module = rendered("with-setter")
    setter = _setter_cost(make_room, "201", lambda room: module.legacy_set_room_status(room, "CHECKOUT_DIRTY"))
    room = make_room("202", is_occupied=True, room_status="OCCUPIED")
    with CaptureQueriesContext(connection) as queries:
        module.write(room, is_occupied=False, status="CHECKOUT_DIRTY")
    assert _cost(queries) == setter + 2
    assert _state(room) == (False, "CHECKOUT_DIRTY")


def test_with_a_setter_of_both_a_pair_costs_the_setter_plus_one_locked_read(make_room) -> None:
    from housekeeping.services import set_room_status

    module = rendered("setter-of-both")
    setter = _setter_cost(make_room, "201", lambda room: set_room_status(room, "CHECKOUT_DIRTY", is_occupied=False))
    room = make_room("202", is_occupied=True, room_status="OCCUPIED")
    with CaptureQueriesContext(connection) as queries:
        module.write(room, is_occupied=False, status="CHECKOUT_DIRTY")
    assert _cost(queries) == setter + 1
    assert len(_statements(queries, "UPDATE")) == 1  # the setter's, with both fields
    assert _state(room) == (False, "CHECKOUT_DIRTY")


# -- defect 3: the lock helper refreshes every field, and locks in pk order --------------------


def test_the_lock_helper_refreshes_every_field_of_the_instance(make_room) -> None:
    from rooms.models import Room

    room = make_room()
    Room.objects.filter(pk=room.pk).update(room_number="101A", is_occupied=True, room_status="OCCUPIED")
    with transaction.atomic():  # the helper is called in a transaction (select_for_update needs one)
        rendered("without-setter").lock_room_rows(room)
    assert (room.room_number, room.is_occupied, room.room_status) == ("101A", True, "OCCUPIED")
    room.save()  # writes the committed values back, not the ones loaded before the lock
    assert Room.objects.get(pk=room.pk).room_number == "101A"


def test_the_lock_helper_locks_several_rows_in_one_query_in_pk_order(make_room) -> None:
    first, second = make_room("101"), make_room("102")
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = rendered("without-setter").lock_room_rows(second, first)
    assert _cost(queries) == 1
    assert 'ORDER BY "rooms_room"."id" ASC' in _statements(queries, "SELECT")[0]
    assert [room.pk for room in locked] == [second.pk, first.pk]


def test_the_lock_helper_skips_new_instances_and_reports_a_deleted_row(make_room) -> None:
    from rooms.models import Room

    module = rendered("without-setter")
    assert module.lock_room_rows(Room(room_number="new")) == []
    room = make_room()
    Room.objects.filter(pk=room.pk).delete()
    with pytest.raises(Room.DoesNotExist), transaction.atomic():
        module.lock_room_rows(room)


def test_the_lock_helper_forgets_a_cached_relation_that_changed(make_room) -> None:
    from hotel.models import Hotel
    from rooms.models import Room

    room = make_room()
    assert room.hotel.slug == "harbour-view"  # cached
    other = Hotel.objects.create(name="Old Town Inn", slug="old-town")
    Room.objects.filter(pk=room.pk).update(hotel=other)
    with transaction.atomic():
        rendered("without-setter").lock_room_rows(room)
    assert room.hotel.slug == "old-town"


# -- defect 8: a row deleted since it was loaded ------------------------------------------------


@pytest.mark.parametrize("variant", EVERY_VARIANT)
def test_a_deleted_row_is_does_not_exist_for_callers_and_404_for_a_view(variant, make_room) -> None:
    from django.http import Http404
    from rest_framework.views import exception_handler

    from rooms.models import Room

    module = rendered(variant)
    room = make_room()
    Room.objects.filter(pk=room.pk).delete()
    for call in (lambda: module.write(room, status="CHECKOUT_DIRTY"), lambda: module.lock_room_rows(room)):
        with pytest.raises(Room.DoesNotExist) as caught, transaction.atomic():
            call()
        assert isinstance(caught.value, Http404)
        response = exception_handler(caught.value, {})
        assert response is not None and response.status_code == 404


# -- issue 17: row_locked= and full_save=, the original path plus one locked read ---------------

WITHOUT_A_SETTER = ["without-setter", "one-field"]


@pytest.mark.parametrize("variant", WITHOUT_A_SETTER)
def test_row_locked_takes_no_second_lock(variant, make_room) -> None:
    """After the lock helper (in the same transaction), the write is its UPDATE alone."""
    module = rendered(variant)
    room = make_room(is_occupied=True, room_status="OCCUPIED")
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        module.lock_room_rows(room)
        module.write(room, status="CHECKOUT_DIRTY", row_locked=True)
    assert [q["sql"].split()[0].upper() for q in queries] == ["SELECT", "UPDATE"]
    assert "FOR UPDATE" in queries[0]["sql"] or connection.vendor == "sqlite"
    assert _state(room)[1] == "CHECKOUT_DIRTY"


@pytest.mark.parametrize("variant", WITHOUT_A_SETTER)
def test_full_save_saves_every_field_of_the_caller_s_instance_once(variant, make_room) -> None:
    """The save() it stands for wrote every field the caller had set in memory: so does the writer,
    in one UPDATE after its locked read, with the signals of a full save."""
    from rooms.models import Room

    room = make_room(is_occupied=True, room_status="OCCUPIED")
    room.room_number = "101B"  # set in memory by the caller, saved by the save() that followed
    saved = []
    post_save.connect(receiver := lambda sender, instance, update_fields, **_: saved.append(update_fields), weak=False)
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            returned = rendered(variant).write(room, status="CHECKOUT_DIRTY", full_save=True)
    finally:
        post_save.disconnect(receiver)
    assert [q["sql"].split()[0].upper() for q in queries] == ["SELECT", "UPDATE"]
    stored = Room.objects.get(pk=room.pk)
    assert (stored.room_number, stored.room_status) == ("101B", "CHECKOUT_DIRTY")
    assert saved == [None]  # a full save, as before
    assert returned is room


@pytest.mark.parametrize("variant", WITHOUT_A_SETTER)
def test_full_save_with_row_locked_is_the_save_alone(variant, make_room) -> None:
    module = rendered(variant)
    room = make_room(is_occupied=True, room_status="OCCUPIED")
    with transaction.atomic():
        module.lock_room_rows(room)
        with CaptureQueriesContext(connection) as queries:
            module.write(room, status="CHECKOUT_DIRTY", row_locked=True, full_save=True)
    assert [q["sql"].split()[0].upper() for q in queries] == ["UPDATE"]
    assert _state(room)[1] == "CHECKOUT_DIRTY"


@pytest.mark.parametrize("variant", WITHOUT_A_SETTER)
def test_full_save_of_a_new_instance_inserts_it(variant, make_room) -> None:
    """The save() the call stands for would have inserted the row."""
    from rooms.models import Room

    hotel = make_room().hotel
    room = Room(hotel=hotel, room_number="777")
    rendered(variant).write(room, status="CHECKOUT_DIRTY", full_save=True)
    assert Room.objects.get(room_number="777").room_status == "CHECKOUT_DIRTY"


@pytest.mark.parametrize("variant", WITHOUT_A_SETTER)
def test_full_save_of_a_deleted_row_raises_and_inserts_nothing(variant, make_room) -> None:
    from rooms.models import Room

    room = make_room()
    Room.objects.filter(pk=room.pk).delete()
    with transaction.atomic():
        with pytest.raises(Room.DoesNotExist):
            rendered(variant).write(room, status="CHECKOUT_DIRTY", full_save=True)
        assert not transaction.get_connection().needs_rollback
    assert not Room.objects.filter(pk=room.pk).exists()
