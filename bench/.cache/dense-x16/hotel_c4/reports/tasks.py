"""Business rules of reports."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.reports.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def unblock_1(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unblock 1: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', RoomStatus.OCCUPIED)
    setattr(room, "is_occupied", bool(payload.get('occupied')))
    room.save()
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.is_occupied = guest_present
    room.save()
    return room


def resolve_issue_2(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 2: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OCCUPIED'
    room.is_occupied = False
    room.save()
    return room


@transaction.atomic
def inspect_3(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    room.is_occupied = False
    room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    room.save()
    return room


def resolve_issue_4(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.is_occupied = True
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save()
    room.room_status = 'OUT_OF_ORDER'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


def assign_5(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Assign 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = True
        room.save(update_fields=["is_occupied", "room_status"])
    notification_manager.realtime_room_updated(room)
    return room


@transaction.atomic
def check_in_6(room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = RoomStatus.OUT_OF_ORDER
    locked_room.save(update_fields=['room_status', 'updated_at'])
    locked_room.is_occupied = True
    locked_room.save(update_fields=["is_occupied", "room_status"])
    return locked_room

