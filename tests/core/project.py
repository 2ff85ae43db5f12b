"""A small project of inline modules, analysed the way a run analyses it: one model index for
all of them, then one module at a time. Shared by the model-index and receiver-typing tests."""

from __future__ import annotations

import textwrap
from typing import Any

import libcst as cst

from room_refactor.config import Config, config_from_table
from room_refactor.core.analysis import analyze_module
from room_refactor.core.model_index import ModelIndex, build_index
from room_refactor.files import module_name, module_role
from room_refactor.model import Analysis

MODELS = """\
    from django.db import models


    class RoomQuerySet(models.QuerySet):
        def vacant(self):
            return self.filter(is_occupied=False)


    class Building(models.Model):
        name = models.CharField(max_length=10)


    class Room(models.Model):
        is_occupied = models.BooleanField(default=False)
        room_status = models.CharField(max_length=32)
        building = models.ForeignKey("rooms.Building", related_name="rooms", on_delete=models.CASCADE)
        objects = RoomQuerySet.as_manager()

        class Meta:
            db_table = "hotel_rooms"


    class MeetingRoom(models.Model):
        is_occupied = models.BooleanField(default=False)


    class Booking(models.Model):
        suite = models.ForeignKey(Room, on_delete=models.CASCADE)
        hall = models.ForeignKey(MeetingRoom, on_delete=models.CASCADE)


    class Key(models.Model):
        booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="key")
    """


def project_index(sources: dict[str, str], config: Config | None = None) -> ModelIndex:
    config = config or Config()
    modules = [(module_name(path), textwrap.dedent(text), path.endswith("__init__.py")) for path, text in sources.items()]
    return build_index(modules, model=config.model, fields=config.fields)


def analyze_in_project(sources: dict[str, str], path: str, **table: Any) -> Analysis:
    """The analysis of `sources[path]`, with the index of every module in `sources`."""
    config = config_from_table(table) if table else Config()
    index = project_index(sources, config)
    text = textwrap.dedent(sources[path])
    module = cst.parse_module(text)
    return analyze_module(
        module, config, path=path, module_name=module_name(path), role=module_role(path), source=text, index=index
    ).public


def typed_sites(body: str, *, models: str = MODELS, **table: Any) -> list[tuple[int, str | None, str]]:
    """(line, field, typed_by) of each site of `body` (a `rooms/services.py` that may import from
    `rooms.models`), in a project whose models are `models`."""
    analysis = analyze_in_project({"rooms/models.py": models, "rooms/services.py": body}, "rooms/services.py", **table)
    return [(s.line, s.field, s.typed_by) for s in analysis.sites]
