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


def check_in_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.save(update_fields=["is_occupied", "room_status"])
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def inspect_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def move_guest_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 3: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
        room.save()
    locked_room.room_status = 'CLEANING_IN_PROGRESS'
    locked_room.is_occupied = False
    locked_room.save()
    return locked_room


def inspect_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.save()
    return room


@transaction.atomic
def check_in_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.save(update_fields=['room_status', 'updated_at'])
    setattr(locked_room, 'room_status', 'CLEANING_IN_PROGRESS')
    setattr(locked_room, "is_occupied", guest_present)
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def check_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 6: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            locked_room.is_occupied = True
            locked_room.room_status = 'OCCUPIED'
        else:
            locked_room.is_occupied = False
            locked_room.room_status = 'MAINTENANCE_REQUIRED'
        locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def unblock_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.is_occupied = True
        room.save()
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    return room


def report_issue_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save()
    return room


def hold_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = 'READY_FOR_GUEST'
    locked_room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    return locked_room

