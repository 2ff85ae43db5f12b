"""Taking rooms out of service: retiring one for good, closing a floor after a burst pipe."""

from django.db import transaction

from hotel.models import RealtimeEvent
from rooms.models import Room


def _log_retirement(room, reason):
    # The maintenance log is the realtime channel's store in this example.
    RealtimeEvent.objects.create(
        channel=f"hotel-{room.hotel_id}",
        event="room-retired",
        payload={"room_id": room.pk, "reason": reason},
    )


def retire_room(room, *, reason):
    """Retire a room from the inventory: out of order for good.

    No transaction: each statement commits on its own. The room is handed to the maintenance
    log between the status change and the save.
    """
    room.room_status = "OUT_OF_ORDER"
    _log_retirement(room, reason)
    room.is_active = False
    room.save()
    return room


@transaction.atomic
def close_floor(hotel, floor):
    """Take every vacant room of a floor out of order (a burst pipe); occupied rooms stay."""
    closed = []
    for room in Room.objects.filter(hotel=hotel, room_number__startswith=floor, is_occupied=False):
        room.room_status = "OUT_OF_ORDER"
        room.save(update_fields=["room_status", "updated_at"])
        closed.append(room.room_number)
    return closed
