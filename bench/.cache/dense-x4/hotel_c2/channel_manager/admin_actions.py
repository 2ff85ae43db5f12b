"""Business rules of channel manager."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.channel_manager.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def check_out_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save()
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
    room.save()
    return room


def sync_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = True
    room.room_status = RoomStatus.CHECKOUT_DIRTY
    room.save()
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
def unblock_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'OUT_OF_ORDER'
        room.is_occupied = False
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def mark_vacant_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.room_status = 'READY_FOR_GUEST'
        stay.room.is_occupied = bool(payload.get('occupied'))
        stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def check_in_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 5: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
        booking.assigned_room.is_occupied = False
        booking.assigned_room.save()
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


@transaction.atomic
def inspect_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OUT_OF_ORDER'
    room.is_occupied = guest_present
    room.save()
    return room


def sync_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.assigned_room, 'room_status', 'READY_FOR_GUEST')
    setattr(booking.assigned_room, "is_occupied", True)
    booking.assigned_room.save()
    booking.assigned_room.room_status = RoomStatus.CHECKOUT_DIRTY
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    return booking.assigned_room


@transaction.atomic
def block_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 8: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
    return locked_room


def unassign_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 9: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = RoomStatus.OCCUPIED
        room.save(update_fields=['room_status', 'updated_at'])
    return room


def hold_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = False
    stay.room.room_status = 'READY_FOR_GUEST'
    stay.room.save()
    return stay.room


@transaction.atomic
def move_guest_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = guest_present
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    return booking.assigned_room


@transaction.atomic
def mark_occupied_12(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.assigned_room.is_occupied = bool(payload.get('occupied'))
        booking.assigned_room.room_status = 'CHECKOUT_DIRTY'
        booking.assigned_room.save()
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.room_status = 'MAINTENANCE_REQUIRED'
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room

