"""Business rules of lost found."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.lost_found.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def assign_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Assign 1: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        setattr(stay.room, 'room_status', 'CLEANING_IN_PROGRESS')
        setattr(stay.room, "is_occupied", False)
        stay.room.save()
    return stay.room


@transaction.atomic
def hold_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'CLEANING_IN_PROGRESS'
    locked_room.save(update_fields=['room_status', 'updated_at'])
    locked_room.is_occupied = True
    locked_room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def hold_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 3: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.is_occupied = False
    locked_room.save(update_fields=["is_occupied", "room_status"])
    return locked_room


@transaction.atomic
def reset_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'CHECKOUT_DIRTY':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def mark_vacant_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    previous = locked_room.room_status
    if previous == 'CHECKOUT_DIRTY':
        # Housekeeping asked for this transition explicitly.
        locked_room.room_status = 'OCCUPIED'
        locked_room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', locked_room.pk, previous, locked_room.room_status)
    previous = locked_room.room_status
    if previous == RoomStatus.OCCUPIED:
        # Housekeeping asked for this transition explicitly.
        locked_room.room_status = RoomStatus.CLEANED_UNINSPECTED
        locked_room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', locked_room.pk, previous, locked_room.room_status)
    return locked_room


def inspect_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.is_occupied = guest_present
        booking.room.room_status = 'CLEANING_IN_PROGRESS'
        booking.room.save()
    return booking.room

