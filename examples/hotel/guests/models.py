from django.db import models


class Guest(models.Model):
    name = models.CharField(max_length=200)
    room = models.ForeignKey(
        "rooms.Room",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guests_in_room",
    )
    booking = models.ForeignKey(
        "room_bookings.Booking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guests",
    )

    def __str__(self):
        return self.name

    def delete(self, *args, **kwargs):
        # No transaction here: this runs inside whatever transaction the caller has open.
        if self.room is not None:
            if self.room.guests_in_room.count() == 1:  # This guest is the last one
                self.room.is_occupied = False
                self.room.save(update_fields=["is_occupied", "updated_at"])
        return super().delete(*args, **kwargs)
