"""Front-desk and housekeeping operations on guest rooms.

Each function reaches its Room in a different way: that is the point of this module. The
markers at the ends of the lines are the expected audit (tests/resort_markers.py reads them).
"""

from __future__ import annotations

from typing import Optional

from django.db import transaction
from django.shortcuts import get_object_or_404

from facilities.models import Building
from rooms.lookup import dirty_rooms, find_room, load_room
from rooms.models import Room, RoomStatus


def occupy(room: Room) -> None:
    room.is_occupied = True  # expect: site typed_by=annotation fields=is_occupied
    room.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=annotation fields=room_status
    room.save()


def release(room: Optional[Room]) -> bool:
    if room is None:
        return False
    room.is_occupied = False  # expect: site typed_by=annotation fields=is_occupied
    room.save()
    return True


def send_to_cleaning(room: Room | None) -> None:
    if room is not None:
        room.room_status = RoomStatus.CLEANING  # expect: site typed_by=annotation fields=room_status
        room.save()


def finish_cleaning(room: "Room") -> None:
    room.room_status = RoomStatus.READY  # expect: site typed_by=annotation fields=room_status
    room.save()


def close_for_repairs(room: Room) -> None:
    setattr(room, "room_status", RoomStatus.OUT_OF_ORDER)  # expect: site typed_by=annotation fields=room_status
    room.save()


def open_room(building: Building, number: str) -> Room:
    room = Room(building=building, number=number)
    room.room_status = RoomStatus.DIRTY  # expect: site typed_by=constructor fields=room_status
    room.save()
    return room


def check_in(number: str) -> Room:
    room = Room.objects.get(number=number)
    room.is_occupied = True  # expect: site typed_by=manager fields=is_occupied
    room.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=manager fields=room_status
    room.save()
    return room


def clean_first_dirty(building: Building) -> Room | None:
    room = Room.objects.filter(building=building, room_status=RoomStatus.DIRTY).first()
    if room is None:
        return None
    room.room_status = RoomStatus.CLEANING  # expect: site typed_by=manager fields=room_status
    room.save()
    return room


def reopen_last(building: Building) -> Room:
    room = Room.objects.filter(building=building).last()
    room.room_status = RoomStatus.READY  # expect: site typed_by=manager fields=room_status
    room.save()
    return room


def retire_highest(building: Building) -> Room:
    room = Room.objects.filter(building=building).latest("number")
    room.room_status = RoomStatus.OUT_OF_ORDER  # expect: site typed_by=manager fields=room_status
    room.save()
    return room


def occupy_lowest(building: Building) -> Room:
    room = Room.objects.filter(building=building).earliest("number")
    room.is_occupied = True  # expect: site typed_by=manager fields=is_occupied
    room.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=manager fields=room_status
    room.save()
    return room


def add_occupied_room(building: Building, number: str) -> Room:
    room = Room.objects.create(building=building, number=number)
    room.is_occupied = True  # expect: site typed_by=manager fields=is_occupied
    room.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=manager fields=room_status
    room.save()
    return room


def ensure_room(building: Building, number: str) -> Room:
    room, created = Room.objects.get_or_create(building=building, number=number)
    if created:
        room.room_status = RoomStatus.DIRTY  # expect: site typed_by=manager fields=room_status
        room.save()
    return room


def sync_room(building: Building, number: str, *, occupied: bool) -> Room:
    room, _ = Room.objects.update_or_create(number=number, defaults={"building": building})
    room.is_occupied = occupied  # expect: site typed_by=manager fields=is_occupied
    room.save()
    return room


@transaction.atomic
def lock_and_occupy(pk: int) -> Room:
    room = Room.objects.select_for_update().get(pk=pk)
    room.is_occupied = True  # expect: site typed_by=manager fields=is_occupied
    room.save()
    return room


def vacate_or_404(pk: int) -> Room:
    room = get_object_or_404(Room, pk=pk)
    room.is_occupied = False  # expect: site typed_by=manager fields=is_occupied
    room.room_status = RoomStatus.DIRTY  # expect: site typed_by=manager fields=room_status
    room.save()
    return room


def occupy_if_vacant(number: str) -> bool:
    if (room := Room.objects.filter(number=number, is_occupied=False).first()) is not None:
        room.is_occupied = True  # expect: site typed_by=manager fields=is_occupied
        room.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=manager fields=room_status
        room.save()
        return True
    return False


