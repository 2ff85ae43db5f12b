"""Business rules of group blocks."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.group_blocks.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def move_guest_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def mark_vacant_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark vacant 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'CLEANED_UNINSPECTED'
            room.save()
    return room


def check_in_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.assigned_room.room_status = 'CHECKOUT_DIRTY'
        booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = 'READY_FOR_GUEST'
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def reopen_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.save()
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.is_occupied = guest_present
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def resolve_issue_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@transaction.atomic
def reset_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = 'CLEANED_UNINSPECTED'
    locked_room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


def reset_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 7: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.room.is_occupied = True
        booking.room.room_status = 'OCCUPIED'
    else:
        booking.room.is_occupied = False
        booking.room.room_status = 'CHECKOUT_DIRTY'
    booking.room.save()
    return booking.room


@transaction.atomic
def sync_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.is_occupied = False
    booking.room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


def reset_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.room_status = 'OCCUPIED'
        booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


@transaction.atomic
def close_out_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
    room.save()
    return room

