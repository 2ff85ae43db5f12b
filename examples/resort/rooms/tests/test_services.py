import pytest
from django.http import Http404

from rooms import services
from rooms.models import Room, RoomStatus

OCCUPIED, READY, DIRTY = RoomStatus.OCCUPIED, RoomStatus.READY, RoomStatus.DIRTY
CLEANING, OUT_OF_ORDER = RoomStatus.CLEANING, RoomStatus.OUT_OF_ORDER


def test_occupy_an_annotated_room(ready_room, state):
    services.occupy(ready_room)
    assert state(ready_room) == (True, OCCUPIED)


def test_release_an_optional_room(occupied_room, state):
    assert services.release(occupied_room) is True
    assert state(occupied_room) == (False, OCCUPIED)
    assert services.release(None) is False


def test_cleaning_a_room_or_none(make_room, state):
    room = make_room("102", room_status=DIRTY)
    services.send_to_cleaning(room)
    assert state(room) == (False, CLEANING)
    services.send_to_cleaning(None)
    services.finish_cleaning(room)
    assert state(room) == (False, READY)


def test_close_for_repairs_sets_the_status_by_name(ready_room, state):
    services.close_for_repairs(ready_room)
    assert state(ready_room) == (False, OUT_OF_ORDER)


def test_open_room_saves_a_new_dirty_room(building, state):
    room = services.open_room(building, "110")
    assert room.pk is not None
    assert state(room) == (False, DIRTY)


def test_check_in_by_number(ready_room, state):
    services.check_in("101")
    assert state(ready_room) == (True, OCCUPIED)


def test_clean_first_dirty_takes_the_lowest_number(make_room, building, state):
    assert services.clean_first_dirty(building) is None
    later, first = make_room("105", room_status=DIRTY), make_room("104", room_status=DIRTY)
    assert services.clean_first_dirty(building).pk == first.pk
    assert state(first) == (False, CLEANING)
    assert state(later) == (False, DIRTY)


def test_first_last_latest_earliest(make_room, building, state):
    low = make_room("111", room_status=DIRTY)
    mid = make_room("112", room_status=DIRTY)
    high = make_room("113", room_status=DIRTY)
    assert services.reopen_last(building).pk == high.pk
    assert state(high) == (False, READY)
    assert services.retire_highest(building).pk == high.pk
    assert state(high) == (False, OUT_OF_ORDER)
    assert services.occupy_lowest(building).pk == low.pk
    assert state(low) == (True, OCCUPIED)
    assert state(mid) == (False, DIRTY)


def test_add_occupied_room(building, state):
    room = services.add_occupied_room(building, "120")
    assert state(room) == (True, OCCUPIED)


def test_ensure_room_creates_dirty_and_keeps_an_existing_one(building, occupied_room, state):
    new = services.ensure_room(building, "121")
    assert state(new) == (False, DIRTY)
    assert services.ensure_room(building, "201").pk == occupied_room.pk
    assert state(occupied_room) == (True, OCCUPIED)


def test_sync_room_creates_or_updates(building, occupied_room, state):
    new = services.sync_room(building, "122", occupied=True)
    assert state(new) == (True, OCCUPIED)  # a full save of an occupied READY room records OCCUPIED
    services.sync_room(building, "201", occupied=False)
    assert state(occupied_room) == (False, OCCUPIED)


def test_lock_and_occupy(ready_room, state):
    services.lock_and_occupy(ready_room.pk)
    assert state(ready_room) == (True, OCCUPIED)


def test_vacate_or_404(occupied_room, state):
    services.vacate_or_404(occupied_room.pk)
    assert state(occupied_room) == (False, DIRTY)
    with pytest.raises(Http404):
        services.vacate_or_404(occupied_room.pk + 1000)


def test_occupy_if_vacant(ready_room, occupied_room, state):
    assert services.occupy_if_vacant("101") is True
    assert state(ready_room) == (True, OCCUPIED)
    assert services.occupy_if_vacant("201") is False
    assert services.occupy_if_vacant("999") is False


def test_inspect_cleaned_loops_over_a_queryset(make_room, building, state):
    rooms = [make_room(number, room_status=CLEANING) for number in ("131", "132")]
    dirty = make_room("133", room_status=DIRTY)
    assert services.inspect_cleaned(building) == 2
    assert [state(room) for room in rooms] == [(False, READY), (False, READY)]
    assert state(dirty) == (False, DIRTY)
    assert services.dirty_count(building) == 1


