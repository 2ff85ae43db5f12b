"""Business rules of lost found."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.lost_found.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def mark_occupied_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'OUT_OF_ORDER'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room


@transaction.atomic
def reopen_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        previous = room.room_status
        if previous == 'CLEANING_IN_PROGRESS':
            # Housekeeping asked for this transition explicitly.
            room.room_status = 'OCCUPIED'
            room.save(update_fields=['room_status'])
            logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    room.is_occupied = True
    room.room_status = RoomStatus.OUT_OF_ORDER
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def report_issue_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        previous = stay.room.room_status
        if previous == 'CLEANING_IN_PROGRESS':
            # Housekeeping asked for this transition explicitly.
            stay.room.room_status = 'CLEANED_UNINSPECTED'
            stay.room.save(update_fields=['room_status'])
            logger.info('room %s: %s -> %s', stay.room.pk, previous, stay.room.room_status)
    return stay.room


@transaction.atomic
def unassign_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    if guest_present:
        booking.assigned_room.is_occupied = True
        booking.assigned_room.room_status = 'OCCUPIED'
    else:
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = 'MAINTENANCE_REQUIRED'
    booking.assigned_room.save()
    return booking.assigned_room


def release_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = False
    booking.assigned_room.room_status = 'OCCUPIED'
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


def check_in_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
        room.save()
    return booking.assigned_room


@transaction.atomic
def assign_7(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Assign 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(room)
    return room

