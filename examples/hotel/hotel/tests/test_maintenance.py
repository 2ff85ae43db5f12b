import pytest

from hotel.models import RealtimeEvent
from hotel.services.maintenance import close_floor, retire_room
from rooms.models import Room

pytestmark = pytest.mark.django_db


def test_retire_room(rooms, assert_room):
    room = rooms["103"]
    retire_room(room, reason="merged into suite 103-104")

    assert_room(room, is_occupied=False, room_status="OUT_OF_ORDER")
    assert room.is_active is False
    assert RealtimeEvent.objects.filter(event="room-retired", payload__room_id=room.pk).exists()


def test_retire_an_occupied_room_keeps_its_occupancy(rooms, assert_room):
    room = rooms["102"]
    retire_room(room, reason="renovation")

    assert_room(room, is_occupied=True, room_status="OUT_OF_ORDER")
    assert room.is_active is False


def test_close_floor_closes_the_vacant_rooms_of_the_floor(rooms, make_room, assert_room):
    other_floor = make_room("201")
    closed = close_floor(rooms["101"].hotel, "1")

    assert sorted(closed) == ["101", "103", "104"]
    for number in ("101", "103", "104"):
        assert_room(rooms[number], is_occupied=False, room_status="OUT_OF_ORDER")
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")
    assert_room(other_floor, is_occupied=False, room_status="READY_FOR_GUEST")


def test_check_in_to_a_retired_room_is_refused(api_client, rooms, make_booking, assert_room):
    room = rooms["101"]
    Room.objects.filter(pk=room.pk).update(is_active=False)
    booking = make_booking(room)

    response = api_client.post(f"/api/staff/bookings/{booking.pk}/check-in/")

    assert response.status_code == 409
    assert "retired" in response.json()["detail"]
    assert_room(room, is_occupied=False, room_status="READY_FOR_GUEST")
