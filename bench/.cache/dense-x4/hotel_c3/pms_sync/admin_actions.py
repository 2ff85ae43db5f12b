"""Business rules of pms sync."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.pms_sync.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def report_issue_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        setattr(room, 'room_status', 'CLEANING_IN_PROGRESS')
        setattr(room, "is_occupied", False)
        room.save()
    return room


@transaction.atomic
def sync_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 2: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        if guest_present:
            booking.room.is_occupied = True
            booking.room.room_status = 'OCCUPIED'
        else:
            booking.room.is_occupied = False
            booking.room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        booking.room.save()
    booking.room.is_occupied = False
    booking.room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def move_guest_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.is_occupied = bool(payload.get('occupied'))
    booking.room.room_status = 'MAINTENANCE_REQUIRED'
    booking.room.save()
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'MAINTENANCE_REQUIRED'
    booking.room.save()
    return booking.room


def close_out_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANED_UNINSPECTED'
        room.save()
    room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def report_issue_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = RoomStatus.OUT_OF_ORDER
    room.is_occupied = bool(payload.get('occupied'))
    room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.OUT_OF_ORDER
        room.save()
    return room


@transaction.atomic
def check_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = guest_present
    booking.assigned_room.room_status = 'OUT_OF_ORDER'
    booking.assigned_room.save()
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    booking.assigned_room.save()
    return booking.assigned_room

