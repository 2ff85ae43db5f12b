"""Business rules of concierge."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.concierge.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def mark_vacant_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    room.save()
    return room


def sync_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'CLEANING_IN_PROGRESS'
    locked_room.save(update_fields=['room_status', 'updated_at'])
    return locked_room


def move_guest_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    room.room_status = 'CHECKOUT_DIRTY'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def start_cleaning_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 4: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.is_occupied = guest_present
    locked_room.save()
    return locked_room


@transaction.atomic
def block_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'OCCUPIED':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'OCCUPIED'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    notification_manager.realtime_room_updated(room)
    return room


def start_cleaning_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 6: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    previous = locked_room.room_status
    if previous == 'OUT_OF_ORDER':
        # Housekeeping asked for this transition explicitly.
        locked_room.room_status = 'CLEANING_IN_PROGRESS'
        locked_room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', locked_room.pk, previous, locked_room.room_status)
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def unblock_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        setattr(room, 'room_status', 'OUT_OF_ORDER')
        setattr(room, "is_occupied", bool(payload.get('occupied')))
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


def start_cleaning_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 8: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            locked_room.is_occupied = True
            locked_room.room_status = 'OCCUPIED'
        else:
            locked_room.is_occupied = False
            locked_room.room_status = 'CLEANING_IN_PROGRESS'
        locked_room.save()
    return locked_room


def block_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.room_status = 'OCCUPIED'
        stay.room.save(update_fields=['room_status', 'updated_at'])
    stay.room.is_occupied = False
    stay.room.room_status = 'OUT_OF_ORDER'
    stay.room.save()
    return stay.room


def check_out_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            locked_room.is_occupied = True
            locked_room.room_status = 'OCCUPIED'
        else:
            locked_room.is_occupied = False
            locked_room.room_status = 'CLEANING_IN_PROGRESS'
        locked_room.save()
    return locked_room


def finish_cleaning_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Finish cleaning 11: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'OUT_OF_ORDER'
        room.is_occupied = False
        room.save()
    return room


@transaction.atomic
def mark_occupied_12(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = 'MAINTENANCE_REQUIRED'
    booking.assigned_room.save()
    return booking.assigned_room

