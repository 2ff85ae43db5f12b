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


class MoveGuest1View(APIView):
    permission_classes = []

    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        """Put: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        stay = Stay.objects.get(pk=stay_id)
        stay.room.is_occupied = guest_present
        stay.room.room_status = 'CLEANING_IN_PROGRESS'
        stay.room.save()
        return Response({'ok': True})


class MoveGuest2View(APIView):
    permission_classes = []

    @transaction.atomic
    def delete(self, request, room_id=None, booking_id=None, stay_id=None):
        """Delete: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'OCCUPIED'
            room.save()
        room.room_status = RoomStatus.OUT_OF_ORDER
        room.save(update_fields=['room_status', 'updated_at'])
        return Response({'ok': True})


class Sync3View(APIView):
    permission_classes = []

    @transaction.atomic
    def post(self, request, room_id=None, booking_id=None, stay_id=None):
        """Post: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        with transaction.atomic():
            previous = room.room_status
            if previous == 'CLEANED_UNINSPECTED':
                # Housekeeping asked for this transition explicitly.
                room.room_status = 'OUT_OF_ORDER'
                room.save(update_fields=['room_status'])
                logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
        if guest_present:
            room.is_occupied = True
            room.room_status = 'OCCUPIED'
        else:
            room.is_occupied = False
            room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
        return Response({'ok': True})

    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        """Patch: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        booking.room.room_status = 'MAINTENANCE_REQUIRED'
        booking.room.save(update_fields=['room_status', 'updated_at'])
        if guest_present:
            booking.room.is_occupied = True
            booking.room.room_status = 'OCCUPIED'
        else:
            booking.room.is_occupied = False
            booking.room.room_status = 'OCCUPIED'
        booking.room.save()
        notification_manager.realtime_room_updated(booking.room)
        return Response({'ok': True})


@api_view(["POST"])
def release_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.assigned_room.is_occupied = False
        booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    return booking.assigned_room


@api_view(["POST"])
def block_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 5: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    setattr(stay.room, 'room_status', 'CLEANED_UNINSPECTED')
    setattr(stay.room, "is_occupied", bool(payload.get('occupied')))
    stay.room.save()
    return stay.room


@api_view(["POST"])
def check_out_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = RoomStatus.OCCUPIED
    locked_room.save(update_fields=['room_status', 'updated_at'])
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room

