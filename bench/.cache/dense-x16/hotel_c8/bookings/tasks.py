"""Business rules of bookings."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.bookings.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def check_out_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save(update_fields=['room_status', 'updated_at'])
    room.is_occupied = guest_present
    room.save(update_fields=["is_occupied", "room_status"])
    return room


def unblock_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'READY_FOR_GUEST'
        room.save(update_fields=['room_status', 'updated_at'])
    return room


def mark_vacant_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.room_status = 'CHECKOUT_DIRTY'
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def move_guest_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 4: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    previous = locked_room.room_status
    if previous == 'READY_FOR_GUEST':
        # Housekeeping asked for this transition explicitly.
        locked_room.room_status = 'OUT_OF_ORDER'
        locked_room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', locked_room.pk, previous, locked_room.room_status)
    locked_room.room_status = 'READY_FOR_GUEST'
    locked_room.is_occupied = False
    locked_room.save()
    return locked_room


@transaction.atomic
def unblock_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.room_status = 'OUT_OF_ORDER'
        locked_room.is_occupied = bool(payload.get('occupied'))
        locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def reset_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.save(update_fields=["is_occupied", "room_status"])
    room.is_occupied = True
    room.save(update_fields=["is_occupied", "room_status"])
    return room

