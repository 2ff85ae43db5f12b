from django.db import models


class Room(models.Model):
    class Status(models.TextChoices):
        READY_FOR_GUEST = "READY_FOR_GUEST", "Ready for guest"
        OCCUPIED = "OCCUPIED", "Occupied"
        CHECKOUT_DIRTY = "CHECKOUT_DIRTY", "Checked out, dirty"
        CLEANING_IN_PROGRESS = "CLEANING_IN_PROGRESS", "Cleaning in progress"
        CLEANED_UNINSPECTED = "CLEANED_UNINSPECTED", "Cleaned, awaiting inspection"
        MAINTENANCE_REQUIRED = "MAINTENANCE_REQUIRED", "Maintenance required"
        OUT_OF_ORDER = "OUT_OF_ORDER", "Out of order"

    hotel = models.ForeignKey("hotel.Hotel", on_delete=models.CASCADE, related_name="rooms")
    room_number = models.CharField(max_length=10)
    is_occupied = models.BooleanField(default=False)
    room_status = models.CharField(
        max_length=32, choices=Status.choices, default=Status.READY_FOR_GUEST
    )
    # False once the room is retired from the inventory (renovation, merged into a suite).
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["hotel_id", "room_number"]
        unique_together = [("hotel", "room_number")]

    def __str__(self):
        return f"Room {self.room_number}"

    @property
    def is_available(self):
        return not self.is_occupied and self.room_status == self.Status.READY_FOR_GUEST
