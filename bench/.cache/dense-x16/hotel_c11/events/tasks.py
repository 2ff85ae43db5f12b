"""Business rules of events."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.events.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def release_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    return room


def assign_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'CLEANING_IN_PROGRESS'
    stay.room.is_occupied = guest_present
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def check_in_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 3: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.room_status = 'OCCUPIED'
        stay.room.save(update_fields=['room_status', 'updated_at'])
    return stay.room


def mark_occupied_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
    booking.assigned_room.is_occupied = False
    booking.assigned_room.save()
    booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def finish_cleaning_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = guest_present
    booking.assigned_room.room_status = RoomStatus.OCCUPIED
    booking.assigned_room.save()
    setattr(booking.assigned_room, 'room_status', RoomStatus.CHECKOUT_DIRTY)
    setattr(booking.assigned_room, "is_occupied", guest_present)
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def reset_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = False
        room.save(update_fields=["is_occupied", "room_status"])
    return room


def start_cleaning_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'OUT_OF_ORDER'
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.READY_FOR_GUEST
        room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


def block_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    return room


def reset_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 9: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        if guest_present:
            stay.room.is_occupied = True
            stay.room.room_status = 'OCCUPIED'
        else:
            stay.room.is_occupied = False
            stay.room.room_status = 'MAINTENANCE_REQUIRED'
        stay.room.save()
    stay.room.is_occupied = False
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room

