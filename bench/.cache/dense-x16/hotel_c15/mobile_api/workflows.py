"""Business rules of mobile api."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.mobile_api.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def move_guest_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'MAINTENANCE_REQUIRED'
    stay.room.save()
    stay.room.is_occupied = bool(payload.get('occupied'))
    stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


def reset_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = guest_present
    stay.room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@transaction.atomic
def block_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OCCUPIED'
    room.is_occupied = bool(payload.get('occupied'))
    room.save()
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def sync_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = False
    stay.room.room_status = 'MAINTENANCE_REQUIRED'
    stay.room.save()
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'OCCUPIED'
    stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


def unassign_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.assigned_room.room_status = 'OCCUPIED'
        booking.assigned_room.is_occupied = guest_present
        booking.assigned_room.save()
    return booking.assigned_room


def reopen_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = bool(payload.get('occupied'))
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    return room


def sync_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'OUT_OF_ORDER'
    booking.assigned_room.is_occupied = False
    booking.assigned_room.save()
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room

