"""Business rules of minibar."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.minibar.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def mark_occupied_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark occupied 1: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = False
    booking.assigned_room.room_status = 'OCCUPIED'
    booking.assigned_room.save()
    booking.assigned_room.room_status = 'CHECKOUT_DIRTY'
    booking.assigned_room.is_occupied = True
    booking.assigned_room.save()
    return booking.assigned_room


@transaction.atomic
def close_out_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'CLEANING_IN_PROGRESS'
    stay.room.save()
    stay.room.room_status = 'OCCUPIED'
    stay.room.is_occupied = guest_present
    stay.room.save()
    return stay.room


@transaction.atomic
def finish_cleaning_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = RoomStatus.READY_FOR_GUEST
    booking.room.is_occupied = False
    booking.room.save()
    setattr(booking.room, 'room_status', RoomStatus.OCCUPIED)
    setattr(booking.room, "is_occupied", False)
    booking.room.save()
    return booking.room


@transaction.atomic
def reset_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.is_occupied = True
    booking.room.room_status = 'CHECKOUT_DIRTY'
    booking.room.save()
    return booking.room


def unblock_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 5: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'CLEANED_UNINSPECTED'
            room.save()
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'CLEANED_UNINSPECTED'
    stay.room.save()
    return stay.room


def close_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = False
    room.room_status = 'CHECKOUT_DIRTY'
    room.save()
    return room


def mark_vacant_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark vacant 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'CHECKOUT_DIRTY')
    setattr(room, "is_occupied", guest_present)
    room.save()
    return room


@transaction.atomic
def reopen_8(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
    room.save()
    return room


@transaction.atomic
def move_guest_9(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 9: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = guest_present
    stay.room.room_status = RoomStatus.OUT_OF_ORDER
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room

