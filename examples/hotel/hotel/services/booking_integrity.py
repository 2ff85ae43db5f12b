"""Repairs for bookings and rooms whose state has drifted apart."""

from django.db import transaction

from room_bookings.models import Booking
from rooms.models import Room


@transaction.atomic
def ensure_booking_room_assignment_integrity(booking_id):
    """Mark a checked-in booking's room as occupied. Returns True when something was repaired."""
    # of=("self",): lock the booking only. PostgreSQL refuses FOR UPDATE on the nullable side of
    # the outer join that select_related() makes for the nullable assigned_room.
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("assigned_room")
        .get(pk=booking_id)
    )
    if booking.status != Booking.Status.CHECKED_IN or booking.assigned_room is None:
        return False
    if booking.assigned_room.is_occupied:
        return False
    booking.assigned_room.is_occupied = True
    booking.assigned_room.save(update_fields=["is_occupied"])
    return True


def sync_room_occupancy_from_guest_presence(room_id):
    """Recompute is_occupied from the guests actually registered in the room."""
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room_id)
        should_be_occupied = room.guests_in_room.exists()
        room.is_occupied = should_be_occupied
        room.save(update_fields=["is_occupied"])
    return room
