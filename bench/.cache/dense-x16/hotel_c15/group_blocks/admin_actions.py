"""Business rules of group blocks."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.group_blocks.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def mark_vacant_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == RoomStatus.OCCUPIED:
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'CLEANED_UNINSPECTED'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    return room


def unassign_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OCCUPIED'
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save()
    return locked_room


def reset_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    return room


@transaction.atomic
def close_out_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        if guest_present:
            booking.assigned_room.is_occupied = True
            booking.assigned_room.room_status = 'OCCUPIED'
        else:
            booking.assigned_room.is_occupied = False
            booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
        booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def sync_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 5: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = guest_present
    locked_room.room_status = 'CHECKOUT_DIRTY'
    locked_room.save()
    return locked_room


@transaction.atomic
def close_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def mark_occupied_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 7: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'READY_FOR_GUEST'
    booking.assigned_room.is_occupied = False
    booking.assigned_room.save()
    return booking.assigned_room


def inspect_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    setattr(locked_room, 'room_status', RoomStatus.CHECKOUT_DIRTY)
    setattr(locked_room, "is_occupied", bool(payload.get('occupied')))
    locked_room.save()
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = 'OCCUPIED'
    locked_room.save()
    return locked_room

