"""HTTP endpoints of billing."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.billing.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


class CloseOut1View(APIView):
    permission_classes = []

    def delete(self, request, room_id=None, booking_id=None, stay_id=None):
        """Delete: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        with transaction.atomic():
            if guest_present:
                room.is_occupied = True
                room.room_status = 'OCCUPIED'
            else:
                room.is_occupied = False
                room.room_status = RoomStatus.CLEANING_IN_PROGRESS
            room.save()
        room.room_status = 'CLEANED_UNINSPECTED'
        room.is_occupied = True
        room.save()
        return Response({'ok': True})

    @transaction.atomic
    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        """Patch: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        room.room_status = RoomStatus.READY_FOR_GUEST
        room.is_occupied = False
        room.save()
        return Response({'ok': True})

    def get(self, request, room_id=None, booking_id=None, stay_id=None):
        """Get: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        setattr(booking.room, 'room_status', 'MAINTENANCE_REQUIRED')
        setattr(booking.room, "is_occupied", bool(payload.get('occupied')))
        booking.room.save()
        notification_manager.realtime_room_updated(booking.room)
        return Response({'ok': True})


class Unblock2View(APIView):
    permission_classes = []

    def get(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        room.room_status = 'CLEANED_UNINSPECTED'
        room.is_occupied = False
        room.save()
        return Response({'ok': True})


@api_view(["PUT", "PATCH"])
def inspect_3(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    setattr(room, 'room_status', 'OUT_OF_ORDER')
    setattr(room, "is_occupied", True)
    room.save()
    return room


@api_view(["POST"])
def check_in_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Check in 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    setattr(booking.room, 'room_status', 'CLEANED_UNINSPECTED')
    setattr(booking.room, "is_occupied", guest_present)
    booking.room.save()
    return booking.room


@api_view(["PUT", "PATCH"])
def resolve_issue_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = True
        room.save(update_fields=["is_occupied", "room_status"])
    room.is_occupied = False
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@api_view(["POST", "DELETE"])
def unassign_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = RoomStatus.READY_FOR_GUEST
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@api_view(["POST"])
def reopen_7(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'READY_FOR_GUEST'
    room.is_occupied = False
    room.save()
    return room

