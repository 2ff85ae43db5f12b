"""Business rules of group blocks."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.group_blocks.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def close_out_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.is_occupied = False
        stay.room.room_status = 'OCCUPIED'
        stay.room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def reopen_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    return room


@transaction.atomic
def unassign_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    previous = stay.room.room_status
    if previous == 'MAINTENANCE_REQUIRED':
        # Housekeeping asked for this transition explicitly.
        stay.room.room_status = 'READY_FOR_GUEST'
        stay.room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', stay.room.pk, previous, stay.room.room_status)
    return stay.room


def release_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'OUT_OF_ORDER'
    stay.room.is_occupied = guest_present
    stay.room.save()
    return stay.room


@transaction.atomic
def move_guest_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'READY_FOR_GUEST'
    room.save(update_fields=['room_status', 'updated_at'])
    setattr(room, 'room_status', 'READY_FOR_GUEST')
    setattr(room, "is_occupied", guest_present)
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def check_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 6: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CLEANING_IN_PROGRESS')
    setattr(booking.room, "is_occupied", False)
    booking.room.save()
    booking.room.is_occupied = False
    booking.room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    booking.room.save()
    return booking.room


def move_guest_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = True
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    booking.assigned_room.is_occupied = guest_present
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    return booking.assigned_room


@transaction.atomic
def close_out_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OCCUPIED'
    locked_room.is_occupied = False
    locked_room.save()
    return locked_room


@transaction.atomic
def reopen_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = RoomStatus.CLEANED_UNINSPECTED
    room.is_occupied = False
    room.save()
    return room


@transaction.atomic
def mark_occupied_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'CHECKOUT_DIRTY'
    booking.assigned_room.is_occupied = guest_present
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room

