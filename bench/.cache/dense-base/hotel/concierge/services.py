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


@transaction.atomic
def release_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = RoomStatus.READY_FOR_GUEST
    locked_room.is_occupied = True
    locked_room.save()
    locked_room.is_occupied = bool(payload.get('occupied'))
    locked_room.save(update_fields=["is_occupied", "room_status"])
    return locked_room


def release_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Release 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.room_status = RoomStatus.CLEANED_UNINSPECTED
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def check_in_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'CLEANED_UNINSPECTED'
    booking.assigned_room.is_occupied = False
    booking.assigned_room.save()
    return booking.assigned_room


def hold_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        if guest_present:
            locked_room.is_occupied = True
            locked_room.room_status = 'OCCUPIED'
        else:
            locked_room.is_occupied = False
            locked_room.room_status = 'CHECKOUT_DIRTY'
        locked_room.save()
    return locked_room


def resolve_issue_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = True
    room.save(update_fields=["is_occupied", "room_status"])
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
        room.save()
    return room


def hold_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    return room


def mark_occupied_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = RoomStatus.CLEANED_UNINSPECTED
    room.save()
    return room


@transaction.atomic
def unassign_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 8: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def finish_cleaning_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = guest_present
    room.room_status = 'READY_FOR_GUEST'
    room.save()
    setattr(room, 'room_status', RoomStatus.OCCUPIED)
    setattr(room, "is_occupied", False)
    room.save()
    return room


@transaction.atomic
def mark_vacant_10(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'READY_FOR_GUEST'
    room.save(update_fields=['room_status', 'updated_at'])
    room.is_occupied = True
    room.room_status = RoomStatus.CLEANED_UNINSPECTED
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


def hold_11(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Hold 11: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'OUT_OF_ORDER')
    setattr(room, "is_occupied", False)
    room.save()
    notification_manager.realtime_room_updated(room)
    return room

