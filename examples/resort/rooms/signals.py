"""Signal receivers that keep a room's two fields consistent."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from rooms.models import Room, RoomStatus
from venues.models import Seat


@receiver(pre_save, sender=Room)
def occupied_rooms_are_not_ready(sender, instance, update_fields=None, **kwargs):
    """A full save of an occupied room that still says READY records it as OCCUPIED."""
    if update_fields is None and instance.is_occupied and instance.room_status == RoomStatus.READY:
        instance.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=signal fields=room_status


def out_of_order_rooms_start_empty(sender, instance, created, **kwargs):
    if created and instance.is_occupied and instance.room_status == RoomStatus.OUT_OF_ORDER:
        instance.is_occupied = False  # expect: site typed_by=signal fields=is_occupied
        instance.save(update_fields=["is_occupied"])


post_save.connect(out_of_order_rooms_start_empty, sender=Room)


@receiver(post_save, sender=Seat)
def seats_start_free(sender, instance, created, **kwargs):
    if created and instance.is_occupied:
        instance.is_occupied = False  # trap: a signal receiver's instance with sender=Seat
        instance.save(update_fields=["is_occupied"])
