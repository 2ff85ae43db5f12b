from django.db import models


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "CONFIRMED", "Confirmed"
        CHECKED_IN = "CHECKED_IN", "Checked in"
        CHECKED_OUT = "CHECKED_OUT", "Checked out"

    hotel = models.ForeignKey("hotel.Hotel", on_delete=models.CASCADE, related_name="bookings")
    guest_name = models.CharField(max_length=200)
    assigned_room = models.ForeignKey(
        "rooms.Room",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONFIRMED)
    check_in_at = models.DateTimeField(null=True, blank=True)
    check_out_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Booking {self.pk} ({self.guest_name})"
