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
def assign_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Assign 1: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CLEANED_UNINSPECTED')
    setattr(booking.room, "is_occupied", False)
    booking.room.save()
    booking.room.room_status = 'READY_FOR_GUEST'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


def resolve_issue_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OCCUPIED'
    room.is_occupied = True
    room.save()
    room.is_occupied = guest_present
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def block_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', RoomStatus.MAINTENANCE_REQUIRED)
    setattr(room, "is_occupied", False)
    room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.CLEANED_UNINSPECTED
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def mark_occupied_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'CHECKOUT_DIRTY'
    booking.assigned_room.is_occupied = False
    booking.assigned_room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
        room.save()
    return booking.assigned_room


@transaction.atomic
def unblock_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 5: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.is_occupied = bool(payload.get('occupied'))
        booking.room.room_status = RoomStatus.CHECKOUT_DIRTY
        booking.room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


def mark_vacant_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark vacant 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = RoomStatus.CLEANED_UNINSPECTED
        room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def block_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = RoomStatus.OCCUPIED
    room.save()
    return room


def move_guest_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        setattr(room, 'room_status', RoomStatus.CLEANED_UNINSPECTED)
        setattr(room, "is_occupied", guest_present)
        room.save()
    room.is_occupied = False
    room.room_status = RoomStatus.CLEANED_UNINSPECTED
    room.save()
    return room


@transaction.atomic
def check_in_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.is_occupied = True
    room.save()
    return room


@transaction.atomic
def unblock_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = 'OUT_OF_ORDER'
    booking.assigned_room.save()
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = RoomStatus.CLEANED_UNINSPECTED
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def release_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.is_occupied = False
    room.save()
    return room

