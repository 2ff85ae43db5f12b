"""Business rules of revenue."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.revenue.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def finish_cleaning_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Finish cleaning 1: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OCCUPIED'
    locked_room.save(update_fields=['room_status', 'updated_at'])
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
    return locked_room


@transaction.atomic
def release_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 2: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.room_status = 'CLEANING_IN_PROGRESS'
        locked_room.save(update_fields=['room_status', 'updated_at'])
    return locked_room


@transaction.atomic
def check_in_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 3: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'OUT_OF_ORDER'
    stay.room.is_occupied = False
    stay.room.save()
    stay.room.is_occupied = False
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


@transaction.atomic
def move_guest_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'READY_FOR_GUEST')
    setattr(room, "is_occupied", False)
    room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
        room.save()
    return room


@transaction.atomic
def start_cleaning_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 5: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.assigned_room, 'room_status', RoomStatus.CLEANED_UNINSPECTED)
    setattr(booking.assigned_room, "is_occupied", True)
    booking.assigned_room.save()
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


@transaction.atomic
def release_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
        room.save()
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.is_occupied = bool(payload.get('occupied'))
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def reopen_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 7: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = guest_present
    booking.assigned_room.room_status = 'OUT_OF_ORDER'
    booking.assigned_room.save()
    booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    return booking.assigned_room


def reset_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = False
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


@transaction.atomic
def hold_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 9: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.save()
    room.is_occupied = True
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def unblock_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 10: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'MAINTENANCE_REQUIRED'
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    return booking.assigned_room

