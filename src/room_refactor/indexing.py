"""Building the model index of a run: which project files to read, and reading them. I/O; the
index itself is `core.model_index`, pure."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from room_refactor import files
from room_refactor.config import Config

if TYPE_CHECKING:
    from room_refactor.core.model_index import ModelIndex

MAX_ROUNDS = 4  # model -> its relations -> theirs ...: a chain longer than this is not followed


def project_index(root: Path, sources: Iterable[files.SourceFile], config: Config) -> ModelIndex:
    """The model index from the project's files (every file under the root that discovery keeps,
    not only the given paths: a view's model lives elsewhere). Reads each file once, parses only
    the files that name the model, a class learnt to relate to it, or a state field."""
    from room_refactor.core import model_index as mi

    data: dict[str, bytes] = {}
    for source in sources:
        try:
            data[source.rel] = files.read_source(source.path)
        except (OSError, files.NotRegular):
            continue  # the run itself reports unreadable files
    names = {config.model_name}
    selected: dict[str, bytes] = {}
    looking_for = set(names)  # each round looks only for the names learnt in the round before
    for _ in range(MAX_ROUNDS):
        selection = mi.Selection(looking_for, config.fields)
        fresh = {rel: raw for rel, raw in data.items() if rel not in selected and selection.wants(raw)}
        model_rel = files.relative(files.module_path(root, config.model_module), root)
        if model_rel in data and model_rel not in selected:
            fresh[model_rel] = data[model_rel]
        if not fresh:
            break
        selected.update(fresh)
        learnt: set[str] = set()
        for raw in fresh.values():
            learnt |= mi.learnt_names(raw, names)
        if not learnt:
            break
        names |= learnt
        looking_for = learnt
    modules = []
    for rel, raw in sorted(selected.items()):
        try:
            text = files.decode(raw).text
        except files.DecodeError:
            continue
        modules.append((files.module_name(rel), text, rel.endswith("__init__.py")))
    return mi.build_index(modules, model=config.model, fields=config.fields)
