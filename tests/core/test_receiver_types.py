"""Receiver typing: which writes are writes of the model, and how each receiver's type was known.

Each case is a `rooms/services.py` in a project whose models are `tests/core/project.py`'s
MODELS: Room (the model), MeetingRoom (an `is_occupied` of its own), Booking (`suite` -> Room,
`hall` -> MeetingRoom), Building (`rooms`, the reverse accessor of Room.building) and Key (a
one-to-one to Booking). A line that ends in `# -> <typed_by>` must be a site typed that way;
every other line must not be a site.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from tests.core.project import MODELS, analyze_in_project, typed_sites

HEADER = """\
from typing import Optional

from django.shortcuts import get_object_or_404

from rooms.models import Booking, Building, MeetingRoom, Room
"""


def check(body: str, **table: object) -> None:
    source = HEADER + textwrap.dedent(body)
    expected = sorted(
        (number, match["typed_by"])
        for number, line in enumerate(source.splitlines(), start=1)
        if (match := re.search(r"# -> (?P<typed_by>[\w-]+)", line))
    )
    found = sorted((line, typed_by) for line, _field, typed_by in typed_sites(source, **table))
    assert found == expected


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            """\
            def f(pk, r: Room, maybe: Optional[Room], union: Room | None, text: "Room"):
                r.room_status = "x"  # -> annotation
                maybe.room_status = "x"  # -> annotation
                union.is_occupied = True  # -> annotation
                text.is_occupied = True  # -> annotation
            """,
            id="annotations",
        ),
        pytest.param(
            """\
            def f(pk):
                a = Room.objects.get(pk=pk)
                a.is_occupied = True  # -> manager
                b = Room.objects.filter(pk=pk).first()
                b.is_occupied = True  # -> manager
                c = Room.objects.select_for_update().get(pk=pk)
                c.is_occupied = True  # -> manager
                d, created = Room.objects.get_or_create(pk=pk)
                d.is_occupied = True  # -> manager
                e = get_object_or_404(Room, pk=pk)
                e.is_occupied = True  # -> manager
                g = Room.objects.vacant().latest("pk")
                g.is_occupied = True  # -> manager
            """,
            id="manager-and-queryset-methods",
        ),
        pytest.param(
            """\
            def f(pk):
                for r in Room.objects.filter(is_occupied=False):
                    r.is_occupied = True  # -> queryset
                rooms = list(Room.objects.all())
                rooms[0].is_occupied = True  # -> queryset
                for i, room in enumerate(rooms):
                    room.is_occupied = True  # -> queryset
                if (w := Room.objects.first()) is not None:
                    w.is_occupied = True  # -> manager
            """,
            id="loops-subscripts-walrus",
        ),
        pytest.param(
            """\
            def f(booking: Booking, building: Building, pk):
                booking.suite.is_occupied = True  # -> fk
                for room in building.rooms.all():
                    room.is_occupied = True  # -> fk
                building.rooms.update(room_status="x")  # -> fk
                key = Booking.objects.get(pk=pk).key
                key.booking.suite.room_status = "x"  # -> fk
            """,
            id="relations-forward-and-reverse",
        ),
        pytest.param(
            """\
            def f(pk):
                room = Room.objects.get(pk=pk)
                room.save()
                room.room_status = "x"  # -> manager
                Room.objects.filter(pk=pk).update(room_status="x")  # -> manager
                Room.objects.create(room_status="x")  # -> manager
            """,
            id="bulk-and-create",
        ),
    ],
)
def test_typed_receivers(body: str) -> None:
    check(body)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            """\
            def f(pk, seat: MeetingRoom):
                hall = MeetingRoom.objects.get(pk=pk)
                hall.is_occupied = True
                seat.is_occupied = True
                room = MeetingRoom.objects.get(pk=pk)  # named like a room, typed as another model
                room.is_occupied = True
                MeetingRoom.objects.filter(pk=pk).update(is_occupied=True)
            """,
            id="another-model-with-a-field-of-the-same-name",
        ),
        pytest.param(
            """\
            def f(booking: Booking, payload):
                booking.hall.is_occupied = True
                data = {}
                data.update(is_occupied=True)
                snapshot = dict(room_status="x")
                snapshot.update(room_status="y")
            """,
            id="relations-to-other-models-and-dicts",
        ),
        pytest.param(
            """\
            def f(unknown):
                unknown.is_occupied = True  # MeetingRoom declares it too: not proven
                if unknown.is_occupied:
                    return Room.objects.filter(is_occupied=True)
            """,
            id="unknown-receiver-of-a-shared-field-and-reads",
        ),
    ],
)
def test_not_the_model(body: str) -> None:
    check(body)


def test_unknown_receiver_counts_by_elimination_when_no_other_class_declares_the_field() -> None:
    check(
        """\
        def f(anything):
            anything.room_status = "x"  # -> field-owner
        """
    )


def test_receivers_setting_only_adds_unknown_receivers() -> None:
    body = """\
        def f(suite, pk):
            suite.is_occupied = True  # -> name
            hall = MeetingRoom.objects.get(pk=pk)
            hall.is_occupied = True  # proven another model: never a site, whatever receivers says
        """
    check(body, receivers=["suite", "hall"])


def test_receivers_match_in_full() -> None:
    check(
        """\
        def f(guest, guestroom):
            guest.is_occupied = True  # -> name
            guestroom.is_occupied = True
        """,
        receivers=["guest"],
    )


SERVICES_MODELS = MODELS + """\

    from dataclasses import dataclass


    @dataclass
    class RoomSnapshot:
        room_status: str
    """


def test_a_dataclass_with_the_field_is_told_apart_only_when_its_type_is_known() -> None:
    # Only models count against an untyped receiver (`snapshot`: field-owner); a dataclass
    # instance whose type is known (`made`) is never a site.
    source = HEADER + textwrap.dedent(
        """\
        from rooms.models import RoomSnapshot


        def f(snapshot, pk):
            snapshot.room_status = "x"
            made = RoomSnapshot(room_status="x")
            made.room_status = "y"
            room = Room.objects.get(pk=pk)
            room.room_status = "z"
        """
    )
    assert [(line, typed) for line, _f, typed in typed_sites(source, models=SERVICES_MODELS)] == [
        (10, "field-owner"),
        (14, "manager"),
    ]


def test_self_in_the_model_and_in_its_queryset() -> None:
    models = MODELS.replace(
        "        def vacant(self):\n            return self.filter(is_occupied=False)\n",
        "        def vacant(self):\n            return self.filter(is_occupied=False)\n\n"
        "        def close_first(self):\n            room = self.first()\n            room.room_status = 'CLOSED'\n",
    ) + textwrap.indent(
        textwrap.dedent(
            """\


            class Suite(Room):
                def occupy(self):
                    self.is_occupied = True
            """
        ),
        "    ",
    )
    analysis = analyze_in_project({"rooms/models.py": models}, "rooms/models.py")
    assert sorted((s.field, s.typed_by, s.model) for s in analysis.sites) == [
        ("is_occupied", "self", "rooms.models.Suite"),
        ("room_status", "self", "rooms.models.Room"),
    ]


def test_helpers_across_modules_and_init_attributes() -> None:
    sources = {
        "rooms/models.py": MODELS,
        "rooms/lookups.py": """\
            from rooms.models import Room


            def room_for(pk):
                return Room.objects.get(pk=pk)


            def annotated(pk) -> "Room":
                ...
            """,
        "rooms/services.py": """\
            from rooms.lookups import annotated, room_for
            from rooms.models import Room


            class Move:
                def __init__(self, target: Room):
                    self.target = target

                def run(self, pk):
                    self.target.is_occupied = True
                    room_for(pk).is_occupied = True
                    found = annotated(pk)
                    found.is_occupied = True
            """,
    }
    analysis = analyze_in_project(sources, "rooms/services.py")
    assert [(s.line, s.typed_by) for s in analysis.sites] == [(10, "init"), (11, "return"), (13, "return")]


def test_unsaved_instances_are_sites_but_not_bypasses() -> None:
    source = HEADER + textwrap.dedent(
        """\
        def f():
            room = Room(room_status="x")
            room.is_occupied = True
            room.save()
            room.is_occupied = False
        """
    )
    analysis = analyze_in_project({"rooms/models.py": MODELS, "rooms/services.py": source}, "rooms/services.py")
    assert [(s.line, s.unsaved, s.bypass) for s in analysis.sites] == [(8, "constructor", False), (10, None, True)]


def test_a_custom_manager_method_is_typed_by_its_own_returns_never_guessed() -> None:
    """`get_primary()` returns `self.get(...)` (or None): an instance; `vacant()` returns
    `self.filter(...)`: a queryset; a method whose returns say neither is unknown, and its result
    is typed by elimination like any unknown receiver, never taken for a queryset."""
    models = MODELS.replace(
        "        def vacant(self):\n            return self.filter(is_occupied=False)\n",
        "        def vacant(self):\n            return self.filter(is_occupied=False)\n\n"
        "        def best(self, building):\n            try:\n                return self.get(building=building)\n"
        "            except self.model.DoesNotExist:\n                return None\n\n"
        "        def summary(self):\n            return {'count': self.count()}\n",
    )
    check(
        """\
        def f(building):
            best = Room.objects.best(building)
            best.room_status = "x"  # -> manager
            for room in Room.objects.vacant():
                room.room_status = "x"  # -> queryset
            other = Room.objects.summary()
            other.room_status = "x"  # -> field-owner
            hall = MeetingRoom.objects.summary()
            hall.is_occupied = True
        """,
        models=models,
    )


def test_self_in_the_model_s_own_save_is_being_saved_until_super_save() -> None:
    """Before `super().save()`, `self` is the instance being saved: a site, not a bypass, never
    locked or refreshed (that would throw away what it saves). After it, a plain write again."""
    models = MODELS.replace(
        "    class Room(models.Model):\n",
        "    class Room(models.Model):\n"
        "        def save(self, *args, **kwargs):\n"
        "            if not self.number:\n"
        "                self.room_status = 'NEW'\n"
        "            super().save(*args, **kwargs)\n"
        "            self.is_occupied = False\n"
        "            self.save(update_fields=['is_occupied'])\n\n",
    )
    assert models != MODELS
    analysis = analyze_in_project({"rooms/models.py": models}, "rooms/models.py")
    assert sorted((s.field, s.unsaved, s.bypass) for s in analysis.sites if s.kind.value == "attribute") == [
        ("is_occupied", None, True),
        ("room_status", "save", False),
    ]
