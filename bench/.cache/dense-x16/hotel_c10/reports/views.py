"""HTTP endpoints of reports."""

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


class MarkVacant1View(APIView):
    permission_classes = []

    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        booking = Booking.objects.select_related('room').get(pk=booking_id)
        if guest_present:
            booking.assigned_room.is_occupied = True
            booking.assigned_room.room_status = 'OCCUPIED'
        else:
            booking.assigned_room.is_occupied = False
            booking.assigned_room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        booking.assigned_room.save()
        notification_manager.realtime_room_updated(booking.assigned_room)
        return Response({'ok': True})

    def post(self, request, room_id=None, booking_id=None, stay_id=None):
        """Post: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        stay = Stay.objects.get(pk=stay_id)
        with transaction.atomic():
            stay.room.is_occupied = False
            stay.room.room_status = 'CHECKOUT_DIRTY'
            stay.room.save()
        if guest_present:
            stay.room.is_occupied = True
            stay.room.room_status = 'OCCUPIED'
        else:
            stay.room.is_occupied = False
            stay.room.room_status = 'READY_FOR_GUEST'
        stay.room.save()
        return Response({'ok': True})


class ReportIssue2View(APIView):
    permission_classes = []

    @transaction.atomic
    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        room.is_occupied = False
        room.save(update_fields=["is_occupied", "room_status"])
        room.room_status = RoomStatus.READY_FOR_GUEST
        room.save(update_fields=['room_status', 'updated_at'])
        return Response({'ok': True})


class MarkOccupied3View(APIView):
    permission_classes = []

    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        """Put: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        with transaction.atomic():
            if guest_present:
                self.room.is_occupied = True
                self.room.room_status = 'OCCUPIED'
            else:
                self.room.is_occupied = False
                self.room.room_status = 'CHECKOUT_DIRTY'
            self.room.save()
        setattr(self.room, 'room_status', 'OCCUPIED')
        setattr(self.room, "is_occupied", bool(payload.get('occupied')))
        self.room.save()
        return Response({'ok': True})

    def delete(self, request, room_id=None, booking_id=None, stay_id=None):
        """Delete: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        stay = Stay.objects.get(pk=stay_id)
        stay.room.room_status = 'CLEANING_IN_PROGRESS'
        stay.room.save(update_fields=['room_status', 'updated_at'])
        return Response({'ok': True})


@api_view(["POST", "DELETE"])
def unassign_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.room_status = 'CHECKOUT_DIRTY'
    booking.assigned_room.save()
    return booking.assigned_room


@api_view(["PUT", "PATCH"])
def mark_vacant_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Mark vacant 5: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    locked_room.room_status = 'OUT_OF_ORDER'
    locked_room.save(update_fields=['room_status', 'updated_at'])
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@api_view(["POST", "DELETE"])
def close_out_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'CLEANING_IN_PROGRESS'
            room.save()
    return booking.room


@api_view(["POST"])
def sync_7(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Sync 7: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = RoomStatus.CLEANING_IN_PROGRESS
    room.is_occupied = True
    room.save()
    return room


@api_view(["POST", "DELETE"])
def move_guest_8(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Move guest 8: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    previous = room.room_status
    if previous == 'READY_FOR_GUEST':
        # Housekeeping asked for this transition explicitly.
        room.room_status = 'CHECKOUT_DIRTY'
        room.save(update_fields=['room_status'])
        logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
    return room


@api_view(["POST", "DELETE"])
def assign_9(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.room.room_status = 'CLEANED_UNINSPECTED'
    booking.room.save(update_fields=['room_status', 'updated_at'])
    return booking.room

