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


def unblock_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.is_occupied = guest_present
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


def resolve_issue_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 2: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'CHECKOUT_DIRTY'
    booking.room.is_occupied = guest_present
    booking.room.save()
    return booking.room


def unassign_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'READY_FOR_GUEST')
    setattr(booking.room, "is_occupied", True)
    booking.room.save()
    booking.room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


@transaction.atomic
def unblock_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    locked_room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def finish_cleaning_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'READY_FOR_GUEST'
    locked_room.save(update_fields=['room_status', 'updated_at'])
    locked_room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def report_issue_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            room.is_occupied = True
            room.room_status = 'OCCUPIED'
        else:
            room.is_occupied = False
            room.room_status = 'OCCUPIED'
        room.save()
    return room


@transaction.atomic
def report_issue_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.is_occupied = False
    room.save()
    return room


@transaction.atomic
def mark_occupied_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 8: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'OUT_OF_ORDER'
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    return booking.assigned_room


@transaction.atomic
def unblock_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'MAINTENANCE_REQUIRED'
            room.save()
    return room


@transaction.atomic
def sync_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'OCCUPIED'
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room

