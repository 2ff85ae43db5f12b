"""The canonical writer for Room.room_status.

Every status change should go through set_room_status(): it locks the row, validates the
transition, records a RoomStatusEvent and emits a realtime event once the transaction commits.
"""

from django.db import transaction

from hotel.realtime import emit_room_status_changed
from housekeeping.models import RoomStatusEvent
from rooms.models import Room

# A room can always be sent back to housekeeping or taken out of service.
_FROM_ANY_STATUS = {"CHECKOUT_DIRTY", "MAINTENANCE_REQUIRED", "OUT_OF_ORDER"}

# from_status -> the statuses it may change to. Re-setting the current status is always allowed.
ALLOWED_TRANSITIONS = {
    "READY_FOR_GUEST": {"READY_FOR_GUEST", "OCCUPIED", "CLEANING_IN_PROGRESS", *_FROM_ANY_STATUS},
    "OCCUPIED": {"OCCUPIED", *_FROM_ANY_STATUS},
    "CHECKOUT_DIRTY": {"CHECKOUT_DIRTY", "CLEANING_IN_PROGRESS", *_FROM_ANY_STATUS},
    "CLEANING_IN_PROGRESS": {"CLEANING_IN_PROGRESS", "CLEANED_UNINSPECTED", *_FROM_ANY_STATUS},
    "CLEANED_UNINSPECTED": {
        "CLEANED_UNINSPECTED",
        "READY_FOR_GUEST",
        "CLEANING_IN_PROGRESS",
        *_FROM_ANY_STATUS,
    },
    "MAINTENANCE_REQUIRED": {"MAINTENANCE_REQUIRED", "READY_FOR_GUEST", *_FROM_ANY_STATUS},
    "OUT_OF_ORDER": {"OUT_OF_ORDER", "READY_FOR_GUEST", *_FROM_ANY_STATUS},
}


def is_transition_allowed(from_status, to_status):
    return to_status in ALLOWED_TRANSITIONS.get(from_status, ())


def set_room_status(room, to_status, *, is_occupied=None, changed_by=None, note=""):
    """Change a room's status; raise ValueError for an unknown status or a forbidden transition.

    ``is_occupied``, when given, is saved in the same UPDATE as the status, so that a check-in
    or a checkout never passes through a half-written pair. The instance passed in is refreshed
    with the new state; the locked instance is returned.
    """
    if to_status not in ALLOWED_TRANSITIONS:
        raise ValueError(f"Unknown room status: {to_status!r}")
    with transaction.atomic():
        locked_room = Room.objects.select_for_update().get(pk=room.pk)
        from_status = locked_room.room_status
        if not is_transition_allowed(from_status, to_status):
            raise ValueError(
                f"Room {locked_room.room_number} cannot go from {from_status} to {to_status}"
            )
        locked_room.room_status = to_status
        if is_occupied is not None:
            locked_room.is_occupied = is_occupied
        elif to_status == "READY_FOR_GUEST" and locked_room.guests_in_room.exists():
            locked_room.is_occupied = False  # Clear occupancy for ready rooms with lingering guests
        locked_room.save(update_fields=["is_occupied", "room_status", "updated_at"])
        RoomStatusEvent.objects.create(
            room=locked_room,
            from_status=from_status,
            to_status=to_status,
            changed_by=changed_by,
            note=note,
        )
        transaction.on_commit(lambda: emit_room_status_changed(locked_room, from_status, to_status))
    # The caller's instance must not keep the old values: a later save() of it would revert them.
    room.refresh_from_db(fields=["is_occupied", "room_status"])
    return locked_room
