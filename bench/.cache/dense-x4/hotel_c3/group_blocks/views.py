"""HTTP endpoints of group blocks."""

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


class CloseOut1View(APIView):
    permission_classes = []

    @transaction.atomic
    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        stay = Stay.objects.get(pk=stay_id)
        setattr(stay.room, 'room_status', 'OUT_OF_ORDER')
        setattr(stay.room, "is_occupied", False)
        stay.room.save()
        stay.room.is_occupied = False
        stay.room.save(update_fields=["is_occupied", "room_status"])
        notification_manager.realtime_room_updated(stay.room)
        return Response({'ok': True})

    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        locked_room = Room.objects.select_for_update().get(pk=room_id)
        locked_room.room_status = 'OUT_OF_ORDER'
        locked_room.is_occupied = True
        locked_room.save()
        return Response({'ok': True})

    def post(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        previous = room.room_status
        if previous == 'CLEANING_IN_PROGRESS':
            # Housekeeping asked for this transition explicitly.
            room.room_status = 'READY_FOR_GUEST'
            room.save(update_fields=['room_status'])
            logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
        return Response({'ok': True})


class Reset2View(APIView):
    permission_classes = []

    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        if guest_present:
            room.is_occupied = True
            room.room_status = 'OCCUPIED'
        else:
            room.is_occupied = False
            room.room_status = 'OUT_OF_ORDER'
        room.save()
        return Response({'ok': True})


@api_view(["POST"])
def start_cleaning_3(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Start cleaning 3: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.is_occupied = True
    booking.room.save(update_fields=["is_occupied", "room_status"])
    booking.room.room_status = RoomStatus.OUT_OF_ORDER
    booking.room.is_occupied = guest_present
    booking.room.save()
    return booking.room


@api_view(["POST", "DELETE"])
def move_guest_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        previous = booking.assigned_room.room_status
        if previous == 'READY_FOR_GUEST':
            # Housekeeping asked for this transition explicitly.
            booking.assigned_room.room_status = 'MAINTENANCE_REQUIRED'
            booking.assigned_room.save(update_fields=['room_status'])
            logger.info('room %s: %s -> %s', booking.assigned_room.pk, previous, booking.assigned_room.room_status)
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


@api_view(["POST"])
def finish_cleaning_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@api_view(["POST", "DELETE"])
def reopen_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reopen 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'OUT_OF_ORDER'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@api_view(["POST"])
def sync_7(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 7: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.room_status = 'CLEANING_IN_PROGRESS'
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room

