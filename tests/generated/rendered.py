"""Render the writer's variants and the lock helper from core/writer_templates.py into modules
that run against the example project's database."""

from __future__ import annotations

import types

from room_refactor.config import Config, config_from_table
from room_refactor.core.writer_templates import render_lock_helper, render_row_deleted, render_writer

# The example's status setter as it was before it took `is_occupied=`: a setter that saves the
# status alone, as most projects' setters do.
LEGACY_SETTER = '''\
def legacy_set_room_status(room, to_status, *, changed_by=None, note=""):
    from housekeeping.models import RoomStatusEvent
    from housekeeping.services import ALLOWED_TRANSITIONS, is_transition_allowed
    from hotel.realtime import emit_room_status_changed
    from rooms.models import Room

    if to_status not in ALLOWED_TRANSITIONS:
        raise ValueError(f"Unknown room status: {to_status!r}")
    with transaction.atomic():
        locked_room = Room.objects.select_for_update().get(pk=room.pk)
        from_status = locked_room.room_status
        if not is_transition_allowed(from_status, to_status):
            raise ValueError(f"Room {locked_room.room_number} cannot go from {from_status} to {to_status}")
        locked_room.room_status = to_status
        locked_room.save(update_fields=["room_status", "updated_at"])
        RoomStatusEvent.objects.create(
            room=locked_room, from_status=from_status, to_status=to_status, changed_by=changed_by, note=note
        )
        transaction.on_commit(lambda: emit_room_status_changed(locked_room, from_status, to_status))
    return locked_room
'''

VARIANTS = {
    # name: (the setter's local name, the setter's occupancy keyword)
    "without-setter": (None, None),
    "with-setter": ("legacy_set_room_status", None),
    "setter-of-both": ("set_room_status", "is_occupied"),
    "one-field": (None, None),  # `fields = ["room_status"]`: the writer of one field, `status=`
}


def rendered(variant: str) -> types.ModuleType:
    """A module with the writer of `variant` (as `write`) and the lock helper."""
    setter, keyword = VARIANTS[variant]
    config = (
        config_from_table({"service": "generated.write", "fields": ["room_status"], "status-setter": ""})
        if variant == "one-field"
        else Config(service="generated.write")
    )
    parts = [
        "from django.db import transaction\n",
        "from django.http import Http404\n",
        "from housekeeping.services import set_room_status\n",
        "\n\n" + render_row_deleted(config),
    ]
    if setter == "legacy_set_room_status":
        parts.append("\n\n" + LEGACY_SETTER)
    parts.append("\n\n" + render_writer(config, setter=setter, setter_occupancy_keyword=keyword))
    parts.append("\n\n" + render_lock_helper(config))
    module = types.ModuleType(f"generated_{variant.replace('-', '_')}")
    exec(compile("".join(parts), f"<rendered {variant}>", "exec"), module.__dict__)
    return module
