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


def reset_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = guest_present
        room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def close_out_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 2: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        setattr(locked_room, 'room_status', 'OUT_OF_ORDER')
        setattr(locked_room, "is_occupied", False)
        locked_room.save()
    return locked_room


def check_in_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = True
    room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def hold_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 4: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save(update_fields=['room_status', 'updated_at'])
    return room


@transaction.atomic
def close_out_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def inspect_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OUT_OF_ORDER'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room

