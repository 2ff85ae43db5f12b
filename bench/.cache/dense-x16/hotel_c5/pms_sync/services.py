"""Business rules of pms sync."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.pms_sync.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def block_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 1: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.room_status = 'CLEANED_UNINSPECTED'
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def sync_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        setattr(room, 'room_status', 'OUT_OF_ORDER')
        setattr(room, "is_occupied", True)
        room.save()
    return room


@transaction.atomic
def unblock_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.room_status = RoomStatus.CLEANED_UNINSPECTED
    room.save()
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def check_in_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 4: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = True
    stay.room.save(update_fields=["is_occupied", "room_status"])
    stay.room.is_occupied = False
    stay.room.room_status = 'CHECKOUT_DIRTY'
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def move_guest_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@transaction.atomic
def close_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 6: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.room_status = RoomStatus.CLEANED_UNINSPECTED
        booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room

