"""Faults reported by devices, and whole-building operations."""

from __future__ import annotations

from facilities.models import Building, Device, Unit
from rooms.models import RoomStatus


def report_fault(device: Device) -> None:
    """A device fault puts the room its unit serves out of order."""
    device.unit.room.room_status = RoomStatus.OUT_OF_ORDER  # expect: site typed_by=fk fields=room_status
    device.unit.room.save()


def vacate_unit(unit: Unit) -> None:
    unit.room.is_occupied = False  # expect: site typed_by=fk fields=is_occupied
    unit.room.save()


def close_all_rooms(building: Building) -> int:
    return building.rooms.update(room_status=RoomStatus.OUT_OF_ORDER)  # expect: site typed_by=fk fields=room_status; expect: implicit kind=related-manager


def add_room_to(building: Building, number: str):
    return building.rooms.create(number=number, room_status=RoomStatus.DIRTY)  # expect: site typed_by=fk fields=room_status; expect: implicit kind=related-manager
