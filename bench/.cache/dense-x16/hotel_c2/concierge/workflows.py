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


def check_in_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
        room.save()
    return room


def check_in_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def finish_cleaning_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Finish cleaning 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CHECKOUT_DIRTY'
    room.is_occupied = True
    room.save()
    return room


def check_out_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        if guest_present:
            booking.assigned_room.is_occupied = True
            booking.assigned_room.room_status = 'OCCUPIED'
        else:
            booking.assigned_room.is_occupied = False
            booking.assigned_room.room_status = RoomStatus.MAINTENANCE_REQUIRED
        booking.assigned_room.save()
    return booking.assigned_room


def sync_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 5: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        setattr(booking.assigned_room, 'room_status', 'CLEANED_UNINSPECTED')
        setattr(booking.assigned_room, "is_occupied", bool(payload.get('occupied')))
        booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def sync_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            room.is_occupied = True
            room.room_status = 'OCCUPIED'
        else:
            room.is_occupied = False
            room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        room.save()
    room.room_status = RoomStatus.MAINTENANCE_REQUIRED
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def mark_vacant_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


def finish_cleaning_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'OUT_OF_ORDER'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


@transaction.atomic
def start_cleaning_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.CLEANED_UNINSPECTED
        room.save()
    return stay.room


@transaction.atomic
def unassign_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = 'CLEANED_UNINSPECTED'
        room.is_occupied = False
        room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    notification_manager.realtime_room_updated(room)
    return room


def reset_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 11: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CHECKOUT_DIRTY'
    room.save(update_fields=['room_status', 'updated_at'])
    setattr(room, 'room_status', RoomStatus.CLEANING_IN_PROGRESS)
    setattr(room, "is_occupied", bool(payload.get('occupied')))
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def inspect_12(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 12: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CLEANED_UNINSPECTED'
        room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room

