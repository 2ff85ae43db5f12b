import pytest

from hotel.models import RealtimeEvent
from hotel.realtime import emit_room_status_changed, notification_manager
from hotel.services.setup import create_hotel_with_rooms, send_rooms_to_housekeeping
from rooms.models import Room

pytestmark = pytest.mark.django_db


def test_create_hotel_with_rooms():
    hotel = create_hotel_with_rooms("Seaside", "seaside", ["1", "2", "3"])

    rooms = Room.objects.filter(hotel=hotel)
    assert sorted(rooms.values_list("room_number", flat=True)) == ["1", "2", "3"]
    assert set(rooms.values_list("is_occupied", "room_status")) == {(False, "READY_FOR_GUEST")}


def test_send_rooms_to_housekeeping_skips_occupied_rooms(rooms, assert_room):
    sent = send_rooms_to_housekeeping(rooms["101"].hotel, ["101", "102", "104"])

    assert sorted(room.room_number for room in sent) == ["101", "104"]
    assert_room(rooms["101"], is_occupied=False, room_status="CHECKOUT_DIRTY")
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")
    assert_room(rooms["104"], is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_send_rooms_to_housekeeping_only_touches_its_hotel(
    rooms, other_hotel, make_room, assert_room
):
    elsewhere = make_room("101", in_hotel=other_hotel)

    send_rooms_to_housekeeping(rooms["101"].hotel, ["101"])

    assert_room(elsewhere, is_occupied=False, room_status="READY_FOR_GUEST")


def test_realtime_stub_stores_each_message(rooms):
    room = rooms["102"]

    notification_manager.realtime_room_updated(room)
    emit_room_status_changed(room, "OCCUPIED", "CHECKOUT_DIRTY")

    updated, changed = RealtimeEvent.objects.filter(channel=f"hotel-{room.hotel_id}")
    assert (updated.event, updated.payload["is_occupied"]) == ("room-updated", True)
    assert (changed.event, changed.payload["to_status"]) == (
        "room-status-changed",
        "CHECKOUT_DIRTY",
    )
