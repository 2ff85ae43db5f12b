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


def unblock_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = guest_present
        room.save(update_fields=["is_occupied", "room_status"])
    previous = room.room_status
    if previous == 'CHECKOUT_DIRTY':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    return room


@transaction.atomic
def finish_cleaning_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Finish cleaning 2: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    return stay.room


@transaction.atomic
def unassign_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = RoomStatus.READY_FOR_GUEST
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


@transaction.atomic
def hold_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = True
    booking.assigned_room.room_status = 'CHECKOUT_DIRTY'
    booking.assigned_room.save()
    booking.assigned_room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    return booking.assigned_room


@transaction.atomic
def reset_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def finish_cleaning_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Finish cleaning 6: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = guest_present
    stay.room.room_status = 'MAINTENANCE_REQUIRED'
    stay.room.save()
    setattr(stay.room, 'room_status', 'OUT_OF_ORDER')
    setattr(stay.room, "is_occupied", False)
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def hold_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'CHECKOUT_DIRTY'
    booking.assigned_room.is_occupied = guest_present
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room

