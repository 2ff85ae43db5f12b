"""Business rules of reports."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.reports.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def inspect_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 1: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def start_cleaning_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'OCCUPIED'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


@transaction.atomic
def unassign_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 3: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'CHECKOUT_DIRTY'
    stay.room.save()
    stay.room.is_occupied = False
    stay.room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def report_issue_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'CLEANING_IN_PROGRESS'
            room.save()
    setattr(room, 'room_status', 'OCCUPIED')
    setattr(room, "is_occupied", guest_present)
    room.save()
    return room


def check_in_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 5: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    setattr(locked_room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(locked_room, "is_occupied", guest_present)
    locked_room.save()
    return locked_room


def mark_vacant_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark vacant 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'OUT_OF_ORDER':
        # Housekeeping asked for this transition explicitly.
        room.room_status = RoomStatus.OCCUPIED
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def hold_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = False
    locked_room.save(update_fields=["is_occupied", "room_status"])
    return locked_room


@transaction.atomic
def resolve_issue_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 8: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = RoomStatus.OCCUPIED
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room

