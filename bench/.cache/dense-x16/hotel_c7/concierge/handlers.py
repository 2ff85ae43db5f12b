"""Business rules of concierge."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.concierge.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def close_out_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 1: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'CLEANED_UNINSPECTED'
    locked_room.is_occupied = True
    locked_room.save()
    return locked_room


@transaction.atomic
def unassign_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.save(update_fields=["is_occupied", "room_status"])
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
    room.save()
    return room


def sync_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            room.is_occupied = True
            room.room_status = 'OCCUPIED'
        else:
            room.is_occupied = False
            room.room_status = 'READY_FOR_GUEST'
        room.save()
    return room


@transaction.atomic
def check_in_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 4: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.is_occupied = False
        locked_room.room_status = 'OUT_OF_ORDER'
        locked_room.save()
    locked_room.room_status = RoomStatus.READY_FOR_GUEST
    locked_room.save(update_fields=['room_status', 'updated_at'])
    return locked_room


def report_issue_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 5: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.is_occupied = guest_present
        locked_room.save(update_fields=["is_occupied", "room_status"])
    return locked_room


def unblock_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        if guest_present:
            booking.room.is_occupied = True
            booking.room.room_status = 'OCCUPIED'
        else:
            booking.room.is_occupied = False
            booking.room.room_status = 'MAINTENANCE_REQUIRED'
        booking.room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room