def test_vacate_building_loops_over_a_list(make_room, building, other_building, state):
    here = [make_room(n, is_occupied=True, room_status=OCCUPIED) for n in ("141", "142")]
    elsewhere = make_room("143", is_occupied=True, room_status=OCCUPIED, in_building=other_building)
    services.vacate_building(building)
    assert [state(room) for room in here] == [(False, OCCUPIED), (False, OCCUPIED)]
    assert state(elsewhere) == (True, OCCUPIED)


def test_subscripts_of_a_queryset_and_of_a_list(make_room, building, state):
    first, second = make_room("151", room_status=DIRTY), make_room("152", room_status=DIRTY)
    assert services.flag_lowest_numbered(building).pk == first.pk
    assert state(first) == (False, OUT_OF_ORDER)
    assert services.clean_first_of_list(building).pk == second.pk
    assert state(second) == (False, CLEANING)


def test_helpers_return_rooms(ready_room, occupied_room, state):
    services.occupy_by_number("101")
    assert state(ready_room) == (True, OCCUPIED)
    services.release_by_pk(occupied_room.pk)
    assert state(occupied_room) == (False, OCCUPIED)


def test_restamp_any_room(ready_room, state):
    services.restamp(ready_room, OUT_OF_ORDER)
    assert state(ready_room) == (False, OUT_OF_ORDER)


def test_turnover_finishes_on_the_room_it_was_given(occupied_room, state):
    turnover = services.RoomTurnover(occupied_room)
    turnover.finish()
    assert state(occupied_room) == (False, DIRTY)


def test_close_building_updates_only_that_building(make_room, building, other_building, state):
    here = make_room("161")
    elsewhere = make_room("162", in_building=other_building)
    assert services.close_building(building) == 1
    assert state(here) == (False, OUT_OF_ORDER)
    assert state(elsewhere) == (False, READY)


def test_mark_ready_bulk_updates(make_room, building, state):
    rooms = [make_room(number, room_status=CLEANING) for number in ("171", "172")]
    services.mark_ready(building)
    assert [state(room) for room in rooms] == [(False, READY), (False, READY)]


def test_add_suite_and_add_or_get_suite(building, ready_room, state):
    assert state(services.add_suite(building, "181")) == (False, DIRTY)
    assert state(services.add_or_get_suite(building, "182")) == (True, OCCUPIED)
    assert services.add_or_get_suite(building, "101").pk == ready_room.pk
    assert state(ready_room) == (False, READY)


def test_apply_changes(ready_room, state):
    assert services.apply_changes(ready_room.pk, is_occupied=True, room_status=OCCUPIED) == 1
    assert state(ready_room) == (True, OCCUPIED)


def test_draft_room_and_add_floor(building, state):
    assert state(services.draft_room(building, "190")) == (False, OUT_OF_ORDER)
    services.add_floor(building, ["191", "192"])
    assert sorted(Room.objects.filter(number__in=["191", "192"]).values_list("number", "room_status")) == [
        ("191", DIRTY),
        ("192", DIRTY),
    ]


def test_reads_and_lookups(make_room, building, occupied_room):
    dirty = make_room("193", room_status=DIRTY)
    assert services.occupied_count(building) == 1
    assert services.needs_cleaning(dirty) is True
    assert services.needs_cleaning(occupied_room) is False


def test_model_manager_and_queryset_methods(make_room, building, other_building, state):
    occupied = make_room("211", is_occupied=True, room_status=OCCUPIED)
    occupied.mark_dirty()
    assert state(occupied) == (False, DIRTY)
    assert occupied.is_occupied is False and occupied.room_status == DIRTY

    ready = make_room("212")
    Room.objects.occupy("212")
    assert state(ready) == (True, OCCUPIED)
    Room.objects.release("212")
    assert state(ready) == (False, OCCUPIED)

    elsewhere = make_room("213", in_building=other_building)
    assert Room.objects.filter(building=building).take_out_of_order() == 2
    assert state(occupied) == (False, OUT_OF_ORDER)
    assert state(elsewhere) == (False, READY)
    assert list(Room.objects.vacant().values_list("number", flat=True)) == ["211", "212", "213"]
