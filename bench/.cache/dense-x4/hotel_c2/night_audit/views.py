"""HTTP endpoints of night audit."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.night_audit.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


class Inspect1View(APIView):
    permission_classes = []

    def delete(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        stay = Stay.objects.get(pk=stay_id)
        with transaction.atomic():
            stay.room.room_status = 'CLEANING_IN_PROGRESS'
            stay.room.is_occupied = False
            stay.room.save()
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = RoomStatus.OCCUPIED
            room.save()
        return Response({'ok': True})

    @transaction.atomic
    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save(update_fields=['room_status', 'updated_at'])
        return Response({'ok': True})


class CheckOut2View(APIView):
    permission_classes = []

    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        room.room_status = 'CHECKOUT_DIRTY'
        room.is_occupied = True
        room.save()
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'MAINTENANCE_REQUIRED'
            room.save()
        return Response({'ok': True})


class Hold3View(APIView):
    permission_classes = []

    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        """Put: keeps the room board in sync."""
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
                room.room_status = 'OUT_OF_ORDER'
            room.save()
        room.room_status = 'CLEANED_UNINSPECTED'
        room.save(update_fields=['room_status', 'updated_at'])
        notification_manager.realtime_room_updated(room)
        return Response({'ok': True})


class MarkOccupied4View(APIView):
    permission_classes = []

    @transaction.atomic
    def post(self, request, room_id=None, booking_id=None, stay_id=None):
        """Post: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        locked_room = Room.objects.select_for_update().get(pk=room_id)
        locked_room.room_status = 'OUT_OF_ORDER'
        locked_room.is_occupied = guest_present
        locked_room.save()
        return Response({'ok': True})


@api_view(["PUT", "PATCH"])
def move_guest_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 5: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'MAINTENANCE_REQUIRED'
        room.save()
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'MAINTENANCE_REQUIRED'
    stay.room.save()
    return stay.room


@api_view(["POST"])
def move_guest_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 6: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    setattr(locked_room, 'room_status', 'CHECKOUT_DIRTY')
    setattr(locked_room, "is_occupied", guest_present)
    locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@api_view(["PUT", "PATCH"])
def reopen_7(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.is_occupied = False
        locked_room.room_status = 'MAINTENANCE_REQUIRED'
        locked_room.save()
    return locked_room

