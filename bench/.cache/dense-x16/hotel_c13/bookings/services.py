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
def report_issue_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = True
    stay.room.room_status = 'CHECKOUT_DIRTY'
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def hold_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 2: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.is_occupied = bool(payload.get('occupied'))
    booking.room.room_status = 'MAINTENANCE_REQUIRED'
    booking.room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def inspect_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', RoomStatus.CLEANED_UNINSPECTED)
    setattr(room, "is_occupied", bool(payload.get('occupied')))
    room.save()
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.is_occupied = bool(payload.get('occupied'))
    room.save()
    return room


@transaction.atomic
def mark_occupied_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 4: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        previous = room.room_status
        if previous == 'MAINTENANCE_REQUIRED':
            # Housekeeping asked for this transition explicitly.
            room.room_status = 'OUT_OF_ORDER'
            room.save(update_fields=['room_status'])
            logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    return room


def hold_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    setattr(locked_room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(locked_room, "is_occupied", guest_present)
    locked_room.save()
    locked_room.room_status = RoomStatus.READY_FOR_GUEST
    locked_room.is_occupied = False
    locked_room.save()
    return locked_room


@transaction.atomic
def hold_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
    room.save()
    setattr(room, 'room_status', RoomStatus.CLEANED_UNINSPECTED)
    setattr(room, "is_occupied", False)
    room.save()
    return room


def release_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OCCUPIED'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room

