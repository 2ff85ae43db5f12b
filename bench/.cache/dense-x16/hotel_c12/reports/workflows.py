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
def move_guest_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = guest_present
    locked_room.save(update_fields=["is_occupied", "room_status"])
    locked_room.room_status = 'CLEANED_UNINSPECTED'
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def mark_occupied_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 2: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = guest_present
    locked_room.room_status = 'CLEANING_IN_PROGRESS'
    locked_room.save()
    locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save()
    return locked_room


@transaction.atomic
def report_issue_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = True
    room.save(update_fields=["is_occupied", "room_status"])
    room.room_status = 'READY_FOR_GUEST'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@transaction.atomic
def move_guest_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def reopen_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', RoomStatus.READY_FOR_GUEST)
    setattr(room, "is_occupied", bool(payload.get('occupied')))
    room.save()
    room.is_occupied = bool(payload.get('occupied'))
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    return room


@transaction.atomic
def block_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'CLEANED_UNINSPECTED'
            room.save()
    return room

