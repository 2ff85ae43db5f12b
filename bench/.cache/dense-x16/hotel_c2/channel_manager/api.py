"""HTTP endpoints of channel manager."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.channel_manager.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


class Reset1View(APIView):
    permission_classes = []

    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = RoomStatus.CHECKOUT_DIRTY
        booking.assigned_room.save()
        if guest_present:
            booking.assigned_room.is_occupied = True
            booking.assigned_room.room_status = 'OCCUPIED'
        else:
            booking.assigned_room.is_occupied = False
            booking.assigned_room.room_status = 'READY_FOR_GUEST'
        booking.assigned_room.save()
        return Response({'ok': True})

    @transaction.atomic
    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        """Put: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        locked_room = Room.objects.select_for_update().get(pk=room_id)
        locked_room.is_occupied = False
        locked_room.save(update_fields=["is_occupied", "room_status"])
        return Response({'ok': True})


class Reopen2View(APIView):
    permission_classes = []

    def get(self, request, room_id=None, booking_id=None, stay_id=None):
        """Get: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        booking.room.is_occupied = guest_present
        booking.room.save(update_fields=["is_occupied", "room_status"])
        if guest_present:
            booking.room.is_occupied = True
            booking.room.room_status = 'OCCUPIED'
        else:
            booking.room.is_occupied = False
            booking.room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        booking.room.save()
        return Response({'ok': True})

    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        """Put: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        if guest_present:
            room.is_occupied = True
            room.room_status = 'OCCUPIED'
        else:
            room.is_occupied = False
            room.room_status = 'READY_FOR_GUEST'
        room.save()
        room.is_occupied = False
        room.save(update_fields=["is_occupied", "room_status"])
        return Response({'ok': True})

    def post(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        booking.assigned_room.room_status = 'OUT_OF_ORDER'
        booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
        notification_manager.realtime_room_updated(booking.assigned_room)
        return Response({'ok': True})


@api_view(["POST", "DELETE"])
def report_issue_3(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.is_occupied = guest_present
    stay.room.room_status = 'CLEANING_IN_PROGRESS'
    stay.room.save()
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@api_view(["POST", "DELETE"])
def check_out_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check out 4: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        if guest_present:
            stay.room.is_occupied = True
            stay.room.room_status = 'OCCUPIED'
        else:
            stay.room.is_occupied = False
            stay.room.room_status = 'READY_FOR_GUEST'
        stay.room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@api_view(["PUT", "PATCH"])
def resolve_issue_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CHECKOUT_DIRTY'
    room.save(update_fields=['room_status', 'updated_at'])
    return room


@api_view(["POST"])
def mark_vacant_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OCCUPIED'
    locked_room.is_occupied = False
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room

