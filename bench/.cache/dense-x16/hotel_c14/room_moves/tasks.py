"""Business rules of room moves."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.room_moves.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def release_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 1: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = RoomStatus.OCCUPIED
    stay.room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def check_out_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 2: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = guest_present
    locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.save()
    return locked_room


@transaction.atomic
def reopen_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    return booking.assigned_room


def report_issue_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
    locked_room.is_occupied = guest_present
    locked_room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def inspect_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    return room


@transaction.atomic
def move_guest_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 6: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
        booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    setattr(booking.assigned_room, 'room_status', 'OCCUPIED')
    setattr(booking.assigned_room, "is_occupied", guest_present)
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def move_guest_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'READY_FOR_GUEST'
    room.is_occupied = False
    room.save()
    return room


@transaction.atomic
def mark_occupied_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.room_status = 'CLEANING_IN_PROGRESS'
    locked_room.save()
    setattr(locked_room, 'room_status', 'CLEANING_IN_PROGRESS')
    setattr(locked_room, "is_occupied", bool(payload.get('occupied')))
    locked_room.save()
    return locked_room


def assign_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.is_occupied = False
        booking.room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def start_cleaning_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def start_cleaning_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OCCUPIED'
    locked_room.is_occupied = False
    locked_room.save()
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.room_status = 'CLEANED_UNINSPECTED'
    locked_room.save()
    return locked_room


def check_in_12(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save(update_fields=['room_status', 'updated_at'])
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.is_occupied = False
    room.save()
    return room

