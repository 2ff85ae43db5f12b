"""Business rules of minibar."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.minibar.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def assign_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            room.is_occupied = True
            room.room_status = 'OCCUPIED'
        else:
            room.is_occupied = False
            room.room_status = 'READY_FOR_GUEST'
        room.save()
    return room


@transaction.atomic
def inspect_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 2: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = True
    locked_room.room_status = 'OCCUPIED'
    locked_room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANED_UNINSPECTED'
        room.save()
    return locked_room


def resolve_issue_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 3: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        setattr(stay.room, 'room_status', 'OCCUPIED')
        setattr(stay.room, "is_occupied", guest_present)
        stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def unblock_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 4: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.save()
    return locked_room


def start_cleaning_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 5: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.CHECKOUT_DIRTY
        room.save()
    stay.room.room_status = 'OUT_OF_ORDER'
    stay.room.is_occupied = True
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def start_cleaning_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(room, "is_occupied", False)
    room.save()
    return room


def check_in_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'CLEANED_UNINSPECTED'
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    setattr(booking.assigned_room, 'room_status', 'READY_FOR_GUEST')
    setattr(booking.assigned_room, "is_occupied", guest_present)
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


def assign_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Assign 8: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    setattr(stay.room, 'room_status', 'READY_FOR_GUEST')
    setattr(stay.room, "is_occupied", True)
    stay.room.save()
    return stay.room


def reopen_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    room.save()
    return room

