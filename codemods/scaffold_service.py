"""Creates the canonical writer `set_room_occupancy_and_status` and the row-lock helper
`lock_room_rows` in the `service` module when they are missing (the code is the templates of
`room_refactor.core.writer_templates`): keyword-only `is_occupied` and `status`, one
transaction, the row locked with `select_for_update()`, status changes delegated first to the
`status-setter` on the locked row, then occupancy in one UPDATE, the saved values copied back
onto the caller's instance.

Never touches: a writer or lock helper the service module already defines, and any other module. Run
under libcst.tool, it only extends the service module when that file is among the paths; it
cannot create a missing file (use `room-refactor migrate` for that).
"""

from __future__ import annotations

import libcst as cst

from room_refactor.codemods._base import RoomCodemodCommand


class ScaffoldServiceCommand(RoomCodemodCommand):
    DESCRIPTION = "Create set_room_occupancy_and_status() and its row-lock helper in the service module when missing."

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        from room_refactor.core.scaffold import add_writer, defines_function

        config, _, module_name, _ = self._setup()
        if module_name != config.service_module:
            return tree
        setter_available = False
        if config.status_setter:
            setter_module, _, setter_name = config.status_setter.rpartition(".")
            setter_available = setter_module != module_name or defines_function(tree, setter_name)
        return add_writer(tree, config, setter_available=setter_available)
