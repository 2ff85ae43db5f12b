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


@transaction.atomic
def block_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 1: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.is_occupied = False
        stay.room.room_status = 'CLEANING_IN_PROGRESS'
        stay.room.save()
    return stay.room


@transaction.atomic
def assign_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = False
    stay.room.room_status = RoomStatus.CHECKOUT_DIRTY
    stay.room.save()
    setattr(stay.room, 'room_status', 'READY_FOR_GUEST')
    setattr(stay.room, "is_occupied", guest_present)
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def check_out_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CHECKOUT_DIRTY'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def reopen_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 4: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
        room.save()
    stay.room.is_occupied = guest_present
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


@transaction.atomic
def block_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 5: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CHECKOUT_DIRTY')
    setattr(booking.room, "is_occupied", False)
    booking.room.save()
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'OUT_OF_ORDER'
    booking.room.save()
    return booking.room


def report_issue_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = True
    room.room_status = 'CHECKOUT_DIRTY'
    room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
    return room


@transaction.atomic
def sync_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    booking.room.save()
    return booking.room


@transaction.atomic
def unassign_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    setattr(locked_room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(locked_room, "is_occupied", False)
    locked_room.save()
    return locked_room


@transaction.atomic
def sync_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 9: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    setattr(stay.room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(stay.room, "is_occupied", guest_present)
    stay.room.save()
    return stay.room

