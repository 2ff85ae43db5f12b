from django.conf import settings
from django.db import models


class RoomStatusEvent(models.Model):
    """Audit row written by housekeeping.services.set_room_status for every status change."""

    room = models.ForeignKey("rooms.Room", on_delete=models.CASCADE, related_name="status_events")
    from_status = models.CharField(max_length=32)
    to_status = models.CharField(max_length=32)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.room_id}: {self.from_status} -> {self.to_status}"
