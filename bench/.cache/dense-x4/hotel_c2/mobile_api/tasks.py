"""Business rules of mobile api."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.mobile_api.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def assign_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Assign 1: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.is_occupied = guest_present
        locked_room.room_status = 'MAINTENANCE_REQUIRED'
        locked_room.save()
    return locked_room


def reopen_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'CLEANING_IN_PROGRESS')
    setattr(room, "is_occupied", True)
    room.save()
    return room


def close_out_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    previous = booking.room.room_status
    if previous == 'CHECKOUT_DIRTY':
        # Housekeeping asked for this transition explicitly.
        booking.room.room_status = 'READY_FOR_GUEST'
        booking.room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', booking.room.pk, previous, booking.room.room_status)
    return booking.room


def unblock_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 4: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


def check_out_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.is_occupied = False
    booking.room.save(update_fields=["is_occupied", "room_status"])
    return booking.room


@transaction.atomic
def block_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = guest_present
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


@transaction.atomic
def inspect_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'OCCUPIED'
            room.save()
    setattr(room, 'room_status', 'OUT_OF_ORDER')
    setattr(room, "is_occupied", guest_present)
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def block_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 8: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = RoomStatus.READY_FOR_GUEST
    locked_room.save(update_fields=['room_status', 'updated_at'])
    return locked_room


def sync_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    setattr(locked_room, 'room_status', 'READY_FOR_GUEST')
    setattr(locked_room, "is_occupied", True)
    locked_room.save()
    return locked_room


def report_issue_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    stay.room.is_occupied = True
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room

