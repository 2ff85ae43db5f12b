import pytest

from guests.models import Guest

pytestmark = pytest.mark.django_db


def test_deleting_the_last_guest_frees_the_room(rooms, assert_room):
    room = rooms["102"]
    guest = Guest.objects.create(name="Ada Lovelace", room=room)

    guest.delete()

    assert not Guest.objects.filter(pk=guest.pk).exists()
    # Only occupancy is cleared; the status is left for housekeeping to change.
    assert_room(room, is_occupied=False, room_status="OCCUPIED")


def test_deleting_one_of_several_guests_keeps_the_room_occupied(rooms, assert_room):
    room = rooms["102"]
    leaving = Guest.objects.create(name="Ada Lovelace", room=room)
    staying = Guest.objects.create(name="Charles Babbage", room=room)

    leaving.delete()

    assert list(room.guests_in_room.all()) == [staying]
    assert_room(room, is_occupied=True, room_status="OCCUPIED")


def test_deleting_the_guests_one_by_one(rooms, assert_room):
    room = rooms["102"]
    first = Guest.objects.create(name="Ada Lovelace", room=room)
    second = Guest.objects.create(name="Charles Babbage", room=room)

    first.delete()
    assert_room(room, is_occupied=True, room_status="OCCUPIED")
    second.delete()
    assert_room(room, is_occupied=False, room_status="OCCUPIED")


def test_deleting_a_guest_without_a_room(rooms, assert_room):
    guest = Guest.objects.create(name="Alan Turing")

    guest.delete()

    assert not Guest.objects.filter(pk=guest.pk).exists()
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")
