from django.db import models

from rooms.models import Room


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "CONFIRMED"
        CHECKED_IN = "CHECKED_IN"
        CHECKED_OUT = "CHECKED_OUT"

    guest_name = models.CharField(max_length=100)
    suite = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    # The room the guest was moved out of, if any (a string reference, as apps often write it).
    previous_suite = models.ForeignKey(
        "rooms.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="moved_out_bookings"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONFIRMED)


class KeyCard(models.Model):
    room = models.OneToOneField("rooms.Room", on_delete=models.CASCADE, related_name="key_card")
    code = models.CharField(max_length=20, unique=True)
