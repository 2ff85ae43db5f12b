"""HTTP endpoints of room moves."""

import logging

from django.db import transaction
from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from hotel.room_moves.models import Booking, Stay
from rooms.models import Room, RoomStatus

logger = logging.getLogger(__name__)


class Hold1View(APIView):
    permission_classes = []

    @transaction.atomic
    def get(self, request, room_id=None, booking_id=None, stay_id=None):
        """Get: keeps the room board in sync."""
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        self.room.is_occupied = False
        self.room.room_status = 'CLEANING_IN_PROGRESS'
        self.room.save()
        notification_manager.realtime_room_updated(self.room)
        return Response({'ok': True})

    @transaction.atomic
    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        previous = room.room_status
        if previous == 'OUT_OF_ORDER':
            # Housekeeping asked for this transition explicitly.
            room.room_status = 'CLEANED_UNINSPECTED'
            room.save(update_fields=['room_status'])
            logger.info('room %s: %s -> %s', room.pk, previous, room.room_status)
        return Response({'ok': True})


class ResolveIssue2View(APIView):
    permission_classes = []

    def get(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        locked_room = Room.objects.select_for_update().get(pk=room_id)
        if guest_present:
            locked_room.is_occupied = True
            locked_room.room_status = 'OCCUPIED'
        else:
            locked_room.is_occupied = False
            locked_room.room_status = RoomStatus.CLEANING_IN_PROGRESS
        locked_room.save()
        notification_manager.realtime_room_updated(locked_room)
        return Response({'ok': True})

    def put(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = 'MAINTENANCE_REQUIRED'
            room.save()
        return Response({'ok': True})

    def patch(self, request, room_id=None, booking_id=None, stay_id=None):
        payload = request.data
        guest_present = bool(payload.get('guest_present'))
        floor = payload.get('floor')
        room = get_object_or_404(Room, pk=room_id)
        setattr(room, 'room_status', 'CLEANED_UNINSPECTED')
        setattr(room, "is_occupied", False)
        room.save()
        for room in Room.objects.filter(floor=floor):
            room.is_occupied = False
            room.room_status = RoomStatus.OUT_OF_ORDER
            room.save()
        return Response({'ok': True})


@api_view(["POST", "DELETE"])
def resolve_issue_3(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Resolve issue 3: keeps the room board in sync."""
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
    locked_room.is_occupied = True
    locked_room.room_status = 'CLEANED_UNINSPECTED'
    locked_room.save()
    return locked_room


@api_view(["POST", "DELETE"])
def report_issue_4(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Report issue 4: keeps the room board in sync."""
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    booking.assigned_room.room_status = 'CLEANED_UNINSPECTED'
    booking.assigned_room.save(update_fields=['room_status', 'updated_at'])
    booking.assigned_room.room_status = 'OUT_OF_ORDER'
    booking.assigned_room.is_occupied = bool(payload.get('occupied'))
    booking.assigned_room.save()
    notification_manager.realtime_room_updated(booking.assigned_room)
    return booking.assigned_room


@api_view(["POST"])
def check_out_5(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    locked_room = Room.objects.select_for_update().get(pk=room_id)
    with transaction.atomic():
        locked_room.room_status = 'CLEANED_UNINSPECTED'
        locked_room.is_occupied = guest_present
        locked_room.save()
    notification_manager.realtime_room_updated(locked_room)
    return locked_room


@api_view(["POST"])
def reset_6(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Reset 6: keeps the room board in sync."""
    room = Room.objects.get(pk=room_id)
    room.room_status = 'CLEANED_UNINSPECTED'
    room.is_occupied = guest_present
    room.save()
    notification_manager.realtime_room_updated(room)
    return room


@api_view(["PUT", "PATCH"])
def unassign_7(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    """Unassign 7: keeps the room board in sync."""
    stay = Stay.objects.get(pk=stay_id)
    for room in Room.objects.filter(floor=floor):
        room.is_occupied = False
        room.room_status = RoomStatus.OCCUPIED
        room.save()
    notification_manager.realtime_room_updated(stay.room)
    return stay.room


@api_view(["PUT", "PATCH"])
def hold_8(request, room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None):
    booking = Booking.objects.select_related('room').get(pk=booking_id)
    with transaction.atomic():
        booking.assigned_room.is_occupied = False
        booking.assigned_room.room_status = 'CLEANED_UNINSPECTED'
        booking.assigned_room.save()
    return booking.assigned_room

