"""Models of events."""

from django.db import models, transaction


class Booking(models.Model):
    room = models.ForeignKey('rooms.Room', on_delete=models.PROTECT, related_name='+')
    assigned_room = models.ForeignKey('rooms.Room', null=True, on_delete=models.SET_NULL, related_name='+')
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    def delete(self, *args, **kwargs):
        # Releasing a booking frees its room for housekeeping.
        self.room.is_occupied = False
        self.room.room_status = RoomStatus.OCCUPIED
        self.room.save()
        return super().delete(*args, **kwargs)

    def cancel(self):
        with transaction.atomic():
            self.assigned_room.room_status = 'READY_FOR_GUEST'
            self.assigned_room.save(update_fields=['room_status'])


class Stay(models.Model):
    room = models.ForeignKey('rooms.Room', on_delete=models.PROTECT, related_name='+')
    guests = models.PositiveIntegerField(default=1)

    def delete(self, *args, **kwargs):
        if self.room.is_occupied:
            self.room.is_occupied = False
            self.room.save(update_fields=['is_occupied'])
        return super().delete(*args, **kwargs)

