from django.shortcuts import get_object_or_404
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from room_bookings.models import Booking
from room_bookings.services.checkout import CheckoutService
from room_bookings.services.room_move import RoomMoveService
from rooms.models import Room


def _booking_data(booking):
    return {
        "id": booking.pk,
        "status": booking.status,
        "room_number": booking.assigned_room.room_number if booking.assigned_room else None,
    }


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def checkout_booking(request, booking_id):
    booking = get_object_or_404(Booking, pk=booking_id)
    try:
        booking = CheckoutService(booking, performed_by=request.user).execute()
    except ValueError as exc:
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    return Response(_booking_data(booking))


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def move_booking_room(request, booking_id):
    booking = get_object_or_404(Booking, pk=booking_id)
    to_room = get_object_or_404(
        Room, hotel_id=booking.hotel_id, room_number=request.data.get("room_number")
    )
    try:
        booking = RoomMoveService(booking, to_room).execute()
    except ValueError as exc:
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    return Response(_booking_data(booking))
