"""Business rules of events."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.events.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def check_out_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 1: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CHECKOUT_DIRTY')
    setattr(booking.room, "is_occupied", bool(payload.get('occupied')))
    booking.room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    return booking.room


def start_cleaning_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 2: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    previous = locked_room.room_status
    if previous == 'READY_FOR_GUEST':
        # Housekeeping asked for this transition explicitly.
        locked_room.room_status = 'CLEANING_IN_PROGRESS'
        locked_room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', locked_room.pk, previous, locked_room.room_status)
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def finish_cleaning_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
    room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    return room


def close_out_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 4: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', RoomStatus.READY_FOR_GUEST)
    setattr(room, "is_occupied", False)
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def unblock_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = RoomStatus.CLEANING_IN_PROGRESS
            room.save()
    locked_room.room_status = 'READY_FOR_GUEST'
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save()
    return locked_room


@transaction.atomic
def mark_occupied_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 6: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    setattr(stay.room, 'room_status', 'CHECKOUT_DIRTY')
    setattr(stay.room, "is_occupied", True)
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def check_out_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 7: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    setattr(stay.room, 'room_status', 'OCCUPIED')
    setattr(stay.room, "is_occupied", guest_present)
    stay.room.save()
    stay.room.is_occupied = bool(payload.get('occupied'))
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


@transaction.atomic
def finish_cleaning_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Finish cleaning 8: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    return room

