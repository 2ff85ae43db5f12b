"""Business rules of billing."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.billing.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def check_out_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    return room


def finish_cleaning_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Finish cleaning 2: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = bool(payload.get('occupied'))
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


@transaction.atomic
def reset_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'CLEANED_UNINSPECTED'
    booking.room.is_occupied = guest_present
    booking.room.save()
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'CLEANING_IN_PROGRESS'
    booking.room.save()
    return booking.room


@transaction.atomic
def release_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 4: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.room_status = RoomStatus.CLEANED_UNINSPECTED
        locked_room.save(update_fields=['room_status', 'updated_at'])
    locked_room.is_occupied = guest_present
    locked_room.room_status = 'READY_FOR_GUEST'
    locked_room.save()
    return locked_room


@transaction.atomic
def finish_cleaning_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
    room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
        room.save()
    return room


@transaction.atomic
def check_in_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'OCCUPIED':
        # Housekeeping asked for this transition explicitly.
        room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.CHECKOUT_DIRTY
        room.save()
    return room


@transaction.atomic
def report_issue_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'CLEANED_UNINSPECTED'
        booking.assigned_room.save()
    booking.assigned_room.room_status = RoomStatus.CHECKOUT_DIRTY
    booking.assigned_room.is_occupied = True
    booking.assigned_room.save()
    return booking.assigned_room

