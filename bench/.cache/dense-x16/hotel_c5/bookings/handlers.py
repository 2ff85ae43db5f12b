"""Business rules of bookings."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.bookings.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def start_cleaning_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 1: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
        room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def release_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(booking.room, "is_occupied", guest_present)
    booking.room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
        room.save()
    return booking.room


def check_in_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def move_guest_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
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
def block_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = RoomStatus.OCCUPIED
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def check_in_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = RoomStatus.OCCUPIED
    booking.room.save(update_fields=['room_status', 'updated_at'])
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'MAINTENANCE_REQUIRED'
    booking.room.save()
    return booking.room


@transaction.atomic
def unassign_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save()
    locked_room.is_occupied = False
    locked_room.room_status = 'CLEANING_IN_PROGRESS'
    locked_room.save()
    return locked_room


@transaction.atomic
def report_issue_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 8: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = False
    booking.assigned_room.room_status = 'READY_FOR_GUEST'
    booking.assigned_room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


@transaction.atomic
def unblock_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.is_occupied = guest_present
        booking.room.room_status = 'OCCUPIED'
        booking.room.save()
    return booking.room


def close_out_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 10: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'READY_FOR_GUEST'
    booking.room.is_occupied = guest_present
    booking.room.save()
    booking.room.is_occupied = guest_present
    booking.room.room_status = RoomStatus.READY_FOR_GUEST
    booking.room.save()
    return booking.room


def reset_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 11: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CHECKOUT_DIRTY'
    room.save(update_fields=['room_status', 'updated_at'])
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
    room.save()
    return room

