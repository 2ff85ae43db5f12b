"""Plans and previews never touch the database; the SQL maintenance queries do what they say."""

from rooms import maintenance, planning
from rooms.models import RoomStatus
from venues.models import MeetingRoom, Seat

OCCUPIED, READY, DIRTY, OUT_OF_ORDER = RoomStatus.OCCUPIED, RoomStatus.READY, RoomStatus.DIRTY, RoomStatus.OUT_OF_ORDER


def test_plans_are_plain_objects(occupied_room, ready_room, state):
    plan = planning.plan_for(occupied_room)
    assert (plan.number, plan.room_status) == ("201", OCCUPIED)
    assert planning.plan_for(ready_room).room_status == READY
    blank = planning.blank_plan("101")
    assert (blank.number, blank.is_occupied, blank.room_status) == ("101", False, DIRTY)
    snapshot = planning.preview(occupied_room)
    assert (snapshot.is_occupied, snapshot.room_status) == (True, RoomStatus.CLEANING)
    assert planning.status_payload(occupied_room) == {"number": "201", "is_occupied": True, "room_status": OCCUPIED}
    assert state(occupied_room) == (True, OCCUPIED)
    assert state(ready_room) == (False, READY)


def test_reset_occupancy_in_sql(make_room, building, other_building, state):
    here = make_room("601", is_occupied=True, room_status=OCCUPIED)
    elsewhere = make_room("602", is_occupied=True, room_status=OCCUPIED, in_building=other_building)
    maintenance.reset_occupancy(building.pk)
    assert state(here) == (False, OCCUPIED)
    assert state(elsewhere) == (True, OCCUPIED)


def test_sql_reads(make_room, occupied_room):
    make_room("603", room_status=DIRTY)
    make_room("604", room_status=OUT_OF_ORDER)
    make_room("605", room_status=DIRTY)
    assert maintenance.dirty_numbers() == ["603", "605"]
    assert [room.number for room in maintenance.out_of_order_rooms()] == ["604"]
    assert [room.number for room in maintenance.occupied_rooms()] == ["201"]


def test_seat_count_reads_the_seats(occupied_room):
    hall = MeetingRoom.objects.create(name="Hall")
    Seat.objects.bulk_create([Seat(meeting_room=hall, label="A1", is_occupied=True), Seat(meeting_room=hall, label="A2")])
    assert maintenance.seat_count() == 1
