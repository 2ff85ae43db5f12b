"""Meeting rooms and seats: each row shares its pk with a Room, which must never change."""

import pytest

from rooms.models import RoomStatus
from venues import services
from venues.models import Event, MeetingRoom, Seat

OCCUPIED, READY = RoomStatus.OCCUPIED, RoomStatus.READY


@pytest.fixture
def vacant_twin(ready_room):
    """A vacant meeting room with the pk of a vacant guest room."""
    return MeetingRoom.objects.create(pk=ready_room.pk, name="Board", capacity=8)


@pytest.fixture
def busy_twin(occupied_room):
    """An occupied meeting room with the pk of an occupied guest room."""
    return MeetingRoom.objects.create(pk=occupied_room.pk, name="Study", capacity=4, is_occupied=True)


def occupied(model, pk):
    return model.objects.get(pk=pk).is_occupied


def test_start_and_end_meetings(vacant_twin, ready_room, state):
    services.start_meeting(vacant_twin.pk)
    assert occupied(MeetingRoom, vacant_twin.pk) is True
    assert state(ready_room) == (False, READY)
    services.end_meeting("Board")
    assert occupied(MeetingRoom, vacant_twin.pk) is False


def test_end_meeting_leaves_the_room_alone(busy_twin, occupied_room, state):
    services.end_meeting("Study")
    assert occupied(MeetingRoom, busy_twin.pk) is False
    assert state(occupied_room) == (True, OCCUPIED)


def test_the_meeting_rooms_own_method(vacant_twin, ready_room, state):
    vacant_twin.start_session()
    assert occupied(MeetingRoom, vacant_twin.pk) is True
    assert state(ready_room) == (False, READY)


def test_seats(vacant_twin, ready_room, occupied_room, state):
    seat = Seat.objects.create(pk=ready_room.pk, meeting_room=vacant_twin, label="A1")
    services.take_seat(seat)
    assert occupied(Seat, seat.pk) is True
    assert state(ready_room) == (False, READY)

    other = Seat.objects.create(pk=occupied_room.pk, meeting_room=vacant_twin, label="A2")
    Seat.objects.filter(pk=other.pk).update(is_occupied=True)
    services.free_seats(vacant_twin)
    assert not Seat.objects.filter(is_occupied=True).exists()
    assert state(occupied_room) == (True, OCCUPIED)

    services.SeatKeeper(seat).hold()
    assert occupied(Seat, seat.pk) is True
    assert state(ready_room) == (False, READY)

    services.set_flag(other, True)
    services.set_flag(seat, False)
    assert (occupied(Seat, other.pk), occupied(Seat, seat.pk)) == (True, False)
    assert state(ready_room) == (False, READY)
    assert state(occupied_room) == (True, OCCUPIED)


def test_start_event_occupies_its_meeting_room(vacant_twin, ready_room, state):
    event = Event.objects.create(room=vacant_twin, title="Board meeting")
    services.start_event(event.pk)
    assert occupied(MeetingRoom, vacant_twin.pk) is True
    assert state(ready_room) == (False, READY)


def test_reserve_and_release_through_helpers(vacant_twin, busy_twin, ready_room, occupied_room, state):
    services.reserve("Board")
    assert occupied(MeetingRoom, vacant_twin.pk) is True
    assert state(ready_room) == (False, READY)
    services.release_meeting_room(busy_twin.pk)
    assert occupied(MeetingRoom, busy_twin.pk) is False
    assert state(occupied_room) == (True, OCCUPIED)
    MeetingRoom.objects.filter(pk=busy_twin.pk).update(is_occupied=True)
    services.release_loaded(busy_twin.pk)
    assert occupied(MeetingRoom, busy_twin.pk) is False
    assert state(occupied_room) == (True, OCCUPIED)


def test_bulk_operations_on_meeting_rooms_and_seats(busy_twin, occupied_room, state):
    assert services.close_all_meeting_rooms() == 1
    assert occupied(MeetingRoom, busy_twin.pk) is False
    seats = services.add_seats(busy_twin, ["B1", "B2"])
    services.occupy_seats(list(Seat.objects.filter(pk__in=[seat.pk for seat in Seat.objects.all()])))
    assert Seat.objects.filter(is_occupied=True).count() == len(seats) == 2
    added = services.add_meeting_room("Annex")
    assert occupied(MeetingRoom, added.pk) is False
    MeetingRoom.objects.update(is_occupied=True)
    services.reset_venues()
    assert not MeetingRoom.objects.filter(is_occupied=True).exists()
    assert state(occupied_room) == (True, OCCUPIED)
