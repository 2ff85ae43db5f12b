"""The room inventory."""

from django.db import models


class RoomStatus(models.TextChoices):
    READY_FOR_GUEST = "READY_FOR_GUEST"
    OCCUPIED = "OCCUPIED"
    CHECKOUT_DIRTY = "CHECKOUT_DIRTY"
    CLEANING_IN_PROGRESS = "CLEANING_IN_PROGRESS"
    CLEANED_UNINSPECTED = "CLEANED_UNINSPECTED"
    MAINTENANCE_REQUIRED = "MAINTENANCE_REQUIRED"
    OUT_OF_ORDER = "OUT_OF_ORDER"


class Room(models.Model):
    room_number = models.CharField(max_length=16)
    floor = models.IntegerField(default=1)
    is_occupied = models.BooleanField(default=False)
    room_status = models.CharField(max_length=32, choices=RoomStatus.choices, default=RoomStatus.READY_FOR_GUEST)
    updated_at = models.DateTimeField(auto_now=True)
