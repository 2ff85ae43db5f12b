"""Write sites: what the audit finds, of which kind, where, and the flags it gives each one.

Each table row is an inline source and the sites it must produce, as
`(line, field, kind, receiver, scope)` tuples; an empty list means "nothing here is a write".
"""

from __future__ import annotations

import pytest

from room_refactor.model import Form, Kind, WriteSite

from tests.core.tools import analyze


def found(source: str, **options: object) -> list[tuple[int, str | None, str, str, str]]:
    return [(s.line, s.field, s.kind.value, s.receiver, s.scope) for s in analyze(source, **options).sites]


def only_site(source: str, **options: object) -> WriteSite:
    sites = analyze(source, **options).sites
    assert len(sites) == 1, sites
    return sites[0]


# -- what is not a write: the safety net first ------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            '''\
            def f(room):
                """Sets room.is_occupied = True and room.room_status = 'OCCUPIED'."""
                return room
            ''',
            id="docstring",
        ),
        pytest.param(
            """\
            def f(room):
                # room.is_occupied = True
                text = "room.room_status = 'OCCUPIED'"
                template = f"{room}.is_occupied = True"
                return text, template
            """,
            id="comment-and-strings",
        ),
        pytest.param(
            """\
            def f(room):
                room.room_status_label = room.get_room_status_display()
                room.is_occupied_since = None
                room.status = "x"
            """,
            id="other-attributes-with-a-longer-name",
        ),
        pytest.param(
            """\
            def f(room, other):
                if room.is_occupied and room.room_status == "OCCUPIED":
                    other.label = room.room_status
                label = room.room_status
                print(room.is_occupied)
                return {"room_status": room.room_status}
            """,
            id="reads",
        ),
        pytest.param(
            """\
            from django.db import models


            class Seat(models.Model):
                is_occupied = models.BooleanField(default=False)
                room_status = models.CharField(max_length=20)


            def f(guest: Seat, booking: dict, request):
                guest.is_occupied = True
                booking.room_status = "OCCUPIED"
                request.data.room_status = "x"
                setattr(guest, "room_status", "x")
                Seat(is_occupied=True).is_occupied = False
            """,
            id="receivers-typed-as-another-class-or-of-a-shared-field",
        ),
        pytest.param(
            """\
            def f(room, name):
                setattr(room, "other", 1)
                setattr(room, "room_status_label", 1)
                getattr(room, "room_status")
                setattr(room, "room_status")
            """,
            id="setattr-of-another-field-or-incomplete",
        ),
        pytest.param(
            """\
            def f(room):
                room.room_status: str
                room.is_occupied: bool
            """,
            id="annotation-without-value",
        ),
        pytest.param(
            """\
            class Room(models.Model):
                is_occupied = models.BooleanField(default=False)
                room_status = models.CharField(max_length=32)
            """,
            id="model-field-definitions",
        ),
        pytest.param(
            """\
            def f(hotel):
                Room.objects.filter(room_status="OCCUPIED", is_occupied=True).update(name="x")
                Hotel.objects.create(name="x")
                Room.objects.bulk_update(rooms, ["name"])
                Room.objects.bulk_update(rooms, fields=field_names)
                Room.objects.update(**changes)
            """,
            id="calls-that-write-other-fields-or-only-filter",
        ),
        pytest.param(
            """\
            def f(room):
                room.save(update_fields=["is_occupied", "room_status"])
                room.refresh_from_db(fields=["room_status"])
            """,
            id="save-and-refresh",
        ),
    ],
)
def test_not_a_write(source: str) -> None:
    assert found(source) == []


# -- attribute ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            def f(room):
                room.is_occupied = True
                room.room_status = "OCCUPIED"
            """,
            [(2, "is_occupied", "attribute", "room", "f"), (3, "room_status", "attribute", "room", "f")],
            id="plain",
        ),
        pytest.param(
            """\
            def f(a, b, v):
                a.room.is_occupied = b.room.is_occupied = v
            """,
            [(2, "is_occupied", "attribute", "a.room", "f"), (2, "is_occupied", "attribute", "b.room", "f")],
            id="chained-gives-one-site-per-target",
        ),
        pytest.param(
            """\
            def f(room):
                room.is_occupied, room.room_status = True, "OCCUPIED"
            """,
            [(2, "is_occupied", "attribute", "room", "f"), (2, "room_status", "attribute", "room", "f")],
            id="tuple",
        ),
        pytest.param(
            """\
            def f(from_room, to_room, pair):
                (from_room.is_occupied, [to_room.is_occupied, *rest]) = pair
                first, *to_room.room_status = pair
            """,
            [
                (2, "is_occupied", "attribute", "from_room", "f"),
                (2, "is_occupied", "attribute", "to_room", "f"),
                (3, "room_status", "attribute", "to_room", "f"),
            ],
            id="nested-tuple-list-and-starred",
        ),
        pytest.param(
            """\
            def f(room, busy):
                room.is_occupied |= busy
                room.room_status += "_LATE"
            """,
            [(2, "is_occupied", "attribute", "room", "f"), (3, "room_status", "attribute", "room", "f")],
            id="augmented",
        ),
        pytest.param(
            """\
            def f(room):
                room.room_status: str = "OCCUPIED"
            """,
            [(2, "room_status", "attribute", "room", "f")],
            id="annotated",
        ),
        pytest.param(
            """\
            def f(self, booking):
                self.room.is_occupied = True
                booking.assigned_room.room_status = "OCCUPIED"
                self.booking.to_room.is_occupied = False
            """,
            [
                (2, "is_occupied", "attribute", "self.room", "f"),
                (3, "room_status", "attribute", "booking.assigned_room", "f"),
                (4, "is_occupied", "attribute", "self.booking.to_room", "f"),
            ],
            id="dotted-receivers-ending-in-room",
        ),
    ],
)
def test_attribute_shapes(source: str, expected: list[tuple[int, str, str, str, str]]) -> None:
    assert found(source) == expected


@pytest.mark.parametrize(
    ("source", "line"),
    [
        pytest.param("if busy: room.is_occupied = True\n", 1, id="one-line-if"),
        pytest.param("x = 1; room.is_occupied = True\n", 1, id="after-a-semicolon"),
        pytest.param("for room in rooms:\n    room.is_occupied = True\n", 2, id="for-body"),
        pytest.param("while busy:\n    pass\nelse:\n    room.is_occupied = True\n", 4, id="while-else"),
        pytest.param("with lock:\n    room.is_occupied = True\n", 2, id="with-body"),
        pytest.param("try:\n    pass\nexcept Exception:\n    room.is_occupied = True\n", 4, id="except"),
        pytest.param("try:\n    pass\nfinally:\n    room.is_occupied = True\n", 4, id="finally"),
        pytest.param("if a:\n    pass\nelif b:\n    if c:\n        room.is_occupied = True\n", 5, id="deep-elif"),
        pytest.param("async def f(room):\n    async with lock:\n        room.is_occupied = True\n", 3, id="async"),
        pytest.param(
            "match event:\n    case 'in':\n        room.is_occupied = True\n", 3, id="match-case-py310"
        ),
    ],
)
def test_attribute_in_any_statement_position(source: str, line: int) -> None:
    assert [(s.line, s.field, s.kind) for s in analyze(source).sites] == [(line, "is_occupied", Kind.ATTRIBUTE)]


@pytest.mark.parametrize(
    ("source", "form"),
    [
        pytest.param("room.is_occupied = True\n", Form.SIMPLE, id="simple"),
        pytest.param("room.is_occupied: bool = True\n", Form.ANNOTATED, id="annotated"),
        pytest.param("room.is_occupied |= True\n", Form.AUGMENTED, id="augmented"),
        pytest.param("room.is_occupied = x = True\n", Form.CHAINED, id="chained"),
        pytest.param("room.is_occupied, x = True, 1\n", Form.TUPLE, id="tuple"),
        pytest.param("setattr(room, 'is_occupied', True)\n", Form.CALL, id="setattr"),
    ],
)
def test_form_records_the_shape_of_the_write(source: str, form: Form) -> None:
    assert only_site(source).form is form


def test_position_value_and_role_are_recorded() -> None:
    site = only_site(
        """\
        def start_cleaning(request, room):
            if room.room_status == "CHECKOUT_DIRTY":
                room.room_status = 'CLEANING_IN_PROGRESS'
        """,
        path="rooms/views.py",
    )
    assert (site.path, site.line, site.column, site.value, site.role.value) == (
        "rooms/views.py",
        3,
        8,
        "'CLEANING_IN_PROGRESS'",
        "view",
    )


# -- setattr and dynamic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            def f(room, request):
                setattr(room, "room_status", request.data["status"])
                setattr(room, 'is_occupied', True)
            """,
            [(2, "room_status", "setattr", "room", "f"), (3, "is_occupied", "setattr", "room", "f")],
            id="literal-name",
        ),
        pytest.param(
            """\
            def f(room, changes):
                for field, value in changes.items():
                    setattr(room, field, value)
            """,
            [(3, None, "dynamic", "room", "f")],
            id="dynamic-name",
        ),
        pytest.param(
            """\
            def f(guest, name):
                setattr(guest, name, 1)
            """,
            [],
            id="dynamic-name-on-another-receiver",
        ),
    ],
)
def test_setattr(source: str, expected: list[tuple[int, str | None, str, str, str]]) -> None:
    assert found(source) == expected


def test_setattr_value_is_the_third_argument() -> None:
    assert only_site('setattr(room, "room_status", new_status)\n').value == "new_status"


# -- queryset-update, create, bulk-update -----------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            def approve(hotel):
                Room.objects.filter(hotel=hotel, room_status="CLEANED").update(
                    room_status="READY_FOR_GUEST"
                )
            """,
            [(3, "room_status", "queryset-update", 'Room.objects.filter(hotel=hotel, room_status="CLEANED")', "approve")],
            id="filter-then-update",
        ),
        pytest.param(
            """\
            def reset(qs):
                Room.objects.update(is_occupied=False, room_status="READY_FOR_GUEST")
                qs.update(is_occupied=True)
            """,
            [
                (2, "is_occupied", "queryset-update", "Room.objects", "reset"),
                (2, "room_status", "queryset-update", "Room.objects", "reset"),
                (3, "is_occupied", "queryset-update", "qs", "reset"),
            ],
            id="manager-and-any-queryset",
        ),
    ],
)
def test_queryset_update(source: str, expected: list[tuple[int, str, str, str, str]]) -> None:
    assert found(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            def setup(hotel):
                Room.objects.create(hotel=hotel, is_occupied=False, room_status="READY_FOR_GUEST")
            """,
            [(2, "is_occupied", "create", "Room.objects", "setup"), (2, "room_status", "create", "Room.objects", "setup")],
            id="create",
        ),
        pytest.param(
            """\
            def setup(hotel):
                Room.objects.get_or_create(number="101", defaults={"room_status": "READY_FOR_GUEST"})
            """,
            [(2, "room_status", "create", "Room.objects", "setup")],
            id="get_or_create-defaults",
        ),
        pytest.param(
            """\
            def setup(hotel):
                Room.objects.update_or_create(
                    number="101",
                    is_occupied=False,
                    defaults={"is_occupied": True, "name": "x", 'room_status': "OCCUPIED"},
                )
            """,
            [
                (4, "is_occupied", "create", "Room.objects", "setup"),
                (5, "is_occupied", "create", "Room.objects", "setup"),
                (5, "room_status", "create", "Room.objects", "setup"),
            ],
            id="update_or_create-lookup-and-defaults",
        ),
        pytest.param(
            """\
            def setup(hotel):
                Room.objects.update_or_create(number="101", create_defaults={"room_status": "READY_FOR_GUEST"})
            """,
            [(2, "room_status", "create", "Room.objects", "setup")],
            id="create_defaults",
        ),
        pytest.param(
            """\
            def setup(hotel):
                Room.objects.get_or_create(number="101", defaults={"name": "x"})
                RoomStatusEvent.objects.create(room=room, from_status="x", to_status="y")
            """,
            [],
            id="creates-without-the-fields",
        ),
    ],
)
def test_create(source: str, expected: list[tuple[int, str, str, str, str]]) -> None:
    assert found(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            def send(rooms):
                Room.objects.bulk_update(rooms, ["room_status"])
            """,
            [(2, "room_status", "bulk-update", "Room.objects", "send")],
            id="positional",
        ),
        pytest.param(
            """\
            def send(rooms):
                Room.objects.bulk_update(rooms, fields=("is_occupied", "name", "room_status"), batch_size=100)
            """,
            [(2, "is_occupied", "bulk-update", "Room.objects", "send"), (2, "room_status", "bulk-update", "Room.objects", "send")],
            id="fields-keyword",
        ),
    ],
)
def test_bulk_update(source: str, expected: list[tuple[int, str, str, str, str]]) -> None:
    assert found(source) == expected


def test_bulk_update_value_is_the_objects_argument() -> None:
    assert only_site("Room.objects.bulk_update(dirty_rooms, ['room_status'])\n").value == "dirty_rooms"


# -- receivers ------------------------------------------------------------------------------------


def test_receivers_do_not_filter_bulk_writes() -> None:
    # a queryset or manager is never a Room instance: the receivers setting cannot apply to it
    source = """\
        def f(qs):
            qs.update(room_status="x")
        """
    assert found(source, receivers=["guest"]) == [(2, "room_status", "queryset-update", "qs", "f")]


# -- scopes ---------------------------------------------------------------------------------------


def test_scopes() -> None:
    source = """\
        room.room_status = "MODULE"

        class RoomViewSet:
            room.is_occupied = False

            def destroy(self, room):
                room.is_occupied = False

                def later():
                    room.room_status = "DIRTY"

        def outer(room):
            def inner():
                room.is_occupied = True

            class Local:
                def method(self, room):
                    room.is_occupied = True

        async def handler(room):
            room.is_occupied = True
        """
    assert [(s.line, s.scope) for s in analyze(source).sites] == [
        (1, "<module>"),
        (4, "RoomViewSet"),
        (7, "RoomViewSet.destroy"),
        (10, "RoomViewSet.destroy.later"),
        (14, "outer.inner"),
        (18, "outer.Local.method"),
        (21, "handler"),
    ]


# -- paired ----------------------------------------------------------------------------------------


def paired(source: str) -> list[tuple[int, bool]]:
    return [(s.line, s.paired) for s in analyze(source).sites]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            def f(room):
                room.is_occupied = True
                log("between")
                room.room_status = "OCCUPIED"
            """,
            [(2, True), (4, True)],
            id="same-receiver-same-block",
        ),
        pytest.param(
            """\
            def f(room):
                room.is_occupied, room.room_status = True, "OCCUPIED"
            """,
            [(2, True), (2, True)],
            id="tuple-target",
        ),
        pytest.param(
            """\
            def f(room):
                room.is_occupied = True
                setattr(room, "room_status", "OCCUPIED")
            """,
            [(2, True), (3, True)],
            id="attribute-and-setattr",
        ),
        pytest.param(
            """\
            def f(room, busy):
                if busy:
                    room.is_occupied = True
                else:
                    room.room_status = "READY_FOR_GUEST"
            """,
            [(3, False), (5, False)],
            id="not-across-if-else",
        ),
        pytest.param(
            """\
            def f(room, busy):
                room.is_occupied = True
                if busy:
                    room.room_status = "OCCUPIED"
            """,
            [(2, False), (4, False)],
            id="not-into-a-nested-block",
        ),
        pytest.param(
            """\
            def f(from_room, to_room):
                from_room.is_occupied = False
                to_room.room_status = "OCCUPIED"
            """,
            [(2, False), (3, False)],
            id="not-different-receivers",
        ),
        pytest.param(
            """\
            def f(room):
                room.room_status = "CLEANING"
                room.room_status = "CLEANED"
            """,
            [(2, False), (3, False)],
            id="not-the-same-field-twice",
        ),
        pytest.param(
            """\
            def f(room):
                room.is_occupied = True
                Room.objects.filter(pk=room.pk).update(room_status="OCCUPIED")
            """,
            [(2, False), (3, False)],
            id="not-with-a-bulk-write",
        ),
    ],
)
def test_paired(source: str, expected: list[tuple[int, bool]]) -> None:
    assert paired(source) == expected


# -- ignored ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            room.room_status = "X"  # room-refactor: ignore
            room.is_occupied = True
            """,
            [(1, True), (2, False)],
            id="only-the-line-with-the-pragma",
        ),
        pytest.param(
            """\
            room.room_status = compute(  # room-refactor: ignore
                room,
            )
            """,
            [(1, True)],
            id="first-line-of-a-multi-line-statement",
        ),
        pytest.param(
            """\
            room.room_status = compute(
                room,
            )  # room-refactor: ignore
            """,
            [(1, True)],
            id="last-line-of-a-multi-line-statement",
        ),
        pytest.param(
            """\
            setattr(room, field, value)  #room-refactor:ignore
            """,
            [(1, True)],
            id="without-spaces",
        ),
        pytest.param(
            # where migrate puts the pragma when it does not fit after the write
            """\
            # room-refactor: ignore
            room.room_status = "X"
            """,
            [(2, True)],
            id="on-its-own-line-just-above",
        ),
        pytest.param(
            """\
            # room-refactor: ignore

            room.room_status = "X"
            """,
            [(3, False)],
            id="not-across-a-blank-line",
        ),
        pytest.param(
            """\
            # room-refactor: ignore
            # the next write is for the PMS
            room.room_status = "X"
            """,
            [(3, False)],
            id="not-from-two-lines-above",
        ),
        pytest.param(
            """\
            room.is_occupied = True  # room-refactor: ignore
            room.room_status = "X"
            """,
            [(1, True), (2, False)],
            id="a-trailing-pragma-covers-its-own-line-only",
        ),
        pytest.param(
            """\
            def f(room):
                x = g(
                    # room-refactor: ignore
                    1,
                )
                room.room_status = "X"
            """,
            [(6, False)],
            id="not-from-inside-the-brackets-above",
        ),
        pytest.param(
            """\
            room.room_status = "# room-refactor: ignore"
            """,
            [(1, False)],
            id="not-inside-a-string",
        ),
        pytest.param(
            """\
            room.room_status = "X"  # room-refactor: ignore (PMS sync, reviewed)
            """,
            [(1, True)],
            id="followed-by-other-text",
        ),
        pytest.param(
            """\
            room.room_status = "X"  # room-refactor: ignorance
            """,
            [(1, False)],
            id="not-a-longer-word",
        ),
    ],
)
def test_ignored(source: str, expected: list[tuple[int, bool]]) -> None:
    assert [(s.line, s.ignored) for s in analyze(source).sites] == expected


# -- canonical and bypass ---------------------------------------------------------------------------


EVERY_KIND = """\
    def f(room, rooms, name):
        room.is_occupied = True
        setattr(room, "room_status", "x")
        setattr(room, name, "x")
        Room.objects.filter(pk=1).update(room_status="x")
        Room.objects.create(is_occupied=False)
        Room.objects.bulk_update(rooms, ["room_status"])
        room.room_status = "x"  # room-refactor: ignore
    """


def flags(source: str, **options: object) -> list[tuple[str, bool, bool, bool]]:
    return [(s.kind.value, s.canonical, s.ignored, s.bypass) for s in analyze(source, **options).sites]


def test_bypass_is_a_direct_write_outside_the_canonical_modules_and_not_ignored() -> None:
    assert flags(EVERY_KIND, path="rooms/views.py") == [
        ("attribute", False, False, True),
        ("setattr", False, False, True),
        ("dynamic", False, False, True),
        ("queryset-update", False, False, False),
        ("create", False, False, False),
        ("bulk-update", False, False, False),
        ("attribute", False, True, False),
    ]


@pytest.mark.parametrize(
    ("path", "table"),
    [
        pytest.param("housekeeping/services.py", {}, id="the-writers-module-by-default"),
        pytest.param(
            "housekeeping/services.py", {"canonical": ["legacy.sync"]}, id="the-writers-module-always"
        ),
        pytest.param("legacy/sync.py", {"canonical": ["legacy.sync"]}, id="a-module-in-the-setting"),
        pytest.param("legacy/sync/rooms.py", {"canonical": ["legacy.sync"]}, id="a-module-inside-a-package-in-the-setting"),
        pytest.param("src/legacy/sync.py", {"canonical": ["legacy.sync"]}, id="src-layout"),
    ],
)
def test_canonical_modules_never_bypass(path: str, table: dict[str, object]) -> None:
    assert {(canonical, bypass) for _, canonical, _, bypass in flags(EVERY_KIND, path=path, **table)} == {
        (True, False)
    }


@pytest.mark.parametrize(
    ("path", "table"),
    [
        pytest.param("legacy/sync.py", {}, id="not-in-the-default"),
        pytest.param("legacy/synchronise.py", {"canonical": ["legacy.sync"]}, id="a-prefix-is-not-a-package"),
        pytest.param("housekeeping/views.py", {}, id="the-writers-app-is-not-its-module"),
    ],
)
def test_other_modules_are_not_canonical(path: str, table: dict[str, object]) -> None:
    assert {canonical for _, canonical, _, _ in flags(EVERY_KIND, path=path, **table)} == {False}


def test_the_writers_module_follows_the_service_setting() -> None:
    table = {"service": "rooms.state.set_occupancy", "status-setter": "rooms.state.set_status"}
    assert {s.canonical for s in analyze(EVERY_KIND, path="rooms/state.py", **table).sites} == {True}
    assert {s.canonical for s in analyze(EVERY_KIND, path="housekeeping/services.py", **table).sites} == {True}
    assert {s.canonical for s in analyze(EVERY_KIND, path="rooms/views.py", **table).sites} == {False}


def test_fields_follow_the_configuration() -> None:
    source = """\
        def f(room):
            room.occupied = True
            room.state = "x"
            room.is_occupied = True
        """
    table = {"occupancy-field": "occupied", "status-field": "state"}
    assert [(s.line, s.field) for s in analyze(source, **table).sites] == [(2, "occupied"), (3, "state")]
