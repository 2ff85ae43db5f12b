"""The canonical writers of Room.is_occupied and Room.room_status."""

from django.db import transaction

from rooms.models import Room


def set_room_status(room, to_status, *, changed_by=None, note=""):
    return set_room_occupancy_and_status(room, status=to_status)


def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):
    with transaction.atomic():
        locked_room = Room.objects.select_for_update().get(pk=room.pk)
        if is_occupied is not None:
            locked_room.is_occupied = is_occupied
        if status is not None:
            locked_room.room_status = status
        locked_room.save(update_fields=["is_occupied", "room_status", "updated_at"])
    room.is_occupied = locked_room.is_occupied
    room.room_status = locked_room.room_status
    return locked_room
