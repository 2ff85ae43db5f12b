"""Rewrites direct writes of the two state fields into calls of the canonical writer.

`room.room_status = X` becomes `set_room_occupancy_and_status(room, status=X)`; a safe pair on
one receiver becomes one call; literal `setattr` is rewritten too; a later
`save(update_fields=[...])` loses the migrated names and disappears when empty; the writer is
imported per `import-style`, locally where a top-level import would close an import cycle.

Never touches: canonical modules, test and migration files, lines with
`# room-refactor: ignore`, dynamic field names, chained and tuple targets, augmented
assignments, bulk writes (`.update()`, `bulk_update`) and `create` calls. Each left-alone write
gets a warning.
"""

from __future__ import annotations

import libcst as cst

from room_refactor import files
from room_refactor.codemods._base import RoomCodemodCommand
from room_refactor.model import Role


class RewriteStateWritesCommand(RoomCodemodCommand):
    DESCRIPTION = "Rewrite direct writes of is_occupied/room_status into set_room_occupancy_and_status()."

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        from room_refactor.core.imports import reachable_modules
        from room_refactor.core.rewrite import RewriteOptions, migrate_module

        analysis, config, root = self.analyze(tree)
        if analysis.role in (Role.TEST, Role.MIGRATION):
            return tree
        cycle = False
        if config.import_style == "auto" and root is not None:
            cycle = analysis.module_name in reachable_modules(config.service_module, files.module_lookup(root))
        local = config.import_style == "local" or (
            config.import_style == "auto" and (analysis.role is Role.MODEL or cycle)
        )
        new_tree, notes = migrate_module(
            tree, analysis, config, RewriteOptions(rewrite_writes=True, add_atomic=False, local_import=local)
        )
        self.report(notes)
        return new_tree