def dirty_count(building: Building) -> int:
    return dirty_rooms(building).count()


def inspect_cleaned(building: Building) -> int:
    count = 0
    for room in Room.objects.filter(building=building, room_status=RoomStatus.CLEANING):
        room.room_status = RoomStatus.READY  # expect: site typed_by=queryset fields=room_status
        room.save()
        count += 1
    return count


def vacate_building(building: Building) -> None:
    rooms = list(Room.objects.filter(building=building, is_occupied=True))
    for room in rooms:
        room.is_occupied = False  # expect: site typed_by=queryset fields=is_occupied
        room.save()


def flag_lowest_numbered(building: Building) -> Room:
    room = Room.objects.filter(building=building).order_by("number")[0]
    room.room_status = RoomStatus.OUT_OF_ORDER  # expect: site typed_by=queryset fields=room_status
    room.save()
    return room


def clean_first_of_list(building: Building) -> Room:
    rooms = list(Room.objects.filter(building=building, room_status=RoomStatus.DIRTY))
    rooms[0].room_status = RoomStatus.CLEANING  # expect: site typed_by=queryset fields=room_status
    rooms[0].save()
    return rooms[0]


def occupy_by_number(number: str) -> Room:
    room = find_room(number)
    room.is_occupied = True  # expect: site typed_by=return fields=is_occupied
    room.room_status = RoomStatus.OCCUPIED  # expect: site typed_by=return fields=room_status
    room.save()
    return room


def release_by_pk(pk: int) -> Room:
    room = load_room(pk)
    room.is_occupied = False  # expect: site typed_by=return fields=is_occupied
    room.save()
    return room


def restamp(target, status):
    """Any object with a room status; only Room defines that field among the models."""
    target.room_status = status  # expect: site typed_by=field-owner fields=room_status
    target.save()


class RoomTurnover:
    """A checkout, done in steps by the housekeeping desk."""

    def __init__(self, room: Room) -> None:
        self.room = room

    def finish(self) -> None:
        self.room.is_occupied = False  # expect: site typed_by=init fields=is_occupied
        self.room.room_status = RoomStatus.DIRTY  # expect: site typed_by=init fields=room_status
        self.room.save()


def close_building(building: Building) -> int:
    return Room.objects.filter(building=building).update(room_status=RoomStatus.OUT_OF_ORDER)  # expect: site typed_by=manager fields=room_status


def mark_ready(building: Building) -> None:
    rooms = list(Room.objects.filter(building=building, room_status=RoomStatus.CLEANING))
    for room in rooms:
        room.room_status = RoomStatus.READY  # expect: site typed_by=queryset fields=room_status
    Room.objects.bulk_update(rooms, ["room_status"])  # expect: site typed_by=manager fields=room_status


def add_suite(building: Building, number: str) -> Room:
    return Room.objects.create(building=building, number=number, room_status=RoomStatus.DIRTY)  # expect: site typed_by=manager fields=room_status


def add_or_get_suite(building: Building, number: str) -> Room:
    room, _ = Room.objects.get_or_create(number=number, defaults={"building": building, "is_occupied": True, "room_status": RoomStatus.OCCUPIED})  # expect: site typed_by=manager fields=is_occupied,room_status
    return room


def apply_changes(pk: int, **changes) -> int:
    return Room.objects.filter(pk=pk).update(**changes)  # expect: implicit kind=update-kwargs


def draft_room(building: Building, number: str) -> Room:
    room = Room(building=building, number=number, room_status=RoomStatus.OUT_OF_ORDER)  # expect: implicit kind=constructor
    room.save()
    return room


def add_floor(building: Building, numbers: list[str]) -> list[Room]:
    return Room.objects.bulk_create(  # expect: implicit kind=bulk-create
        [Room(building=building, number=number, room_status=RoomStatus.DIRTY) for number in numbers]  # expect: implicit kind=constructor
    )


def occupied_count(building: Building) -> int:
    return Room.objects.filter(building=building, is_occupied=True).count()  # trap: a lookup, not a write


def needs_cleaning(room: Room) -> bool:
    if room.is_occupied:  # trap: a read of a Room, not a write
        return False
    return room.room_status == RoomStatus.DIRTY  # trap: a comparison, not a write
