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


def sync_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CHECKOUT_DIRTY'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@transaction.atomic
def check_in_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 2: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CHECKOUT_DIRTY')
    setattr(booking.room, "is_occupied", False)
    booking.room.save()
    return booking.room


def sync_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 3: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    previous = stay.room.room_status
    if previous == 'READY_FOR_GUEST':
        # Housekeeping asked for this transition explicitly.
        stay.room.room_status = 'CHECKOUT_DIRTY'
        stay.room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', stay.room.pk, previous, stay.room.room_status)
    stay.room.is_occupied = False
    stay.room.room_status = 'CLEANING_IN_PROGRESS'
    stay.room.save()
    return stay.room


def resolve_issue_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 4: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'OCCUPIED'
    stay.room.is_occupied = bool(payload.get('occupied'))
    stay.room.save()
    return stay.room


@transaction.atomic
def block_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def check_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'READY_FOR_GUEST'
    room.is_occupied = False
    room.save()
    previous = room.room_status
    if previous == RoomStatus.OCCUPIED:
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'CHECKOUT_DIRTY'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    notification_manager.realtime_room_updated(room)
    return room

