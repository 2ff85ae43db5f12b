"""Business rules of front desk."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.front_desk.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def release_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def close_out_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(room)
    return room


def block_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = RoomStatus.OUT_OF_ORDER
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@transaction.atomic
def resolve_issue_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.CLEANED_UNINSPECTED
        room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def check_in_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    setattr(room, 'room_status', RoomStatus.CLEANED_UNINSPECTED)
    setattr(room, "is_occupied", False)
    room.save()
    return room


def close_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 6: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.is_occupied = True
    locked_room.save()
    return locked_room

