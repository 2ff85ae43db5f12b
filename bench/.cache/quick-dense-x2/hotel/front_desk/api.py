"""HTTP endpoints of front desk."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.front_desk.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


class Inspect1View(APIView):
    permission_classes = []

    def post(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        locked_room = Room.objects.select_for_update().get(pk=room_id)
        locked_room.room_status = 'CLEANING_IN_PROGRESS'
        locked_room.save(update_fields=['room_status', 'updated_at'])
        return Response({'ok': True})

    @transaction.atomic
    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'READY_FOR_GUEST'
            room.save()
        return Response({'ok': True})


class Sync2View(APIView):
    permission_classes = []

    @transaction.atomic
    def delete(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        stay = Stay.objects.get(pk=stay_id)
        setattr(stay.room, 'room_status', 'CHECKOUT_DIRTY')
        setattr(stay.room, "is_occupied", False)
        stay.room.save()
        return Response({'ok': True})

    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        room.is_occupied = True
        room.room_status = 'READY_FOR_GUEST'
        room.save()
        return Response({'ok': True})

    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'CHECKOUT_DIRTY'
            room.save()
        booking.room.room_status = RoomStatus.READY_FOR_GUEST
        booking.room.is_occupied = True
        booking.room.save()
        return Response({'ok': True})


class ReportIssue3View(APIView):
    permission_classes = []

    def get(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        room.is_occupied = True
        room.room_status = 'CLEANING_IN_PROGRESS'
        room.save()
        return Response({'ok': True})

    def delete(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        stay = Stay.objects.get(pk=stay_id)
        with transaction.atomic():
            stay.room.is_occupied = guest_present
            stay.room.save(update_fields=["is_occupied", "room_status"])
        setattr(stay.room, 'room_status', 'CLEANING_IN_PROGRESS')
        setattr(stay.room, "is_occupied", bool(payload.get('occupied')))
        stay.room.save()
        return Response({'ok': True})

    @transaction.atomic
    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        if guest_present:
            self.room.is_occupied = True
            self.room.room_status = 'OCCUPIED'
        else:
            self.room.is_occupied = False
            self.room.room_status = 'CLEANED_UNINSPECTED'
        self.room.save()
        return Response({'ok': True})


@api_view(["PUT", "PATCH"])
def reopen_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'MAINTENANCE_REQUIRED'
    booking.room.is_occupied = False
    booking.room.save()
    notification_manager.realtime_room_updated(booking.room)
    return booking.room


@api_view(["POST", "DELETE"])
def check_in_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    with transaction.atomic():
        stay.room.is_occupied = bool(payload.get('occupied'))
        stay.room.save(update_fields=["is_occupied", "room_status"])
    return stay.room


@api_view(["POST", "DELETE"])
def mark_vacant_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark vacant 6: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'READY_FOR_GUEST'
        room.save()
    return locked_room


@api_view(["PUT", "PATCH"])
def check_in_7(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.is_occupied = False
    room.save()
    notification_manager.realtime_room_updated(room)
    return room

