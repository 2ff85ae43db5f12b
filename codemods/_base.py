"""What the three codemod commands share: finding the configuration from the file being
transformed, and calling the same core functions as the `room-refactor` CLI."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
from libcst.codemod import CodemodCommand, CodemodContext

from room_refactor import files
from room_refactor.config import Config, load_config
from room_refactor.core.analysis import ModuleAnalysis, analyze_module
from room_refactor.model import Note


class RoomCodemodCommand(CodemodCommand):
    """Base: the configuration is read from the nearest pyproject.toml above each file."""

    def __init__(self, context: CodemodContext, config: Config | None = None) -> None:
        super().__init__(context)
        self._config = config
        self.notes: list[Note] = []

    def _setup(self) -> tuple[Config, str, str, Path | None]:
        filename = self.context.filename
        if filename is None:
            return self._config or Config(), "<string>", "", None
        loaded = load_config([Path(filename)])
        rel = files.relative(Path(filename).resolve(), loaded.root)
        return self._config or loaded.config, rel, files.module_name(rel), loaded.root

    def analyze(self, tree: cst.Module) -> tuple[ModuleAnalysis, Config, Path | None]:
        config, rel, module_name, root = self._setup()
        role = files.module_role(rel)
        return analyze_module(tree, config, path=rel, module_name=module_name, role=role), config, root

    def report(self, notes: list[Note]) -> None:
        self.notes.extend(notes)
        for note in notes:
            if note.severity == "warning":
                self.warn(f"{note.path}:{note.line}: {note.code}: {note.message}")
