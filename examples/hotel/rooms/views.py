"""Room endpoints: the room inventory viewset, and the housekeeping and maintenance actions.

The housekeeping actions predate housekeeping.services.set_room_status and still write the
status directly.
"""

from django.shortcuts import get_object_or_404
from rest_framework import status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from hotel.realtime import notification_manager
from rooms.models import Room
from rooms.serializers import RoomSerializer

# What the nightly sync from the legacy PMS may change on a room.
PMS_SYNC_FIELDS = ("is_occupied", "room_status")

# A supervisor may force a room into one of these statuses, whatever its current status.
OVERRIDE_STATUSES = ("CHECKOUT_DIRTY", "MAINTENANCE_REQUIRED", "OUT_OF_ORDER")


def apply_room_changes(room, changes):
    # Reviewed: the PMS sync writes whatever fields it was given. room-refactor cannot rewrite a
    # dynamic field name, so this line is kept as it is on purpose.
    for field, value in changes.items():
        setattr(room, field, value)  # room-refactor: ignore
    room.save()
    return room


def _get_room(hotel_slug, room_number):
    return get_object_or_404(Room, hotel__slug=hotel_slug, room_number=room_number)


def _is_true(value):
    return str(value).lower() in ("1", "true", "yes")


def _conflict(room, what):
    return Response(
        {"detail": f"Cannot {what} room {room.room_number} while it is {room.room_status}."},
        status=status.HTTP_409_CONFLICT,
    )


class RoomViewSet(viewsets.ModelViewSet):
    serializer_class = RoomSerializer

    def get_queryset(self):
        queryset = Room.objects.select_related("hotel").order_by("pk")
        hotel_slug = self.request.query_params.get("hotel")
        if hotel_slug:
            queryset = queryset.filter(hotel__slug=hotel_slug)
        return queryset

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        room = serializer.save()
        if serializer.validated_data.get("guest_in_room"):
            # Registered with a guest already in it (rooms added during a PMS outage).
            room.is_occupied = True
            room.save()
        return Response(self.get_serializer(room).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        room = self.get_object()
        if room.guests_in_room.exists():
            return Response(
                {"detail": "The room still has guests."}, status=status.HTTP_409_CONFLICT
            )
        # Anything still holding this room (an open booking, a tablet) must see it as unusable.
        room.is_occupied = False
        room.room_status = 'CHECKOUT_DIRTY'
        room.save()
        notification_manager.realtime_room_updated(room)
        room.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=False, methods=["post"], url_path="bulk-destroy")
    def bulk_destroy(self, request):
        ids = [int(pk) for pk in request.data.get("ids", [])]
        rooms = list(self.get_queryset().filter(pk__in=ids).exclude(guests_in_room__isnull=False))
        for room in rooms:
            room.is_occupied = False
            room.room_status = 'CHECKOUT_DIRTY'
            room.save()
            notification_manager.realtime_room_updated(room)
        deleted = [room.pk for room in rooms]
        Room.objects.filter(pk__in=deleted).delete()
        return Response({"deleted": deleted})

    @action(detail=True, methods=["post"], url_path="sync-from-pms")
    def sync_from_pms(self, request, pk=None):
        room = self.get_object()
        changes = {field: request.data[field] for field in PMS_SYNC_FIELDS if field in request.data}
        if changes.get("room_status", room.room_status) not in Room.Status.values:
            return Response(
                {"room_status": ["Unknown status."]}, status=status.HTTP_400_BAD_REQUEST
            )
        apply_room_changes(room, changes)
        return Response(self.get_serializer(room).data)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def start_cleaning(request, hotel_slug, room_number):
    """Housekeeping starts cleaning a room.

    This bypasses housekeeping.services: it does ``room.room_status = 'CLEANING_IN_PROGRESS'``
    and saves, so no RoomStatusEvent is recorded.
    """
    room = _get_room(hotel_slug, room_number)
    if room.room_status not in ("CHECKOUT_DIRTY", "CLEANED_UNINSPECTED"):
        return _conflict(room, "start cleaning")
    room.room_status = 'CLEANING_IN_PROGRESS'
    room.save()
    return Response(RoomSerializer(room).data)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def complete_cleaning(request, hotel_slug, room_number):
    room = _get_room(hotel_slug, room_number)
    if room.room_status != "CLEANING_IN_PROGRESS":
        return _conflict(room, "complete cleaning of")
    room.room_status = 'CLEANED_UNINSPECTED'
    room.save()
    return Response(RoomSerializer(room).data)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def inspect_room(request, hotel_slug, room_number):
    room = _get_room(hotel_slug, room_number)
    if room.room_status != "CLEANED_UNINSPECTED":
        return _conflict(room, "inspect")
    approved = _is_true(request.data.get("approved"))
    # Before inspections existed, cleaning ended with room.room_status = 'READY_FOR_GUEST'.
    if approved:
        room.room_status = 'READY_FOR_GUEST'
    else:
        room.room_status = 'CHECKOUT_DIRTY'  # Re-clean required
    room.save()
    return Response(RoomSerializer(room).data)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def mark_maintenance(request, hotel_slug, room_number):
    room = _get_room(hotel_slug, room_number)
    room.room_status = 'MAINTENANCE_REQUIRED'
    room.save(update_fields=["room_status"])
    return Response(RoomSerializer(room).data)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def complete_maintenance(request, hotel_slug, room_number):
    room = _get_room(hotel_slug, room_number)
    if room.room_status not in ("MAINTENANCE_REQUIRED", "OUT_OF_ORDER"):
        return _conflict(room, "complete maintenance of")
    quality_approved = _is_true(request.data.get("quality_approved"))
    if quality_approved:
        room.room_status = 'READY_FOR_GUEST'
    else:
        room.room_status = 'CHECKOUT_DIRTY'
    room.save()
    return Response(RoomSerializer(room).data)


class RoomStatusOverrideView(APIView):
    """Supervisor override: send a room back to housekeeping or take it out of service."""

    permission_classes = [IsAuthenticated]

    def put(self, request, hotel_slug, room_number):
        room = _get_room(hotel_slug, room_number)
        if request.data.get("status") not in OVERRIDE_STATUSES:
            return Response(
                {"status": [f"Must be one of {', '.join(OVERRIDE_STATUSES)}."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        setattr(room, "room_status", request.data["status"])
        room.save()
        return Response(RoomSerializer(room).data)
