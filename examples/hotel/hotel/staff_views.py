"""Front desk endpoints: the room board, check-in, booking edits, taking a room out of order."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from guests.models import Guest
from hotel.realtime import notification_manager
from room_bookings.models import Booking
from rooms.models import Room


def _booking_data(booking):
    room = booking.assigned_room
    return {
        "id": booking.pk,
        "guest_name": booking.guest_name,
        "status": booking.status,
        "room_number": room.room_number if room is not None else None,
    }


def _conflict(detail):
    return Response({"detail": detail}, status=status.HTTP_409_CONFLICT)


class StaffRoomBoardView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, hotel_slug):
        rooms = list(Room.objects.filter(hotel__slug=hotel_slug).order_by("room_number"))
        for room in rooms:
            room.room_status_label = room.get_room_status_display()  # display only, never saved
        return Response(
            [
                {
                    "room_number": room.room_number,
                    "label": room.room_status_label,
                    "occupied": room.is_occupied,
                    "available": room.is_available,
                }
                for room in rooms
            ]
        )


class StaffBookingCheckInView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, booking_id):
        booking = get_object_or_404(Booking.objects.select_related("assigned_room"), pk=booking_id)
        room = booking.assigned_room
        if room is None:
            return Response(
                {"detail": "Assign a room before checking in."}, status=status.HTTP_400_BAD_REQUEST
            )
        if booking.status != Booking.Status.CONFIRMED:
            return _conflict(f"Booking is {booking.status}.")
        if not room.is_active:
            return _conflict(f"Room {room.room_number} is retired.")
        if room.is_occupied or room.room_status != "READY_FOR_GUEST":
            return _conflict(f"Room {room.room_number} is not ready.")

        room.is_occupied = True
        room.room_status = 'OCCUPIED'  # NEW - maintain status consistency
        booking.status = Booking.Status.CHECKED_IN
        booking.check_in_at = timezone.now()
        booking.save(update_fields=["status", "check_in_at"])
        Guest.objects.filter(booking=booking).update(room=room)
        room.save()

        notification_manager.realtime_booking_checked_in(booking)
        return Response(_booking_data(booking))


class StaffBookingDetailUpdateView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, booking_id):
        booking = get_object_or_404(Booking.objects.select_related("assigned_room"), pk=booking_id)
        if "guest_name" in request.data:
            booking.guest_name = request.data["guest_name"]

        room_number = request.data.get("room_number")
        current_room = booking.assigned_room
        if room_number and (current_room is None or current_room.room_number != room_number):
            room = get_object_or_404(Room, hotel_id=booking.hotel_id, room_number=room_number)
            if booking.status == Booking.Status.CHECKED_IN and current_room is not None:
                return _conflict("Use the room move endpoint for a checked-in booking.")
            if not room.is_available:
                return _conflict(f"Room {room.room_number} is not available.")
            booking.assigned_room = room
            if booking.status == Booking.Status.CHECKED_IN:
                # A walk-in checked in before a room was free: the room is occupied from now on.
                room.is_occupied = True
                room.room_status = 'OCCUPIED'
                room.save(update_fields=["is_occupied", "room_status", "updated_at"])
                Guest.objects.filter(booking=booking).update(room=room)

        booking.save()
        return Response(_booking_data(booking))


@method_decorator(transaction.atomic, name="dispatch")
class StaffRoomOutOfOrderView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, hotel_slug, room_number):
        room = get_object_or_404(Room, hotel__slug=hotel_slug, room_number=room_number)
        if room.guests_in_room.exists():
            return _conflict("Move the guests out first.")
        room.room_status = Room.Status.OUT_OF_ORDER
        room.save(update_fields=["room_status", "updated_at"])
        transaction.on_commit(lambda: notification_manager.realtime_room_updated(room))
        return Response(
            {
                "room_number": room.room_number,
                "is_occupied": room.is_occupied,
                "room_status": room.room_status,
            }
        )
