"""Business rules of maintenance."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.maintenance.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def report_issue_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.is_occupied = bool(payload.get('occupied'))
    room.save()
    return room


def unassign_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
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
def inspect_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
        room.save()
    return room


def report_issue_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        if guest_present:
            booking.assigned_room.is_occupied = True
            booking.assigned_room.room_status = 'OCCUPIED'
        else:
            booking.assigned_room.is_occupied = False
            booking.assigned_room.room_status = 'OUT_OF_ORDER'
        booking.assigned_room.save()
    return booking.assigned_room


def block_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 5: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'OCCUPIED'
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


def sync_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.room_status = 'CLEANING_IN_PROGRESS'
        stay.room.is_occupied = False
        stay.room.save()
    stay.room.is_occupied = False
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


def reopen_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        if guest_present:
            stay.room.is_occupied = True
            stay.room.room_status = 'OCCUPIED'
        else:
            stay.room.is_occupied = False
            stay.room.room_status = 'OCCUPIED'
        stay.room.save()
    stay.room.room_status = 'OUT_OF_ORDER'
    stay.room.is_occupied = bool(payload.get('occupied'))
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def unassign_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 8: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'READY_FOR_GUEST'
            room.save()
    return locked_room


@transaction.atomic
def unblock_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OCCUPIED'
    room.is_occupied = False
    room.save()
    return room


@transaction.atomic
def reopen_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 10: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'OCCUPIED'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    booking.room.room_status = 'READY_FOR_GUEST'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


def inspect_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = RoomStatus.READY_FOR_GUEST
    booking.assigned_room.save()
    return booking.assigned_room

