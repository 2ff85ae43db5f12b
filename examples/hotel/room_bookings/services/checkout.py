"""Checking a guest out of their room."""

from django.db import transaction
from django.utils import timezone

from guests.models import Guest
from hotel.realtime import notification_manager
from room_bookings.models import Booking


class CheckoutService:
    def __init__(self, booking, *, performed_by=None):
        self.booking = booking
        self.performed_by = performed_by

    @transaction.atomic
    def execute(self):
        # of=("self",): lock the booking only. PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer join that select_related() makes for the nullable assigned_room.
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("assigned_room")
            .get(pk=self.booking.pk)
        )
        if booking.status != Booking.Status.CHECKED_IN:
            raise ValueError(f"Booking {booking.pk} is not checked in.")

        room = booking.assigned_room
        if room is not None:
            room.is_occupied = False
            room.room_status = "CHECKOUT_DIRTY"
            room.save()

        booking.status = Booking.Status.CHECKED_OUT
        booking.check_out_at = timezone.now()
        booking.save(update_fields=["status", "check_out_at"])
        Guest.objects.filter(booking=booking).update(room=None)

        transaction.on_commit(lambda: notification_manager.realtime_booking_checked_out(booking))
        self.booking = booking
        return booking
