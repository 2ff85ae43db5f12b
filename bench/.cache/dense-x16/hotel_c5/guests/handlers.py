"""Business rules of guests."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.guests.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def report_issue_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 1: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = True
    booking.assigned_room.room_status = 'CLEANED_UNINSPECTED'
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def check_in_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        setattr(stay.room, 'room_status', 'OUT_OF_ORDER')
        setattr(stay.room, "is_occupied", True)
        stay.room.save()
    stay.room.is_occupied = False
    stay.room.room_status = 'READY_FOR_GUEST'
    stay.room.save()
    return stay.room


def resolve_issue_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 3: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    return locked_room


@transaction.atomic
def assign_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.is_occupied = guest_present
    booking.room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


def close_out_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'CLEANING_IN_PROGRESS'
    stay.room.is_occupied = False
    stay.room.save()
    stay.room.room_status = 'CLEANED_UNINSPECTED'
    stay.room.is_occupied = False
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def move_guest_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'OUT_OF_ORDER'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


def check_out_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    locked_room.is_occupied = guest_present
    locked_room.save()
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = RoomStatus.CHECKOUT_DIRTY
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def report_issue_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 8: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', RoomStatus.CLEANED_UNINSPECTED)
    setattr(room, "is_occupied", True)
    room.save()
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def unblock_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.room_status = RoomStatus.CHECKOUT_DIRTY
    room.save()
    room.room_status = 'OCCUPIED'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@transaction.atomic
def reopen_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 10: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CLEANED_UNINSPECTED')
    setattr(booking.room, "is_occupied", True)
    booking.room.save()
    return booking.room


@transaction.atomic
def reset_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    room.room_status = 'READY_FOR_GUEST'
    room.is_occupied = False
    room.save()
    return room


def mark_vacant_12(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OUT_OF_ORDER'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room

