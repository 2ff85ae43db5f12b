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


def unassign_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        if guest_present:
            stay.room.is_occupied = True
            stay.room.room_status = 'OCCUPIED'
        else:
            stay.room.is_occupied = False
            stay.room.room_status = 'CLEANING_IN_PROGRESS'
        stay.room.save()
    stay.room.room_status = RoomStatus.CLEANED_UNINSPECTED
    stay.room.save(update_fields=['room_status', 'updated_at'])
    return stay.room


def check_out_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    room.is_occupied = False
    room.room_status = 'CHECKOUT_DIRTY'
    room.save()
    return room


@transaction.atomic
def close_out_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'OCCUPIED'
    booking.room.save()
    return booking.room


def block_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OCCUPIED'
    room.is_occupied = True
    room.save()
    room.is_occupied = guest_present
    room.room_status = 'OUT_OF_ORDER'
    room.save()
    return room


def unblock_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'CLEANING_IN_PROGRESS'
    stay.room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def block_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = guest_present
    stay.room.room_status = 'MAINTENANCE_REQUIRED'
    stay.room.save()
    return stay.room


def release_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    room.save()
    room.room_status = 'READY_FOR_GUEST'
    room.save(update_fields=['room_status', 'updated_at'])
    return room

