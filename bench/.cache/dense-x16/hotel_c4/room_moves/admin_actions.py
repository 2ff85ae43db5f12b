"""Business rules of room moves."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.room_moves.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def unblock_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = True
        room.save(update_fields=["is_occupied", "room_status"])
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


def mark_vacant_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    return booking.assigned_room


def assign_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = True
    locked_room.room_status = RoomStatus.READY_FOR_GUEST
    locked_room.save()
    locked_room.is_occupied = False
    locked_room.save(update_fields=["is_occupied", "room_status"])
    return locked_room


@transaction.atomic
def mark_occupied_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = True
    room.room_status = 'OUT_OF_ORDER'
    room.save()
    setattr(room, 'room_status', 'CLEANING_IN_PROGRESS')
    setattr(room, "is_occupied", True)
    room.save()
    return room


@transaction.atomic
def inspect_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.is_occupied = bool(payload.get('occupied'))
        room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
        room.save()
    return room


@transaction.atomic
def check_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 6: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = False
    locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def assign_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Assign 7: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save(update_fields=["is_occupied", "room_status"])
    setattr(locked_room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(locked_room, "is_occupied", True)
    locked_room.save()
    return locked_room


@transaction.atomic
def hold_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 8: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def release_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 9: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.assigned_room, 'room_status', 'READY_FOR_GUEST')
    setattr(booking.assigned_room, "is_occupied", guest_present)
    booking.assigned_room.save()
    setattr(booking.assigned_room, 'room_status', RoomStatus.CLEANING_IN_PROGRESS)
    setattr(booking.assigned_room, "is_occupied", False)
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


def unassign_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', RoomStatus.OUT_OF_ORDER)
    setattr(room, "is_occupied", True)
    room.save()
    notification_manager.realtime_room_updated(room)
    return room

