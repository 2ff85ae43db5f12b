"""Maintenance queries in SQL: fast, and invisible to the ORM's write paths."""

from django.db import connection
from django.db.models.expressions import RawSQL

from rooms.models import Room, RoomStatus


def reset_occupancy(building_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE resort_room SET is_occupied = %s WHERE building_id = %s", [False, building_id])  # expect: implicit kind=raw-sql


def dirty_numbers() -> list[str]:
    return [room.number for room in Room.objects.raw("SELECT id, number FROM resort_room WHERE room_status = %s ORDER BY number", [RoomStatus.DIRTY])]  # expect: implicit kind=raw-sql


def out_of_order_rooms():
    return Room.objects.filter(pk__in=RawSQL("SELECT id FROM resort_room WHERE room_status = %s", [RoomStatus.OUT_OF_ORDER]))  # expect: implicit kind=raw-sql


def occupied_rooms():
    return Room.objects.extra(where=["resort_room.is_occupied = %s"], params=[True])  # expect: implicit kind=raw-sql


def seat_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM venues_seat WHERE is_occupied = %s", [True])  # trap: raw SQL on another table
        return cursor.fetchone()[0]
