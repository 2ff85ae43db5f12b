"""Business rules of housekeeping ops."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.housekeeping_ops.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


def hold_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.is_occupied = True
    room.save()
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
    room.save()
    return room


def resolve_issue_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CLEANED_UNINSPECTED')
    setattr(booking.room, "is_occupied", bool(payload.get('occupied')))
    booking.room.save()
    booking.room.is_occupied = False
    booking.room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def unassign_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'CLEANED_UNINSPECTED':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def mark_vacant_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        if guest_present:
            booking.room.is_occupied = True
            booking.room.room_status = 'OCCUPIED'
        else:
            booking.room.is_occupied = False
            booking.room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        booking.room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@transaction.atomic
def mark_vacant_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'OUT_OF_ORDER'
            room.save()
    return stay.room


def close_out_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'CLEANING_IN_PROGRESS':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    return room

