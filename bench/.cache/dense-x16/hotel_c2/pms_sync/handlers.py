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


def block_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'OUT_OF_ORDER'
    stay.room.is_occupied = False
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def hold_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        setattr(room, 'room_status', 'OUT_OF_ORDER')
        setattr(room, "is_occupied", False)
        room.save()
    return room


@transaction.atomic
def check_out_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.room_status = RoomStatus.CLEANED_UNINSPECTED
        room.save(update_fields=['room_status', 'updated_at'])
    room.room_status = RoomStatus.OUT_OF_ORDER
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def report_issue_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.room.is_occupied = False
        booking.room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def check_out_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 5: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        if guest_present:
            stay.room.is_occupied = True
            stay.room.room_status = 'OCCUPIED'
        else:
            stay.room.is_occupied = False
            stay.room.room_status = 'OUT_OF_ORDER'
        stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def start_cleaning_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'READY_FOR_GUEST'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def mark_occupied_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 7: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = RoomStatus.OCCUPIED
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@transaction.atomic
def sync_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 8: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'CLEANING_IN_PROGRESS'
            room.save()
    setattr(room, 'room_status', 'CHECKOUT_DIRTY')
    setattr(room, "is_occupied", False)
    room.save()
    return room


@transaction.atomic
def resolve_issue_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 9: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    notification_manager.realtime_room_updated(room)
    return room

