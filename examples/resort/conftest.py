"""Fixtures shared by every app's tests.

The tests pin the behaviour that `room-refactor migrate --write` must preserve: they assert what
ends up in the database (and in responses), never the shape of the code. Where another model's
row shares a Room's primary key, the test checks that the Room is left alone: a migration that
took a MeetingRoom or a Seat for a Room would write the Room with that pk.
"""

import pytest
from rest_framework.test import APIClient

from facilities.models import Building, Device, Unit
from rooms.models import Room, RoomStatus


@pytest.fixture
def building(db):
    return Building.objects.create(name="North wing")


@pytest.fixture
def other_building(db):
    return Building.objects.create(name="Garden wing")


@pytest.fixture
def make_room(building):
    def make(number, *, is_occupied=False, room_status=RoomStatus.READY, in_building=None, unit=None):
        return Room.objects.create(
            building=in_building or building,
            number=number,
            is_occupied=is_occupied,
            room_status=room_status,
            unit=unit,
        )

    return make


@pytest.fixture
def occupied_room(make_room):
    return make_room("201", is_occupied=True, room_status=RoomStatus.OCCUPIED)


@pytest.fixture
def ready_room(make_room):
    return make_room("101")


@pytest.fixture
def fitted_room(make_room, building):
    """A ready room fitted with a unit, and a device on that unit."""
    unit = Unit.objects.create(building=building, code="N-1")
    room = make_room("301", unit=unit)
    device = Device.objects.create(unit=unit, serial="LOCK-301")
    return room, unit, device


@pytest.fixture
def state():
    """The saved (is_occupied, room_status) of a room, read from the database."""

    def read(room):
        fresh = Room.objects.get(pk=room.pk)
        return fresh.is_occupied, fresh.room_status

    return read


@pytest.fixture
def api_client(django_user_model):
    user = django_user_model.objects.create_user(username="frontdesk", is_staff=True)
    client = APIClient()
    client.force_authenticate(user=user)
    return client
