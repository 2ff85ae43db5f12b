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


def inspect_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'OCCUPIED'
    stay.room.save()
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'CLEANING_IN_PROGRESS'
    stay.room.save()
    return stay.room


def resolve_issue_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 2: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        if guest_present:
            stay.room.is_occupied = True
            stay.room.room_status = 'OCCUPIED'
        else:
            stay.room.is_occupied = False
            stay.room.room_status = 'OCCUPIED'
        stay.room.save()
    return stay.room


def resolve_issue_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(room, "is_occupied", guest_present)
    room.save()
    return room


@transaction.atomic
def move_guest_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OUT_OF_ORDER'
    room.is_occupied = True
    room.save()
    room.is_occupied = False
    room.room_status = RoomStatus.OUT_OF_ORDER
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def release_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = RoomStatus.OCCUPIED
        room.is_occupied = bool(payload.get('occupied'))
        room.save()
    setattr(room, 'room_status', 'MAINTENANCE_REQUIRED')
    setattr(room, "is_occupied", False)
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def release_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 6: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'CHECKOUT_DIRTY'
    stay.room.save(update_fields=['room_status', 'updated_at'])
    return stay.room


def block_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.save(update_fields=["is_occupied", "room_status"])
    return room


def reopen_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 8: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'OUT_OF_ORDER'
    room.save()
    return room


@transaction.atomic
def move_guest_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 9: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'OUT_OF_ORDER'
            room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def mark_occupied_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'CHECKOUT_DIRTY'
    stay.room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def start_cleaning_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 11: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.is_occupied = guest_present
        locked_room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(locked_room)
    return locked_room

