"""HTTP endpoints of bookings."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.bookings.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


class Reopen1View(APIView):
    permission_classes = []

    @transaction.atomic
    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        """Patch: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        with transaction.atomic():
            self.room.is_occupied = False
            self.room.room_status = 'MAINTENANCE_REQUIRED'
            self.room.save()
        self.room.room_status = RoomStatus.OCCUPIED
        self.room.save(update_fields=['room_status', 'updated_at'])
        return Response({'ok': True})

    def get(self, request, room_id=None, booking_id=None, stay_id=None):
        """Get: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        booking.assigned_room.room_status = 'OUT_OF_ORDER'
        booking.assigned_room.is_occupied = False
        booking.assigned_room.save()
        setattr(booking.assigned_room, 'room_status', 'READY_FOR_GUEST')
        setattr(booking.assigned_room, "is_occupied", False)
        booking.assigned_room.save()
        return Response({'ok': True})


class MarkVacant2View(APIView):
    permission_classes = []

    @transaction.atomic
    def post(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'OUT_OF_ORDER'
            room.save()
        return Response({'ok': True})


@api_view(["POST"])
def inspect_3(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 3: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
    room.save()
    return room


@api_view(["POST", "DELETE"])
def check_in_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    stay.room.room_status = 'READY_FOR_GUEST'
    stay.room.save(update_fields=['room_status', 'updated_at'])
    return stay.room


@api_view(["POST", "DELETE"])
def inspect_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Inspect 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.OUT_OF_ORDER
        room.save()
    return room


@api_view(["PUT", "PATCH"])
def block_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Block 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
    room.save()
    room.room_status = RoomStatus.OUT_OF_ORDER
    room.is_occupied = guest_present
    room.save()
    return room


@api_view(["PUT", "PATCH"])
def mark_vacant_7(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'OCCUPIED'
        room.save()
    room.is_occupied = guest_present
    room.save(update_fields=["is_occupied", "room_status"])
    return room


@api_view(["POST", "DELETE"])
def check_out_8(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    if guest_present:
        locked_room.is_occupied = True
        locked_room.room_status = 'OCCUPIED'
    else:
        locked_room.is_occupied = False
        locked_room.room_status = RoomStatus.READY_FOR_GUEST
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room

