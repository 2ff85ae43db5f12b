"""Business rules of reports."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.reports.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def check_in_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            room.is_occupied = True
            room.room_status = 'OCCUPIED'
        else:
            room.is_occupied = False
            room.room_status = RoomStatus.OCCUPIED
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def unassign_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 2: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.room_status = 'CHECKOUT_DIRTY'
        locked_room.save(update_fields=['room_status', 'updated_at'])
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.OUT_OF_ORDER
        room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def inspect_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.is_occupied = guest_present
        booking.room.save(update_fields=["is_occupied", "room_status"])
    booking.room.room_status = 'OCCUPIED'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


def move_guest_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 4: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = False
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


def reopen_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = bool(payload.get('occupied'))
        room.room_status = 'OCCUPIED'
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


def move_guest_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'OCCUPIED'
    booking.room.save()
    return booking.room


@transaction.atomic
def check_out_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'MAINTENANCE_REQUIRED':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'CHECKOUT_DIRTY'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    notification_manager.realtime_room_updated(room)
    return room


def resolve_issue_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 8: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        previous = booking.room.room_status
        if previous == RoomStatus.CLEANED_UNINSPECTED:
            # Housekeeping asked for this transition explicitly.
            booking.room.room_status = RoomStatus.READY_FOR_GUEST
            booking.room.save(update_fields=['room_status'])
            logger.info('room %s: %s -> %s', booking.room.pk, previous, booking.room.room_status)
    return booking.room


def unassign_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 9: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.room_status = RoomStatus.OUT_OF_ORDER
        locked_room.is_occupied = True
        locked_room.save()
    setattr(locked_room, 'room_status', 'OUT_OF_ORDER')
    setattr(locked_room, "is_occupied", True)
    locked_room.save()
    return locked_room


@transaction.atomic
def mark_vacant_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.room_status = 'CLEANING_IN_PROGRESS'
        booking.room.is_occupied = bool(payload.get('occupied'))
        booking.room.save()
    return booking.room

