import pytest

from guests.models import Guest
from hotel.services.booking_integrity import (
    ensure_booking_room_assignment_integrity,
    sync_room_occupancy_from_guest_presence,
)

pytestmark = pytest.mark.django_db


def test_checked_in_booking_with_a_vacant_looking_room_is_repaired(
    make_room, make_booking, assert_room
):
    room = make_room("110", is_occupied=False, room_status="OCCUPIED")  # drifted
    booking = make_booking(room, status="CHECKED_IN")

    assert ensure_booking_room_assignment_integrity(booking.pk) is True
    assert_room(room, is_occupied=True, room_status="OCCUPIED")


def test_consistent_booking_is_left_alone(rooms, make_booking, assert_room):
    booking = make_booking(rooms["102"], status="CHECKED_IN")

    assert ensure_booking_room_assignment_integrity(booking.pk) is False
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")


@pytest.mark.parametrize("status", ["CONFIRMED", "CHECKED_OUT"])
def test_booking_not_checked_in_is_left_alone(rooms, make_booking, assert_room, status):
    booking = make_booking(rooms["101"], status=status)

    assert ensure_booking_room_assignment_integrity(booking.pk) is False
    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")


def test_checked_in_booking_without_a_room(make_booking):
    booking = make_booking(status="CHECKED_IN")

    assert ensure_booking_room_assignment_integrity(booking.pk) is False


def test_sync_marks_a_room_with_guests_occupied(make_room, assert_room):
    room = make_room("111", is_occupied=False, room_status="OCCUPIED")
    Guest.objects.create(name="Ada Lovelace", room=room)

    returned = sync_room_occupancy_from_guest_presence(room.pk)

    assert returned.is_occupied is True
    assert_room(room, is_occupied=True, room_status="OCCUPIED")


def test_sync_frees_a_room_without_guests(rooms, assert_room):
    returned = sync_room_occupancy_from_guest_presence(rooms["102"].pk)

    assert returned.is_occupied is False
    assert_room(rooms["102"], is_occupied=False, room_status="OCCUPIED")


def test_sync_keeps_a_vacant_room_vacant(rooms, assert_room):
    sync_room_occupancy_from_guest_presence(rooms["103"].pk)

    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")
