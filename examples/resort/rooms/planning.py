"""Plans and previews: plain Python objects with the same attribute names as a Room."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from rooms.models import Room, RoomStatus


@dataclass
class RoomPlan:
    number: str
    room_status: str
    is_occupied: bool = False


def plan_for(room: Room) -> RoomPlan:
    plan = RoomPlan(number=room.number, room_status=room.room_status)  # trap: a dataclass constructor
    if room.is_occupied:  # trap: a read of a Room
        plan.room_status = RoomStatus.OCCUPIED  # trap: a dataclass attribute
    return plan


def blank_plan(number: str) -> RoomPlan:
    room = RoomPlan(number=number, room_status=RoomStatus.READY)  # trap: a dataclass constructor
    room.is_occupied = False  # trap: a variable named room holding a dataclass
    room.room_status = RoomStatus.DIRTY  # trap: a variable named room holding a dataclass
    return room


def preview(room: Room) -> SimpleNamespace:
    snapshot = SimpleNamespace(number=room.number, is_occupied=room.is_occupied, room_status=room.room_status)  # trap: a SimpleNamespace
    snapshot.room_status = RoomStatus.CLEANING  # trap: a SimpleNamespace attribute
    return snapshot


def status_payload(room: Room) -> dict[str, object]:
    payload: dict[str, object] = {"number": room.number}
    payload.update(is_occupied=room.is_occupied, room_status=room.room_status)  # trap: dict.update
    return payload
