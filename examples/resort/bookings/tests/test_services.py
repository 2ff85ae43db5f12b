from bookings.models import Booking, KeyCard
from bookings.services import check_in_booking, finish_move, revoke_card
from rooms.models import RoomStatus

OCCUPIED, READY, DIRTY = RoomStatus.OCCUPIED, RoomStatus.READY, RoomStatus.DIRTY


def test_check_in_occupies_the_booked_suite(ready_room, state):
    booking = Booking.objects.create(guest_name="Ada Lovelace", suite=ready_room)
    check_in_booking(booking.pk)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CHECKED_IN
    assert state(ready_room) == (True, OCCUPIED)


def test_finish_move_frees_the_previous_suite(ready_room, occupied_room, state):
    booking = Booking.objects.create(guest_name="Grace Hopper", suite=ready_room, previous_suite=occupied_room)
    finish_move(booking)
    assert state(occupied_room) == (False, DIRTY)
    assert state(ready_room) == (False, READY)
    unmoved = Booking.objects.create(guest_name="Alan Turing", suite=ready_room)
    finish_move(unmoved)
    assert state(ready_room) == (False, READY)


def test_revoking_a_key_card_frees_its_room(occupied_room, state):
    card = KeyCard.objects.create(room=occupied_room, code="K-201")
    revoke_card(card)
    assert not KeyCard.objects.exists()
    assert state(occupied_room) == (False, OCCUPIED)
