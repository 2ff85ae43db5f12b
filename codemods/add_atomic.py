"""Adds `@transaction.atomic` as the innermost decorator of unprotected mutating view handlers
that write room state (directly, or through the canonical writer, or in the helper methods of
their own class that they call as `self._apply()`, followed through each other).

Reuses an existing alias (`from django.db.transaction import atomic` gives `@atomic`) and adds
`from django.db import transaction` only when needed.

Never touches: handlers already protected in any form (`@atomic`, `@transaction.atomic()`,
`@transaction.atomic(using=...)`, every write inside `with transaction.atomic()`, a class-level
`@method_decorator(transaction.atomic, name="dispatch")`, `atomic-requests = true`), read-only
handlers, handlers whose helpers are atomic themselves or write only inside atomic blocks,
methods of other objects (`self.service.apply()`), and `async def` handlers, which get a warning because `transaction.atomic` is not
async-safe.
"""

from __future__ import annotations

import libcst as cst

from room_refactor.codemods._base import RoomCodemodCommand
from room_refactor.model import Role


class AddAtomicCommand(RoomCodemodCommand):
    DESCRIPTION = "Add @transaction.atomic to unprotected mutating view handlers that write room state."

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        from room_refactor.core.rewrite import RewriteOptions, migrate_module

        analysis, config, _ = self.analyze(tree)
        if analysis.role in (Role.TEST, Role.MIGRATION):
            return tree
        new_tree, notes = migrate_module(tree, analysis, config, RewriteOptions(rewrite_writes=False, add_atomic=True))
        self.report(notes)
        return new_tree
