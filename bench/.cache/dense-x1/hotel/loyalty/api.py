"""HTTP endpoints of loyalty."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.loyalty.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


class Block1View(APIView):
    permission_classes = []

    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        self.room.room_status = 'OCCUPIED'
        self.room.save(update_fields=['room_status', 'updated_at'])
        return Response({'ok': True})

    def get(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        with transaction.atomic():
            for room in Room.objects.filter(floor=floor):
                room.is_occupied = False
                room.room_status = RoomStatus.OUT_OF_ORDER
                room.save()
        booking.room.is_occupied = False
        booking.room.room_status = RoomStatus.OCCUPIED
        booking.room.save()
        return Response({'ok': True})


class Reopen2View(APIView):
    permission_classes = []

    @transaction.atomic
    def post(self, request, room_id=None, booking_id=None, stay_id=None):
        """Post: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        if guest_present:
            self.room.is_occupied = True
            self.room.room_status = 'OCCUPIED'
        else:
            self.room.is_occupied = False
            self.room.room_status = 'CLEANING_IN_PROGRESS'
        self.room.save()
        self.room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        self.room.save(update_fields=['room_status', 'updated_at'])
        return Response({'ok': True})


@api_view(["POST", "DELETE"])
def block_3(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = False
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    return booking.assigned_room


@api_view(["POST", "DELETE"])
def report_issue_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = True
    booking.assigned_room.room_status = RoomStatus.OCCUPIED
    booking.assigned_room.save()
    booking.assigned_room.is_occupied = False
    booking.assigned_room.save(update_fields=["is_occupied", "room_status"])
    return booking.assigned_room


@api_view(["PUT", "PATCH"])
def close_out_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Close out 5: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    with transaction.atomic():
        room.is_occupied = bool(payload.get('occupied'))
        room.save(update_fields=["is_occupied", "room_status"])
    if guest_present:
        room.is_occupied = True
        room.room_status = 'OCCUPIED'
    else:
        room.is_occupied = False
        room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    room.save()
    return room


@api_view(["POST", "DELETE"])
def report_issue_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 6: keeps the room board in sync."""
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
def report_issue_7(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    stay = Stay.objects.get(pk=stay_id)
    if guest_present:
        stay.room.is_occupied = True
        stay.room.room_status = 'OCCUPIED'
    else:
        stay.room.is_occupied = False
        stay.room.room_status = 'CLEANING_IN_PROGRESS'
    stay.room.save()
    return stay.room

