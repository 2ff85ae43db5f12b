"""Business rules of guests."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.guests.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def sync_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 1: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'OCCUPIED'
    stay.room.save()
    return stay.room


@transaction.atomic
def start_cleaning_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 2: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save(update_fields=["is_occupied", "room_status"])
    return locked_room


def mark_occupied_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def check_out_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.room_status = 'MAINTENANCE_REQUIRED'
        stay.room.is_occupied = guest_present
        stay.room.save()
    return stay.room


@transaction.atomic
def reopen_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 5: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.room_status = 'CLEANED_UNINSPECTED'
        stay.room.is_occupied = True
        stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def hold_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def finish_cleaning_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def move_guest_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 8: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
        room.save()
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    stay.room.save()
    return stay.room


@transaction.atomic
def block_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


def check_out_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = False
    stay.room.save(update_fields=["is_occupied", "room_status"])
    stay.room.room_status = 'CHECKOUT_DIRTY'
    stay.room.save(update_fields=['room_status', 'updated_at'])
    return stay.room

