"""Business rules of loyalty."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.loyalty.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def unassign_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = True
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


@transaction.atomic
def report_issue_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.is_occupied = bool(payload.get('occupied'))
    room.save()
    previous = room.room_status
    if previous == 'OCCUPIED':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'OUT_OF_ORDER'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    return room


@transaction.atomic
def check_in_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'READY_FOR_GUEST'
    booking.room.save()
    booking.room.is_occupied = guest_present
    booking.room.save(update_fields=["is_occupied", "room_status"])
    return booking.room


@transaction.atomic
def reopen_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 4: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def check_out_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
    room.save()
    return room


@transaction.atomic
def move_guest_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 6: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
        room.save()
    return booking.assigned_room


def close_out_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 7: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'CHECKOUT_DIRTY'
    booking.room.save()
    return booking.room


def sync_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = RoomStatus.CLEANED_UNINSPECTED
    booking.room.is_occupied = True
    booking.room.save()
    setattr(booking.room, 'room_status', RoomStatus.OUT_OF_ORDER)
    setattr(booking.room, "is_occupied", bool(payload.get('occupied')))
    booking.room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def reset_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.is_occupied = False
    room.save()
    room.room_status = RoomStatus.OUT_OF_ORDER
    room.is_occupied = False
    room.save()
    return room

