"""Endpoints for the housekeeping tablets (plain Django views, JSON in and out)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods, require_POST

from hotel.models import Hotel
from housekeeping.services import set_room_status
from rooms.models import Room


def _room_data(room):
    return {
        "room_number": room.room_number,
        "is_occupied": room.is_occupied,
        "room_status": room.room_status,
    }


@login_required
@require_POST
def change_room_status(request, hotel_slug, room_number):
    room = get_object_or_404(Room, hotel__slug=hotel_slug, room_number=room_number)
    try:
        set_room_status(
            room,
            request.POST.get("status", ""),
            changed_by=request.user,
            note=request.POST.get("note", ""),
        )
    except ValueError as exc:
        return JsonResponse({"detail": str(exc)}, status=400)
    return JsonResponse(_room_data(room))


@login_required
@require_http_methods(["POST"])
def report_out_of_order(request, hotel_slug, room_number):
    room = get_object_or_404(Room, hotel__slug=hotel_slug, room_number=room_number)
    room.room_status = "OUT_OF_ORDER"
    room.save()
    return JsonResponse(_room_data(room))


@login_required
@require_POST
def approve_all_cleaned(request, hotel_slug):
    """The supervisor signs off every cleaned room of the hotel at once."""
    hotel = get_object_or_404(Hotel, slug=hotel_slug)
    approved = Room.objects.filter(hotel=hotel, room_status="CLEANED_UNINSPECTED").update(
        room_status="READY_FOR_GUEST"
    )
    return JsonResponse({"approved": approved})
