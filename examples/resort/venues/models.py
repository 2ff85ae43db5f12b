"""Conference venues: they have an occupancy field of the same name as Room's, and are no Rooms."""

from django.db import models


class MeetingRoom(models.Model):
    name = models.CharField(max_length=100)
    capacity = models.PositiveIntegerField(default=10)
    is_occupied = models.BooleanField(default=False)

    def start_session(self):
        self.is_occupied = True  # trap: self in MeetingRoom's own method
        self.save(update_fields=["is_occupied"])


class Seat(models.Model):
    meeting_room = models.ForeignKey(MeetingRoom, on_delete=models.CASCADE, related_name="seats")
    label = models.CharField(max_length=10)
    is_occupied = models.BooleanField(default=False)


class Event(models.Model):
    # Named `room`, typed MeetingRoom.
    room = models.ForeignKey(MeetingRoom, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=100)
