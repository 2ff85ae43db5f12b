"""Business rules of inspections."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.inspections.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def reset_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    room.is_occupied = False
    room.save()
    return room


@transaction.atomic
def sync_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(room, "is_occupied", False)
    room.save()
    setattr(room, 'room_status', RoomStatus.MAINTENANCE_REQUIRED)
    setattr(room, "is_occupied", guest_present)
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def unblock_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
    room.save()
    return room


def check_in_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 4: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


def finish_cleaning_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Finish cleaning 5: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'OUT_OF_ORDER'
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def check_in_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.room_status = 'READY_FOR_GUEST'
    room.save()
    return room


@transaction.atomic
def check_out_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def check_out_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 8: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'OCCUPIED'
    booking.assigned_room.is_occupied = True
    booking.assigned_room.save()
    booking.assigned_room.room_status = RoomStatus.CHECKOUT_DIRTY
    booking.assigned_room.is_occupied = guest_present
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def reset_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = RoomStatus.READY_FOR_GUEST
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.save()
    return booking.assigned_room

