from facilities.models import Unit
from facilities.services import add_room_to, close_all_rooms, report_fault, vacate_unit
from rooms.models import Room, RoomStatus

OCCUPIED, READY, DIRTY, OUT_OF_ORDER = RoomStatus.OCCUPIED, RoomStatus.READY, RoomStatus.DIRTY, RoomStatus.OUT_OF_ORDER


def test_a_device_fault_closes_its_units_room(fitted_room, ready_room, state):
    room, _, device = fitted_room
    report_fault(device)
    assert state(room) == (False, OUT_OF_ORDER)
    assert state(ready_room) == (False, READY)


def test_vacate_unit(fitted_room, state):
    room, unit, _ = fitted_room
    Room.objects.filter(pk=room.pk).update(is_occupied=True, room_status=OCCUPIED)
    vacate_unit(Unit.objects.get(pk=unit.pk))  # a fresh unit: its cached room would be stale
    assert state(room) == (False, OCCUPIED)


def test_building_wide_operations(building, other_building, make_room, state):
    here, elsewhere = make_room("701"), make_room("702", in_building=other_building)
    assert close_all_rooms(building) == 1
    assert state(here) == (False, OUT_OF_ORDER)
    assert state(elsewhere) == (False, READY)
    added = add_room_to(building, "703")
    assert added.building_id == building.pk
    assert state(added) == (False, DIRTY)
