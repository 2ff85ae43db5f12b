from django.db import models

from facilities.models import Building, Unit


class RoomStatus(models.TextChoices):
    READY = "READY", "Ready for guest"
    OCCUPIED = "OCCUPIED", "Occupied"
    DIRTY = "DIRTY", "Checkout dirty"
    CLEANING = "CLEANING", "Cleaning in progress"
    OUT_OF_ORDER = "OUT_OF_ORDER", "Out of order"


class OccupiableModel(models.Model):
    """What a guest can occupy. Abstract: Room gets its occupancy field from here."""

    is_occupied = models.BooleanField(default=False)

    class Meta:
        abstract = True


class RoomQuerySet(models.QuerySet):
    def vacant(self):
        return self.filter(is_occupied=False)  # trap: a lookup, not a write

    def occupy(self, number):
        room = self.get(number=number)
        room.is_occupied = True  # expect: site typed_by=self fields=is_occupied
        room.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=self fields=room_status
        room.save()
        return room

    def take_out_of_order(self):
        return self.update(room_status=RoomStatus.OUT_OF_ORDER)  # expect: site typed_by=self fields=room_status


class RoomManager(models.Manager.from_queryset(RoomQuerySet)):
    def release(self, number):
        room = self.get(number=number)
        room.is_occupied = False  # expect: site typed_by=self fields=is_occupied
        room.save()
        return room


class Room(OccupiableModel):
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="rooms")
    unit = models.OneToOneField(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="room")
    number = models.CharField(max_length=10, unique=True)
    room_status = models.CharField(max_length=20, choices=RoomStatus.choices, default=RoomStatus.READY)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoomManager()

    class Meta:
        db_table = "resort_room"
        ordering = ["number"]

    def __str__(self):
        return f"Room {self.number}"

    def mark_dirty(self):
        """The guest has left: the room is free and needs cleaning."""
        self.is_occupied = False  # expect: site typed_by=self fields=is_occupied
        self.room_status = RoomStatus.DIRTY  # expect: site typed_by=self fields=room_status
        self.save(update_fields=["is_occupied", "room_status", "updated_at"])
