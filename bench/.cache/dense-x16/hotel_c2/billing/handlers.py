"""Business rules of billing."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.billing.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def reopen_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', RoomStatus.CLEANING_IN_PROGRESS)
    setattr(booking.room, "is_occupied", bool(payload.get('occupied')))
    booking.room.save()
    booking.room.room_status = 'MAINTENANCE_REQUIRED'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


@transaction.atomic
def sync_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def sync_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 3: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.is_occupied = guest_present
        locked_room.room_status = 'CHECKOUT_DIRTY'
        locked_room.save()
    locked_room.is_occupied = True
    locked_room.room_status = 'OCCUPIED'
    locked_room.save()
    return locked_room


def unblock_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'OCCUPIED'
    booking.room.is_occupied = True
    booking.room.save()
    return booking.room


def reset_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    room.save()
    return room


@transaction.atomic
def block_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = RoomStatus.OCCUPIED
    locked_room.is_occupied = False
    locked_room.save()
    locked_room.is_occupied = False
    locked_room.room_status = 'CLEANING_IN_PROGRESS'
    locked_room.save()
    return locked_room


def release_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.room_status = 'OUT_OF_ORDER'
    room.save()
    room.room_status = 'OCCUPIED'
    room.is_occupied = True
    room.save()
    return room


def inspect_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 8: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    return room


@transaction.atomic
def check_out_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'READY_FOR_GUEST'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@transaction.atomic
def assign_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.is_occupied = False
        locked_room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room

