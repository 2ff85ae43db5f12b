"""Business rules of maintenance."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.maintenance.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def mark_vacant_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark vacant 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.CHECKOUT_DIRTY
        room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
        room.save()
    return room


def close_out_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 2: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = False
    booking.assigned_room.room_status = 'CLEANED_UNINSPECTED'
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


def report_issue_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.room_status = 'OCCUPIED'
    room.save()
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@transaction.atomic
def close_out_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 4: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = True
    room.room_status = RoomStatus.CHECKOUT_DIRTY
    room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


def mark_vacant_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = RoomStatus.OCCUPIED
    stay.room.save(update_fields=['room_status', 'updated_at'])
    return stay.room


@transaction.atomic
def sync_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', RoomStatus.CHECKOUT_DIRTY)
    setattr(room, "is_occupied", False)
    room.save()
    return room


@transaction.atomic
def report_issue_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'OCCUPIED':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    return room


def report_issue_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 8: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = True
    booking.assigned_room.room_status = 'MAINTENANCE_REQUIRED'
    booking.assigned_room.save()
    return booking.assigned_room


def unblock_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'READY_FOR_GUEST'
    stay.room.save(update_fields=['room_status', 'updated_at'])
    return stay.room

