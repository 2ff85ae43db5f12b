"""Fixtures shared by every app's tests.

The tests pin the behaviour that `room-refactor migrate --write` must preserve. They assert the
final database state of both room fields, and never the absence or the exact number of
RoomStatusEvent or RealtimeEvent rows: the canonical writer adds some of its own.
"""

import pytest
from rest_framework.test import APIClient

from guests.models import Guest
from hotel.models import Hotel, RealtimeEvent
from room_bookings.models import Booking
from rooms.models import Room


@pytest.fixture
def hotel(db):
    return Hotel.objects.create(name="Harbour View", slug="harbour-view")


@pytest.fixture
def other_hotel(db):
    return Hotel.objects.create(name="Old Town Inn", slug="old-town")


@pytest.fixture
def make_room(hotel):
    def make(room_number, *, is_occupied=False, room_status="READY_FOR_GUEST", in_hotel=None):
        return Room.objects.create(
            hotel=in_hotel or hotel,
            room_number=room_number,
            is_occupied=is_occupied,
            room_status=room_status,
        )

    return make


@pytest.fixture
def rooms(make_room):
    """One floor: a ready room, an occupied room, a dirty room and a room awaiting inspection."""
    return {
        "101": make_room("101"),
        "102": make_room("102", is_occupied=True, room_status="OCCUPIED"),
        "103": make_room("103", room_status="CHECKOUT_DIRTY"),
        "104": make_room("104", room_status="CLEANED_UNINSPECTED"),
    }


@pytest.fixture
def make_booking(hotel):
    """A booking with its guests; the guests are in the room only once the booking is checked in."""

    def make(room=None, *, status="CONFIRMED", guest_names=("Ada Lovelace",)):
        booking = Booking.objects.create(
            hotel=hotel, guest_name=guest_names[0], assigned_room=room, status=status
        )
        for name in guest_names:
            Guest.objects.create(
                name=name, booking=booking, room=room if status == "CHECKED_IN" else None
            )
        return booking

    return make


@pytest.fixture
def staff_user(django_user_model):
    # No password (no hashing, fast tests): the clients log in with force_login/force_authenticate.
    return django_user_model.objects.create_user(username="frontdesk", is_staff=True)


@pytest.fixture
def api_client(staff_user):
    client = APIClient()
    client.force_authenticate(user=staff_user)
    return client


@pytest.fixture
def staff_client(client, staff_user):
    """Django's test client, logged in (for the plain Django views)."""
    client.force_login(staff_user)
    return client


@pytest.fixture
def assert_room():
    """Reload a room and check both state fields at once."""

    def check(room, *, is_occupied, room_status):
        room.refresh_from_db()
        assert (room.is_occupied, room.room_status) == (is_occupied, room_status)

    return check


@pytest.fixture
def realtime_events():
    def events(name, **payload):
        lookups = {f"payload__{key}": value for key, value in payload.items()}
        return RealtimeEvent.objects.filter(event=name, **lookups)

    return events
