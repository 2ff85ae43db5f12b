"""Check-in, moves and key cards: the rooms are reached through the bookings' relations."""

from __future__ import annotations

from bookings.models import Booking, KeyCard
from rooms.models import RoomStatus


def check_in_booking(booking_id: int) -> Booking:
    booking = Booking.objects.select_related("suite").get(pk=booking_id)
    booking.status = Booking.Status.CHECKED_IN
    booking.save(update_fields=["status"])
    booking.suite.is_occupied = True  # expect: site typed_by=fk fields=is_occupied
    booking.suite.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=fk fields=room_status
    booking.suite.save()
    return booking


def finish_move(booking: Booking) -> None:
    """The guest has moved to `booking.suite`: the room they left needs cleaning."""
    if booking.previous_suite is not None:
        booking.previous_suite.is_occupied = False  # expect: site typed_by=fk fields=is_occupied
        booking.previous_suite.room_status = RoomStatus.DIRTY  # expect: site typed_by=fk fields=room_status
        booking.previous_suite.save()


def revoke_card(card: KeyCard) -> None:
    """A revoked card means the guest has gone."""
    card.room.is_occupied = False  # expect: site typed_by=fk fields=is_occupied
    card.room.save()
    card.delete()
