"""Moving a checked-in booking to another room."""

from django.db import transaction

from guests.models import Guest
from hotel.realtime import notification_manager
from room_bookings.models import Booking


class RoomMoveService:
    def __init__(self, booking, to_room):
        self.booking = booking
        self.to_room = to_room

    @transaction.atomic
    def execute(self):
        # of=("self",): lock the booking only. PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer join that select_related() makes for the nullable assigned_room.
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("assigned_room")
            .get(pk=self.booking.pk)
        )
        from_room = booking.assigned_room
        to_room = self.to_room
        if booking.status != Booking.Status.CHECKED_IN or from_room is None:
            raise ValueError(f"Booking {booking.pk} is not checked in to a room.")
        if to_room.pk == from_room.pk or to_room.hotel_id != from_room.hotel_id:
            raise ValueError(f"Cannot move booking {booking.pk} to room {to_room.room_number}.")
        if to_room.is_occupied or to_room.room_status != 'READY_FOR_GUEST':
            raise ValueError(f"Room {to_room.room_number} is not ready.")

        # The old room goes back to housekeeping.
        from_room.is_occupied = False
        from_room.room_status = 'CHECKOUT_DIRTY'

        # The new room is occupied from now on.
        to_room.is_occupied = True
        to_room.room_status = 'OCCUPIED'

        from_room.save(update_fields=["is_occupied", "room_status"])
        to_room.save(update_fields=["is_occupied", "room_status"])

        Guest.objects.filter(booking=booking).update(room=to_room)
        booking.assigned_room = to_room
        booking.save(update_fields=["assigned_room"])

        notification_manager.realtime_room_updated(from_room)
        notification_manager.realtime_room_updated(to_room)
        return booking
