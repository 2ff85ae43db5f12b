"""Business rules of housekeeping ops."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.housekeeping_ops.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def unblock_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        previous = room.room_status
        if previous == 'OUT_OF_ORDER':
            # Housekeeping asked for this transition explicitly.
            room.room_status = 'CLEANING_IN_PROGRESS'
            room.save(update_fields=['room_status'])
            logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


def sync_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
    room.save()
    return room


@transaction.atomic
def inspect_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    setattr(stay.room, 'room_status', 'OCCUPIED')
    setattr(stay.room, "is_occupied", guest_present)
    stay.room.save()
    return stay.room


@transaction.atomic
def move_guest_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 4: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.is_occupied = guest_present
        stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


def start_cleaning_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 5: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.is_occupied = guest_present
    booking.room.room_status = 'CLEANED_UNINSPECTED'
    booking.room.save()
    return booking.room


@transaction.atomic
def reopen_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = False
    stay.room.save(update_fields=["is_occupied", "room_status"])
    stay.room.is_occupied = False
    stay.room.room_status = 'OUT_OF_ORDER'
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room

