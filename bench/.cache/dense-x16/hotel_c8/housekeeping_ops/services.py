"""Business rules of housekeeping ops."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.housekeeping_ops.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def check_out_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'READY_FOR_GUEST'
    room.is_occupied = False
    room.save()
    return room


def unassign_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


def block_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'OCCUPIED'
    booking.room.is_occupied = True
    booking.room.save()
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'READY_FOR_GUEST'
    booking.room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def sync_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'CLEANING_IN_PROGRESS')
    setattr(room, "is_occupied", False)
    room.save()
    return room


def close_out_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'CLEANED_UNINSPECTED')
    setattr(room, "is_occupied", guest_present)
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def mark_vacant_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark vacant 6: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CHECKOUT_DIRTY')
    setattr(booking.room, "is_occupied", True)
    booking.room.save()
    return booking.room


def reopen_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.room_status = 'READY_FOR_GUEST'
    room.save()
    return room

