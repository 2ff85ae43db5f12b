"""Helpers that find rooms for the services; their callers write what they return."""

from rooms.models import Room, RoomStatus


def find_room(number: str) -> Room:
    return Room.objects.get(number=number)


def load_room(pk):
    return Room.objects.get(pk=pk)


def dirty_rooms(building):
    return Room.objects.filter(building=building, room_status=RoomStatus.DIRTY)  # trap: a lookup, not a write
