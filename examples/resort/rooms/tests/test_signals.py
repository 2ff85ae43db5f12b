from rooms.models import Room, RoomStatus
from venues.models import MeetingRoom, Seat

OCCUPIED, READY, OUT_OF_ORDER = RoomStatus.OCCUPIED, RoomStatus.READY, RoomStatus.OUT_OF_ORDER


def test_a_full_save_of_an_occupied_ready_room_records_it_occupied(ready_room, state):
    ready_room.is_occupied = True
    ready_room.save()
    assert state(ready_room) == (True, OCCUPIED)


def test_a_partial_save_is_left_as_it_is(ready_room, state):
    ready_room.is_occupied = True
    ready_room.save(update_fields=["is_occupied"])
    assert state(ready_room) == (True, READY)


def test_a_new_out_of_order_room_starts_empty(building, state):
    room = Room.objects.create(building=building, number="501", is_occupied=True, room_status=OUT_OF_ORDER)
    assert state(room) == (False, OUT_OF_ORDER)
    assert room.is_occupied is False


def test_new_seats_start_free_and_the_room_with_the_same_pk_is_left_alone(occupied_room, state):
    hall = MeetingRoom.objects.create(name="Hall")
    seat = Seat.objects.create(pk=occupied_room.pk, meeting_room=hall, label="A1", is_occupied=True)
    assert Seat.objects.get(pk=seat.pk).is_occupied is False
    assert state(occupied_room) == (True, OCCUPIED)
